package knowdiff

import (
	"slices"
	"strings"
)

// Word is one run of a word-level diff: Op is "=" for words both texts
// have, "-" for words only the old text has, "+" for words only the new
// one has. Text is the run's words joined by single spaces.
type Word struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// maxCells bounds the LCS table: two rewrites of 2,000 words each would
// need 4 million cells. Past it the changed middle is reported as one
// removal and one addition, which is what such a rewrite is anyway.
const maxCells = 4 << 20

// Words returns the word-level diff of two texts, split at white space:
// line breaks and indentation are not content in Markdown prose. Equal
// runs are whole; the renderers shorten them.
func Words(old, new string) []Word {
	a, b := strings.Fields(old), strings.Fields(new)
	// The common prefix and suffix are cut first: an edit is usually
	// small, and this keeps the table to the part that differs.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for _, w := range a[:pre] {
		ops = append(ops, op{"=", w})
	}
	ops = append(ops, lcs(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, w := range a[len(a)-suf:] {
		ops = append(ops, op{"=", w})
	}
	return runs(ops)
}

// glue is the longest run of equal words kept between two edits: a
// shorter one ("the", "of a") is folded into both, so that a rewritten
// sentence reads as one removal and one addition rather than alternating
// fragments.
const glue = 2

// runs joins words of the same kind into runs, folding short equal runs
// between edits into them; within a changed stretch the removal comes
// first.
func runs(ops []op) []Word {
	// A block is an equal run, or a changed stretch (del and ins).
	type block struct {
		eq       bool
		del, ins []string
	}
	var blocks []block
	for _, o := range ops {
		n := len(blocks)
		eq := o.op == "="
		if n == 0 || blocks[n-1].eq != eq {
			blocks = append(blocks, block{eq: eq})
			n++
		}
		b := &blocks[n-1]
		if o.op == "+" {
			b.ins = append(b.ins, o.word)
		} else {
			b.del = append(b.del, o.word) // equal words are kept in del
		}
	}
	var out []block
	for _, b := range blocks {
		n := len(out)
		switch {
		case !b.eq && n >= 2 && out[n-1].eq && len(out[n-1].del) <= glue && !out[n-2].eq:
			// change, short equal run, change: one change.
			prev, mid := out[n-2], out[n-1].del
			prev.del = slices.Concat(prev.del, mid, b.del)
			prev.ins = slices.Concat(prev.ins, mid, b.ins)
			out = append(out[:n-2], prev)
		default:
			out = append(out, b)
		}
	}
	var words []Word
	for _, b := range out {
		if b.eq {
			words = append(words, Word{"=", strings.Join(b.del, " ")})
			continue
		}
		if len(b.del) > 0 {
			words = append(words, Word{"-", strings.Join(b.del, " ")})
		}
		if len(b.ins) > 0 {
			words = append(words, Word{"+", strings.Join(b.ins, " ")})
		}
	}
	return words
}

type op struct{ op, word string }

// lcs diffs two word lists by their longest common subsequence, removals
// before additions within each changed stretch.
func lcs(a, b []string) []op {
	var out []op
	if len(a)*len(b) > maxCells {
		for _, w := range a {
			out = append(out, op{"-", w})
		}
		for _, w := range b {
			out = append(out, op{"+", w})
		}
		return out
	}
	// n[i][j] is the LCS length of a[i:] and b[j:].
	n := make([][]int, len(a)+1)
	for i := range n {
		n[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				n[i][j] = n[i+1][j+1] + 1
			} else {
				n[i][j] = max(n[i+1][j], n[i][j+1])
			}
		}
	}
	var del, ins []op
	flush := func() {
		out = append(append(out, del...), ins...)
		del, ins = nil, nil
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			flush()
			out = append(out, op{"=", a[i]})
			i++
			j++
		case j == len(b) || i < len(a) && n[i+1][j] >= n[i][j+1]:
			del = append(del, op{"-", a[i]})
			i++
		default:
			ins = append(ins, op{"+", b[j]})
			j++
		}
	}
	flush()
	return out
}
