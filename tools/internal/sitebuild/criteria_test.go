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

type criterion struct {
	ID        string     `toml:"id"`
	Situation string     `toml:"situation"`
	Favours   []string   `toml:"favours"`
	Why       string     `toml:"why"`
	Sources   []citation `toml:"sources"`
	Checked   string     `toml:"checked"`
}

// TestCriteriaShortcode checks the how-to-choose table on each article that calls
// {{< criteria >}}: one row per data/criteria.toml entry, in file order, with the situation,
// links to the favoured terms and the reason.
func TestCriteriaShortcode(t *testing.T) {
	s := realSite(t)
	var data struct {
		Criterion []criterion `toml:"criterion"`
	}
	if _, err := toml.DecodeFile(filepath.Join(s.root, "data", "criteria.toml"), &data); err != nil {
		t.Fatalf("data/criteria.toml: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(s.root, "content", "learning", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), "{{< criteria") {
			pages = append(pages, "/learning/"+strings.TrimSuffix(filepath.Base(f), ".md")+"/")
		}
	}
	if len(pages) == 0 {
		t.Skip("no article calls {{< criteria >}}")
	}
	for _, path := range pages {
		t.Run(path, func(t *testing.T) {
			table := find(find(s.page(t, path), elemWithClass(atom.Div, "criteria")), isElem(atom.Table))
			if table == nil {
				t.Fatalf("CriteriaTable(%q) = nil; want a <table>", path)
			}
			rows := findAll(find(table, isElem(atom.Tbody)), isElem(atom.Tr))
			if len(rows) != len(data.Criterion) {
				t.Fatalf("CriteriaRows(%q) = %d; want %d", path, len(rows), len(data.Criterion))
			}
			for i, c := range data.Criterion {
				cells := findAll(rows[i], func(n *html.Node) bool { return n.DataAtom == atom.Th || n.DataAtom == atom.Td })
				var hrefs, wantHrefs []string
				for _, a := range findAll(cells[1], elemWithClass(atom.A, "term")) {
					hrefs = append(hrefs, attr(a, "href"))
				}
				for _, id := range c.Favours {
					wantHrefs = append(wantHrefs, s.rel("/glossary/"+id+"/"))
				}
				cites := findAll(cells[2], func(n *html.Node) bool { return n.DataAtom == atom.A && strings.HasPrefix(attr(n, "href"), "#") })
				runChecks(t, []check{
					{c.ID + " situation", text(cells[0]), c.Situation},
					{c.ID + " favours", slices.Equal(hrefs, wantHrefs), true},
					{c.ID + " why", strings.HasPrefix(text(cells[2]), c.Why), true},
					{c.ID + " citations", len(cites), len(sourceIDs(c.Sources))},
				})
			}
		})
	}
}
