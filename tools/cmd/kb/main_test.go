package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var kbBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kb-test")
	if err != nil {
		panic(err)
	}
	kbBinary = filepath.Join(dir, "kb")
	if out, err := exec.Command("go", "build", "-o", kbBinary, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestExitStatus runs the built command: 0 with no error, 1 with errors, 2
// for a usage error.
func TestExitStatus(t *testing.T) {
	broken := t.TempDir()
	if err := os.MkdirAll(filepath.Join(broken, "data", "glossary"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(broken, "data", "glossary", "x.toml"), []byte("name = \n"), 0o644)
	tests := []struct {
		name   string
		args   []string
		status int
		stdout string // a line the output must contain
	}{
		{"the repository itself is clean", []string{"check", "-root", "../../.."}, 0, ""},
		{"errors exit 1", []string{"check", "-root", broken}, 1, "data/glossary/x.toml:1:8: error: invalid TOML: expected value but found '\\n' instead"},
		{"no data folder exits 1", []string{"check", "-root", t.TempDir()}, 1, "data: error: no data folder"},
		{"no command", nil, 2, ""},
		{"unknown command", []string{"chek"}, 2, ""},
		{"stray argument", []string{"check", "extra"}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(kbBinary, tt.args...)
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			status := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				status = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if status != tt.status {
				t.Errorf("kb %q exit status = %d; want %d\nstdout:\n%s\nstderr:\n%s", tt.args, status, tt.status, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("kb %q printed:\n%s\nwant a line containing %q", tt.args, stdout.String(), tt.stdout)
			}
		})
	}
}

// copyTree copies the folders of the repository that kb reads into dst.
func copyTree(t *testing.T, dst string) {
	t.Helper()
	for _, dir := range []string{"data", "content"} {
		src := filepath.Join("..", "..", "..", dir)
		err := filepath.WalkDir(src, func(p string, e os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			target := filepath.Join(dst, dir, rel)
			if e.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestRemovedTermBreaksPublishedURL removes a term from a copy of the
// repository: kb check must fail and name the URL that would disappear,
// and kb publish must not "fix" that by dropping the URL.
func TestRemovedTermBreaksPublishedURL(t *testing.T) {
	root := t.TempDir()
	copyTree(t, root)
	if err := os.Remove(filepath.Join(root, "data", "glossary", "kernel.toml")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", "-root", root}, {"publish", "-root", root}, {"check", "-root", root}} {
		out, err := exec.Command(kbBinary, args...).Output()
		if args[0] == "publish" {
			if err != nil {
				t.Fatalf("kb publish: %v", err)
			}
			continue
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("kb %q after removing kernel.toml: err = %v; want exit status 1", args, err)
		}
		want := "error: published URL /glossary/kernel/ no longer leads to a term"
		if !strings.Contains(string(out), want) {
			t.Errorf("kb %q printed:\n%s\nwant a line containing %q", args, out, want)
		}
	}
}
