package sitebuild

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ---- Term pages and the glossary index (layouts/glossary/, _partials/glossary/). ----

// shownAliases is what "Also called" lists: the aliases less plain plurals, an alias
// that is (case ignored) the name or another alias plus "s" or "es"
// (layouts/_partials/glossary/aliases.html).
func shownAliases(tm term) []string {
	names := []string{strings.ToLower(tm.Name)}
	for _, a := range tm.Aliases {
		names = append(names, strings.ToLower(a))
	}
	var shown []string
	for _, a := range tm.Aliases {
		la := strings.ToLower(a)
		if !slices.ContainsFunc(names, func(n string) bool { return la == n+"s" || la == n+"es" }) {
			shown = append(shown, a)
		}
	}
	return shown
}

func TestShownAliases(t *testing.T) {
	got := shownAliases(term{Name: "Virtual machine", Aliases: []string{"VM", "VMs", "virtual machines", "process", "processes", "VMes"}})
	if want := []string{"VM", "process"}; !slices.Equal(got, want) {
		t.Errorf("shownAliases = %q; want %q", got, want)
	}
}

// hrefs returns the links' hrefs under n, resolved against the page at path and made
// site-relative, in document order.
func hrefs(t *testing.T, s *builtSite, path string, n *html.Node) []string {
	t.Helper()
	base, err := url.Parse(s.rel(path))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range findAll(n, isElem(atom.A)) {
		u, err := url.Parse(attr(a, "href"))
		if err != nil {
			t.Fatalf("href %q on %q: %v", attr(a, "href"), path, err)
		}
		out = append(out, base.ResolveReference(u).String())
	}
	return out
}

// TestTermPageLists checks a term page's lists: related terms on one line (a <p>, in
// order, comma separated), "mentioned in" with no term that is already related, the
// tags line, and "Also called" without plural aliases (and none of them dropped
// otherwise).
func TestTermPageLists(t *testing.T) {
	s := realSite(t)
	plurals := 0
	for id, tm := range s.data.terms {
		path := "/glossary/" + id + "/"
		doc := s.page(t, path)

		if len(tm.Related) > 0 {
			line := find(section(doc, "related"), isElem(atom.P))
			var want, names []string
			for _, r := range tm.Related {
				want = append(want, s.rel("/glossary/"+r+"/"))
				names = append(names, s.data.terms[r].Name)
			}
			runChecks(t, []check{
				{id + " related hrefs", strings.Join(hrefs(t, s, path, line), " "), strings.Join(want, " ")},
				{id + " related line", text(line), strings.Join(names, ", ")},
				{id + " related not a list", find(section(doc, "related"), isElem(atom.Ul)) == nil, true},
			})
		}

		if sec := section(doc, "mentioned-in"); sec != nil {
			for _, h := range hrefs(t, s, path, sec) {
				for _, r := range tm.Related {
					if h == s.rel("/glossary/"+r+"/") {
						t.Errorf("MentionedIn(%q) = lists %q; want no term already under Related terms", id, h)
					}
				}
			}
			heading := text(find(sec, isElem(atom.H2)))
			want := "Mentioned in these glossary entries"
			if len(tm.Related) > 0 {
				want = "Also mentioned in"
			}
			runChecks(t, []check{{id + " mentioned-in heading", heading, want}})
		}

		tags := text(find(doc, elemWithClass(atom.P, "tags")))
		want := ""
		if len(tm.Tags) > 0 {
			want = "Tags: " + strings.Join(tm.Tags, ", ")
		}
		runChecks(t, []check{{id + " tags", tags, want}})

		aliases := text(find(doc, func(n *html.Node) bool { return elemWithClass(atom.P, "aliases")(n) && !hasAttr(n, "hidden") }))
		for _, a := range tm.Aliases {
			plural := !slices.Contains(shownAliases(tm), a)
			if plural {
				plurals++
			}
			if listed := slices.Contains(strings.Split(strings.TrimPrefix(aliases, "Also called: "), ", "), a); listed == plural {
				t.Errorf("AlsoCalled(%q) = %q; want %q listed: %v", id, aliases, a, !plural)
			}
		}
	}
	// The data has plural aliases ("containers", "VMs"), so the filter is exercised.
	if plurals == 0 {
		t.Errorf("PluralAliases = 0; want some in data/glossary, or this test checks nothing")
	}
}

// TestGlossaryIndexAliases checks that every shown alias is an entry of the A-Z list,
// a <dt> with the alias followed by a <dd> "see <term>" linking to its term, except
// those that are the name spelled with other spaces or hyphens (they would sort beside
// it); that terms keep their entries; and that the letter bar is sticky.
func TestGlossaryIndexAliases(t *testing.T) {
	s := realSite(t)
	const path = "/glossary/"
	doc := s.page(t, path)
	see := map[string]string{} // alias text -> resolved href
	names := map[string]string{}
	for _, dt := range findAll(doc, isElem(atom.Dt)) {
		dd := dt.NextSibling
		for dd != nil && dd.Type != html.ElementNode {
			dd = dd.NextSibling
		}
		if dd == nil || dd.DataAtom != atom.Dd {
			t.Errorf("Entry(%q) = no <dd> after it; want one", text(dt))
			continue
		}
		if h := hrefs(t, s, path, dt); len(h) == 1 {
			names[text(dt)] = h[0]
		} else if h := hrefs(t, s, path, dd); len(h) == 1 && strings.HasPrefix(text(dd), "see ") {
			see[text(dt)] = h[0]
		} else {
			t.Errorf("Entry(%q) = neither a term link nor a see link", text(dt))
		}
	}
	squash := strings.NewReplacer("-", "", " ", "")
	entries := 0
	for id, tm := range s.data.terms {
		want := s.rel("/glossary/" + id + "/")
		runChecks(t, []check{{"term " + tm.Name, names[tm.Name], want}})
		for _, a := range shownAliases(tm) {
			if squash.Replace(strings.ToLower(a)) == squash.Replace(strings.ToLower(tm.Name)) {
				continue
			}
			entries++
			runChecks(t, []check{{"alias " + a, see[a], want}})
		}
		for _, a := range tm.Aliases {
			if !slices.Contains(shownAliases(tm), a) {
				if _, ok := see[a]; ok {
					t.Errorf("Entry(%q) = listed; want plural aliases left out", a)
				}
			}
		}
	}
	if len(see) != entries {
		t.Errorf("AliasEntries = %d; want %d", len(see), entries)
	}
	// The letter bar's rules, in the glossary's stylesheet (glossary.css).
	sticky := false
	for _, l := range findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Link && attr(n, "rel") == "stylesheet" }) {
		if strings.Contains(readFile(t, s, strings.TrimPrefix(attr(l, "href"), s.rel("/")[:len(s.rel("/"))-1])), ".az{position:sticky;top:0;background:") {
			sticky = true
		}
	}
	runChecks(t, []check{{"letter bar sticky", sticky, true}})
}
