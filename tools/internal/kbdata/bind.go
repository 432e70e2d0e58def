package kbdata

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/suggest"
	"github.com/cloudkb/kb/tools/internal/tomlpos"
)

// binder copies a decoded TOML document (maps, slices, scalars as
// BurntSushi/toml produces them) into the model's structs, reporting every
// unknown key, wrongly cased key, missing key, wrong type and empty string
// rather than stopping at the first, as toml.Decode into a struct would.
type binder struct {
	path  string
	ix    *tomlpos.Index
	diags *diag.List
	texts []Text // every text and Markdown string bound, in document order
}

var positionsType = reflect.TypeFor[Positions]()

// table binds m into the struct that dst points to. path is where m sits in
// the document; what names it in messages ("term", "aspect").
func (b *binder) table(m map[string]any, dst reflect.Value, path []string) {
	sv := dst.Elem()
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if pos := sv.FieldByName("Pos"); pos.IsValid() && pos.Type() == positionsType {
		pos.Set(reflect.ValueOf(Positions{ix: b.ix, path: slices.Clone(path), keys: keys, table: true}))
	}
	fs := Fields(sv.Type())
	for _, k := range keys {
		// A handful of fields: a scan costs less than a map per table.
		if slices.ContainsFunc(fs, func(f Field) bool { return f.Key == k }) {
			continue
		}
		names := make([]string, len(fs))
		for i, f := range fs {
			names[i] = f.Key
		}
		kp := appendPath(path, k)
		if right := caseMatch(k, names); right != "" {
			b.diags.Add(b.path, b.ix.Key(kp...), diag.CodeKeyCase, "key %q must be written %q: keys are case-sensitive", dotted(trimIndex(kp)), right).
				Span(b.ix.Key(kp...) + len(k)).Suggest(fmt.Sprintf("rename it to %q", right))
			continue
		}
		d := b.diags.Add(b.path, b.ix.Key(kp...), diag.CodeUnknownKey, "unknown key %q", dotted(trimIndex(kp))).Span(b.ix.Key(kp...) + len(k))
		if s := suggest.Closest(k, names); s != "" {
			d.Suggest(fmt.Sprintf("did you mean %q?", s))
		} else {
			d.Suggest("known keys: " + strings.Join(names, ", "))
		}
	}
	for _, f := range fs {
		v, ok := m[f.Key]
		kp := appendPath(path, f.Key)
		if !ok {
			if f.Required && !hasCaseVariant(m, f.Key) {
				b.missing(path, f.Key)
			}
			continue
		}
		fv := sv.Field(f.Index)
		b.value(v, fv, kp)
		if len(f.OneOf) > 0 && fv.Kind() == reflect.String && fv.Len() > 0 && !slices.Contains(f.OneOf, fv.String()) {
			b.notAllowed(fv.String(), f.OneOf, kp)
		}
		if (f.Class == ClassText || f.Class == ClassMarkdown) && fv.Kind() == reflect.String && fv.Len() > 0 {
			b.texts = append(b.texts, Text{Key: kp, Value: fv.String(), Markdown: f.Class == ClassMarkdown, ix: b.ix})
		}
		if f.Required && fv.Kind() == reflect.Slice && fv.Len() == 0 {
			if arr, ok := v.([]any); ok && len(arr) == 0 {
				b.diags.Add(b.path, b.ix.Value(kp...), diag.CodeEmpty, "%s is empty: list at least one", describe(kp))
			}
		}
	}
}

// notAllowed reports a string its key does not allow, with the allowed
// value it most likely meant.
func (b *binder) notAllowed(v string, allowed, path []string) {
	quoted := make([]string, len(allowed))
	for i, a := range allowed {
		quoted[i] = strconv.Quote(a)
	}
	n := len(quoted)
	list := quoted[0]
	if n > 1 {
		list = strings.Join(quoted[:n-1], ", ") + " or " + quoted[n-1]
	}
	d := b.diags.Add(b.path, b.ix.Value(path...), diag.CodeNotAllowed, "%s must be one of %s, not %q", describe(path), list, v).
		Span(b.ix.End(path...))
	if s := suggest.Closest(strings.ToLower(v), allowed); s != "" {
		d.Suggest(fmt.Sprintf("did you mean %q?", s))
	}
}

func (b *binder) missing(path []string, name string) {
	where := "the file"
	off := 0
	if len(path) > 0 {
		where = "[" + dotted(trimIndex(path)) + "]"
		off = b.ix.Key(path...)
	}
	b.diags.Add(b.path, off, diag.CodeMissing, "missing required key %q in %s", name, where)
}

// value binds one decoded value into dst, whose type is one the model uses.
func (b *binder) value(v any, dst reflect.Value, path []string) {
	switch dst.Kind() {
	case reflect.Bool:
		if bv, ok := v.(bool); ok {
			dst.SetBool(bv)
		} else {
			b.wrongType(v, path, "a boolean")
		}
	case reflect.Pointer:
		if dst.Type().Elem().Kind() == reflect.Bool {
			bv, ok := v.(bool)
			if !ok {
				b.wrongType(v, path, "a boolean")
				return
			}
			dst.Set(reflect.ValueOf(&bv))
			return
		}
		m, ok := v.(map[string]any)
		if !ok {
			b.wrongType(v, path, "a table")
			return
		}
		elem := reflect.New(dst.Type().Elem())
		b.table(m, elem, path)
		dst.Set(elem)
	case reflect.String:
		if s, ok := b.str(v, path); ok {
			dst.SetString(s)
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			if tables, isTables := v.([]map[string]any); isTables && dst.Type().Elem().Kind() == reflect.Pointer {
				b.tables(tables, dst, path)
				return
			}
			b.wrongType(v, path, "an array")
			return
		}
		if dst.Type().Elem().Kind() == reflect.Pointer {
			// An array of inline tables: [{...}, {...}].
			tables := make([]map[string]any, 0, len(arr))
			for i, e := range arr {
				t, ok := e.(map[string]any)
				if !ok {
					b.wrongType(e, appendPath(path, strconv.Itoa(i)), "a table")
					continue
				}
				tables = append(tables, t)
			}
			b.tables(tables, dst, path)
			return
		}
		if dst.Type().Elem().Kind() == reflect.Struct {
			b.shorthands(arr, dst, path)
			return
		}
		out := reflect.MakeSlice(dst.Type(), 0, len(arr))
		for i, e := range arr {
			if s, ok := b.str(e, appendPath(path, strconv.Itoa(i))); ok {
				out = reflect.Append(out, reflect.ValueOf(s))
			}
		}
		dst.Set(out)
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			b.wrongType(v, path, "a table")
			return
		}
		out := reflect.MakeMapWithSize(dst.Type(), len(m))
		for k, e := range m {
			ep := appendPath(path, k)
			t, ok := e.(map[string]any)
			if !ok {
				b.wrongType(e, ep, "a table")
				continue
			}
			elem := reflect.New(dst.Type().Elem().Elem())
			b.table(t, elem, ep)
			out.SetMapIndex(reflect.ValueOf(k), elem)
		}
		dst.Set(out)
	}
}

// shorthands binds a list whose elements are tables that may be written
// as a plain string (citations: "seed", or { id = "seed", at = "§2" }).
func (b *binder) shorthands(arr []any, dst reflect.Value, path []string) {
	elem := dst.Type().Elem()
	short, _ := shorthandField(elem) // the model tags one: tests load every tag
	out := reflect.MakeSlice(dst.Type(), 0, len(arr))
	for i, e := range arr {
		ep := appendPath(path, strconv.Itoa(i))
		v := reflect.New(elem)
		switch e := e.(type) {
		case map[string]any:
			b.table(e, v, ep)
		case string:
			s, ok := b.str(e, ep)
			if !ok {
				continue
			}
			v.Elem().Field(short.Index).SetString(s)
			if pos := v.Elem().FieldByName("Pos"); pos.IsValid() && pos.Type() == positionsType {
				// The string is the element: its keys are found at it.
				pos.Set(reflect.ValueOf(Positions{ix: b.ix, path: slices.Clone(ep)}))
			}
		default:
			b.wrongType(e, ep, "a string or a table")
			continue
		}
		out = reflect.Append(out, v.Elem())
	}
	dst.Set(out)
}

func (b *binder) tables(tables []map[string]any, dst reflect.Value, path []string) {
	out := reflect.MakeSlice(dst.Type(), 0, len(tables))
	for i, t := range tables {
		elem := reflect.New(dst.Type().Elem().Elem())
		b.table(t, elem, appendPath(path, strconv.Itoa(i)))
		out = reflect.Append(out, elem)
	}
	dst.Set(out)
}

// str checks that v is a string with more than white space in it.
func (b *binder) str(v any, path []string) (string, bool) {
	s, ok := v.(string)
	if !ok {
		b.wrongType(v, path, "a string")
		return "", false
	}
	if strings.TrimSpace(s) == "" {
		b.diags.Add(b.path, b.ix.Value(path...), diag.CodeEmpty, "%s is empty", describe(path))
		return "", false
	}
	return s, true
}

func (b *binder) wrongType(v any, path []string, want string) {
	b.diags.Add(b.path, b.ix.Value(path...), diag.CodeType, "%s must be %s, not %s", describe(path), want, typeName(v))
}

// describe names a key or an array element for a message.
func describe(path []string) string {
	if n := len(path); n > 1 {
		if _, err := strconv.Atoi(path[n-1]); err == nil {
			return fmt.Sprintf("element %s of %q", path[n-1], dotted(trimIndex(path[:n-1])))
		}
	}
	return strconv.Quote(dotted(trimIndex(path)))
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date-time"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

func caseMatch(k string, names []string) string {
	for _, n := range names {
		if strings.EqualFold(k, n) {
			return n
		}
	}
	return ""
}

func hasCaseVariant(m map[string]any, name string) bool {
	for k := range m {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

func appendPath(path []string, k string) []string {
	return append(append(make([]string, 0, len(path)+1), path...), k)
}

func dotted(path []string) string { return strings.Join(path, ".") }

// trimIndex drops array indexes from a path for messages: the position
// already says which element.
func trimIndex(path []string) []string {
	var out []string
	for _, p := range path {
		if _, err := strconv.Atoi(p); err == nil {
			continue
		}
		out = append(out, p)
	}
	return out
}
