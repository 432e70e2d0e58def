package sitebuild

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/redirects"
)

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug is an alias as a URL path segment: lower-cased, each run of characters other than
// a-z and 0-9 one hyphen, hyphens trimmed ("bare metal" -> "bare-metal").
func slug(alias string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(alias), "-"), "-")
}

// expectedRedirects is the table package redirects computes from the data
// of the site at root (the rules are tested there), as from path -> to path:
// the built site must have exactly these redirects, as pages and in _redirects.
func expectedRedirects(t *testing.T, root string) map[string]string {
	t.Helper()
	diags := &diag.List{}
	table := redirects.Compute(kbdata.Load(os.DirFS(root), diags))
	out := map[string]string{}
	for section, byID := range map[string]map[string][]string{"glossary": table.Glossary, "compare": table.Compare} {
		for id, paths := range byID {
			for _, from := range paths {
				out[from] = "/" + section + "/" + id + "/"
			}
		}
	}
	return out
}

// redirectsFile reads _redirects as a map from path to "target status".
func redirectsFile(t *testing.T, s *builtSite) map[string]string {
	t.Helper()
	got := map[string]string{}
	for i, line := range strings.Split(readFile(t, s, "/_redirects"), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			t.Errorf("_redirects line %d = %q; want \"from to status\"", i+1, line)
			continue
		}
		if _, dup := got[f[0]]; dup {
			t.Errorf("_redirects line %d: %q redirected twice", i+1, f[0])
		}
		got[f[0]] = f[1] + " " + f[2]
	}
	return got
}

// checkRedirect checks the alias page at from (a site path) and its _redirects line.
func checkRedirect(t *testing.T, s *builtSite, file map[string]string, from, to string) {
	t.Helper()
	doc := s.page(t, from)
	refresh := find(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Meta && strings.EqualFold(attr(n, "http-equiv"), "refresh")
	})
	robots, _ := meta(doc, "robots")
	runChecks(t, []check{
		{from + " canonical", attr(linkRel(doc, "canonical"), "href"), s.abs(to)},
		{from + " refresh", attr(refresh, "content"), "0; url=" + s.abs(to)},
		{from + " noindex", robots, "noindex"},
		{from + " _redirects", file[s.rel(from)], s.rel(to) + " 301"},
	})
}

// TestRedirects checks the real site's redirects: an alias page and a _redirects line for
// each alias and former id, and nothing else in _redirects.
func TestRedirects(t *testing.T) {
	s := realSite(t)
	want := expectedRedirects(t, s.root)
	file := redirectsFile(t, s)

	// Concrete cases from the data, so a change to the rules cannot pass unnoticed.
	named := []struct {
		name, from, to string
	}{
		{"abbreviation", "/glossary/vm/", "/glossary/virtual-machine/"},
		{"alias with a space", "/glossary/bare-metal/", "/glossary/physical-machine/"},
	}
	for _, tt := range named {
		t.Run(tt.name, func(t *testing.T) {
			if want[tt.from] != tt.to {
				t.Fatalf("ExpectedRedirect(%q) = %q; want %q (has the data changed?)", tt.from, want[tt.from], tt.to)
			}
			checkRedirect(t, s, file, tt.from, tt.to)
		})
	}
	for _, from := range sortedKeys(want) {
		checkRedirect(t, s, file, from, want[from])
	}
	if len(file) != len(want) {
		t.Errorf("RedirectLines = %d; want %d", len(file), len(want))
	}
	for from := range file {
		if _, ok := want[strings.TrimPrefix(from, strings.TrimSuffix(s.base.Path, "/"))]; !ok {
			t.Errorf("Check(%q) = in _redirects; want no such redirect", from)
		}
	}
	// No redirect hides a page: every term page is still the term.
	for id, tm := range s.data.terms {
		if got := text(find(s.page(t, "/glossary/"+id+"/"), isElem(atom.H1))); got != tm.Name {
			t.Errorf("Check(%q) = %q; want %q", "/glossary/"+id+"/ h1", got, tm.Name)
		}
	}
}

// addToList adds values to the TOML list key of a data file: into the existing top-level
// "key = [" line, or as a new line at the top of the file.
func addToList(t *testing.T, file, key string, values ...string) {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var quoted []string
	for _, v := range values {
		quoted = append(quoted, strconv.Quote(v))
	}
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `\s*=\s*\[`)
	var out string
	if loc := re.FindIndex(raw); loc != nil {
		out = string(raw[:loc[1]]) + strings.Join(quoted, ", ") + ", " + string(raw[loc[1]:])
	} else {
		out = fmt.Sprintf("%s = [%s]\n", key, strings.Join(quoted, ", ")) + string(raw)
	}
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRedirectRules builds a copy of the site with former ids and clashing aliases added
// to its data, and checks which redirects it gets.
func TestRedirectRules(t *testing.T) {
	real := realSite(t)
	src := t.TempDir()
	if err := CopySite(real.root, src); err != nil {
		t.Fatalf("CopySite: %v", err)
	}
	glossary := filepath.Join(src, "data", "glossary")
	addToList(t, filepath.Join(glossary, "virtual-machine.toml"), "former_ids", "old-vm")
	addToList(t, filepath.Join(glossary, "container.toml"), "former_ids", "box")
	addToList(t, filepath.Join(glossary, "container.toml"), "aliases", "Kernel", "Shared Name", "Container!")
	addToList(t, filepath.Join(glossary, "kernel.toml"), "aliases", "shared-name", "BOX")
	addToList(t, filepath.Join(src, "data", "comparisons", comparisonID+".toml"), "former_ids", "old-comparison")

	s := buildCopy(t, real, src)
	file := redirectsFile(t, s)

	tests := []struct {
		name string
		from string
		to   string // "" when there must be no redirect
	}{
		{"former id of a term", "/glossary/old-vm/", "/glossary/virtual-machine/"},
		{"former id of a comparison", "/compare/old-comparison/", "/compare/" + comparisonID + "/"},
		{"former id wins over another term's alias", "/glossary/box/", "/glossary/container/"},
		{"alias equal to another term's id", "/glossary/kernel/", ""},
		{"alias equal to the term's own id", "/glossary/container/", ""},
		{"alias slug shared by two terms", "/glossary/shared-name/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.to != "" {
				checkRedirect(t, s, file, tt.from, tt.to)
				return
			}
			_, inFile := file[s.rel(tt.from)]
			_, statErr := os.Stat(s.file(tt.from))
			isAlias := statErr == nil && isRedirect(s.page(t, tt.from))
			runChecks(t, []check{
				{tt.from + " in _redirects", inFile, false},
				{tt.from + " is a redirect page", isAlias, false},
			})
		})
	}
	// The site has exactly package redirects' table on the whole modified data set too.
	want := expectedRedirects(t, src)
	if len(file) != len(want) {
		t.Errorf("RedirectLines = %d; want %d", len(file), len(want))
	}
	for _, from := range sortedKeys(want) {
		if got := file[s.rel(from)]; got != s.rel(want[from])+" 301" {
			t.Errorf("Check(%q) = %q; want %q", "_redirects "+from, got, s.rel(want[from])+" 301")
		}
	}
}

// buildCopy builds the site whose sources are at src (a changed copy of the
// real site's) into a new folder, failing the test on an error or a warning.
func buildCopy(t *testing.T, real *builtSite, src string) *builtSite {
	t.Helper()
	s := &builtSite{root: real.root, public: t.TempDir(), base: real.base, title: real.title}
	var err error
	if s.data, err = loadData(src); err != nil {
		t.Fatalf("loadData: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	if out, err := Build(ctx, real.root, src, s.public); err != nil {
		t.Fatalf("Build: %v\n%s", err, out)
	} else if strings.Contains(string(out), "WARN") {
		t.Errorf("Build output = %s; want no warnings", out)
	}
	return s
}
