// Package mdref finds the references a Markdown page makes to the
// knowledge base: term and comparison shortcodes, and links to glossary
// and comparison pages.
package mdref

import (
	"bytes"
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

// fenceRE matches the opening or closing line of a fenced code block.
var fenceRE = regexp.MustCompile("(?m)^ {0,3}(```+|~~~+)")

// Scan returns the references in src in order of position.
func Scan(src []byte) []Ref {
	var refs []Ref
	text := string(src)
	// Shortcode calls: find each "{{<" or "{{%" with plain string search,
	// and leave the regular expressions the short inside of one call.
	for i := 0; ; {
		j := strings.Index(text[i:], "{{")
		if j < 0 {
			break
		}
		start := i + j
		i = start + 2
		if i >= len(text) || text[i] != '<' && text[i] != '%' {
			i = start + 1 // "{{{<" holds a call one byte on, as Hugo reads it
			continue
		}
		closer := ">}}"
		if text[i] == '%' {
			closer = "%}}"
		}
		end := strings.Index(text[i:], closer)
		if end < 0 {
			break
		}
		inner, innerEnd := i+1, i+end
		for inner < innerEnd && (text[inner] == ' ' || text[inner] == '\t' || text[inner] == '\n') {
			inner++
		}
		nameEnd := inner
		for nameEnd < innerEnd && (text[nameEnd] >= 'a' && text[nameEnd] <= 'z') {
			nameEnd++
		}
		if name := text[inner:nameEnd]; (name == "term" || name == "comparison") && (nameEnd == innerEnd || isSpace(text[nameEnd])) {
			refs = append(refs, shortcodeRefs(name, text, nameEnd, innerEnd)...)
		}
		i += end + 3
	}
	if !strings.Contains(text, "/glossary/") && !strings.Contains(text, "/compare/") {
		return refs
	}
	masked := maskCode(text)
	for _, section := range []string{"/glossary/", "/compare/"} {
		kind := Term
		if section == "/compare/" {
			kind = Comparison
		}
		for i := 0; ; {
			j := strings.Index(masked[i:], section)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(section)
			if !linkTarget(masked, at) {
				continue
			}
			end := i
			for end < len(masked) && !strings.ContainsRune("/)#? \t\n>\"", rune(masked[end])) {
				end++
			}
			if end > i {
				refs = append(refs, Ref{Kind: kind, ID: masked[i:end], Offset: i, End: end, Link: true})
			}
		}
	}
	sortRefs(refs)
	return refs
}

// linkTarget reports whether the path starting at i is the target of a
// Markdown link: it follows "](" (with an optional "<" and blanks), or
// ": " at the start of a reference definition "[label]: /path".
func linkTarget(text string, i int) bool {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	if j > 0 && text[j-1] == '<' {
		j--
	}
	if j >= 2 && text[j-2:j] == "](" {
		return true
	}
	if j < 1 || text[j-1] != ':' {
		return false
	}
	// A reference definition: the line is "[label]:" then the target.
	lineStart := strings.LastIndexByte(text[:j], '\n') + 1
	label := strings.TrimLeft(text[lineStart:j-1], " ")
	return strings.HasPrefix(label, "[") && strings.HasSuffix(label, "]") && len(label) > 2
}

// shortcodeRefs reads the arguments of one term or comparison call.
func shortcodeRefs(name, text string, start, end int) []Ref {
	var id, aspects *Ref
	positional := 0
	for _, a := range args(text, start, end) {
		r := &Ref{ID: text[a.start:a.end], Offset: a.start, End: a.end}
		switch {
		case a.key == "id" || a.key == "" && positional == 0:
			id = r
		case a.key == "aspects":
			aspects = r
		}
		if a.key == "" {
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

// arg is one shortcode argument: its name (empty when positional) and the
// byte range of its value, without quotes.
type arg struct {
	key        string
	start, end int
}

// args splits the arguments of a shortcode call in text[start:end], as
// Hugo does: name="value", name=value, "value", `value` or value.
func args(text string, start, end int) []arg {
	var out []arg
	i := start
	for {
		for i < end && isSpace(text[i]) {
			i++
		}
		if i >= end {
			return out
		}
		var a arg
		// A key is letters followed by "=".
		k := i
		for k < end && (text[k] >= 'a' && text[k] <= 'z' || text[k] >= 'A' && text[k] <= 'Z') {
			k++
		}
		if k > i && k < end && text[k] == '=' {
			a.key, i = text[i:k], k+1
		}
		switch {
		case i < end && (text[i] == '"' || text[i] == '`'):
			q := text[i]
			j := i + 1
			for j < end && text[j] != q {
				if text[j] == '\\' && q == '"' {
					j++
				}
				j++
			}
			a.start, a.end = i+1, min(j, end)
			i = j + 1
		default:
			j := i
			for j < end && !isSpace(text[j]) {
				j++
			}
			a.start, a.end = i, j
			i = j
		}
		out = append(out, a)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// maskCode blanks fenced code blocks and code spans (keeping offsets), so
// a link shown as code is not taken for a link.
func maskCode(text string) string {
	if !strings.Contains(text, "`") && !strings.Contains(text, "~~~") {
		return text
	}
	b := []byte(text)
	var open string
	openAt := 0
	for _, l := range lines(text) {
		line := strings.TrimLeft(text[l.start:l.end], " ")
		if !strings.HasPrefix(line, "```") && !strings.HasPrefix(line, "~~~") {
			continue
		}
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
		k := bytes.IndexByte(b[i:], '`')
		if k < 0 {
			break
		}
		i += k
		j := i
		for j < len(b) && b[j] == '`' {
			j++
		}
		closer := bytes.Index(b[j:], b[i:j])
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
