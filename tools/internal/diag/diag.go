// Package diag defines the one diagnostic record every kb check produces,
// and prints it in the form of go vet: path:line:col: message.
package diag

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
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
// position on its last line.
func PositionOf(text []byte, offset int) Position {
	if offset < 0 {
		return Position{}
	}
	if offset > len(text) {
		offset = len(text)
	}
	before := text[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := offset - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return Position{Line: line, Col: col}
}

// List collects diagnostics and the text of the files they point into.
type List struct {
	Items []Diagnostic
	texts map[string][]byte
}

// AddFile records a file's text so positions in it can be printed.
func (l *List) AddFile(path string, text []byte) {
	if l.texts == nil {
		l.texts = make(map[string][]byte)
	}
	l.texts[path] = text
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
func (l *List) Start(d Diagnostic) Position { return PositionOf(l.texts[d.Path], d.Offset) }

// EndPosition returns the line and column just past the diagnostic's range.
func (l *List) EndPosition(d Diagnostic) Position { return PositionOf(l.texts[d.Path], d.End) }

// Line formats one diagnostic as path:line:col: severity: message [CODE],
// adding the suggestion in parentheses when there is one. A whole-file
// diagnostic has no line:col.
func (l *List) Line(d Diagnostic) string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Offset >= 0 {
		p := l.Start(d)
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
	}
	fmt.Fprintf(&b, ": %s: %s", d.Severity, d.Message)
	if d.Suggestion != "" {
		fmt.Fprintf(&b, " (%s)", d.Suggestion)
	}
	if d.Code != "" {
		fmt.Fprintf(&b, " [%s]", d.Code)
	}
	return b.String()
}
