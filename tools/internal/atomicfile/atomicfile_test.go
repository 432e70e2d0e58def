package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
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

func TestTempTarget(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		target string
		ok     bool
	}{
		{"a page", ".page.md.123456.tmp", "page.md", true},
		{"a name with dots", ".published.toml.4294967295.tmp", "published.toml", true},
		{"one digit", ".f.0.tmp", "f", true},
		{"no leading dot", "page.md.123.tmp", "", false},
		{"no digits", ".page.md..tmp", "", false},
		{"letters for digits", ".page.md.12a.tmp", "", false},
		{"no target", "..123.tmp", "", false},
		{"another suffix", ".page.md.123.swp", "", false},
		{"an editor's backup", ".page.md.tmp", "", false},
		{"just the suffix", ".tmp", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target, ok := TempTarget(tt.in)
			if target != tt.target || ok != tt.ok {
				t.Errorf("TempTarget(%q) = %q, %v; want %q, %v", tt.in, target, ok, tt.target, tt.ok)
			}
		})
	}
}

// makeFile writes a file in dir last modified at mtime.
func makeFile(t *testing.T, dir, name string, mtime time.Time) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	return p
}

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// later runs the test's clock two hours ahead, so that a file made now
// (a folder, a link, whose times the test cannot set) is stale by age.
func later(t *testing.T) time.Time {
	saved := now
	t.Cleanup(func() { now = saved })
	at := time.Now().Add(2 * time.Hour)
	now = func() time.Time { return at }
	return at
}

// TestClean leaves temporary files of every kind beside a target, as a
// killed run and its neighbours would, and runs Clean and Write: only the
// stale temporary files of that target may go.
func TestClean(t *testing.T) {
	at := later(t)
	stale, fresh := at.Add(-time.Hour), at.Add(-time.Second)
	// The files every case starts from, and whether they must be gone.
	setup := func(t *testing.T, dir string) map[string]bool {
		t.Helper()
		makeFile(t, dir, "page.md", stale)
		gone := map[string]bool{
			".page.md.123.tmp":        true,  // a killed run's
			".page.md.4294967295.tmp": true,  // another killed run's
			".page.md.456.tmp":        false, // fresh: a writer may be at work
			".other.md.789.tmp":       false, // another file's
			".page.md.tmp":            false, // not our pattern
			"page.md.123.tmp":         false, // not our pattern
			".page.md.12x.tmp":        false, // not our pattern
		}
		for name := range gone {
			mtime := stale
			if name == ".page.md.456.tmp" {
				mtime = fresh
			}
			makeFile(t, dir, name, mtime)
		}
		// Not regular files, though named like ours and stale by age.
		if err := os.Mkdir(filepath.Join(dir, ".page.md.111.tmp"), 0o755); err != nil {
			t.Fatal(err)
		}
		gone[".page.md.111.tmp"] = false
		if err := os.Symlink("page.md", filepath.Join(dir, ".page.md.222.tmp")); err == nil {
			gone[".page.md.222.tmp"] = false
		}
		return gone
	}
	tests := []struct {
		name string
		run  func(dir string) error
	}{
		{"Clean", func(dir string) error {
			removed, err := Clean(dir, "page.md")
			slices.Sort(removed)
			want := []string{filepath.Join(dir, ".page.md.123.tmp"), filepath.Join(dir, ".page.md.4294967295.tmp")}
			if !slices.Equal(removed, want) {
				return fmt.Errorf("Clean(%q, %q) = %q; want %q", dir, "page.md", removed, want)
			}
			return err
		}},
		{"Write", func(dir string) error { return Write(filepath.Join(dir, "page.md"), []byte("new")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			gone := setup(t, dir)
			if err := tt.run(dir); err != nil {
				t.Fatal(err)
			}
			have := names(t, dir)
			for name, want := range gone {
				if got := !slices.Contains(have, name); got != want {
					t.Errorf("%s: %s removed = %v; want %v", tt.name, name, got, want)
				}
			}
			if !slices.Contains(have, "page.md") {
				t.Errorf("%s removed page.md", tt.name)
			}
		})
	}
}

// TestWriteCleansOnce checks that Write lists a folder once per process:
// a stale file that appears after the first write there is left for the
// next run, and the writes themselves still succeed.
func TestWriteCleansOnce(t *testing.T) {
	stale := later(t).Add(-time.Hour)
	dir := t.TempDir()
	makeFile(t, dir, ".a.md.1.tmp", stale)
	if err := Write(filepath.Join(dir, "a.md"), []byte("a")); err != nil {
		t.Fatal(err)
	}
	makeFile(t, dir, ".b.md.2.tmp", stale)
	if err := Write(filepath.Join(dir, "b.md"), []byte("b")); err != nil {
		t.Fatal(err)
	}
	if got, want := names(t, dir), []string{".b.md.2.tmp", "a.md", "b.md"}; !slices.Equal(got, want) {
		t.Errorf("after two writes the folder holds %q; want %q", got, want)
	}
	if removed, err := Clean(dir, "b.md"); err != nil || len(removed) != 1 {
		t.Errorf("Clean(%q, %q) = %q, %v; want the one leftover", dir, "b.md", removed, err)
	}
}

func TestCleanMissingFolder(t *testing.T) {
	removed, err := Clean(filepath.Join(t.TempDir(), "none"), "f")
	if err == nil || removed != nil {
		t.Errorf("Clean(a missing folder) = %q, %v; want an error", removed, err)
	}
}

// TestKilledWrite kills a process in the middle of a Write, as SIGKILL
// or a power cut would: its temporary file stays behind, and the next
// Write of the same file, once it is stale, removes it.
func TestKilledWrite(t *testing.T) {
	if dir := os.Getenv("ATOMICFILE_HANG_IN"); dir != "" {
		// The child: block after creating the temporary file, until
		// killed.
		createTemp = func(dir, pattern string) (tempFile, error) {
			f, err := os.CreateTemp(dir, pattern)
			if err == nil {
				fmt.Println("created")
				select {}
			}
			return f, err
		}
		Write(filepath.Join(dir, "page.md"), []byte("never written"))
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWrite$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_HANG_IN="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	cmd.Process.Kill()
	cmd.Wait()
	if line != "created\n" {
		t.Fatalf("the child printed %q; want \"created\"", line)
	}
	left := names(t, dir)
	if len(left) != 1 {
		t.Fatalf("the killed write left %q; want one temporary file", left)
	}
	if err := Write(filepath.Join(dir, "page.md"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, append(left, "page.md")) {
		t.Errorf("a write right after the kill left %q; want the fresh temporary file kept", got)
	}
	later(t)
	resetListed()
	if err := Write(filepath.Join(dir, "page.md"), []byte("newer")); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"page.md"}) {
		t.Errorf("a write in a later run left %q; want only page.md", got)
	}
}

// resetListed forgets the folders Write has listed, as a new run would.
func resetListed() {
	listed.Lock()
	listed.dirs = nil
	listed.Unlock()
}

func TestLineEnding(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"LF", "a\nb\r\n", "\n"},
		{"CRLF", "a\r\nb\n", "\r\n"},
		{"one line", "a", "\n"},
		{"empty", "", "\n"},
		{"a blank first line", "\r\n", "\r\n"},
		{"a blank first line in LF", "\nb\r\n", "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LineEnding([]byte(tt.text)); got != tt.want {
				t.Errorf("LineEnding(%q) = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}
