package initsite

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/cloudkb/kb/tools/internal/check"
	"github.com/cloudkb/kb/tools/internal/diag"
)

// repoRoot is this repository, whose module the sites import.
const repoRoot = "../../.."

func init() {
	today = func() time.Time { return time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC) }
}

// writeFiles writes files (slash paths under root) with their text.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
	}
	if err := os.CopyFS(root, fsys); err != nil {
		t.Fatal(err)
	}
}

// snapshot returns every file under root with its content.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(text)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// siteMod is the go.mod of a test site.
const siteMod = "module example.org/site\n\ngo 1.26.8\n"

// withImport is a configuration that has everything kb needs.
var withImport = "baseURL = \"https://example.org/\"\n\n" + tomlSnippet(true, SiteMounts)

func TestAnalyze(t *testing.T) {
	mounts := func(ms ...Mount) string {
		var b strings.Builder
		for _, m := range ms {
			b.WriteString("[[module.mounts]]\nsource = \"" + m.Source + "\"\ntarget = \"" + m.Target + "\"\n")
		}
		return b.String()
	}
	importWith := func(ms ...Mount) string {
		var b strings.Builder
		b.WriteString("[[module.imports]]\npath = \"github.com/cloudkb/kb\"\n")
		for _, m := range ms {
			b.WriteString("[[module.imports.mounts]]\nsource = \"" + m.Source + "\"\ntarget = \"" + m.Target + "\"\n")
		}
		return b.String()
	}
	tests := []struct {
		name     string
		config   string
		imported bool
		missing  []Mount
		err      string // part of the error; "" for none
	}{
		{name: "empty", config: "", missing: SiteMounts},
		{name: "module with replacements only", config: "[module]\nreplacements = \"github.com/cloudkb/kb -> ../kb\"\n", missing: SiteMounts},
		{name: "everything", config: withImport, imported: true},
		{name: "keys in another letter case", config: strings.NewReplacer("module.", "Module.", "source =", "Source =").Replace(withImport), imported: true},
		{name: "another import", config: "[[module.imports]]\npath = \"github.com/other/theme\"\n", missing: SiteMounts},
		{name: "site mounts without data", config: mounts(Mount{"assets", "assets"}), missing: SiteMounts},
		{name: "site mounts with data", config: mounts(Mount{"data", "data"}), missing: SiteMounts[1:]},
		{name: "content mounted from elsewhere", config: mounts(Mount{"docs", "content"}), missing: append([]Mount{contentRoot}, SiteMounts...)},
		{name: "import of the whole site", config: importWith(), err: "without mounts, which imports the whole knowledge base site"},
		{name: "import of the data", config: importWith(Mount{"data", "data"}, Mount{"shortcodes", "layouts/_shortcodes"}), err: "mounts its data/, so its glossary would merge"},
		{name: "import with other mounts", config: importWith(Mount{"shortcodes", "layouts/_shortcodes"}), err: "other mounts than kb needs"},
		{name: "imported twice", config: importWith(ImportMounts...) + importWith(ImportMounts...), err: "names github.com/cloudkb/kb twice"},
		{name: "theme", config: "theme = \"github.com/cloudkb/kb\"\n", err: "theme names github.com/cloudkb/kb"},
		{name: "theme list", config: "theme = [\"a\", \"github.com/cloudkb/kb\"]\n", err: "theme names github.com/cloudkb/kb"},
		{name: "contentDir", config: "contentDir = \"src\"\n", err: `contentDir is "src", but kb reads content/`},
		{name: "dataDir in another case", config: "DataDir = \"facts\"\n", err: `dataDir is "facts", but kb reads data/`},
		{name: "default contentDir", config: "contentDir = \"content/\"\n", missing: SiteMounts},
		{name: "generated from elsewhere", config: mounts(Mount{"gen", "data/generated"}), err: "puts gen at data/generated"},
		{name: "module twice", config: "module = {}\n[Module]\nx = 1\n", err: "are one key to Hugo"},
		{name: "module not a table", config: "module = 1\n", err: "module is not a table"},
		{name: "mounts not tables", config: "[module]\nmounts = [1]\n", err: "module.mounts is not a list of tables"},
		{name: "invalid TOML", config: "x = \n", err: "not valid TOML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := analyzeTOML([]byte(tt.config))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("analyzeTOML(%q) = %v; want an error containing %q", tt.config, err, tt.err)
				}
				return
			}
			if err != nil || st.imported != tt.imported || !slices.Equal(st.missing, tt.missing) {
				t.Errorf("analyzeTOML(%q) = %+v, %v; want {imported:%v missing:%v}", tt.config, st, err, tt.imported, tt.missing)
			}
		})
	}
}

func TestPlanConfig(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		file  string // the configuration planned; "" for a refusal
		keeps string // a prefix the new text must keep
		err   string // part of the refusal
	}{
		{name: "no configuration", files: nil, file: "hugo.toml", keeps: newConfig},
		{name: "hugo.toml", files: map[string]string{"hugo.toml": "title = \"A\""}, file: "hugo.toml", keeps: "title = \"A\"\n\n# The knowledge base"},
		{name: "config.toml", files: map[string]string{"config.toml": "title = \"A\"\n"}, file: "config.toml", keeps: "title = \"A\"\n\n"},
		{name: "hugo.toml before config.toml", files: map[string]string{"hugo.toml": "", "config.toml": ""}, file: "hugo.toml"},
		{name: "CRLF kept", files: map[string]string{"hugo.toml": "title = \"A\"\r\n"}, file: "hugo.toml", keeps: "title = \"A\"\r\n\r\n# The knowledge base, added by `go tool kb init`. The module github.com/cloudkb/kb\r\n"},
		{name: "after [module]", files: map[string]string{"hugo.toml": "[module]\nreplacements = \"github.com/cloudkb/kb -> ../kb\"\n"}, file: "hugo.toml"},
		{name: "YAML", files: map[string]string{"hugo.yaml": "title: A\n"}, err: "hugo.yaml is YAML, which kb init does not rewrite: merge this into its module section by hand:\n\nmodule:\n  imports:\n    - path: github.com/cloudkb/kb\n"},
		{name: "JSON", files: map[string]string{"config.json": "{}"}, err: "config.json is JSON, which kb init does not rewrite: merge this into it by hand:\n\n{\n  \"module\": {\n    \"imports\": ["},
		{name: "config folder", files: map[string]string{"config/_default/hugo.toml": ""}, err: "add this to config/_default/hugo.toml by hand:\n\n# The knowledge base"},
		{name: "inline mounts", files: map[string]string{"hugo.toml": "[module]\nmounts = [{ source = \"data\", target = \"data\" }]\n"}, err: "cannot add the import without rewriting the file"},
		{name: "conflict names what to add", files: map[string]string{"hugo.toml": "theme = \"github.com/cloudkb/kb\"\n"}, err: "remove it from theme; so add this by hand, in place of what it replaces:\n\n# The knowledge base"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, tt.files)
			p, err := planConfig(root)
			if tt.err != "" {
				if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("planConfig(%v) = %v; want ErrConfig containing %q", tt.files, err, tt.err)
				}
				return
			}
			if err != nil || p.name != tt.file {
				t.Fatalf("planConfig(%v) = %q, %v; want %q", tt.files, p.name, err, tt.file)
			}
			if !strings.HasPrefix(string(p.text), tt.keeps) {
				t.Errorf("planConfig(%v) text = %q; want it to start with %q", tt.files, p.text, tt.keeps)
			}
			if st, err := analyzeTOML(p.text); err != nil || !st.done() {
				t.Errorf("analyzeTOML(planned %s) = %+v, %v; want everything kb needs", p.name, st, err)
			}
		})
	}
}

// TestInit sets up sites in different states and checks what is written.
func TestInit(t *testing.T) {
	skeleton := []string{"static/schemas/term.schema.json", "static/schemas/comparison.schema.json",
		"static/schemas/aspects.schema.json", "static/schemas/sources.schema.json", "static/schemas/criteria.schema.json", "static/schemas/layers.schema.json", "static/schemas/remotes.schema.json",
		"static/schemas/published.schema.json", "data/glossary/glossary.toml", "data/sources.toml", "data/aspects.toml",
		"data/published.toml", "content/glossary/_index.md", "content/glossary/_content.gotmpl",
		"content/compare/_index.md", "content/compare/_content.gotmpl"}
	tests := []struct {
		name   string
		files  map[string]string
		module string
		wrote  []string
		next   []string
		note   string // part of a note; "" for none wanted
	}{
		{
			name:  "empty site with a go.mod",
			files: map[string]string{"go.mod": siteMod},
			wrote: slices.Concat(skeleton, []string{"Makefile", "hugo.toml"}),
			next:  []string{"go get -tool github.com/cloudkb/kb/tools/cmd/kb@latest", "go get -tool github.com/gohugoio/hugo@v0.165.0", "make check", "make serve"},
		},
		{
			name:   "no go.mod, with -module",
			module: "example.org/docs",
			wrote:  slices.Concat([]string{"go.mod"}, skeleton, []string{"Makefile", "hugo.toml"}),
			next:   []string{"go get -tool github.com/cloudkb/kb/tools/cmd/kb@latest", "go get -tool github.com/gohugoio/hugo@v0.165.0", "make check", "make serve"},
		},
		{
			name:  "site with tools and a Makefile",
			files: map[string]string{"go.mod": siteMod + "\ntool (\n\tgithub.com/cloudkb/kb/tools/cmd/kb\n\tgithub.com/gohugoio/hugo\n)\n", "Makefile": "all:\n", "hugo.toml": "title = \"A\"\n"},
			wrote: slices.Concat(skeleton, []string{"kb.sh", "hugo.toml"}),
			next:  []string{"./kb.sh check", "./kb.sh serve"},
			note:  "Makefile exists: left as it is; kb.sh runs",
		},
		{
			name:  "Makefile and kb.sh",
			files: map[string]string{"go.mod": siteMod, "Makefile": "all:\n", "kb.sh": "", "hugo.toml": withImport},
			wrote: skeleton,
			next:  []string{"go get -tool github.com/cloudkb/kb/tools/cmd/kb@latest", "go get -tool github.com/gohugoio/hugo@v0.165.0", "go tool kb check", "go tool kb serve"},
			note:  "the commands are go tool kb check",
		},
		{
			name:  "site with a knowledge base",
			files: map[string]string{"go.mod": siteMod, "data/sources.toml": "", "content/glossary/_index.md": "---\ntitle: Terms\n---\n"},
			wrote: []string{"static/schemas/term.schema.json", "static/schemas/comparison.schema.json",
				"static/schemas/aspects.schema.json", "static/schemas/sources.schema.json", "static/schemas/criteria.schema.json", "static/schemas/layers.schema.json", "static/schemas/remotes.schema.json",
				"static/schemas/published.schema.json", "content/glossary/_content.gotmpl",
				"content/compare/_index.md", "content/compare/_content.gotmpl", "Makefile", "hugo.toml"},
			next: []string{"go get -tool github.com/cloudkb/kb/tools/cmd/kb@latest", "go get -tool github.com/gohugoio/hugo@v0.165.0", "make check", "make serve"},
			note: "content/glossary/_index.md exists: left as it is; give it the front matter params kbSite: true",
		},
		{
			name:  "a schema of another kind",
			files: map[string]string{"go.mod": siteMod, "static/schemas/term.schema.json": "{}"},
			wrote: slices.Concat(skeleton[1:], []string{"Makefile", "hugo.toml"}),
			next:  []string{"go get -tool github.com/cloudkb/kb/tools/cmd/kb@latest", "go get -tool github.com/gohugoio/hugo@v0.165.0", "make check", "make serve"},
			note:  "static/schemas/term.schema.json exists and is not this kb's schema",
		},
		{
			name:  "baseof without main",
			files: map[string]string{"go.mod": siteMod, "layouts/baseof.html": "<body>{{ block \"body\" . }}{{ end }}</body>"},
			wrote: slices.Concat(skeleton, []string{"Makefile", "hugo.toml"}),
			next:  []string{"go get -tool github.com/cloudkb/kb/tools/cmd/kb@latest", "go get -tool github.com/gohugoio/hugo@v0.165.0", "make check", "make serve"},
			note:  `layouts/baseof.html has no block "main"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, tt.files)
			res, err := Init(Options{Root: root, Module: tt.module})
			if err != nil {
				t.Fatalf("Init(%v) = %v", tt.files, err)
			}
			if !slices.Equal(res.Wrote, tt.wrote) {
				t.Errorf("Init(%v) wrote %q; want %q", tt.files, res.Wrote, tt.wrote)
			}
			if !slices.Equal(res.Next, tt.next) {
				t.Errorf("Init(%v) next = %q; want %q", tt.files, res.Next, tt.next)
			}
			if tt.note != "" && !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, tt.note) }) {
				t.Errorf("Init(%v) notes = %q; want one containing %q", tt.files, res.Notes, tt.note)
			}
			for name, text := range tt.files {
				if got, _ := os.ReadFile(filepath.Join(root, name)); name != "hugo.toml" && string(got) != text {
					t.Errorf("Init(%v) changed %s to %q; want it left as it was", tt.files, name, got)
				}
			}
			// A second run finds everything in place.
			before := snapshot(t, root)
			again, err := Init(Options{Root: root})
			if err != nil || len(again.Wrote) > 0 {
				t.Errorf("Init(%v) again = wrote %q, %v; want nothing written", tt.files, again.Wrote, err)
			}
			if after := snapshot(t, root); !mapsEqual(before, after) {
				t.Errorf("Init(%v) again changed files", tt.files)
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestInitRefuses checks that every refusal writes nothing.
func TestInitRefuses(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		module string
		err    error
		msg    string
	}{
		{name: "no go.mod", files: map[string]string{"hugo.toml": ""}, err: ErrNoGoMod, msg: "name it with -module"},
		{name: "another module", files: map[string]string{"go.mod": siteMod}, module: "example.org/other", err: ErrModulePath, msg: "go.mod declares module example.org/site, not example.org/other"},
		{name: "invalid module path", module: "example.org/my docs", err: ErrModulePath, msg: `' ' is not allowed in a module path`},
		{name: "empty element", module: "example.org//docs", err: ErrModulePath, msg: "an empty, . or .. element"},
		{name: "YAML", files: map[string]string{"go.mod": siteMod, "hugo.yaml": "title: A\n"}, err: ErrConfig, msg: "hugo.yaml is YAML"},
		{name: "the module itself", files: map[string]string{"go.mod": "module github.com/cloudkb/kb\n"}, msg: "needs no import of itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, tt.files)
			_, err := Init(Options{Root: root, Module: tt.module})
			if err == nil || tt.err != nil && !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Init(%v, %q) = %v; want %v containing %q", tt.files, tt.module, err, tt.err, tt.msg)
			}
			if got := snapshot(t, root); !mapsEqual(got, tt.files) && !(len(got) == 0 && tt.files == nil) {
				t.Errorf("Init(%v, %q) left %d files; want only the %d it had", tt.files, tt.module, len(got), len(tt.files))
			}
		})
	}
}

// TestSkeletonIsValid checks the starting knowledge base with kb check:
// no error, and only the warning that nothing links the example yet.
func TestSkeletonIsValid(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"go.mod": siteMod})
	if _, err := Init(Options{Root: root}); err != nil {
		t.Fatal(err)
	}
	check.Today = today
	diags := check.Run(os.DirFS(root))
	for _, d := range diags.Items {
		if d.Severity == diag.Error || d.Code != diag.CodeOrphanTerm {
			t.Errorf("Check(skeleton) = %s; want only the orphan warning of the example", diags.Line(d))
		}
	}
	// Every data file names its schema, which is there.
	for _, name := range []string{"data/glossary/glossary.toml", "data/sources.toml", "data/aspects.toml", "data/published.toml"} {
		text, _ := os.ReadFile(filepath.Join(root, name))
		first, _, _ := strings.Cut(string(text), "\n")
		target, ok := strings.CutPrefix(first, "#:schema ")
		if !ok {
			t.Errorf("FirstLine(%s) = %q; want a #:schema directive", name, first)
			continue
		}
		if _, err := os.Stat(filepath.Join(root, filepath.Dir(name), target)); err != nil {
			t.Errorf("Schema(%s) = %s: %v; want the file there", name, target, err)
		}
	}
	// The example's URL is in the ledger, so kb publish adds nothing.
	var ledger struct{ URLs []string }
	if _, err := toml.DecodeFile(filepath.Join(root, "data/published.toml"), &ledger); err != nil || !slices.Equal(ledger.URLs, []string{"/glossary/glossary/"}) {
		t.Errorf("Ledger = %q, %v; want [/glossary/glossary/]", ledger.URLs, err)
	}
}

// TestUnreachableSchema checks that a data file whose schema is not the
// one kb would write names none, and says why.
func TestUnreachableSchema(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"go.mod": siteMod, "static/schemas/sources.schema.json": "{}", "static/schemas/published.schema.json": "{}"})
	if _, err := Init(Options{Root: root}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file, first string
	}{
		{"data/sources.toml", "# No #:schema line: static/schemas/sources.schema.json is not the schema of this kb. Run `go tool kb schema` to"},
		{"data/published.toml", "# No #:schema line: static/schemas/published.schema.json is not the schema of this kb. Run `go tool kb schema` to"},
		{"data/aspects.toml", "#:schema ../static/schemas/aspects.schema.json"},
	}
	for _, tt := range tests {
		text, _ := os.ReadFile(filepath.Join(root, tt.file))
		if first, _, _ := strings.Cut(string(text), "\n"); first != tt.first {
			t.Errorf("FirstLine(%s) = %q; want %q", tt.file, first, tt.first)
		}
	}
	if errs, _ := check.Run(os.DirFS(root)).Count(); errs > 0 {
		t.Errorf("Check(site without schemas) = %d errors; want none", errs)
	}
}

// TestCopiesMatchRepository keeps what Init copies of this repository equal
// to it: the content adapters, the Go and Hugo versions.
func TestCopiesMatchRepository(t *testing.T) {
	read := func(name string) string {
		text, err := os.ReadFile(filepath.Join(repoRoot, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(text)
	}
	gomod := read("go.mod")
	tests := []struct {
		name      string
		got, want string
	}{
		{"glossary adapter", string(glossaryAdapter), read("content/glossary/_content.gotmpl")},
		{"compare adapter", string(compareAdapter), read("content/compare/_content.gotmpl")},
		{"go version", "go " + GoVersion, regexp.MustCompile(`(?m)^go \S+`).FindString(gomod)},
		{"hugo version", HugoTool + " " + HugoVersion, regexp.MustCompile(`github.com/gohugoio/hugo v\S+`).FindString(gomod)},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("Copy(%s) = %q; want this repository's %q (update the copy in package initsite)", tt.name, tt.got, tt.want)
		}
	}
	if !strings.Contains(gomod, "module "+ModulePath+"\n") {
		t.Errorf("Module(go.mod) is not %s", ModulePath)
	}
}

// resourceGet finds an asset a template gets.
var resourceGet = regexp.MustCompile(`resources\.Get\s+"([^"]+)"`)

// partialCall finds a partial a template calls.
var partialCall = regexp.MustCompile(`partial(?:Cached)?\s+"([^"]+)"`)

// TestImportMountsCoverPartials checks that the module mounts Init adds
// give the site every partial that the mounted templates and the content
// adapters call, so a template calling a new partial outside them fails
// here rather than in a user's build.
func TestImportMountsCoverPartials(t *testing.T) {
	provided := map[string]bool{} // target path of every mounted file
	var templates []string        // repository paths of the mounted files
	for _, m := range ImportMounts {
		src := filepath.Join(repoRoot, filepath.FromSlash(m.Source))
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			provided[path.Join(m.Target, filepath.ToSlash(rel))] = true
			templates = append(templates, p)
			return nil
		})
		if err != nil {
			t.Errorf("Mount(%s) = %v; want the source in this repository", m.Source, err)
		}
	}
	texts := map[string][]byte{"content/glossary/_content.gotmpl": glossaryAdapter, "content/compare/_content.gotmpl": compareAdapter}
	for _, p := range templates {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[p] = text
	}
	for name, text := range texts {
		for _, m := range partialCall.FindAllSubmatch(text, -1) {
			if want := "layouts/_partials/" + string(m[1]); !provided[want] {
				t.Errorf("Partial(%s calls %q) = not mounted; want ImportMounts to give %s", name, m[1], want)
			}
		}
	}
	// kb/head.html links assets by resources.Get: those under kb/ are the
	// host's only source of them (js/kb.js is the module's own site's).
	for name, text := range texts {
		for _, m := range resourceGet.FindAllSubmatch(text, -1) {
			if want := "assets/" + string(m[1]); strings.HasPrefix(string(m[1]), "kb/") && !provided[want] {
				t.Errorf("Resource(%s gets %q) = not mounted; want ImportMounts to give %s", name, m[1], want)
			}
		}
	}
	for _, want := range []string{"layouts/_shortcodes/term.html", "layouts/glossary/page.html", "layouts/compare/page.html",
		"layouts/_partials/kb/head.html", "assets/kb/kb.css", "assets/kb/kb.js"} {
		if !provided[want] {
			t.Errorf("Mounted(%s) = false; want true", want)
		}
	}
	if bytes.Contains(glossaryAdapter, []byte("hugo.Data.glossary")) && !containsSource(ImportMounts, "data") {
		return // the adapters read the site's own data, as they should
	}
	t.Errorf("the adapters read no data, or the module's data is mounted")
}
