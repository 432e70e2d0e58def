package markdown

import "bytes"

// Call is one shortcode call, {{< name args >}} or {{% name args %}}.
type Call struct {
	Start, End int    // the whole call, delimiters included
	Name       string // as written; "" for a commented call {{</* … */>}}
	NameStart  int
	Percent    bool // {{% … %}}: its content is Markdown
	Closing    bool // {{< /name >}}
	SelfClose  bool // {{< name />}}
	Commented  bool // {{</* … */>}}: shown as text, not run
	Args       []Arg
	// Paired is the index in Doc.Calls of the closing call that ends this
	// one, or -1.
	Paired int
}

// Arg is one argument of a call: positional (Key empty) or named.
type Arg struct {
	Key        string
	KeyStart   int
	Start, End int // the value, without its quotes
	Quoted     bool
}

// Named returns the value range of the named argument key, or of the
// positional argument at index pos when the call has no named arguments.
func (c *Call) Named(key string, pos int) (Arg, bool) {
	n := 0
	for _, a := range c.Args {
		if a.Key == key {
			return a, true
		}
		if a.Key == "" {
			if n == pos {
				return a, true
			}
			n++
		}
	}
	return Arg{}, false
}

// shortcodes records every call from "from" on, and the content of every
// paired one. Hugo reads shortcodes before Markdown, even in code, so this
// runs over the whole text. A call that is never closed runs to the end;
// a quoted argument may hold a closing delimiter, "a >}} b", as in Hugo.
func (p *parser) shortcodes(from int) {
	src := p.src
	for i := from; i < len(src); {
		k := indexOpen(src[i:])
		if k < 0 {
			break
		}
		s := i + k
		c := p.call(s)
		p.add(Shortcode, c.Start, c.End, true)
		p.doc.Calls = append(p.doc.Calls, c)
		i = c.End
	}
	calls := p.doc.Calls
	for j := range calls {
		if !calls[j].Closing || calls[j].Name == "" {
			continue
		}
		for o := j - 1; o >= 0; o-- {
			if !calls[o].Closing && !calls[o].SelfClose && calls[o].Paired < 0 && calls[o].Name == calls[j].Name {
				calls[o].Paired = j
				p.add(ShortcodeContent, calls[o].End, calls[j].Start, false)
				break
			}
		}
	}
}

// indexOpen returns the index of the first "{{<" or "{{%" in b, or -1.
func indexOpen(b []byte) int {
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte("{{"))
		if k < 0 || i+k+2 >= len(b) {
			return -1
		}
		if c := b[i+k+2]; c == '<' || c == '%' {
			return i + k
		}
		i += k + 1
	}
}

// call reads the call that opens at s.
func (p *parser) call(s int) Call {
	src := p.src
	c := Call{Start: s, Percent: src[s+2] == '%', Paired: -1}
	closer := []byte(">}}")
	if c.Percent {
		closer = []byte("%}}")
	}
	i := s + 3
	if bytes.HasPrefix(src[i:], []byte("/*")) {
		c.Commented = true
		end := bytes.Index(src[i:], append([]byte("*/"), closer...))
		if end < 0 {
			c.End = len(src)
		} else {
			c.End = i + end + 2 + len(closer)
		}
		return c
	}
	i = skipBlank(src, i)
	if i < len(src) && src[i] == '/' {
		c.Closing = true
		i = skipBlank(src, i+1)
	}
	c.NameStart = i
	for i < len(src) && isNameByte(src[i]) {
		i++
	}
	c.Name = string(src[c.NameStart:i])
	for {
		i = skipBlank(src, i)
		if i >= len(src) {
			c.End = len(src)
			return c
		}
		if bytes.HasPrefix(src[i:], closer) {
			c.End = i + len(closer)
			return c
		}
		if src[i] == '/' && bytes.HasPrefix(src[skipBlank(src, i+1):], closer) {
			c.SelfClose = true
			i = skipBlank(src, i+1)
			continue
		}
		var a Arg
		// A key is a name followed, after optional blanks, by "=".
		if k := nameEnd(src, i); k > i {
			if e := skipBlank(src, k); e < len(src) && src[e] == '=' {
				a.Key, a.KeyStart = string(src[i:k]), i
				i = skipBlank(src, e+1)
			}
		}
		if i >= len(src) {
			c.End = len(src)
			return c
		}
		switch q := src[i]; q {
		case '"', '`':
			j := i + 1
			for j < len(src) && src[j] != q {
				if q == '"' && src[j] == '\\' {
					j++
				}
				j++
			}
			a.Start, a.End, a.Quoted = i+1, min(j, len(src)), true
			i = min(j+1, len(src))
		default:
			j := i
			for j < len(src) && !isBlank(src[j]) && !bytes.HasPrefix(src[j:], closer) {
				j++
			}
			if j == i {
				j++ // a stray byte: step over it
			}
			a.Start, a.End = i, j
			i = j
		}
		c.Args = append(c.Args, a)
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '/' || c == '.'
}

func nameEnd(src []byte, i int) int {
	for i < len(src) && (isNameByte(src[i]) && src[i] != '/') {
		i++
	}
	return i
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipBlank(src []byte, i int) int {
	for i < len(src) && isBlank(src[i]) {
		i++
	}
	return i
}
