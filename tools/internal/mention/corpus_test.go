package mention

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// label is one span of a corpus page that should be linked to a term.
type label struct {
	id         string
	start, end int
}

// labelRE is a corpus marker: ⟦text|term-id⟧.
var labelRE = regexp.MustCompile(`⟦([^|⟧]*)\|([a-z0-9-]+)⟧`)

// stripLabels returns a labelled page without its markers, and the spans
// they marked.
func stripLabels(src string) (string, []label) {
	var b strings.Builder
	var labels []label
	last := 0
	for _, m := range labelRE.FindAllStringSubmatchIndex(src, -1) {
		b.WriteString(src[last:m[0]])
		start := b.Len()
		b.WriteString(src[m[2]:m[3]])
		labels = append(labels, label{id: src[m[4]:m[5]], start: start, end: b.Len()})
		last = m[1]
	}
	b.WriteString(src[last:])
	return b.String(), labels
}

// corpusTerms reads testdata/corpus/glossary.toml.
func corpusTerms(t *testing.T) []Term {
	t.Helper()
	var g struct {
		Term []struct {
			ID       string
			Name     string
			Aliases  []string
			Mentions *struct {
				Auto    *bool
				Phrases []string
				Never   []string
			}
		}
	}
	if _, err := toml.DecodeFile(filepath.Join("testdata", "corpus", "glossary.toml"), &g); err != nil {
		t.Fatal(err)
	}
	var terms []Term
	for _, e := range g.Term {
		term := Term{ID: e.ID, Name: e.Name, Aliases: e.Aliases}
		if m := e.Mentions; m != nil {
			term.Auto, term.Phrases, term.Never = m.Auto, m.Phrases, m.Never
		}
		terms = append(terms, term)
	}
	return terms
}

// TestCorpus measures the precision and recall of the proposed links on
// the labelled corpus (testdata/corpus/README.md): a proposal is right
// when it starts a span labelled with its term. Precision must stay at
// 97% or more; recall is reported. Run with -v to see every wrong or
// missed link.
func TestCorpus(t *testing.T) {
	ix := NewIndex(corpusTerms(t))
	pages, err := filepath.Glob(filepath.Join("testdata", "corpus", "pages", "*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no corpus pages: %v", err)
	}
	var proposed, right, expected, found int
	for _, p := range pages {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		src, labels := stripLabels(string(raw))
		linked := ix.Linked([]byte(src))
		starts := map[int]string{}
		want := map[string]bool{} // terms with a labelled mention, not linked already
		for _, l := range labels {
			starts[l.start] = l.id
			if !linked[l.id] {
				want[l.id] = true
			}
		}
		got := map[string]bool{}
		for _, m := range ix.Unlinked([]byte(src)) {
			proposed++
			if starts[m.Offset] == m.ID {
				right++
				got[m.ID] = true
			} else {
				t.Logf("%s: wrong link %s %q in %q", filepath.Base(p), m.ID, m.Text, context(src, m.Offset, m.End))
			}
		}
		var missed []string
		for id := range want {
			expected++
			if got[id] {
				found++
			} else {
				missed = append(missed, id)
			}
		}
		sort.Strings(missed)
		for _, id := range missed {
			t.Logf("%s: missed %s", filepath.Base(p), id)
		}
	}
	precision := float64(right) / float64(max(proposed, 1))
	recall := float64(found) / float64(max(expected, 1))
	t.Logf("precision %d/%d = %.1f%%, recall %d/%d = %.1f%%", right, proposed, 100*precision, found, expected, 100*recall)
	if proposed == 0 || precision < 0.97 {
		t.Errorf("precision = %.1f%% (%d of %d proposed links right); want at least 97%%", 100*precision, right, proposed)
	}
}

func context(src string, start, end int) string {
	a, b := max(0, start-40), min(len(src), end+40)
	return strings.ReplaceAll(fmt.Sprintf("%s[%s]%s", src[a:start], src[start:end], src[end:b]), "\n", " ")
}
