package tomlpos

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// stringTests are TOML string values, decoded in a document "k = " + in. For
// a valid string, lines gives the 1-based line of the document each byte of
// want comes from, then the line of the closing delimiter; it is needed only
// when in spans several lines (otherwise every byte is on line 1).
var stringTests = []struct {
	name  string
	in    string
	want  string
	ok    bool
	lines string
}{
	// Basic strings.
	{name: "empty basic", in: `""`, want: "", ok: true},
	{name: "basic", in: `"hello"`, want: "hello", ok: true},
	{name: "basic UTF-8", in: `"héllo 世界"`, want: "héllo 世界", ok: true},
	{name: "basic tab", in: "\"a\tb\"", want: "a\tb", ok: true},
	{name: "basic single quote", in: `"it's"`, want: "it's", ok: true},
	{name: "escape b", in: `"\b"`, want: "\b", ok: true},
	{name: "escape t", in: `"\t"`, want: "\t", ok: true},
	{name: "escape n", in: `"\n"`, want: "\n", ok: true},
	{name: "escape f", in: `"\f"`, want: "\f", ok: true},
	{name: "escape r", in: `"\r"`, want: "\r", ok: true},
	{name: "escape e", in: `"\e"`, want: "\x1b", ok: true},
	{name: "escape quote", in: `"say \"hi\""`, want: `say "hi"`, ok: true},
	{name: "escape backslash", in: `"a\\b"`, want: `a\b`, ok: true},
	{name: "escape x", in: `"\x41"`, want: "A", ok: true},
	{name: "escape x is a code point", in: `"\xe9\xFF"`, want: "éÿ", ok: true},
	{name: "escape x NUL", in: `"\x00"`, want: "\x00", ok: true},
	{name: "escape u", in: `"\u00e9"`, want: "é", ok: true},
	{name: "escape u upper hex", in: `"\u00E9t\u00C9"`, want: "étÉ", ok: true},
	{name: "escape u NUL", in: `"\u0000"`, want: "\x00", ok: true},
	{name: "escape u three bytes", in: `"\u4e16"`, want: "世", ok: true},
	{name: "escape U", in: `"\U0001F600"`, want: "😀", ok: true},
	{name: "escape U max", in: `"\U0010FFFF"`, want: "\U0010FFFF", ok: true},
	{name: "escapes mixed", in: `"a\tb\u00e9c\\"`, want: "a\tbéc\\", ok: true},
	{name: "basic then more", in: `"a" # "b"`, want: "a", ok: true},

	// Literal strings.
	{name: "empty literal", in: `''`, want: "", ok: true},
	{name: "literal", in: `'C:\path\n'`, want: `C:\path\n`, ok: true},
	{name: "literal double quote", in: `'a"b'`, want: `a"b`, ok: true},
	{name: "literal UTF-8 and tab", in: "'é\t世'", want: "é\t世", ok: true},

	// Multi-line basic strings.
	{name: "empty multi-line basic", in: `""""""`, want: "", ok: true},
	{name: "multi-line basic", in: `"""abc"""`, want: "abc", ok: true},
	{name: "leading newline trimmed", in: "\"\"\"\nabc\n\"\"\"", want: "abc\n", ok: true, lines: "22223"},
	{name: "leading CRLF trimmed", in: "\"\"\"\r\nabc\r\n\"\"\"", want: "abc\r\n", ok: true, lines: "222223"},
	{name: "one leading newline trimmed", in: "\"\"\"\n\nabc\"\"\"", want: "\nabc", ok: true, lines: "23333"},
	{name: "line-ending backslash", in: "\"\"\"a \\\n   b\"\"\"", want: "a b", ok: true, lines: "1122"},
	{name: "line-ending backslash after blanks", in: "\"\"\"a\\  \t\n\n  b\"\"\"", want: "ab", ok: true, lines: "133"},
	{name: "line-ending backslash CRLF", in: "\"\"\"a\\\r\n  b\r\n\"\"\"", want: "ab\r\n", ok: true, lines: "12223"},
	{name: "line-ending backslash blank lines", in: "\"\"\"a\\\n \n\t\r\n b\"\"\"", want: "ab", ok: true, lines: "144"},
	{name: "line-ending backslash before close", in: "\"\"\"a\\\n\"\"\"", want: "a", ok: true, lines: "12"},
	{name: "line-ending backslash only", in: "\"\"\"\\\n\"\"\"", want: "", ok: true, lines: "2"},
	{name: "escaped backslash before newline", in: "\"\"\"a\\\\\nb\"\"\"", want: "a\\\nb", ok: true, lines: "11122"},
	{name: "escapes on lines", in: "\"\"\"\n\\u00e9\n\\t\"\"\"", want: "é\n\t", ok: true, lines: "22233"},
	{name: "quotes inside", in: `"""a"b""c"""`, want: `a"b""c`, ok: true},
	{name: "one extra closing quote", in: `"""a""""`, want: `a"`, ok: true},
	{name: "two extra closing quotes", in: `"""a"""""`, want: `a""`, ok: true},
	{name: "only extra closing quotes", in: `""""""""`, want: `""`, ok: true},
	{name: "leading quote", in: `""""a"""`, want: `"a`, ok: true},
	{name: "escaped quote and two extra", in: `"""a\""""""`, want: `a"""`, ok: true},
	// BurntSushi takes the backslash of \\ for one escaping a quote.
	{name: "escaped backslash and three extra", in: `"""a\\""""""`, want: `a\"""`, ok: true},

	// Multi-line literal strings.
	{name: "empty multi-line literal", in: `''''''`, want: "", ok: true},
	{name: "multi-line literal", in: "'''\nC:\\dir\\\nx'''", want: "C:\\dir\\\nx", ok: true, lines: "2222222233"},
	{name: "multi-line literal CRLF", in: "'''\r\na\r\nb'''", want: "a\r\nb", ok: true, lines: "22233"},
	{name: "multi-line literal newline only", in: "'''\n\n'''", want: "\n", ok: true, lines: "23"},
	{name: "multi-line literal backslash at end", in: `'''a\'''`, want: `a\`, ok: true},
	{name: "multi-line literal extra quotes", in: `'''a'''''`, want: `a''`, ok: true},
	{name: "multi-line literal only quotes", in: `''''''''`, want: `''`, ok: true},

	// Invalid.
	{name: "empty", in: ``},
	{name: "not a string", in: `abc`},
	{name: "unterminated basic", in: `"abc`},
	{name: "unterminated basic escape", in: `"abc\`},
	{name: "unterminated literal", in: `'abc`},
	{name: "unterminated multi-line basic", in: "\"\"\"abc\n\"\""},
	{name: "unterminated multi-line literal", in: "'''abc\n''"},
	{name: "unterminated after line-ending backslash", in: "\"\"\"a\\\n  "},
	{name: "newline in basic", in: "\"a\nb\""},
	{name: "CRLF in basic", in: "\"a\r\nb\""},
	{name: "newline in literal", in: "'a\nb'"},
	{name: "backslash newline in basic", in: "\"a\\\nb\""},
	{name: "bad escape", in: `"\q"`},
	{name: "escape space", in: `"\ "`},
	{name: "escape space in multi-line", in: `"""a\ b"""`},
	{name: "escape tab without newline", in: "\"\"\"a\\\t\"\"\""},
	{name: "short x", in: `"\x4"`},
	{name: "short u", in: `"\u12"`},
	{name: "short U", in: `"\U0001F60"`},
	{name: "bad hex", in: `"\u00g9"`},
	{name: "surrogate", in: `"\uD800"`},
	{name: "above max rune", in: `"\U00110000"`},
	{name: "huge U", in: `"\UFFFFFFFF"`},
	{name: "control character", in: "\"a\x01b\""},
	{name: "DEL", in: "'a\x7fb'"},
	{name: "DEL in basic", in: "\"a\x7fb\""},
	{name: "NUL", in: "\"a\x00b\""},
	{name: "bare CR", in: "\"\"\"a\rb\"\"\""},
	{name: "bare CR after line-ending backslash", in: "\"\"\"a\\\r b\"\"\""},
	{name: "bare CR leading", in: "'''\rb'''"},
	{name: "invalid UTF-8", in: "\"\xff\""},
	{name: "surrogate UTF-8", in: "'\xed\xa0\x80'"},
	{name: "six closing quotes", in: `"""a""""""`},
	{name: "six closing literal quotes", in: `'''a''''''`},
	{name: "escaped quote and six", in: `"""a\"""""""`},
}

func TestString(t *testing.T) {
	for _, tt := range stringTests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte("k = " + tt.in)
			value, offsets, ok := String(src, 4)
			if value != tt.want || ok != tt.ok {
				t.Fatalf("String(%q) = %q, %v; want %q, %v", tt.in, value, ok, tt.want, tt.ok)
			}
			// The table itself must agree with the decoder.
			var doc map[string]any
			_, err := toml.Decode(string(src), &doc)
			if tt.ok && (err != nil || doc["k"] != tt.want) {
				t.Errorf("toml.Decode(%q) = %q, %v; want %q", src, doc["k"], err, tt.want)
			}
			if !tt.ok {
				if err == nil {
					t.Errorf("toml.Decode(%q) = %q, nil; want an error", src, doc["k"])
				}
				return
			}
			if err := checkOffsets(src, 4, value, offsets); err != nil {
				t.Errorf("String(%q): %v", tt.in, err)
			}
		})
	}
}

// TestStringLines checks that every byte of each value, and its closing
// delimiter, is placed on the right line of the document.
func TestStringLines(t *testing.T) {
	for _, tt := range stringTests {
		if !tt.ok {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			want := tt.lines
			if want == "" {
				if strings.ContainsAny(tt.in, "\r\n") {
					t.Fatalf("case %q spans lines and needs lines", tt.name)
				}
				want = strings.Repeat("1", len(tt.want)+1)
			}
			src := []byte("k = " + tt.in)
			value, offsets, ok := String(src, 4)
			if !ok || len(offsets) != len(want) {
				t.Fatalf("String(%q) = %q, %v with %d offsets; want %q, true with %d", tt.in, value, ok, len(offsets), tt.want, len(want))
			}
			var got strings.Builder
			for _, off := range offsets {
				got.WriteString(fmt.Sprint(1 + bytes.Count(src[:off], []byte("\n"))))
			}
			if got.String() != want {
				t.Errorf("String(%q) lines = %s; want %s", tt.in, got.String(), want)
			}
		})
	}
}

func TestStringOffsets(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		offsets []int
	}{
		{"empty basic", `""`, "", []int{1}},
		{"empty multi-line literal", `''''''`, "", []int{3}},
		{"escape u", `"a\u00e9b"`, "aéb", []int{1, 2, 2, 8, 9}},
		{"escape U", `"\U0001F600"`, "😀", []int{1, 1, 1, 1, 11}},
		{"escape backslash", `"\\"`, `\`, []int{1, 3}},
		{"extra closing quote", `"""a""""`, `a"`, []int{3, 4, 5}},
		{"line-ending backslash", "\"\"\"a \\\n  b\"\"\"", "a b", []int{3, 4, 9, 10}},
		{"leading newline", "'''\nx'''", "x", []int{4, 5}},
		{"leading CRLF", "\"\"\"\r\nx\"\"\"", "x", []int{5, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			value, offsets, ok := String([]byte(tt.in), 0)
			if value != tt.want || !ok {
				t.Fatalf("String(%q) = %q, %v; want %q, %v", tt.in, value, ok, tt.want, true)
			}
			if fmt.Sprint(offsets) != fmt.Sprint(tt.offsets) {
				t.Errorf("String(%q) offsets = %v; want %v", tt.in, offsets, tt.offsets)
			}
		})
	}
}

func TestStringAt(t *testing.T) {
	src := []byte(`a = "x" # 'y'`)
	tests := []struct {
		name string
		src  []byte
		at   int
		want string
		ok   bool
	}{
		{"nil", nil, 0, "", false},
		{"negative", src, -1, "", false},
		{"past the end", src, len(src), "", false},
		{"far past the end", src, 1 << 40, "", false},
		{"not a quote", src, 0, "", false},
		{"value", src, 4, "x", true},
		{"closing quote starts a new string", src, 6, "", false},
		{"in a comment", src, 10, "y", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			value, _, ok := String(tt.src, tt.at)
			if value != tt.want || ok != tt.ok {
				t.Errorf("String(%q) at %d = %q, %v; want %q, %v", tt.src, tt.at, value, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestStringMap(t *testing.T) {
	_, offsets, ok := String([]byte(`k = "a\tb"`), 4)
	if !ok {
		t.Fatal("String failed")
	}
	m := StringMap(offsets)
	for i, want := range map[int]int{-5: 5, 0: 5, 1: 6, 2: 8, 3: 9, 4: 9, 100: 9} {
		if got := m.Offset(i); got != want {
			t.Errorf("Offset(%d) = %d; want %d", i, got, want)
		}
	}
	if got := StringMap(nil).Offset(3); got != 0 {
		t.Errorf("nil StringMap Offset(3) = %d; want 0", got)
	}
}

// TestStringLong decodes long strings made of the constructs that need a
// look ahead: a quadratic scan would not finish.
func TestStringLong(t *testing.T) {
	const n = 1 << 18
	tests := []struct {
		name, open, body, close string
		want                    int // bytes of value per body
	}{
		{"quotes", `"""`, `a""`, `"""`, 3},
		{"literal quotes", `'''`, `a''`, `'''`, 3},
		{"line-ending backslashes", `"""`, "\\\n  ", `"""`, 0},
		{"backslashes", `"""`, `\\`, `"""`, 1},
		{"escapes", `"`, `\U0001F600`, `"`, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.open + strings.Repeat(tt.body, n) + tt.close
			value, offsets, ok := String([]byte(in), 0)
			if !ok || len(value) != tt.want*n || len(offsets) != len(value)+1 {
				t.Errorf("String(%q…) = %d bytes, %v; want %d bytes, true", in[:20], len(value), ok, tt.want*n)
			}
		})
	}
}

// FuzzString checks String against the decoder on "k = <fuzzed>": it must
// never panic, must accept what the decoder accepts, with the same value, and
// must accept nothing the decoder would reject.
func FuzzString(f *testing.F) {
	for _, tt := range stringTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		src := []byte("k = " + in)
		at := 4
		for at < len(src) && (src[at] == ' ' || src[at] == '\t') {
			at++
		}
		value, offsets, ok := String(src, at)
		if ok {
			if err := checkOffsets(src, at, value, offsets); err != nil {
				t.Fatalf("String(%q): %v", src, err)
			}
			// The string alone must decode to the same value.
			end := offsets[len(offsets)-1] + 1
			if at+2 < len(src) && src[at+1] == src[at] && src[at+2] == src[at] {
				end += 2 // a multi-line delimiter
			}
			alone := "k = " + string(src[at:end])
			var doc map[string]any
			if _, err := toml.Decode(alone, &doc); err != nil || doc["k"] != value {
				t.Fatalf("String(%q) = %q, true; but toml.Decode(%q) = %q, %v", src, value, alone, doc["k"], err)
			}
		}
		var doc map[string]any
		if _, err := toml.Decode(string(src), &doc); err != nil {
			return
		}
		want, isString := doc["k"].(string)
		if !isString {
			return
		}
		if value != want || !ok {
			t.Fatalf("String(%q) = %q, %v; want %q, %v", src, value, ok, want, true)
		}
	})
}

// checkOffsets checks the offsets String returned for the string at src[at]:
// one per byte of value and one for the closing delimiter, non-decreasing and
// within the string; a byte from a non-escape maps to the same byte, and the
// bytes of an escape map to its backslash and are what the escape decodes to.
func checkOffsets(src []byte, at int, value string, offsets []int) error {
	if len(offsets) != len(value)+1 {
		return fmt.Errorf("%d offsets for %d bytes", len(offsets), len(value))
	}
	prev := at
	for i, off := range offsets {
		if off < prev || off > len(src) {
			return fmt.Errorf("offsets[%d] = %d out of order or range in %v", i, off, offsets)
		}
		prev = off
	}
	if last := offsets[len(value)]; last >= len(src) || src[last] != src[at] {
		return fmt.Errorf("closing delimiter offset %d is not a %q", last, src[at])
	}
	basic := src[at] == '"'
	for i := 0; i < len(value); {
		off := offsets[i]
		if !basic || src[off] != '\\' {
			if src[off] != value[i] {
				return fmt.Errorf("value[%d] = %q comes from %q at %d", i, value[i], src[off], off)
			}
			i++
			continue
		}
		j := i
		for j < len(value) && offsets[j] == off {
			j++
		}
		n := 2
		switch src[off+1] {
		case 'x':
			n = 4
		case 'u':
			n = 6
		case 'U':
			n = 10
		}
		esc := string(src[off : off+n])
		var doc map[string]any
		if _, err := toml.Decode(`k = "`+esc+`"`, &doc); err != nil || doc["k"] != value[i:j] {
			return fmt.Errorf("value[%d:%d] = %q comes from %q, which decodes to %q, %v", i, j, value[i:j], esc, doc["k"], err)
		}
		i = j
	}
	return nil
}
