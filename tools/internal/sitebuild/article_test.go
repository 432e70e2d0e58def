package sitebuild

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The learning series as the reader moves through it: each article's contents list, its
// headings that link to themselves, its previous and next articles, and the guide's
// decision aid. The browser tests (tools/internal/browser/article_test.go) check the same
// at work in chromium.

const guidePath = "/learning/how-to-choose/"

// article is one article of the learning series, from its front matter.
type article struct {
	path   string // its site path, /learning/<name>/
	title  string
	weight int
}

// series returns the articles of content/learning/ in the order the series reads them: by
// weight, then title, as Hugo sorts pages.
func series(t *testing.T, s *builtSite) []article {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(s.root, "content", "learning", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []article
	for _, f := range files {
		if filepath.Base(f) == "_index.md" {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.SplitN(string(raw), "+++", 3)
		if len(parts) != 3 {
			t.Fatalf("FrontMatter(%q) = none; want a +++ TOML block", f)
		}
		var fm struct {
			Title  string `toml:"title"`
			Weight int    `toml:"weight"`
		}
		if _, err := toml.Decode(parts[1], &fm); err != nil {
			t.Fatalf("FrontMatter(%q): %v", f, err)
		}
		out = append(out, article{"/learning/" + strings.TrimSuffix(filepath.Base(f), ".md") + "/", fm.Title, fm.Weight})
	}
	if len(out) < 3 {
		t.Fatalf("Articles in content/learning = %d; want at least 3, to test a middle one", len(out))
	}
	slices.SortFunc(out, func(a, b article) int {
		if a.weight != b.weight {
			return a.weight - b.weight
		}
		return strings.Compare(a.title, b.title)
	})
	return out
}

// prose returns the article's text: the .prose element.
func prose(t *testing.T, doc *html.Node, path string) *html.Node {
	t.Helper()
	p := find(doc, elemWithClass(atom.Div, "prose"))
	if p == nil {
		t.Fatalf("Prose(%q) = nil; want <div class=prose>", path)
	}
	return p
}

// byID returns the element with the given id, or nil.
func byID(doc *html.Node, id string) *html.Node {
	return find(doc, func(n *html.Node) bool { return attr(n, "id") == id })
}

// TestArticleContents checks every article's contents list: one entry per h2 of the
// text, in order, with the heading's text, linking to the heading's id, which exists once
// on the page; and no list on an article of fewer than three sections.
func TestArticleContents(t *testing.T) {
	s := realSite(t)
	for _, a := range series(t, s) {
		t.Run(a.path, func(t *testing.T) {
			doc := s.page(t, a.path)
			h2s := findAll(prose(t, doc, a.path), isElem(atom.H2))
			toc := find(doc, elemWithClass(atom.Nav, "toc"))
			if len(h2s) < 3 {
				if toc != nil {
					t.Errorf("Contents(%q) = a list; want none for %d sections", a.path, len(h2s))
				}
				return
			}
			if toc == nil {
				t.Fatalf("Contents(%q) = nil; want <nav class=toc>", a.path)
			}
			label := byID(doc, attr(toc, "aria-labelledby"))
			links := findAll(find(toc, isElem(atom.Ol)), isElem(atom.A))
			checks := []check{
				{a.path + " label", text(label), "On this page"},
				{a.path + " entries", len(links), len(h2s)},
				{a.path + " outside search", hasAttr(toc, "data-pagefind-ignore"), true},
			}
			for i := range min(len(links), len(h2s)) {
				id := attr(h2s[i], "id")
				href := attr(links[i], "href")
				n := len(findAll(doc, func(n *html.Node) bool { return attr(n, "id") == id }))
				checks = append(checks,
					check{a.path + " entry " + text(links[i]) + " href", href, "#" + id},
					check{a.path + " entry " + text(links[i]) + " text", text(links[i]), text(h2s[i])},
					check{a.path + " " + href + " target", n, 1},
				)
			}
			runChecks(t, checks)
		})
	}
}

// TestHeadingAnchors checks that every heading of every article's text links to itself:
// its one child is <a href="#id"> of its own id, so the text is the link, and the id is
// Hugo's anchor of the heading text, as before the headings were links.
func TestHeadingAnchors(t *testing.T) {
	s := realSite(t)
	for _, a := range series(t, s) {
		doc := s.page(t, a.path)
		hs := findAll(prose(t, doc, a.path), func(n *html.Node) bool {
			return n.DataAtom == atom.H2 || n.DataAtom == atom.H3 || n.DataAtom == atom.H4
		})
		if len(hs) == 0 {
			t.Errorf("Headings(%q) = none; want the article's sections", a.path)
		}
		for _, h := range hs {
			id := attr(h, "id")
			link := h.FirstChild
			what := a.path + " " + id
			if link == nil || link.DataAtom != atom.A || link.NextSibling != nil {
				t.Errorf("Check(%q) = heading without its own link; want <%s id=%s><a href=#%s>…</a></%s>", what, h.Data, id, id, h.Data)
				continue
			}
			runChecks(t, []check{
				{what + " href", attr(link, "href"), "#" + id},
				{what + " id is the text's anchor", id, anchorOf(text(h))},
			})
		}
	}
}

// anchorOf is Hugo's "github" heading id for plain text: lower case, spaces to hyphens,
// punctuation dropped (the articles' headings use no other characters).
func anchorOf(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(typographic.Replace(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// TestArticleSeries checks the previous and next links after every article: they follow
// the front matter weights, the first article has only a next link and the last only a
// previous one, and each link names the article it leads to.
func TestArticleSeries(t *testing.T) {
	s := realSite(t)
	arts := series(t, s)
	for i, a := range arts {
		t.Run(a.path, func(t *testing.T) {
			doc := s.page(t, a.path)
			pager := find(doc, elemWithClass(atom.Nav, "pager"))
			if pager == nil {
				t.Fatalf("Pager(%q) = nil; want <nav class=pager>", a.path)
			}
			rel := func(r string) []*html.Node {
				return findAll(pager, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "rel") == r })
			}
			want := func(j int) []string {
				if j < 0 || j >= len(arts) {
					return nil
				}
				return []string{s.rel(arts[j].path), arts[j].title}
			}
			got := func(links []*html.Node) []string {
				if len(links) != 1 {
					return nil
				}
				return []string{attr(links[0], "href"), text(links[0])}
			}
			prev, next := rel("prev"), rel("next")
			runChecks(t, []check{
				{a.path + " previous", strings.Join(got(prev), " "), strings.Join(want(i-1), " ")},
				{a.path + " next", strings.Join(got(next), " "), strings.Join(want(i+1), " ")},
				{a.path + " links", len(findAll(pager, isElem(atom.A))), len(prev) + len(next)},
				{a.path + " label", attr(pager, "aria-label"), "Series"},
			})
		})
	}
	// The section page lists the series in the same order, its description once.
	doc := s.page(t, "/learning/")
	var listed []string
	for _, l := range findAll(find(doc, elemWithClass(atom.Ul, "card-list")), isElem(atom.A)) {
		listed = append(listed, attr(l, "href"))
	}
	var order []string
	for _, a := range arts {
		order = append(order, s.rel(a.path))
	}
	lead := text(find(doc, elemWithClass(atom.P, "lead")))
	runChecks(t, []check{
		{"/learning/ order", strings.Join(listed, " "), strings.Join(order, " ")},
		{"/learning/ description shown", lead != "", true},
		{"/learning/ description once", strings.Count(text(find(doc, isElem(atom.Main))), lead), 1},
		{"/learning/ list at the reading measure", hasClass(find(doc, elemWithClass(atom.Ul, "card-list")).Parent, "prose"), true},
	})
}

// decisionData is the [decision] table of data/criteria.toml.
type decisionData struct {
	Criterion []criterion `toml:"criterion"`
	Decision  struct {
		Otherwise string `toml:"otherwise"`
		Question  []struct {
			Ask       string `toml:"ask"`
			Criterion string `toml:"criterion"`
		} `toml:"question"`
	} `toml:"decision"`
}

// TestGuide checks the guide as a reader without JavaScript gets it: the decision aid is
// a plain numbered list of every question in data/criteria.toml, in order, each followed
// on a line of its own by "Yes →" and the options its criterion favours, linked to that
// criterion's row of the
// guide; a last line gives the default for no to every question; and the page has one
// list of sources, the guide's, and no second "Sources" section.
func TestGuide(t *testing.T) {
	s := realSite(t)
	var data decisionData
	if _, err := toml.DecodeFile(filepath.Join(s.root, "data", "criteria.toml"), &data); err != nil {
		t.Fatalf("data/criteria.toml: %v", err)
	}
	if len(data.Decision.Question) == 0 {
		t.Fatal("Questions in data/criteria.toml = 0; want the guide's [decision]")
	}
	favours := map[string][]string{}
	for _, c := range data.Criterion {
		for _, id := range c.Favours {
			favours[c.ID] = append(favours[c.ID], s.data.terms[id].Name)
		}
	}
	doc := s.page(t, guidePath)
	aid := find(doc, elemWithClass(atom.Div, "decide"))
	if aid == nil {
		t.Fatalf("DecisionAid(%q) = nil; want <div class=decide>", guidePath)
	}
	items := findAll(find(aid, isElem(atom.Ol)), isElem(atom.Li))
	var checks []check
	checks = append(checks, check{"questions", len(items), len(data.Decision.Question)})
	// answer checks one "→ options" link: its text, and that it leads to the criterion's
	// row of the guide's table on this page.
	answer := func(what string, link *html.Node, id string) {
		href := attr(link, "href")
		row := byID(doc, strings.TrimPrefix(href, "#"))
		checks = append(checks,
			check{what + " options", text(link), strings.Join(favours[id], ", ")},
			check{what + " leads to its row", row != nil && row.DataAtom == atom.Tr && strings.HasSuffix(href, "-"+id), true},
		)
	}
	for i, q := range data.Decision.Question {
		if i >= len(items) {
			break
		}
		what := "question " + q.Criterion
		li := items[i]
		var ask, br, yes *html.Node
		if ask = li.FirstChild; ask != nil {
			if br = ask.NextSibling; br != nil {
				yes = br.NextSibling
			}
		}
		checks = append(checks,
			check{what + " text", ask != nil && ask.Type == html.TextNode && ask.Data == q.Ask, true},
			check{what + " answer on its own line", br != nil && br.DataAtom == atom.Br && yes != nil && yes.Type == html.TextNode && yes.Data == "Yes → ", true},
			check{what + " hides nothing", hasAttr(li, "hidden") || len(findAll(li, func(n *html.Node) bool { return hasAttr(n, "hidden") })) > 0, false},
		)
		answer(what, find(li, isElem(atom.A)), q.Criterion)
	}
	last := find(aid, func(n *html.Node) bool { return n.DataAtom == atom.P && n.Parent == aid })
	checks = append(checks, check{"default text", strings.HasPrefix(text(last), "No to every question → "), true})
	answer("default", find(last, isElem(atom.A)), data.Decision.Otherwise)

	lists := findAll(doc, func(n *html.Node) bool {
		return (n.DataAtom == atom.Ol || n.DataAtom == atom.Ul) && hasClass(n, "sources")
	})
	sourcesH2 := findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.H2 && strings.EqualFold(text(n), "Sources") })
	table := find(doc, elemWithClass(atom.Div, "criteria"))
	checks = append(checks,
		check{"sources lists", len(lists), 1},
		check{"the list is the guide's", table != nil && len(lists) == 1 && isInside(lists[0], table), true},
		check{"Sources sections", len(sourcesH2), 0},
		check{"the aid comes before the guide", table != nil && before(aid, table), true},
	)
	runChecks(t, checks)
}

// isInside reports whether n is under ancestor.
func isInside(n, ancestor *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == ancestor {
			return true
		}
	}
	return false
}

// before reports whether a comes before b in document order.
func before(a, b *html.Node) bool {
	seen := false
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n == a {
			seen = true
		}
		if n == b {
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	root := a
	for root.Parent != nil {
		root = root.Parent
	}
	walk(root)
	return seen
}
