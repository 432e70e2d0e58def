package fix

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/markdown"
	"github.com/cloudkb/kb/tools/internal/mention"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/cases/*.txtar and testdata/dryrun.txtar from the current output")

// loadKB loads the fixture knowledge base, testdata/base.txtar. Only its
// glossary matters here: every term file must load. (Problems elsewhere,
// such as a data file the fixture leaves out, are kb check's business.)
func loadKB(t testing.TB) *kbdata.KB {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	terms := 0
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		if strings.HasPrefix(f.Name, kbdata.GlossaryDir+"/") {
			terms++
		}
	}
	diags := &diag.List{}
	kb := kbdata.Load(fsys, diags)
	if len(kb.Terms) != terms {
		var lines []string
		for _, d := range diags.Items {
			lines = append(lines, diags.Line(d))
		}
		t.Fatalf("testdata/base.txtar: %d of %d terms loaded:\n%s", len(kb.Terms), terms, strings.Join(lines, "\n"))
	}
	return kb
}

// section returns the data of the archive's file called name.
func section(ar *txtar.Archive, name string) ([]byte, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

// setSection replaces (or adds) the archive's file called name.
func setSection(ar *txtar.Archive, name string, data []byte) {
	for i, f := range ar.Files {
		if f.Name == name {
			ar.Files[i].Data = data
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: data})
}

// TestGolden fixes the in.md of every testdata/cases/*.txtar against the
// fixture glossary and compares the result with its want.md, byte for
// byte; then fixes the result again, which must change nothing. No mention
// may lie in front matter. A case whose comment has a line "pending: why"
// states what another package does not do yet: it is skipped while it
// fails, and fails once it passes, until the line is removed.
func TestGolden(t *testing.T) {
	ix := mention.FromKB(loadKB(t))
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases in testdata/cases")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			// txtar ends every file with a newline; a case says when its
			// page has none.
			noFinalNewline := slices.Contains(strings.Split(string(ar.Comment), "\n"), "no final newline")
			pending := pendingReason(ar)
			trim := func(b []byte) []byte {
				if noFinalNewline {
					return bytes.TrimSuffix(b, []byte("\n"))
				}
				return b
			}
			in, ok := section(ar, "in.md")
			if !ok {
				t.Fatalf("%s has no in.md section", file)
			}
			in = trim(in)
			got := Source(in, ix)
			if *update && pending == "" {
				setSection(ar, "want.md", got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, ok := section(ar, "want.md")
			if !ok {
				t.Fatalf("%s has no want.md section; run go test -update", file)
			}
			want = trim(want)
			var problems []string
			for _, m := range ix.Unlinked(in) {
				if inFrontMatter(in, m) {
					problems = append(problems, fmt.Sprintf("Unlinked(%q) = %v, inside the front matter", name, m))
				}
			}
			if !bytes.Equal(got, want) {
				problems = append(problems, fmt.Sprintf("Source(%q) =\n%s\nwant:\n%s", name, got, want))
			}
			if again := Source(got, ix); !bytes.Equal(again, got) {
				problems = append(problems, fmt.Sprintf("Source(Source(%q)) changed the page again:\n%s", name, Diff(name, got, again)))
			}
			if ms := ix.Unlinked(got); len(ms) > 0 {
				problems = append(problems, fmt.Sprintf("Unlinked(Source(%q)) = %v; want none", name, ms))
			}
			switch {
			case pending != "" && len(problems) == 0:
				t.Errorf("%s passes now: remove its line \"pending: %s\"", file, pending)
			case pending != "":
				t.Skipf("pending: %s\n%s", pending, strings.Join(problems, "\n"))
			}
			for _, p := range problems {
				t.Error(p)
			}
		})
	}
}

// pendingReason returns the text of the case's comment line
// "pending: …", which says what another package has yet to do for the
// case to pass; "" if there is none.
func pendingReason(ar *txtar.Archive) string {
	for _, l := range strings.Split(string(ar.Comment), "\n") {
		if p, ok := strings.CutPrefix(l, "pending: "); ok {
			return p
		}
	}
	return ""
}

// inFrontMatter reports whether a mention in src overlaps the page's
// front matter.
func inFrontMatter(src []byte, m mention.Mention) bool {
	for _, it := range markdown.Parse(src).Items {
		if it.Kind == markdown.FrontMatter && m.Offset < it.End && it.Start < m.End {
			return true
		}
	}
	return false
}

// writeTree writes the archive's content/ files under root and returns
// them by path.
func writeTree(t *testing.T, root string, ar *txtar.Archive) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "content/") {
			continue
		}
		p := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		files[f.Name] = f.Data
	}
	return files
}

// TestFiles runs Files on testdata/dryrun.txtar's pages: the dry run
// prints want.diff and changes no file, the diff applies to each page and
// gives the fixed page, the real run changes exactly the pages the diff
// names, and a second run changes nothing.
func TestFiles(t *testing.T) {
	kb := loadKB(t)
	ix := mention.FromKB(kb)
	const file = "testdata/dryrun.txtar"
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	pages := writeTree(t, root, ar)

	var out bytes.Buffer
	changed, err := Files(root, kb, true, &out)
	if err != nil {
		t.Fatalf("Files(dry run) error: %v", err)
	}
	if *update {
		setSection(ar, "want.diff", out.Bytes())
		setSection(ar, "want.changed", []byte(strings.Join(lines(changed), "\n")+"\n"))
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	wantDiff, _ := section(ar, "want.diff")
	if out.String() != string(wantDiff) {
		t.Errorf("Files(dry run) printed:\n%s\nwant:\n%s", out.String(), wantDiff)
	}
	wantChanged, _ := section(ar, "want.changed")
	if got := strings.Join(lines(changed), "\n") + "\n"; got != string(wantChanged) {
		t.Errorf("Files(dry run) = %q; want %q", got, wantChanged)
	}
	for name, data := range pages {
		if got, _ := os.ReadFile(filepath.Join(root, name)); !bytes.Equal(got, data) {
			t.Errorf("Files(dry run) changed %s", name)
		}
	}
	patched := applyDiffs(t, out.String(), pages)
	for name, data := range pages {
		want := data
		if strings.HasSuffix(name, ".md") {
			want = Source(data, ix)
		}
		if !bytes.Equal(patched[name], want) {
			t.Errorf("the diff of %s gives\n%s\nwant:\n%s", name, patched[name], want)
		}
	}

	changed2, err := Files(root, kb, false, nil)
	if err != nil {
		t.Fatalf("Files error: %v", err)
	}
	if !slices.EqualFunc(changed2, changed, func(a, b Change) bool { return a.String() == b.String() }) {
		t.Errorf("Files = %q; the dry run said %q", changed2, changed)
	}
	for name := range pages {
		if got, _ := os.ReadFile(filepath.Join(root, name)); !bytes.Equal(got, patched[name]) {
			t.Errorf("Files wrote %s as\n%s\nwant:\n%s", name, got, patched[name])
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(root, "content", "learning")); len(entries) != 3 {
		t.Errorf("content/learning holds %d files after Files; want the 3 pages and no temporary file", len(entries))
	}

	out.Reset()
	changed3, err := Files(root, kb, true, &out)
	if err != nil || len(changed3) > 0 || out.Len() > 0 {
		t.Errorf("Files(dry run) after fixing = %q, %v and printed %q; want nothing", changed3, err, out.String())
	}
}

// paths returns the paths of changes.
func paths(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Path)
	}
	return out
}

// lines returns changes as kb fix prints them.
func lines(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.String())
	}
	return out
}

var hunkRE = regexp.MustCompile(`^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$`)

// applyDiffs applies a unified diff of several files to their old text,
// checking every hunk's line numbers and context on both sides, and
// returns the new text of every file.
func applyDiffs(t *testing.T, d string, old map[string][]byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, data := range old {
		out[name] = data
	}
	lines := strings.SplitAfter(d, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	split := func(b []byte) []string {
		l := strings.SplitAfter(string(b), "\n")
		if l[len(l)-1] == "" {
			return l[:len(l)-1]
		}
		l[len(l)-1] += "\n\\ No newline at end of file\n"
		return l
	}
	for i := 0; i < len(lines); {
		from, ok1 := strings.CutPrefix(lines[i], "--- a/")
		to, ok2 := strings.CutPrefix(lines[i+1], "+++ b/")
		from, to = strings.TrimSuffix(from, "\n"), strings.TrimSuffix(to, "\n")
		if !ok1 || !ok2 || from != to {
			t.Fatalf("diff line %d: want a ---/+++ header, got %q %q", i+1, lines[i], lines[i+1])
		}
		x := split(old[from])
		var y []string
		done := 0 // lines of x copied to y
		i += 2
		for i < len(lines) && strings.HasPrefix(lines[i], "@@") {
			m := hunkRE.FindStringSubmatch(strings.TrimSuffix(lines[i], "\n"))
			if m == nil {
				t.Fatalf("diff line %d: bad hunk header %q", i+1, lines[i])
			}
			n := make([]int, 4)
			for k := range n {
				n[k], _ = strconv.Atoi(m[k+1])
			}
			start := n[0] - 1
			if n[1] == 0 {
				start = n[0]
			}
			y = append(y, x[done:start]...)
			if len(y) != n[2]-1 && n[3] > 0 {
				t.Fatalf("diff line %d: %q: new text is at line %d, not %d", i+1, lines[i], len(y)+1, n[2])
			}
			done = start
			i++
			var xs, ys int
			for xs < n[1] || ys < n[3] {
				if i >= len(lines) {
					t.Fatalf("%s: hunk %v is cut short", from, n)
				}
				op, text := lines[i][0], lines[i][1:]
				i++
				if i < len(lines) && strings.HasPrefix(lines[i], `\ No newline`) {
					text += lines[i]
					i++
				}
				switch op {
				case ' ', '-':
					if done >= len(x) || x[done] != text {
						t.Fatalf("%s: hunk line %q is not old line %d", from, text, done+1)
					}
					if op == ' ' {
						y = append(y, text)
						ys++
					}
					done++
					xs++
				case '+':
					y = append(y, text)
					ys++
				default:
					t.Fatalf("%s: bad hunk line %q", from, op)
				}
			}
			if xs != n[1] || ys != n[3] {
				t.Fatalf("%s: hunk %v holds %d old and %d new lines", from, n, xs, ys)
			}
		}
		y = append(y, x[done:]...)
		out[from] = []byte(strings.ReplaceAll(strings.Join(y, ""), "\n\\ No newline at end of file\n", ""))
	}
	return out
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"equal", "a\n", "a\n", ""},
		{"one line", "a\nb\nc\n", "a\nB\nc\n", "--- a/p.md\n+++ b/p.md\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"no final newline", "a\nb", "a\nB", "--- a/p.md\n+++ b/p.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Diff("p.md", []byte(tt.old), []byte(tt.new))); got != tt.want {
				t.Errorf("Diff(%q, %q) = %q; want %q", tt.old, tt.new, got, tt.want)
			}
		})
	}
}

func TestFilesNoContent(t *testing.T) {
	changed, err := Files(t.TempDir(), loadKB(t), false, nil)
	if changed != nil || err != nil {
		t.Errorf("Files(no content folder) = %q, %v; want nothing", changed, err)
	}
}

// TestFilesSymlink checks that a page reached through a symbolic link is
// neither followed nor replaced.
func TestFilesSymlink(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside.md")
	page := []byte("A virtual machine.\n")
	if err := os.WriteFile(outside, page, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "content", "link.md")
	if err := os.Symlink(outside, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	changed, err := Files(root, loadKB(t), false, nil)
	if changed != nil || err != nil {
		t.Errorf("Files = %q, %v; want nothing", changed, err)
	}
	if got, _ := os.ReadFile(outside); !bytes.Equal(got, page) {
		t.Errorf("Files changed the link's target to %q", got)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Files replaced the symbolic link %s", link)
	}
}

// TestFilesMode checks that a fixed page keeps its permissions.
func TestFilesMode(t *testing.T) {
	kb := loadKB(t)
	for _, mode := range []fs.FileMode{0o600, 0o640, 0o644, 0o755, 0o444} {
		t.Run(mode.String(), func(t *testing.T) {
			root := t.TempDir()
			p := filepath.Join(root, "content", "page.md")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("A virtual machine.\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(p, mode); err != nil {
				t.Fatal(err)
			}
			if _, err := Files(root, kb, false, nil); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode() != mode {
				t.Errorf("Files: mode %v became %v", mode, fi.Mode())
			}
			if got, _ := os.ReadFile(p); string(got) != `A {{< term "virtual-machine" "virtual machine" >}}.`+"\n" {
				t.Errorf("Files wrote %q", got)
			}
		})
	}
}

var errInjected = errors.New("injected failure")

// TestWriteFailure makes the atomic write fail (its steps are tested in
// package atomicfile): the error must name the page, and the page must be
// unchanged.
func TestWriteFailure(t *testing.T) {
	saved := write
	t.Cleanup(func() { write = saved })
	write = func(string, []byte) error { return errInjected }
	root := t.TempDir()
	dir := filepath.Join(root, "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	page := []byte("A virtual machine and a container.\n")
	if err := os.WriteFile(filepath.Join(dir, "page.md"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := Files(root, loadKB(t), false, nil)
	if !errors.Is(err, errInjected) || !strings.HasPrefix(err.Error(), "fix content/page.md: ") {
		t.Errorf("Files with a failing write = %v; want fix content/page.md: …: %v", err, errInjected)
	}
	if len(changed) > 0 {
		t.Errorf("Files with a failing write = %q; want no change", changed)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "page.md")); !bytes.Equal(got, page) {
		t.Errorf("Files with a failing write changed the page to %q", got)
	}
}

// TestFilesUnwritableFolder fixes a page in a folder it may not write to:
// the page must be unchanged and no temporary file left.
func TestFilesUnwritableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only folders; package atomicfile tests each failing step")
	}
	root := t.TempDir()
	dir := filepath.Join(root, "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	page := []byte("A virtual machine.\n")
	if err := os.WriteFile(filepath.Join(dir, "page.md"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	changed, err := Files(root, loadKB(t), false, nil)
	if err == nil || len(changed) > 0 {
		t.Errorf("Files in a read-only folder = %q, %v; want an error", changed, err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "page.md")); !bytes.Equal(got, page) {
		t.Errorf("Files changed the page to %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("Files left %d files; want only page.md", len(entries))
	}
}

// TestFilesOneFailure checks that a page that cannot be written does not
// stop the others.
func TestFilesOneFailure(t *testing.T) {
	saved := write
	t.Cleanup(func() { write = saved })
	write = func(path string, data []byte) error {
		if filepath.Base(path) == "a.md" {
			return errInjected
		}
		return saved(path, data)
	}
	root := t.TempDir()
	dir := filepath.Join(root, "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.md", "b.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("A virtual machine.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	changed, err := Files(root, loadKB(t), false, nil)
	if !errors.Is(err, errInjected) || !strings.Contains(err.Error(), "content/a.md") {
		t.Errorf("Files = %v; want an error for content/a.md", err)
	}
	if got := paths(changed); !slices.Equal(got, []string{"content/b.md"}) {
		t.Errorf("Files = %q; want [content/b.md]", got)
	}
}

// FuzzSource checks, for any page, that fixing it never panics, changes
// only the mentions' bytes, and leaves nothing to fix.
func FuzzSource(f *testing.F) {
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		// A pending case fails until another package changes.
		if in, ok := section(ar, "in.md"); ok && pendingReason(ar) == "" {
			f.Add(string(in))
		}
	}
	ix := mention.FromKB(loadKB(f))
	f.Fuzz(func(t *testing.T, src string) {
		ms := ix.Unlinked([]byte(src))
		fixed := Source([]byte(src), ix)
		// Undo each shortcode: the page must come back byte for byte.
		var undo strings.Builder
		rest := string(fixed)
		for _, m := range ms {
			i := strings.Index(rest, m.Shortcode())
			if i < 0 {
				t.Fatalf("Source(%q) = %q: no shortcode for %v", src, fixed, m)
			}
			undo.WriteString(rest[:i] + m.Text)
			rest = rest[i+len(m.Shortcode()):]
		}
		undo.WriteString(rest)
		if undo.String() != src {
			t.Fatalf("Source(%q) = %q: changed more than the mentions %v", src, fixed, ms)
		}
		if again := Source(fixed, ix); !bytes.Equal(again, fixed) {
			t.Fatalf("Source(%q) = %q, which fixes again to %q", src, fixed, again)
		}
		for _, m := range ms {
			if inFrontMatter([]byte(src), m) {
				t.Fatalf("Unlinked(%q) = %v, inside the front matter", src, m)
			}
		}
		linked := ix.Linked(fixed)
		for _, m := range ms {
			if !linked[m.ID] {
				t.Fatalf("Source(%q) = %q: %s is still not linked", src, fixed, m.ID)
			}
		}
	})
}

func Example() {
	ix := mention.NewIndex([]mention.Term{{ID: "virtual-machine", Name: "Virtual machine", Aliases: []string{"VMs"}}})
	fmt.Printf("%s\n", Source([]byte("Two virtual machines share a host."), ix))
	// Output: Two {{< term "virtual-machine" "virtual machines" >}} share a host.
}

// TestFilesBOM runs Files on one file at a time: a leading byte-order mark
// is removed from pages and data files, and only there; the dry run shows
// the removal as a diff and writes nothing; a second run changes nothing.
func TestFilesBOM(t *testing.T) {
	const bom = "\ufeff"
	tests := []struct {
		name   string
		path   string
		in     string
		want   string // "" when the file must stay as it is
		change string // the change Files reports, as kb fix prints it
	}{
		{
			name: "page", path: "content/learning/a.md",
			in:     bom + "---\ntitle: A\n---\nPlain words.\n",
			want:   "---\ntitle: A\n---\nPlain words.\n",
			change: "content/learning/a.md: removed the byte-order mark",
		},
		{
			name: "page with a term to link", path: "content/a.md",
			in:     bom + "A virtual machine.\n",
			want:   "A {{< term \"virtual-machine\" \"virtual machine\" >}}.\n",
			change: "content/a.md: removed the byte-order mark; linked virtual-machine",
		},
		{
			name: "page with JSON front matter", path: "content/a.md",
			in:     bom + "{\"title\": \"A virtual machine\"}\nA container and a virtual machine.\n",
			want:   "{\"title\": \"A virtual machine\"}\nA {{< term \"container\" \"container\" >}} and a {{< term \"virtual-machine\" \"virtual machine\" >}}.\n",
			change: "content/a.md: removed the byte-order mark; linked container, virtual-machine",
		},
		{
			name: "page with CRLF line endings", path: "content/a.md",
			in:     bom + "---\r\ntitle: A\r\n---\r\nPlain.\r\n",
			want:   "---\r\ntitle: A\r\n---\r\nPlain.\r\n",
			change: "content/a.md: removed the byte-order mark",
		},
		{
			name: "two marks", path: "content/a.md",
			in:     bom + bom + "Plain.\n",
			want:   "Plain.\n",
			change: "content/a.md: removed the byte-order mark",
		},
		{
			name: "term file", path: "data/glossary/x.toml",
			in:     bom + "name = \"X\"\n",
			want:   "name = \"X\"\n",
			change: "data/glossary/x.toml: removed the byte-order mark",
		},
		{
			name: "registry that names terms", path: "data/sources.toml",
			in:     bom + "# A virtual machine.\n",
			want:   "# A virtual machine.\n",
			change: "data/sources.toml: removed the byte-order mark",
		},
		{name: "data file that is only a mark", path: "data/aspects.toml", in: bom, want: "", change: "data/aspects.toml: removed the byte-order mark"},
		{name: "a mark inside a page", path: "content/a.md", in: "Plain " + bom + "words.\n"},
		{name: "a mark inside a data file", path: "data/glossary/x.toml", in: "name = \"" + bom + "X\"\n"},
		{name: "a mark after a blank", path: "content/a.md", in: " " + bom + "Plain.\n"},
		{name: "a text file under content", path: "content/notes.txt", in: bom + "Plain.\n"},
		{name: "a Markdown file under data", path: "data/notes.md", in: bom + "Plain.\n"},
		{name: "a JSON file under data", path: "data/x.json", in: bom + "{}\n"},
		{name: "a TOML file outside data", path: "config.toml", in: bom + "title = \"KB\"\n"},
	}
	kb := loadKB(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if tt.change == "" {
				want = tt.in
			}
			root := t.TempDir()
			p := filepath.Join(root, filepath.FromSlash(tt.path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(tt.in), 0o644); err != nil {
				t.Fatal(err)
			}
			var wantChanges []string
			if tt.change != "" {
				wantChanges = []string{tt.change}
			}

			var out bytes.Buffer
			changed, err := Files(root, kb, true, &out)
			if err != nil || !slices.Equal(lines(changed), wantChanges) {
				t.Errorf("Files(%q, dry run) = %q, %v; want %q", tt.path, lines(changed), err, wantChanges)
			}
			if d := string(Diff(tt.path, []byte(tt.in), []byte(want))); out.String() != d {
				t.Errorf("Files(%q, dry run) printed:\n%q\nwant:\n%q", tt.path, out.String(), d)
			}
			if got, _ := os.ReadFile(p); string(got) != tt.in {
				t.Errorf("Files(%q, dry run) changed the file to %q", tt.path, got)
			}

			changed, err = Files(root, kb, false, nil)
			if err != nil || !slices.Equal(lines(changed), wantChanges) {
				t.Errorf("Files(%q) = %q, %v; want %q", tt.path, lines(changed), err, wantChanges)
			}
			if got, _ := os.ReadFile(p); string(got) != want {
				t.Errorf("Files(%q) wrote %q; want %q", tt.path, got, want)
			}

			changed, err = Files(root, kb, false, nil)
			if err != nil || len(changed) > 0 {
				t.Errorf("Files(%q) again = %q, %v; want nothing", tt.path, lines(changed), err)
			}
		})
	}
}

func TestStripBOM(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		bom  bool
	}{
		{"none", "abc", "abc", false},
		{"empty", "", "", false},
		{"one", "\ufeffabc", "abc", true},
		{"only a mark", "\ufeff", "", true},
		{"two", "\ufeff\ufeffabc", "abc", true},
		{"inside", "a\ufeffbc", "a\ufeffbc", false},
		{"part of a mark", "\xef\xbbabc", "\xef\xbbabc", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bom := StripBOM([]byte(tt.in))
			if string(got) != tt.want || bom != tt.bom {
				t.Errorf("StripBOM(%q) = %q, %v; want %q, %v", tt.in, got, bom, tt.want, tt.bom)
			}
		})
	}
}

// TestFilesCleansTemporaryFiles leaves the temporary files of writes
// killed in earlier runs beside pages and data files that need no fix:
// Files removes the stale ones of .md pages and .toml data files, and
// keeps fresh ones (a writer may be at work), other files' and, in a dry
// run, every one.
func TestFilesCleansTemporaryFiles(t *testing.T) {
	stale := time.Now().Add(-time.Hour)
	fresh := time.Now()
	files := []struct {
		path  string
		mtime time.Time
		gone  bool
	}{
		{"content/page.md", stale, false},
		{"content/.page.md.123.tmp", stale, true},
		{"content/.page.md.456.tmp", fresh, false},
		{"content/learning/.other.md.7.tmp", stale, true}, // its page is gone
		{"content/.notes.txt.8.tmp", stale, false},        // not a page's
		{"content/.page.md.tmp", stale, false},            // not our pattern
		{"data/sources.toml", stale, false},
		{"data/.sources.toml.9.tmp", stale, true},
		{"data/glossary/.x.toml.10.tmp", stale, true},
		{"data/.aspects.md.11.tmp", stale, false}, // not a data file's
	}
	for _, dryRun := range []bool{true, false} {
		t.Run(fmt.Sprintf("dry run %v", dryRun), func(t *testing.T) {
			root := t.TempDir()
			for _, f := range files {
				p := filepath.Join(root, filepath.FromSlash(f.path))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte("Plain words.\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(p, f.mtime, f.mtime); err != nil {
					t.Fatal(err)
				}
			}
			var out bytes.Buffer
			changed, err := Files(root, loadKB(t), dryRun, &out)
			if err != nil || len(changed) > 0 || out.Len() > 0 {
				t.Errorf("Files(dry run %v) = %q, %v; want no change", dryRun, lines(changed), err)
			}
			for _, f := range files {
				_, err := os.Lstat(filepath.Join(root, filepath.FromSlash(f.path)))
				if gone, want := errors.Is(err, fs.ErrNotExist), f.gone && !dryRun; gone != want {
					t.Errorf("Files(dry run %v): %s removed = %v; want %v", dryRun, f.path, gone, want)
				}
			}
		})
	}
}
