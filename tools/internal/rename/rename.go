// Package rename renames a glossary term or a comparison everywhere in one
// step, backing `kb rename <old> <new>`: its data file, the references to
// it in data (related, subjects, favours) and in Markdown (term and
// comparison shortcodes, /glossary/<id>/ and /compare/<id>/ links, in
// pages and in the Markdown fields of data files), its former_ids, so
// that the old URL keeps working, and the ledger of published URLs.
//
// Every edit is made at the byte offsets the readers report (kbdata's
// positions for TOML values, xref's for Markdown), never by searching the
// text, so every other byte stays as it was, line endings included.
package rename

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
	"github.com/cloudkb/kb/tools/internal/check"
	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/fix"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/markdown"
	"github.com/cloudkb/kb/tools/internal/publish"
	"github.com/cloudkb/kb/tools/internal/repofile"
	"github.com/cloudkb/kb/tools/internal/tomlpos"
	"github.com/cloudkb/kb/tools/internal/xref"
)

// Errors Plan wraps, for callers and tests that tell refusals apart.
var (
	ErrInvalidID  = errors.New("invalid id")
	ErrNotFound   = errors.New("no such term or comparison")
	ErrExists     = errors.New("already exists")
	ErrDataErrors = errors.New("the data has errors")
)

// DataErrors is the refusal when kb check reports errors in data/: a
// rename computed from data that does not load could miss references.
type DataErrors struct {
	Lines []string // as kb check prints them
}

func (e *DataErrors) Error() string {
	return fmt.Sprintf("%v: %d; fix them first (go tool kb check)", ErrDataErrors, len(e.Lines))
}

func (e *DataErrors) Unwrap() error { return ErrDataErrors }

// File is one file a rename changes.
type File struct {
	Path string // slash-separated, relative to the root
	// From is the file's path before the rename when it moves (the
	// renamed term's or comparison's own file), else "".
	From     string
	Old, New []byte
}

// Plan is a rename worked out in full, before anything is written.
type Plan struct {
	Root     string
	Kind     string // "term" or "comparison"
	Old, New string
	// Done is true when the rename was made already: Old is gone and New
	// lists it in former_ids. Files is then empty.
	Done bool
	// Files holds every file that changes, in path order, the moved file
	// last.
	Files []File
	// Refs counts the references rewritten.
	Refs int
}

// New computes the rename of the term or comparison old to new in the
// knowledge base at root, reading every file and writing none. It refuses
// (see the Err values) when new is not a valid id, when old names no term
// or comparison, when new is taken (an id, a former id, or for a term a
// name or an alias of another term), and when kb check reports errors in
// data/.
func New(root, old, new string) (*Plan, error) {
	if problem, suggestion := kbdata.IDProblem(new); problem != "" {
		if suggestion != "" {
			return nil, fmt.Errorf("%w %q: the id is %s; %s", ErrInvalidID, new, problem, suggestion)
		}
		return nil, fmt.Errorf("%w %q: the id is %s", ErrInvalidID, new, problem)
	}
	if old == new {
		return nil, fmt.Errorf("%w %q: the old and new ids are the same", ErrInvalidID, new)
	}
	fsys := os.DirFS(root)
	kb := kbdata.Load(fsys, &diag.List{})
	p := &Plan{Root: root, Old: old, New: new}
	term, cmp := kb.Terms[old], kb.Comparisons[old]
	switch {
	case term != nil && cmp != nil:
		return nil, fmt.Errorf("%q is both a term and a comparison: rename one of them by hand", old)
	case term != nil:
		p.Kind = "term"
	case cmp != nil:
		p.Kind = "comparison"
	case done(kb, old, new):
		// A second run: say so rather than fail, so a script may repeat it.
		p.Done = true
		return p, nil
	default:
		return nil, fmt.Errorf("%w %q: there is no %s nor %s", ErrNotFound, old, kbdata.TermFile(old), kbdata.ComparisonFile(old))
	}
	if err := taken(kb, p.Kind, old, new); err != nil {
		return nil, err
	}
	if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p.file(new)))); err == nil {
		return nil, fmt.Errorf("%s %q %w: %s", p.Kind, new, ErrExists, p.file(new))
	}
	if lines := check.DataErrors(fsys); len(lines) > 0 {
		return nil, &DataErrors{Lines: lines}
	}
	if err := p.compute(fsys, kb); err != nil {
		return nil, err
	}
	return p, nil
}

// done reports whether old was renamed to new already.
func done(kb *kbdata.KB, old, new string) bool {
	if t := kb.Terms[new]; t != nil && slices.Contains(t.FormerIDs, old) {
		return true
	}
	c := kb.Comparisons[new]
	return c != nil && slices.Contains(c.FormerIDs, old)
}

// taken refuses a new id that already names something of the same kind:
// two pages cannot have one address, and a former id's URL redirects to
// its page. A term's ids, names and aliases also share one namespace in
// shortcodes, compared case-insensitively.
func taken(kb *kbdata.KB, kind, old, new string) error {
	if kind == "term" {
		if kb.Terms[new] != nil {
			return fmt.Errorf("term %q %w: %s", new, ErrExists, kbdata.TermFile(new))
		}
		for _, id := range slices.Sorted(maps.Keys(kb.Terms)) {
			t := kb.Terms[id]
			if slices.Contains(t.FormerIDs, new) {
				return fmt.Errorf("term %q %w as a former id of term %q (%s), whose URL redirects there: choose another id", new, ErrExists, id, kbdata.TermFile(id))
			}
			if id == old {
				continue // the term's own name or alias may match its new id
			}
			for _, n := range append([]string{t.Name}, t.Aliases...) {
				if strings.EqualFold(n, new) {
					return fmt.Errorf("term %q %w as a name of term %q (%s): choose another id", new, ErrExists, id, kbdata.TermFile(id))
				}
			}
		}
		return nil
	}
	if kb.Comparisons[new] != nil {
		return fmt.Errorf("comparison %q %w: %s", new, ErrExists, kbdata.ComparisonFile(new))
	}
	for _, id := range slices.Sorted(maps.Keys(kb.Comparisons)) {
		if slices.Contains(kb.Comparisons[id].FormerIDs, new) {
			return fmt.Errorf("comparison %q %w as a former id of comparison %q (%s), whose URL redirects there: choose another id", new, ErrExists, id, kbdata.ComparisonFile(id))
		}
	}
	return nil
}

func (p *Plan) file(id string) string {
	if p.Kind == "term" {
		return kbdata.TermFile(id)
	}
	return kbdata.ComparisonFile(id)
}

func (p *Plan) url(id string) string {
	if p.Kind == "term" {
		return kbdata.TermURL(id)
	}
	return kbdata.ComparisonURL(id)
}

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// edits collects the edits of every file, by slash path.
type edits map[string][]edit

func (e edits) add(file string, start, end int, text string) {
	e[file] = append(e[file], edit{start, end, text})
}

// compute works out every file's new content.
func (p *Plan) compute(fsys fs.FS, kb *kbdata.KB) error {
	ed := edits{}
	src := map[string][]byte{}
	for file, ix := range kb.Files {
		src[file] = ix.Source()
	}
	// References in data: ids in TOML values.
	if p.Kind == "term" {
		for _, id := range slices.Sorted(maps.Keys(kb.Terms)) {
			t := kb.Terms[id]
			for i, r := range t.Related {
				if r == p.Old {
					if err := p.value(ed, src, kbdata.TermFile(id), t.Pos, "related", i); err != nil {
						return err
					}
				}
			}
		}
		for _, id := range slices.Sorted(maps.Keys(kb.Comparisons)) {
			c := kb.Comparisons[id]
			file := kbdata.ComparisonFile(id)
			for i, s := range c.Subjects {
				if s == p.Old {
					if err := p.value(ed, src, file, c.Pos, "subjects", i); err != nil {
						return err
					}
				}
			}
			for _, a := range slices.Sorted(maps.Keys(c.Takeaways)) {
				if tk := c.Takeaways[a]; tk != nil && tk.Favours == p.Old {
					if err := p.value(ed, src, file, tk.Pos, "favours"); err != nil {
						return err
					}
				}
			}
		}
		for _, cr := range kb.Criteria {
			for i, f := range cr.Favours {
				if f == p.Old {
					if err := p.value(ed, src, kbdata.CriteriaFile, cr.Pos, "favours", i); err != nil {
						return err
					}
				}
			}
		}
	}
	// References in the Markdown fields of data files: a fragment's
	// offsets map to the file's through the string's own (escapes,
	// multi-line strings), as kb check maps them.
	for _, file := range slices.Sorted(maps.Keys(kb.Texts)) {
		for _, t := range kb.Texts[file] {
			if !t.Markdown {
				continue
			}
			for _, r := range xref.Refs(markdown.ParseFragment([]byte(t.Value))) {
				if p.matches(r) {
					if err := p.markdown(ed, src, file, r, t.Offset(r.Offset), t.Offset(r.End)); err != nil {
						return err
					}
				}
			}
		}
	}
	// References in pages.
	pages, err := pages(fsys)
	if err != nil {
		return err
	}
	for _, page := range pages {
		text, err := repofile.Read(fsys, page)
		if err != nil {
			return fmt.Errorf("read %s: %w", page, err)
		}
		src[page] = text
		masked, _ := repofile.MaskBOM(text)
		for _, r := range xref.Refs(markdown.Parse(masked)) {
			if p.matches(r) {
				if err := p.markdown(ed, src, page, r, r.Offset, r.End); err != nil {
					return err
				}
			}
		}
	}
	p.Refs = 0
	for _, e := range ed {
		p.Refs += len(e)
	}
	// The renamed file keeps its old id in former_ids.
	oldFile := p.file(p.Old)
	if err := p.formerID(ed, src, kb.Files[oldFile]); err != nil {
		return err
	}
	// The ledger gains the new URL and keeps the old one, which
	// former_ids now serves.
	urls := map[string]bool{p.url(p.New): true}
	for _, u := range kb.Published.URLs {
		urls[u] = true
	}
	ledger := publish.Text(src[kbdata.LedgerFile], urls)

	for _, file := range slices.Sorted(maps.Keys(ed)) {
		if file == oldFile {
			continue
		}
		out, err := apply(src[file], ed[file])
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if file == kbdata.LedgerFile {
			continue // the ledger is rewritten whole below
		}
		p.Files = append(p.Files, File{Path: file, Old: src[file], New: out})
	}
	if !bytes.Equal(ledger, src[kbdata.LedgerFile]) {
		p.Files = append(p.Files, File{Path: kbdata.LedgerFile, Old: src[kbdata.LedgerFile], New: ledger})
		slices.SortFunc(p.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	}
	moved, err := apply(src[oldFile], ed[oldFile])
	if err != nil {
		return fmt.Errorf("%s: %w", oldFile, err)
	}
	p.Files = append(p.Files, File{Path: p.file(p.New), From: oldFile, Old: src[oldFile], New: moved})
	return nil
}

// matches reports whether a Markdown reference names the renamed id: a
// term shortcode by its id (in any letter case, as kb check resolves it;
// one by an alias stays as is), a link or a stack diagram's term by its id
// exactly, or a comparison by its id.
func (p *Plan) matches(r xref.Ref) bool {
	switch {
	case p.Kind == "term" && r.Kind == xref.Term && (r.Link || r.Stack):
		return r.ID == p.Old
	case p.Kind == "term" && r.Kind == xref.Term:
		return strings.EqualFold(r.ID, p.Old)
	case p.Kind == "comparison" && r.Kind == xref.Comparison:
		return r.ID == p.Old
	}
	return false
}

// markdown replaces a reference's id, at file offsets start and end,
// checking that the file has the id there as written: an id spelled with
// TOML escapes is refused rather than mangled.
func (p *Plan) markdown(ed edits, src map[string][]byte, file string, r xref.Ref, start, end int) error {
	text := src[file]
	if start < 0 || end > len(text) || start > end || string(text[start:end]) != r.ID {
		return fmt.Errorf("%s: the reference to %q at byte %d is not written plainly: rename it by hand first", file, r.ID, start)
	}
	ed.add(file, start, end, p.New)
	return nil
}

// value replaces the TOML string value at keys under pos, which holds the
// old id: only the id between its quotes, so the quote style stays.
func (p *Plan) value(ed edits, src map[string][]byte, file string, pos kbdata.Positions, keys ...any) error {
	start, end := pos.Span(keys...)
	text := src[file]
	v, _, ok := tomlpos.String(text, start)
	if !ok || v != p.Old {
		return fmt.Errorf("%s: no string %q at byte %d", file, p.Old, start)
	}
	q := 1
	if bytes.HasPrefix(text[start:], []byte(`"""`)) || bytes.HasPrefix(text[start:], []byte(`'''`)) {
		q = 3
	}
	if string(text[start+q:end-q]) != p.Old {
		// Written with escapes: write the new id plainly.
		ed.add(file, start, end, `"`+p.New+`"`)
		return nil
	}
	ed.add(file, start+q, end-q, p.New)
	return nil
}

// formerID adds the old id to the renamed file's former_ids: after the
// list's last element, into an empty list, or as a new key after the
// top-level keys, before the file's first table and the comments above it.
func (p *Plan) formerID(ed edits, src map[string][]byte, ix *tomlpos.Index) error {
	file := p.file(p.Old)
	text := src[file]
	quoted := `"` + p.Old + `"`
	if pos, ok := ix.Lookup("former_ids"); ok {
		if text[pos.Value] != '[' {
			return fmt.Errorf("%s: former_ids is not a list", file)
		}
		n := 0
		for {
			if _, ok := ix.Lookup("former_ids", fmt.Sprint(n)); !ok {
				break
			}
			n++
		}
		if n == 0 {
			ed.add(file, pos.Value+1, pos.Value+1, quoted)
			return nil
		}
		last := ix.End("former_ids", fmt.Sprint(n-1))
		elem := ix.Value("former_ids", fmt.Sprint(n-1))
		if lineStart(text, elem) == lineStart(text, pos.Value) {
			ed.add(file, last, last, ", "+quoted) // a list on one line
			return nil
		}
		// A list of one element a line: a new line, indented like the
		// last, after its comma if it has one.
		eol := atomicfile.LineEnding(text)
		ls := lineStart(text, elem)
		indent := string(text[ls : ls+len(text[ls:elem])-len(bytes.TrimLeft(text[ls:elem], " \t"))])
		rest := text[last:]
		if trimmed := bytes.TrimLeft(rest, " \t"); len(trimmed) > 0 && trimmed[0] == ',' {
			at := last + len(rest) - len(trimmed) + 1
			ed.add(file, at, at, eol+indent+quoted+",")
			return nil
		}
		ed.add(file, last, last, ","+eol+indent+quoted)
		return nil
	}
	eol := atomicfile.LineEnding(text)
	at := len(text)
	for _, key := range []string{"facts", "takeaways", "mentions"} {
		if pos, ok := ix.Lookup(key); ok && isHeader(text, pos.Key) {
			at = min(at, lineStart(text, pos.Key))
		}
	}
	line := "former_ids = [" + quoted + "]" + eol
	if at == len(text) {
		if len(text) > 0 && text[len(text)-1] != '\n' {
			line = eol + line
		}
		ed.add(file, at, at, line)
		return nil
	}
	// Step back over the blank lines and comments that introduce the
	// table, so the key joins the other top-level keys.
	for at > 0 {
		prev := lineStart(text, at-1)
		l := strings.TrimSpace(string(text[prev:at]))
		if l != "" && !strings.HasPrefix(l, "#") {
			break
		}
		at = prev
	}
	ed.add(file, at, at, line)
	return nil
}

// isHeader reports whether the key at offset is written in a [table]
// header, not as a top-level key such as mentions = { … }.
func isHeader(text []byte, at int) bool {
	l := strings.TrimSpace(string(text[lineStart(text, at):at]))
	return strings.HasPrefix(l, "[")
}

// lineStart returns the offset of the start of the line holding at.
func lineStart(text []byte, at int) int {
	return bytes.LastIndexByte(text[:at], '\n') + 1
}

// apply returns src with the edits made; they must not overlap.
func apply(src []byte, es []edit) ([]byte, error) {
	es = slices.Clone(es)
	slices.SortStableFunc(es, func(a, b edit) int { return a.start - b.start })
	var b bytes.Buffer
	last := 0
	for _, e := range es {
		if e.start < last {
			return nil, fmt.Errorf("overlapping edits at byte %d", e.start)
		}
		b.Write(src[last:e.start])
		b.WriteString(e.text)
		last = e.end
	}
	b.Write(src[last:])
	return b.Bytes(), nil
}

// pages lists the Markdown pages under content/, as kb check reads them:
// regular files only.
func pages(fsys fs.FS) ([]string, error) {
	var out []string
	err := fs.WalkDir(fsys, "content", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if e.Type().IsRegular() && path.Ext(p) == ".md" {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// Diff writes the unified diff of every file the plan changes to w; the
// moved file's diff goes from its old path to its new one.
func (p *Plan) Diff(w io.Writer) error {
	for _, f := range p.Files {
		d := fix.Diff(f.Path, f.Old, f.New)
		if f.From != "" {
			d = bytes.Replace(d, []byte("--- a/"+f.Path), []byte("--- a/"+f.From), 1)
		}
		if _, err := w.Write(d); err != nil {
			return fmt.Errorf("write diff: %w", err)
		}
	}
	return nil
}

// The file system calls Apply makes; tests replace them to fail.
var (
	write  = atomicfile.Write
	remove = os.Remove
)

// Apply writes the plan: every changed file in turn (atomically, each),
// then the moved file under its new name, and last removes the old one.
// If a step fails it restores what it had written, as well as it can, and
// returns the error, joined with any that restoring met.
func (p *Plan) Apply() (err error) {
	var undo []func() error
	defer func() {
		if err == nil {
			return
		}
		for i := len(undo) - 1; i >= 0; i-- {
			if uerr := undo[i](); uerr != nil {
				err = errors.Join(err, fmt.Errorf("restore: %w", uerr))
			}
		}
	}()
	for _, f := range p.Files {
		dst := filepath.Join(p.Root, filepath.FromSlash(f.Path))
		if f.From != "" {
			if _, err := os.Lstat(dst); err == nil {
				return fmt.Errorf("%s %w", f.Path, ErrExists)
			}
		}
		if err := write(dst, f.New); err != nil {
			return err
		}
		if f.From == "" {
			old := f.Old
			undo = append(undo, func() error { return write(dst, old) })
			continue
		}
		undo = append(undo, func() error { return remove(dst) })
		if err := remove(filepath.Join(p.Root, filepath.FromSlash(f.From))); err != nil {
			return fmt.Errorf("remove %s: %w", f.From, err)
		}
	}
	return nil
}
