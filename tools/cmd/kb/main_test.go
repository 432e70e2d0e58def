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
// and kb publish must refuse rather than "fix" that by dropping the URL.
func TestRemovedTermBreaksPublishedURL(t *testing.T) {
	root := t.TempDir()
	copyTree(t, root)
	if err := os.Remove(filepath.Join(root, "data", "glossary", "kernel.toml")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", "-root", root}, {"publish", "-root", root}, {"check", "-root", root}} {
		out, err := exec.Command(kbBinary, args...).CombinedOutput()
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

// TestWritersRefuseOnDataErrors gives a copy of the repository a name
// clash: kb publish, kb fix and kb new must each exit 1, name the clash,
// and write nothing.
func TestWritersRefuseOnDataErrors(t *testing.T) {
	root := t.TempDir()
	copyTree(t, root)
	clash := "name = \"Kernel\"\nsummary = \"A second kernel.\"\ndefinition = \"Clashes.\"\nsources = [\"nist-sp-800-190\"]\n"
	if err := os.WriteFile(filepath.Join(root, "data", "glossary", "kernel-two.toml"), []byte(clash), 0o644); err != nil {
		t.Fatal(err)
	}
	ledger := filepath.Join(root, "data", "published.toml")
	before, _ := os.ReadFile(ledger)
	for _, args := range [][]string{{"publish", "-root", root}, {"fix", "-root", root}, {"new", "term", "hypervisor-two", "-root", root}} {
		cmd := exec.Command(kbBinary, args...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("kb %q with a name clash: err = %v; want exit status 1", args, err)
		}
		want := `data/glossary/kernel-two.toml:1:8: error: name "Kernel" is already the id or name of term "kernel" [KB010]`
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("kb %q printed:\n%s\nwant a line containing %q", args, stderr.String(), want)
		}
	}
	if after, _ := os.ReadFile(ledger); string(after) != string(before) {
		t.Errorf("kb publish with a name clash changed %s", ledger)
	}
	if _, err := os.Stat(filepath.Join(root, "data", "glossary", "hypervisor-two.toml")); err == nil {
		t.Errorf("kb new with a name clash wrote a term file")
	}
}

// TestAddingAGenericTermKeepsStrictCheck adds a complete term named
// "Service" (linked both ways as related, published) to a copy of the
// repository: pages nobody edited must not start failing kb check -strict
// because they use the word.
func TestAddingAGenericTermKeepsStrictCheck(t *testing.T) {
	root := t.TempDir()
	copyTree(t, root)
	term := `name = "Service"
summary = "A program that answers requests from other programs over a network."
definition = "A service answers requests; a [microservice](/glossary/microservice/) is a small one."
related = ["microservice"]
sources = ["fowler-lewis-microservices"]
`
	if err := os.WriteFile(filepath.Join(root, "data", "glossary", "service.toml"), []byte(term), 0o644); err != nil {
		t.Fatal(err)
	}
	micro := filepath.Join(root, "data", "glossary", "microservice.toml")
	text, err := os.ReadFile(micro)
	if err != nil {
		t.Fatal(err)
	}
	text = []byte(strings.Replace(string(text), "related = [", `related = ["service", `, 1))
	if err := os.WriteFile(micro, text, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(kbBinary, "publish", "-root", root).CombinedOutput(); err != nil {
		t.Fatalf("kb publish: %v\n%s", err, out)
	}
	out, err := exec.Command(kbBinary, "check", "-strict", "-root", root).CombinedOutput()
	if err != nil {
		t.Errorf("kb check -strict after adding the term Service: %v\n%s", err, out)
	}
}
