package repofile

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestRead(t *testing.T) {
	fsys := fstest.MapFS{
		"data/a.toml":         {Data: []byte("a = 1\n")},
		"data/link.toml":      {Data: []byte("../secret"), Mode: fs.ModeSymlink},
		"data/pipe.toml":      {Mode: fs.ModeNamedPipe},
		"data/device.toml":    {Mode: fs.ModeDevice},
		"data/big.toml":       {Data: []byte(strings.Repeat("x", MaxSize+1))},
		"linked":              {Data: []byte("data"), Mode: fs.ModeSymlink | fs.ModeDir},
		"content/sub/page.md": {Data: []byte("text")},
	}
	tests := []struct {
		name    string
		file    string
		want    string
		wantErr error
	}{
		{"regular file", "data/a.toml", "a = 1\n", nil},
		{"in a subfolder", "content/sub/page.md", "text", nil},
		{"symbolic link", "data/link.toml", "", ErrSymlink},
		{"named pipe", "data/pipe.toml", "", ErrNotRegular},
		{"device", "data/device.toml", "", ErrNotRegular},
		{"over the limit", "data/big.toml", "", ErrTooLarge},
		{"through a linked folder", "linked/a.toml", "", ErrSymlink},
		{"missing", "data/none.toml", "", fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(fsys, tt.file)
			if string(got) != tt.want || !errors.Is(err, tt.wantErr) {
				t.Errorf("Read(%q) = %q, %v; want %q, %v", tt.file, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestMaskBOM(t *testing.T) {
	tests := []struct {
		name, text, want string
		bom              bool
	}{
		{"none", "a = 1", "a = 1", false},
		{"leading", BOM + "a = 1", "   a = 1", true},
		{"only a mark", BOM, "   ", true},
		{"not at the start", "a" + BOM, "a" + BOM, false},
		{"part of a mark", "\xef\xbb", "\xef\xbb", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bom := MaskBOM([]byte(tt.text))
			if string(got) != tt.want || bom != tt.bom {
				t.Errorf("MaskBOM(%q) = %q, %v; want %q, %v", tt.text, got, bom, tt.want, tt.bom)
			}
		})
	}
}
