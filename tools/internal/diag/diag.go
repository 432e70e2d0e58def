// Package diag defines the one diagnostic record every kb check produces,
// and prints it in the form of go vet: path:line:col: message.
package diag

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
)

// Severity says whether a diagnostic fails the check.
type Severity int

const (
	Error   Severity = iota // fails kb check
	Warning                 // fails kb check -strict: a defect a reader meets
	// Suggestion never fails a check: an improvement a tool can make
	// (kb fix), which a page nobody edited must not be held to.
	Suggestion
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Suggestion:
		return "suggestion"
	}
	return "error"
}

// Diagnostic is one problem found in one file. Positions are byte offsets
// into the file; line and column are computed only when printing, from the
// file's text. An Offset below zero means the problem concerns the file (or
// folder) as a whole.
type Diagnostic struct {
	Path       string // slash-separated, relative to the repository root
	Offset     int
	End        int // exclusive; equal to Offset when unknown
	Severity   Severity
	Code       string
	Message    string
	Suggestion string // a replacement or an action; empty if none
}

// Position is a 1-based line and column (in bytes), as editors and go vet count.
type Position struct{ Line, Col int }

// PositionOf converts a byte offset in text into a line and column. Offsets
// past the end are clamped to the end, so a truncated file still gets a
// position on its last line. It scans text on every call: for many offsets
// into the same text, build its Lines once.
func PositionOf(text []byte, offset int) Position {
	if offset < 0 {
		return Position{}
	}
	return NewLines(text).Position(offset)
}

// Lines is where each line of one text starts, so that any number of
// offsets can be converted without rescanning the text.
type Lines struct {
	starts []int // starts[i] is the offset of line i+1; starts[0] is 0
	size   int
	bom    int // the length of a byte-order mark the text starts with
}

// NewLines indexes the line starts of text in one pass.
func NewLines(text []byte) *Lines {
	l := &Lines{starts: make([]int, 1, 1+len(text)/32), size: len(text)}
	if bytes.HasPrefix(text, []byte("\xef\xbb\xbf")) {
		l.bom = 3
	}
	for at := 0; ; {
		i := bytes.IndexByte(text[at:], '\n')
		if i < 0 {
			break
		}
		at += i + 1
		l.starts = append(l.starts, at)
	}
	return l
}

// Position converts a byte offset into a line and column as PositionOf
// does, by binary search.
func (l *Lines) Position(offset int) Position {
	if offset < 0 {
		return Position{}
	}
	offset = min(offset, l.size)
	// The line is the last one starting at or before offset.
	n := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset })
	start := l.starts[n-1]
	if n == 1 {
		// An editor shows no column for a byte-order mark: the first
		// character after it is in column 1, and so is the mark itself.
		start = min(l.bom, offset)
	}
	return Position{Line: n, Col: offset - start + 1}
}

// List collects diagnostics and the text of the files they point into.
// Like a slice, it is not safe for concurrent use.
type List struct {
	Items []Diagnostic
	texts map[string][]byte
	// lines caches each file's line starts, built on the first position
	// asked for in it: printing n diagnostics then costs one pass over each
	// file and a binary search per diagnostic, not a rescan per diagnostic.
	lines map[string]*Lines
}

// AddFile records a file's text so positions in it can be printed.
func (l *List) AddFile(path string, text []byte) {
	if l.texts == nil {
		l.texts = make(map[string][]byte)
	}
	l.texts[path] = text
	delete(l.lines, path) // the cached lines were another text's
}

// Merge moves the diagnostics and file texts of other into l.
func (l *List) Merge(other *List) {
	l.Items = append(l.Items, other.Items...)
	for p, t := range other.texts {
		l.AddFile(p, t)
	}
}

// Text returns the recorded text of path.
func (l *List) Text(path string) []byte { return l.texts[path] }

// Suggestion appends a suggestion at offset in path.
func (l *List) Suggestion(path string, offset int, code, format string, args ...any) *Diagnostic {
	return l.add(Suggestion, path, offset, code, fmt.Sprintf(format, args...))
}

// Add appends an error at offset in path.
func (l *List) Add(path string, offset int, code, format string, args ...any) *Diagnostic {
	return l.add(Error, path, offset, code, fmt.Sprintf(format, args...))
}

// Warn appends a warning at offset in path.
func (l *List) Warn(path string, offset int, code, format string, args ...any) *Diagnostic {
	return l.add(Warning, path, offset, code, fmt.Sprintf(format, args...))
}

func (l *List) add(sev Severity, path string, offset int, code, msg string) *Diagnostic {
	l.Items = append(l.Items, Diagnostic{Path: path, Offset: offset, End: offset, Severity: sev, Code: code, Message: msg})
	return &l.Items[len(l.Items)-1]
}

// Span sets the end of the diagnostic's range and returns it.
func (d *Diagnostic) Span(end int) *Diagnostic {
	if end > d.Offset {
		d.End = end
	}
	return d
}

// Suggest sets the suggestion and returns the diagnostic.
func (d *Diagnostic) Suggest(s string) *Diagnostic {
	d.Suggestion = s
	return d
}

// Sort orders the diagnostics by path, then position, then message, so
// output is stable from run to run.
func (l *List) Sort() {
	sort.SliceStable(l.Items, func(i, j int) bool {
		a, b := l.Items[i], l.Items[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return a.Message < b.Message
	})
}

// Count returns the number of errors and warnings (suggestions are
// neither).
func (l *List) Count() (errors, warnings int) {
	for _, d := range l.Items {
		switch d.Severity {
		case Warning:
			warnings++
		case Error:
			errors++
		}
	}
	return errors, warnings
}

// Start returns the line and column of the diagnostic's start.
func (l *List) Start(d Diagnostic) Position { return l.Lines(d.Path).Position(d.Offset) }

// EndPosition returns the line and column just past the diagnostic's range.
func (l *List) EndPosition(d Diagnostic) Position { return l.Lines(d.Path).Position(d.End) }

// Lines returns the line starts of path's recorded text, indexing them on
// first use. A path with no recorded text has a single empty line.
func (l *List) Lines(path string) *Lines {
	if ls, ok := l.lines[path]; ok {
		return ls
	}
	if l.lines == nil {
		l.lines = make(map[string]*Lines)
	}
	ls := NewLines(l.texts[path])
	l.lines[path] = ls
	return ls
}

// Line formats one diagnostic as path:line:col: severity: message [CODE],
// adding the suggestion in parentheses when there is one. A whole-file
// diagnostic has no line:col.
func (l *List) Line(d Diagnostic) string {
	// Appended by hand rather than with fmt: kb check may print hundreds
	// of thousands of these lines.
	b := make([]byte, 0, len(d.Path)+len(d.Message)+len(d.Suggestion)+len(d.Code)+40)
	b = append(b, d.Path...)
	if d.Offset >= 0 {
		p := l.Start(d)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(p.Line), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(p.Col), 10)
	}
	b = append(b, ": "...)
	b = append(b, d.Severity.String()...)
	b = append(b, ": "...)
	b = append(b, d.Message...)
	if d.Suggestion != "" {
		b = append(b, " ("...)
		b = append(b, d.Suggestion...)
		b = append(b, ')')
	}
	if d.Code != "" {
		b = append(b, " ["...)
		b = append(b, d.Code...)
		b = append(b, ']')
	}
	return string(b)
}
