package sitebuild

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html/atom"

	"github.com/cloudkb/kb/tools/internal/backlinks"
	"github.com/cloudkb/kb/tools/internal/dates"
	"github.com/cloudkb/kb/tools/internal/redirects"
)

// ---- When terms and comparisons last changed (tools/internal/dates). ----

// datesFile is resources/kb/dates.json as the content adapters read it.
type datesFile struct {
	Version     int               `json:"version"`
	Source      string            `json:"source"`
	Terms       map[string]string `json:"terms"`
	Comparisons map[string]string `json:"comparisons"`
	Mtime       []string          `json:"mtime"`
}

// readDates reads the dates file the last build of root wrote.
func readDates(t *testing.T, root string) datesFile {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(dates.File)))
	if err != nil {
		t.Fatalf("ReadFile(%s) = %v; want the file Build writes", dates.File, err)
	}
	var d datesFile
	if err := decodeStrict(raw, &d); err != nil {
		t.Fatalf("Decode(%s) = %v; want nil", dates.File, err)
	}
	return d
}

// when is the time the dates file gives an id of kind ("terms" or
// "comparisons"); a missing or unreadable one fails the test.
func (d datesFile) when(t *testing.T, kind, id string) time.Time {
	t.Helper()
	m := d.Terms
	if kind == "comparisons" {
		m = d.Comparisons
	}
	raw, ok := m[id]
	if !ok {
		t.Fatalf("Dates(%s %q) = missing; want a date", kind, id)
	}
	when, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		t.Fatalf("Dates(%s %q) = %v; want an RFC 3339 time", kind, id, err)
	}
	return when
}

// day is when's day in UTC, YYYY-MM-DD, as the site shows it.
func (d datesFile) day(t *testing.T, kind, id string) string {
	t.Helper()
	return d.when(t, kind, id).UTC().Format("2006-01-02")
}

// updated is the datetime of the page header's "Updated" line, or "".
func updated(t *testing.T, s *builtSite, path string) string {
	t.Helper()
	header := find(s.page(t, path), elemWithClass(atom.Header, "page-header"))
	if header == nil {
		t.Fatalf("Page(%s) has no header.page-header", path)
	}
	p := find(header, elemWithClass(atom.P, "updated"))
	if p == nil {
		return ""
	}
	if tm := find(p, isElem(atom.Time)); tm != nil && text(p) == "Updated "+text(tm) {
		return attr(tm, "datetime")
	}
	return "malformed: " + text(p)
}

// TestDatesOnPages: each term and comparison page says when its data file
// last changed, and the sitemap carries the same time.
func TestDatesOnPages(t *testing.T) {
	s := realSite(t)
	d := readDates(t, s.root)
	if d.Version != dates.Version {
		t.Fatalf("Dates.version = %d; want %d", d.Version, dates.Version)
	}
	raw, err := os.ReadFile(s.file("/sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var sitemap struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(raw, &sitemap); err != nil {
		t.Fatalf("Unmarshal(sitemap.xml) = %v; want nil", err)
	}
	lastmod := map[string]string{}
	for _, u := range sitemap.URLs {
		lastmod[u.Loc] = u.Lastmod
	}
	var pages []struct{ kind, id, path string }
	for id := range s.data.terms {
		pages = append(pages, struct{ kind, id, path string }{"terms", id, "/glossary/" + id + "/"})
	}
	for id := range s.data.comparisons {
		pages = append(pages, struct{ kind, id, path string }{"comparisons", id, "/compare/" + id + "/"})
	}
	for _, p := range pages {
		t.Run(strings.Trim(p.path, "/"), func(t *testing.T) {
			if got, want := updated(t, s, p.path), d.day(t, p.kind, p.id); got != want {
				t.Errorf("Updated(%q) = %q; want %q", p.path, got, want)
			}
			got, err := time.Parse(time.RFC3339, lastmod[s.abs(p.path)])
			if want := d.when(t, p.kind, p.id); err != nil || !got.Equal(want) {
				t.Errorf("SitemapLastmod(%q) = %q; want %v", p.path, lastmod[s.abs(p.path)], want)
			}
		})
	}
}

// gitAt runs git in dir with a fixed identity and dates and no user
// configuration, so the commits' dates are known.
func gitAt(t *testing.T, dir string, when time.Time, args ...string) {
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

// TestDatesFromGit builds a copy of the site kept in its own git
// repository: a term changed in a later commit gets that commit's day in
// the JSON index and on its page, a term edited but not committed its
// modification time, every other term the first commit's day.
func TestDatesFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	real := realSite(t)
	src := t.TempDir()
	if err := CopySite(real.root, src); err != nil {
		t.Fatal(err)
	}
	ids := sortedKeys(real.data.terms)
	if len(ids) < 3 {
		t.Fatalf("Terms = %q; want at least 3", ids)
	}
	committed, edited := ids[0], ids[1]
	var (
		first  = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		second = time.Date(2026, 6, 7, 23, 30, 0, 0, time.FixedZone("west", -5*3600)) // 2026-06-08 in UTC
		mtime  = time.Date(2027, 3, 4, 5, 6, 7, 0, time.UTC)
	)
	touch := func(id string) string {
		p := filepath.Join(src, "data", "glossary", id+".toml")
		f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("# changed\n"); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gitAt(t, src, first, "init", "-q")
	gitAt(t, src, first, "add", "-A")
	gitAt(t, src, first, "commit", "-q", "-m", "first")
	touch(committed)
	gitAt(t, src, second, "commit", "-q", "-am", "second")
	if err := os.Chtimes(touch(edited), mtime, mtime); err != nil {
		t.Fatal(err)
	}

	public := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	if out, err := Build(ctx, real.root, src, public); err != nil {
		t.Fatalf("Build: %v\n%s", err, out)
	}
	d := readDates(t, src)
	if want := []string{"data/glossary/" + edited + ".toml"}; d.Source != dates.SourceMtime || !slices.Equal(d.Mtime, want) {
		t.Errorf("Dates.source, mtime = %q, %q; want %q, %q", d.Source, d.Mtime, dates.SourceMtime, want)
	}
	raw, err := os.ReadFile(filepath.Join(public, "glossary", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var idx glossaryIndex
	if err := json.Unmarshal(raw, &idx); err != nil {
		t.Fatalf("Unmarshal(glossary/index.json) = %v; want nil", err)
	}
	s := &builtSite{root: src, public: public, base: real.base, title: real.title}
	for _, tm := range idx.Terms {
		want := "2026-01-02"
		switch tm.ID {
		case committed:
			want = "2026-06-08"
		case edited:
			want = "2027-03-04"
		}
		if tm.Lastmod != want || d.day(t, "terms", tm.ID) != want {
			t.Errorf("Lastmod(%s) = %q (index), %q (dates file); want %q", tm.ID, tm.Lastmod, d.day(t, "terms", tm.ID), want)
		}
		if tm.ID == committed || tm.ID == edited {
			if got := updated(t, s, "/glossary/"+tm.ID+"/"); got != want {
				t.Errorf("Updated(%s) = %q; want %q", tm.ID, got, want)
			}
		}
	}
}

// TestBuildWithoutGeneratedFiles: Hugo run without a file kb links writes,
// or with one an older kb wrote, stops and names the command that writes it.
func TestBuildWithoutGeneratedFiles(t *testing.T) {
	real := realSite(t)
	src := t.TempDir()
	if err := CopySite(real.root, src); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	// Build writes the generated files; each case then changes one.
	if out, err := Build(ctx, real.root, src, t.TempDir()); err != nil {
		t.Fatalf("Build: %v\n%s", err, out)
	}
	hugo, err := hugoBinary(ctx, real.root)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		text       string // "" removes the file
	}{
		{"no dates", dates.File, ""},
		{"no redirects", redirects.File, ""},
		{"no graph", backlinks.File, ""},
		{"graph of version 1, without the embedding pages", backlinks.File, `{"version": 1, "terms": {}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(src, filepath.FromSlash(tt.file))
			orig, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer os.WriteFile(path, orig, 0o644)
			if tt.text == "" {
				err = os.Remove(path)
			} else {
				err = os.WriteFile(path, []byte(tt.text), 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.CommandContext(ctx, hugo, "--source", src, "--destination", t.TempDir(), "--noBuildLock", "--logLevel", "warn")
			cmd.Dir = real.root
			out, err := cmd.CombinedOutput()
			want := tt.file + " is missing or from another version of kb: run `go tool kb links`"
			if err == nil || !strings.Contains(string(out), want) {
				t.Errorf("Hugo(%s) = %v, %s; want a failure saying %q", tt.name, err, out, want)
			}
		})
	}
}
