package check

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want section of testdata/*.txtar from the current output")

// overlay lays a case archive over the base knowledge base: its files
// replace or add files, "delete PATH" lines in its comment remove them,
// "symlink PATH -> TARGET" lines make PATH a symbolic link, and
// "fifo PATH" lines make PATH a named pipe.
func overlay(t *testing.T, base, c *txtar.Archive) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range base.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	for _, line := range strings.Split(string(c.Comment), "\n") {
		if p, ok := strings.CutPrefix(line, "delete "); ok {
			p = strings.TrimSpace(p)
			if _, exists := fsys[p]; !exists {
				t.Fatalf("delete %s: no such file in the base", p)
			}
			delete(fsys, p)
		}
		if link, ok := strings.CutPrefix(line, "symlink "); ok {
			p, target, _ := strings.Cut(link, " -> ")
			fsys[strings.TrimSpace(p)] = &fstest.MapFile{Data: []byte(strings.TrimSpace(target)), Mode: fs.ModeSymlink}
		}
		if p, ok := strings.CutPrefix(line, "fifo "); ok {
			fsys[strings.TrimSpace(p)] = &fstest.MapFile{Mode: fs.ModeNamedPipe}
		}
	}
	for _, f := range c.Files {
		if f.Name != "want" {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}

// TestGolden runs the checker on every testdata/*.txtar case and compares
// its output, line for line, with the case's want section.
func TestGolden(t *testing.T) {
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		if name == "base" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			diags := Run(overlay(t, base, ar))
			var got strings.Builder
			for _, d := range diags.Items {
				got.WriteString(diags.Line(d) + "\n")
			}
			want, found := "", false
			for i, f := range ar.Files {
				if f.Name == "want" {
					want, found = string(f.Data), true
					if *update {
						ar.Files[i].Data = []byte(got.String())
					}
				}
			}
			if *update {
				if !found {
					ar.Files = append(ar.Files, txtar.File{Name: "want", Data: []byte(got.String())})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !found {
				t.Fatalf("%s has no want section; run go test -update", file)
			}
			if got.String() != want {
				t.Errorf("Run(%q) printed:\n%s\nwant:\n%s", name, got.String(), want)
			}
		})
	}
}

// FuzzTermFile lays an arbitrary term file over the base knowledge base:
// the checker must never panic, and every position must fall in the file.
func FuzzTermFile(f *testing.F) {
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range base.Files {
		if strings.HasPrefix(file.Name, "data/") {
			f.Add(string(file.Data))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		fsys := overlay(t, base, &txtar.Archive{Files: []txtar.File{{Name: "data/glossary/kernel.toml", Data: []byte(src)}}})
		diags := Run(fsys)
		for _, d := range diags.Items {
			if d.Offset > len(diags.Text(d.Path)) || d.End < d.Offset {
				t.Fatalf("%s: offset %d-%d outside the file (%d bytes)", diags.Line(d), d.Offset, d.End, len(diags.Text(d.Path)))
			}
		}
	})
}

// TestMain measures checked dates against a fixed day, so that no golden
// case ages.
func TestMain(m *testing.M) {
	Today = func() time.Time { return time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC) }
	os.Exit(m.Run())
}
