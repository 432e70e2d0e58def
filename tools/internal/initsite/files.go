package initsite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// createFile writes a new file at path with data and perm, and never
// replaces one: the data goes to a temporary file in the same folder first
// (named as atomicfile names its own, .<name>.<digits>.tmp, so that
// atomicfile.Clean knows a leftover), which is then hard-linked to path.
// A link fails when path exists, so a file made meanwhile by someone else
// survives, and a reader never sees a half-written file. Where the file
// system has no hard links it falls back to O_EXCL, which keeps the first
// promise but not the second. An existing path gives an error wrapping
// fs.ErrExist.
func createFile(path string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if err == nil {
		err = tmp.Chmod(perm)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	err = os.Link(tmp.Name(), path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("create %s: %w", path, fs.ErrExist)
	}
	return createExcl(path, data, perm)
}

// createExcl is createFile without hard links: O_EXCL refuses an existing
// file, and a failed write removes what it began.
func createExcl(path string, data []byte, perm fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("create %s: %w", path, err)
	}
	return nil
}

// exists reports whether path names anything, a broken link included.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
