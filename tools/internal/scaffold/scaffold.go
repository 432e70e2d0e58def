// Package scaffold writes the starting file for a new glossary term,
// comparison or source: every key present, each under a comment saying what
// it holds, with placeholder values that kb check accepts wherever the
// knowledge base allows it. It backs `kb new term|comparison|source <id>`.
//
// Placeholders that need a writer's attention start with "TODO", so that
// `grep -rn TODO data/` finds what is left to do.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/publish"
	"github.com/cloudkb/kb/tools/internal/schema"
)

// Kinds lists what New can create, in the order a usage message shows them.
var Kinds = []string{"term", "comparison", "source"}

// Errors New wraps, for callers that tell a usage error from a refusal.
var (
	ErrUnknownKind = errors.New("unknown kind")
	ErrInvalidID   = errors.New("invalid id")
	ErrExists      = errors.New("already exists")
)

// Result describes what New wrote.
type Result struct {
	// Path is the file written (a term or comparison) or appended to
	// (data/sources.toml): root joined with its slash path.
	Path string
	// Valid reports whether kb check accepts what was written, as far as
	// the knowledge base allowed New to make it so. Warnings, such as the
	// one for a term nothing refers to yet, do not count.
	Valid bool
	// Ledger is data/published.toml when New added the new page's URL to
	// it (a term or comparison; root joined with its slash path), else "".
	Ledger string
	// Notes says what the writer must do next, one sentence each,
	// beginning with why the file is not valid when Valid is false.
	Notes []string
}

// today is the day New writes as a new source's accessed date and as the
// checked date of the claims it starts. It is the day in UTC, the day kb
// check measures checked dates against (check.Today): a local date east of
// Greenwich would be a day still to come there. Tests fix it.
var today = func() time.Time { return time.Now().UTC() }

// locatorTODO is the placeholder locator of a citation New writes.
const locatorTODO = "TODO: where in it: a section heading, Section 2.3, p. 12 or #fragment"

// New writes the starting file for a new kind ("term", "comparison" or
// "source") with the given id into the knowledge base whose repository
// root is root:
//
//   - term: creates data/glossary/<id>.toml
//   - comparison: creates data/comparisons/<id>.toml
//   - source: appends a [[source]] entry to data/sources.toml (creating it
//     if need be), leaving the rest of the file byte for byte as it was;
//     the entry's lines end as the file's do (CRLF or LF)
//
// New refuses, writing nothing, when kind is not one of Kinds
// (ErrUnknownKind), when id is not lowercase kebab-case or is a device
// name Windows reserves, such as con or com1 (ErrInvalidID; the message
// suggests the kebab-case form), and when the id is taken (ErrExists):
//
//   - a term or comparison file with that id exists, or a source has it;
//   - it is a former id of a term or comparison, whose URL redirects there;
//   - for a term, the id or the name guessed from it ("cold-start" gives
//     "Cold start") is already the name or an alias of another term,
//     compared case-insensitively.
//
// For a term or comparison it also adds the new page's URL to the ledger,
// data/published.toml (see package publish), so that kb check passes; if
// that fails, it removes the file it created.
//
// It never overwrites a file: a term or comparison file is created with
// O_EXCL, and data/sources.toml is replaced by renaming a complete new copy
// over it, only if it did not change while New ran.
func New(root, kind, id string) (Result, error) {
	if !slices.Contains(Kinds, kind) {
		return Result{}, fmt.Errorf("%w %q: want %s", ErrUnknownKind, kind, strings.Join(Kinds, ", "))
	}
	if err := CheckID(id); err != nil {
		return Result{}, err
	}
	if fi, err := os.Stat(filepath.Join(root, "data")); err != nil || !fi.IsDir() {
		return Result{}, fmt.Errorf("no data folder in %s: run kb from the repository root", root)
	}
	if kind == "source" {
		return newSource(root, id)
	}
	// Problems in the data are kb check's to report: New uses whatever
	// could be read.
	kb := kbdata.Load(os.DirFS(root), &diag.List{})
	var (
		rel string
		d   draft
		err error
	)
	switch kind {
	case "term":
		rel = kbdata.TermFile(id)
	case "comparison":
		rel = kbdata.ComparisonFile(id)
	}
	path := filepath.Join(root, filepath.FromSlash(rel))
	exists := func() error { return fmt.Errorf("%s %q %w: %s", kind, id, ErrExists, rel) }
	if _, err := os.Lstat(path); err == nil {
		return Result{}, exists()
	}
	if err := taken(kb, kind, id); err != nil {
		return Result{}, err
	}
	switch kind {
	case "term":
		d, err = termDraft(kb, id)
	case "comparison":
		d, err = comparisonDraft(kb, id)
	}
	if err != nil {
		return Result{}, err
	}
	// O_EXCL: a file created since the check above is not overwritten.
	if err := create(path, d.text); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return Result{}, exists()
		}
		return Result{}, err
	}
	// The ledger lists the new page's URL at once: without it kb check
	// fails (KB023) on a file that is otherwise valid. All or nothing: if
	// the ledger cannot be written, the new file goes too.
	url := urlOf(kind, id)
	if _, err := publish.Add(root, url); err != nil {
		if rerr := os.Remove(path); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return Result{}, fmt.Errorf("add %s to %s: %w", url, kbdata.LedgerFile, err)
	}
	d.notes = append(d.notes, fmt.Sprintf("%s is now listed in %s, so it must keep working: should you drop the %s before it is published, remove that line as well.",
		url, kbdata.LedgerFile, kind))
	ledger := filepath.Join(root, filepath.FromSlash(kbdata.LedgerFile))
	return Result{Path: path, Valid: d.valid, Ledger: ledger, Notes: d.notes}, nil
}

// CheckID returns the error, wrapping ErrInvalidID, with which New refuses
// id, or nil if New accepts it: an id is lowercase kebab-case, and never a
// device name Windows reserves. A source id names no file, but one rule
// for every id is easier to follow. It lets a caller refuse a bad id
// before it does any other work.
func CheckID(id string) error {
	if !kbdata.ValidID(id) {
		if s := kbdata.IDSuggestion(id); s != "" {
			return fmt.Errorf("%w %q: ids are lowercase kebab-case; use %q", ErrInvalidID, id, s)
		}
		return fmt.Errorf("%w %q: ids are lowercase kebab-case (letters a-z, digits and single hyphens)", ErrInvalidID, id)
	}
	if problem, suggestion := kbdata.IDProblem(id); problem != "" {
		return fmt.Errorf("%w %q: the id is %s; %s", ErrInvalidID, id, problem, suggestion)
	}
	return nil
}

// draft is a file's text before it is written.
type draft struct {
	text  []byte
	valid bool
	notes []string
}

// taken refuses an id that the knowledge base already uses for something
// else: a term's or comparison's former id, whose URL redirects to that
// page, or, for a term, the name or an alias of another term. The name a new
// term starts with is guessed from its id, so that counts too.
func taken(kb *kbdata.KB, kind, id string) error {
	if kind == "term" {
		name := nameFromID(id)
		for _, other := range slices.Sorted(maps.Keys(kb.Terms)) {
			t := kb.Terms[other]
			for _, n := range append([]string{t.Name}, t.Aliases...) {
				if strings.EqualFold(n, id) || strings.EqualFold(n, name) {
					return fmt.Errorf("term %q %w as a name of term %q (%s): use that term, or choose another id",
						id, ErrExists, other, kbdata.TermFile(other))
				}
			}
			if slices.Contains(t.FormerIDs, id) {
				return fmt.Errorf("term %q %w as a former id of term %q (%s), where its URL redirects: choose another id",
					id, ErrExists, other, kbdata.TermFile(other))
			}
		}
	}
	if kind == "comparison" {
		for _, other := range slices.Sorted(maps.Keys(kb.Comparisons)) {
			if slices.Contains(kb.Comparisons[other].FormerIDs, id) {
				return fmt.Errorf("comparison %q %w as a former id of comparison %q (%s), where its URL redirects: choose another id",
					id, ErrExists, other, kbdata.ComparisonFile(other))
			}
		}
	}
	return nil
}

func urlOf(kind, id string) string {
	if kind == "term" {
		return kbdata.TermURL(id)
	}
	return kbdata.ComparisonURL(id)
}

// nameFromID guesses a display name from an id: "virtual-machine" gives
// "Virtual machine".
func nameFromID(id string) string {
	s := strings.ReplaceAll(id, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// citation picks the source a placeholder cites: the registry's first
// short source (its citation needs no locator), else its first source,
// else nil. No knowledge base's own source is assumed.
func citation(kb *kbdata.KB) *kbdata.Source {
	var first *kbdata.Source
	for _, s := range kb.Sources {
		if !kbdata.ValidID(s.ID) {
			continue
		}
		if s.Short {
			return s
		}
		if first == nil {
			first = s
		}
	}
	return first
}

// sourcesValue is the placeholder sources list citing src (nil: none). A
// short source is cited by its id alone; any other needs a locator (KB032),
// so the citation is a table whose at the writer fills in.
func sourcesValue(src *kbdata.Source) string {
	switch {
	case src == nil:
		return "[]"
	case src.Short:
		return list(src.ID)
	}
	return "[{ id = " + quote(src.ID) + ", at = " + quote(locatorTODO) + " }]"
}

func aspectIDs(kb *kbdata.KB) []string {
	var ids []string
	for _, a := range kb.Aspects {
		if kbdata.ValidID(a.ID) {
			ids = append(ids, a.ID)
		}
	}
	return ids
}

func termDraft(kb *kbdata.KB, id string) (draft, error) {
	d := draft{valid: true}
	var w writer
	directive, _ := schema.Directive(kbdata.TermFile(id))
	w.line("", directive)
	w.line("", "")
	w.comment("", fmt.Sprintf("A new glossary term, started by `kb new term %s`. Its id is the file name, and its page will be /glossary/%s/. "+
		"The name is guessed from the id. Replace every TODO, remove the keys not marked Required that you do not use, then run `kb check`.", id, id))
	w.line("", "")
	src := citation(kb)
	sources := sourcesValue(src)
	if src == nil {
		d.valid = false
		d.notes = append(d.notes, "The term is not valid yet: data/sources.toml lists no source to cite. "+
			"Add the document the definition relies on with `kb new source <id>`, then cite it in sources.")
	} else {
		d.notes = append(d.notes, fmt.Sprintf("sources cites %q as a placeholder: cite the documents the summary and definition rely on, "+
			"each with where in it (at) unless it is one short page.", src.ID))
	}
	checked := quote(today().Format(time.DateOnly))
	d.notes = append(d.notes,
		"Write the summary and definition (they start with TODO) and check the name, which is guessed from the id.",
		"Until an article, another term, a comparison or a criterion refers to the term, kb check warns that nothing does.",
	)
	t := reflect.TypeFor[kbdata.Term]()
	err := w.keys("", t, map[string]string{
		"name":       quote(nameFromID(id)),
		"aliases":    "[]",
		"summary":    quote("TODO: one plain-text sentence that says what it is."),
		"definition": "\"\"\"\nTODO: the full definition, in Markdown. Link the other terms it relies on.\n\"\"\"",
		"related":    "[]",
		"tags":       "[]",
		"sources":    sources,
		"checked":    checked,
		"former_ids": "[]",
	}, "checked")
	if err != nil {
		return draft{}, err
	}
	aspects := aspectIDs(kb)
	example := "<aspect-id>"
	if len(aspects) > 0 {
		example = aspects[0]
	}
	err = w.tables(t, map[string]func(kbdata.Field) error{
		"facts": func(f kbdata.Field) error {
			w.line("", "")
			w.comment("", docOf(f))
			if len(aspects) > 0 {
				w.comment("", "The aspects are "+strings.Join(aspects, ", ")+".")
			}
			w.comment("", `For each aspect the term can be compared on, copy this example without the leading "# " and fill it in:`)
			w.line("", "#")
			w.line("# ", "[facts."+example+"]")
			return w.keys("# ", reflect.TypeFor[kbdata.Fact](), map[string]string{
				"value":          quote("TODO: a short plain statement, the table cell."),
				"note":           quote("TODO: a longer explanation, in Markdown, or remove this key."),
				"sources":        sources,
				"checked":        checked,
				"time_sensitive": "false",
			})
		},
		"mentions": func(f kbdata.Field) error {
			w.line("", "")
			w.comment("", docOf(f)+` By default kb fix links the term's names of two or more words and its abbreviations; to change that, copy this example without the leading "# ":`)
			w.line("", "#")
			w.line("# ", "[mentions]")
			return w.keys("# ", reflect.TypeFor[kbdata.Mentions](), map[string]string{
				"auto":    "true",
				"phrases": "[]",
				"never":   "[]",
			})
		},
		"stack": func(f kbdata.Field) error {
			w.line("", "")
			w.comment("", docOf(f)+` To add one, copy this example without the leading "# ", with a [[stack.responsibility]] for each party (or each group of layers its sources cover), so that every layer of data/layers.toml is in exactly one:`)
			w.line("", "#")
			w.line("# ", "[stack]")
			if err := w.keys("# ", reflect.TypeFor[kbdata.Stack](), map[string]string{
				"setting": quote("TODO: the setting the responsibilities assume, or remove this key."),
			}); err != nil {
				return err
			}
			w.line("# ", "")
			w.line("# ", "[[stack.responsibility]]")
			return w.keys("# ", reflect.TypeFor[kbdata.Responsibility](), map[string]string{
				"layers":  `["hardware"]`,
				"party":   quote("vendor"),
				"sources": sources,
				"checked": checked,
			})
		},
	})
	if err != nil {
		return draft{}, err
	}
	d.text = []byte(w.String())
	return d, nil
}

// tables writes the keys of struct type t that hold tables, in declaration
// order, each by its function in write; a key without one is an error.
func (w *writer) tables(t reflect.Type, write map[string]func(kbdata.Field) error) error {
	for _, f := range kbdata.Fields(t) {
		if !f.IsTables() && !f.IsTable() {
			continue
		}
		fn, ok := write[f.Key]
		if !ok {
			return fmt.Errorf("no starting value for %s key %q", t, f.Key)
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

// choice is the subjects and aspects a new comparison starts with.
type choice struct {
	subjects, aspects []string
	fromID            bool   // the id named the subjects: "container-vs-virtual-machine"
	problem           string // why the choice is not valid; "" if it is
}

// choose picks a new comparison's subjects and aspects. When the id names
// two or more terms joined by "-vs-", they are the subjects and every
// aspect all of them have a fact for is a row. Otherwise the placeholder is
// the first aspect (in data/aspects.toml order) that two terms have a fact
// for, with those two terms (in id order) as subjects.
func choose(kb *kbdata.KB, id string) choice {
	aspects := aspectIDs(kb)
	has := func(term, aspect string) bool { return kb.Terms[term] != nil && kb.Terms[term].Facts[aspect] != nil }
	if parts := strings.Split(id, "-vs-"); len(parts) >= 2 && !hasRepeats(parts) && all(parts, func(p string) bool { return kb.Terms[p] != nil }) {
		c := choice{subjects: parts, fromID: true}
		for _, a := range aspects {
			if all(parts, func(p string) bool { return has(p, a) }) {
				c.aspects = append(c.aspects, a)
			}
		}
		if len(c.aspects) == 0 {
			c.problem = fmt.Sprintf("%s have no fact for the same aspect; add [facts.<aspect>] tables to their term files, then list those aspects",
				strings.Join(parts, " and "))
			if len(aspects) > 0 {
				c.aspects = aspects[:1]
			}
		}
		return c
	}
	ids := slices.Sorted(maps.Keys(kb.Terms))
	for _, a := range aspects {
		var with []string
		for _, t := range ids {
			if has(t, a) {
				with = append(with, t)
			}
		}
		if len(with) >= 2 {
			return choice{subjects: with[:2], aspects: []string{a}}
		}
	}
	c := choice{subjects: ids[:min(2, len(ids))], aspects: aspects[:min(1, len(aspects))]}
	switch {
	case len(ids) < 2:
		c.problem = "a comparison needs two or more glossary terms, and there are fewer; add terms with `kb new term <id>`"
	case len(aspects) == 0:
		c.problem = "data/aspects.toml defines no aspect to compare on; add one"
	default:
		c.problem = "no two terms have a fact for the same aspect; add [facts.<aspect>] tables to the subjects' term files"
	}
	return c
}

func all(s []string, f func(string) bool) bool {
	for _, e := range s {
		if !f(e) {
			return false
		}
	}
	return true
}

func hasRepeats(s []string) bool {
	seen := map[string]bool{}
	for _, e := range s {
		if seen[e] {
			return true
		}
		seen[e] = true
	}
	return false
}

// commentedKey is a key written commented out ("# favours = …"), not a
// comment about one.
var commentedKey = regexp.MustCompile(`^# [a-z_]+ = `)

func comparisonDraft(kb *kbdata.KB, id string) (draft, error) {
	c := choose(kb, id)
	d := draft{valid: c.problem == ""}
	var w writer
	directive, _ := schema.Directive(kbdata.ComparisonFile(id))
	w.line("", directive)
	w.line("", "")
	w.comment("", fmt.Sprintf("A new comparison, started by `kb new comparison %s`. Its id is the file name, and its page will be /compare/%s/. "+
		"Replace every TODO, then run `kb check`. Every subject needs a fact, a [facts.<aspect>] table in its term file, for every aspect.", id, id))
	if aspects := aspectIDs(kb); len(aspects) > 0 {
		w.comment("", "The aspects are "+strings.Join(aspects, ", ")+".")
	}
	switch {
	case c.problem != "":
		w.comment("", "TODO: this comparison is not valid yet: "+c.problem+".")
		d.notes = append(d.notes, "The comparison is not valid yet: "+c.problem+".")
	case c.fromID:
		d.notes = append(d.notes, "The subjects come from the id, and the aspects are every aspect they all have a fact for: drop those the table does not need.")
	default:
		w.comment("", "TODO: the subjects and aspects below are placeholders, chosen so that the table is valid: replace them.")
		d.notes = append(d.notes, "The subjects and aspects are placeholders, chosen so that the table is valid: replace them.")
	}
	d.notes = append(d.notes, "Write the title and summary (they start with TODO).")
	w.line("", "")
	t := reflect.TypeFor[kbdata.Comparison]()
	err := w.keys("", t, map[string]string{
		"title":      quote("TODO: the table's title, as in \"Containers vs. virtual machines\"."),
		"summary":    quote("TODO: one plain-text sentence saying how the subjects differ."),
		"subjects":   list(c.subjects...),
		"aspects":    list(c.aspects...),
		"former_ids": "[]",
	})
	if err != nil {
		return draft{}, err
	}
	aspect, subject := "<aspect-id>", "<subject-id>"
	if len(c.aspects) > 0 {
		aspect = c.aspects[0]
	}
	if len(c.subjects) > 0 {
		subject = c.subjects[0]
	}
	sources := sourcesValue(citation(kb))
	err = w.tables(t, map[string]func(kbdata.Field) error{
		"takeaways": func(f kbdata.Field) error {
			values := map[string]string{
				"favours": quote(subject),
				"neutral": "true",
				"why":     quote("TODO: why no subject is better on this aspect (what they share, where they differ), or why the one in favours is."),
				"sources": sources,
				"checked": quote(today().Format(time.DateOnly)),
			}
			w.line("", "")
			w.comment("", docOf(f))
			if len(c.aspects) == 0 {
				w.comment("", `For each aspect, copy this example without the leading "# " and fill it in:`)
				w.line("", "#")
				w.line("# ", "[takeaways."+aspect+"]")
				return w.keys("# ", reflect.TypeFor[kbdata.Takeaway](), values, "favours")
			}
			// Every aspect needs one (KB036): each starts neutral, the claim
			// that asserts least, until its author decides.
			w.comment("", `Each starts neutral. Where one subject is better on the aspect, remove neutral and set favours instead (remove its leading "# ").`)
			var first writer
			if err := first.keys("", reflect.TypeFor[kbdata.Takeaway](), values, "favours"); err != nil {
				return err
			}
			// The first table explains its keys; the others repeat the keys only.
			var bare []string
			for _, l := range strings.SplitAfter(first.String(), "\n") {
				if l != "" && (!strings.HasPrefix(l, "#") || commentedKey.MatchString(l)) {
					bare = append(bare, l)
				}
			}
			for i, a := range c.aspects {
				if i > 0 {
					w.line("", "")
				}
				w.line("", "[takeaways."+a+"]")
				if i == 0 {
					w.WriteString(first.String())
				} else {
					w.WriteString(strings.Join(bare, ""))
				}
			}
			return nil
		},
	})
	if err != nil {
		return draft{}, err
	}
	d.text = []byte(w.String())
	return d, nil
}

// sourceEntry is the [[source]] entry New appends for id.
func sourceEntry(id string, accessed time.Time) ([]byte, error) {
	var w writer
	w.comment("", fmt.Sprintf("Added by `kb new source %s`. Replace every TODO and the placeholder url; "+
		"cite only a document you have read, at an address you are sure of.", id))
	w.line("", "[[source]]")
	err := w.keys("", reflect.TypeFor[kbdata.Source](), map[string]string{
		"id":        quote(id),
		"title":     quote("TODO: the document's title, as published"),
		"publisher": quote("TODO: who published it"),
		"url":       quote("https://example.invalid/TODO"),
		"accessed":  quote(accessed.Format(time.DateOnly)),
		"published": quote("YYYY-MM-DD"),
		"short":     "true",
	}, "published", "short")
	return []byte(w.String()), err
}

func newSource(root, id string) (Result, error) {
	rel := kbdata.SourcesFile
	path := filepath.Join(root, filepath.FromSlash(rel))
	old, err := os.ReadFile(path)
	exists := err == nil
	switch {
	case errors.Is(err, fs.ErrNotExist):
		directive, _ := schema.Directive(rel)
		old = []byte(directive + "\n")
	case err != nil:
		return Result{}, fmt.Errorf("cannot read %s: %w", rel, err)
	}
	var doc map[string]any
	if _, err := toml.Decode(string(old), &doc); err != nil {
		return Result{}, fmt.Errorf("%s is not valid TOML, so %q cannot be added safely: run kb check: %w", rel, id, err)
	}
	if slices.Contains(registryIDs(doc["source"]), id) {
		return Result{}, fmt.Errorf("source %q %w in %s", id, ErrExists, rel)
	}
	entry, err := sourceEntry(id, today())
	if err != nil {
		return Result{}, err
	}
	// The entry follows the file's own line ending: a file saved with
	// CRLF gets no LF lines mixed in.
	eol := atomicfile.LineEnding(old)
	text := bytes.Clone(old)
	if len(text) > 0 && !bytes.HasSuffix(text, []byte("\n")) {
		text = append(text, eol...)
	}
	text = append(append(text, eol...), bytes.ReplaceAll(entry, []byte("\n"), []byte(eol))...)
	if exists {
		// Replace the file whole, by renaming a new copy over it, unless
		// it changed since it was read.
		if now, err := os.ReadFile(path); err != nil || !bytes.Equal(now, old) {
			return Result{}, fmt.Errorf("%s changed while %q was being added: try again", rel, id)
		}
		err = atomicfile.Write(path, text)
	} else {
		err = create(path, text)
	}
	if err != nil {
		return Result{}, err
	}
	return Result{Path: path, Valid: true, Notes: []string{
		"Fill in the title and publisher (they start with TODO) and replace the placeholder url, which kb check accepts.",
		"accessed is today: change it if you read the document on another day.",
		fmt.Sprintf("Set published if the document gives the day it was published or revised, and short = true if it is one short page on one topic; "+
			"otherwise each citation says where in it, as { id = %q, at = \"Section 2\" }.", id),
		"Until a term, fact, takeaway or criterion cites the source, kb check warns that nothing does.",
	}}, nil
}

// registryIDs returns the ids of a decoded array of tables, skipping
// entries without a string id.
func registryIDs(v any) []string {
	var tables []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		tables = v
	case []any:
		for _, e := range v {
			if t, ok := e.(map[string]any); ok {
				tables = append(tables, t)
			}
		}
	}
	var ids []string
	for _, t := range tables {
		if id, ok := t["id"].(string); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// create writes a new file, failing with an error that wraps fs.ErrExist
// if it already exists.
func create(path string, text []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
