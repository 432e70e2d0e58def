package tomlpos

import (
	"fmt"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// benchDocs are the documents of BenchmarkIndex: deep nesting, which used
// to take time quadratic in the depth, and many keys. Each is built at
// doubling sizes, so that linear time shows as doubling times.
var benchDocs = []struct {
	name  string
	sizes []int
	doc   func(n int) string
	last  func(n int) []string // a path near the end, to build the index
}{
	{
		name:  "nested",
		sizes: []int{25_000, 50_000, 100_000},
		doc: func(n int) string {
			return "a = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n"
		},
		last: func(n int) []string { return append([]string{"a"}, slicesRepeat("0", n-1)...) },
	},
	{
		name:  "keys",
		sizes: []int{50_000, 100_000, 200_000},
		doc: func(n int) string {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "key-%d = \"value number %d\"\n", i, i)
			}
			return b.String()
		},
		last: func(n int) []string { return []string{fmt.Sprintf("key-%d", n-1)} },
	},
}

// BenchmarkIndex builds the position index of each document ("index")
// beside toml.Decode of the same text ("decode"), the parse kb check does
// first, so that their ratio shows.
func BenchmarkIndex(b *testing.B) {
	for _, d := range benchDocs {
		for _, n := range d.sizes {
			src := d.doc(n)
			path := d.last(n)
			b.Run(fmt.Sprintf("%s-%d/index", d.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, ok := Build([]byte(src)).Lookup(path...); !ok {
						b.Fatalf("Lookup(%d keys) not found", len(path))
					}
				}
			})
			b.Run(fmt.Sprintf("%s-%d/decode", d.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					var doc map[string]any
					if _, err := toml.Decode(src, &doc); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
