package dates

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The commit dates of the test repository: fixed, so the expected dates
// are known, and far from the files' modification times (now).
var (
	firstCommit  = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	secondCommit = time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
)

// run runs git in dir with a fixed identity and committer date, and no
// user or system configuration.
func run(t *testing.T, dir string, when time.Time, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	stamp := when.Format(time.RFC3339)
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_AUTHOR_DATE="+stamp,
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org", "GIT_COMMITTER_DATE="+stamp,
	)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func writeFile(t *testing.T, root, name, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// setMtime gives a file a known modification time.
func setMtime(t *testing.T, root, name string, when time.Time) {
	t.Helper()
	if err := os.Chtimes(filepath.Join(root, filepath.FromSlash(name)), when, when); err != nil {
		t.Fatal(err)
	}
}

// repo makes a git repository with the knowledge base in sub (a folder
// below the work tree's top, or "" for the top) and two commits: the
// first adds the terms kernel and container and the comparison a-vs-b,
// the second changes container alone.
func repo(t *testing.T, sub string) (top, root string) {
	t.Helper()
	top = t.TempDir()
	root = filepath.Join(top, filepath.FromSlash(sub))
	run(t, top, firstCommit, "init", "-q")
	writeFile(t, root, "data/glossary/kernel.toml", "name = \"Kernel\"\n")
	writeFile(t, root, "data/glossary/container.toml", "name = \"Container\"\n")
	writeFile(t, root, "data/comparisons/a-vs-b.toml", "title = \"A vs B\"\n")
	writeFile(t, root, "data/glossary/README", "not a term\n")
	run(t, top, firstCommit, "add", "-A")
	run(t, top, firstCommit, "commit", "-q", "-m", "first")
	writeFile(t, root, "data/glossary/container.toml", "name = \"Container\"\naliases = [\"c\"]\n")
	run(t, top, secondCommit, "commit", "-q", "-am", "second")
	return top, root
}

func TestCompute(t *testing.T) {
	edited := time.Date(2027, 3, 4, 5, 6, 7, 0, time.UTC) // an mtime no commit has
	tests := []struct {
		name  string
		sub   string                          // the knowledge base's folder in the repository
		setup func(t *testing.T, root string) // after the two commits
		git   bool                            // whether the root is in a work tree
		terms map[string]time.Time
		comps map[string]time.Time
		mtime []string
	}{
		{
			name:  "committed",
			git:   true,
			terms: map[string]time.Time{"kernel": firstCommit, "container": secondCommit},
			comps: map[string]time.Time{"a-vs-b": firstCommit},
		},
		{
			name:  "committed, in a subfolder",
			sub:   "site/docs",
			git:   true,
			terms: map[string]time.Time{"kernel": firstCommit, "container": secondCommit},
			comps: map[string]time.Time{"a-vs-b": firstCommit},
		},
		{
			name: "modified, untracked and staged",
			setup: func(t *testing.T, root string) {
				writeFile(t, root, "data/glossary/kernel.toml", "name = \"Kernels\"\n")
				setMtime(t, root, "data/glossary/kernel.toml", edited)
				writeFile(t, root, "data/glossary/new.toml", "name = \"New\"\n")
				setMtime(t, root, "data/glossary/new.toml", edited)
				writeFile(t, root, "data/comparisons/a-vs-b.toml", "title = \"A or B\"\n")
				setMtime(t, root, "data/comparisons/a-vs-b.toml", edited)
				run(t, root, edited, "add", "data/comparisons/a-vs-b.toml")
			},
			git:   true,
			terms: map[string]time.Time{"kernel": edited, "container": secondCommit, "new": edited},
			comps: map[string]time.Time{"a-vs-b": edited},
			mtime: []string{"data/comparisons/a-vs-b.toml", "data/glossary/kernel.toml", "data/glossary/new.toml"},
		},
		{
			name: "outside git",
			setup: func(t *testing.T, root string) {
				if err := os.RemoveAll(filepath.Join(root, ".git")); err != nil {
					t.Fatal(err)
				}
				for _, f := range []string{"data/glossary/kernel.toml", "data/glossary/container.toml", "data/comparisons/a-vs-b.toml"} {
					setMtime(t, root, f, edited)
				}
			},
			terms: map[string]time.Time{"kernel": edited, "container": edited},
			comps: map[string]time.Time{"a-vs-b": edited},
			mtime: []string{"data/comparisons/a-vs-b.toml", "data/glossary/container.toml", "data/glossary/kernel.toml"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, root := repo(t, tt.sub)
			if tt.setup != nil {
				tt.setup(t, root)
			}
			d, err := Compute(root)
			if err != nil {
				t.Fatalf("Compute(%q) = %v; want nil", root, err)
			}
			for _, c := range []struct {
				what      string
				got, want map[string]time.Time
			}{{"Terms", d.Terms, tt.terms}, {"Comparisons", d.Comparisons, tt.comps}} {
				if !mapsEqual(c.got, c.want) {
					t.Errorf("Compute(%s).%s = %v; want %v", tt.name, c.what, c.got, c.want)
				}
			}
			if !slices.Equal(d.Mtime, tt.mtime) {
				t.Errorf("Compute(%s).Mtime = %q; want %q", tt.name, d.Mtime, tt.mtime)
			}
			wantSource := SourceGit
			if len(tt.mtime) > 0 {
				wantSource = SourceMtime
			}
			if got := d.Source(); got != wantSource {
				t.Errorf("Compute(%s).Source() = %q; want %q", tt.name, got, wantSource)
			}
			if got := d.Why == ""; got != tt.git {
				t.Errorf("Compute(%s).Why = %q; want empty = %v", tt.name, d.Why, tt.git)
			}
			if got := d.Note() == ""; got != (wantSource == SourceGit) {
				t.Errorf("Compute(%s).Note() = %q; want empty = %v", tt.name, d.Note(), wantSource == SourceGit)
			}
		})
	}
}

func mapsEqual(a, b map[string]time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !v.Equal(w) {
			return false
		}
	}
	return true
}

// TestWriteDeterministic writes the dates of one commit twice, the second
// time in a fresh clone whose files all have new modification times: the
// bytes must not change, and they are commit dates in UTC.
func TestWriteDeterministic(t *testing.T) {
	top, _ := repo(t, "")
	clone := filepath.Join(t.TempDir(), "clone")
	run(t, top, secondCommit, "clone", "-q", top, clone)
	var written [][]byte
	for _, root := range []string{top, clone} {
		changed, note, err := Write(root)
		if err != nil || !changed || note != "" {
			t.Fatalf("Write(%q) = %v, %q, %v; want true, \"\", nil", root, changed, note, err)
		}
		b, err := os.ReadFile(filepath.Join(root, File))
		if err != nil {
			t.Fatal(err)
		}
		written = append(written, b)
	}
	if !bytes.Equal(written[0], written[1]) {
		t.Errorf("Write(clone) = %s; want the same bytes as Write(original) = %s", written[1], written[0])
	}
	var got struct {
		Version int               `json:"version"`
		Source  string            `json:"source"`
		Terms   map[string]string `json:"terms"`
	}
	if err := json.Unmarshal(written[0], &got); err != nil {
		t.Fatalf("Unmarshal(%s) = %v; want nil", File, err)
	}
	if got.Version != Version || got.Source != SourceGit || got.Terms["container"] != "2026-11-29T10:00:00Z" {
		t.Errorf("Write = %s; want version 1, source git, container 2026-11-29T10:00:00Z", written[0])
	}
	// A second run changes nothing: Hugo's server reloads on every write.
	if changed, _, err := Write(top); err != nil || changed {
		t.Errorf("Write(again) = %v, %v; want false, nil", changed, err)
	}
}

// TestCommitDateInUTC: a commit made in another time zone is written in
// UTC, so the day does not depend on where the commit was made. The first
// Compute fills the cache kb serve relies on; the new commit must not be
// answered from it.
func TestCommitDateInUTC(t *testing.T) {
	top, root := repo(t, "")
	if _, err := Compute(root); err != nil {
		t.Fatal(err)
	}
	east := time.FixedZone("east", 10*3600)
	when := time.Date(2026, 12, 1, 8, 0, 0, 0, east) // 2026-11-30T22:00:00Z
	writeFile(t, root, "data/glossary/kernel.toml", "name = \"Kernel!\"\n")
	run(t, top, when, "commit", "-q", "-am", "third")
	d, err := Compute(root)
	if err != nil {
		t.Fatal(err)
	}
	got := d.Terms["kernel"].Format(time.RFC3339)
	if want := "2026-11-30T22:00:00Z"; got != want {
		t.Errorf("Compute(kernel) = %q; want %q", got, want)
	}
}
