package sitebuild

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ---- The glossary's tags: /glossary/tags/ and /glossary/tags/<tag>/ (config.toml,
// content/glossary-tags/, layouts/glossary-tags/), the tag links of term pages and of
// the index. ----

// tagPath is a tag page's site path: the tag as a slug, like an alias ("compute model"
// is /glossary/tags/compute-model/), which for the tags of the data is what Hugo makes
// of them.
func tagPath(tag string) string { return "/glossary/tags/" + slug(tag) + "/" }

// tagTerms maps each tag of the data to the ids of its terms, sorted by name (case
// ignored), as the tag page lists them.
func tagTerms(d *siteData) map[string][]string {
	out := map[string][]string{}
	for id, tm := range d.terms {
		for _, tag := range tm.Tags {
			out[tag] = append(out[tag], id)
		}
	}
	for _, ids := range out {
		slices.SortFunc(ids, func(a, b string) int {
			return strings.Compare(strings.ToLower(d.terms[a].Name), strings.ToLower(d.terms[b].Name))
		})
	}
	return out
}

// firstUpper is s with its first letter in upper case: a tag's title.
func firstUpper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// TestTagPages checks each tag's page: at /glossary/tags/<tag>/, it lists exactly the
// terms with the tag, by name, linked, each with its summary; its title, description and
// canonical URL are its own; it links back to the glossary and to the list of tags, and
// to every other tag; it is in the sitemap and has the glossary's stylesheet; no feed.
func TestTagPages(t *testing.T) {
	s := realSite(t)
	byTag := tagTerms(s.data)
	if len(byTag) < 2 {
		t.Fatalf("Tags in data/glossary = %d; want at least two, or the tag pages are barely tested", len(byTag))
	}
	sm := readFile(t, s, "/sitemap.xml")
	for tag, ids := range byTag {
		path := tagPath(tag)
		t.Run(slug(tag), func(t *testing.T) {
			doc := s.page(t, path)
			list := find(doc, elemWithClass(atom.Dl, "terms"))
			var names, summaries, want, wantNames, wantSummaries []string
			for _, dt := range findAll(list, isElem(atom.Dt)) {
				names = append(names, text(dt))
			}
			for _, dd := range findAll(list, isElem(atom.Dd)) {
				summaries = append(summaries, text(dd))
			}
			for _, id := range ids {
				want = append(want, s.rel("/glossary/"+id+"/"))
				wantNames = append(wantNames, s.data.terms[id].Name)
				wantSummaries = append(wantSummaries, s.data.terms[id].Summary)
			}
			description, _ := meta(doc, "description")
			kicker := hrefs(t, s, path, find(doc, elemWithClass(atom.P, "kicker")))
			var others []string
			for other := range byTag {
				if other != tag {
					others = append(others, s.rel(tagPath(other)))
				}
			}
			slices.Sort(others)
			gotOthers := hrefs(t, s, path, find(doc, elemWithClass(atom.P, "tags")))
			slices.Sort(gotOthers)
			stylesheet := attr(linkRel(doc, "stylesheet"), "href")
			_, feedErr := os.Stat(s.file(path + "index.xml"))
			runChecks(t, []check{
				{tag + " h1", text(find(doc, isElem(atom.H1))), firstUpper(tag)},
				{tag + " term links", strings.Join(hrefs(t, s, path, list), " "), strings.Join(want, " ")},
				{tag + " term names", strings.Join(names, "|"), strings.Join(wantNames, "|")},
				{tag + " summaries", strings.Join(summaries, "|"), strings.Join(wantSummaries, "|")},
				{tag + " title", text(find(doc, isElem(atom.Title))), firstUpper(tag) + " | " + s.title},
				{tag + " description", description, fmt.Sprintf("The %d glossary %s tagged %s, each with its one-line summary.", len(ids), map[bool]string{true: "term", false: "terms"}[len(ids) == 1], tag)},
				{tag + " canonical", attr(linkRel(doc, "canonical"), "href"), s.abs(path)},
				{tag + " breadcrumb", strings.Join(kicker, " "), s.rel("/glossary/") + " " + s.rel("/glossary/tags/")},
				{tag + " other tags", strings.Join(gotOthers, " "), strings.Join(others, " ")},
				{tag + " in the sitemap", strings.Contains(sm, "<loc>"+s.abs(path)+"</loc>"), true},
				{tag + " glossary stylesheet", strings.Contains(stylesheet, "glossary"), true},
				{tag + " no feed", os.IsNotExist(feedErr), true},
				{tag + " header marks the glossary", currentNav(doc), s.rel("/glossary/") + " true"},
			})
		})
	}
}

// TestTagsIndex checks /glossary/tags/: every tag, A to Z, linked to its page, with its
// number of terms, and a link back to the glossary.
func TestTagsIndex(t *testing.T) {
	s := realSite(t)
	const path = "/glossary/tags/"
	doc := s.page(t, path)
	byTag := tagTerms(s.data)
	tags := sortedKeys(byTag)
	var want, wantText []string
	for _, tag := range tags {
		want = append(want, s.rel(tagPath(tag)))
		n := len(byTag[tag])
		wantText = append(wantText, fmt.Sprintf("%s %d %s", firstUpper(tag), n, map[bool]string{true: "term", false: "terms"}[n == 1]))
	}
	list := find(doc, elemWithClass(atom.Ul, "tag-list"))
	var items []string
	for _, li := range findAll(list, isElem(atom.Li)) {
		items = append(items, text(li))
	}
	runChecks(t, []check{
		{"h1", text(find(doc, isElem(atom.H1))), "Glossary tags"},
		{"tag links", strings.Join(hrefs(t, s, path, list), " "), strings.Join(want, " ")},
		{"tag counts", strings.Join(items, "|"), strings.Join(wantText, "|")},
		{"breadcrumb", strings.Join(hrefs(t, s, path, find(doc, elemWithClass(atom.P, "kicker"))), " "), s.rel("/glossary/")},
		{"canonical", attr(linkRel(doc, "canonical"), "href"), s.abs(path)},
		{"no feed", fileMissing(s.file(path + "index.xml")), true},
		{"header marks the glossary", currentNav(doc), s.rel("/glossary/") + " true"},
	})
}

func fileMissing(name string) bool {
	_, err := os.Stat(name)
	return os.IsNotExist(err)
}

// TestTermPageTagLinks checks that each term page's tags line links every tag, as the
// data writes it, to the tag's page, in the data's order.
func TestTermPageTagLinks(t *testing.T) {
	s := realSite(t)
	for id, tm := range s.data.terms {
		path := "/glossary/" + id + "/"
		line := find(s.page(t, path), elemWithClass(atom.P, "tags"))
		var want, names []string
		for _, tag := range tm.Tags {
			want = append(want, s.rel(tagPath(tag)))
		}
		for _, a := range findAll(line, isElem(atom.A)) {
			names = append(names, text(a))
		}
		runChecks(t, []check{
			{id + " tag links", strings.Join(hrefs(t, s, path, line), " "), strings.Join(want, " ")},
			{id + " tag names", strings.Join(names, "|"), strings.Join(tm.Tags, "|")},
		})
	}
}

// TestGlossaryIndexFacets checks the glossary index's tag links: each tag, A to Z, as
// "<tag> (<number of terms>)", linking to its page; the filter box, labelled, with its
// live region; and the filter's script on this page, not on a term page.
func TestGlossaryIndexFacets(t *testing.T) {
	s := realSite(t)
	const path = "/glossary/"
	doc := s.page(t, path)
	nav := find(doc, elemWithClass(atom.Nav, "tf"))
	byTag := tagTerms(s.data)
	want := []string{s.rel("/glossary/tags/")}
	wantText := []string{"Tags"}
	for _, tag := range sortedKeys(byTag) {
		want = append(want, s.rel(tagPath(tag)))
		wantText = append(wantText, fmt.Sprintf("%s (%d)", tag, len(byTag[tag])))
	}
	var got []string
	for _, a := range findAll(nav, isElem(atom.A)) {
		got = append(got, text(a))
	}
	form := find(doc, elemWithClass(atom.Form, "gf"))
	input := find(form, isElem(atom.Input))
	label := find(form, isElem(atom.Label))
	out := find(form, isElem(atom.Output))
	hasScript := func(doc *html.Node) bool {
		return slices.ContainsFunc(scripts(doc), func(n *html.Node) bool { return strings.Contains(attr(n, "src"), "/js/glossary.") })
	}
	runChecks(t, []check{
		{"nav label", attr(nav, "aria-label"), "Tags"},
		{"tag links", strings.Join(hrefs(t, s, path, nav), " "), strings.Join(want, " ")},
		{"tag link texts", strings.Join(got, "|"), strings.Join(wantText, "|")},
		{"filter box labelled", attr(input, "id") != "" && attr(label, "for") == attr(input, "id"), true},
		{"filter box shown in the HTML", form != nil && !hasAttr(form, "hidden") && !hasAttr(input, "hidden"), true},
		{"filter status", attr(out, "role"), "status"},
		{"filter script on the index", hasScript(doc), true},
		{"no filter script on a term page", hasScript(s.page(t, "/glossary/"+backlinkTermID+"/")), false},
	})
}

// TestGlossaryJSONTags checks that the JSON index gives each term its tags, as the data
// writes them: the filter reads them there.
func TestGlossaryJSONTags(t *testing.T) {
	s := realSite(t)
	var idx glossaryIndex
	if err := decodeStrict([]byte(readFile(t, s, "/glossary/index.json")), &idx); err != nil {
		t.Fatalf("index.json: %v", err)
	}
	if len(idx.Terms) != len(s.data.terms) {
		t.Errorf("Terms(index.json) = %d; want %d", len(idx.Terms), len(s.data.terms))
	}
	for _, tm := range idx.Terms {
		runChecks(t, []check{{tm.ID + " tags", strings.Join(tm.Tags, "|"), strings.Join(s.data.terms[tm.ID].Tags, "|")}})
	}
}

// TestTagsAddressTaken builds a copy of the site with a term whose id is "tags", which
// would have the address of the list of tags: the build must stop and say so.
func TestTagsAddressTaken(t *testing.T) {
	real := realSite(t)
	src := t.TempDir()
	if err := CopySite(real.root, src); err != nil {
		t.Fatalf("CopySite: %v", err)
	}
	kernel, err := os.ReadFile(filepath.Join(src, "data", "glossary", "kernel.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "data", "glossary", "tags.toml"), kernel, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	out, err := Build(ctx, real.root, src, t.TempDir())
	const want = `the term "tags" has the address of the list of tags`
	if err == nil || !strings.Contains(string(out), want) {
		t.Errorf("Build(term tags) = %v, output %q; want an error saying %q", err, out, want)
	}
}

// currentNav returns the main navigation's link marked aria-current, as "href value".
func currentNav(doc *html.Node) string {
	nav := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Nav && attr(n, "aria-label") == "Main" })
	a := find(nav, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "aria-current") != "" })
	if a == nil {
		return ""
	}
	return attr(a, "href") + " " + attr(a, "aria-current")
}
