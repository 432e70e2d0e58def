// Package atomicfile replaces files so that a reader, or a run cut short,
// sees either the old content or the new, never a half-written file.
//
// A run killed while it writes (SIGKILL, a power cut) cannot remove its
// temporary file, .<name>.<digits>.tmp beside the target. Write removes
// such leftovers of earlier runs before it writes, and Clean does so on
// request.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// tempFile is the part of *os.File that Write uses.
type tempFile interface {
	io.Writer
	Sync() error
	Chmod(fs.FileMode) error
	Close() error
	Name() string
}

// The file system calls Write makes; tests replace them to fail.
var (
	createTemp = func(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) }
	rename     = os.Rename
)

// StaleAfter is how long a temporary file must have gone unmodified
// before Clean takes it for a leftover. A writer finishes in well under a
// second, so a younger file may belong to a write still running, in this
// process or another.
const StaleAfter = time.Minute

// now is the clock Clean judges age by; tests set it.
var now = time.Now

// Write replaces path with data: it writes a temporary file in the same
// folder, flushes it to disk, gives it the original's permissions (0644
// for a new file) and renames it over path. On any error the original is
// untouched and the temporary file is removed.
//
// It first removes the stale temporary files that earlier writes of path
// left behind (see Clean); failing to remove one does not stop the write.
func Write(path string, data []byte) (err error) {
	cleanLeftovers(filepath.Dir(path), filepath.Base(path))
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := createTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				tmp.Close()
			}
			os.Remove(tmp.Name())
			err = fmt.Errorf("write %s: %w", path, err)
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	closed = true
	if err = tmp.Close(); err != nil {
		return err
	}
	return rename(tmp.Name(), path)
}

// Update writes data to path as Write does, creating its folder, unless
// the file already holds exactly those bytes: then it leaves the file
// alone, and a watcher (Hugo's server) sees no change. It reports whether
// it wrote.
func Update(path string, data []byte) (changed bool, err error) {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	if err := Write(path, data); err != nil {
		return false, err
	}
	return true, nil
}

// TempTarget reports whether name is the name of a temporary file that
// Write makes, exactly: "." + target + "." + the decimal digits
// os.CreateTemp puts in place of "*" + ".tmp". It returns the base name of
// the file that was being written.
func TempTarget(name string) (target string, ok bool) {
	rest, ok := strings.CutPrefix(name, ".")
	if !ok {
		return "", false
	}
	rest, ok = strings.CutSuffix(rest, ".tmp")
	if !ok {
		return "", false
	}
	dot := strings.LastIndexByte(rest, '.')
	if dot <= 0 || dot == len(rest)-1 {
		return "", false
	}
	for _, c := range rest[dot+1:] {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return rest[:dot], true
}

// Clean removes from dir the temporary files that writes of dir/name cut
// short left behind, and returns their paths. It removes only regular
// files (no link, no folder) whose name TempTarget gives as name, and only
// those last modified more than StaleAfter ago: a younger one may be
// another writer's, still at work. It goes on past a file it cannot
// remove, and returns those errors joined.
func Clean(dir, name string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("clean %s: %w", dir, err)
	}
	var candidates []string
	for _, e := range entries {
		if t, ok := TempTarget(e.Name()); ok && t == name {
			candidates = append(candidates, e.Name())
		}
	}
	return removeStale(dir, candidates)
}

// removeStale removes the files of dir named in names that are regular
// and stale.
func removeStale(dir string, names []string) ([]string, error) {
	var removed []string
	var errs []error
	for _, n := range names {
		p := filepath.Join(dir, n)
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue // renamed or removed by its writer meanwhile
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !fi.Mode().IsRegular() || now().Sub(fi.ModTime()) <= StaleAfter {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, p)
	}
	return removed, errors.Join(errs...)
}

// listed holds, for each folder Write has written into in this process,
// the temporary files found there on the first write, by target. One
// listing per folder keeps Write cheap when a run writes thousands of
// files into one folder; a leftover of an earlier run is in that listing,
// and a temporary file made later is too young to be one.
var listed struct {
	sync.Mutex
	dirs map[string]map[string][]string
}

// cleanLeftovers removes the stale temporary files of dir/name, as Clean
// does, from the folder's first listing; errors are ignored, since a
// leftover is only untidy.
func cleanLeftovers(dir, name string) {
	listed.Lock()
	byTarget, ok := listed.dirs[dir]
	if !ok {
		byTarget = map[string][]string{}
		if entries, err := os.ReadDir(dir); err == nil {
			for _, e := range entries {
				if t, ok := TempTarget(e.Name()); ok {
					byTarget[t] = append(byTarget[t], e.Name())
				}
			}
		}
		if listed.dirs == nil {
			listed.dirs = map[string]map[string][]string{}
		}
		listed.dirs[dir] = byTarget
	}
	names := byTarget[name]
	delete(byTarget, name)
	listed.Unlock()
	if len(names) > 0 {
		removeStale(dir, names)
	}
}

// LineEnding returns the line ending text uses: "\r\n" when its first
// line ends so, else "\n" (also for a text of one line, or none). A
// writer that adds lines to a file uses the file's own, so that a
// Windows contributor's CRLF file is not left with mixed endings.
func LineEnding(text []byte) string {
	if i := bytes.IndexByte(text, '\n'); i > 0 && text[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}
