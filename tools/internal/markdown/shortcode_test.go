package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/parser/pageparser"
)

// describe prints the calls of a scanned text compactly, for comparison:
// every call, and the error of the first one Hugo rejects.
func describe(d *Doc) string {
	var b strings.Builder
	for _, c := range d.Calls {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		describeCall(&b, d.Src, c)
	}
	return b.String()
}

func describeCall(b *strings.Builder, src []byte, c Call) {
	switch {
	case c.Commented:
		b.WriteString("comment")
	case c.Closing:
		fmt.Fprintf(b, "/%s", c.Name)
	default:
		b.WriteString(c.Name)
	}
	if c.Percent {
		b.WriteString("%")
	}
	if c.Inline {
		b.WriteString("(inline)")
	}
	for _, a := range c.Args {
		b.WriteString(" ")
		if a.Key != "" {
			b.WriteString(a.Key + "=")
		}
		if a.Quoted {
			fmt.Fprintf(b, "%q", a.Value(src))
		} else {
			b.WriteString(a.Value(src))
		}
	}
	if c.SelfClose {
		b.WriteString(" /")
	}
	fmt.Fprintf(b, "@%d-%d", c.Start, c.End)
	if c.Err != "" {
		fmt.Fprintf(b, " error@%d", c.ErrAt)
	}
}

func TestShortcodes(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"positional", `{{< term "kernel" >}}`, `term "kernel"@0-21`},
		{"unquoted word", `{{< term kernel >}}`, `term kernel@0-19`},
		{"raw string", "{{< term `a \"b\"` >}}", `term "a \"b\""@0-20`},
		{"named", `{{< term id="kernel" text="the core" >}}`, `term id="kernel" text="the core"@0-40`},
		{"blanks around the equals sign", `{{< term id = "kernel" >}}`, `term id="kernel"@0-26`},
		{"unquoted value runs to a blank", `{{< term id=kernel >}}`, `term id=kernel@0-22`},
		{"no blanks", `{{<term "kernel">}}`, `term "kernel"@0-19`},
		{"percent", `{{% term "kernel" %}}`, `term% "kernel"@0-21`},
		{"closing delimiter inside quotes", `{{< term "a >}} b" >}}`, `term "a >}} b"@0-22`},
		{"escaped quotes", `{{< term "say \"hi\"" >}}`, `term "say \"hi\""@0-25`},
		{"closing tag", `{{< details >}}x{{< /details >}}`, `details@0-15 /details@16-32`},
		{"self-closing", `{{< details summary="s" />}}`, `details summary="s" /@0-28`},
		{"comment", `{{</* term "nope" */>}}`, `comment@0-23`},
		{"percent comment", `{{%/* term "nope" */%}}`, `comment%@0-23`},
		{"namespaced name", `{{< a/b "x" >}}`, `a/b "x"@0-15`},
		{"inline shortcode", `{{< x.inline >}}hi{{< /x.inline >}}`, `x.inline(inline)@0-16 /x.inline(inline)@18-35`},
		{"an extra brace before the call", `{{{< term "x" >}}`, `term "x"@1-17`},
		{"a value after = with no name is passed to nobody", `{{< term ="x" >}}`, `term@0-17`},
		{"a quoted word before = names a parameter", `{{< term "kernel" = "x" >}}`, `term kernel="x"@0-27`},
		{"unicode name", `{{< térm "x" >}}`, `térm "x"@0-17`},

		{"no name", `{{< >}}`, `@0-7`},
		{"never closed", "{{< term \"kernel\" \n", `term "kernel"@0-19 error@19`},
		{"quote not closed on its line", "{{< term \"kernel >}}\nnext", `term@0-20 error@10`},
		{"raw string not closed", "{{< term `kernel >}}", `term@0-20 error@10`},
		{"named after positional", `{{< term "kernel" text="x" >}}`, `term "kernel"@0-30 error@18`},
		{"quoted positional after named", `{{< term id="kernel" "x" >}}`, `term id="kernel"@0-28 error@21`},
		{"word positional after named", `{{< term id="kernel" x >}}`, `term id="kernel"@0-26 error@21`},
		{"blanks make the name positional to the lexer", `{{< term id = "kernel" text="x" >}}`, `term id="kernel"@0-35 error@23`},
		{"closing with nothing open", `{{< /term >}}`, `@0-13 error@4`},
		{"closing a name never opened", `{{< term "x" >}}{{< /details >}}`, `term "x"@0-16 /@16-32 error@21`},
		{"closing tag with arguments", `{{< term "x" >}}{{< /term "x" >}}`, `term "x"@0-16 /term@16-33 error@26`},
		{"period in a name", `{{< a.b >}}`, `@0-11 error@4`},
		{"unrecognized character", `{{< term @x >}}`, `term@0-15 error@9`},
		{"comment never closed", `{{</* term */ >}}`, `comment@0-17 error@0`},
		{"a call inside an inline shortcode", `{{< x.inline >}}{{< term "y" >}}{{< /x.inline >}}`, `x.inline(inline)@0-16 @16-32 error@16 /x.inline(inline)@32-49`},
		{"only the first error is reported", `{{< a.b >}} {{< c.d >}}`, `@0-11 error@4 @12-23`},
		{"escaped backquote", "{{< term \\` >}}", `term@0-15 error@10`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ParseFragment([]byte(tt.src))
			if got := describe(d); got != tt.want {
				t.Errorf("ParseFragment(%q) = %s; want %s", tt.src, got, tt.want)
			}
			got, gotErr := oursUpToError(d)
			want, wantErr := hugoCalls(d.Src)
			if !slices.Equal(got, want) || gotErr != wantErr {
				t.Errorf("ParseFragment(%q) = %q, error at %d; want (Hugo) %q, error at %d", tt.src, got, gotErr, want, wantErr)
			}
		})
	}
}

func TestNamed(t *testing.T) {
	tests := []struct {
		name, src, key string
		pos            int
		want           string // the value, or "-" when there is none
	}{
		{"positional by index", `{{< comparison "c" "a,b" >}}`, "aspects", 1, "a,b"},
		{"named by key", `{{< comparison id="c" aspects="a" >}}`, "aspects", 1, "a"},
		{"no index in a named call", `{{< comparison id="c" >}}`, "x", 0, "-"},
		{"no key in a positional call", `{{< comparison "c" >}}`, "id", -1, "-"},
		{"the last of a repeated key", `{{< term id="a" id="b" >}}`, "id", 0, "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ParseFragment([]byte(tt.src))
			got := "-"
			if a, ok := d.Calls[0].Named(tt.key, tt.pos); ok {
				got = a.Value(d.Src)
			}
			if got != tt.want {
				t.Errorf("Named(%q, %d) in %q = %q; want %q", tt.key, tt.pos, tt.src, got, tt.want)
			}
		})
	}
}

func TestIsString(t *testing.T) {
	tests := []struct {
		name, src string
		want      bool
	}{
		{"word", `{{< x kernel >}}`, true},
		{"quoted number", `{{< x "42" >}}`, true},
		{"integer", `{{< x 42 >}}`, false},
		{"signed integer", `{{< x -7 >}}`, false},
		{"decimal", `{{< x 0.5 >}}`, false},
		{"boolean", `{{< x true >}}`, false},
		{"version", `{{< x 1.2.3 >}}`, true},
		{"integer out of range", `{{< x 99999999999999999999 >}}`, true},
		{"named boolean", `{{< x a=false >}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ParseFragment([]byte(tt.src))
			if got := d.Calls[0].Args[0].IsString(d.Src); got != tt.want {
				t.Errorf("IsString(%q) = %v; want %v", tt.src, got, tt.want)
			}
		})
	}
}

// hugoCalls reads src with Hugo's own page lexer and describes the calls
// it finds up to the first error, as oursUpToError does, with the error's
// offset (-1 for none). A commented call is text to Hugo.
func hugoCalls(src []byte) (calls []string, errAt int) {
	items, _ := pageparser.ParseBytes(src, pageparser.Config{NoFrontMatter: true})
	var c *Call
	var vals []argText
	for i := 0; i < len(items); i++ {
		it := items[i]
		switch {
		case it.IsError():
			return calls, it.Pos()
		case it.IsLeftShortcodeDelim():
			c = &Call{Start: it.Pos(), NameStart: it.Pos(), Percent: it.IsShortcodeMarkupDelimiter()}
			vals = nil
		case c == nil:
		case it.IsShortcodeName() || it.IsInlineShortcodeName():
			if c.Name == "" {
				c.Name, c.NameStart, c.Inline = it.ValStr(src), it.Pos(), it.IsInlineShortcodeName()
			}
		case it.IsShortcodeClose():
			if c.Name == "" {
				c.Closing = true
			} else if !c.Closing {
				c.SelfClose = true
			}
		case it.IsShortcodeParam():
			a, v := Arg{}, it
			if items[i+1].IsShortcodeParamVal() {
				a.Key, a.KeyStart = it.ValStr(src), it.Pos()
				v = items[i+1]
				i++
			}
			a.Start = v.Pos()
			if !bytes.HasPrefix(src[v.Pos():], v.Val(src)) || v.Pos() > 0 && src[v.Pos()-1] == '\\' && src[v.Pos()] == '"' {
				// Escapes removed: Hugo's text is not the source's, even
				// when it happens to match the bytes after a backslash.
				a.Start = -1
			}
			_, isString := v.ValTyped(src).(string)
			c.Args = append(c.Args, a)
			vals = append(vals, argText{v.ValStr(src), isString})
		case it.IsRightShortcodeDelim():
			c.End = it.Pos() + len(it.Val(src))
			calls = append(calls, describeArgs(*c, vals))
			c = nil
		}
	}
	return calls, -1
}

// argText is an argument's value as the template gets it.
type argText struct {
	value    string
	isString bool
}

// oursUpToError describes the reader's calls up to the first error,
// leaving out commented ones, and returns the error's offset (-1 for
// none).
func oursUpToError(d *Doc) (calls []string, errAt int) {
	for _, c := range d.Calls {
		if c.Err != "" {
			return calls, c.ErrAt
		}
		if c.Commented {
			continue
		}
		var vals []argText
		c.Args = slices.Clone(c.Args)
		for i, a := range c.Args {
			vals = append(vals, argText{a.Value(d.Src), a.IsString(d.Src)})
			if a.Escaped {
				c.Args[i].Start = -1
			}
		}
		calls = append(calls, describeArgs(c, vals))
	}
	return calls, -1
}

// describeArgs describes a call with every position Hugo reports.
func describeArgs(c Call, vals []argText) string {
	var b strings.Builder
	if c.Closing {
		b.WriteString("/")
	}
	fmt.Fprintf(&b, "%s@%d", c.Name, c.NameStart)
	if c.Percent {
		b.WriteString("%")
	}
	if c.Inline {
		b.WriteString("(inline)")
	}
	for i, a := range c.Args {
		b.WriteString(" ")
		if a.Key != "" {
			fmt.Fprintf(&b, "%s@%d=", a.Key, a.KeyStart)
		}
		fmt.Fprintf(&b, "%q@%d", vals[i].value, a.Start)
		if !vals[i].isString {
			b.WriteString("(typed)")
		}
	}
	if c.SelfClose {
		b.WriteString(" /")
	}
	fmt.Fprintf(&b, "[%d-%d]", c.Start, c.End)
	return b.String()
}

// FuzzShortcodes compares the reader with Hugo's own lexer
// (github.com/gohugoio/hugo/parser/pageparser, the version go.mod pins):
// the same calls, names, arguments (named or positional, string or not),
// closing and self-closing tags, up to the same first error, at the same
// offset. The reader must never panic, and its ranges must lie in the
// text.
func FuzzShortcodes(f *testing.F) {
	seeds := []string{
		`a {{< term "kernel" >}} b`,
		`{{< term id = "kernel" text=` + "`x`" + ` >}}`,
		`{{% term kernel %}} {{< term "a \"b\"" >}}`,
		`{{< details summary="s" >}}x{{< /details >}}{{< details />}}`,
		`{{</* term "x" */>}} {{%/* y */%}} {{</* never`,
		`{{< x.inline >}}{{< /x.inline >}} {{< a.b >}}`,
		"{{< term \"kernel\" text=\"x\" >}}\n{{< term id=\"a\" \"b\" >}}",
		"{{< /term >}} {{< term \"a >}}\n",
		"{{< x a=\\\"q\\\" \\\"r\\\" \\` >}}",
		`{{< x 42 -1 .5 1.2.3 true a=false >}}`,
		`{{{< x >}} {{ x }} {{<> {{< = >}} {{< / >}}`,
		"{{< x a=>}} {{< y >}}",
		"{{< x / y >}} {{< z/>}}",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d := ParseFragment([]byte(src))
		for _, c := range d.Calls {
			if c.Start < 0 || c.End > len(src) || c.Start >= c.End || c.Err != "" && (c.ErrAt < c.Start || c.ErrAt > len(src)) {
				t.Fatalf("ParseFragment(%q): call %+v outside the text", src, c)
			}
			for _, a := range c.Args {
				if a.Start < c.Start || a.End > c.End || a.Start > a.End {
					t.Fatalf("ParseFragment(%q): argument %+v outside its call %+v", src, a, c)
				}
			}
		}
		got, gotErr := oursUpToError(d)
		want, wantErr := hugoCalls([]byte(src))
		if !slices.Equal(got, want) || gotErr != wantErr {
			t.Errorf("ParseFragment(%q) = %q, error at %d; want (Hugo) %q, error at %d", src, got, gotErr, want, wantErr)
		}
	})
}
