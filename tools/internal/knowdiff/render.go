package knowdiff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Formats lists the output formats Write knows.
var Formats = []string{"text", "markdown", "json"}

// Version is the version of the JSON output's structure; it changes only
// when a key changes meaning or goes away.
const Version = 1

// context is how many equal words a word diff keeps on each side of an
// edit; the rest of a long definition is elided.
const context = 6

// Write renders changes, compared against base (the revision as the user
// named it), in format: "text" for a terminal, "markdown" for a pull
// request comment or job summary, "json" for programs.
func Write(w io.Writer, format, base string, changes []Change) error {
	bw := bufio.NewWriter(w)
	switch format {
	case "text":
		writeText(bw, base, changes)
	case "markdown":
		writeMarkdown(bw, base, changes)
	case "json":
		if changes == nil {
			changes = []Change{} // [] rather than null: one shape for readers
		}
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		doc := struct {
			Version int      `json:"version"`
			Base    string   `json:"base"`
			Changes []Change `json:"changes"`
		}{Version, base, changes}
		if err := enc.Encode(doc); err != nil {
			return fmt.Errorf("writing json: %w", err)
		}
	default:
		return fmt.Errorf("unknown format %q", format)
	}
	return bw.Flush()
}

// item is the changes of one term, comparison, source, criterion or URL.
type item struct {
	group, id string
	changes   []Change
}

// items groups sorted changes by item, keeping their order.
func items(changes []Change) []item {
	var out []item
	for _, c := range changes {
		if n := len(out); n > 0 && out[n-1].group == c.Group && out[n-1].id == c.ID {
			out[n-1].changes = append(out[n-1].changes, c)
			continue
		}
		out = append(out, item{c.Group, c.ID, []Change{c}})
	}
	return out
}

// byGroup splits items by group, in report order, leaving out empty ones.
func byGroup(changes []Change) [][]item {
	var out [][]item
	all := items(changes)
	for _, g := range Groups {
		var in []item
		for _, it := range all {
			if it.group == g {
				in = append(in, it)
			}
		}
		if len(in) > 0 {
			out = append(out, in)
		}
	}
	return out
}

// headline is what an item's first line says besides its id: added,
// removed or renamed, from its item-level change if it has one.
func (it item) headline() (kind string, c Change, rest []Change) {
	if first := it.changes[0]; first.Field == "" && first.Kind != Review {
		return first.Kind, first, it.changes[1:]
	}
	return "", Change{}, it.changes
}

// titles are the groups' headings.
var titles = map[string]string{Terms: "Terms", Comparisons: "Comparisons", Sources: "Sources", Guide: "Guide", Ledger: "Published URLs"}

func writeText(w *bufio.Writer, base string, changes []Change) {
	if len(changes) == 0 {
		fmt.Fprintf(w, "No change to the knowledge since %s.\n", base)
		return
	}
	fmt.Fprintf(w, "Changes to the knowledge since %s\n", base)
	for _, group := range byGroup(changes) {
		fmt.Fprintf(w, "\n%s (%d)\n", titles[group[0].group], len(group))
		for _, it := range group {
			kind, c, rest := it.headline()
			switch kind {
			case Added:
				fmt.Fprintf(w, "  + %s%s\n", it.id, textSuffix(c.New))
			case Removed:
				fmt.Fprintf(w, "  - %s%s\n", it.id, textSuffix(c.Old))
			case Renamed:
				fmt.Fprintf(w, "  %s, renamed from %s\n", it.id, c.Former)
			default:
				fmt.Fprintf(w, "  %s\n", it.id)
			}
			for _, c := range rest {
				fmt.Fprintf(w, "    %s\n", textLine(c))
			}
		}
	}
}

func textSuffix(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}

// textLine is one field change in the text format: + and - for list
// entries, facts and takeaways added or removed, ~ for what changes on the
// site as a consequence, ! for what the reviewer should check.
func textLine(c Change) string {
	switch c.Kind {
	case Added:
		return "+ " + c.Field + ": " + c.New
	case Removed:
		return "- " + c.Field + ": " + c.Old
	case Affected:
		s := "~ " + c.Field + ": " + c.Note
		if c.Old != "" || c.New != "" {
			s += ": " + strconv.Quote(c.Old) + " → " + strconv.Quote(c.New)
		}
		return s
	case Review:
		return "! " + strings.TrimPrefix(c.Field+": ", ": ") + c.Note + " (" + dateOr(c.New) + ")"
	}
	if c.Words != nil {
		return c.Field + ": " + renderWords(c.Words, "[-", "-]", "{+", "+}", func(s string) string { return s })
	}
	return c.Field + ": " + strconv.Quote(c.Old) + " → " + strconv.Quote(c.New)
}

func dateOr(s string) string {
	if s == "" {
		return "no date"
	}
	return s
}

func writeMarkdown(w *bufio.Writer, base string, changes []Change) {
	if len(changes) == 0 {
		fmt.Fprintf(w, "No change to the knowledge since %s.\n", code(base))
		return
	}
	fmt.Fprintf(w, "## Changes to the knowledge since %s\n", code(base))
	for _, group := range byGroup(changes) {
		g := group[0].group
		fmt.Fprintf(w, "\n### %s (%d)\n\n", titles[g], len(group))
		for _, it := range group {
			kind, c, rest := it.headline()
			switch kind {
			case Added:
				fmt.Fprintf(w, "- %s added%s\n", code(it.id), mdSuffix(c.New))
			case Removed:
				fmt.Fprintf(w, "- %s removed%s\n", code(it.id), mdSuffix(c.Old))
			case Renamed:
				fmt.Fprintf(w, "- %s, renamed from %s\n", code(it.id), code(c.Former))
			default:
				fmt.Fprintf(w, "- %s\n", code(it.id))
			}
			for _, c := range rest {
				fmt.Fprintf(w, "  - %s\n", mdLine(c))
			}
		}
	}
}

func mdSuffix(s string) string {
	if s == "" {
		return ""
	}
	return ": " + md(s)
}

func mdLine(c Change) string {
	switch c.Kind {
	case Added:
		return code(c.Field) + " added: " + mdEntry(c.Field, c.New)
	case Removed:
		return code(c.Field) + " removed: " + mdEntry(c.Field, c.Old)
	case Affected:
		s := code(c.Field) + " changes on the site: " + md(c.Note)
		if c.Old != "" || c.New != "" {
			s += ": " + mdChange(c.Old, c.New)
		}
		return s
	case Review:
		s := "⚠️ "
		if c.Field != "" {
			s += code(c.Field) + ": "
		}
		return s + md(c.Note) + " (" + dateOr(c.New) + ")"
	}
	if c.Words != nil {
		return code(c.Field) + ": " + renderWords(c.Words, "~~", "~~", "**", "**", md)
	}
	return code(c.Field) + ": " + mdChange(c.Old, c.New)
}

// idLists are the list fields whose entries are ids (a citation is an id
// and, after ": ", its locator): Markdown shows the ids as code.
var idLists = []string{"related", "subjects", "aspects", "former_ids", "favours", "sources"}

// mdEntry shows one entry added to or removed from a list field, or a fact
// or takeaway added or removed (whose text is prose).
func mdEntry(field, s string) string {
	if !slices.Contains(idLists, field[strings.LastIndex(field, ".")+1:]) {
		return md(s)
	}
	id, at, ok := strings.Cut(s, ": ")
	if !ok {
		return code(id)
	}
	return code(id) + " at " + md(at)
}

// mdChange shows a field's old and new value, struck through and bold.
func mdChange(old, new string) string {
	switch {
	case old == "":
		return "**" + md(new) + "**"
	case new == "":
		return "~~" + md(old) + "~~"
	}
	return "~~" + md(old) + "~~ → **" + md(new) + "**"
}

// md keeps text from being read as HTML or breaking a list item: a pull
// request comment renders it.
func md(s string) string {
	s = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r\n", " ", "\n", " ").Replace(s)
	return s
}

// code writes s as a Markdown code span, with a fence longer than any run
// of backticks in s.
func code(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// renderWords writes a word diff with removed and added runs between the
// given marks, shortening equal runs to context words on each side of an
// edit.
func renderWords(words []Word, delOpen, delClose, insOpen, insClose string, esc func(string) string) string {
	var parts []string
	for i, wd := range words {
		switch wd.Op {
		case "-":
			parts = append(parts, delOpen+esc(wd.Text)+delClose)
		case "+":
			parts = append(parts, insOpen+esc(wd.Text)+insClose)
		default:
			f := strings.Fields(wd.Text)
			first, last := i == 0, i == len(words)-1
			switch {
			case first && len(f) > context:
				f = append([]string{"…"}, f[len(f)-context:]...)
			case last && len(f) > context:
				f = append(f[:context:context], "…")
			case !first && !last && len(f) > 2*context:
				f = append(append(f[:context:context], "…"), f[len(f)-context:]...)
			}
			parts = append(parts, esc(strings.Join(f, " ")))
		}
	}
	return strings.Join(parts, " ")
}
