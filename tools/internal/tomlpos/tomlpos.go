// Package tomlpos indexes where each key and value of a TOML document
// starts. BurntSushi/toml decodes values but keeps no positions a caller can
// read, so semantic errors ("unknown aspect") would otherwise have no line.
//
// The index is built by a small scanner that understands just enough TOML to
// follow keys: comments, the four string forms, arrays, inline tables,
// [tables] and [[arrays of tables]]. It is meant for documents the decoder
// has already accepted; on anything else it stops early, never panics, and
// returns what it found.
package tomlpos

import (
	"bytes"
	"strings"
	"sync"
)

// Path names a key or an array element: {"facts", "scaling", "value"},
// {"source", "2", "url"} for the url of the third [[source]], or
// {"related", "1"} for the second element of related.
type Path []string

func (p Path) key() string { return strings.Join(p, "\x1f") }

// Pos is where a key and its value start, as byte offsets. For a table
// header, Key is the "[" and Value the same. For an array element, Key and
// Value are both the element's start.
type Pos struct{ Key, Value int }

// Index maps paths to positions. It is built on the first lookup: most
// files have no problem to report, and then it is never needed.
type Index struct {
	src  []byte
	once sync.Once
	m    map[string]Pos
}

func (ix *Index) positions() map[string]Pos {
	ix.once.Do(func() {
		s := &scanner{src: ix.src, m: make(map[string]Pos), counts: make(map[string]int)}
		s.document()
		ix.m = s.m
	})
	return ix.m
}

// Lookup returns the position of path.
func (ix *Index) Lookup(path ...string) (Pos, bool) {
	if ix == nil {
		return Pos{}, false
	}
	p, ok := ix.positions()[Path(path).key()]
	return p, ok
}

// Key returns the offset of path's key, or of the nearest ancestor that is
// known, or 0: a diagnostic always lands somewhere sensible. A nil Index
// answers 0.
func (ix *Index) Key(path ...string) int {
	if ix == nil {
		return 0
	}
	for n := len(path); n > 0; n-- {
		if p, ok := ix.positions()[Path(path[:n]).key()]; ok {
			return p.Key
		}
	}
	return 0
}

// Value returns the offset of path's value, falling back like Key.
func (ix *Index) Value(path ...string) int {
	if p, ok := ix.Lookup(path...); ok {
		return p.Value
	}
	return ix.Key(path...)
}

// End returns the offset just past path's value when it is a string or
// a bare value (a number, a date, a boolean): the end of the span a
// diagnostic underlines, quotes included. For anything else, or a path
// that is not found, it returns Value(path...).
func (ix *Index) End(path ...string) int {
	start := ix.Value(path...)
	if ix == nil || start >= len(ix.src) {
		return start
	}
	s := &scanner{src: ix.src, i: start}
	switch s.peek() {
	case '"', '\'':
		if _, ok := s.str(); !ok {
			return start
		}
	case '[', '{', '\n', '#':
		return start
	default:
		for !s.eof() && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.i])) {
			s.i++
		}
	}
	return s.i
}

// Source returns the text the index was built from.
func (ix *Index) Source() []byte {
	if ix == nil {
		return nil
	}
	return ix.src
}

// Build returns the index of src, which is scanned when first looked up.
// src must not change afterwards.
func Build(src []byte) *Index { return &Index{src: src} }

type scanner struct {
	src    []byte
	i      int
	m      map[string]Pos
	table  Path           // the current [table], resolved with array indexes
	counts map[string]int // how many [[x]] so far, by resolved path
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) record(p Path, key, value int) {
	k := p.key()
	if _, dup := s.m[k]; !dup {
		s.m[k] = Pos{Key: key, Value: value}
	}
}

// skipSpace skips blanks, and also newlines and comments when lines is true.
func (s *scanner) skipSpace(lines bool) {
	for !s.eof() {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '\n' && lines:
			s.i++
		case c == '#' && lines:
			for !s.eof() && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

func (s *scanner) skipLine() {
	for !s.eof() && s.src[s.i] != '\n' {
		s.i++
	}
}

func (s *scanner) document() {
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		start := s.i
		if s.peek() == '[' {
			array := s.i+1 < len(s.src) && s.src[s.i+1] == '['
			if array {
				s.i += 2
			} else {
				s.i++
			}
			keys, ok := s.key()
			if !ok {
				return
			}
			s.table = s.resolve(keys, array)
			s.record(s.table, start, start)
			s.skipLine()
			continue
		}
		keys, ok := s.key()
		if !ok {
			return
		}
		if s.skipSpace(false); s.peek() != '=' {
			return
		}
		s.i++
		s.skipSpace(false)
		s.value(append(append(Path{}, s.table...), keys...), start)
	}
}

// resolve turns a header's keys into a path, inserting the current index
// after every array of tables on the way ([[a]] then [a.b] is a.<n>.b).
func (s *scanner) resolve(keys []string, array bool) Path {
	var p Path
	for n, k := range keys {
		p = append(p, k)
		last := n == len(keys)-1
		if last && array {
			c := s.counts[p.key()]
			s.counts[p.key()] = c + 1
			p = append(p, itoa(c))
		} else if c, ok := s.counts[p.key()]; ok {
			p = append(p, itoa(c-1))
		}
	}
	return p
}

// key reads a dotted key up to "=" or "]" and returns its parts.
func (s *scanner) key() ([]string, bool) {
	var keys []string
	for {
		s.skipSpace(false)
		var k string
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			v, ok := s.str()
			if !ok {
				return nil, false
			}
			k = v
		case isBare(c):
			start := s.i
			for !s.eof() && isBare(s.src[s.i]) {
				s.i++
			}
			k = string(s.src[start:s.i])
		default:
			return nil, false
		}
		keys = append(keys, k)
		s.skipSpace(false)
		switch s.peek() {
		case '.':
			s.i++
		case ']':
			s.i++
			if s.peek() == ']' {
				s.i++
			}
			return keys, true
		default:
			return keys, true
		}
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// value records path at keyStart and reads the value at the cursor.
func (s *scanner) value(path Path, keyStart int) bool {
	s.record(path, keyStart, s.i)
	switch s.peek() {
	case '"', '\'':
		_, ok := s.str()
		return ok
	case '[':
		s.i++
		for n := 0; ; n++ {
			s.skipSpace(true)
			if s.peek() == ']' {
				s.i++
				return true
			}
			if s.eof() {
				return false
			}
			if !s.value(append(append(Path{}, path...), itoa(n)), s.i) {
				return false
			}
			s.skipSpace(true)
			if s.peek() == ',' {
				s.i++
			}
		}
	case '{':
		s.i++
		for {
			s.skipSpace(true)
			if s.peek() == '}' {
				s.i++
				return true
			}
			if s.eof() {
				return false
			}
			start := s.i
			keys, ok := s.key()
			if !ok || s.peek() != '=' {
				return false
			}
			s.i++
			s.skipSpace(false)
			if !s.value(append(append(Path{}, path...), keys...), start) {
				return false
			}
			s.skipSpace(true)
			if s.peek() == ',' {
				s.i++
			}
		}
	default:
		start := s.i
		for !s.eof() && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.i])) {
			s.i++
		}
		return s.i > start
	}
}

// str reads any of the four string forms and returns its raw content
// (escapes are left as written: keys with escapes are rare, and an
// unmatched key only costs a less precise position).
func (s *scanner) str() (string, bool) {
	q := s.src[s.i]
	delim := string(q)
	if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
		delim = strings.Repeat(delim, 3)
	}
	s.i += len(delim)
	start := s.i
	for !s.eof() {
		c := s.src[s.i]
		if c == '\\' && q == '"' {
			s.i += 2
			continue
		}
		if c == '\n' && len(delim) == 1 {
			return "", false
		}
		if bytes.HasPrefix(s.src[s.i:], []byte(delim)) {
			end := s.i
			s.i += len(delim)
			// A multi-line string may end with up to two extra quotes.
			for len(delim) == 3 && s.peek() == q && s.i-end < 5 {
				s.i++
				end++
			}
			return string(s.src[start:end]), true
		}
		s.i++
	}
	return "", false
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
