package tomlpos

import "unicode/utf8"

// String decodes the TOML string value that starts at src[at], its opening
// quote, in any of the four forms
//
//	"basic"  """multi-line basic"""  'literal'  '''multi-line literal'''
//
// and returns the decoded value and, for each byte of it, the offset in src
// of the text that produced it; offsets has len(value)+1 entries, the last
// one being the offset of the closing delimiter. An escape (\n, \u00e9, …)
// maps all the bytes it produces to the offset of its backslash. ok is false
// when src[at:] does not start a valid string.
//
// The value is the one BurntSushi/toml decodes, quirks included: \e and \xHH
// escapes are accepted (\xHH is the code point U+00HH, so \xe9 is "é"), CRLF
// is kept as is, and after an escaped backslash a multi-line basic string
// may end with three extra quotes instead of two ("""a\\"""""" is `a\"""`).
// Time is linear in the length of the string.
func String(src []byte, at int) (value string, offsets []int, ok bool) {
	if at < 0 || at >= len(src) || src[at] != '"' && src[at] != '\'' {
		return "", nil, false
	}
	q := src[at]
	multi := at+2 < len(src) && src[at+1] == q && src[at+2] == q
	start := at + 1
	if multi {
		start = at + 3
	}
	d := strDecoder{src: src}
	i := start
	if multi { // a newline right after the opening delimiter is trimmed
		if i < len(src) && src[i] == '\n' {
			i++
		} else if i+1 < len(src) && src[i] == '\r' && src[i+1] == '\n' {
			i += 2
		}
	}
	for i < len(src) {
		switch c := src[i]; {
		case c == q:
			if !multi {
				return d.done(i)
			}
			if i+2 >= len(src) || src[i+1] != q || src[i+2] != q {
				d.add(c, i)
				i++
				continue
			}
			if i+3 < len(src) && src[i+3] == q {
				// Four quotes or more: the first belongs to the value, unless
				// it makes too many (tested as BurntSushi does).
				if tooManyQuotes(src[start:i+3], q) {
					return "", nil, false
				}
				d.add(c, i)
				i++
				continue
			}
			return d.done(i)
		case c == '\\' && q == '"':
			if i = d.escape(i, multi); i < 0 {
				return "", nil, false
			}
		case c == '\n' || c == '\r':
			if !multi || c == '\r' && (i+1 >= len(src) || src[i+1] != '\n') {
				return "", nil, false
			}
			d.add(c, i)
			i++
		default:
			r, w := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && w == 1 || isControl(r) {
				return "", nil, false
			}
			for end := i + w; i < end; i++ {
				d.add(src[i], i)
			}
		}
	}
	return "", nil, false
}

// StringMap is the offsets String returns, for positions that may fall
// outside the value: a problem found at the end of the text, or past it.
type StringMap []int

// Offset returns the offset in the file of byte i of the value: below 0 it
// is the first byte's, from len(value) on the closing delimiter's. An empty
// map answers 0.
func (m StringMap) Offset(i int) int {
	if len(m) == 0 {
		return 0
	}
	return m[max(0, min(i, len(m)-1))]
}

type strDecoder struct {
	src []byte
	val []byte
	off []int
}

func (d *strDecoder) add(c byte, at int) {
	d.val = append(d.val, c)
	d.off = append(d.off, at)
}

func (d *strDecoder) done(closing int) (string, []int, bool) {
	return string(d.val), append(d.off, closing), true
}

// escape decodes the escape at src[i] (a backslash) and returns the offset
// after it, or -1 if it is invalid.
func (d *strDecoder) escape(i int, multi bool) int {
	src := d.src
	if i+1 >= len(src) {
		return -1
	}
	var c byte
	switch src[i+1] {
	case 'b':
		c = '\b'
	case 't':
		c = '\t'
	case 'n':
		c = '\n'
	case 'f':
		c = '\f'
	case 'r':
		c = '\r'
	case 'e':
		c = 0x1b
	case '"', '\\':
		c = src[i+1]
	case 'x':
		return d.hex(i, 2)
	case 'u':
		return d.hex(i, 4)
	case 'U':
		return d.hex(i, 8)
	case ' ', '\t', '\r', '\n':
		// A line-ending backslash trims all whitespace and newlines up to
		// the next non-whitespace; without a newline it is a bad escape.
		if !multi {
			return -1
		}
		nl := false
		j := i + 1
	spaces:
		for ; j < len(src); j++ {
			switch src[j] {
			case ' ', '\t':
			case '\n':
				nl = true
			case '\r':
				if j+1 >= len(src) || src[j+1] != '\n' {
					return -1
				}
			default:
				break spaces
			}
		}
		if !nl {
			return -1
		}
		return j
	default:
		return -1
	}
	d.add(c, i)
	return i + 2
}

// hex decodes the n hexadecimal digits after src[i+1] as a code point.
func (d *strDecoder) hex(i, n int) int {
	if i+2+n > len(d.src) {
		return -1
	}
	var r uint32
	for _, c := range d.src[i+2 : i+2+n] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c|0x20 >= 'a' && c|0x20 <= 'f':
			c = (c | 0x20) - 'a' + 10
		default:
			return -1
		}
		r = r<<4 | uint32(c)
	}
	if r > utf8.MaxRune || !utf8.ValidRune(rune(r)) {
		return -1
	}
	for _, c := range utf8.AppendRune(nil, rune(r)) {
		d.add(c, i)
	}
	return i + 2 + n
}

// tooManyQuotes reports whether the content read so far, which ends in the
// three quotes of a would-be closing delimiter followed by one more quote,
// already ends in five quotes: a sixth is an error. Like BurntSushi, a
// backslash just before the five quotes excuses them, escaped or not.
func tooManyQuotes(content []byte, q byte) bool {
	n := len(content)
	if n < 5 {
		return false
	}
	for _, c := range content[n-5:] {
		if c != q {
			return false
		}
	}
	return !(q == '"' && n >= 6 && content[n-6] == '\\')
}

// isControl reports the control characters TOML forbids everywhere: all but
// tab, CR and LF.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\r' && r != '\n' || r == 0x7f
}
