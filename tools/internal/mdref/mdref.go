// Package mdref finds the references a Markdown page makes to the
// knowledge base: term and comparison shortcodes, and links to glossary
// and comparison pages.
package mdref

import (
	"regexp"
	"sort"
	"strings"
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
}

var (
	// A shortcode call: {{< name args >}} or {{% name args %}}. Commented
	// calls ({{</* ... */>}}) are shown as text by Hugo and are skipped.
	shortcodeRE = regexp.MustCompile(`\{\{[<%]\s*(term|comparison)\b((?:[^>%]|>[^}]|%[^}])*?)\s*[>%]\}\}`)
	// One argument: name="value", name=value, "value" or value.
	argRE = regexp.MustCompile(`(?:([A-Za-z]+)\s*=\s*)?(?:"((?:[^"\\]|\\.)*)"|` + "`([^`]*)`" + `|([^\s"=` + "`" + `]+))`)
	// A link target to a glossary or comparison page, site-relative.
	linkRE  = regexp.MustCompile(`\]\(\s*<?/(glossary|compare)/([^/)#?\s>]+)/?(?:#[^)\s>]*)?>?(?:\s+"[^"]*")?\s*\)|^\s*\[[^\]]+\]:\s*<?/(glossary|compare)/([^/)#?\s>]+)`)
	fenceRE = regexp.MustCompile("(?m)^ {0,3}(```+|~~~+)")
)

// Scan returns the references in src in order of position.
func Scan(src []byte) []Ref {
	var refs []Ref
	text := string(src)
	for _, m := range shortcodeRE.FindAllStringSubmatchIndex(text, -1) {
		name := text[m[2]:m[3]]
		refs = append(refs, shortcodeRefs(name, text, m[4], m[5])...)
	}
	masked := maskCode(text)
	for _, line := range lines(masked) {
		for _, m := range linkRE.FindAllStringSubmatchIndex(masked[line.start:line.end], -1) {
			g := 4
			if m[2] < 0 {
				g = 8
			}
			section := masked[line.start+m[g-2] : line.start+m[g-1]]
			kind := Term
			if section == "compare" {
				kind = Comparison
			}
			refs = append(refs, Ref{Kind: kind, ID: masked[line.start+m[g] : line.start+m[g+1]], Offset: line.start + m[g], End: line.start + m[g+1], Link: true})
		}
	}
	sortRefs(refs)
	return refs
}

// shortcodeRefs reads the arguments of one term or comparison call.
func shortcodeRefs(name, text string, start, end int) []Ref {
	var id, aspects *Ref
	positional := 0
	for _, a := range argRE.FindAllStringSubmatchIndex(text[start:end], -1) {
		key := ""
		if a[2] >= 0 {
			key = text[start+a[2] : start+a[3]]
		}
		vs, ve := -1, -1
		for g := 4; g <= 8; g += 2 {
			if a[g] >= 0 {
				vs, ve = start+a[g], start+a[g+1]
				break
			}
		}
		if vs < 0 {
			continue
		}
		r := &Ref{ID: text[vs:ve], Offset: vs, End: ve}
		switch {
		case key == "id" || key == "" && positional == 0:
			id = r
		case key == "aspects":
			aspects = r
		}
		if key == "" {
			positional++
		}
	}
	if id == nil {
		return nil
	}
	if name == "term" {
		id.Kind = Term
		return []Ref{*id}
	}
	id.Kind = Comparison
	refs := []Ref{*id}
	if aspects != nil {
		off := aspects.Offset
		for _, part := range strings.Split(aspects.ID, ",") {
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

// maskCode blanks fenced code blocks and code spans (keeping offsets), so
// a link shown as code is not taken for a link.
func maskCode(text string) string {
	b := []byte(text)
	var open string
	openAt := 0
	for _, l := range lines(text) {
		m := fenceRE.FindStringSubmatch(text[l.start:l.end])
		switch {
		case open == "" && m != nil:
			open, openAt = m[1], l.start
		case open != "" && m != nil && m[1][0] == open[0] && len(m[1]) >= len(open):
			blank(b, openAt, l.end)
			open = ""
		}
	}
	if open != "" {
		blank(b, openAt, len(b))
	}
	// Code spans: a run of backticks up to the same run.
	for i := 0; i < len(b); {
		if b[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] == '`' {
			j++
		}
		closer := strings.Index(string(b[j:]), string(b[i:j]))
		if closer < 0 {
			i = j
			continue
		}
		blank(b, i, j+closer+(j-i))
		i = j + closer + (j - i)
	}
	return string(b)
}

func blank(b []byte, from, to int) {
	for i := from; i < to && i < len(b); i++ {
		if b[i] != '\n' {
			b[i] = ' '
		}
	}
}

type span struct{ start, end int }

func lines(text string) []span {
	var out []span
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			out = append(out, span{start, i})
			start = i + 1
		}
	}
	if start < len(text) {
		out = append(out, span{start, len(text)})
	}
	return out
}

func sortRefs(refs []Ref) {
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].Offset < refs[j].Offset })
}
