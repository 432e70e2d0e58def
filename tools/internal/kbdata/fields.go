package kbdata

import (
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Class says what a field's strings are, beyond "not blank". It is read
// from the `kb` tag, so the model says it once for the binder, the JSON
// Schemas and the scaffolds.
type Class int

const (
	Unclassified  Class = iota // tables, booleans: their Go type says it all
	ClassText                  // plain text, shown as written
	ClassMarkdown              // Markdown, checked like a page
	ClassID                    // a kebab-case id
	ClassURL                   // an absolute http(s) URL
	ClassDate                  // a day, YYYY-MM-DD
	ClassPage                  // a site path: /glossary/<id>/ or /compare/<id>/
)

var classNames = map[string]Class{"text": ClassText, "markdown": ClassMarkdown, "id": ClassID, "url": ClassURL, "date": ClassDate, "page": ClassPage}

func (c Class) String() string {
	for n, k := range classNames {
		if k == c {
			return n
		}
	}
	return "unclassified"
}

// Field is one TOML key of a model struct, as its tags describe it.
type Field struct {
	Key      string // the key as written in TOML
	Doc      string // what an editor shows on hover, and the scaffold's comment
	Index    int    // the struct field's index
	Type     reflect.Type
	Required bool
	Class    Class
	MinItems int // for a list: its least length (min=N); 1 when required
	// Shorthand marks the one field of a struct that a plain string may
	// stand for: "seed" in a list of citations is { id = "seed" }.
	Shorthand bool
	// OneOf lists the only values a string may take (oneof=a b c), for
	// the binder to enforce and the JSON Schemas to offer.
	OneOf []string
	// Either names a group of keys of one struct of which exactly one is
	// given (either=verdict): a takeaway favours a subject or is neutral.
	// kb check enforces it; the JSON Schemas require one of the group,
	// and a boolean in a group can only be true.
	Either string
}

// IsTables reports whether the field holds tables rather than a value:
// a map of tables ([facts.<id>]) or an array of them ([[source]]).
func (f Field) IsTables() bool {
	switch f.Type.Kind() {
	case reflect.Map, reflect.Slice:
		e := f.Type.Elem()
		return e.Kind() == reflect.Pointer && e.Elem().Kind() == reflect.Struct
	}
	return false
}

// ShorthandList returns, for a list whose elements are tables that may also
// be written as a plain string (citations), the elements' struct type and
// the field the string stands for.
func (f Field) ShorthandList() (elem reflect.Type, short Field, ok bool) {
	if f.Type.Kind() != reflect.Slice || f.Type.Elem().Kind() != reflect.Struct {
		return nil, Field{}, false
	}
	elem = f.Type.Elem()
	if short, ok = shorthandField(elem); !ok {
		return nil, Field{}, false
	}
	return elem, short, true
}

// shorthandField returns the field of struct type t that a plain string
// stands for, if t has one.
func shorthandField(t reflect.Type) (Field, bool) {
	for _, f := range Fields(t) {
		if f.Shorthand {
			return f, true
		}
	}
	return Field{}, false
}

// IsTable reports whether the field holds one table ([mentions]).
func (f Field) IsTable() bool {
	return f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct
}

var fieldCache sync.Map // reflect.Type → []Field

// Fields lists the TOML keys of a model struct type in declaration order,
// skipping fields tagged `toml:"-"` (a term's id is its file name). It
// panics on a tag it cannot read: the model is code, and every test that
// loads data reads every tag.
func Fields(t reflect.Type) []Field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]Field)
	}
	var fs []Field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		key := sf.Tag.Get("toml")
		if key == "" || key == "-" {
			continue
		}
		f := Field{Key: key, Doc: sf.Tag.Get("doc"), Index: i, Type: sf.Type}
		for _, opt := range strings.Split(sf.Tag.Get("kb"), ",") {
			switch n, isMin := strings.CutPrefix(opt, "min="); {
			case opt == "":
			case opt == "required":
				f.Required = true
			case opt == "shorthand":
				f.Shorthand = true
			case strings.HasPrefix(opt, "oneof="):
				f.OneOf = strings.Fields(strings.TrimPrefix(opt, "oneof="))
			case strings.HasPrefix(opt, "either="):
				f.Either = strings.TrimPrefix(opt, "either=")
			case isMin:
				v, err := strconv.Atoi(n)
				if err != nil {
					panic(fmt.Sprintf("kbdata: %s.%s: bad kb tag option %q", t.Name(), sf.Name, opt))
				}
				f.MinItems = v
			case classNames[opt] != 0:
				f.Class = classNames[opt]
			default:
				panic(fmt.Sprintf("kbdata: %s.%s: unknown kb tag option %q", t.Name(), sf.Name, opt))
			}
		}
		if f.MinItems == 0 && f.Required && f.Type.Kind() == reflect.Slice {
			f.MinItems = 1
		}
		fs = append(fs, f)
	}
	fieldCache.Store(t, fs)
	return fs
}

// The rules a value of each class follows, in one place: the checker
// applies them and the JSON Schemas state them. The patterns are written
// in the syntax both Go and ECMA-262 (JSON Schema) read alike.
const (
	IDPattern   = `^[a-z0-9]+(-[a-z0-9]+)*$`
	TextPattern = `\S`
	URLPattern  = `^https?://`
	DatePattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
	PagePattern = `^/(glossary|compare)/[a-z0-9]+(-[a-z0-9]+)*/$`
)

var idPattern = regexp.MustCompile(IDPattern)

// ValidID reports whether id is lowercase kebab-case. It checks the form
// only, as IDPattern states it to editors; IDProblem also refuses the
// device names Windows reserves.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// ReservedID reports whether name, an id or a file name, is one of the
// device names Windows reserves (con, prn, aux, nul, com1 to com9, lpt1
// to lpt9), in any letter case and with any extension: Windows can hold
// no file so named, so git cannot check out data/glossary/con.toml there,
// nor can Hugo write the page /glossary/con/.
func ReservedID(name string) bool {
	stem, _, _ := strings.Cut(strings.ToLower(name), ".")
	switch stem {
	case "con", "prn", "aux", "nul":
		return true
	}
	// COM0 and LPT0 are not reserved: Windows creates files so named.
	return len(stem) == 4 && (strings.HasPrefix(stem, "com") || strings.HasPrefix(stem, "lpt")) && stem[3] >= '1' && stem[3] <= '9'
}

// IDProblem says why id cannot be an id, as a phrase that follows "is"
// ("term id %q is %s"), with a suggestion of what to do instead (which
// may be ""); both are "" when id is usable.
func IDProblem(id string) (problem, suggestion string) {
	switch {
	case !ValidID(id):
		problem = "not lowercase kebab-case"
		if s := IDSuggestion(id); s != "" {
			suggestion = fmt.Sprintf("use %q", s)
		}
	case ReservedID(id):
		problem = "a device name Windows reserves: Windows can hold no file or folder so named, so a Windows contributor could not check out its file or build its page"
		suggestion = "choose a longer id, such as the name spelt out"
	}
	return problem, suggestion
}

// IDSuggestion returns the usable id that s most likely meant
// ("Virtual_Machine" gives "virtual-machine"), or "" when there is none:
// s has no letter or digit, or the id would be a name Windows reserves.
func IDSuggestion(s string) string {
	id := SuggestID(s)
	if id == "" || ReservedID(id) {
		return ""
	}
	return id
}

// SuggestFileName returns the data file name, <id>.toml, that the file
// called name most likely meant ("Virtual Machine.toml" gives
// "virtual-machine.toml"), or "" when there is none: a name that is only
// ".toml" has no stem to make an id of.
func SuggestFileName(name string) string {
	id := IDSuggestion(strings.TrimSuffix(name, ".toml"))
	if id == "" {
		return ""
	}
	return id + ".toml"
}

// ValidURL reports whether s is an absolute http(s) URL with a host.
func ValidURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// ValidDate reports whether s is a real day written YYYY-MM-DD.
func ValidDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
