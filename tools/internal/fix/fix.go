// Package fix links the glossary terms that Markdown pages mention in
// prose without linking them: it replaces each term's first unlinked
// mention with a term shortcode, {{< term "<id>" "<text as written>" >}},
// and leaves every other byte as it was. A fixed page links the term, so
// fixing it again changes nothing.
package fix

import (
	"github.com/cloudkb/kb/tools/internal/atomicfile"

	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/mention"
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

// Files fixes every Markdown page under root/content (content/**/*.md)
// and returns the paths of the pages it changed, slash-separated and
// relative to root, in lexical order. With dryRun it writes nothing: it
// writes the diff of every page it would change to w instead (w is
// unused otherwise, and may then be nil). Each page is written
// atomically: a reader sees either the old page or the new one, and on
// any error the old page is left as it was.
//
// An error with one page does not stop the others; Files returns all of
// them, joined. Symbolic links are not followed, so a page is never
// rewritten through one.
func Files(root string, kb *kbdata.KB, dryRun bool, w io.Writer) ([]string, error) {
	ix := mention.FromKB(kb)
	var changed []string
	var errs []error
	dir := filepath.Join(root, "content")
	walkErr := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir // no content yet: nothing to fix
			}
			errs = append(errs, err)
			return nil
		}
		if !e.Type().IsRegular() || filepath.Ext(p) != ".md" {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		rel = filepath.ToSlash(rel)
		ok, err := file(p, rel, ix, dryRun, w)
		if err != nil {
			errs = append(errs, fmt.Errorf("fix %s: %w", rel, err))
		}
		if ok {
			changed = append(changed, rel)
		}
		return nil
	})
	if walkErr != nil {
		errs = append(errs, walkErr)
	}
	return changed, errors.Join(errs...)
}

// file fixes one page, or writes its diff to w in a dry run, and reports
// whether the page changes.
func file(path, rel string, ix *mention.Index, dryRun bool, w io.Writer) (bool, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	fixed := Source(src, ix)
	if bytes.Equal(fixed, src) {
		return false, nil
	}
	if dryRun {
		if _, err := w.Write(Diff(rel, src, fixed)); err != nil {
			return false, fmt.Errorf("write diff: %w", err)
		}
		return true, nil
	}
	if err := write(path, fixed); err != nil {
		return false, err
	}
	return true, nil
}

// write replaces a page atomically; tests replace it to fail.
var write = atomicfile.Write
