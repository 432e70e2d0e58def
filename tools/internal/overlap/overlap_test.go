package overlap

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cloudkb/kb/tools/internal/diag"
)

func TestShared(t *testing.T) {
	const ref = "The quick brown fox jumps over the lazy dog, doesn't it?"
	tests := []struct {
		name, text string
		want       []string
	}{
		{"no overlap", "Something else entirely.", nil},
		{"exact run", "Yes: the quick brown fox jumps.", []string{"5:the quick brown fox jumps"}},
		{"case and punctuation ignored", "THE QUICK, brown FOX!", []string{"0:the quick brown fox"}},
		{"run extends to its end", "a brown fox jumps over the lazy dog doesn't it", []string{"2:brown fox jumps over the lazy dog doesn't it"}},
		{"curly apostrophe", "lazy dog, doesn’t it", []string{"0:lazy dog doesn't it"}},
		{"shorter than n", "the quick brown", nil},
	}
	ix := NewIndex(ref, 4)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range ix.Shared(tt.text) {
				got = append(got, fmt.Sprintf("%d:%s", r.Offset, strings.Join(r.Words, " ")))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Shared(%q) = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}

// seedRun is the length of a shared run of words that counts as copying.
const seedRun = 10

// TestNoCopiedSentences fails when any file under content/ or data/
// shares a run of ten or more words with the seed article, which lives
// beside the repository in ../shared/seed/.
func TestNoCopiedSentences(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	seed, err := os.ReadFile(filepath.Join(root, "..", "shared", "seed", "serverless-vs-containers.txt"))
	if err != nil {
		t.Skipf("the seed article is not beside the repository (%v): nothing to compare with", err)
	}
	ix := NewIndex(string(seed), seedRun)
	var diags diag.List
	for _, dir := range []string{"content", "data"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			text, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			diags.AddFile(rel, text)
			for _, r := range ix.Shared(string(text)) {
				diags.Add(rel, r.Offset, "", "%d words copied from the seed article: %q", len(r.Words), strings.Join(r.Words, " "))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	diags.Sort()
	for _, d := range diags.Items {
		t.Error(diags.Line(d))
	}
}
