// Package fix links the glossary terms that Markdown pages mention in
// prose without linking them: it replaces each term's first unlinked
// mention with a term shortcode, {{< term "<id>" "<text as written>" >}},
// and leaves every other byte as it was. A fixed page links the term, so
// fixing it again changes nothing. It also removes the byte-order mark
// some editors put at the start of a page or data file.
package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/mention"
	"github.com/cloudkb/kb/tools/internal/repofile"
)

// Apply returns src with each mention replaced by its term shortcode.
// The mentions must be in order and must not overlap, as
// mention.Index.Unlinked returns them.
func Apply(src []byte, ms []mention.Mention) []byte {
	if len(ms) == 0 {
		return src
	}
	var b bytes.Buffer
	b.Grow(len(src) + 40*len(ms))
	last := 0
	for _, m := range ms {
		b.Write(src[last:m.Offset])
		b.WriteString(m.Shortcode())
		last = m.End
	}
	b.Write(src[last:])
	return b.Bytes()
}

// Source returns the fixed text of one page: src with the first unlinked
// mention of every term linked.
func Source(src []byte, ix *mention.Index) []byte {
	return Apply(src, ix.Unlinked(src))
}

// Diff returns the unified diff from old to new of the file at path
// (slash-separated, relative to the repository root): "--- a/path",
// "+++ b/path", then hunks with three lines of context. It returns nil
// when old and new are equal.
func Diff(path string, old, new []byte) []byte {
	d := diff.Diff("a/"+path, old, "b/"+path, new)
	// Drop the leading "diff a/path b/path" line: the diff starts at its
	// "---" header, as diff -u prints it.
	if i := bytes.IndexByte(d, '\n'); i >= 0 && bytes.HasPrefix(d, []byte("diff ")) {
		d = d[i+1:]
	}
	return d
}

// A Change is what Files did, or in a dry run would do, to one file.
type Change struct {
	Path   string   // slash-separated, relative to the repository root
	BOM    bool     // a leading byte-order mark was removed
	Linked []string // the ids of the terms linked, in order of position
}

func (c Change) String() string {
	var did []string
	if c.BOM {
		did = append(did, "removed the byte-order mark")
	}
	if len(c.Linked) > 0 {
		did = append(did, "linked "+strings.Join(c.Linked, ", "))
	}
	return c.Path + ": " + strings.Join(did, "; ")
}

// StripBOM returns src without the UTF-8 byte-order marks it starts with,
// and whether there were any. Hugo's TOML reader rejects one, and kb check
// reports it (KB029). A mark anywhere else is text, and stays; a second
// one at the start would be reported once the first is gone, so all go at
// once and a second run finds nothing.
func StripBOM(src []byte) ([]byte, bool) {
	out := src
	for bytes.HasPrefix(out, []byte(repofile.BOM)) {
		out = out[len(repofile.BOM):]
	}
	return out, len(out) < len(src)
}

// The folders Files walks, and the files it fixes in each: pages have
// their byte-order mark removed and their terms linked; data files only
// lose the mark.
var walked = []struct {
	dir, ext string
	link     bool
}{
	{"content", ".md", true},
	{"data", ".toml", false},
}

// Files fixes every Markdown page under root/content (content/**/*.md) and
// every data file under root/data (data/**/*.toml), and returns what it
// changed, in lexical order of path: it removes a leading byte-order mark
// from each, and links the terms each page mentions (see Source). With
// dryRun it writes nothing: it writes the diff of every file it would
// change to w instead (w is unused otherwise, and may then be nil). Each
// file is written atomically: a reader sees either the old file or the new
// one, and on any error the old file is left as it was. Without dryRun it
// also removes the stale temporary files that a run killed mid-write left
// beside a page or data file (see atomicfile.Clean).
//
// An error with one file does not stop the others; Files returns all of
// them, joined. Symbolic links are not followed, so a file is never
// rewritten through one.
func Files(root string, kb *kbdata.KB, dryRun bool, w io.Writer) ([]Change, error) {
	ix := mention.FromKB(kb)
	var changed []Change
	var errs []error
	for _, walk := range walked {
		dir := filepath.Join(root, walk.dir)
		walkErr := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir // no such folder yet: nothing to fix
				}
				errs = append(errs, err)
				return nil
			}
			if !e.Type().IsRegular() {
				return nil
			}
			if target, ok := atomicfile.TempTarget(e.Name()); ok {
				if !dryRun && filepath.Ext(target) == walk.ext {
					if _, err := atomicfile.Clean(filepath.Dir(p), target); err != nil {
						errs = append(errs, err)
					}
				}
				return nil
			}
			if filepath.Ext(p) != walk.ext {
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			rel = filepath.ToSlash(rel)
			var link *mention.Index
			if walk.link {
				link = ix
			}
			c, err := file(p, rel, link, dryRun, w)
			if err != nil {
				errs = append(errs, fmt.Errorf("fix %s: %w", rel, err))
			}
			if c != nil {
				changed = append(changed, *c)
			}
			return nil
		})
		if walkErr != nil {
			errs = append(errs, walkErr)
		}
	}
	return changed, errors.Join(errs...)
}

// file fixes one file, linking terms with ix unless it is nil, or writes
// its diff to w in a dry run, and returns what changes (nil for nothing).
func file(path, rel string, ix *mention.Index, dryRun bool, w io.Writer) (*Change, error) {
	// The walk passed regular files only; repofile also keeps to the size
	// limit kb check applies.
	src, err := repofile.Read(os.DirFS(filepath.Dir(path)), filepath.Base(path))
	if err != nil {
		return nil, err
	}
	fixed, bom := StripBOM(src)
	c := &Change{Path: rel, BOM: bom}
	if ix != nil {
		ms := ix.Unlinked(fixed)
		for _, m := range ms {
			c.Linked = append(c.Linked, m.ID)
		}
		fixed = Apply(fixed, ms)
	}
	if bytes.Equal(fixed, src) {
		return nil, nil
	}
	if dryRun {
		if _, err := w.Write(Diff(rel, src, fixed)); err != nil {
			return nil, fmt.Errorf("write diff: %w", err)
		}
		return c, nil
	}
	if err := write(path, fixed); err != nil {
		return nil, err
	}
	return c, nil
}

// write replaces a file atomically; tests replace it to fail.
var write = atomicfile.Write
