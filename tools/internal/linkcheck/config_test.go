package linkcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// tree writes files (slash paths) under a new folder and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	if err := os.CopyFS(root, fsys); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		base  string
		file  string // the file read, relative to the root; "" for none
		err   string // part of the error; "" for none
	}{
		{"a path prefix", map[string]string{"config.toml": "title = \"KB\"\nbaseURL = \"https://cloudkb.github.io/kb/\"\n"}, "https://cloudkb.github.io/kb/", "config.toml", ""},
		{"the key in lower case", map[string]string{"config.toml": "baseurl = \"/docs/\"\n"}, "/docs/", "config.toml", ""},
		{"hugo.toml first", map[string]string{"hugo.toml": "baseURL = \"/new/\"\n", "config.toml": "baseURL = \"/old/\"\n"}, "/new/", "hugo.toml", ""},
		{"a configuration folder", map[string]string{"config/_default/hugo.toml": "baseURL = \"/kb/\"\n"}, "/kb/", "config/_default/hugo.toml", ""},
		{"no baseURL", map[string]string{"config.toml": "title = \"KB\"\n"}, "", "config.toml", ""},
		{"no configuration", map[string]string{"README.md": "x"}, "", "", ""},
		{"not TOML", map[string]string{"config.toml": "baseURL = \n"}, "", "config.toml", "read the base URL from "},
		{"not a string", map[string]string{"config.toml": "baseURL = 3\n"}, "", "config.toml", "baseURL is a int64, not a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			base, file, err := BaseURL(root)
			wantFile := ""
			if tt.file != "" {
				wantFile = filepath.Join(root, filepath.FromSlash(tt.file))
			}
			if base != tt.base || file != wantFile {
				t.Errorf("BaseURL(%q) = %q, %q; want %q, %q", tt.name, base, file, tt.base, wantFile)
			}
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Errorf("BaseURL(%q) error = %v; want %q", tt.name, err, tt.err)
			}
		})
	}
}

func TestFindRoot(t *testing.T) {
	root := tree(t, map[string]string{
		"config.toml":             "baseURL = \"/kb/\"\n",
		"public/glossary/x.html":  "x",
		"examples/site/hugo.toml": "baseURL = \"/\"\n",
		"examples/site/public/i":  "x",
	})
	tests := []struct {
		name string
		dir  string
		want string
	}{
		{"the site folder", "public", "."},
		{"a folder inside it", "public/glossary", "."},
		{"the root itself", ".", "."},
		{"the nearest of two", "examples/site/public", "examples/site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FindRoot(filepath.Join(root, filepath.FromSlash(tt.dir)))
			if want := filepath.Join(root, filepath.FromSlash(tt.want)); err != nil || got != want {
				t.Errorf("FindRoot(%q) = %q, %v; want %q", tt.dir, got, err, want)
			}
		})
	}
}
