// Package overlap finds runs of words that two texts share, to keep the
// knowledge base's prose its own: no sentence of a source may be copied.
package overlap

import (
	"strings"
	"unicode"
)

// Run is a shared run of words, with its byte offset in the checked text.
type Run struct {
	Offset int
	Words  []string
}

// Words splits text into lowercase words (letters and digits; an
// apostrophe inside a word is kept), with each word's byte offset.
func Words(text string) (words []string, offsets []int) {
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := strings.ToLower(strings.Trim(text[start:end], "'’"))
			if w != "" {
				words = append(words, strings.ReplaceAll(w, "’", "'"))
				offsets = append(offsets, start)
			}
			start = -1
		}
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	return words, offsets
}

// Index holds every run of n consecutive words of a reference text.
type Index struct {
	n     int
	grams map[string]bool
}

// NewIndex indexes the n-word runs of ref.
func NewIndex(ref string, n int) *Index {
	words, _ := Words(ref)
	ix := &Index{n: n, grams: make(map[string]bool)}
	for i := 0; i+n <= len(words); i++ {
		ix.grams[strings.Join(words[i:i+n], " ")] = true
	}
	return ix
}

// Shared returns the maximal runs of at least n words that text shares
// with the reference, in order.
func (ix *Index) Shared(text string) []Run {
	words, offsets := Words(text)
	var runs []Run
	for i := 0; i+ix.n <= len(words); i++ {
		if !ix.grams[strings.Join(words[i:i+ix.n], " ")] {
			continue
		}
		end := i + ix.n
		for end < len(words) && ix.grams[strings.Join(words[end-ix.n+1:end+1], " ")] {
			end++
		}
		runs = append(runs, Run{Offset: offsets[i], Words: words[i:end]})
		i = end - 1
	}
	return runs
}
