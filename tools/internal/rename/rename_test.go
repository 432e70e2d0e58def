package rename

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/cloudkb/kb/tools/internal/check"
	"github.com/cloudkb/kb/tools/internal/diag"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

func TestMain(m *testing.M) {
	flag.Parse()
	// The fixture's checked dates are measured against a fixed day, so
	// that they never become stale or lie in the future.
	check.Today = func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }
	os.Exit(m.Run())
}

// crlf lists the fixture files saved with CRLF line endings, as a Windows
// contributor's editor might: a rename must keep them so.
var crlf = []string{"content/crlf.md", "data/glossary/container.toml"}

// fixture writes testdata/kb.txtar into a temporary folder, with the files
// in crlf converted to CRLF, and returns its root.
func fixture(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "kb.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for _, f := range ar.Files {
		data := f.Data
		if slices.Contains(crlf, f.Name) {
			data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
		}
		writeFile(t, root, f.Name, data)
	}
	return root
}

func writeFile(t *testing.T, root, name string, data []byte) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file under root, by slash path.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS(root), p)
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// problems returns the errors kb check reports on root, and its warnings
// too when warnings is set, as printed.
func problems(root string, warnings bool) []string {
	diags := check.Run(os.DirFS(root))
	var out []string
	for _, d := range diags.Items {
		if d.Severity == diag.Error || warnings && d.Severity == diag.Warning {
			out = append(out, diags.Line(d))
		}
	}
	return out
}

func TestFixtureIsClean(t *testing.T) {
	if errs := problems(fixture(t), false); len(errs) > 0 {
		t.Errorf("kb check reports errors in testdata/kb.txtar:\n%s", strings.Join(errs, "\n"))
	}
}

// TestRename renames a term or a comparison in the fixture, and compares
// the dry run's diff and every file afterwards with testdata/<case>.golden;
// kb check must find no error after it, a second run must do nothing, and
// the dry run must write nothing.
func TestRename(t *testing.T) {
	tests := []struct {
		name, old, new string
		kind           string
	}{
		// Its file is CRLF and has tables: former_ids goes before them.
		{"term", "container", "app-container", "term"},
		// It has former_ids already, written over several lines.
		{"term-with-former-ids", "kernel", "os-kernel", "term"},
		// Its former_ids is empty, and it has no table.
		{"term-with-empty-former-ids", "faas", "function-as-a-service", "term"},
		{"comparison", "serverless-vs-containers", "functions-vs-containers", "comparison"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := fixture(t)
			before := snapshot(t, root)
			p, err := New(root, tt.old, tt.new)
			if err != nil {
				t.Fatalf("New(%q, %q) = %v; want nil", tt.old, tt.new, err)
			}
			if p.Kind != tt.kind || p.Done {
				t.Errorf("New(%q, %q) = kind %q, done %v; want %q, false", tt.old, tt.new, p.Kind, p.Done, tt.kind)
			}
			var diff bytes.Buffer
			if err := p.Diff(&diff); err != nil {
				t.Fatal(err)
			}
			if got := snapshot(t, root); !mapsEqual(got, before) {
				t.Errorf("New(%q, %q) and Diff wrote files", tt.old, tt.new)
			}
			if err := p.Apply(); err != nil {
				t.Fatalf("Apply() = %v; want nil", err)
			}
			after := snapshot(t, root)
			golden(t, tt.name, diff.Bytes(), after)

			// Line endings stay as they were: a CRLF file has no bare LF.
			for _, name := range crlf {
				if name == "data/glossary/container.toml" && tt.old == "container" {
					name = "data/glossary/" + tt.new + ".toml"
				}
				if n := strings.Count(after[name], "\n"); n != strings.Count(after[name], "\r\n") {
					t.Errorf("after renaming %s, %s mixes line endings", tt.old, name)
				}
			}
			if errs := problems(root, false); len(errs) > 0 {
				t.Errorf("kb check reports errors after renaming %s to %s:\n%s", tt.old, tt.new, strings.Join(errs, "\n"))
			}

			// A second run does nothing, and says so.
			again, err := New(root, tt.old, tt.new)
			if err != nil || !again.Done || len(again.Files) > 0 {
				t.Fatalf("second New(%q, %q) = %+v, %v; want done, nothing to write", tt.old, tt.new, again, err)
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool { return maps.Equal(a, b) }

// golden compares the dry run's diff and the files after a rename with
// testdata/<name>.golden, a txtar archive: "dry-run.diff" first, then
// every file. Carriage returns are shown as "\r" so that the archive
// stays a plain LF text file.
func golden(t *testing.T, name string, diff []byte, files map[string]string) {
	t.Helper()
	show := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r"), []byte(`\r`)) }
	ar := &txtar.Archive{Comment: []byte("The dry run's diff, then every file after kb rename (CR shown as \\r).\n")}
	ar.Files = append(ar.Files, txtar.File{Name: "dry-run.diff", Data: show(diff)})
	for _, p := range slices.Sorted(maps.Keys(files)) {
		ar.Files = append(ar.Files, txtar.File{Name: p, Data: show([]byte(files[p]))})
	}
	got := txtar.Format(ar)
	file := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v; run go test -update", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("rename %s wrote:\n%s\nwant (%s):\n%s", name, got, file, want)
	}
}

// TestRefuses: each refusal writes nothing and wraps the error a caller
// can tell apart.
func TestRefuses(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		setup    func(t *testing.T, root string)
		want     error
	}{
		{name: "invalid new id", old: "container", new: "App_Container", want: ErrInvalidID},
		{name: "reserved new id", old: "container", new: "con", want: ErrInvalidID},
		{name: "same id", old: "container", new: "container", want: ErrInvalidID},
		{name: "unknown old id", old: "nothing", new: "something", want: ErrNotFound},
		{name: "new id is a term", old: "container", new: "kernel", want: ErrExists},
		{name: "new id is a former id", old: "container", new: "os-core", want: ErrExists},
		{name: "new id is an alias", old: "container", new: "serverless", want: ErrExists},
		{name: "new id is a comparison", old: "serverless-vs-containers", new: "serverless-vs-containers-2", want: ErrExists,
			setup: func(t *testing.T, root string) {
				src, _ := os.ReadFile(filepath.Join(root, "data", "comparisons", "serverless-vs-containers.toml"))
				writeFile(t, root, "data/comparisons/serverless-vs-containers-2.toml", src)
			}},
		{name: "data errors", old: "container", new: "app-container", want: ErrDataErrors,
			setup: func(t *testing.T, root string) {
				writeFile(t, root, "data/glossary/broken.toml", []byte("name = \n"))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := fixture(t)
			if tt.setup != nil {
				tt.setup(t, root)
			}
			before := snapshot(t, root)
			p, err := New(root, tt.old, tt.new)
			if !errors.Is(err, tt.want) {
				t.Errorf("New(%q, %q) = %+v, %v; want %v", tt.old, tt.new, p, err, tt.want)
			}
			if !mapsEqual(snapshot(t, root), before) {
				t.Errorf("New(%q, %q) wrote files", tt.old, tt.new)
			}
		})
	}
}

// TestApplyRestores makes each write in turn fail: the files written
// before it must be restored, and the moved file must not be left behind.
func TestApplyRestores(t *testing.T) {
	defer func(w func(string, []byte) error) { write = w }(write)
	root := fixture(t)
	before := snapshot(t, root)
	p, err := New(root, "container", "app-container")
	if err != nil {
		t.Fatal(err)
	}
	for fail := 0; fail < len(p.Files); fail++ {
		calls := 0
		write = func(path string, data []byte) error {
			calls++
			if calls == fail+1 {
				return errors.New("disk full")
			}
			return os.WriteFile(path, data, 0o644)
		}
		if err := p.Apply(); err == nil {
			t.Fatalf("Apply() with write %d failing = nil; want an error", fail)
		}
		if got := snapshot(t, root); !mapsEqual(got, before) {
			t.Errorf("Apply() with write %d failing left files changed", fail)
		}
	}
	// The last step, removing the old file, failing too.
	write = func(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }
	defer func(r func(string) error) { remove = r }(remove)
	remove = func(path string) error {
		if strings.HasSuffix(path, "container.toml") && !strings.HasSuffix(path, "app-container.toml") {
			return errors.New("permission denied")
		}
		return os.Remove(path)
	}
	if err := p.Apply(); err == nil {
		t.Fatal("Apply() with the removal failing = nil; want an error")
	}
	if got := snapshot(t, root); !mapsEqual(got, before) {
		t.Errorf("Apply() with the removal failing left files changed")
	}
}
