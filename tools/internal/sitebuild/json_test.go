package sitebuild

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ---- /glossary/index.json and /compare/index.json (docs/linking.md). ----

type glossaryIndex struct {
	Version int            `json:"version"`
	Terms   []glossaryTerm `json:"terms"`
}

type glossaryTerm struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Summary string   `json:"summary"`
	URL     string   `json:"url"`
	Related []string `json:"related"`
	Tags    []string `json:"tags"`
	Checked string   `json:"checked"`
	Lastmod string   `json:"lastmod"`
}

type compareIndex struct {
	Version     int                 `json:"version"`
	Comparisons []compareComparison `json:"comparisons"`
}

type compareComparison struct {
	ID       string                       `json:"id"`
	Title    string                       `json:"title"`
	Summary  string                       `json:"summary"`
	URL      string                       `json:"url"`
	Subjects []string                     `json:"subjects"`
	Aspects  []string                     `json:"aspects"`
	Values   map[string]map[string]string `json:"values"`
	Checked  map[string]map[string]string `json:"checked"`
}

// decodeStrict decodes one JSON value from raw into v, refusing unknown fields and
// trailing data.
func decodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("trailing data after the JSON value")
	}
	return nil
}

// orEmpty returns l, or an empty non-nil list for nil: the JSON has [] where the data has nothing.
func orEmpty(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestGlossaryJSON(t *testing.T) {
	s := realSite(t)
	raw, err := os.ReadFile(s.file("/glossary/index.json"))
	if err != nil {
		t.Fatalf("ReadFile(glossary/index.json): %v", err)
	}
	var idx glossaryIndex
	if err := decodeStrict(raw, &idx); err != nil {
		t.Fatalf("Decode(glossary/index.json): %v", err)
	}
	if idx.Version != 1 {
		t.Errorf("Version = %d; want 1", idx.Version)
	}
	if bytes.Contains(raw, []byte("null")) {
		t.Errorf("Check(%q) = contains null; want lists, possibly empty", "glossary/index.json")
	}
	var ids []string
	for _, tm := range idx.Terms {
		ids = append(ids, tm.ID)
	}
	if want := sortedKeys(s.data.terms); !slices.Equal(ids, want) {
		t.Fatalf("TermIDs = %q; want %q (every term in data/glossary, sorted)", ids, want)
	}
	changed := readDates(t, s.root)
	for _, got := range idx.Terms {
		t.Run(got.ID, func(t *testing.T) {
			tm := s.data.terms[got.ID]
			lastmod, err := time.Parse("2006-01-02", got.Lastmod)
			runChecks(t, []check{
				{"name", got.Name, tm.Name},
				{"summary", got.Summary, tm.Summary},
				{"url", got.URL, s.abs("/glossary/" + got.ID + "/")},
				{"aliases", fmt.Sprint(got.Aliases), fmt.Sprint(orEmpty(tm.Aliases))},
				{"related", fmt.Sprint(got.Related), fmt.Sprint(orEmpty(tm.Related))},
				{"tags", fmt.Sprint(got.Tags), fmt.Sprint(orEmpty(tm.Tags))},
				{"checked", got.Checked, oldestChecked(tm)},
				{"lastmod is a date", err, nil},
				// The day the term's data file last changed, as kb links dated it
				// (layouts/glossary/section.json, tools/internal/dates).
				{"lastmod is the data file's date", lastmod.Format("2006-01-02"), changed.day(t, "terms", got.ID)},
			})
			if _, err := os.Stat(s.file(strings.TrimPrefix(got.URL, s.abs("/")))); err != nil {
				t.Errorf("Check(%q) = %v; want the page at %s built", "url page", err, got.URL)
			}
		})
	}
}

// oldestChecked is the oldest checked date of a term's definition and
// facts, as the site states it, or "".
func oldestChecked(tm term) string {
	oldest := tm.Checked
	for _, f := range tm.Facts {
		if f.Checked != "" && (oldest == "" || f.Checked < oldest) {
			oldest = f.Checked
		}
	}
	return oldest
}

func TestCompareJSON(t *testing.T) {
	s := realSite(t)
	raw, err := os.ReadFile(s.file("/compare/index.json"))
	if err != nil {
		t.Fatalf("ReadFile(compare/index.json): %v", err)
	}
	var idx compareIndex
	if err := decodeStrict(raw, &idx); err != nil {
		t.Fatalf("Decode(compare/index.json): %v", err)
	}
	if idx.Version != 1 {
		t.Errorf("Version = %d; want 1", idx.Version)
	}
	var ids []string
	for _, c := range idx.Comparisons {
		ids = append(ids, c.ID)
	}
	if want := sortedKeys(s.data.comparisons); !slices.Equal(ids, want) {
		t.Fatalf("ComparisonIDs = %q; want %q (every comparison in data/comparisons, sorted)", ids, want)
	}
	for _, got := range idx.Comparisons {
		t.Run(got.ID, func(t *testing.T) {
			c := s.data.comparisons[got.ID]
			checks := []check{
				{"title", got.Title, c.Title},
				{"summary", got.Summary, c.Summary},
				{"url", got.URL, s.abs("/compare/" + got.ID + "/")},
				{"subjects", fmt.Sprint(got.Subjects), fmt.Sprint(c.Subjects)},
				{"aspects", fmt.Sprint(got.Aspects), fmt.Sprint(c.Aspects)},
				{"value rows", len(got.Values), len(c.Subjects)},
			}
			for _, subj := range c.Subjects {
				checks = append(checks, check{subj + " values", len(got.Values[subj]), len(c.Aspects)})
				for _, a := range c.Aspects {
					f := s.data.terms[subj].Facts[a]
					checks = append(checks,
						check{subj + "/" + a, got.Values[subj][a], f.Value},
						check{subj + "/" + a + " checked", got.Checked[subj][a], f.Checked})
				}
			}
			runChecks(t, checks)
		})
	}
}

// ---- JSON-LD. ----

type ldTermSet struct {
	Context     string `json:"@context"`
	Type        string `json:"@type"`
	ID          string `json:"@id"`
	URL         string `json:"url"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

type ldTerm struct {
	Context          string   `json:"@context"`
	Type             string   `json:"@type"`
	ID               string   `json:"@id"`
	URL              string   `json:"url"`
	Name             string   `json:"name"`
	Description      string   `json:"description"`
	AlternateName    []string `json:"alternateName"`
	InDefinedTermSet string   `json:"inDefinedTermSet"`
}

type ldArticle struct {
	Context          string `json:"@context"`
	Type             string `json:"@type"`
	Headline         string `json:"headline"`
	DatePublished    string `json:"datePublished"`
	DateModified     string `json:"dateModified"`
	URL              string `json:"url"`
	MainEntityOfPage string `json:"mainEntityOfPage"`
	InLanguage       string `json:"inLanguage"`
}

// jsonLD decodes the page's one <script type="application/ld+json"> into v.
func jsonLD(t *testing.T, s *builtSite, path string, v any) {
	t.Helper()
	scripts := findAll(s.page(t, path), func(n *html.Node) bool {
		return n.DataAtom == atom.Script && attr(n, "type") == "application/ld+json"
	})
	if len(scripts) != 1 {
		t.Fatalf("JSONLDScripts(%q) = %d; want 1", path, len(scripts))
	}
	if err := decodeStrict([]byte(text(scripts[0])), v); err != nil {
		t.Fatalf("JSONLD(%q): %v\n%s", path, err, text(scripts[0]))
	}
}

func TestJSONLDGlossary(t *testing.T) {
	s := realSite(t)
	var set ldTermSet
	jsonLD(t, s, "/glossary/", &set)
	checks := []check{
		{"@context", set.Context, "https://schema.org"},
		{"@type", set.Type, "DefinedTermSet"},
		{"@id", set.ID, s.abs("/glossary/")},
		{"url", set.URL, s.abs("/glossary/")},
		{"name", set.Name != "", true},
		// The set lists no terms (site/json-ld.html says why): each term page
		// names it, as checked below.
	}
	runChecks(t, checks)

	for _, id := range sortedKeys(s.data.terms) {
		t.Run(id, func(t *testing.T) {
			tm := s.data.terms[id]
			var got ldTerm
			jsonLD(t, s, "/glossary/"+id+"/", &got)
			runChecks(t, []check{
				{"@context", got.Context, "https://schema.org"},
				{"@type", got.Type, "DefinedTerm"},
				{"@id", got.ID, s.abs("/glossary/" + id + "/")},
				{"url", got.URL, s.abs("/glossary/" + id + "/")},
				{"name", got.Name, tm.Name},
				{"description", got.Description, tm.Summary},
				{"alternateName", fmt.Sprint(got.AlternateName), fmt.Sprint(tm.Aliases)},
				{"inDefinedTermSet", got.InDefinedTermSet, set.ID},
			})
		})
	}
}

func TestJSONLDArticles(t *testing.T) {
	s := realSite(t)
	for path, fm := range articles(t, s) {
		t.Run(path, func(t *testing.T) {
			var got ldArticle
			jsonLD(t, s, path, &got)
			published, err := time.Parse(time.RFC3339, got.DatePublished)
			_, errModified := time.Parse(time.RFC3339, got.DateModified)
			wantDate := ""
			switch d := fm.Date.(type) {
			case time.Time:
				wantDate = d.Format("2006-01-02")
			case nil:
			default:
				wantDate = fmt.Sprint(d)
			}
			runChecks(t, []check{
				{"@context", got.Context, "https://schema.org"},
				{"@type", got.Type, "Article"},
				{"headline", got.Headline, fm.Title},
				// No description: the meta description carries it (site/json-ld.html).
				{"datePublished is RFC 3339", err, nil},
				{"datePublished is the front matter date", published.Format("2006-01-02"), wantDate},
				{"dateModified is RFC 3339", errModified, nil},
				{"url", got.URL, s.abs(path)},
				{"mainEntityOfPage", got.MainEntityOfPage, s.abs(path)},
			})
		})
	}
}
