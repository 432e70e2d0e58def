package benchgen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cloudkb/kb/tools/internal/check"
)

// TestGeneratedKBIsValid runs kb check on a generated knowledge base,
// measuring checked dates against Today and against a later day by which
// no claim is due yet: it must find nothing.
func TestGeneratedKBIsValid(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Terms: 200, Pages: 20, Comparisons: 20, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	defer func(today func() time.Time) { check.Today = today }(check.Today)
	for _, today := range []time.Time{Today, Today.AddDate(0, 0, 60)} {
		check.Today = func() time.Time { return today }
		diags := check.Run(os.DirFS(dir))
		for _, d := range diags.Items {
			t.Errorf("generated knowledge base, checked on %s: %s", today.Format(time.DateOnly), diags.Line(d))
		}
	}
	// Both ways of citing a source, and dates of every kind, are there to
	// be checked.
	var data strings.Builder
	filepath.WalkDir(filepath.Join(dir, "data"), func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := os.ReadFile(p)
			data.Write(b)
		}
		return err
	})
	for _, want := range []string{"short = true", "published = ", `sources = ["source-`, `sources = [{ id = "source-`, "checked = ", "time_sensitive = true"} {
		if !strings.Contains(data.String(), want) {
			t.Errorf("the generated data/ has no %q", want)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "content/learning/page-00003.md"))
	if err != nil {
		t.Fatal(err)
	}
	words := len(strings.Fields(string(page)))
	refs := strings.Count(string(page), "{{< term") + strings.Count(string(page), "](/glossary/")
	if words < 700 || words > 950 || refs != 20 {
		t.Errorf("page-00003.md has %d words and %d term references; want about 800 and 20", words, refs)
	}
}

func TestDeterministic(t *testing.T) {
	read := func(seed uint64, plain bool) map[string][]byte {
		dir := t.TempDir()
		if err := Write(dir, Options{Terms: 50, Pages: 5, Comparisons: 5, Seed: seed, Plain: plain}); err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				files[rel], _ = os.ReadFile(p)
			}
			return err
		})
		return files
	}
	for _, plain := range []bool{false, true} {
		a, b, c := read(7, plain), read(7, plain), read(8, plain)
		same := func(x, y map[string][]byte) bool {
			if len(x) != len(y) {
				return false
			}
			for k, v := range x {
				if !bytes.Equal(v, y[k]) {
					return false
				}
			}
			return true
		}
		if !same(a, b) {
			t.Errorf("Write(seed 7, plain %v) twice gave different files", plain)
		}
		if same(a, c) {
			t.Errorf("Write(seed 7) and Write(seed 8) gave the same files (plain %v)", plain)
		}
	}
}
