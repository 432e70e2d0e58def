// Package repofile reads the repository's own files and nothing else.
//
// A pull request can commit a symbolic link (to /dev/zero, to a secret
// outside the checkout) or a named pipe; kb must neither hang, nor exhaust
// memory, nor echo another file into a diagnostic that CI publishes. Hugo
// ignores symlinked content and data files, so a symlink that kb followed
// would pass check and then vanish from the build. So every file kb reads
// is checked first, without opening it: a regular file, reached through
// real folders only, no larger than MaxSize.
package repofile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
)

// MaxSize is the largest file kb reads: far above any page or term file
// (the largest in this repository is under 20 KiB), far below what would
// strain memory.
const MaxSize = 32 << 20

// Why a file is refused.
var (
	ErrSymlink    = errors.New("is a symbolic link: kb and Hugo read only regular files; commit the file itself")
	ErrNotRegular = errors.New("is not a regular file (a pipe, a device or a socket)")
	ErrTooLarge   = fmt.Errorf("is larger than %d MiB, the limit for a data or content file", MaxSize>>20)
)

// Check reports whether name may be read: it and every folder above it
// (within fsys) are real, and name is a regular file of at most MaxSize
// bytes. It opens nothing. The error wraps one of the Err values above,
// or the file system's own error (fs.ErrNotExist for a missing file).
func Check(fsys fs.FS, name string) error {
	if err := CheckDir(fsys, path.Dir(name)); err != nil {
		return err
	}
	fi, err := fs.Lstat(fsys, name)
	if err != nil {
		return err
	}
	return checkInfo(fi)
}

// CheckEntry is Check for an entry a folder listing returned, whose
// folders the walk has already checked.
func CheckEntry(d fs.DirEntry) error {
	if d.Type()&fs.ModeSymlink != 0 {
		return ErrSymlink
	}
	if !d.Type().IsRegular() {
		return ErrNotRegular
	}
	fi, err := d.Info()
	if err != nil {
		return err
	}
	return checkInfo(fi)
}

func checkInfo(fi fs.FileInfo) error {
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return ErrSymlink
	case !fi.Mode().IsRegular():
		return ErrNotRegular
	case fi.Size() > MaxSize:
		return ErrTooLarge
	}
	return nil
}

// Read returns the contents of name after Check allows it. It reads at
// most MaxSize bytes even if the file grows after the check.
func Read(fsys fs.FS, name string) ([]byte, error) {
	if err := CheckDir(fsys, path.Dir(name)); err != nil {
		return nil, err
	}
	return ReadListed(fsys, name)
}

// ReadListed is Read for a file found by listing or walking its folder,
// which the caller has checked with CheckDir (or found by a walk, which
// enters no symbolic link): only the file itself is checked, not every
// folder above it again for each of thousands of files.
func ReadListed(fsys fs.FS, name string) ([]byte, error) {
	fi, err := fs.Lstat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := checkInfo(fi); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Sized from the check, the buffer is allocated once, not grown.
	var buf bytes.Buffer
	buf.Grow(int(min(max(fi.Size(), 0), MaxSize)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxSize+1)); err != nil {
		return nil, err
	}
	if buf.Len() > MaxSize {
		return nil, ErrTooLarge
	}
	return buf.Bytes(), nil
}

// BOM is the UTF-8 byte-order mark some editors write at the start of a
// file. Hugo's TOML reader rejects it, so kb reports it (KB029) and kb fix
// removes it.
const BOM = "\xef\xbb\xbf"

// MaskBOM returns text with a leading byte-order mark replaced by three
// spaces, and whether there was one: parsers then see a blank where it
// was, and every byte offset after it stays right.
func MaskBOM(text []byte) ([]byte, bool) {
	if len(text) < len(BOM) || string(text[:len(BOM)]) != BOM {
		return text, false
	}
	out := make([]byte, len(text))
	copy(out, "   ")
	copy(out[len(BOM):], text[len(BOM):])
	return out, true
}

// CheckDir reports whether dir and every folder above it (within fsys)
// are real folders, not symbolic links.
func CheckDir(fsys fs.FS, dir string) error {
	for d := dir; d != "." && d != "/"; d = path.Dir(d) {
		fi, err := fs.Lstat(fsys, d)
		if err != nil {
			return err
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("folder %s %w", d, ErrSymlink)
		}
		if !fi.IsDir() {
			return fmt.Errorf("%s is not a folder", d)
		}
	}
	return nil
}
