package tomlpos

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestBuild(t *testing.T) {
	const doc = `# a comment
name = "Container" # trailing
aliases = ["a", 'b',
  """c"""]
"quoted key" = 1
dotted.key = { inner = true, other = [1, 2] }

[facts.scaling]
value = """
multi "line" ""
"""
[[source]]
id = "one"
[[source]]
id = 'two'
[source.extra]
x = 1
`
	// Each case names the text found at the key's and the value's offset.
	tests := []struct {
		name       string
		path       []string
		key, value string
	}{
		{"top key", []string{"name"}, `name =`, `"Container"`},
		{"array", []string{"aliases"}, `aliases =`, `["a"`},
		{"array element", []string{"aliases", "1"}, `'b'`, `'b'`},
		{"multi-line array element", []string{"aliases", "2"}, `"""c"""`, `"""c"""`},
		{"quoted key", []string{"quoted key"}, `"quoted key" = 1`, `1`},
		{"dotted key", []string{"dotted", "key"}, `dotted.key`, `{ inner`},
		{"inline table key", []string{"dotted", "key", "inner"}, `inner = true`, `true`},
		{"inline array element", []string{"dotted", "key", "other", "1"}, `2]`, `2]`},
		{"table header", []string{"facts", "scaling"}, `[facts.scaling]`, `[facts.scaling]`},
		{"key in table", []string{"facts", "scaling", "value"}, `value = """`, `"""` + "\nmulti"},
		{"first array table", []string{"source", "0"}, `[[source]]` + "\nid = \"one\"", `[[source]]`},
		{"second array table key", []string{"source", "1", "id"}, `id = 'two'`, `'two'`},
		{"sub-table of array table", []string{"source", "1", "extra", "x"}, `x = 1`, `1`},
	}
	ix := Build([]byte(doc))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ix.Lookup(tt.path...)
			if !ok || !strings.HasPrefix(doc[got.Key:], tt.key) || !strings.HasPrefix(doc[got.Value:], tt.value) {
				t.Errorf("Lookup(%q) = %v, %v: key at %q, value at %q; want %q, %q", tt.path, got, ok,
					doc[got.Key:min(got.Key+len(tt.key), len(doc))], doc[got.Value:min(got.Value+len(tt.value), len(doc))], tt.key, tt.value)
			}
		})
	}
	header := strings.Index(doc, "[facts.scaling]")
	if got := ix.Key("facts", "scaling", "missing"); got != header {
		t.Errorf("Key(facts.scaling.missing) = %d; want the table's %d", got, header)
	}
	var nilIndex *Index
	if got := nilIndex.Value("x"); got != 0 {
		t.Errorf("nil Index Value(x) = %d; want 0", got)
	}
}

// FuzzBuild checks that the scanner never panics and, on documents the
// decoder accepts, finds every top-level key.
func FuzzBuild(f *testing.F) {
	f.Add("a = 1\n[b]\nc = 'x'\n")
	f.Fuzz(func(t *testing.T, src string) {
		ix := Build([]byte(src))
		var doc map[string]any
		if _, err := toml.Decode(src, &doc); err != nil {
			return
		}
		for k := range doc {
			if _, ok := ix.Lookup(k); !ok {
				t.Errorf("Lookup(%q) not found in %q", k, src)
			}
		}
	})
}
