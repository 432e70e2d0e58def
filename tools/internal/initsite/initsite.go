// Package initsite sets up any Hugo site to keep its own knowledge base,
// validated by kb: it backs `kb init`.
//
// The site imports the Hugo module ModulePath for its templates only (the
// shortcodes, the glossary and comparison layouts and the partials they
// call: ImportMounts), never for its data, so the site renders its own
// data/glossary/ and not ours. Init adds that import to the site's Hugo
// configuration, with the site mounts kb needs (SiteMounts), and writes a
// starting knowledge base: an example term citing an example source, an
// aspect, the ledger of published URLs, the content adapters that make a
// page per term and comparison, the JSON Schemas editors validate the data
// files with, and a Makefile (or kb.sh) with check, serve and test.
//
// Init never replaces an existing file: a file that is there already is
// left as it is, and the configuration is only appended to, or else left
// alone with an error naming what to add by hand. It runs no network
// command: the go get lines it returns as next steps are the user's.
package initsite

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/schema"
)

// ModulePath is this project's Go and Hugo module.
const ModulePath = "github.com/cloudkb/kb"

// KBTool and HugoTool are the packages a site runs with go tool kb and go
// tool hugo.
const (
	KBTool   = ModulePath + "/tools/cmd/kb"
	HugoTool = "github.com/gohugoio/hugo"
)

// GoVersion is the go directive of a go.mod Init writes, and HugoVersion
// the Hugo it suggests: this module's own (tests keep them equal to its
// go.mod), since the site builds with this module's templates and tools.
const (
	GoVersion   = "1.26.8"
	HugoVersion = "v0.165.0"
)

// Errors Init wraps.
var (
	// ErrNoGoMod: the site has no go.mod and no module path was given.
	ErrNoGoMod = errors.New("no go.mod")
	// ErrModulePath: the module path given is not one, or not the site's.
	ErrModulePath = errors.New("invalid module path")
	// ErrConfig: the Hugo configuration cannot get the import without
	// being rewritten; the message says what to add by hand.
	ErrConfig = errors.New("cannot add the knowledge base to the Hugo configuration")
)

// Options says which site to set up.
type Options struct {
	// Root is the site's folder. It need not exist yet.
	Root string
	// Module is the module path of a go.mod to write when the site has
	// none. When it has one, Module is either "" or the path it declares.
	Module string
}

// Result says what Init did and what is left to do.
type Result struct {
	// Wrote lists the files Init created or added to, as slash paths
	// relative to Root, in the order written.
	Wrote []string
	// Notes says what the user should know: files left as they were and
	// what that means, and what to do by hand.
	Notes []string
	// Next lists the commands to run next, in order.
	Next []string
}

// today is the day the example says it was checked, in UTC as kb check
// measures dates; tests fix it.
var today = func() time.Time { return time.Now().UTC() }

// Init sets up the site at o.Root (see the package documentation). It
// decides everything before it writes anything, so a refusal writes
// nothing; if a write fails, the files it created are removed again.
func Init(o Options) (Result, error) {
	var res Result
	root := o.Root
	mod, err := readGoMod(root)
	if err != nil {
		return res, err
	}
	var files []file
	switch {
	case mod.path == ModulePath:
		return res, fmt.Errorf("%s is %s itself, which needs no import of itself", root, ModulePath)
	case !mod.exists && o.Module == "":
		return res, fmt.Errorf("%w in %s: kb and Hugo run as Go tools of the site's module; name it with -module (such as example.org/docs), or run go mod init first", ErrNoGoMod, root)
	case !mod.exists:
		if err := checkModulePath(o.Module); err != nil {
			return res, err
		}
		files = append(files, file{"go.mod", goModText(o.Module), 0o644})
	case o.Module != "" && o.Module != mod.path:
		return res, fmt.Errorf("%w: go.mod declares module %s, not %s", ErrModulePath, mod.path, o.Module)
	}
	cfg, err := planConfig(root)
	if err != nil {
		return res, err
	}

	schemas, reachable, notes, err := planSchemas(root)
	if err != nil {
		return res, err
	}
	files = append(files, schemas...)
	res.Notes = append(res.Notes, notes...)
	head := func(rel string) string {
		if f, ok := schema.For(rel); ok && reachable[f.Name] {
			d, _ := schema.Directive(rel)
			return d
		}
		return noSchema(rel)
	}

	data, notes := planData(root, head)
	files = append(files, data...)
	res.Notes = append(res.Notes, notes...)
	content, notes := planContent(root)
	files = append(files, content...)
	res.Notes = append(res.Notes, notes...)
	commands, how, notes := planCommands(root)
	files = append(files, commands...)
	res.Notes = append(res.Notes, notes...)
	res.Notes = append(res.Notes, layoutNotes(root)...)

	var created []string
	undo := func() {
		for _, p := range slices.Backward(created) {
			os.Remove(p)
		}
	}
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.rel))
		if err := createFile(p, f.text, f.perm); err != nil {
			undo()
			return Result{}, err
		}
		created = append(created, p)
		res.Wrote = append(res.Wrote, f.rel)
	}
	// kb check reads data/comparisons/ even when there is no comparison.
	if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(kbdata.ComparisonsDir)), 0o755); err != nil {
		undo()
		return Result{}, err
	}
	if cfg.text != nil {
		if err := writeConfig(root, cfg); err != nil {
			undo()
			return Result{}, err
		}
		res.Wrote = append(res.Wrote, cfg.name)
	}

	if !mod.tools[KBTool] {
		res.Next = append(res.Next, "go get -tool "+KBTool+"@latest")
	}
	if !mod.tools[HugoTool] {
		res.Next = append(res.Next, "go get -tool "+HugoTool+"@"+HugoVersion)
	}
	res.Next = append(res.Next, how+" check", how+" serve")
	return res, nil
}

// planSchemas returns the schema files to write under static/schemas/ (a
// data file's #:schema line points there, and kb new writes that line
// too), which schemas will be there, and a note for each that is there
// already but differs: that one is left alone.
func planSchemas(root string) ([]file, map[string]bool, []string, error) {
	gen, err := schema.Generate()
	if err != nil {
		return nil, nil, nil, err
	}
	var files []file
	var notes []string
	reachable := map[string]bool{}
	for _, f := range schema.Files {
		rel := schema.Dir + "/" + f.Name
		old, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		switch {
		case err == nil && bytes.Equal(old, gen[f.Name]):
			reachable[f.Name] = true
		case err == nil || exists(filepath.Join(root, filepath.FromSlash(rel))):
			notes = append(notes, fmt.Sprintf("%s exists and is not this kb's schema: left as it is, and the data files do not name it; `go tool kb schema` replaces it", rel))
		default:
			files = append(files, file{rel, gen[f.Name], 0o644})
			reachable[f.Name] = true
		}
	}
	return files, reachable, notes, nil
}

// planData returns the knowledge base's starting files, unless the site
// has one already (any of them exists): then it writes none, since the
// example's parts refer to each other.
func planData(root string, head func(string) string) ([]file, []string) {
	files := dataFiles(today().Format(time.DateOnly), head)
	var there []string
	for _, f := range files {
		if exists(filepath.Join(root, filepath.FromSlash(f.rel))) {
			there = append(there, f.rel)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(root, filepath.FromSlash(kbdata.GlossaryDir))); len(entries) > 0 && len(there) == 0 {
		there = append(there, kbdata.GlossaryDir+"/")
	}
	if len(there) > 0 {
		return nil, []string{fmt.Sprintf("data/ holds a knowledge base already (%s): left as it is, no example written; go tool kb check says what it lacks", strings.Join(there, ", "))}
	}
	return files, []string{fmt.Sprintf("%s is an example, its URL already in %s: replace it with a term of your own, or delete both before the site is first published",
		kbdata.TermFile(ExampleTerm), kbdata.LedgerFile)}
}

// planContent returns the section pages to write, leaving any that exist.
func planContent(root string) ([]file, []string) {
	var files []file
	var notes []string
	for _, f := range contentFiles() {
		old, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f.rel)))
		switch {
		case err == nil && bytes.Equal(old, f.text):
		case err != nil && !exists(filepath.Join(root, filepath.FromSlash(f.rel))):
			files = append(files, f)
		case f.rel == "content/glossary/_index.md" && !bytes.Contains(old, []byte("kbSite")):
			notes = append(notes, f.rel+" exists: left as it is; give it the front matter params kbSite: true, or term links point at the published knowledge base instead of this site's glossary")
		case strings.HasSuffix(f.rel, ".gotmpl"):
			notes = append(notes, f.rel+" exists and differs from kb's content adapter: left as it is; the term and comparison pages depend on what it does")
		}
	}
	return files, notes
}

// planCommands returns the file that runs kb's commands (a Makefile, or
// kb.sh beside the site's own Makefile, or none when both exist), how to
// run a command ("make"), and a note when nothing is written.
func planCommands(root string) ([]file, string, []string) {
	// A second run finds its own file: that is no site's Makefile.
	same := func(name string, text []byte) bool {
		old, err := os.ReadFile(filepath.Join(root, name))
		return err == nil && bytes.Equal(old, text)
	}
	switch {
	case same("Makefile", makefile):
		return nil, "make", nil
	case same("kb.sh", script):
		return nil, "./kb.sh", nil
	case !exists(filepath.Join(root, "Makefile")):
		return []file{{"Makefile", makefile, 0o644}}, "make", nil
	case !exists(filepath.Join(root, "kb.sh")):
		return []file{{"kb.sh", script, 0o755}}, "./kb.sh", []string{"Makefile exists: left as it is; kb.sh runs the knowledge base's commands instead (./kb.sh check|serve|test|build)"}
	}
	return nil, "go tool kb", []string{"Makefile and kb.sh exist: left as they are; the commands are go tool kb check, go tool kb serve, and go tool kb links before go tool hugo"}
}

// layoutNotes says what the site's own layouts must give the glossary and
// comparison pages: they fill the block "main" of its baseof.html.
func layoutNotes(root string) []string {
	for _, name := range []string{"layouts/baseof.html", "layouts/_default/baseof.html"} {
		text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			continue
		}
		if !bytes.Contains(text, []byte(`"main"`)) {
			return []string{name + ` has no block "main": the glossary and comparison pages fill that block, so add {{ block "main" . }}{{ end }} where a page's content goes`}
		}
		return nil
	}
	return []string{`the glossary and comparison pages fill the block "main" of the site's baseof.html (its own or its theme's): it needs {{ block "main" . }}{{ end }} where a page's content goes`}
}
