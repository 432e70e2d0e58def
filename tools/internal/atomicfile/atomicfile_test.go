package atomicfile

import (
	"os"
	"path/filepath"
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
