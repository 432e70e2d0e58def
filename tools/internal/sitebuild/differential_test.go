package sitebuild

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	kbcheck "github.com/cloudkb/kb/tools/internal/check"
	"github.com/cloudkb/kb/tools/internal/diag"
)

// diffCase is one archive of testdata/differential: files laid over a
// copy of the site, and what Hugo and kb check must make of the result.
// Its comment holds the prose, then one directive a line:
//
//	hugo fails: TEXT    Hugo fails, and its output holds TEXT
//	hugo builds         Hugo builds the site
//	hugo warns: TEXT    Hugo builds, and its output holds TEXT
//	hugo lacks: PATH    Hugo builds, without the file PATH under its output
//	check: LINE         an error kb check prints, as it prints it ("..."
//	                    in LINE stands for any text); none: check passes
//	stricter: REASON    kb check fails where Hugo builds, and why
//	delete PATH         remove PATH from the copy
//	edit PATH: OLD => NEW
//	                    replace the first OLD in PATH with NEW
//	symlink PATH -> TARGET
//	                    make PATH a symbolic link to TARGET (relative to
//	                    PATH's folder), replacing any file there
type diffCase struct {
	files     []txtar.File
	deletes   []string
	edits     [][3]string // path, old, new
	symlinks  [][2]string // path, target
	hugoFails bool
	hugoText  []string // what Hugo's output must hold
	lacks     []string
	check     []string
	stricter  string
}

func parseDiffCase(t *testing.T, file string) diffCase {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := diffCase{files: ar.Files}
	outcome := false
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		key, value, _ := strings.Cut(line, ":")
		value = strings.TrimSpace(value)
		switch {
		case line == "hugo builds":
			outcome = true
		case key == "hugo fails":
			c.hugoFails, outcome = true, true
			c.hugoText = append(c.hugoText, value)
		case key == "hugo warns":
			c.hugoText, outcome = append(c.hugoText, value), true
		case key == "hugo lacks":
			c.lacks, outcome = append(c.lacks, value), true
		case key == "check":
			c.check = append(c.check, value)
		case key == "stricter":
			c.stricter = value
		case strings.HasPrefix(line, "symlink "):
			p, target, ok := strings.Cut(strings.TrimPrefix(line, "symlink "), " -> ")
			if !ok {
				t.Fatalf("%s: %q: want symlink PATH -> TARGET", file, line)
			}
			c.symlinks = append(c.symlinks, [2]string{strings.TrimSpace(p), strings.TrimSpace(target)})
		case strings.HasPrefix(line, "delete "):
			c.deletes = append(c.deletes, strings.TrimSpace(strings.TrimPrefix(line, "delete ")))
		case strings.HasPrefix(key, "edit "):
			old, repl, ok := strings.Cut(value, " => ")
			if !ok {
				t.Fatalf("%s: %q: want edit PATH: OLD => NEW", file, line)
			}
			c.edits = append(c.edits, [3]string{strings.TrimPrefix(key, "edit "), old, repl})
		}
	}
	switch {
	case !outcome:
		t.Fatalf("%s says nothing of Hugo: add hugo fails: TEXT, or hugo builds", file)
	case c.hugoFails && len(c.check) == 0:
		t.Fatalf("%s: Hugo fails, so kb check must: add the check: line it prints", file)
	case !c.hugoFails && len(c.check) > 0 && c.stricter == "":
		t.Fatalf("%s: kb check fails where Hugo builds: say why in a stricter: line, or fix kb check", file)
	case c.stricter != "" && (c.hugoFails || len(c.check) == 0):
		t.Fatalf("%s: stricter: is only for a case Hugo builds and kb check fails", file)
	}
	return c
}

// apply lays the case over a copy of the site at dir.
func (c diffCase) apply(t *testing.T, dir string) {
	t.Helper()
	for _, f := range c.files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range c.deletes {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(d))); err != nil {
			t.Fatalf("delete %s: %v", d, err)
		}
	}
	for _, e := range c.edits {
		p := filepath.Join(dir, filepath.FromSlash(e[0]))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), e[1]) {
			t.Fatalf("edit %s: %q is not in the site's file: update the case", e[0], e[1])
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), e[1], e[2], 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range c.symlinks {
		p := filepath.Join(dir, filepath.FromSlash(l[0]))
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.FromSlash(l[1]), p); err != nil {
			t.Fatal(err)
		}
	}
}

// matchLine reports whether a printed line matches an expected one, in
// which "..." stands for any text.
func matchLine(want, got string) bool {
	parts := strings.Split(want, "...")
	if len(parts) == 1 {
		return want == got
	}
	if !strings.HasPrefix(got, parts[0]) || !strings.HasSuffix(got[len(parts[0]):], parts[len(parts)-1]) {
		return false
	}
	rest := got[len(parts[0]) : len(got)-len(parts[len(parts)-1])]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return true
}

// TestDifferential lays every case of testdata/differential over a copy
// of the site, runs kb check (its errors) and a real Hugo build on it, and
// fails when they disagree: kb check passes where Hugo fails, or fails
// where Hugo builds, unless the case says why kb is stricter. Each case
// also states the errors kb check prints, with their file:line:col, and
// what Hugo's output says.
func TestDifferential(t *testing.T) {
	root, err := RepoRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "differential", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/differential: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			c := parseDiffCase(t, file)
			src, public := t.TempDir(), t.TempDir()
			if err := CopySite(root, src); err != nil {
				t.Fatal(err)
			}
			c.apply(t, src)

			diags := kbcheck.Run(os.DirFS(src))
			var errs []string
			for _, d := range diags.Items {
				if d.Severity == diag.Error {
					errs = append(errs, diags.Line(d))
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
			defer cancel()
			out, buildErr := Build(ctx, root, src, public)

			switch {
			case buildErr != nil && len(errs) == 0:
				t.Errorf("kb check passes, but Hugo fails: %v\n%s", buildErr, out)
			case buildErr == nil && len(errs) > 0 && c.stricter == "":
				t.Errorf("Hugo builds, but kb check fails:\n%s", strings.Join(errs, "\n"))
			}
			if c.hugoFails != (buildErr != nil) {
				t.Errorf("Build() error = %v; want failing: %v\n%s", buildErr, c.hugoFails, out)
			}
			for _, text := range c.hugoText {
				if !strings.Contains(string(out), text) {
					t.Errorf("Build() printed:\n%s\nwant it to say %q", out, text)
				}
			}
			for _, p := range c.lacks {
				if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(p))); err == nil {
					t.Errorf("Build() wrote %s; want it missing", p)
				}
			}
			for _, w := range c.check {
				if !slices.ContainsFunc(errs, func(got string) bool { return matchLine(w, got) }) {
					t.Errorf("Run(%s) errors:\n%s\nwant a line:\n%s", filepath.Base(file), strings.Join(errs, "\n"), w)
				}
			}
			for _, got := range errs {
				if !slices.ContainsFunc(c.check, func(w string) bool { return matchLine(w, got) }) {
					t.Errorf("Run(%s) printed an error the case does not expect:\n%s", filepath.Base(file), got)
				}
			}
		})
	}
}
