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
	d := strDecoder{src: src, keep: true, offsets: true}
	end, ok := d.scan(at)
	if !ok {
		return "", nil, false
	}
	return string(d.val), append(d.off, closing(src, at, end)), true
}

// stringEnd returns the offset just past the string value that starts at
// src[at], checking it as String does but keeping nothing: values are
// skipped this way, so their size costs no memory.
func stringEnd(src []byte, at int) (int, bool) {
	d := strDecoder{src: src}
	return d.scan(at)
}

// keyName decodes the quoted key at src[at] and returns it and the offset
// just past it. Keys are single-line strings; a multi-line delimiter (or
// "" followed by a quote) is no key.
func keyName(src []byte, at int) (string, int, bool) {
	if isMulti(src, at) {
		return "", at, false
	}
	d := strDecoder{src: src, keep: true}
	end, ok := d.scan(at)
	return string(d.val), end, ok
}

// closing returns the offset of the closing delimiter of the string at
// src[at] that ends just before end.
func closing(src []byte, at, end int) int {
	if isMulti(src, at) {
		return end - 3
	}
	return end - 1
}

func isMulti(src []byte, at int) bool {
	return at >= 0 && at+2 < len(src) && src[at+1] == src[at] && src[at+2] == src[at]
}

// scan reads the string at src[at] and returns the offset just past its
// closing delimiter, recording the value and offsets as d asks.
func (d *strDecoder) scan(at int) (int, bool) {
	src := d.src
	if at < 0 || at >= len(src) || src[at] != '"' && src[at] != '\'' {
		return 0, false
	}
	q := src[at]
	multi := isMulti(src, at)
	start := at + 1
	if multi {
		start = at + 3
	}
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
				return i + 1, true
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
					return 0, false
				}
				d.add(c, i)
				i++
				continue
			}
			return i + 3, true
		case c == '\\' && q == '"':
			if i = d.escape(i, multi); i < 0 {
				return 0, false
			}
		case c == '\n' || c == '\r':
			if !multi || c == '\r' && (i+1 >= len(src) || src[i+1] != '\n') {
				return 0, false
			}
			d.add(c, i)
			i++
		case c >= 0x20 && c < 0x7f:
			// Printable ASCII, the common case, needs no decoding.
			d.add(c, i)
			i++
		default:
			r, w := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && w == 1 || isControl(r) {
				return 0, false
			}
			for end := i + w; i < end; i++ {
				d.add(src[i], i)
			}
		}
	}
	return 0, false
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

// strDecoder reads one string; keep and offsets say whether it records
// the value and each byte's offset, or only checks the string.
type strDecoder struct {
	src           []byte
	keep, offsets bool
	val           []byte
	off           []int
}

func (d *strDecoder) add(c byte, at int) {
	if d.keep {
		d.val = append(d.val, c)
	}
	if d.offsets {
		d.off = append(d.off, at)
	}
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
	var buf [utf8.UTFMax]byte
	for _, c := range buf[:utf8.EncodeRune(buf[:], rune(r))] {
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
