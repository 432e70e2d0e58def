package fix

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cloudkb/kb/tools/internal/mention"
)

// BenchmarkSource fixes one ~800-word page that mentions 20 of 10,000
// terms without linking them: the work kb fix does per page. Names are
// two words, the first shared by about 100 terms, as in a real glossary
// where many terms start "container …" or "cloud …".
func BenchmarkSource(b *testing.B) {
	const n = 10000
	terms := make([]mention.Term, n)
	for i := range terms {
		terms[i] = mention.Term{ID: fmt.Sprintf("term-%d", i), Name: fmt.Sprintf("stem%d widget%d", i%100, i), Aliases: []string{fmt.Sprintf("w%d", i)}}
	}
	ix := mention.NewIndex(terms)
	var page strings.Builder
	page.WriteString("---\ntitle: A page\n---\n")
	for p := range 20 {
		i := p * 487
		fmt.Fprintf(&page, "%s the stem%d widget%d %s\n\n", strings.Repeat("some plain words of prose here ", 6), i%100, i, strings.Repeat("and more words follow it ", 2))
	}
	src := []byte(page.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if out := Source(src, ix); len(out) == len(src) {
			b.Fatal("Source linked nothing")
		}
	}
}
