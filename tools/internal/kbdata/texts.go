package kbdata

import (
	"strings"

	"github.com/cloudkb/kb/tools/internal/tomlpos"
)

// Text is one prose string of a data file, as the binder found it: a
// Markdown field (a definition, a fact's note), which the site renders
// like a page and kb check reads like one, or a plain-text field (a
// summary, a takeaway), which the site shows as written.
type Text struct {
	Key      []string // its path in the document: {"facts", "scaling", "note"}
	Value    string   // as decoded
	Markdown bool
	ix       *tomlpos.Index
}

// Name is the text's key, dotted, for messages.
func (t Text) Name() string { return strings.Join(trimIndex(t.Key), ".") }

// Offset returns the offset in the file of byte i of the decoded value:
// inside a multi-line string, after escapes. Positions are found only
// when a problem is reported.
func (t Text) Offset(i int) int {
	at := t.ix.Value(t.Key...)
	_, offsets, ok := tomlpos.String(t.ix.Source(), at)
	if !ok || len(offsets) == 0 {
		return at
	}
	return offsets[min(max(i, 0), len(offsets)-1)]
}
