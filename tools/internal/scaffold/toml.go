package scaffold

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
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
// be left out of the files New writes.
func (w *writer) keys(prefix string, t reflect.Type, values map[string]string) error {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := f.Tag.Get("toml")
		if key == "" || key == "-" || isTables(f.Type) {
			continue
		}
		v, ok := values[key]
		if !ok {
			return fmt.Errorf("no starting value for %s key %q", t, key)
		}
		w.comment(prefix, docOf(f))
		w.line(prefix, key+" = "+v)
	}
	return nil
}

// docOf is the comment for a field: its doc tag, followed by "Required."
// if it is; a key not marked so may be removed.
func docOf(f reflect.StructField) string {
	doc := f.Tag.Get("doc")
	if f.Tag.Get("kb") == "required" {
		return doc + " Required."
	}
	return doc
}

// isTables reports whether a field holds tables rather than a value:
// a map of tables ([facts.<id>]) or an array of them ([[source]]).
func isTables(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Map, reflect.Slice:
		e := t.Elem()
		return e.Kind() == reflect.Pointer && e.Elem().Kind() == reflect.Struct
	}
	return false
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
