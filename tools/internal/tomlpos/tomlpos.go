// Package tomlpos indexes where each key and value of a TOML document
// starts. BurntSushi/toml decodes values but keeps no positions a caller can
// read, so semantic errors ("unknown aspect") would otherwise have no line.
//
// The index is built by a small scanner that understands just enough TOML to
// follow keys: comments, the four string forms, arrays, inline tables,
// dotted keys, [tables] and [[arrays of tables]]. It is meant for documents
// the decoder has already accepted; on anything else it stops early, never
// panics, and returns what it found.
//
// Building the index takes time and memory linear in the size of the
// document, however deeply its arrays and inline tables nest: each path is
// stored as one node under its parent, never as a string of all its keys,
// and the scanner keeps its open arrays and tables on a slice, not on the
// goroutine's stack.
package tomlpos

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
)

// Path names a key or an array element: {"facts", "scaling", "value"},
// {"source", "2", "url"} for the url of the third [[source]], or
// {"related", "1"} for the second element of related. Keys are their
// decoded names: "a\u0062" is the key "ab".
type Path []string

// Pos is where a key and its value start, as byte offsets. For a table
// header, Key is the "[" and Value the same; so for an array of tables,
// whose position is that of its first header. For a table that is only
// named on the way to a deeper key (facts in [facts.scaling] or in
// facts.scaling.value = "x"), Key and Value are where that first name is
// written, until a header of its own defines it. For an array element, Key
// and Value are both the element's start.
type Pos struct{ Key, Value int }

// Index maps paths to positions. It is built on the first lookup: most
// files have no problem to report, and then it is never needed.
type Index struct {
	src  []byte
	once sync.Once
	t    *tree
}

func (ix *Index) tree() *tree {
	ix.once.Do(func() {
		s := &scanner{src: ix.src, t: newTree()}
		s.document()
		ix.t = s.t
	})
	return ix.t
}

// Lookup returns the position of path.
func (ix *Index) Lookup(path ...string) (Pos, bool) {
	if ix == nil || len(path) == 0 {
		return Pos{}, false
	}
	t := ix.tree()
	id, n := t.find(path)
	if n < len(path) {
		return Pos{}, false
	}
	return t.nodes[id].pos, true
}

// Key returns the offset of path's key, or of the nearest ancestor that is
// known, or 0: a diagnostic always lands somewhere sensible. A nil Index
// answers 0.
func (ix *Index) Key(path ...string) int {
	if ix == nil {
		return 0
	}
	t := ix.tree()
	// Every ancestor of a known path is known, so the deepest node found
	// on the way down is the nearest known one.
	id, n := t.find(path)
	if n == 0 {
		return 0
	}
	return t.nodes[id].pos.Key
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
	if ix == nil || len(path) == 0 || start >= len(ix.src) {
		return start
	}
	// A table named only on the way to a deeper key has its name, not a
	// value, where its value would be.
	t := ix.tree()
	if id, n := t.find(path); n < len(path) || t.nodes[id].implicit {
		return start
	}
	switch ix.src[start] {
	case '"', '\'':
		if end, ok := stringEnd(ix.src, start); ok {
			return end
		}
		return start
	case '[', '{':
		return start
	}
	return bareEnd(ix.src, start)
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

// tree holds one node per path; node 0 is the document itself.
type tree struct {
	nodes []node
	edges map[edge]int32
	// elems maps an array element, by parent<<32 | index, to its node:
	// an integer key hashes faster than a name, and arrays can be long.
	elems map[uint64]int32
}

// node is one key, table or array element.
type node struct {
	pos Pos
	// implicit marks a table only named on the way to a deeper key; a
	// header of its own then replaces its position.
	implicit bool
	// tables counts the [[headers]] of an array of tables so far.
	tables int32
}

// edge names a node that is a key by its parent and its name.
type edge struct {
	parent int32
	name   string
}

func newTree() *tree {
	return &tree{nodes: []node{{}}, edges: make(map[edge]int32), elems: make(map[uint64]int32)}
}

// find follows path from the document down as far as it is known, and
// returns the last node reached and how many keys of path led to it.
func (t *tree) find(path []string) (id int32, n int) {
	for n < len(path) {
		next, ok := t.edges[edge{id, path[n]}]
		if i := index(path[n]); !ok && i >= 0 {
			next, ok = t.elems[elemKey(id, i)]
		}
		if !ok {
			break
		}
		id = next
		n++
	}
	return id, n
}

func elemKey(parent int32, i int) uint64 { return uint64(parent)<<32 | uint64(uint32(i)) }

// index returns the array index s names, written as strconv.Itoa writes
// it ("01" names none), or -1.
func index(s string) int {
	// Most path elements are key names: tell them by their first byte,
	// without the error strconv.Atoi would allocate for each.
	if s == "" || s[0] < '0' || s[0] > '9' || len(s) > 10 {
		return -1
	}
	i, err := strconv.Atoi(s)
	if err != nil || i < 0 || i > 1<<31-1 || strconv.Itoa(i) != s {
		return -1
	}
	return i
}

// elem returns element i of the array parent, adding it at p if it is new.
func (t *tree) elem(parent int32, i int, p Pos) int32 {
	k := elemKey(parent, i)
	if id, ok := t.elems[k]; ok {
		return id
	}
	id := int32(len(t.nodes))
	t.nodes = append(t.nodes, node{pos: p})
	t.elems[k] = id
	return id
}

// child returns the node name under parent, adding it at p if it is new.
// The first position recorded for a path stays, except that a definition
// replaces the position of a table so far only named on the way.
func (t *tree) child(parent int32, name string, p Pos, implicit bool) int32 {
	e := edge{parent, name}
	if id, ok := t.edges[e]; ok {
		if n := &t.nodes[id]; n.implicit && !implicit {
			n.pos, n.implicit = p, false
		}
		return id
	}
	id := int32(len(t.nodes))
	t.nodes = append(t.nodes, node{pos: p, implicit: implicit})
	t.edges[e] = id
	return id
}

// current returns the table a header's next key is looked up in: for an
// array of tables, its last element ([[a]] then [a.b] is a.<last>.b).
func (t *tree) current(id int32) int32 {
	if n := t.nodes[id].tables; n > 0 {
		if last, ok := t.elems[elemKey(id, int(n-1))]; ok {
			return last
		}
	}
	return id
}

type scanner struct {
	src   []byte
	i     int
	t     *tree
	table int32   // the node of the current [table]
	open  []frame // the arrays and inline tables around the cursor
}

// frame is an array or inline table being read.
type frame struct {
	node  int32
	array bool
	n     int // the elements of an array read so far
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
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

func (s *scanner) document() {
	// The decoder skips a byte order mark, UTF-16's too.
	for _, bom := range []string{"\xff\xfe", "\xfe\xff", "\xef\xbb\xbf"} {
		if bytes.HasPrefix(s.src, []byte(bom)) {
			s.i = len(bom)
			break
		}
	}
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		if s.peek() == '[' {
			if !s.header() {
				return
			}
			continue
		}
		leaf, ok := s.key(s.table)
		if !ok || !s.value(leaf) {
			return
		}
	}
}

// header reads a [table] or [[array of tables]] header and makes its table
// the current one.
func (s *scanner) header() bool {
	start := s.i
	s.i++
	array := s.peek() == '['
	if array {
		s.i++
	}
	at := int32(0)
	for {
		s.skipSpace(false)
		name, keyAt, ok := s.keyPart()
		if !ok {
			return false
		}
		s.skipSpace(false)
		if s.peek() == '.' {
			s.i++
			at = s.t.current(s.t.child(at, name, Pos{keyAt, keyAt}, true))
			continue
		}
		if s.peek() != ']' {
			return false
		}
		s.i++
		p := Pos{start, start}
		if !array {
			s.table = s.t.child(at, name, p, false)
			return true
		}
		if s.peek() != ']' {
			return false
		}
		s.i++
		tables := s.t.child(at, name, p, false)
		n := s.t.nodes[tables].tables
		s.t.nodes[tables].tables++
		s.table = s.t.elem(tables, int(n), p)
		return true
	}
}

// key reads a possibly dotted key and its "=", below the table base, and
// returns the key's node; the cursor is then at its value.
func (s *scanner) key(base int32) (int32, bool) {
	at := base
	for {
		name, keyAt, ok := s.keyPart()
		if !ok {
			return 0, false
		}
		s.skipSpace(false)
		switch s.peek() {
		case '.':
			s.i++
			s.skipSpace(false)
			at = s.t.child(at, name, Pos{keyAt, keyAt}, true)
		case '=':
			s.i++
			s.skipSpace(false)
			return s.t.child(at, name, Pos{keyAt, s.i}, false), true
		default:
			return 0, false
		}
	}
}

// keyPart reads one bare or quoted part of a key and returns its decoded
// name and where it starts.
func (s *scanner) keyPart() (string, int, bool) {
	start := s.i
	if c := s.peek(); c == '"' || c == '\'' {
		name, end, ok := keyName(s.src, start)
		if ok {
			s.i = end
		}
		return name, start, ok
	}
	for !s.eof() && isBare(s.src[s.i]) {
		s.i++
	}
	return string(s.src[start:s.i]), start, s.i > start
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// value reads the value of node id at the cursor, with every element and
// key inside it. Nested arrays and inline tables go on s.open rather than
// into recursive calls, so no depth of nesting can exhaust the stack.
func (s *scanner) value(id int32) bool {
	s.open = s.open[:0]
	for {
		switch s.peek() {
		case '[':
			s.i++
			s.open = append(s.open, frame{node: id, array: true})
		case '{':
			s.i++
			s.open = append(s.open, frame{node: id})
		case '"', '\'':
			end, ok := stringEnd(s.src, s.i)
			if !ok {
				return false
			}
			s.i = end
		default:
			end := bareEnd(s.src, s.i)
			if end == s.i {
				return false
			}
			s.i = end
		}
		// Move to the next value to read, closing what ends before it.
		// Commas are skipped, not checked: the decoder has checked them.
		for next := false; !next; {
			if len(s.open) == 0 {
				return true
			}
			f := &s.open[len(s.open)-1]
			s.skipSpace(true)
			switch c := s.peek(); {
			case c == ']' && f.array || c == '}' && !f.array:
				s.i++
				s.open = s.open[:len(s.open)-1]
			case c == ',':
				s.i++
			case s.eof() || c == ']' || c == '}':
				return false
			case f.array:
				id = s.t.elem(f.node, f.n, Pos{s.i, s.i})
				f.n++
				next = true
			default:
				var ok bool
				if id, ok = s.key(f.node); !ok {
					return false
				}
				next = true
			}
		}
	}
}

// bareEnd returns the offset just past the bare value (a number, a date,
// a boolean) that starts at src[at].
func bareEnd(src []byte, at int) int {
	i := at
	for i < len(src) && src[i] >= '0' && src[i] <= '9' {
		i++
	}
	if i > at && i < len(src) && (src[i] == '-' || src[i] == ':') {
		// A date or a time, which may hold a space ("1979-05-27 07:32:00");
		// read as the decoder does, then drop trailing blanks.
		for i < len(src) && strings.IndexByte("0123456789-:Tt.Zz+ ", src[i]) >= 0 {
			i++
		}
		for i > at && src[i-1] == ' ' {
			i--
		}
		return i
	}
	for i < len(src) && strings.IndexByte(" \t\r\n,]}#", src[i]) < 0 {
		i++
	}
	return i
}
