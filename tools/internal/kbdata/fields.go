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

// ValidID reports whether id is lowercase kebab-case.
func ValidID(id string) bool { return idPattern.MatchString(id) }

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
