package initsite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
)

// Mount is one Hugo module mount: Source, a folder or file of a module
// (the imported one's or the site's own), appears to Hugo at Target.
type Mount struct{ Source, Target string }

// ImportMounts are what a site takes from the module: the templates that
// render its own data/. Mounts on an import replace the module's own
// (its config.toml mounts the whole knowledge base site), so these are all
// it gets: not our data, content, page layouts, stylesheet or static files.
// The two single files under _partials/site/ are what the content adapters
// and the term page call there; the rest of site/ is our own site's chrome.
// The last two are the optional kb.css and the term-preview script, which
// kb/head.html links from a host theme's <head>: the script goes to
// assets/kb/ too, so that all the site gets sits under kb/ and cannot
// shadow, or be shadowed by, a theme's own js/.
var ImportMounts = []Mount{
	{"shortcodes", "layouts/_shortcodes"},
	{"layouts/_partials/kb", "layouts/_partials/kb"},
	{"layouts/_partials/glossary", "layouts/_partials/glossary"},
	{"layouts/_partials/compare", "layouts/_partials/compare"},
	{"layouts/_partials/site/redirects.html", "layouts/_partials/site/redirects.html"},
	{"layouts/_partials/site/link-section.html", "layouts/_partials/site/link-section.html"},
	{"layouts/glossary", "layouts/glossary"},
	{"layouts/compare", "layouts/compare"},
	{"assets/kb", "assets/kb"},
	{"assets/js/kb.js", "assets/kb/kb.js"},
}

// SiteMounts are the site's own mounts kb needs: the backlink graph that
// `kb links` writes (backlinks.File) is read by the term pages as
// hugo.Data.generated.links, and declaring that data mount replaces
// Hugo's default one for data/, so data/ is listed too.
var SiteMounts = []Mount{
	{"data", "data"},
	{"resources/kb", "data/generated"},
}

// contentRoot is the mount kb needs when a site declares content mounts:
// kb check reads the pages under content/.
var contentRoot = Mount{"content", "content"}

// ConfigFiles are the names Hugo reads a site's configuration from, in the
// order it looks for them: the first that exists is the configuration.
var ConfigFiles = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json"}

// configPlan is the change Init makes to the site's Hugo configuration.
type configPlan struct {
	name string // the file, relative to the root
	old  []byte // its text when it exists
	text []byte // its whole new text; nil when nothing is to change
	// existed reports whether the file existed, so that text replaces it
	// rather than creating it.
	existed bool
}

// newConfig starts the hugo.toml of a site that has none.
const newConfig = `# Hugo configuration, written by ` + "`go tool kb init`" + `.

# The address the site is published at: absolute URLs (the glossary's JSON
# index, redirects) start with it. Replace it with yours.
baseURL = "https://example.org/"
title = "Knowledge base"
`

// planConfig decides how the site's Hugo configuration gets what kb
// needs. It refuses, with an error wrapping ErrConfig that names what to
// add by hand, when that would mean rewriting the file: YAML or JSON, a
// split configuration folder, settings in the way.
func planConfig(root string) (configPlan, error) {
	if fi, err := os.Stat(filepath.Join(root, "config", "_default")); err == nil && fi.IsDir() {
		return configPlan{}, fmt.Errorf("%w: the site keeps its configuration in config/_default/, which kb init does not edit: add this to config/_default/hugo.toml by hand:\n\n%s",
			ErrConfig, tomlSnippet(true, SiteMounts))
	}
	name := ""
	for _, f := range ConfigFiles {
		if exists(filepath.Join(root, f)) {
			name = f
			break
		}
	}
	if name == "" {
		return configPlan{name: "hugo.toml", text: []byte(newConfig + "\n" + tomlSnippet(true, SiteMounts))}, nil
	}
	switch path.Ext(name) {
	case ".yaml", ".yml":
		return configPlan{}, fmt.Errorf("%w: %s is YAML, which kb init does not rewrite: merge this into its module section by hand:\n\n%s",
			ErrConfig, name, yamlSnippet())
	case ".json":
		return configPlan{}, fmt.Errorf("%w: %s is JSON, which kb init does not rewrite: merge this into it by hand:\n\n%s",
			ErrConfig, name, jsonSnippet())
	}
	old, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		return configPlan{}, fmt.Errorf("read %s: %w", name, err)
	}
	st, err := analyzeTOML(old)
	if err != nil {
		return configPlan{}, fmt.Errorf("%w: %s: %w; so add this by hand, in place of what it replaces:\n\n%s",
			ErrConfig, name, err, tomlSnippet(true, SiteMounts))
	}
	plan := configPlan{name: name, old: old, existed: true}
	if st.done() {
		return plan, nil
	}
	// Appended, so that every byte the file had stays as it was: a TOML
	// table header resets where keys go, whatever came before.
	eol := atomicfile.LineEnding(old)
	text := bytes.Clone(old)
	if len(text) > 0 && !bytes.HasSuffix(text, []byte("\n")) {
		text = append(text, eol...)
	}
	add := "\n" + tomlSnippet(!st.imported, st.missing)
	text = append(text, strings.ReplaceAll(add, "\n", eol)...)
	// What TOML allows decides whether appending works: an inline
	// "mounts = [...]" cannot be extended by [[module.mounts]].
	if after, err := analyzeTOML(text); err != nil || !after.done() {
		if err == nil {
			err = errors.New("the result still lacks it")
		}
		return configPlan{}, fmt.Errorf("%w: %s: cannot add the import without rewriting the file (%w): add this by hand, merged with its module settings:\n\n%s",
			ErrConfig, name, err, tomlSnippet(true, SiteMounts))
	}
	plan.text = text
	return plan, nil
}

// writeConfig applies a plan: a new file is created, an existing one
// replaced whole, unless it changed since it was read.
func writeConfig(root string, p configPlan) error {
	file := filepath.Join(root, p.name)
	if !p.existed {
		return createFile(file, p.text, 0o644)
	}
	if now, err := os.ReadFile(file); err != nil || !bytes.Equal(now, p.old) {
		return fmt.Errorf("%s changed while kb init ran: run it again", p.name)
	}
	return atomicfile.Write(file, p.text)
}

// configState is what a Hugo configuration has of what kb needs.
type configState struct {
	imported bool    // it imports the module with ImportMounts
	missing  []Mount // the site mounts it lacks, in SiteMounts order
}

func (s configState) done() bool { return s.imported && len(s.missing) == 0 }

// analyzeTOML reads a TOML configuration and says what it lacks, or why
// kb init must not add to it.
func analyzeTOML(text []byte) (configState, error) {
	var cfg map[string]any
	if _, err := toml.Decode(string(text), &cfg); err != nil {
		return configState{}, fmt.Errorf("not valid TOML: %w", err)
	}
	return analyze(cfg)
}

// analyze says what a decoded configuration lacks of what kb needs, or
// why it conflicts. Hugo matches configuration keys in any letter case,
// and so does analyze.
func analyze(cfg map[string]any) (configState, error) {
	var st configState
	for k, def := range map[string]string{"contentDir": "content", "dataDir": "data"} {
		v, ok, err := key(cfg, k)
		if err != nil {
			return st, err
		}
		if s, _ := v.(string); ok && path.Clean(s) != def {
			return st, fmt.Errorf("%s is %q, but kb reads %s/: keep the default", k, s, def)
		}
	}
	if v, ok, err := key(cfg, "theme"); err != nil {
		return st, err
	} else if ok && themes(v)[ModulePath] {
		return st, fmt.Errorf("theme names %s, which imports the whole knowledge base site, its data included: remove it from theme", ModulePath)
	}
	v, ok, err := key(cfg, "module")
	if err != nil || !ok {
		return configState{missing: SiteMounts}, err
	}
	module, ok := v.(map[string]any)
	if !ok {
		return st, errors.New("module is not a table")
	}
	if st.imported, err = imported(module); err != nil {
		return st, err
	}
	st.missing, err = missingMounts(module)
	return st, err
}

// imported reports whether a module table imports ModulePath with exactly
// ImportMounts; an import of it with other mounts is a conflict.
func imported(module map[string]any) (bool, error) {
	v, ok, err := key(module, "imports")
	if err != nil || !ok {
		return false, err
	}
	imports, ok := tables(v)
	if !ok {
		return false, errors.New("module.imports is not a list of tables")
	}
	found := false
	for _, imp := range imports {
		if p, _, _ := key(imp, "path"); p != ModulePath {
			continue
		}
		if found {
			return false, fmt.Errorf("module.imports names %s twice", ModulePath)
		}
		found = true
		v, _, err := key(imp, "mounts")
		if err != nil {
			return false, err
		}
		ms, _ := tables(v)
		mounts := mountsOf(ms)
		switch {
		case len(mounts) == 0:
			return false, fmt.Errorf("module.imports takes %s without mounts, which imports the whole knowledge base site, its data included, not only the templates", ModulePath)
		case containsSource(mounts, "data"):
			return false, fmt.Errorf("the import of %s mounts its data/, so its glossary would merge with this site's", ModulePath)
		case !sameMounts(mounts, ImportMounts):
			return false, fmt.Errorf("the import of %s has other mounts than kb needs", ModulePath)
		}
	}
	return found, nil
}

// missingMounts returns the SiteMounts a module table lacks, and the
// content mount when the site declares content mounts without it.
func missingMounts(module map[string]any) ([]Mount, error) {
	v, ok, err := key(module, "mounts")
	if err != nil {
		return nil, err
	}
	var mounts []Mount
	if ok {
		ms, ok := tables(v)
		if !ok {
			return nil, errors.New("module.mounts is not a list of tables")
		}
		mounts = mountsOf(ms)
	}
	var missing []Mount
	content := false
	for _, m := range mounts {
		if m.Target == "data/generated" && m.Source != "resources/kb" {
			return nil, fmt.Errorf("module.mounts puts %s at data/generated, where kb's backlink graph (resources/kb) goes", m.Source)
		}
		if component(m.Target) == "content" {
			content = true
		}
	}
	if content && !containsMount(mounts, contentRoot) {
		missing = append(missing, contentRoot)
	}
	for _, m := range SiteMounts {
		if !containsMount(mounts, m) {
			missing = append(missing, m)
		}
	}
	return missing, nil
}

// key looks a configuration key up as Hugo does, in any letter case. Two
// spellings of one key are a conflict: which one Hugo takes is not clear.
func key(m map[string]any, name string) (any, bool, error) {
	var (
		v     any
		found string
	)
	for k, val := range m {
		if !strings.EqualFold(k, name) {
			continue
		}
		if found != "" {
			return nil, false, fmt.Errorf("%q and %q are one key to Hugo: keep one", found, k)
		}
		v, found = val, k
	}
	return v, found != "", nil
}

// tables returns a TOML array of tables, inline or not, as maps.
func tables(v any) ([]map[string]any, bool) {
	switch v := v.(type) {
	case nil:
		return nil, true
	case []map[string]any:
		return v, true
	case []any:
		out := make([]map[string]any, 0, len(v))
		for _, e := range v {
			t, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			out = append(out, t)
		}
		return out, true
	}
	return nil, false
}

// mountsOf reads mount tables, their paths cleaned.
func mountsOf(ts []map[string]any) []Mount {
	out := make([]Mount, 0, len(ts))
	for _, t := range ts {
		src, _, _ := key(t, "source")
		dst, _, _ := key(t, "target")
		s, _ := src.(string)
		d, _ := dst.(string)
		out = append(out, Mount{path.Clean(filepath.ToSlash(s)), path.Clean(filepath.ToSlash(d))})
	}
	return out
}

// themes returns the module paths a theme setting names (a string or a
// list).
func themes(v any) map[string]bool {
	out := map[string]bool{}
	switch v := v.(type) {
	case string:
		out[v] = true
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok {
				out[s] = true
			}
		}
	}
	return out
}

func component(target string) string {
	first, _, _ := strings.Cut(target, "/")
	return first
}

func containsMount(ms []Mount, m Mount) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

func containsSource(ms []Mount, source string) bool {
	for _, x := range ms {
		if x.Source == source {
			return true
		}
	}
	return false
}

// sameMounts compares two lists of mounts as sets: their order does not
// matter to Hugo where no two overlap.
func sameMounts(a, b []Mount) bool {
	if len(a) != len(b) {
		return false
	}
	for _, m := range a {
		if !containsMount(b, m) {
			return false
		}
	}
	return true
}

// tomlSnippet is the configuration kb needs, in TOML: the import when
// withImport, and the given site mounts.
func tomlSnippet(withImport bool, site []Mount) string {
	var b strings.Builder
	if withImport {
		b.WriteString(`# The knowledge base, added by ` + "`go tool kb init`" + `. The module ` + ModulePath + `
# gives the templates that render this site's own data/: the term, comparison and
# criteria shortcodes, the /glossary/ and /compare/ pages and the partials they call.
# Its own data is not mounted, so its terms never mix with this site's.
[[module.imports]]
path = "` + ModulePath + `"
`)
		for _, m := range ImportMounts {
			fmt.Fprintf(&b, "\n[[module.imports.mounts]]\nsource = %q\ntarget = %q\n", m.Source, m.Target)
		}
	}
	if len(site) > 0 {
		if withImport {
			b.WriteString("\n")
		}
		b.WriteString(`# The site's own mounts kb needs. resources/kb/links.json is the backlink graph
# ` + "`go tool kb links`" + ` writes (kb serve and make build run it), read by the term pages
# as hugo.Data.generated.links. Declaring a data mount replaces Hugo's default one,
# so data/ is listed too.
`)
		for i, m := range site {
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "[[module.mounts]]\nsource = %q\ntarget = %q\n", m.Source, m.Target)
		}
	}
	return b.String()
}

// yamlSnippet is the whole configuration kb needs, in YAML.
func yamlSnippet() string {
	var b strings.Builder
	b.WriteString("module:\n  imports:\n    - path: " + ModulePath + "\n      mounts:\n")
	for _, m := range ImportMounts {
		fmt.Fprintf(&b, "        - source: %s\n          target: %s\n", m.Source, m.Target)
	}
	b.WriteString("  mounts:\n")
	for _, m := range SiteMounts {
		fmt.Fprintf(&b, "    - source: %s\n      target: %s\n", m.Source, m.Target)
	}
	return b.String()
}

// jsonSnippet is the whole configuration kb needs, in JSON.
func jsonSnippet() string {
	type mount struct {
		Source string `json:"source"`
		Target string `json:"target"`
	}
	conv := func(ms []Mount) []mount {
		out := make([]mount, len(ms))
		for i, m := range ms {
			out[i] = mount(m)
		}
		return out
	}
	type imp struct {
		Path   string  `json:"path"`
		Mounts []mount `json:"mounts"`
	}
	type module struct {
		Imports []imp   `json:"imports"`
		Mounts  []mount `json:"mounts"`
	}
	v := map[string]module{"module": {
		Imports: []imp{{ModulePath, conv(ImportMounts)}},
		Mounts:  conv(SiteMounts),
	}}
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err) // plain strings always encode
	}
	return string(out) + "\n"
}
