package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Call is one shortcode call, {{< name args >}} or {{% name args %}}, as
// Hugo's page lexer (parser/pageparser, v0.165.0) reads it.
type Call struct {
	Start, End int    // the whole call, delimiters included
	Name       string // as written; "" for a commented call {{</* … */>}}, or one with no name
	NameStart  int
	Percent    bool // {{% … %}}: its output is Markdown
	Closing    bool // {{< /name >}}
	SelfClose  bool // {{< name />}}
	Commented  bool // {{</* … */>}}: shown as text, not run
	Inline     bool // {{< name.inline >}}: an inline shortcode
	// Args are the parameters Hugo passes to the template, in order: a
	// word followed by "=" and a value is named, any other word or quoted
	// text positional. A value after "=" with no name before it is passed
	// to nobody, as in Hugo, and is not listed.
	Args []Arg
	// Paired is the index in Doc.Calls of the closing call that ends this
	// one, or -1. It pairs by name; which calls may take content at all
	// depends on their templates, which this package does not read.
	Paired int
	// Err says why Hugo's lexer rejects this call, failing the page, and
	// ErrAt is where Hugo reports it. Only the first such call in a text
	// has Err: Hugo reads no further. The calls after it are read on a
	// best guess, from the end of this one (its closing delimiter, or the
	// end of the text).
	Err   string
	ErrAt int
}

// Arg is one argument of a call: positional (Key empty) or named.
type Arg struct {
	Key        string
	KeyStart   int
	Start, End int  // the value, without its quotes
	Quoted     bool // "…" or `…`: a string, whatever it looks like
	// Escaped is set on a "…" value holding \": Hugo then drops every
	// backslash in it (see Value).
	Escaped bool
}

// NamedArgs reports whether Hugo gives the call named parameters (the
// template's .IsNamedParams): it decides by the first argument.
func (c *Call) NamedArgs() bool { return len(c.Args) > 0 && c.Args[0].Key != "" }

// Named returns the argument a template reads: the one named key when
// the call has named arguments (the last one, when a key is repeated, as
// Hugo keeps them in a map), or the positional one at index pos when it
// has positional ones. Like Hugo's .Get, it finds nothing by position in
// a call with named arguments, nor by name in one with positional ones.
func (c *Call) Named(key string, pos int) (Arg, bool) {
	if c.NamedArgs() {
		found, ok := Arg{}, false
		for _, a := range c.Args {
			if a.Key == key {
				found, ok = a, true
			}
		}
		return found, ok
	}
	n := 0
	for _, a := range c.Args {
		if a.Key != "" {
			continue
		}
		if n == pos {
			return a, true
		}
		n++
	}
	return Arg{}, false
}

// Value returns the argument's value as Hugo passes it: as written, but
// without any backslash when the value holds an escaped quote.
func (a Arg) Value(src []byte) string {
	v := src[a.Start:a.End]
	if a.Escaped {
		return string(bytes.ReplaceAll(v, []byte(`\`), nil))
	}
	return string(v)
}

// IsString reports whether Hugo passes the argument to the template as a
// string. An unquoted true or false is a boolean and an unquoted number
// (42, -1, 0.5) a number: .Get returns those typed.
func (a Arg) IsString(src []byte) bool {
	if a.Quoted {
		return true
	}
	v := a.Value(src)
	switch {
	case v == "true" || v == "false":
		return false
	case isInteger(v):
		_, err := strconv.Atoi(v)
		return err != nil // out of range: Hugo keeps the text
	case isDecimal(v):
		_, err := strconv.ParseFloat(v, 64)
		return err != nil
	}
	return true
}

// isInteger matches what Hugo reads as an integer: [-+]?[0-9]+.
func isInteger(s string) bool {
	s = trimSign(s)
	return s != "" && allDigits(s)
}

// isDecimal matches what Hugo reads as a float: [-+]?[0-9]*\.[0-9]+.
func isDecimal(s string) bool {
	whole, frac, ok := cutByte(trimSign(s), '.')
	return ok && frac != "" && (whole == "" || allDigits(whole)) && allDigits(frac)
}

func trimSign(s string) string {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		return s[1:]
	}
	return s
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func cutByte(s string, sep byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// shortcodes records every call from "from" on, and the content of every
// paired one. Hugo reads shortcodes before Markdown, even in code, so this
// runs over the whole text.
func (p *parser) shortcodes(from int) {
	src := p.src
	lx := &scLexer{src: src, opened: map[string]bool{}}
	for i := from; i < len(src); {
		k := bytes.Index(src[i:], []byte("{{"))
		if k < 0 {
			break
		}
		s := i + k
		if s+2 >= len(src) || src[s+2] != '<' && src[s+2] != '%' {
			i = s + 1 // "{{{<" opens a call one byte on
			continue
		}
		c := lx.call(s)
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

// scLexer is what Hugo's lexer carries from one call to the next in a
// text.
type scLexer struct {
	src []byte
	// last is the last name read. It is never cleared: a "/" before any
	// name has been read is an error, and only then.
	last string
	// opened holds every name read so far: a closing tag must name one.
	opened map[string]bool
	// inline is set inside an inline shortcode, from its name to its
	// closing tag: no other call may start there.
	inline bool
	failed bool // an error has been recorded
}

// callLexer reads one call.
type callLexer struct {
	*scLexer
	pos     int
	right   []byte // the closing delimiter, ">}}" or "%}}"
	step    int    // names and parameters read since the opening or a "/"
	kind    int    // 1 once a positional parameter is read, 2 once a named one
	closing bool   // a "/" has been read, and no name after it yet
	toks    []token
}

// A token is a piece of a call, as Hugo's lexer emits it.
type token struct {
	kind            byte // tokName, tokParam, tokValue or tokClose
	start, end      int
	quoted, escaped bool
	inline          bool
}

const (
	tokName  = 'n'
	tokParam = 'p' // a word or quoted text: positional, or a name if a value follows
	tokValue = 'v' // what follows "="
	tokClose = '/'
)

// lexErr is where and why Hugo's lexer stops.
type lexErr struct {
	at  int
	msg string
}

func errAt(at int, format string, args ...any) *lexErr {
	return &lexErr{at, fmt.Sprintf(format, args...)}
}

// call reads the call that opens at s.
func (lx *scLexer) call(s int) Call {
	src := lx.src
	c := Call{Start: s, NameStart: s, Percent: src[s+2] == '%', Paired: -1}
	l := &callLexer{scLexer: lx, pos: s + 3, right: []byte(">}}")}
	if c.Percent {
		l.right = []byte("%}}")
	}
	var err *lexErr
	switch {
	case lx.inline && !closesInline(src[s+3:], lx.last):
		err = errAt(s, "a shortcode call inside inline shortcode %q, which can hold no other call", lx.last)
	case bytes.HasPrefix(src[s+3:], []byte("/*")):
		c.Commented = true
		k := bytes.Index(src[s+3:], append([]byte("*/"), l.right...))
		if k > 1 {
			c.End = s + 3 + k + 2 + len(l.right)
			return c
		}
		err = errAt(s, "shortcode comment never closed: end it with */%s", l.right)
	default:
		err = l.inside()
	}
	c.assemble(src, l.toks)
	if err == nil {
		c.End = l.pos
		return c
	}
	if !lx.failed {
		lx.failed = true
		c.Err, c.ErrAt = err.msg, err.at
	}
	lx.inline = false
	from := max(err.at, s+3)
	if k := bytes.Index(src[from:], l.right); k >= 0 {
		c.End = from + k + len(l.right)
	} else {
		c.End = len(src)
	}
	return c
}

// closesInline reports whether the call after "{{<" (b) is the closing
// tag of the inline shortcode name, the only call Hugo allows inside one.
// Like Hugo, it wants a blank after the name.
func closesInline(b []byte, name string) bool {
	i := bytes.IndexFunc(b, func(r rune) bool { return !isSpace(r) })
	if i < 0 || b[i] != '/' {
		return false
	}
	return bytes.HasPrefix(bytes.TrimSpace(b[i+1:]), []byte(name+" "))
}

// inside reads the call up to and including its closing delimiter.
func (l *callLexer) inside() *lexErr {
	src := l.src
	for {
		if bytes.HasPrefix(src[l.pos:], l.right) {
			l.pos += len(l.right)
			return nil
		}
		if l.pos >= len(src) {
			return errAt(len(src), "shortcode call never closed: end it with %s", l.right)
		}
		r, w := utf8.DecodeRune(src[l.pos:])
		switch {
		case isSpace(r):
			l.pos += w
		case r == '=':
			l.pos += w
			for l.pos < len(src) && isSpace(rune(src[l.pos])) {
				l.pos++
			}
			if err := l.value(); err != nil {
				return err
			}
		case r == '/':
			if l.last == "" {
				return errAt(l.pos, "closing shortcode tag, but no shortcode has been opened")
			}
			l.toks = append(l.toks, token{kind: tokClose, start: l.pos, end: l.pos + w})
			l.closing, l.inline, l.step = true, false, 0
			l.pos += w
		case r == '\\':
			// Hugo drops a backslash here; before a quote it marks text
			// that a shortcode's documentation shows escaped.
			l.pos += w
			if l.pos < len(src) && (src[l.pos] == '"' || src[l.pos] == '`') {
				if err := l.param(true); err != nil {
					return err
				}
			}
		case l.step > 0 && (isWordRune(r) || r == '"' || r == '`'):
			if err := l.param(false); err != nil {
				return err
			}
		case isNameRune(r):
			done, err := l.name()
			if err != nil || done {
				return err
			}
		default:
			return errAt(l.pos, "unexpected %q in a shortcode call: quote a parameter that is not a plain word", r)
		}
	}
}

// value reads what follows "=" and the blanks after it: quoted text, or
// anything up to the next blank (">}}" included, as in Hugo).
func (l *callLexer) value() *lexErr {
	src := l.src
	if l.pos < len(src) {
		switch src[l.pos] {
		case '"', '\\':
			return l.quoted(src[l.pos] == '"', tokValue)
		case '`':
			return l.raw(tokValue)
		}
	}
	start := l.pos
	for l.pos < len(src) && !isSpace(rune(src[l.pos])) {
		l.pos++
	}
	l.toks = append(l.toks, token{kind: tokValue, start: start, end: l.pos})
	return nil
}

// param reads a parameter: quoted text, or a word of letters, digits,
// "-", "_" and "." that is a parameter's name when "=" follows at once.
// Once a call has a named parameter, every parameter must be named, and
// once it has a positional one, none may be (Hugo's lexer sees only a
// name written with "=" directly after it as named). escaped is set after
// a backslash.
func (l *callLexer) param(escaped bool) *lexErr {
	src := l.src
	start := l.pos
	if c := src[start]; c == '"' || c == '`' {
		if c == '`' && escaped {
			return errAt(start, "a backslash before a backquote: write `text` without it")
		}
		if l.kind == 2 {
			return errAt(start, "a positional parameter after named ones: name every parameter, or none")
		}
		l.kind = 1
		if c == '"' {
			return l.quoted(!escaped, tokParam)
		}
		return l.raw(tokParam)
	}
	named := false
	for l.pos < len(src) {
		r, w := utf8.DecodeRune(src[l.pos:])
		if r == '=' {
			named = true
			break
		}
		if !isWordRune(r) && r != '.' {
			break
		}
		l.pos += w
	}
	switch word := src[start:l.pos]; {
	case l.kind == 0 && named:
		l.kind = 2
	case l.kind == 0:
		l.kind = 1
	case named && l.kind == 1:
		return errAt(start, "named parameter %q after positional ones: name every parameter, or none", word)
	case !named && l.kind == 2:
		return errAt(start, "positional parameter %q after named ones: name every parameter, or none", word)
	}
	l.toks = append(l.toks, token{kind: tokParam, start: start, end: l.pos})
	return nil
}

// quoted reads "text" from l.pos, which holds the opening quote or, for a
// value written \"text\", a backslash. Inside, \" is a quote when
// escapes is set, and ends the text otherwise; a line break or the end of
// the text before the closing quote is an error.
func (l *callLexer) quoted(escapes bool, kind byte) *lexErr {
	src := l.src
	start := l.pos
	open, escaped, inEscape := false, false, false
	for {
		if l.pos >= len(src) {
			return errAt(start, "the quoted text is never closed: end it with \" on the same line")
		}
		r, w := utf8.DecodeRune(src[l.pos:])
		l.pos += w
		next := byte(0)
		if l.pos < len(src) {
			next = src[l.pos]
		}
		switch {
		case r == '\\' && next == '"':
			if open && !escapes {
				l.pos -= w
				return l.endQuoted(kind, start, escaped)
			}
			if open {
				escaped, inEscape = true, true
			}
		case r == '\\' && next == '`':
			return errAt(start, "a backslash before a backquote: write `text` without it")
		case r == '\n':
			return errAt(start, "the quoted text is never closed: end it with \" on the same line")
		case r == '"' && inEscape:
			inEscape = false
		case r == '"' && open:
			l.pos -= w
			return l.endQuoted(kind, start, escaped)
		case r == '"':
			open, start = true, l.pos
		}
	}
}

// endQuoted records quoted text that ends at l.pos, and steps over its
// closing quote, or over an escaped one.
func (l *callLexer) endQuoted(kind byte, start int, escaped bool) *lexErr {
	src := l.src
	l.toks = append(l.toks, token{kind: kind, start: start, end: l.pos, quoted: true, escaped: escaped})
	switch {
	case bytes.HasPrefix(src[l.pos:], []byte(`\"`)):
		l.pos += 2
	case bytes.HasPrefix(src[l.pos:], []byte(`"`)):
		l.pos++
	}
	return nil
}

// raw reads `text`, which may span lines.
func (l *callLexer) raw(kind byte) *lexErr {
	src := l.src
	start := l.pos + 1
	end := bytes.IndexByte(src[start:], '`')
	if end < 0 {
		return errAt(start, "the `quoted` text is never closed: end it with `")
	}
	l.toks = append(l.toks, token{kind: kind, start: start, end: start + end, quoted: true})
	l.pos = start + end + 1
	return nil
}

// name reads a shortcode's name: letters, digits, "_", "-" and "/", or
// name.inline before a blank. After a "/", it is a closing tag's name,
// which some call must have opened, and only blanks may follow it; done
// is then set when the call has ended.
func (l *callLexer) name() (done bool, err *lexErr) {
	src := l.src
	start := l.pos
	for l.pos < len(src) {
		r, w := utf8.DecodeRune(src[l.pos:])
		if r == '.' {
			l.pos += w
			if l.inline = bytes.HasPrefix(src[l.pos:], []byte("inline ")); !l.inline {
				return false, errAt(start, "a period in a shortcode name: only name.inline may have one")
			}
			continue
		}
		if !isWordRune(r) && r != '/' {
			break
		}
		l.pos += w
	}
	word := string(src[start:l.pos])
	closing := l.closing
	if closing && !l.opened[word] {
		return false, errAt(start, "closing tag for shortcode %q, which no call has opened", word)
	}
	l.closing, l.last, l.opened[word] = false, word, true
	l.step++
	l.toks = append(l.toks, token{kind: tokName, start: start, end: l.pos, inline: l.inline})
	if !closing {
		return false, nil
	}
	l.inline = false
	for {
		if bytes.HasPrefix(src[l.pos:], l.right) {
			l.pos += len(l.right)
			return true, nil
		}
		r, w := utf8.DecodeRune(src[l.pos:])
		if l.pos >= len(src) || !isSpace(r) {
			return false, errAt(l.pos, "a closing shortcode tag holds only the name: end it with %s", l.right)
		}
		l.pos += w
	}
}

// assemble fills in the call from its tokens, as Hugo's shortcode
// extraction reads them.
func (c *Call) assemble(src []byte, toks []token) {
	named := false
	for i, t := range toks {
		switch t.kind {
		case tokName:
			if !named {
				c.Name, c.NameStart, c.Inline, named = string(src[t.start:t.end]), t.start, t.inline, true
			}
		case tokClose:
			if !named {
				c.Closing = true
			} else if !c.Closing {
				c.SelfClose = true
			}
		case tokParam:
			a := Arg{Start: t.start, End: t.end, Quoted: t.quoted, Escaped: t.escaped}
			if i+1 < len(toks) && toks[i+1].kind == tokValue {
				v := toks[i+1]
				a = Arg{Key: Arg{Start: t.start, End: t.end, Escaped: t.escaped}.Value(src), KeyStart: t.start,
					Start: v.start, End: v.end, Quoted: v.quoted, Escaped: v.escaped}
			}
			c.Args = append(c.Args, a)
		}
	}
}

// isSpace is Hugo's blank in a call: ASCII white space.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

// isNameRune is what may start a name: a letter, a digit or "_".
func isNameRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// isWordRune is what a name or an unquoted parameter holds: also "-".
func isWordRune(r rune) bool { return isNameRune(r) || r == '-' }

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipBlank(src []byte, i int) int {
	for i < len(src) && isBlank(src[i]) {
		i++
	}
	return i
}
