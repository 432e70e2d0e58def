package tomlpos

import (
	"fmt"
	"strconv"
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
"a\u0062" . 'x.y' = 2
when = 1979-05-27 07:32:00Z
after = 3

[facts.scaling]
value = """
multi "line" ""
"""
[facts]
zz.value = "x"
[[source]]
id = "one"
[[source]]
id = 'two'
[source.extra]
x = 1
[[source.more]]
y = 1
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
		{"dotted key", []string{"dotted", "key"}, `key = {`, `{ inner`},
		{"table named by a dotted key", []string{"dotted"}, `dotted.key`, `dotted.key`},
		{"inline table key", []string{"dotted", "key", "inner"}, `inner = true`, `true`},
		{"inline array element", []string{"dotted", "key", "other", "1"}, `2]`, `2]`},
		{"escaped quoted key, decoded", []string{"ab"}, `"a\u0062" .`, `"a\u0062" .`},
		{"literal key with a dot", []string{"ab", "x.y"}, `'x.y' = 2`, `2`},
		{"date-time with a space", []string{"when"}, `when =`, `1979-05-27 07:32:00Z`},
		{"key after a date-time", []string{"after"}, `after = 3`, `3`},
		{"table header", []string{"facts", "scaling"}, `[facts.scaling]`, `[facts.scaling]`},
		{"table defined after its sub-table", []string{"facts"}, "[facts]\n", "[facts]\n"},
		{"key in table", []string{"facts", "scaling", "value"}, `value = """`, `"""` + "\nmulti"},
		{"table named by a dotted key in a table", []string{"facts", "zz"}, `zz.value`, `zz.value`},
		{"dotted key in a table", []string{"facts", "zz", "value"}, `value = "x"`, `"x"`},
		{"array of tables", []string{"source"}, `[[source]]` + "\nid = \"one\"", `[[source]]` + "\nid = \"one\""},
		{"first array table", []string{"source", "0"}, `[[source]]` + "\nid = \"one\"", `[[source]]`},
		{"second array table key", []string{"source", "1", "id"}, `id = 'two'`, `'two'`},
		{"sub-table of array table", []string{"source", "1", "extra", "x"}, `x = 1`, `1`},
		{"array of tables in array table", []string{"source", "1", "more", "0", "y"}, `y = 1`, `1`},
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
	if got := ix.Key("missing", "name"); got != 0 {
		t.Errorf("Key(missing.name) = %d; want 0", got)
	}
	var nilIndex *Index
	if got := nilIndex.Value("x"); got != 0 {
		t.Errorf("nil Index Value(x) = %d; want 0", got)
	}
}

func TestEnd(t *testing.T) {
	const doc = `s = "a \"b\"" # c
m = """
x"""""
n = -1_000
d = 1979-05-27 07:32:00 # local
l = [1, 2]
t = {u = 1}
dotted.key = 'v'
`
	tests := []struct {
		name string
		path []string
		want string // the text from the value to End
	}{
		{"basic string", []string{"s"}, `"a \"b\""`},
		{"multi-line string with extra quotes", []string{"m"}, "\"\"\"\nx\"\"\"\"\""},
		{"number", []string{"n"}, `-1_000`},
		{"date-time with a space, not the blank after it", []string{"d"}, `1979-05-27 07:32:00`},
		{"array element", []string{"l", "1"}, `2`},
		{"array", []string{"l"}, ``},
		{"inline table", []string{"t"}, ``},
		{"key in inline table", []string{"t", "u"}, `1`},
		{"table named by a dotted key", []string{"dotted"}, ``},
		{"value of a dotted key", []string{"dotted", "key"}, `'v'`},
		{"missing key falls back to the value's start", []string{"missing"}, ``},
	}
	ix := Build([]byte(doc))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end := ix.Value(tt.path...), ix.End(tt.path...)
			if got := doc[start:end]; got != tt.want {
				t.Errorf("End(%q) = %d: spans %q; want %q", tt.path, end, got, tt.want)
			}
		})
	}
}

// TestDeep checks that nesting of any depth is indexed, down to its
// innermost element, without exhausting the stack.
func TestDeep(t *testing.T) {
	const n = 100_000
	tests := []struct {
		name  string
		doc   string
		inner []string // the path of the innermost value
		at    int      // where it starts
	}{
		{"arrays", "a = " + strings.Repeat("[", n) + "1" + strings.Repeat("]", n), append([]string{"a"}, slicesRepeat("0", n)...), 4 + n},
		{"inline tables", "a = " + strings.Repeat("{b=", n) + "1" + strings.Repeat("}", n), append([]string{"a"}, slicesRepeat("b", n)...), 4 + 3*n},
		{"arrays of inline tables", "a = " + strings.Repeat("[{b=", n) + "1" + strings.Repeat("}]", n), deepMixed(n), 4 + 4*n},
		{"unclosed arrays", "a = " + strings.Repeat("[", n), append([]string{"a"}, slicesRepeat("0", n-1)...), 4 + n - 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := Build([]byte(tt.doc))
			if got, ok := ix.Lookup(tt.inner...); !ok || got.Value != tt.at {
				t.Errorf("Lookup(the innermost of %d) = %v, %v; want value at %d", len(tt.inner), got, ok, tt.at)
			}
		})
	}
}

func slicesRepeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// deepMixed is the path of the innermost b in a = [{b=[{b=...}]}].
func deepMixed(n int) []string {
	out := []string{"a"}
	for range n {
		out = append(out, "0", "b")
	}
	return out
}

// TestHostile checks that inputs the decoder rejects never panic and stop
// the scan cleanly.
func TestHostile(t *testing.T) {
	tests := []struct {
		name string
		doc  string
	}{
		{"unbalanced closers", "a = ]]]}}}"},
		{"mismatched closer", "a = [{b = 1]}"},
		{"header without end", "[a.b"},
		{"array header without second bracket", "[[a]"},
		{"empty key", "= 1"},
		{"multi-line quoted key", `"""a""" = 1`},
		{"value missing", "a =\nb = 1"},
		{"unterminated string", `a = "abc`},
		{"array of tables through a value", "a = 1\n[[a.b]]\n[a.b.c]"},
		{"only brackets", strings.Repeat("[", 1000)},
		{"only braces", "a = " + strings.Repeat("{", 1000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := Build([]byte(tt.doc))
			ix.Lookup("a", "b")
			ix.End("a")
			ix.Key("a", "b", "c")
		})
	}
}

// FuzzBuild checks that the scanner never panics and, on documents the
// decoder accepts, finds every path the decoded document has: each key at
// its name (or at the "[" of its header), each string at a string that
// decodes to the same value, each other scalar spanning text that decodes
// to the same value.
func FuzzBuild(f *testing.F) {
	f.Add("a = 1\n[b]\nc = 'x'\n")
	f.Add("0.0=0")
	f.Add("[facts]\nzz.value = \"x\"\nfacts2.zz.value = 'y'")
	f.Add("[[a]]\n[a.b]\nc = [1, {d = 2}]\n[[a]]\n[[a.e]]")
	f.Add("\"a\\u0062\" = 1\n'c.d'.e = 2")
	f.Add("t = 1979-05-27 07:32:00Z\nu = 07:32:00 \nv = [1979-05-27]")
	f.Add("x = {a = 1, b.c = [{d = 'e'}]}")
	f.Add("[a.b]\n[a]\nc = 1\n[[a.d.e]]\n[[a.d.e]]\n[a.d]\nx = 1")
	f.Add("a = [\n  # c\n  1, # d\n  \"\"\"]\"\"\",\n]\nx = {a = 1,\n b = 2, # c\n}")
	f.Add("[''.\"\"]\nk = 1\n[ \"q\" . 'r' ]\ns = 0xff\nt = 1e-5\nu = -inf")
	f.Add("\ufeffa = 1\r\n[b]\r\nc = 07:32:00.5\r\n")
	f.Fuzz(func(t *testing.T, src string) {
		ix := Build([]byte(src))
		var doc map[string]any
		if _, err := toml.Decode(src, &doc); err != nil {
			ix.Lookup("a") // only to build the index: it must not panic
			return
		}
		checkTable(t, src, ix, nil, doc)
	})
}

func checkTable(t *testing.T, src string, ix *Index, path []string, m map[string]any) {
	for k, v := range m {
		p := append(path[:len(path):len(path)], k)
		checkKey(t, src, ix, p, false)
		checkValue(t, src, ix, p, v)
	}
}

func checkValue(t *testing.T, src string, ix *Index, path []string, v any) {
	pos, ok := ix.Lookup(path...)
	if !ok {
		return // checkKey said so
	}
	switch v := v.(type) {
	case map[string]any:
		if c := src[pos.Value]; c != '{' && c != '[' && pos.Value != pos.Key {
			t.Errorf("Lookup(%q) = %v: a table's value at %q in %q", path, pos, c, src)
		}
		checkTable(t, src, ix, path, v)
	case []map[string]any:
		if src[pos.Value] != '[' {
			t.Errorf("Lookup(%q) = %v: an array's value at %q in %q", path, pos, src[pos.Value], src)
		}
		for i, e := range v {
			p := append(path[:len(path):len(path)], strconv.Itoa(i))
			checkKey(t, src, ix, p, true)
			checkValue(t, src, ix, p, e)
		}
	case []any:
		if src[pos.Value] != '[' {
			t.Errorf("Lookup(%q) = %v: an array's value at %q in %q", path, pos, src[pos.Value], src)
		}
		for i, e := range v {
			p := append(path[:len(path):len(path)], strconv.Itoa(i))
			checkKey(t, src, ix, p, true)
			checkValue(t, src, ix, p, e)
		}
	case string:
		if got, _, ok := String([]byte(src), pos.Value); !ok || got != v {
			t.Errorf("String at Lookup(%q).Value = %q, %v; want %q in %q", path, got, ok, v, src)
		}
		checkSpan(t, src, ix, path, v)
	default:
		checkSpan(t, src, ix, path, v)
	}
}

// checkSpan checks that the text from path's Value to its End decodes to v.
func checkSpan(t *testing.T, src string, ix *Index, path []string, v any) {
	start, end := ix.Value(path...), ix.End(path...)
	var doc map[string]any
	text := src[start:end]
	if _, err := toml.Decode("k = "+text, &doc); err != nil || fmt.Sprintf("%T %v", doc["k"], doc["k"]) != fmt.Sprintf("%T %v", v, v) {
		t.Errorf("Value, End(%q) = %d, %d: %q decodes to %v, %v; want %v in %q", path, start, end, text, doc["k"], err, v, src)
	}
}

// checkKey checks that path is found with its key where it is written: at
// its name, or at the "[" of its header; an element's at its value.
func checkKey(t *testing.T, src string, ix *Index, path []string, element bool) {
	pos, ok := ix.Lookup(path...)
	if !ok {
		t.Errorf("Lookup(%q) not found in %q", path, src)
		return
	}
	if pos.Key < 0 || pos.Key > pos.Value || pos.Value >= len(src) {
		t.Errorf("Lookup(%q) = %v out of order or range in %q", path, pos, src)
		return
	}
	if element {
		if pos.Key != pos.Value {
			t.Errorf("Lookup(%q) = %v: an element's key is not at its value in %q", path, pos, src)
		}
		return
	}
	name := path[len(path)-1]
	switch c := src[pos.Key]; {
	case c == '[':
	case c == '"' || c == '\'':
		if got, _, ok := keyName([]byte(src), pos.Key); !ok || got != name {
			t.Errorf("Lookup(%q) = %v: key %q, %v at its key; want %q in %q", path, pos, got, ok, name, src)
		}
	default:
		end := pos.Key + len(name)
		if end > len(src) || src[pos.Key:end] != name || end < len(src) && isBare(src[end]) {
			t.Errorf("Lookup(%q) = %v: key at %q; want %q in %q", path, pos, src[pos.Key:min(end, len(src))], name, src)
		}
	}
}
