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
