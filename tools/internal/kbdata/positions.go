package kbdata

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/cloudkb/kb/tools/internal/tomlpos"
)

// Positions says where the keys and values of one bound table are in its
// file. The binder fills the Pos field of every model struct that has one,
// so code that reports a problem asks the struct, by the keys under it,
// and never rebuilds a path from the file's root.
type Positions struct {
	ix   *tomlpos.Index
	path []string
	// keys holds the table's keys as decoded, sorted, when the binder
	// bound a table here (table is then true): Has answers a key of the
	// table itself from them, without building the file's index.
	keys  []string
	table bool
}

// path returns the full path of keys, which are strings (keys) and ints
// (array indexes) below the table.
func (p Positions) full(keys []any) []string {
	out := make([]string, 0, len(p.path)+len(keys))
	out = append(out, p.path...)
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			out = append(out, k)
		case int:
			out = append(out, strconv.Itoa(k))
		default:
			panic(fmt.Sprintf("kbdata.Positions: key %v of type %T", k, k)) // a programming error
		}
	}
	return out
}

// Key returns the offset of the key at keys ("sources", or "facts",
// "scaling"), or of the nearest enclosing one that is known.
func (p Positions) Key(keys ...any) int { return p.ix.Key(p.full(keys)...) }

// Value returns the offset of the value at keys ("related", 2 for the
// third element of related).
func (p Positions) Value(keys ...any) int { return p.ix.Value(p.full(keys)...) }

// Span returns where the value at keys starts and ends, quotes included:
// what a diagnostic underlines.
func (p Positions) Span(keys ...any) (start, end int) {
	full := p.full(keys)
	return p.ix.Value(full...), p.ix.End(full...)
}

// Has reports whether the key at keys is written in the file: a key whose
// value could not be bound is there all the same.
func (p Positions) Has(keys ...any) bool {
	if k, isKey := oneKey(keys); isKey && p.table {
		_, ok := slices.BinarySearch(p.keys, k)
		return ok
	}
	_, ok := p.ix.Lookup(p.full(keys)...)
	return ok
}

// oneKey returns the key when keys is a single key name.
func oneKey(keys []any) (string, bool) {
	if len(keys) != 1 {
		return "", false
	}
	k, ok := keys[0].(string)
	return k, ok
}
