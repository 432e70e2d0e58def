package backlinks

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cloudkb/kb/tools/internal/redirects"
)

const termFile = `name = "Kernel"
aliases = ["OS kernel"]
summary = "The core of an operating system."
definition = "The part of an operating system that talks to the hardware."
sources = ["s"]
`

// kbAt writes a small knowledge base: one term and one page that refers to it.
func kbAt(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"data/glossary/kernel.toml":    termFile,
		"data/sources.toml":            "[s]\ntitle = \"S\"\nurl = \"https://example.org/\"\npublisher = \"P\"\naccessed = 2026-01-01\n",
		"data/comparisons/k-vs-k.toml": "title = \"K\"\nsubjects = [\"kernel\"]\n",
		"content/learning/a.md":        "---\ntitle: A\n---\nThe {{< term \"kernel\" >}}.\n\n{{< comparison \"k-vs-k\" >}}\n",
		"content/learning/b.md":        "---\ntitle: B\n---\nNo terms.\n",
	}
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	if err := os.CopyFS(root, fsys); err != nil {
		t.Fatal(err)
	}
	return root
}

func readFile(t *testing.T, root, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWrite(t *testing.T) {
	root := kbAt(t)
	for i, want := range []bool{true, false} {
		changed, err := Write(root)
		if err != nil || changed != want {
			t.Fatalf("Write #%d = %v, %v; want %v, nil", i+1, changed, err, want)
		}
	}
	tests := []struct{ file, want string }{
		{File, `{
 "version": 2,
 "terms": {
  "kernel": {
   "pages": [
    "learning/a.md"
   ]
  }
 },
 "comparisons": {
  "k-vs-k": {
   "pages": [
    "learning/a.md"
   ]
  }
 }
}
`},
		{redirects.File, `{
 "version": 1,
 "glossary": {
  "kernel": [
   "/glossary/os-kernel/"
  ]
 },
 "compare": {}
}
`},
	}
	for _, tt := range tests {
		if got := readFile(t, root, tt.file); got != tt.want {
			t.Errorf("Write wrote %s\n%s; want\n%s", tt.file, got, tt.want)
		}
	}
}

// TestWatch edits a page, as a contributor running make serve would, and
// waits for the graph to follow.
func TestWatch(t *testing.T) {
	root := kbAt(t)
	if _, err := Write(root); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rewrites := make(chan error, 10)
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, root, func(changed bool, err error) { rewrites <- err })
	}()
	// The watcher is ready once it reports an edit; edit until it does.
	page := filepath.Join(root, "content", "learning", "b.md")
	edit := "---\ntitle: B\n---\nNow the {{< term \"kernel\" >}}.\n"
	deadline := time.After(20 * time.Second)
	for waiting := true; waiting; {
		if err := os.WriteFile(page, []byte(edit), 0o644); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-rewrites:
			if err != nil {
				t.Fatalf("Watch reported %v", err)
			}
			waiting = false
		case <-time.After(500 * time.Millisecond):
		case <-deadline:
			t.Fatal("Watch did not rewrite the graph within 20s of an edit")
		}
	}
	if got := readFile(t, root, File); !strings.Contains(got, `"learning/b.md"`) {
		t.Errorf("graph after the edit = %s; want learning/b.md among kernel's pages", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Watch = %v; want nil after cancel", err)
	}
}
