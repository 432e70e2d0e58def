package knowdiff

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixtureRepo builds a git repository with two commits: testdata/base.txtar,
// then testdata/change.txtar applied on top. Names, e-mails and dates are
// fixed so the commits are the same on every run.
func fixtureRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	gitIn := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(),
			"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=Fixture", "GIT_AUTHOR_EMAIL=fixture@example.com", "GIT_AUTHOR_DATE=2026-12-01T12:00:00Z",
			"GIT_COMMITTER_NAME=Fixture", "GIT_COMMITTER_EMAIL=fixture@example.com", "GIT_COMMITTER_DATE=2026-12-01T12:00:00Z",
		)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	apply := func(name string) {
		t.Helper()
		ar, err := txtar.ParseFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name == "DELETE" {
				for _, p := range strings.Fields(string(f.Data)) {
					if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
						t.Fatal(err)
					}
				}
				continue
			}
			p := filepath.Join(dir, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		gitIn("add", "-A")
		gitIn("commit", "-q", "-m", name)
	}
	gitIn("init", "-q", "-b", "main")
	apply("base.txtar")
	apply("change.txtar")
	return dir
}

// load reads the knowledge base at rev, or in the working tree for "",
// failing on any error in it: the fixture must be valid data.
func load(t *testing.T, dir, rev string) *kbdata.KB {
	t.Helper()
	diags := &diag.List{}
	if rev == "" {
		return kbdata.Load(os.DirFS(dir), diags)
	}
	fsys, err := ReadRev(dir, rev)
	if err != nil {
		t.Fatalf("ReadRev(%q) = %v", rev, err)
	}
	kb := kbdata.Load(fsys, diags)
	if errs, _ := diags.Count(); errs > 0 {
		t.Fatalf("the fixture at %s has %d errors: %v", rev, errs, diags)
	}
	return kb
}

// TestDiff compares the fixture's two commits (the working tree is the
// second) and checks every format against its golden file.
func TestDiff(t *testing.T) {
	dir := fixtureRepo(t)
	changes := Compare(load(t, dir, "HEAD~1"), load(t, dir, ""))
	// The working tree and the second commit must read the same.
	if again := Compare(load(t, dir, "HEAD~1"), load(t, dir, "HEAD")); !reflect.DeepEqual(again, changes) {
		t.Errorf("Compare(HEAD~1, HEAD) differs from Compare(HEAD~1, working tree)")
	}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, format, "HEAD~1", changes); err != nil {
				t.Fatalf("Write(%q) = %v; want nil", format, err)
			}
			golden(t, filepath.Join("testdata", "diff."+format+".golden"), buf.Bytes())
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update to accept it):\n%s", path, got)
	}
}

// TestDiffFlags checks, in the fixture, the two things a reviewer relies
// on most: the flag on a fact changed under an unmoved checked date, and
// the comparison cells a fact change reaches.
func TestDiffFlags(t *testing.T) {
	dir := fixtureRepo(t)
	changes := Compare(load(t, dir, "HEAD~1"), load(t, dir, ""))
	tests := []struct {
		want Change
		has  bool
	}{
		{Change{Group: Terms, ID: "serverless-computing", Kind: Review, Field: "facts.cost-when-idle"}, true},
		{Change{Group: Terms, ID: "container", Kind: Review, Field: "facts.scaling"}, false}, // its checked moved
		{Change{Group: Terms, ID: "virtual-machine", Kind: Renamed, Former: "vm"}, true},
		{Change{Group: Terms, ID: "vm", Kind: Removed}, false}, // a rename, not a removal
		{Change{Group: Comparisons, ID: "serverless-vs-containers", Kind: Affected, Field: "cells.container.scaling"}, true},
		{Change{Group: Comparisons, ID: "serverless-vs-containers", Kind: Affected, Field: "takeaways.cost-when-idle"}, true},
		{Change{Group: Comparisons, ID: "containers-vs-vms", Kind: Affected, Field: "cells.container.scaling"}, true},
		{Change{Group: Comparisons, ID: "containers-vs-vms", Kind: Affected, Field: "cells.virtual-machine.scaling"}, false},
		{Change{Group: Sources, ID: "kubernetes-overview", Kind: Added}, true},
		{Change{Group: Terms, ID: "container", Kind: Removed, Field: "sources"}, true},
		{Change{Group: Ledger, ID: "/glossary/virtual-machine/", Kind: Added}, true},
	}
	for _, tt := range tests {
		has := false
		for _, c := range changes {
			if c.Group == tt.want.Group && c.ID == tt.want.ID && c.Kind == tt.want.Kind && c.Field == tt.want.Field && c.Former == tt.want.Former {
				has = true
			}
		}
		if has != tt.has {
			t.Errorf("Compare() has %s %s %s %q = %v; want %v", tt.want.Group, tt.want.ID, tt.want.Kind, tt.want.Field, has, tt.has)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		old, new string
		want     []Word
	}{
		{"a b c", "a b c", []Word{{"=", "a b c"}}},
		{"a b c", "a x c", []Word{{"=", "a"}, {"-", "b"}, {"+", "x"}, {"=", "c"}}},
		{"a c", "a b c", []Word{{"=", "a"}, {"+", "b"}, {"=", "c"}}},
		{"a b c", "a c", []Word{{"=", "a"}, {"-", "b"}, {"=", "c"}}},
		{"one\ntwo  three", "one two three four", []Word{{"=", "one two three"}, {"+", "four"}}},
		{"x y", "", []Word{{"-", "x y"}}},
		// Two equal words between edits are folded into them; three are kept.
		{"a b c d", "b c a d", []Word{{"-", "a b c"}, {"+", "b c a"}, {"=", "d"}}},
		{"x a b c y", "p a b c q", []Word{{"-", "x"}, {"+", "p"}, {"=", "a b c"}, {"-", "y"}, {"+", "q"}}},
	}
	for _, tt := range tests {
		if got := Words(tt.old, tt.new); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q, %q) = %v; want %v", tt.old, tt.new, got, tt.want)
		}
	}
}

func TestRenderWords(t *testing.T) {
	long := "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14"
	tests := []struct {
		words []Word
		want  string
	}{
		{[]Word{{"=", "a"}, {"-", "b"}, {"+", "c"}}, "a [-b-] {+c+}"},
		{[]Word{{"=", long}, {"+", "x"}}, "… w9 w10 w11 w12 w13 w14 {+x+}"},
		{[]Word{{"+", "x"}, {"=", long}}, "{+x+} w1 w2 w3 w4 w5 w6 …"},
		{[]Word{{"-", "x"}, {"=", long}, {"+", "y"}}, "[-x-] w1 w2 w3 w4 w5 w6 … w9 w10 w11 w12 w13 w14 {+y+}"},
	}
	for _, tt := range tests {
		if got := renderWords(tt.words, "[-", "-]", "{+", "+}", func(s string) string { return s }); got != tt.want {
			t.Errorf("renderWords(%v) = %q; want %q", tt.words, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	dir := fixtureRepo(t)
	tests := []struct {
		dir, rev string
		want     string // a part of the error, "" for none
	}{
		{dir, "HEAD~1", ""},
		{dir, "main", ""},
		{dir, "no-such-branch", `unknown revision "no-such-branch"`},
		{dir, "--output=x", `unknown revision "--output=x"`},
		{t.TempDir(), "HEAD", "not a git repository"},
	}
	for _, tt := range tests {
		_, err := Resolve(tt.dir, tt.rev)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("Resolve(%q) = %v; want nil", tt.rev, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("Resolve(%q) = %v; want an error containing %q", tt.rev, err, tt.want)
		}
	}
	if _, err := Resolve(t.TempDir(), "HEAD"); !errors.Is(err, ErrNotRepo) {
		t.Errorf("Resolve(%q) = %v; want %v", "HEAD", err, ErrNotRepo)
	}
}

func TestWriteNoChange(t *testing.T) {
	tests := []struct{ format, want string }{
		{"text", "No change to the knowledge since main.\n"},
		{"markdown", "No change to the knowledge since `main`.\n"},
		{"json", "{\n  \"version\": 1,\n  \"base\": \"main\",\n  \"changes\": []\n}\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Write(&buf, tt.format, "main", nil); err != nil || buf.String() != tt.want {
			t.Errorf("Write(%q) = %q, %v; want %q, nil", tt.format, buf.String(), err, tt.want)
		}
	}
}

// TestContributingExample keeps the example in CONTRIBUTING.md the real
// output of the fixture.
func TestContributingExample(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "CONTRIBUTING.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "diff.text.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, append([]byte("```text\n"), want...)) {
		t.Errorf("CONTRIBUTING.md, \"Reviewing a change to the knowledge\", does not quote testdata/diff.text.golden: paste it there")
	}
}
