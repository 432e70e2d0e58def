package sitebuild

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Long lists: a section page shows its pages 50 to a page, with links between the pages
// (layouts/list.html, layouts/_partials/site/pager-links.html); the home page shows the
// first 12 articles and comparisons and links to the rest (layouts/home.html); a list
// entry says only what the front matter says of the page (site/page-list.html).

const (
	perPage          = 50 // layouts/list.html: .Paginate .Pages 50
	homeLimit        = 12 // layouts/home.html: first 12
	extraArticles    = 60
	extraComparisons = 10
	longDescription  = 59 // the extra article whose description is longer than a list shows
	summaryOnly      = 60 // the extra article with a summary param and no description
)

// listEntry is what one entry of a page list should show: the page's title, linked, and
// under it the description ("" for no <p>).
type listEntry struct {
	path, title, desc string
	truncated         bool // desc is longer than a list entry shows (240 characters)
}

// gotEntry is one <li> of a ul.card-list as built.
type gotEntry struct {
	href, title, p string
	ps             int // how many <p> the entry has
}

// entries reads the <li> children of a list.
func entries(ul *html.Node) []gotEntry {
	var out []gotEntry
	for li := range childElems(ul, atom.Li) {
		ps := findAll(li, isElem(atom.P))
		e := gotEntry{href: attr(find(li, isElem(atom.A)), "href"), title: text(find(li, isElem(atom.A))), ps: len(ps)}
		if len(ps) > 0 {
			e.p = text(ps[0])
		}
		out = append(out, e)
	}
	return out
}

// childElems yields n's child elements of one kind.
func childElems(n *html.Node, a atom.Atom) func(yield func(*html.Node) bool) {
	return func(yield func(*html.Node) bool) {
		if n == nil {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == a && !yield(c) {
				return
			}
		}
	}
}

// joined is one field of each entry, one entry a line: comparable in a check, readable in
// its failure.
func joined[E any](es []E, field func(E) string) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString("\n\t" + field(e))
	}
	return b.String()
}

// extraPath is the site path of extra article n.
func extraPath(n int) string { return fmt.Sprintf("/learning/zz-extra-%02d/", n) }

// extraArticle is extra article n (1 to extraArticles): plain Markdown, in reverse order
// of its file name by weight, after every real article; the odd ones have a description,
// the even ones none, but for summaryOnly, which has a summary param instead. Its text is
// long enough that Hugo's automatic summary would not be empty.
func extraArticle(n int) (entry listEntry, file string) {
	entry = listEntry{path: extraPath(n), title: fmt.Sprintf("Extra article %02d", n)}
	fm := fmt.Sprintf("title = %q\nweight = %d\n", entry.title, 10000-n)
	switch {
	case n == longDescription:
		entry.desc = strings.Repeat(fmt.Sprintf("Extra article %02d has a description too long for a list entry. ", n), 5)
		entry.desc = strings.TrimSpace(entry.desc)
		entry.truncated = true
		fm += fmt.Sprintf("description = %q\n", entry.desc)
	case n == summaryOnly:
		entry.desc = fmt.Sprintf("Extra article %02d is summarised in its front matter.", n)
		fm += fmt.Sprintf("summary = %q\n", entry.desc)
	case n%2 == 1:
		entry.desc = fmt.Sprintf("Extra article %02d, described in its front matter.", n)
		fm += fmt.Sprintf("description = %q\n", entry.desc)
	}
	body := fmt.Sprintf("This is extra article %02d, added to test long lists.\n\n"+
		"Its text is plain Markdown, with **no** shortcodes, and long enough to have a summary.\n", n)
	return entry, "+++\n" + fm + "+++\n\n" + body
}

// cardLists returns the card lists in the <main> of a page: a list page has one.
func cardLists(doc *html.Node) []*html.Node {
	return findAll(find(doc, isElem(atom.Main)), elemWithClass(atom.Ul, "card-list"))
}

// pagerNav returns the <nav aria-label="Pages"> of a page, or nil.
func pagerNav(doc *html.Node) *html.Node {
	return find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Nav && attr(n, "aria-label") == "Pages" })
}

// relLink returns the <a rel=rel> under n, or nil.
func relLink(n *html.Node, rel string) *html.Node {
	if n == nil {
		return nil
	}
	return find(n, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "rel") == rel })
}

// allLinks returns the links under n whose text starts with "All ": a home section's link
// to the rest of its pages.
func allLinks(n *html.Node) []*html.Node {
	if n == nil {
		return nil
	}
	return findAll(n, func(n *html.Node) bool { return n.DataAtom == atom.A && strings.HasPrefix(text(n), "All ") })
}

// pagerPath is the site path of page k of the learning section's list: Hugo's first
// pager is the section itself.
func pagerPath(k int) string {
	if k == 1 {
		return "/learning/"
	}
	return fmt.Sprintf("/learning/page/%d/", k)
}

// checkHomeSection checks a section of the home page: its list shows the first of want
// (at most homeLimit), by title in that order; then, only when there are more, one link
// "All <len(want)> <noun>" to the section.
func checkHomeSection(t *testing.T, s *builtSite, home *html.Node, h2ID, section, noun string, want []listEntry) {
	t.Helper()
	sec := find(home, func(n *html.Node) bool { return n.DataAtom == atom.Section && attr(n, "aria-labelledby") == h2ID })
	if sec == nil {
		t.Fatalf("HomeSection(%q) = nil; want one", h2ID)
	}
	lists := findAll(sec, elemWithClass(atom.Ul, "card-list"))
	if len(lists) != 1 {
		t.Fatalf("CardLists(home %s) = %d; want 1", h2ID, len(lists))
	}
	got := entries(lists[0])
	shown := want[:min(len(want), homeLimit)]
	links := allLinks(sec)
	checks := []check{
		{h2ID + " entries", len(got), len(shown)},
		{h2ID + " titles", joined(got, func(e gotEntry) string { return e.title }), joined(shown, func(e listEntry) string { return e.title })},
		{h2ID + " hrefs", joined(got, func(e gotEntry) string { return e.href }), joined(shown, func(e listEntry) string { return s.rel(e.path) })},
	}
	if len(want) <= homeLimit {
		checks = append(checks, check{h2ID + " All link", len(links), 0})
	} else {
		checks = append(checks, check{h2ID + " All link", len(links), 1})
		if len(links) == 1 {
			checks = append(checks,
				check{h2ID + " All link text", text(links[0]), fmt.Sprintf("All %d %s", len(want), noun)},
				check{h2ID + " All link href", attr(links[0], "href"), s.rel(section)},
				check{h2ID + " All link after the list", before(lists[0], links[0]), true},
			)
		}
	}
	runChecks(t, checks)
}

// realEntries returns the real articles as list entries, in reading order.
func realEntries(t *testing.T, s *builtSite) []listEntry {
	t.Helper()
	fms := articles(t, s)
	var out []listEntry
	for _, a := range series(t, s) {
		out = append(out, listEntry{path: a.path, title: a.title, desc: fms[a.path].Description})
	}
	return out
}

// comparisonEntries returns a site's comparisons as list entries, by title.
func comparisonEntries(d *siteData) []listEntry {
	var out []listEntry
	for id, c := range d.comparisons {
		out = append(out, listEntry{path: "/compare/" + id + "/", title: c.Title})
	}
	slices.SortFunc(out, func(a, b listEntry) int { return strings.Compare(a.title, b.title) })
	return out
}

var (
	titleLine     = regexp.MustCompile(`(?m)^title\s*=.*$`)
	formerIDsLine = regexp.MustCompile(`(?m)^former_ids\s*=.*$`)
)

// TestLongLists builds a copy of the site with 60 more articles and 10 more comparisons,
// and checks the learning section's pages and the home page; and that the real site, all
// of whose articles fit on one page, has no links between pages.
func TestLongLists(t *testing.T) {
	real := realSite(t)
	realArticles := realEntries(t, real)
	realComparisons := comparisonEntries(real.data)

	t.Run("real site", func(t *testing.T) {
		if len(realArticles) > perPage {
			t.Fatalf("Articles = %d; want at most %d for this case (a list of one page)", len(realArticles), perPage)
		}
		doc := real.page(t, "/learning/")
		lists := cardLists(doc)
		if len(lists) != 1 {
			t.Fatalf("CardLists(/learning/) = %d; want 1", len(lists))
		}
		got := entries(lists[0])
		_, err := os.Stat(real.file("/learning/page/2/"))
		runChecks(t, []check{
			{"/learning/ entries", len(got), len(realArticles)},
			{"/learning/ hrefs", joined(got, func(e gotEntry) string { return e.href }), joined(realArticles, func(e listEntry) string { return real.rel(e.path) })},
			{"/learning/ pager links", pagerNav(doc) == nil, true},
			{"/learning/page/2/ built", err == nil, false},
		})
		home := real.page(t, "/")
		checkHomeSection(t, real, home, "home-articles", "/learning/", "articles", realArticles)
		checkHomeSection(t, real, home, "home-compare", "/compare/", "comparisons", realComparisons)
	})

	src := t.TempDir()
	if err := CopySite(real.root, src); err != nil {
		t.Fatalf("CopySite: %v", err)
	}
	want := slices.Clone(realArticles)
	var extras []listEntry
	for n := 1; n <= extraArticles; n++ {
		e, file := extraArticle(n)
		extras = append(extras, e)
		if err := os.WriteFile(filepath.Join(src, "content", "learning", fmt.Sprintf("zz-extra-%02d.md", n)), []byte(file), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// By weight: the last extra first.
	slices.Reverse(extras)
	want = append(want, extras...)

	// Copies of a real comparison under other ids and titles (and no former ids, which
	// would redirect twice).
	orig, err := os.ReadFile(filepath.Join(src, "data", "comparisons", comparisonID+".toml"))
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= extraComparisons; n++ {
		c := titleLine.ReplaceAllLiteral(orig, fmt.Appendf(nil, "title = %q", fmt.Sprintf("Comparison copy %02d", n)))
		c = formerIDsLine.ReplaceAllLiteral(c, nil)
		if err := os.WriteFile(filepath.Join(src, "data", "comparisons", fmt.Sprintf("zz-copy-%02d.toml", n)), c, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	s := buildCopy(t, real, src)

	// Every page of the learning section's list: its share of the articles, in reading
	// order, and the links to the pages before and after it.
	pages := (len(want) + perPage - 1) / perPage
	if pages < 2 {
		t.Fatalf("Pages = %d; want at least 2", pages)
	}
	shownOn := map[string]gotEntry{} // site path of an article -> its entry as built
	for k := 1; k <= pages; k++ {
		path := pagerPath(k)
		t.Run(path, func(t *testing.T) {
			doc := s.page(t, path)
			lists := cardLists(doc)
			if len(lists) != 1 {
				t.Fatalf("CardLists(%q) = %d; want 1", path, len(lists))
			}
			got := entries(lists[0])
			part := want[(k-1)*perPage : min(k*perPage, len(want))]
			for i, e := range got {
				if i < len(part) {
					shownOn[part[i].path] = e
				}
			}
			nav := pagerNav(doc)
			navText := fmt.Sprintf("Page %d of %d", k, pages)
			if k > 1 {
				navText = "Previous · " + navText
			}
			if k < pages {
				navText += " · Next"
			}
			prev, next := relLink(nav, "prev"), relLink(nav, "next")
			checks := []check{
				{path + " entries", len(got), len(part)},
				{path + " titles", joined(got, func(e gotEntry) string { return e.title }), joined(part, func(e listEntry) string { return e.title })},
				{path + " hrefs", joined(got, func(e gotEntry) string { return e.href }), joined(part, func(e listEntry) string { return s.rel(e.path) })},
				{path + " pager links", nav != nil, true},
				{path + " pager text", text(nav), navText},
				{path + " pager after the list", nav != nil && before(lists[0], nav), true},
				{path + " rel=prev", prev != nil, k > 1},
				{path + " rel=next", next != nil, k < pages},
			}
			// Each page of the list is a page of its own to search engines: its own
			// canonical address and title.
			ogURL, _ := meta(doc, "og:url")
			title := "Learning | " + s.title
			if k > 1 {
				title = fmt.Sprintf("Learning, page %d | %s", k, s.title)
			}
			checks = append(checks,
				check{path + " canonical", attr(linkRel(doc, "canonical"), "href"), s.abs(path)},
				check{path + " og:url", ogURL, s.abs(path)},
				check{path + " title", text(find(doc, isElem(atom.Title))), title})
			if prev != nil {
				checks = append(checks,
					check{path + " rel=prev href", attr(prev, "href"), s.rel(pagerPath(k - 1))},
					check{path + " rel=prev text", text(prev), "Previous"})
			}
			if next != nil {
				checks = append(checks,
					check{path + " rel=next href", attr(next, "href"), s.rel(pagerPath(k + 1))},
					check{path + " rel=next text", text(next), "Next"})
			}
			runChecks(t, checks)
		})
	}
	// Hugo's page 1 is the section itself: /learning/page/1/ only redirects there.
	t.Run("/learning/page/1/", func(t *testing.T) {
		doc := s.page(t, "/learning/page/1/")
		runChecks(t, []check{
			{"/learning/page/1/ is a redirect", isRedirect(doc), true},
			{"/learning/page/1/ canonical", attr(linkRel(doc, "canonical"), "href"), s.abs("/learning/")},
		})
	})

	// What an entry says under its title: the front matter's description, else its
	// summary param; never Hugo's automatic summary of the text.
	byPath := map[string]listEntry{}
	for _, e := range want {
		byPath[e.path] = e
	}
	entryTests := []struct {
		name string
		path string
	}{
		{"real article", realArticles[0].path},
		{"extra with a description, page 1", extraPath(49)},
		{"extra with a description, last page", extraPath(1)},
		{"extra without a description, page 1", extraPath(50)},
		{"extra without a description, last page", extraPath(2)},
		{"extra with only a summary param", extraPath(summaryOnly)},
		{"extra with a long description", extraPath(longDescription)},
	}
	for _, tt := range entryTests {
		t.Run(tt.name, func(t *testing.T) {
			w := byPath[tt.path]
			e, ok := shownOn[tt.path]
			if !ok {
				t.Fatalf("ListEntry(%q) = none; want one", tt.path)
			}
			wantPs := 1
			if w.desc == "" {
				wantPs = 0
			}
			checks := []check{
				{tt.path + " title", e.title, w.title},
				{tt.path + " paragraphs", e.ps, wantPs},
			}
			if !w.truncated {
				checks = append(checks, check{tt.path + " text", e.p, w.desc})
			} else {
				// Cut at a word, with an ellipsis, to at most 240 characters of the text.
				cut := strings.TrimSpace(strings.TrimSuffix(e.p, "…"))
				checks = append(checks,
					check{tt.path + " text shortened", len([]rune(cut)) <= 240 && len(cut) < len(w.desc), true},
					check{tt.path + " text is the start of the description", cut != "" && strings.HasPrefix(w.desc, cut), true},
					check{tt.path + " text ends in an ellipsis", strings.HasSuffix(e.p, "…"), true},
				)
			}
			runChecks(t, checks)
		})
	}

	t.Run("home", func(t *testing.T) {
		home := s.page(t, "/")
		checkHomeSection(t, s, home, "home-articles", "/learning/", "articles", want)
		comparisons := comparisonEntries(s.data)
		if len(comparisons) != len(realComparisons)+extraComparisons {
			t.Fatalf("Comparisons = %d; want %d", len(comparisons), len(realComparisons)+extraComparisons)
		}
		checkHomeSection(t, s, home, "home-compare", "/compare/", "comparisons", comparisons)
	})
}
