package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.toml")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if string(got) != "new" || fi.Mode().Perm() != 0o600 {
		t.Errorf("Write(%q) left %q with mode %v; want \"new\" with mode 0600", path, got, fi.Mode().Perm())
	}
	if err := Write(filepath.Join(dir, "new.toml"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "new.toml")); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode = %v; want 0644", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d entries after two writes; want 2 (no temporary file left)", len(entries))
	}
}

func TestWriteFailureKeepsOriginal(t *testing.T) {
	if os.Geteuid() == 0 {
		// Root ignores folder permissions; use a missing folder instead.
		if err := Write(filepath.Join(t.TempDir(), "no", "such", "f"), []byte("x")); err == nil {
			t.Error("Write into a missing folder = nil; want an error")
		}
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	os.WriteFile(path, []byte("old"), 0o644)
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	if err := Write(path, []byte("new")); err == nil {
		t.Error("Write into a read-only folder = nil; want an error")
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("after a failed Write the file holds %q; want \"old\"", got)
	}
}

var errInjected = errors.New("injected failure")

// failingFile is a temporary file whose step named fail returns an error.
type failingFile struct {
	*os.File
	fail string
}

func (f *failingFile) Write(p []byte) (int, error) {
	if f.fail == "write" {
		return 0, errInjected
	}
	return f.File.Write(p)
}

func (f *failingFile) Sync() error {
	if f.fail == "sync" {
		return errInjected
	}
	return f.File.Sync()
}

func (f *failingFile) Chmod(m fs.FileMode) error {
	if f.fail == "chmod" {
		return errInjected
	}
	return f.File.Chmod(m)
}

func (f *failingFile) Close() error {
	err := f.File.Close()
	if f.fail == "close" {
		return errInjected
	}
	return err
}

// TestWriteStepFailure makes each step of the write fail in turn: the
// error must say so, the file must be unchanged, and no temporary file may
// be left.
func TestWriteStepFailure(t *testing.T) {
	savedCreate, savedRename := createTemp, rename
	t.Cleanup(func() { createTemp, rename = savedCreate, savedRename })
	failing := func(step string) func(string, string) (tempFile, error) {
		return func(dir, pattern string) (tempFile, error) {
			f, err := os.CreateTemp(dir, pattern)
			if err != nil {
				return nil, err
			}
			return &failingFile{File: f, fail: step}, nil
		}
	}
	tests := []struct {
		step  string
		apply func()
	}{
		{"create", func() { createTemp = func(string, string) (tempFile, error) { return nil, errInjected } }},
		{"write", func() { createTemp = failing("write") }},
		{"sync", func() { createTemp = failing("sync") }},
		{"chmod", func() { createTemp = failing("chmod") }},
		{"close", func() { createTemp = failing("close") }},
		{"rename", func() { rename = func(string, string) error { return errInjected } }},
	}
	for _, tt := range tests {
		t.Run(tt.step, func(t *testing.T) {
			createTemp, rename = savedCreate, savedRename
			tt.apply()
			dir := t.TempDir()
			path := filepath.Join(dir, "page.md")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			err := Write(path, []byte("new"))
			if !errors.Is(err, errInjected) || !strings.HasPrefix(err.Error(), "write "+path+": ") {
				t.Errorf("Write with a failing %s = %v; want write %s: …: %v", tt.step, err, path, errInjected)
			}
			if got, _ := os.ReadFile(path); string(got) != "old" {
				t.Errorf("Write with a failing %s left %q; want \"old\"", tt.step, got)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("Write with a failing %s left %d files; want only page.md", tt.step, len(entries))
			}
		})
	}
}
