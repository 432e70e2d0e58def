package scaffold

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// writer builds a commented TOML file.
type writer struct {
	strings.Builder
}

// line writes one line; prefix is "" for live TOML and "# " for an example
// left commented out.
func (w *writer) line(prefix, s string) {
	w.WriteString(strings.TrimRight(prefix+s, " "))
	w.WriteByte('\n')
}

// comment writes text as comment lines of at most width bytes where the
// words allow.
func (w *writer) comment(prefix, text string) {
	const width = 100
	cur := ""
	for _, word := range strings.Fields(text) {
		if cur != "" && len(prefix)+2+len(cur)+1+len(word) > width {
			w.line(prefix, "# "+cur)
			cur = ""
		}
		if cur != "" {
			cur += " "
		}
		cur += word
	}
	if cur != "" {
		w.line(prefix, "# "+cur)
	}
}

// keys writes every TOML key of struct type t that holds a value (not a
// table), in declaration order, each under a comment made of its doc tag
// and whether it is required. values holds each key's value as TOML text;
// a key without one is an error, so that a field added to the model cannot
// be left out of the files New writes. The keys listed in off are written
// commented out: optional keys whose value only the writer can know (when
// a source was published), or that would claim what is not so yet (that a
// definition still marked TODO was checked).
func (w *writer) keys(prefix string, t reflect.Type, values map[string]string, off ...string) error {
	written := 0
	for _, f := range kbdata.Fields(t) {
		if f.IsTables() || f.IsTable() {
			continue
		}
		v, ok := values[f.Key]
		if !ok {
			return fmt.Errorf("no starting value for %s key %q", t, f.Key)
		}
		if !slices.Contains(off, f.Key) {
			w.comment(prefix, docOf(f))
			w.line(prefix, f.Key+" = "+v)
			continue
		}
		written++
		w.comment(prefix, docOf(f)+` To set it, remove the leading "# ".`)
		w.line(prefix+"# ", f.Key+" = "+v)
	}
	if written != len(off) {
		// A misspelt key would otherwise be written live, unnoticed.
		return fmt.Errorf("keys to comment out %q are not all value keys of %s", off, t)
	}
	return nil
}

// docOf is the comment for a field: its doc tag, followed by "Required."
// if it is; a key not marked so may be removed.
func docOf(f kbdata.Field) string {
	if f.Required {
		return f.Doc + " Required."
	}
	return f.Doc
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// list writes ids as a TOML array of strings.
func list(ids ...string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = quote(id)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
