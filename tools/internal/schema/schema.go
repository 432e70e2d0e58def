// Package schema generates a JSON Schema (draft 2020-12) for each kind of
// data file from the Go data model in kbdata, so that editors can complete,
// explain and validate the TOML under data/ as it is typed.
//
// The schemas are committed under static/schemas (Hugo publishes them with
// the site) and every data file names its schema on its first line, the
// directive TOML editors (Taplo, Even Better TOML) read:
//
//	#:schema ../../static/schemas/term.schema.json
//
// Property names come from the `toml` tags, "required" from `kb:"required"`
// and "description" (shown on hover) from `doc`. What a string holds (free
// text, an id, a URL, a date) is its class in the `kb` tag. A list of tables
// whose shorthand field a plain string may stand for (citations: "seed" or
// { id = "seed", at = "Section 2" }) accepts either form.
//
// The schemas describe a file's shape only. Whether an id names something
// that exists, an alias is unique or a comparison has every fact is for
// kb check.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// Dir is where the schemas live, relative to the repository root.
const Dir = "static/schemas"

// Draft is the JSON Schema dialect of every schema.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// The patterns the schemas use are the model's own (kbdata), in the syntax
// ECMA-262 and Go read alike.
const (
	IDPattern   = kbdata.IDPattern
	TextPattern = kbdata.TextPattern
	URLPattern  = kbdata.URLPattern
	DatePattern = kbdata.DatePattern
	PagePattern = kbdata.PagePattern
)

// File is one kind of data file and its schema.
type File struct {
	Name        string       // the schema's file name in Dir, e.g. "term.schema.json"
	Pattern     string       // the data files it describes, a path.Match pattern relative to the root
	Type        reflect.Type // the kbdata type a file decodes into
	Title       string
	Description string
}

// Files lists every kind of data file, in the order of CONTRIBUTING.md.
// A new kind of data file needs an entry here, and its types in fields.go.
var Files = []File{
	{
		Name:        "term.schema.json",
		Pattern:     kbdata.GlossaryDir + "/*.toml",
		Type:        reflect.TypeFor[kbdata.Term](),
		Title:       "Glossary term",
		Description: "One glossary term, data/glossary/<id>.toml; its id is the file name.",
	},
	{
		Name:        "comparison.schema.json",
		Pattern:     kbdata.ComparisonsDir + "/*.toml",
		Type:        reflect.TypeFor[kbdata.Comparison](),
		Title:       "Comparison",
		Description: "One comparison table, data/comparisons/<id>.toml: subjects are its columns, aspects its rows, and every cell is a fact from a term file.",
	},
	{
		Name:        "aspects.schema.json",
		Pattern:     kbdata.AspectsFile,
		Type:        reflect.TypeFor[kbdata.AspectRegistry](),
		Title:       "Aspects",
		Description: "data/aspects.toml: the registry of aspects things are compared on.",
	},
	{
		Name:        "sources.schema.json",
		Pattern:     kbdata.SourcesFile,
		Type:        reflect.TypeFor[kbdata.SourceRegistry](),
		Title:       "Sources",
		Description: "data/sources.toml: the registry of cited documents.",
	},
	{
		Name:        "criteria.schema.json",
		Pattern:     kbdata.CriteriaFile,
		Type:        reflect.TypeFor[kbdata.CriterionRegistry](),
		Title:       "Criteria",
		Description: "data/criteria.toml: the \"how to choose\" guide, situations and the options they favour.",
	},
	{
		Name:        "layers.schema.json",
		Pattern:     kbdata.LayersFile,
		Type:        reflect.TypeFor[kbdata.LayerRegistry](),
		Title:       "Layers of the stack",
		Description: "data/layers.toml: the layers of the stack an application runs on, from the hardware up, for the \"who manages what\" diagram.",
	},
	{
		Name:        "remotes.schema.json",
		Pattern:     kbdata.RemotesFile,
		Type:        reflect.TypeFor[kbdata.RemoteRegistry](),
		Title:       "Other knowledge bases",
		Description: "data/remotes.toml: other knowledge bases whose terms pages link as {{< term \"<prefix>:<id>\" >}}, checked offline against the lock kb lock writes.",
	},
	{
		Name:        "published.schema.json",
		Pattern:     kbdata.LedgerFile,
		Type:        reflect.TypeFor[kbdata.Ledger](),
		Title:       "Published URLs",
		Description: "data/published.toml: every URL the site has published, kept like a lock file. Written by kb publish.",
	},
}

// For returns the kind of data file at dataPath, a slash-separated path
// relative to the repository root such as "data/glossary/kernel.toml".
func For(dataPath string) (File, bool) {
	for _, f := range Files {
		if ok, _ := path.Match(f.Pattern, dataPath); ok {
			return f, true
		}
	}
	return File{}, false
}

// Directive returns the line a data file must begin with, naming its schema
// by a path relative to the file:
//
//	Directive("data/glossary/kernel.toml") == "#:schema ../../static/schemas/term.schema.json"
//
// It reports false when no schema describes dataPath.
func Directive(dataPath string) (string, bool) {
	f, ok := For(dataPath)
	if !ok {
		return "", false
	}
	up := strings.Repeat("../", strings.Count(path.Clean(dataPath), "/"))
	return "#:schema " + up + Dir + "/" + f.Name, true
}

// Generate returns every schema, by file name in Dir: indented JSON
// ending in a newline, the same bytes on every call.
func Generate() (map[string][]byte, error) {
	out := make(map[string][]byte, len(Files))
	for _, f := range Files {
		body, err := structSchema(f.Type)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		doc := append(object{
			{"$schema", Draft},
			{"title", f.Title},
			{"description", f.Description},
		}, body...)
		b, err := encode(doc)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		out[f.Name] = b
	}
	return out, nil
}

// Write generates the schemas into dir (normally root/static/schemas),
// creating it if needed. Each file is replaced atomically, by renaming a
// temporary file over it, and only when its content changes. Files in dir
// that are not schemas are left alone.
func Write(dir string) error {
	files, err := Generate()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create schema folder: %w", err)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := writeFile(filepath.Join(dir, name), files[name]); err != nil {
			return err
		}
	}
	return nil
}

// writeFile replaces name with data unless it already holds it.
func writeFile(name string, data []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return atomicfile.Write(name, data)
}

// structSchema describes a struct type of the model as a JSON object: its
// type, properties, required keys and no others. What each key holds is
// read from the model's tags (kbdata.Fields), as the binder reads it.
func structSchema(t reflect.Type) (object, error) {
	props := object{}
	var required []string
	var groups []string             // the either= groups, in order of first key
	either := map[string][]object{} // group → one {"required": [key]} per key
	for _, f := range kbdata.Fields(t) {
		if f.Doc == "" {
			return nil, fmt.Errorf("%s key %q has no doc tag: editors show it on hover", t, f.Key)
		}
		p, err := property(f)
		if err != nil {
			return nil, fmt.Errorf("%s key %q: %w", t, f.Key, err)
		}
		if f.Either != "" {
			if f.Type.Kind() == reflect.Bool {
				// false says nothing: kb check reports it (KB037).
				p = append(p, member{"const", true})
			}
			if either[f.Either] == nil {
				groups = append(groups, f.Either)
			}
			either[f.Either] = append(either[f.Either], object{{"required", []string{f.Key}}})
		}
		props = append(props, member{f.Key, p})
		if f.Required {
			required = append(required, f.Key)
		}
	}
	s := object{{"type", "object"}, {"properties", props}}
	if len(required) > 0 {
		s = append(s, member{"required", required})
	}
	// Exactly one key of each either= group (KB037).
	switch len(groups) {
	case 0:
	case 1:
		s = append(s, member{"oneOf", either[groups[0]]})
	default:
		all := make([]object, len(groups))
		for i, g := range groups {
			all[i] = object{{"oneOf", either[g]}}
		}
		s = append(s, member{"allOf", all})
	}
	return append(s, member{"additionalProperties", false}), nil
}

// property describes one field, by its Go type and its class.
func property(f kbdata.Field) (object, error) {
	s := object{{"description", f.Doc}}
	t := f.Type
	switch {
	case t.Kind() == reflect.String:
		str, err := stringSchema(f.Class)
		if err != nil {
			return nil, err
		}
		if len(f.OneOf) > 0 {
			// The binder allows these values only (KB038).
			str = append(str, member{"enum", f.OneOf})
		}
		return append(s, str...), nil
	case t.Kind() == reflect.Bool, t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Bool:
		// A *bool tells unset from false in Go; in TOML both are a boolean.
		return append(s, member{"type", "boolean"}), nil
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		str, err := stringSchema(f.Class)
		if err != nil {
			return nil, err
		}
		s = append(s, member{"type", "array"}, member{"items", str})
		if f.MinItems > 0 {
			s = append(s, member{"minItems", f.MinItems})
		}
		if f.Class == kbdata.ClassID || f.Class == kbdata.ClassPage {
			// kb check reports an id or URL listed twice.
			s = append(s, member{"uniqueItems", true})
		}
		return s, nil
	case isShorthandList(f):
		return shorthandList(s, f)
	case f.IsTable():
		value, err := structSchema(t.Elem())
		if err != nil {
			return nil, err
		}
		return append(s, value...), nil
	case f.IsTables() && t.Kind() == reflect.Slice:
		item, err := structSchema(t.Elem().Elem())
		if err != nil {
			return nil, err
		}
		s = append(s, member{"type", "array"}, member{"items", item})
		if f.MinItems > 0 {
			s = append(s, member{"minItems", f.MinItems})
		}
		return s, nil
	case f.IsTables() && t.Key().Kind() == reflect.String:
		value, err := structSchema(t.Elem().Elem())
		if err != nil {
			return nil, err
		}
		s = append(s,
			member{"type", "object"},
			member{"propertyNames", object{{"pattern", IDPattern}}},
			member{"additionalProperties", value},
		)
		if f.Required {
			s = append(s, member{"minProperties", 1})
		}
		return s, nil
	}
	return nil, fmt.Errorf("unsupported Go type %s", t)
}

func isShorthandList(f kbdata.Field) bool {
	_, _, ok := f.ShorthandList()
	return ok
}

// shorthandList describes a list whose elements are tables that may also be
// written as the plain string their shorthand field stands for: a citation
// is "seed" or { id = "seed", at = "Section 2" }. s holds the description.
func shorthandList(s object, f kbdata.Field) (object, error) {
	elem, short, _ := f.ShorthandList()
	str, err := stringSchema(short.Class)
	if err != nil {
		return nil, fmt.Errorf("shorthand key %q: %w", short.Key, err)
	}
	table, err := structSchema(elem)
	if err != nil {
		return nil, err
	}
	s = append(s, member{"type", "array"}, member{"items", object{{"anyOf", []object{str, table}}}})
	if f.MinItems > 0 {
		s = append(s, member{"minItems", f.MinItems})
	}
	// No uniqueItems: "seed" and { id = "seed" } are the same citation,
	// which JSON Schema cannot see; kb check reports a source cited twice.
	return s, nil
}

// stringSchema describes one string of a class: never empty, and never
// only white space.
func stringSchema(c kbdata.Class) (object, error) {
	s := object{{"type", "string"}, {"minLength", 1}}
	switch c {
	case kbdata.ClassText, kbdata.ClassMarkdown:
		return append(s, member{"pattern", TextPattern}), nil
	case kbdata.ClassID:
		return append(s, member{"pattern", IDPattern}), nil
	case kbdata.ClassURL:
		return append(s, member{"format", "uri"}, member{"pattern", URLPattern}), nil
	case kbdata.ClassDate:
		return append(s, member{"format", "date"}, member{"pattern", DatePattern}), nil
	case kbdata.ClassPage:
		return append(s, member{"pattern", PagePattern}), nil
	}
	return nil, fmt.Errorf("a string must be classified text, markdown, id, url, date or page in its kb tag, not %s", c)
}

// object is a JSON object that keeps its keys in the order written, so a
// schema reads like the data file it describes.
type object []member

type member struct {
	key   string
	value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(m.key)
		if err != nil {
			return nil, err
		}
		v, err := marshal(m.value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.key, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal encodes v as compact JSON, leaving <, > and & as they are.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// encode prints a schema indented by two spaces, with a final newline.
func encode(doc object) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
