package check

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/cloudkb/kb/tools/internal/repofile"
)

// TestHostileFiles runs the checker on a real folder (os.DirFS, as kb
// does) holding what a malicious pull request could commit: a symlink to
// a secret outside the repository, a named pipe, and a file over the size
// limit. Each must be refused without being read: the run ends, and the
// secret appears nowhere in the output.
func TestHostileFiles(t *testing.T) {
	const secret = "TOP-SECRET-TOKEN-4242"
	outside := filepath.Join(t.TempDir(), "secret.toml")
	if err := os.WriteFile(outside, []byte("name = \""+secret+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		file  string
		setup func(path string) error
		want  string
	}{
		{"symlink outside", "data/glossary/leak.toml", func(p string) error { return os.Symlink(outside, p) },
			"data/glossary/leak.toml: error: cannot read file: is a symbolic link: kb and Hugo read only regular files; commit the file itself [KB014]"},
		{"symlinked folder", "content/linked", func(p string) error { return os.Symlink(filepath.Dir(outside), p) },
			"content/linked: error: cannot read: is a symbolic link: kb and Hugo read only regular files; commit the file itself [KB014]"},
		{"named pipe", "data/glossary/pipe.toml", func(p string) error { return syscall.Mkfifo(p, 0o644) },
			"data/glossary/pipe.toml: error: cannot read file: is not a regular file (a pipe, a device or a socket) [KB014]"},
		{"over the size limit", "content/learning/huge.md", func(p string) error {
			f, err := os.Create(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return f.Truncate(repofile.MaxSize + 1) // sparse: no disk used
		}, "content/learning/huge.md: error: cannot read: is larger than 32 MiB, the limit for a data or content file [KB014]"},
	}
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range base.Files {
				p := filepath.Join(root, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := tt.setup(filepath.Join(root, filepath.FromSlash(tt.file))); err != nil {
				t.Fatal(err)
			}
			diags := Run(os.DirFS(root))
			var lines []string
			for _, d := range diags.Items {
				lines = append(lines, diags.Line(d))
			}
			got := strings.Join(lines, "\n")
			if got != tt.want {
				t.Errorf("Check(%s) =\n%s\nwant\n%s", tt.name, got, tt.want)
			}
			if strings.Contains(got, secret) {
				t.Errorf("Check(%s) printed the content of a file outside the repository", tt.name)
			}
		})
	}
}
