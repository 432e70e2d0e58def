package sitebuild

import (
	"github.com/BurntSushi/toml"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ---- A comparison page: the answer first, every row with a takeaway, related reading. ----

// andList joins items as the verdict does: "a", "a and b", "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// inSentence is an aspect's name as the verdict writes it inside a sentence: the first
// letter lowercased, unless the name starts with an abbreviation ("CPU time").
func inSentence(name string) string {
	first, n := utf8.DecodeRuneInString(name)
	if second, _ := utf8.DecodeRuneInString(name[n:]); unicode.IsUpper(second) {
		return name
	}
	return string(unicode.ToLower(first)) + name[n:]
}

// wantVerdict is what a comparison's verdict says, line by line, worked out from its data
// and the guide's criteria: for each subject the first two situations that favour it and
// no other subject of the comparison, then the aspects its takeaways favour it on.
func wantVerdict(d *siteData, criteria []criterion, c comparison) []string {
	when := map[string][]string{}
	for _, cr := range criteria {
		var mine []string
		for _, f := range cr.Favours {
			if slices.Contains(c.Subjects, f) {
				mine = append(mine, f)
			}
		}
		if len(mine) == 1 && len(when[mine[0]]) < 2 {
			when[mine[0]] = append(when[mine[0]], inSentence(strings.TrimSuffix(strings.TrimSpace(cr.Situation), ".")))
		}
	}
	wins := map[string][]string{}
	var even []string
	for _, a := range c.Aspects {
		tk, ok := c.Takeaways[a]
		switch {
		case !ok:
		case tk.Neutral:
			even = append(even, inSentence(d.aspects[a].Name))
		default:
			wins[tk.Favours] = append(wins[tk.Favours], inSentence(d.aspects[a].Name))
		}
	}
	var lines []string
	for _, s := range c.Subjects {
		w := wins[s]
		switch {
		case len(when[s]) > 0:
			line := "Choose " + inSentence(d.terms[s].Name) + " when " + strings.Join(when[s], ", or when ") + "."
			if len(w) > 0 {
				line += " It wins on " + andList(w) + "."
			}
			lines = append(lines, line)
		case len(w) > 0:
			lines = append(lines, d.terms[s].Name+" wins on "+andList(w)+".")
		}
	}
	if len(even) > 0 {
		lines = append(lines, "No winner on "+andList(even)+".")
	}
	return lines
}

var comparisonCall = regexp.MustCompile(`\{\{[<%]\s*comparison\s+(?:id=)?"([a-z0-9-]+)"`)

// contentPages returns the site path of every Markdown page under content/ whose source
// matches re, with the first submatch of each match.
func contentPages(t *testing.T, root string, re *regexp.Regexp) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Ext(p) != ".md" || strings.HasPrefix(e.Name(), "_") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(root, "content"), p)
		path := "/" + filepath.ToSlash(strings.TrimSuffix(rel, ".md")) + "/"
		for _, m := range re.FindAllStringSubmatch(string(raw), -1) {
			out[path] = append(out[path], m[len(m)-1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestComparisonPages checks every comparison page: a verdict worked out from the
// takeaways comes first, between the header and the table, with a link to the guide;
// every row of the table has a takeaway (none is "No takeaway"), neutral ones saying "No
// winner"; the table is in no focusable scroll region; related reading at the end links
// the guide, every page that shows the table, and each subject's glossary page.
func TestComparisonPages(t *testing.T) {
	s := realSite(t)
	guides := contentPages(t, s.root, regexp.MustCompile(`\{\{<\s*(criteria)\s*>\}\}`))
	if len(guides) != 1 {
		t.Fatalf("Guides = %v; want one page calling {{< criteria >}}", guides)
	}
	var guide string
	for p := range guides {
		guide = s.rel(p)
	}
	embeds := map[string][]string{}
	for p, ids := range contentPages(t, s.root, comparisonCall) {
		for _, id := range ids {
			if !slices.Contains(embeds[id], s.rel(p)) {
				embeds[id] = append(embeds[id], s.rel(p))
			}
		}
	}
	var guideData struct {
		Criterion []criterion `toml:"criterion"`
	}
	if _, err := toml.DecodeFile(filepath.Join(s.root, "data", "criteria.toml"), &guideData); err != nil {
		t.Fatalf("data/criteria.toml: %v", err)
	}
	neutral := 0
	for _, id := range sortedKeys(s.data.comparisons) {
		c := s.data.comparisons[id]
		t.Run(id, func(t *testing.T) {
			doc, table := comparisonTable(t, s, id)
			header := find(doc, elemWithClass(atom.Header, "page-header"))
			verdict := find(doc, elemWithClass(atom.Section, "verdict"))
			if verdict == nil {
				t.Fatalf("Verdict(%q) = nil; want a <section class=verdict>", id)
			}
			var lines []string
			for _, li := range findAll(verdict, isElem(atom.Li)) {
				lines = append(lines, text(li))
			}
			guideLink := find(verdict, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "href") == guide })
			runChecks(t, []check{
				{"verdict heading", text(find(verdict, isElem(atom.H2))), "In short"},
				{"verdict", strings.Join(lines, "\n"), strings.Join(wantVerdict(s.data, guideData.Criterion, c), "\n")},
				{"verdict links the guide", guideLink != nil, true},
				{"verdict after the header", before(header, verdict), true},
				{"verdict before the table", before(verdict, table), true},
				// Nothing in the table's box is a focusable region to scroll.
				{"no scroll region", find(find(doc, elemWithClass(atom.Div, "comparison")), func(n *html.Node) bool {
					return attr(n, "role") == "region" || hasAttr(n, "tabindex")
				}) == nil, true},
				{"cells without a takeaway", len(findAll(table, elemWithClass(atom.Td, "none"))), 0},
			})
			for _, a := range c.Aspects {
				cell := find(row(table, s.data.aspects[a]), elemWithClass(atom.Td, "takeaway"))
				tk := c.Takeaways[a]
				if tk.Neutral {
					neutral++
					if got := text(child(cell, isElem(atom.B))); got != "No winner:" {
						t.Errorf("Check(%q) = %q; want %q", id+" "+a+" neutral", got, "No winner:")
					}
				}
				if got := ownText(cell); got != tk.Why || tk.Why == "" {
					t.Errorf("Check(%q) = %q; want %q", id+" "+a+" why", got, tk.Why)
				}
			}

			related := find(doc, elemWithClass(atom.Section, "related"))
			if related == nil {
				t.Fatalf("Related(%q) = nil; want a <section class=related>", id)
			}
			var got []string
			for _, a := range findAll(related, isElem(atom.A)) {
				got = append(got, attr(a, "href"))
			}
			want := append([]string{guide}, embeds[id]...)
			for _, subj := range c.Subjects {
				want = append(want, s.rel("/glossary/"+subj+"/"))
			}
			slices.Sort(got)
			slices.Sort(want)
			runChecks(t, []check{
				{"related heading", text(find(related, isElem(atom.H2))), "Related reading"},
				{"related links", strings.Join(got, " "), strings.Join(want, " ")},
				{"related after the table", before(table, related), true},
			})
		})
	}
	if neutral == 0 {
		t.Errorf("Check(%q) = 0; want at least one neutral takeaway to check", "neutral takeaways")
	}
}
