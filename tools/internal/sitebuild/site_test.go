package sitebuild

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// buildTimeout covers a cold first compile of `go tool hugo` (several minutes) plus the build.
const buildTimeout = 15 * time.Minute

// The article and comparison the tests look at, and the terms that must exist.
const (
	articlePath    = "/learning/serverless-vs-containers/"
	articleFile    = "content/learning/serverless-vs-containers.md"
	comparisonID   = "serverless-vs-containers"
	backlinkTermID = "container"
)

var requiredTerms = []string{"container", "kernel", "virtual-machine", "microservice", "serverless-computing"}

// ---- The data model, as far as the tests need it (see CONTRIBUTING.md). ----

type term struct {
	Name       string          `toml:"name"`
	Aliases    []string        `toml:"aliases"`
	Summary    string          `toml:"summary"`
	Definition string          `toml:"definition"`
	Related    []string        `toml:"related"`
	Tags       []string        `toml:"tags"`
	Sources    []citation      `toml:"sources"`
	Checked    string          `toml:"checked"`
	Facts      map[string]fact `toml:"facts"`
	FormerIDs  []string        `toml:"former_ids"`
}

type fact struct {
	Value         string     `toml:"value"`
	Note          string     `toml:"note"`
	Sources       []citation `toml:"sources"`
	Checked       string     `toml:"checked"`
	TimeSensitive bool       `toml:"time_sensitive"`
}

// sourceIDs returns the distinct sources of some citations, in order: a
// table cites each source once per cell, whatever places in it are named.
func sourceIDs(cites []citation) []string {
	var ids []string
	for _, c := range cites {
		if !slices.Contains(ids, c.ID) {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// citation is one entry of a sources list: a source id, or a table
// { id = "…", at = "…" } naming where in the source.
type citation struct {
	ID, At string
}

// UnmarshalTOML reads either form.
func (c *citation) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		c.ID = v
	case map[string]any:
		c.ID, _ = v["id"].(string)
		c.At, _ = v["at"].(string)
	default:
		return fmt.Errorf("citation: %T is neither a source id nor a table", v)
	}
	return nil
}

type comparison struct {
	Title     string              `toml:"title"`
	Summary   string              `toml:"summary"`
	Subjects  []string            `toml:"subjects"`
	Aspects   []string            `toml:"aspects"`
	Takeaways map[string]takeaway `toml:"takeaways"`
	FormerIDs []string            `toml:"former_ids"`
}

type takeaway struct {
	Favours string     `toml:"favours"`
	Neutral bool       `toml:"neutral"`
	Why     string     `toml:"why"`
	Sources []citation `toml:"sources"`
	Checked string     `toml:"checked"`
}

type aspect struct {
	ID       string `toml:"id"`
	Name     string `toml:"name"`
	Question string `toml:"question"`
}

type source struct {
	ID        string `toml:"id"`
	Title     string `toml:"title"`
	Publisher string `toml:"publisher"`
	URL       string `toml:"url"`
}

// siteConfig is what the tests read from config.toml.
type siteConfig struct {
	BaseURL string `toml:"baseURL"`
	Title   string `toml:"title"`
}

type siteData struct {
	terms       map[string]term
	comparisons map[string]comparison
	aspects     map[string]aspect
	sources     map[string]source
}

// lookup resolves a term reference (id, alias or name, any case) like glossary/lookup.html.
func (d *siteData) lookup(ref string) (string, bool) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if _, ok := d.terms[ref]; ok {
		return ref, true
	}
	for id, t := range d.terms {
		for _, a := range t.Aliases {
			if strings.ToLower(a) == ref {
				return id, true
			}
		}
	}
	for id, t := range d.terms {
		if strings.ToLower(t.Name) == ref {
			return id, true
		}
	}
	return "", false
}

func loadData(root string) (*siteData, error) {
	d := &siteData{
		terms:       map[string]term{},
		comparisons: map[string]comparison{},
		aspects:     map[string]aspect{},
		sources:     map[string]source{},
	}
	files, err := filepath.Glob(filepath.Join(root, "data", "glossary", "*.toml"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		var t term
		if _, err := toml.DecodeFile(f, &t); err != nil {
			return nil, err
		}
		d.terms[strings.TrimSuffix(filepath.Base(f), ".toml")] = t
	}
	files, err = filepath.Glob(filepath.Join(root, "data", "comparisons", "*.toml"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		var c comparison
		if _, err := toml.DecodeFile(f, &c); err != nil {
			return nil, err
		}
		d.comparisons[strings.TrimSuffix(filepath.Base(f), ".toml")] = c
	}
	var aspects struct {
		Aspect []aspect `toml:"aspect"`
	}
	if _, err := toml.DecodeFile(filepath.Join(root, "data", "aspects.toml"), &aspects); err != nil {
		return nil, err
	}
	for _, a := range aspects.Aspect {
		d.aspects[a.ID] = a
	}
	var sources struct {
		Source []source `toml:"source"`
	}
	if _, err := toml.DecodeFile(filepath.Join(root, "data", "sources.toml"), &sources); err != nil {
		return nil, err
	}
	for _, s := range sources.Source {
		d.sources[s.ID] = s
	}
	return d, nil
}

// ---- Building the real site once per test binary. ----

type builtSite struct {
	root   string   // repository root
	public string   // Hugo's --destination
	output string   // Hugo's combined output
	base   *url.URL // the baseURL the site was built with
	title  string   // the site's title (config.toml)
	data   *siteData
	err    error
}

// rel is the server-relative URL of a site path such as "/glossary/container/": the
// path under the baseURL's path, e.g. "/kb/glossary/container/".
func (s *builtSite) rel(p string) string {
	return strings.TrimSuffix(s.base.Path, "/") + "/" + strings.TrimPrefix(p, "/")
}

// abs is the absolute URL of a site path, e.g. "https://cloudkb.github.io/kb/glossary/container/".
func (s *builtSite) abs(p string) string {
	return s.base.Scheme + "://" + s.base.Host + s.rel(p)
}

// file is the built file for a site path: "/glossary/x/" is glossary/x/index.html,
// "/sitemap.xml" is sitemap.xml.
func (s *builtSite) file(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return filepath.Join(s.public, filepath.FromSlash(p))
}

var (
	siteOnce sync.Once
	site     builtSite
	tempDirs []string
	tempMu   sync.Mutex
)

// tempDir makes a directory that TestMain removes after every test has run, for builds
// shared between tests.
func tempDir(pattern string) (string, error) {
	dir, err := os.MkdirTemp("", pattern)
	if err != nil {
		return "", err
	}
	tempMu.Lock()
	tempDirs = append(tempDirs, dir)
	tempMu.Unlock()
	return dir, nil
}

// readConfig reads the baseURL and title from the site's config.toml.
func readConfig(root string) (siteConfig, *url.URL, error) {
	var cfg siteConfig
	if _, err := toml.DecodeFile(filepath.Join(root, "config.toml"), &cfg); err != nil {
		return cfg, nil, err
	}
	base, err := parseBase(cfg.BaseURL)
	if err != nil {
		return cfg, nil, fmt.Errorf("config.toml: %w", err)
	}
	return cfg, base, nil
}

// parseBase parses a baseURL, which must be absolute and end in a slash.
func parseBase(raw string) (*url.URL, error) {
	base, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("baseURL %q: %w", raw, err)
	}
	if !base.IsAbs() || !strings.HasSuffix(base.Path, "/") {
		return nil, fmt.Errorf("baseURL = %q; want an absolute URL ending in /", raw)
	}
	return base, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// realSite builds the repository's site into a temporary directory the first time it is
// called, and returns the same result afterwards. A failed build fails the calling test.
func realSite(t *testing.T) *builtSite {
	t.Helper()
	siteOnce.Do(func() {
		wd, err := os.Getwd()
		if err != nil {
			site.err = err
			return
		}
		site.root, err = RepoRoot(wd)
		if err != nil {
			site.err = err
			return
		}
		// Hugo reads the site in a child process, which Go's test cache does not see;
		// opening every site file here makes a cached result depend on them too.
		if err := touchSite(site.root); err != nil {
			site.err = err
			return
		}
		site.data, err = loadData(site.root)
		if err != nil {
			site.err = fmt.Errorf("reading data/: %w", err)
			return
		}
		cfg, base, err := readConfig(site.root)
		if err != nil {
			site.err = err
			return
		}
		site.base, site.title = base, cfg.Title
		site.public, err = tempDir("kb-site-*")
		if err != nil {
			site.err = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
		defer cancel()
		out, err := Build(ctx, site.root, site.root, site.public)
		site.output = string(out)
		if err != nil {
			site.err = fmt.Errorf("%w\n%s", err, out)
		}
	})
	if site.err != nil {
		t.Fatalf("building the site: %v", site.err)
	}
	return &site
}

// touchSite opens go.mod (which pins Hugo) and every file and directory of the site and
// of the example sites that the tests build.
func touchSite(root string) error {
	paths := []string{filepath.Join(root, "go.mod")}
	for _, part := range append(slices.Clone(SiteParts), "examples") {
		err := filepath.WalkDir(filepath.Join(root, part), func(path string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil {
				return err
			}
			paths = append(paths, path)
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		f.Close()
	}
	return nil
}

// page parses the generated HTML for a site path such as "/glossary/container/" or "/404.html".
func (s *builtSite) page(t *testing.T, path string) *html.Node {
	t.Helper()
	f, err := os.Open(s.file(path))
	if err != nil {
		t.Fatalf("page(%q): %v", path, err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("page(%q): parsing HTML: %v", path, err)
	}
	return doc
}

// ---- HTML helpers. ----

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// findAll returns the element nodes under n (n included) for which match is true, in document order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if all := findAll(n, match); len(all) > 0 {
		return all[0]
	}
	return nil
}

func isElem(a atom.Atom) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a }
}

func elemWithClass(a atom.Atom, class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a && hasClass(n, class) }
}

// text is the text content of n with runs of white space collapsed to one space.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

var (
	mdLink      = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	typographic = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "…", "...", "—", "---", "–", "--")
)

// plain reduces a short Markdown note, or its rendered text, to comparable plain text:
// links become their text, emphasis and code marks go, typographic quotes and dashes
// become ASCII, white space collapses.
func plain(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = strings.NewReplacer("**", "", "__", "", "*", "", "`", "").Replace(s)
	s = typographic.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// ---- Tests. ----

func TestBuildIsClean(t *testing.T) {
	s := realSite(t)
	for _, line := range strings.Split(s.output, "\n") {
		if strings.Contains(line, "WARN") || strings.Contains(line, "ERROR") {
			t.Errorf("Build output line %q; want no warnings or errors", line)
		}
	}
}

func TestRequiredDataExists(t *testing.T) {
	s := realSite(t)
	for _, id := range requiredTerms {
		if _, ok := s.data.terms[id]; !ok {
			t.Errorf("Term(%q) missing from data/glossary; want it present", id)
		}
	}
	if _, ok := s.data.comparisons[comparisonID]; !ok {
		t.Errorf("Comparison(%q) missing from data/comparisons; want it present", comparisonID)
	}
	if _, err := os.Stat(filepath.Join(s.root, articleFile)); err != nil {
		t.Errorf("Article(%q): %v; want it present", articleFile, err)
	}
}

func TestTermPages(t *testing.T) {
	s := realSite(t)
	ids := slices.Sorted(func(yield func(string) bool) {
		for id := range s.data.terms {
			if !yield(id) {
				return
			}
		}
	})
	if len(ids) == 0 {
		t.Fatal("Terms in data/glossary = 0; want at least one")
	}
	for _, id := range ids {
		tm := s.data.terms[id]
		t.Run(id, func(t *testing.T) {
			path := "/glossary/" + id + "/"
			doc := s.page(t, path)
			h1s := findAll(doc, isElem(atom.H1))
			if len(h1s) != 1 {
				t.Fatalf("H1Count(%q) = %d; want 1", path, len(h1s))
			}
			if got := text(h1s[0]); got != tm.Name {
				t.Errorf("H1(%q) = %q; want %q", path, got, tm.Name)
			}
			// The line is there but hidden when every alias is a plural (its meta feeds search).
			aliases := text(find(doc, func(n *html.Node) bool { return elemWithClass(atom.P, "aliases")(n) && !hasAttr(n, "hidden") }))
			if want := strings.Join(shownAliases(tm), ", "); want != "" { // plain plurals left out
				if aliases != "Also called: "+want {
					t.Errorf("Aliases(%q) = %q; want %q", path, aliases, "Also called: "+want)
				}
			} else if aliases != "" {
				t.Errorf("Aliases(%q) = %q; want none", path, aliases)
			}
			related := section(doc, "related")
			if len(tm.Related) > 0 && related == nil {
				t.Errorf("RelatedSection(%q) = nil; want one", path)
			}
			for _, rel := range tm.Related {
				href := s.rel("/glossary/" + rel + "/")
				link := find(related, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "href") == href })
				if got, want := text(link), s.data.terms[rel].Name; got != want {
					t.Errorf("RelatedLink(%q, %q) = %q; want %q", path, href, got, want)
				}
			}
			sources := section(doc, "sources")
			if len(tm.Sources) > 0 && sources == nil {
				t.Errorf("SourcesSection(%q) = nil; want one", path)
			}
			// One entry per source, naming every place cited in it.
			places := map[string][]string{}
			for _, c := range tm.Sources {
				if c.At != "" && !slices.Contains(places[c.ID], c.At) {
					places[c.ID] = append(places[c.ID], c.At)
				}
			}
			for _, c := range tm.Sources {
				url := s.data.sources[c.ID].URL
				if p := places[c.ID]; len(p) == 1 && strings.HasPrefix(p[0], "#") {
					url = strings.SplitN(url, "#", 2)[0] + p[0] // a lone fragment locator deep-links
				}
				link := find(sources, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "href") == url })
				if got, want := text(link), s.data.sources[c.ID].Title; got != want {
					t.Errorf("SourceLink(%q, %q) = %q; want %q", path, url, got, want)
				}
				item := link
				for item != nil && item.DataAtom != atom.Li {
					item = item.Parent
				}
				got := text(find(item, elemWithClass(atom.Span, "locator")))
				if want := strings.Join(places[c.ID], "; "); got != want {
					t.Errorf("SourceLocator(%q, %q) = %q; want %q", path, c.ID, got, want)
				}
			}
			if want := oldestChecked(tm); want != "" {
				got := ""
				if note := find(sources, elemWithClass(atom.P, "checked")); note != nil {
					got = attr(find(note, isElem(atom.Time)), "datetime")
				}
				if got != want {
					t.Errorf("CheckedNote(%q) = %q; want %q", path, got, want)
				}
			}
		})
	}
}

// section returns the element around the <h2> with the given id, or nil.
func section(doc *html.Node, h2ID string) *html.Node {
	h2 := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.H2 && attr(n, "id") == h2ID })
	if h2 == nil {
		return nil
	}
	return h2.Parent
}

// comparisonTable returns the comparison's <table> on its own page.
func comparisonTable(t *testing.T, s *builtSite, id string) (*html.Node, *html.Node) {
	t.Helper()
	doc := s.page(t, "/compare/"+id+"/")
	table := find(doc, isElem(atom.Table))
	if table == nil {
		t.Fatalf("Table(%q) = nil; want a <table>", id)
	}
	return doc, table
}

func TestComparisonTableHeaders(t *testing.T) {
	s := realSite(t)
	c := s.data.comparisons[comparisonID]
	_, table := comparisonTable(t, s, comparisonID)

	if got := text(find(table, isElem(atom.Caption))); got != c.Title {
		t.Errorf("Caption(%q) = %q; want %q", comparisonID, got, c.Title)
	}

	var cols []string
	var colHrefs []string
	for _, th := range findAll(find(table, isElem(atom.Thead)), isElem(atom.Th)) {
		if hasClass(th, "takeaway") {
			continue
		}
		cols = append(cols, text(th))
		colHrefs = append(colHrefs, attr(find(th, isElem(atom.A)), "href"))
	}
	var wantCols, wantHrefs []string
	for _, subj := range c.Subjects {
		wantCols = append(wantCols, s.data.terms[subj].Name)
		wantHrefs = append(wantHrefs, s.rel("/glossary/"+subj+"/"))
	}
	if !slices.Equal(cols, wantCols) {
		t.Errorf("ColumnHeaders(%q) = %q; want %q", comparisonID, cols, wantCols)
	}
	if !slices.Equal(colHrefs, wantHrefs) {
		t.Errorf("ColumnHeaderLinks(%q) = %q; want %q", comparisonID, colHrefs, wantHrefs)
	}

	var rows []string
	for _, th := range findAll(table, func(n *html.Node) bool { return n.DataAtom == atom.Th && attr(n, "scope") == "row" }) {
		rows = append(rows, text(th))
	}
	var wantRows []string
	for _, a := range c.Aspects {
		wantRows = append(wantRows, s.data.aspects[a].Name+" "+s.data.aspects[a].Question)
	}
	if !slices.Equal(rows, wantRows) {
		t.Errorf("RowHeaders(%q) = %q; want %q", comparisonID, rows, wantRows)
	}
}

// row returns the <tr> whose row header names the aspect: its name, then its question in
// a <small>.
func row(table *html.Node, a aspect) *html.Node {
	return find(table, func(n *html.Node) bool {
		if n.DataAtom != atom.Tr {
			return false
		}
		th := find(n, func(n *html.Node) bool { return n.DataAtom == atom.Th && attr(n, "scope") == "row" })
		return th != nil && ownText(th) == a.Name && text(find(th, isElem(atom.Small))) == a.Question
	})
}

// ownText returns the text of n's own text children, not of its elements: a cell's value
// without its citations, date or note.
func ownText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// child returns n's first child element that matches, or nil.
func child(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n == nil {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if match(c) {
			return c
		}
	}
	return nil
}

func TestComparisonTableCells(t *testing.T) {
	s := realSite(t)
	c := s.data.comparisons[comparisonID]
	doc, table := comparisonTable(t, s, comparisonID)

	tests := []struct {
		name    string
		aspect  string
		subject string
	}{
		{"container scaling", "scaling", "container"},
		{"serverless scaling", "scaling", "serverless-computing"},
		{"container cost when idle", "cost-when-idle", "container"},
		{"serverless cost when idle", "cost-when-idle", "serverless-computing"},
		{"serverless physical machines", "physical-machines", "serverless-computing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !slices.Contains(c.Aspects, tt.aspect) || !slices.Contains(c.Subjects, tt.subject) {
				t.Fatalf("Cell(%q, %q) is not in comparison %q (aspects %q, subjects %q)", tt.aspect, tt.subject, comparisonID, c.Aspects, c.Subjects)
			}
			f := s.data.terms[tt.subject].Facts[tt.aspect]
			tr := row(table, s.data.aspects[tt.aspect])
			if tr == nil {
				t.Fatalf("Row(%q) = nil; want a row", tt.aspect)
			}
			tds := findAll(tr, isElem(atom.Td))
			col := slices.Index(c.Subjects, tt.subject)
			if len(tds) <= col {
				t.Fatalf("CellCount(%q) = %d; want more than %d", tt.aspect, len(tds), col)
			}
			td := tds[col]
			if got := ownText(td); got != f.Value {
				t.Errorf("CellValue(%q, %q) = %q; want %q", tt.aspect, tt.subject, got, f.Value)
			}
			// The label a phone shows above the cell, when the rows become cards.
			if got, want := attr(td, "data-l"), s.data.terms[tt.subject].Name; got != want {
				t.Errorf("CellLabel(%q, %q) = %q; want %q", tt.aspect, tt.subject, got, want)
			}
			note := find(td, elemWithClass(atom.Div, "note"))
			if got, want := plain(text(note)), plain(f.Note); got != want {
				t.Errorf("CellNote(%q, %q) = %q; want %q", tt.aspect, tt.subject, got, want)
			}
			// Each of the fact's sources is cited, and the citation leads to that source.
			cites := findAll(child(td, isElem(atom.Sup)), isElem(atom.A))
			ids := sourceIDs(f.Sources)
			if len(cites) != len(ids) {
				t.Fatalf("CitationCount(%q, %q) = %d; want %d", tt.aspect, tt.subject, len(cites), len(ids))
			}
			for i, a := range cites {
				target := strings.TrimPrefix(attr(a, "href"), "#")
				li := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Li && attr(n, "id") == target })
				src := s.data.sources[ids[i]]
				if got := text(find(li, isElem(atom.A))); got != src.Title {
					t.Errorf("CitedSource(%q, %q, #%s) = %q; want %q", tt.aspect, tt.subject, target, got, src.Title)
				}
				// The source's entry names every place the table cites in it.
				places := strings.Split(text(find(li, elemWithClass(atom.Span, "locator"))), "; ")
				for _, c := range f.Sources {
					if c.ID == ids[i] && c.At != "" && !slices.Contains(places, c.At) {
						t.Errorf("CitedLocator(%q, %q, #%s) = %q; want it to name %q", tt.aspect, tt.subject, target, places, c.At)
					}
				}
			}
			// A time-sensitive figure is shown as of the day it was checked.
			asOf := find(td, elemWithClass(atom.Span, "as-of"))
			want := ""
			if f.TimeSensitive {
				want = f.Checked
			}
			got := ""
			if asOf != nil {
				// The date is written YYYY-MM-DD, which <time> reads without a datetime.
				got = text(find(asOf, isElem(atom.Time)))
			}
			if got != want {
				t.Errorf("CellAsOf(%q, %q) = %q; want %q", tt.aspect, tt.subject, got, want)
			}
		})
	}

	// Every row ends in its takeaway: the favoured subject, or "No winner" when the
	// takeaway is neutral, then why, with its citations.
	for _, aspectID := range c.Aspects {
		t.Run("takeaway "+aspectID, func(t *testing.T) {
			tk, ok := c.Takeaways[aspectID]
			if !ok {
				t.Fatalf("Takeaway(%q) missing from data/comparisons/%s.toml; want every aspect to have one (KB036)", aspectID, comparisonID)
			}
			tr := row(table, s.data.aspects[aspectID])
			cell := find(tr, elemWithClass(atom.Td, "takeaway"))
			verdict := child(cell, isElem(atom.B))
			want := "Favours " + s.data.terms[tk.Favours].Name + ":"
			if tk.Neutral {
				want = "No winner:"
			}
			runChecks(t, []check{
				{"takeaway cell with a verdict", verdict != nil && !hasClass(cell, "none"), true},
				{"verdict", text(verdict), want},
				{"favours class", hasClass(verdict, "favours"), !tk.Neutral},
				{"why", ownText(cell), tk.Why},
				{"citations", len(findAll(child(cell, isElem(atom.Sup)), isElem(atom.A))), len(sourceIDs(tk.Sources))},
			})
		})
	}
}

var termShortcode = regexp.MustCompile(`\{\{<\s*term\s+(?:id=)?"([^"]+)"(?:\s+(?:text=)?"([^"]*)")?\s*>\}\}`)

func TestArticleTermLinks(t *testing.T) {
	s := realSite(t)
	raw, err := os.ReadFile(filepath.Join(s.root, articleFile))
	if err != nil {
		t.Fatal(err)
	}
	doc := s.page(t, articlePath)
	links := findAll(doc, elemWithClass(atom.A, "term"))

	type call struct{ ref, text string }
	var calls []call
	for _, m := range termShortcode.FindAllStringSubmatch(string(raw), -1) {
		if c := (call{m[1], m[2]}); !slices.Contains(calls, c) {
			calls = append(calls, c)
		}
	}
	if !slices.ContainsFunc(calls, func(c call) bool { return c.ref == backlinkTermID }) {
		t.Fatalf("TermShortcodes(%q) has no call for %q; want one (found %q)", articleFile, backlinkTermID, calls)
	}
	for _, c := range calls {
		t.Run(c.ref+"/"+c.text, func(t *testing.T) {
			id, ok := s.data.lookup(c.ref)
			if !ok {
				t.Fatalf("Lookup(%q) = not found; want a term", c.ref)
			}
			tm := s.data.terms[id]
			wantText := c.text
			if wantText == "" {
				wantText = tm.Name
			}
			href := s.rel("/glossary/" + id + "/")
			i := slices.IndexFunc(links, func(n *html.Node) bool { return attr(n, "href") == href && text(n) == wantText })
			if i < 0 {
				t.Fatalf("TermLink(%q, %q) = none; want <a class=\"term\" href=%q>%s</a>", c.ref, c.text, href, wantText)
			}
			if got := attr(links[i], "title"); got != tm.Summary {
				t.Errorf("TermLinkTitle(%q) = %q; want %q", c.ref, got, tm.Summary)
			}
			// The summary is written once per link (the title); assets/js/kb.js builds the
			// preview from it.
			if got := attr(links[i], "data-summary"); got != "" {
				t.Errorf("TermLinkDataSummary(%q) = %q; want none (the title holds the summary)", c.ref, got)
			}
		})
	}
}

func TestBacklinks(t *testing.T) {
	s := realSite(t)
	tests := []struct {
		name string
		term string
		page string
		want bool
	}{
		{"container links back to the article", backlinkTermID, s.rel(articlePath), true},
		{"term page does not list itself", backlinkTermID, s.rel("/glossary/" + backlinkTermID + "/"), false},
		{"glossary entries are not articles", backlinkTermID, s.rel("/glossary/microservice/"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Contains(listed(t, s, tt.term, "backlinks"), tt.page)
			if got != tt.want {
				t.Errorf("Backlinks(%q) contains %q = %v; want %v (backlinks: %q)", tt.term, tt.page, got, tt.want, listed(t, s, tt.term, "backlinks"))
			}
		})
	}
}

func TestPageChrome(t *testing.T) {
	s := realSite(t)
	home := s.page(t, "/")
	tests := []struct {
		name  string
		check func() (got, want any)
	}{
		{"skip link targets main", func() (any, any) {
			return attr(find(home, elemWithClass(atom.A, "skip-link")), "href"), "#main"
		}},
		{"main has id", func() (any, any) {
			return attr(find(home, isElem(atom.Main)), "id"), "main"
		}},
		{"stylesheet has integrity", func() (any, any) {
			link := find(home, func(n *html.Node) bool { return n.DataAtom == atom.Link && attr(n, "rel") == "stylesheet" })
			return strings.HasPrefix(attr(link, "integrity"), "sha256-"), true
		}},
		{"stylesheet is published", func() (any, any) {
			link := find(home, func(n *html.Node) bool { return n.DataAtom == atom.Link && attr(n, "rel") == "stylesheet" })
			href := attr(link, "href")
			if !strings.HasPrefix(href, s.rel("/")) {
				return href, "a path under " + s.rel("/")
			}
			_, err := os.Stat(s.file(strings.TrimPrefix(href, s.rel("/"))))
			return err == nil, true
		}},
		{"one executable script", func() (any, any) {
			return len(findAll(home, func(n *html.Node) bool { return n.DataAtom == atom.Script && attr(n, "type") != "application/ld+json" })), 1
		}},
	}
	for _, section := range []string{"/learning/", "/glossary/", "/compare/"} {
		tests = append(tests, struct {
			name  string
			check func() (got, want any)
		}{"home links to " + section, func() (any, any) {
			main := find(home, isElem(atom.Main))
			return find(main, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "href") == s.rel(section) }) != nil, true
		}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := tt.check(); got != want {
				t.Errorf("Check(%q) = %v; want %v", tt.name, got, want)
			}
		})
	}
}

func TestGlossaryIndexListsEveryTerm(t *testing.T) {
	s := realSite(t)
	doc := s.page(t, "/glossary/")
	for id, tm := range s.data.terms {
		href := s.rel("/glossary/" + id + "/")
		// The index links relative to itself ("container/"): resolve before comparing.
		dt := find(doc, func(n *html.Node) bool {
			return n.DataAtom == atom.Dt && slices.Contains(hrefs(t, s, "/glossary/", n), href)
		})
		if got := text(dt); got != tm.Name {
			t.Errorf("GlossaryIndexEntry(%q) = %q; want %q", id, got, tm.Name)
			continue
		}
		dd := dt.NextSibling
		for dd != nil && dd.Type != html.ElementNode {
			dd = dd.NextSibling
		}
		if got := text(dd); got != tm.Summary {
			t.Errorf("GlossaryIndexSummary(%q) = %q; want %q", id, got, tm.Summary)
		}
	}
}

// TestBrokenReferencesFailTheBuild copies the site, adds one page with a bad reference
// on a known line, and checks that the build fails naming file:line:col and the id.
func TestBrokenReferencesFailTheBuild(t *testing.T) {
	s := realSite(t)
	tests := []struct {
		name string
		line string // the line holding the bad shortcode call
		want string // must appear in the error, with the call's position
	}{
		{"unknown term", `See {{< term "no-such-term" >}} here.`, `term "no-such-term": no glossary term or alias with that id`},
		{"unknown term named", `A {{< term id="No-Such-Alias" text="x" >}}.`, `term "No-Such-Alias": no glossary term or alias with that id`},
		{"misspelt term", `A {{< term "contaner" >}}.`, `term "contaner": no glossary term or alias with that id (did you mean "container"?)`},
		{"term written as words", `A {{< term "Virtual_Machine" >}}.`, `term "Virtual_Machine": no glossary term or alias with that id (did you mean "virtual-machine"?)`},
		{"misspelt comparison", `{{< comparison "serverless-vs-container" >}}`, `comparison "serverless-vs-container": no comparison with that id in data/comparisons (did you mean "serverless-vs-containers"?)`},
		{"unknown comparison", `{{< comparison "no-such-comparison" >}}`, `comparison "no-such-comparison": no comparison with that id`},
		{"unknown aspect", fmt.Sprintf(`{{< comparison id=%q aspects="scaling,no-such-aspect" >}}`, comparisonID), `aspect "no-such-aspect" is not one of its aspects`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			if err := CopySite(s.root, src); err != nil {
				t.Fatalf("CopySite: %v", err)
			}
			const lineNo = 7
			page := strings.Join([]string{
				"---",
				`title: "Broken reference"`,
				"---",
				"",
				"A page with one bad reference.",
				"",
				tt.line,
				"",
			}, "\n")
			file := filepath.Join(src, "content", "learning", "zz-broken-reference.md")
			if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
			defer cancel()
			out, err := Build(ctx, s.root, src, t.TempDir())
			if err == nil {
				t.Fatalf("Build(%q) error = nil; want a failure\n%s", tt.line, out)
			}
			pos := fmt.Sprintf("%s:%d:%d", file, lineNo, strings.Index(tt.line, "{{<")+1)
			if !strings.Contains(string(out), pos) {
				t.Errorf("BuildOutput(%q) contains %q = false; want true\n%s", tt.line, pos, out)
			}
			if !strings.Contains(string(out), tt.want) {
				t.Errorf("BuildOutput(%q) contains %q = false; want true\n%s", tt.line, tt.want, out)
			}
		})
	}
}
