package kbdata

import (
	"errors"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/parallel"
	"github.com/cloudkb/kb/tools/internal/repofile"
	"github.com/cloudkb/kb/tools/internal/tomlpos"
)

// KB is the whole knowledge base as loaded from data/. Entries whose file
// failed to parse are absent; entries with field errors are present with
// the fields that could be read.
type KB struct {
	Terms       map[string]*Term
	Comparisons map[string]*Comparison
	Aspects     []*Aspect
	Sources     []*Source
	Criteria    []*Criterion
	// Decision is the guide's decision aid ([decision] in
	// data/criteria.toml); nil when there is none.
	Decision *Decision
	// Layers is data/layers.toml, the layers of the stack in order; nil
	// when the file is missing or has errors of its own.
	Layers []*Layer
	// Published is the URL ledger; nil when data/published.toml is
	// missing or broken.
	Published *Ledger
	// Remotes is data/remotes.toml with its locks (remotes.go); nil
	// when the file is missing or broken.
	Remotes *RemoteRegistry

	// Files holds the position index of every TOML file that parsed,
	// by slash-separated path relative to the root.
	Files map[string]*tomlpos.Index
	// Texts holds the prose strings of every file that parsed (its
	// Markdown and plain-text fields), by path, in document order.
	Texts map[string][]Text
	// Unparsed holds the files that exist but could not be parsed. What
	// they define is unknown, so references to them are not reported:
	// one syntax error must not bury the file's users in false alarms.
	Unparsed map[string]bool
}

// HasTerm reports whether a term with this id exists, even if its file is
// broken.
func (kb *KB) HasTerm(id string) bool {
	return kb.Terms[id] != nil || kb.Unparsed[TermFile(id)]
}

// File names under data/.
const (
	GlossaryDir    = "data/glossary"
	ComparisonsDir = "data/comparisons"
	AspectsFile    = "data/aspects.toml"
	SourcesFile    = "data/sources.toml"
	CriteriaFile   = "data/criteria.toml"
	LayersFile     = "data/layers.toml"
	LedgerFile     = "data/published.toml"
)

// TermURL and ComparisonURL are the permanent site paths of a term's and a
// comparison's page.
func TermURL(id string) string { return "/glossary/" + id + "/" }

// ComparisonURL: see TermURL.
func ComparisonURL(id string) string { return "/compare/" + id + "/" }

// TermFile returns the path of a term's file.
func TermFile(id string) string { return GlossaryDir + "/" + id + ".toml" }

// ComparisonFile returns the path of a comparison's file.
func ComparisonFile(id string) string { return ComparisonsDir + "/" + id + ".toml" }

// Load reads every data file under root/data and reports syntax and
// structure problems into diags. It never writes.
func Load(fsys fs.FS, diags *diag.List) *KB {
	kb := &KB{
		Terms:       make(map[string]*Term),
		Comparisons: make(map[string]*Comparison),
		Files:       make(map[string]*tomlpos.Index),
		Texts:       make(map[string][]Text),
		Unparsed:    make(map[string]bool),
	}
	if err := repofile.CheckDir(fsys, "data"); errors.Is(err, repofile.ErrSymlink) {
		diags.Add("data", -1, diag.CodeRead, "cannot read: %v", err)
		return kb
	} else if err != nil {
		diags.Add("data", -1, diag.CodeRead, "no data folder: run kb from the repository root, or name the root with -root")
		return kb
	}
	// A registry or the ledger with an error of its own is not used to
	// judge other files: what it lists is unknown until it is fixed, and
	// guessing would bury its one error under a false one per reference.
	var aspects AspectRegistry
	if kb.decodeRegistry(fsys, AspectsFile, &aspects, diags) {
		kb.Aspects = aspects.Aspects
	}
	var sources SourceRegistry
	if kb.decodeRegistry(fsys, SourcesFile, &sources, diags) {
		kb.Sources = sources.Sources
	}
	// The guide is optional: a knowledge base may have no criteria yet.
	if _, err := fs.Lstat(fsys, CriteriaFile); err == nil {
		var criteria CriterionRegistry
		if kb.decodeRegistry(fsys, CriteriaFile, &criteria, diags) {
			kb.Criteria = criteria.Criteria
			kb.Decision = criteria.Decision
		}
	}
	// The layers are optional too: only terms with a [stack] need them.
	if _, err := fs.Lstat(fsys, LayersFile); err == nil {
		var layers LayerRegistry
		if kb.decodeRegistry(fsys, LayersFile, &layers, diags) {
			kb.Layers = layers.Layers
		}
	}
	kb.Remotes = kb.loadRemotes(fsys, diags)
	var ledger Ledger
	if kb.decodeRegistry(fsys, LedgerFile, &ledger, diags) {
		kb.Published = &ledger
	}
	// Terms and comparisons are many: decode them on every core, each
	// into its own result, and merge in file order so output is stable.
	type job struct {
		path string
		dst  any
		res  decoded
	}
	var jobs []*job
	for _, name := range kb.dir(fsys, GlossaryDir, diags) {
		jobs = append(jobs, &job{path: GlossaryDir + "/" + name, dst: &Term{ID: strings.TrimSuffix(name, ".toml")}})
	}
	for _, name := range kb.dir(fsys, ComparisonsDir, diags) {
		jobs = append(jobs, &job{path: ComparisonsDir + "/" + name, dst: &Comparison{ID: strings.TrimSuffix(name, ".toml")}})
	}
	parallel.For(len(jobs), func(i int) { jobs[i].res = decodeFile(fsys, jobs[i].path, jobs[i].dst) })
	for _, j := range jobs {
		if !kb.merge(j.path, j.res, diags) {
			continue
		}
		switch v := j.dst.(type) {
		case *Term:
			kb.Terms[v.ID] = v
		case *Comparison:
			kb.Comparisons[v.ID] = v
		}
	}
	return kb
}

// dir lists the .toml files of a data folder, reporting other files (Hugo
// would read a stray .yaml or .json as data) and names that are not ids.
func (kb *KB) dir(fsys fs.FS, dir string, diags *diag.List) []string {
	err := repofile.CheckDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) && dir == ComparisonsDir {
		// A knowledge base may have no comparisons yet, and git keeps no
		// empty folder: a fresh clone would otherwise fail.
		return nil
	}
	if err != nil {
		diags.Add(dir, -1, diag.CodeRead, "cannot read folder: %v", unwrapPath(err))
		return nil
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		diags.Add(dir, -1, diag.CodeRead, "cannot read folder: %v", unwrapPath(err))
		return nil
	}
	var names []string
	for _, e := range entries {
		p := dir + "/" + e.Name()
		switch {
		case e.IsDir() || e.Type()&fs.ModeSymlink != 0 && path.Ext(e.Name()) != ".toml":
			diags.Add(p, -1, diag.CodeFileName, "unexpected folder or link: %s holds only <id>.toml files", dir)
		case path.Ext(e.Name()) != ".toml":
			diags.Add(p, -1, diag.CodeFileName, "unexpected file: %s holds only <id>.toml files", dir)
		case !ValidID(strings.TrimSuffix(e.Name(), ".toml")) || ReservedID(e.Name()):
			stem := strings.TrimSuffix(e.Name(), ".toml")
			if ValidID(stem) {
				problem, suggestion := IDProblem(stem)
				diags.Add(p, -1, diag.CodeFileName, "file name %q is %s", e.Name(), problem).Suggest(suggestion)
			} else {
				d := diags.Add(p, -1, diag.CodeFileName, "file name %q is not a valid id: use lowercase letters, digits and single hyphens", e.Name())
				if name := SuggestFileName(e.Name()); name != "" {
					d.Suggest("rename it to " + name)
				} else {
					d.Suggest("name it after the id it defines: <id>.toml")
				}
			}
			// What it defines is unknown, not absent: references to it are
			// not reported while its name is wrong.
			kb.Unparsed[p] = true
		default:
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// decodeRegistry reads, parses and binds one registry file into dst. It
// reports false when the file could not be read, parsed or bound without
// an error; the file then counts as unparsed (Files has no entry for it).
func (kb *KB) decodeRegistry(fsys fs.FS, name string, dst any, diags *diag.List) bool {
	d := decodeFile(fsys, name, dst)
	if errs, _ := d.diags.Count(); errs > 0 && d.parsed {
		d.parsed = false
	}
	return kb.merge(name, d, diags)
}

// decoded is what decoding one file found: its position index (nil when
// it did not parse) and its own diagnostics.
type decoded struct {
	ix     *tomlpos.Index
	parsed bool
	// missing is true when the file does not exist; a file that exists
	// but could not be read or parsed is unparsed, and what it defines is
	// unknown rather than absent.
	missing bool
	texts   []Text
	diags   diag.List
}

// merge records a decoded file in kb and its diagnostics in diags.
func (kb *KB) merge(name string, d decoded, diags *diag.List) bool {
	diags.Merge(&d.diags)
	if d.parsed {
		kb.Files[name] = d.ix
		kb.Texts[name] = d.texts
	} else if !d.missing {
		kb.Unparsed[name] = true
	}
	return d.parsed
}

// decodeFile reads, parses and binds one file into dst; it touches nothing
// shared, so files can be decoded in parallel.
func decodeFile(fsys fs.FS, name string, dst any) (d decoded) {
	diags := &d.diags
	// Load has checked data/ and the folder it listed name from.
	text, err := repofile.ReadListed(fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			d.missing = true
			diags.Add(name, -1, diag.CodeRead, "missing file")
		} else {
			diags.Add(name, -1, diag.CodeRead, "cannot read file: %v", unwrapPath(err))
		}
		return d
	}
	diags.AddFile(name, text)
	text, bom := repofile.MaskBOM(text)
	if bom {
		diags.Add(name, 0, diag.CodeBOM, "the file starts with a byte-order mark, which Hugo's TOML reader rejects").
			Span(len(repofile.BOM)).Suggest("run go tool kb fix, or save the file as UTF-8 without a BOM")
	}
	var doc map[string]any
	if _, err := toml.Decode(string(text), &doc); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			// Position.Start is a byte offset; its Line and Col are not
			// always right (column 1 errors point past the line).
			diags.Add(name, pe.Position.Start, diag.CodeSyntax, "invalid TOML: %s", lowerFirst(pe.Message))
		} else {
			diags.Add(name, 0, diag.CodeSyntax, "invalid TOML: %v", err)
		}
		return d
	}
	d.ix = tomlpos.Build(text)
	d.parsed = true
	b := &binder{path: name, ix: d.ix, diags: diags}
	b.table(doc, reflect.ValueOf(dst), nil)
	d.texts = b.texts
	return d
}

// SuggestID turns a name into the id it most likely meant.
func SuggestID(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	return b.String()
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
