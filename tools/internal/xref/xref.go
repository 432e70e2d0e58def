// Package xref finds the references a Markdown text makes to the knowledge
// base: term, comparison and stack-diagram shortcodes, and links to glossary
// and comparison pages. It reads the items of the one Markdown reader
// (package markdown), so kb check, the unlinked-mention finder and the
// site's backlinks all count the same references.
package xref

import (
	"strings"

	"github.com/cloudkb/kb/tools/internal/markdown"
)

// Kind is what a reference points at.
type Kind int

const (
	Term       Kind = iota // a glossary term, by id or alias
	Comparison             // a comparison, by id
	Aspect                 // an aspect named in a comparison shortcode
)

// Ref is one reference, with the byte range of the id as written.
type Ref struct {
	Kind   Kind
	ID     string
	Offset int
	End    int
	// Within is set for an Aspect: the comparison it restricts.
	Within string
	// Link is true for a Markdown link (/glossary/<id>/), which must use
	// the id itself, not an alias.
	Link bool
	// Stack is true for a term of a stack diagram ({{< stack-diagram "id" … >}}),
	// which the template finds by its id only, not an alias.
	Stack bool
}

// StackDiagram is the shortcode that draws who manages what for the terms it names,
// in order, by id.
const StackDiagram = "stack-diagram"

// Sections of the site whose pages a link can name by id.
const (
	GlossaryPath = "/glossary/"
	ComparePath  = "/compare/"
)

// Refs returns the references in a scanned text, in order of position.
// Shortcode calls count wherever Hugo runs them (in code blocks too);
// links count only where Markdown makes links (not in code, HTML or
// comments).
func Refs(d *markdown.Doc) []Ref {
	var refs []Ref
	calls, links := d.Calls, d.Links
	for len(calls) > 0 || len(links) > 0 {
		if len(links) == 0 || len(calls) > 0 && calls[0].Start < links[0].Start {
			refs = append(refs, callRefs(d, &calls[0])...)
			calls = calls[1:]
			continue
		}
		if r, ok := linkRef(d, links[0]); ok {
			refs = append(refs, r)
		}
		links = links[1:]
	}
	return refs
}

// linkRef reads a link destination /glossary/<id>/… or /compare/<id>/….
func linkRef(d *markdown.Doc, l markdown.LinkDest) (Ref, bool) {
	dest := string(d.Src[l.Start:l.End])
	kind := Term
	rest, ok := strings.CutPrefix(dest, GlossaryPath)
	if !ok {
		kind = Comparison
		if rest, ok = strings.CutPrefix(dest, ComparePath); !ok {
			return Ref{}, false
		}
	}
	n := strings.IndexAny(rest, "/#?")
	if n < 0 {
		n = len(rest)
	}
	if n == 0 {
		return Ref{}, false // the section itself
	}
	start := l.Start + len(dest) - len(rest)
	return Ref{Kind: kind, ID: rest[:n], Offset: start, End: start + n, Link: true}, true
}

// callRefs reads the arguments of one term, comparison or stack-diagram call.
func callRefs(d *markdown.Doc, c *markdown.Call) []Ref {
	if c.Commented || c.Closing {
		return nil
	}
	if c.Name == StackDiagram {
		var refs []Ref
		for _, a := range c.Args {
			// Named or unquoted ones fail the build: kb check reports them.
			if a.Key == "" && a.IsString(d.Src) && a.End > a.Start {
				refs = append(refs, Ref{Kind: Term, ID: string(d.Src[a.Start:a.End]), Offset: a.Start, End: a.End, Stack: true})
			}
		}
		return refs
	}
	if c.Name != "term" && c.Name != "comparison" {
		return nil
	}
	a, ok := c.Named("id", 0)
	if !ok || !a.IsString(d.Src) {
		return nil // no id, or one Hugo passes as a number: kb check reports it
	}
	id := Ref{ID: string(d.Src[a.Start:a.End]), Offset: a.Start, End: a.End}
	if c.Name == "term" {
		// The term shortcode trims its id (kb/glossary/resolve.html).
		trimmed := strings.TrimSpace(id.ID)
		id.Offset += strings.Index(id.ID, trimmed)
		id.ID, id.End = trimmed, id.Offset+len(trimmed)
	}
	if id.ID == "" {
		return nil // kb check reports the missing id
	}
	if c.Name == "term" {
		id.Kind = Term
		return []Ref{id}
	}
	id.Kind = Comparison
	refs := []Ref{id}
	// The aspects are named "aspects", or the second positional argument.
	if as, ok := c.Named("aspects", 1); ok {
		off := as.Start
		for _, part := range strings.Split(string(d.Src[as.Start:as.End]), ",") {
			trimmed := strings.TrimSpace(part)
			lead := strings.Index(part, trimmed)
			if trimmed != "" {
				refs = append(refs, Ref{Kind: Aspect, ID: trimmed, Offset: off + lead, End: off + lead + len(trimmed), Within: id.ID})
			}
			off += len(part) + 1
		}
	}
	return refs
}
