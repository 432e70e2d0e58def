package schema

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// compiled holds every generated schema, compiled once, by file name.
var compiled = sync.OnceValues(func() (map[string]*jsonschema.Schema, error) {
	files, err := Generate()
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	// Draft 2020-12 only annotates formats by default; kb check rejects a
	// bad date or URL, so the schemas do too.
	c.AssertFormat()
	for name, text := range files {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := c.AddResource(name, doc); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	out := make(map[string]*jsonschema.Schema, len(files))
	for name := range files {
		s, err := c.Compile(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = s
	}
	return out, nil
})

// Validate checks the text of the data file at dataPath (slash-separated,
// relative to the repository root) against the schema For reports, as an
// editor does. It returns nil when the file is valid; otherwise the error
// says why, listing every violation with its location in the document.
func Validate(dataPath string, text []byte) error {
	f, ok := For(dataPath)
	if !ok {
		return fmt.Errorf("%s: no schema describes this file", dataPath)
	}
	schemas, err := compiled()
	if err != nil {
		return err
	}
	var doc map[string]any
	if _, err := toml.Decode(string(text), &doc); err != nil {
		return fmt.Errorf("%s: invalid TOML: %w", dataPath, err)
	}
	err = schemas[f.Name].Validate(jsonValue(doc))
	var ve *jsonschema.ValidationError
	if errors.As(err, &ve) {
		inv := &InvalidError{Path: dataPath, Schema: f.Name}
		leaves(ve, func(msg string) { inv.Problems = append(inv.Problems, msg) })
		sort.Strings(inv.Problems)
		return inv
	}
	if err != nil {
		return fmt.Errorf("%s: %w", dataPath, err)
	}
	return nil
}

// InvalidError is the error Validate returns for a data file that breaks
// its schema.
type InvalidError struct {
	Path   string // the data file, as passed to Validate
	Schema string // the schema's file name, e.g. "term.schema.json"
	// Problems lists every violation, sorted, each naming the offending
	// value by its JSON pointer: "at '/related/0': 'Operating System' does
	// not match pattern '^[a-z0-9]+(-[a-z0-9]+)*$'".
	Problems []string
}

func (e *InvalidError) Error() string {
	return fmt.Sprintf("%s does not match %s: %s", e.Path, e.Schema, strings.Join(e.Problems, "; "))
}

// leaves calls add with every error in the tree that has no causes: the
// violations themselves, without the "validation failed" groups above them.
func leaves(e *jsonschema.ValidationError, add func(string)) {
	if k, ok := e.ErrorKind.(*kind.PropertyNames); ok {
		// A bad table name, as in [facts.Scaling]. Its causes are located
		// in the name alone, and jsonschema v6.0.3 does not copy the
		// location of the table holding it, so a later sibling can
		// overwrite it: name the key instead.
		leaves(&jsonschema.ValidationError{Causes: e.Causes}, func(msg string) {
			add(fmt.Sprintf("invalid key %q: %s", k.Property, strings.TrimPrefix(msg, "at '': ")))
		})
		return
	}
	if len(e.Causes) == 0 {
		add(e.Error())
		return
	}
	for _, c := range e.Causes {
		leaves(c, add)
	}
}

// jsonValue turns a document as BurntSushi/toml decodes it into the values
// a JSON decoder produces: arrays of tables become []any. Dates and times
// stay as they are, which no schema accepts, just as kb check rejects them:
// a date is written as a string.
func jsonValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = jsonValue(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonValue(e)
		}
		return out
	}
	return v
}
