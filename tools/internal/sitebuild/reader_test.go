package sitebuild

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The reader's side of the site: scripts, the search page and box, what Pagefind indexes,
// and the page budget. The browser tests (tools/internal/browser) check the same things
// at work in chromium.

// Scripts are named by the first 10 hex digits of their SHA-256 (site/scripts.html).
var fingerprintedJS = regexp.MustCompile(`/js/(kb|search|decide|glossary)\.[0-9a-f]{10}\.js$`)

// scripts returns the page's executable <script> elements (JSON-LD is data).
func scripts(doc *html.Node) []*html.Node {
	return findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Script && attr(n, "type") != "application/ld+json" })
}

// TestScripts checks that every page loads JavaScript only for previews, search and the
// glossary's filter: kb.js on every page, search.js on the search page alone and
// glossary.js on the glossary index alone, decide.js on the pages with a decision aid
// alone, each from this site, fingerprinted,
// with its integrity hash, deferred.
func TestScripts(t *testing.T) {
	s := realSite(t)
	for _, p := range s.htmlPages(t) {
		if isRedirect(p.doc) {
			if n := len(scripts(p.doc)); n != 0 {
				t.Errorf("Check(%q) = %d scripts; want none on a redirect page", p.path, n)
			}
			continue
		}
		var names []string
		for _, sc := range scripts(p.doc) {
			src := attr(sc, "src")
			m := fingerprintedJS.FindStringSubmatch(src)
			if m == nil || !strings.HasPrefix(src, s.rel("/js/")) {
				t.Errorf("Check(%q) = <script src=%q>; want %s(kb|search|decide|glossary).<10 hex of sha256>.js", p.path, src, s.rel("/js/"))
				continue
			}
			names = append(names, m[1])
			checks := []check{
				{p.path + " " + m[1] + " defer", hasAttr(sc, "defer"), true},
				{p.path + " " + m[1] + " integrity", strings.HasPrefix(attr(sc, "integrity"), "sha256-"), true},
			}
			if _, err := os.Stat(s.file(strings.TrimPrefix(src, s.rel("/")))); err != nil {
				checks = append(checks, check{p.path + " " + m[1] + " published", err.Error(), "exists"})
			}
			runChecks(t, checks)
		}
		want := []string{"kb"}
		if p.path == "/search/" {
			want = []string{"kb", "search"}
		}
		if p.path == "/glossary/" {
			want = []string{"kb", "glossary"}
		}
		if find(p.doc, elemWithClass(atom.Div, "decide")) != nil {
			want = []string{"kb", "decide"} // the guide's decision aid
		}
		if !slices.Equal(names, want) {
			t.Errorf("Check(%q) = scripts %q; want %q", p.path, names, want)
		}
	}
}

func hasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key })
}

// TestSearchPage checks the search page as built: the form is there from the first paint
// (no layout shift), and for readers without JavaScript a <noscript> says search needs it
// and links to the glossary.
func TestSearchPage(t *testing.T) {
	s := realSite(t)
	doc := s.page(t, "/search/")
	box := find(doc, func(n *html.Node) bool { return attr(n, "id") == "search" })
	form := find(box, isElem(atom.Form))
	input := find(form, isElem(atom.Input))
	label := find(form, isElem(atom.Label))
	// This parser runs with scripting on, so it keeps <noscript>'s content as text: parse
	// that as a browser without JavaScript does.
	nojs, err := html.Parse(strings.NewReader(text(find(box, isElem(atom.Noscript)))))
	if err != nil {
		t.Fatal(err)
	}
	message := find(nojs, func(n *html.Node) bool { return attr(n, "id") == "search-message" })
	glossary := find(message, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "href") == s.rel("/glossary/") })
	status := find(box, func(n *html.Node) bool { return attr(n, "id") == "search-status" })
	runChecks(t, []check{
		{"h1", text(find(doc, isElem(atom.H1))), "Search"},
		{"pagefind script", attr(box, "data-pagefind"), s.rel("/pagefind/pagefind.js")},
		{"pagefind base", attr(box, "data-base"), s.rel("/")},
		{"form shown from the first paint", hasAttr(form, "hidden"), false},
		{"form role", attr(form, "role"), "search"},
		{"form action", attr(form, "action"), s.rel("/search/")},
		{"query field", attr(input, "name"), "q"},
		{"query field labelled", attr(label, "for") != "" && attr(label, "for") == attr(input, "id"), true},
		{"message says JavaScript", strings.Contains(text(message), "Search needs JavaScript"), true},
		{"message links to the glossary", text(glossary), "glossary, A to Z"},
		{"status is a live region", attr(status, "role"), "status"},
		{"no header search box on the search page", find(doc, elemWithClass(atom.Form, "site-search")) == nil, true},
	})
}

// nojsCSS is the <noscript> content of every page's <head> (site/head.html).
var nojsCSS = regexp.MustCompile(`^<link rel="?stylesheet"? href="?/[^ >"]*/css/nojs\.[0-9a-f]{8}\.css"?>$`)

// TestHeaderSearchBox checks the header's search box on every other page: a GET form to
// the search page, labelled, there from the first paint (no layout shift), and hidden
// from readers without JavaScript by the stylesheet linked in <head>'s <noscript> (whose
// content this parser, scripting on, keeps as text).
func TestHeaderSearchBox(t *testing.T) {
	s := realSite(t)
	for _, p := range s.htmlPages(t) {
		if isRedirect(p.doc) || p.path == "/search/" {
			continue
		}
		form := find(find(p.doc, elemWithClass(atom.Header, "site-header")), elemWithClass(atom.Form, "site-search"))
		if form == nil {
			t.Errorf("Check(%q) = no header search box; want one", p.path)
			continue
		}
		input := find(form, isElem(atom.Input))
		label := find(form, isElem(atom.Label))
		runChecks(t, []check{
			{p.path + " shown from the first paint", hasAttr(form, "hidden"), false},
			{p.path + " no-JavaScript stylesheet", nojsCSS.MatchString(text(find(find(p.doc, isElem(atom.Head)), isElem(atom.Noscript)))), true},
			{p.path + " role", attr(form, "role"), "search"},
			{p.path + " action", attr(form, "action"), s.rel("/search/")},
			{p.path + " method", attr(form, "method"), "get"},
			{p.path + " field", attr(input, "name"), "q"},
			{p.path + " labelled", attr(label, "for") != "" && attr(label, "for") == attr(input, "id") && text(label) != "", true},
		})
	}
}

// TestSearchIndexAttributes checks what Pagefind indexes: only term, comparison and
// article pages (data-pagefind-body), not the tag pages (/glossary/tags/); a term's name and aliases weigh most; term and
// comparison pages give their summary as the result's text and every indexed page its kind.
func TestSearchIndexAttributes(t *testing.T) {
	s := realSite(t)
	for _, p := range s.htmlPages(t) {
		bodies := findAll(p.doc, func(n *html.Node) bool { return hasAttr(n, "data-pagefind-body") })
		kind := ""
		switch {
		case strings.HasPrefix(p.path, "/glossary/") && p.path != "/glossary/" && !strings.HasPrefix(p.path, "/glossary/tags/") && !isRedirect(p.doc):
			kind = "Glossary term"
		case strings.HasPrefix(p.path, "/compare/") && p.path != "/compare/" && !isRedirect(p.doc):
			kind = "Comparison"
		case strings.HasPrefix(p.path, "/learning/") && p.path != "/learning/" && !isRedirect(p.doc):
			kind = "Article"
		}
		if kind == "" {
			if len(bodies) != 0 {
				t.Errorf("Check(%q) = indexed (data-pagefind-body); want it left out of search", p.path)
			}
			continue
		}
		if len(bodies) != 1 {
			t.Errorf("Check(%q) = %d data-pagefind-body elements; want 1", p.path, len(bodies))
			continue
		}
		if got := attr(bodies[0], "data-pagefind-meta"); got != "kind:"+kind {
			t.Errorf("Check(%q) = data-pagefind-meta %q; want %q", p.path, got, "kind:"+kind)
		}
	}
	for id, tm := range s.data.terms {
		doc := s.page(t, "/glossary/"+id+"/")
		h1 := find(doc, isElem(atom.H1))
		summary := find(doc, func(n *html.Node) bool { return attr(n, "data-pagefind-meta") == "summary" })
		checks := []check{
			{id + " name weight", attr(h1, "data-pagefind-weight"), "10"},
			{id + " summary meta", text(summary), tm.Summary},
		}
		if len(tm.Aliases) > 0 {
			// Search indexes every alias (the meta), the page shows them less plain plurals.
			aliases := find(doc, elemWithClass(atom.P, "aliases"))
			meta := find(aliases, func(n *html.Node) bool { return strings.HasPrefix(attr(n, "data-pagefind-meta"), "aliases:") })
			checks = append(checks,
				check{id + " aliases weight", attr(aliases, "data-pagefind-weight"), "10"},
				check{id + " aliases meta", attr(meta, "data-pagefind-meta"), "aliases:" + strings.Join(tm.Aliases, ", ")},
				check{id + " aliases shown", text(meta), strings.Join(shownAliases(tm), ", ")},
			)
		}
		// Lists that name other terms are not indexed.
		for _, sec := range []string{"related", "comparisons", "backlinks", "mentioned-in", "sources"} {
			if n := section(doc, sec); n != nil {
				checks = append(checks, check{id + " " + sec + " ignored", hasAttr(n, "data-pagefind-ignore"), true})
			}
		}
		runChecks(t, checks)
	}
	for id, c := range s.data.comparisons {
		summary := find(s.page(t, "/compare/"+id+"/"), func(n *html.Node) bool { return attr(n, "data-pagefind-meta") == "summary" })
		runChecks(t, []check{{id + " summary meta", text(summary), c.Summary}})
	}
}

// ---- The page budget. ----

// pageBudget is the most a page may weigh: its HTML plus the stylesheets it links,
// uncompressed, as published (minified). Scripts are not counted; the search index
// (pagefind/) is not a page.
const pageBudget = 30 * 1024

var (
	minOnce sync.Once
	minSite builtSite
)

// minified builds the site once more as it is published, with --minify.
func minified(t *testing.T) *builtSite {
	t.Helper()
	s := realSite(t)
	minOnce.Do(func() {
		minSite = builtSite{root: s.root, data: s.data, title: s.title, base: s.base}
		var err error
		minSite.public, err = tempDir("kb-site-min-*")
		if err != nil {
			minSite.err = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
		defer cancel()
		out, err := Build(ctx, s.root, s.root, minSite.public, "--minify")
		minSite.output = string(out)
		if err != nil {
			minSite.err = err
		}
	})
	if minSite.err != nil {
		t.Fatalf("building the site with --minify: %v\n%s", minSite.err, minSite.output)
	}
	return &minSite
}

// TestPageBudget measures every HTML page of the published (minified) build: its size
// plus the size of each stylesheet it links must stay within pageBudget. It logs the
// largest page.
func TestPageBudget(t *testing.T) {
	s := minified(t)
	largest, largestSize := "", 0
	for _, p := range s.htmlPages(t) {
		info, err := os.Stat(s.file(p.path))
		if err != nil {
			t.Fatal(err)
		}
		size := int(info.Size())
		for _, l := range findAll(p.doc, func(n *html.Node) bool { return n.DataAtom == atom.Link && attr(n, "rel") == "stylesheet" }) {
			href := attr(l, "href")
			css, err := os.Stat(s.file(strings.TrimPrefix(href, s.rel("/"))))
			if err != nil {
				t.Errorf("Check(%q) = stylesheet %q: %v; want it published", p.path, href, err)
				continue
			}
			size += int(css.Size())
		}
		if size > largestSize {
			largest, largestSize = p.path, size
		}
		if size > pageBudget {
			t.Errorf("Check(%q) = %s of HTML and CSS; want at most %s", p.path, kb(size), kb(pageBudget))
		}
	}
	t.Logf("largest page: %s, %s of HTML and CSS (budget %s)", largest, kb(largestSize), kb(pageBudget))
}

func kb(n int) string { return fmt.Sprintf("%.1f KiB", float64(n)/1024) }

// TestPrintStylesheet checks the print rules of a comparison page's stylesheet: tables
// print whole, in no scroll container, with nothing sticky and their header row repeated
// on each page, never as the cards of a phone's screen; and sources print their
// addresses.
func TestPrintStylesheet(t *testing.T) {
	s := realSite(t)
	href := attr(linkRel(s.page(t, "/compare/serverless-vs-containers/"), "stylesheet"), "href")
	b, err := os.ReadFile(filepath.Join(s.public, filepath.FromSlash(strings.TrimPrefix(href, s.rel("/")))))
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
	i := strings.Index(css, "@media print")
	if i < 0 {
		t.Fatalf("Check(%q) = none; want an @media print block", "print rules")
	}
	// Compare without white space: the stylesheet is minified.
	nospace := func(s string) string { return strings.Join(strings.Fields(s), "") }
	all := nospace(css)
	// No rule makes the table's container scroll, on screen or on paper.
	if regexp.MustCompile(`\.table-scroll\{[^}]*overflow`).MatchString(all) {
		t.Errorf("Check(%q) = a scroll container; want none", "table container")
	}
	// The cards are for screens only.
	if !strings.Contains(all, nospace("@media screen and (max-width:40rem){.comparison :is(table,tbody,tr,th,td){display:block")) {
		t.Errorf("Check(%q) = missing; want the card layout under @media screen only", "phone cards")
	}
	print := nospace(css[i:])
	for _, want := range []string{
		".comparison thead :is(th,td){position:static",
		".comparison thead{display:table-header-group}",
		`.sources cite a::after{content:" <" attr(href) ">"`,
	} {
		if !strings.Contains(print, nospace(want)) {
			t.Errorf("Check(%q) = missing; want the print rules to contain %q", "print rules", want)
		}
	}
}
