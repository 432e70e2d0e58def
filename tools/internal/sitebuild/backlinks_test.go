package sitebuild

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html/atom"
	"golang.org/x/tools/txtar"

	kbcheck "github.com/cloudkb/kb/tools/internal/check"
)

// pageURL is the site path Hugo gives a content file ("learning/x.md"):
// the corpus and the site set no slug or url in front matter.
func pageURL(file string) string {
	dir, name := path.Split(strings.TrimSuffix(file, ".md"))
	if name == "_index" || name == "index" {
		return "/" + dir
	}
	return "/" + dir + name + "/"
}

// listed returns the hrefs under the h2 with id h2ID on a term page, sorted.
func listed(t *testing.T, s *builtSite, id, h2ID string) []string {
	t.Helper()
	sec := section(s.page(t, "/glossary/"+id+"/"), h2ID)
	if sec == nil {
		return nil
	}
	var hrefs []string
	for _, a := range findAll(sec, isElem(atom.A)) {
		hrefs = append(hrefs, attr(a, "href"))
	}
	slices.Sort(hrefs)
	return hrefs
}

// TestBacklinksEqualCheck builds the site with the corpus in
// testdata/backlinks.txtar laid over it and requires every term page's
// "Pages that use this term" and "Mentioned in these glossary entries" to
// list exactly the referrers kb check counts (the latter less the term's
// related terms, which the page lists once, under Related terms).
func TestBacklinksEqualCheck(t *testing.T) {
	real := realSite(t)
	src := t.TempDir()
	if err := CopySite(real.root, src); err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile(filepath.Join("testdata", "backlinks.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		p := filepath.Join(src, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := &builtSite{root: real.root, public: t.TempDir(), base: real.base, title: real.title}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	if out, err := Build(ctx, real.root, src, s.public); err != nil {
		t.Fatalf("Build: %v\n%s", err, out)
	}
	_, graph, _ := kbcheck.Analyze(os.DirFS(src))
	data, err := loadData(src)
	if err != nil {
		t.Fatal(err)
	}

	terms, err := filepath.Glob(filepath.Join(src, "data", "glossary", "*.toml"))
	if err != nil || len(terms) == 0 {
		t.Fatalf("no terms in the copy: %v", err)
	}
	for _, file := range terms {
		id := strings.TrimSuffix(filepath.Base(file), ".toml")
		b := graph.Of(id)
		var pages, from []string
		for _, p := range b.Pages {
			pages = append(pages, s.rel(pageURL(p)))
		}
		for _, f := range b.Terms {
			// Terms already under Related terms are not listed again (layouts/glossary/page.html).
			if !slices.Contains(data.terms[id].Related, f) {
				from = append(from, s.rel("/glossary/"+f+"/"))
			}
		}
		slices.Sort(pages)
		slices.Sort(from)
		if got := listed(t, s, id, "backlinks"); !slices.Equal(got, pages) {
			t.Errorf("PagesThatUse(%q) = %q; want %q (kb check)", id, got, pages)
		}
		if got := listed(t, s, id, "mentioned-in"); !slices.Equal(got, from) {
			t.Errorf("MentionedIn(%q) = %q; want %q (kb check)", id, got, from)
		}
	}

	// The corpus's own expectations, so that a reader which sees nothing
	// (or everything) cannot pass by agreeing with itself.
	tests := []struct {
		name, term, h2ID string
		want             []string
		exact            bool     // false: the site's own pages may refer too
		absent           []string // must not be listed
	}{
		{"every counted form", "probe-counted", "backlinks", []string{"/learning/backlinks-counted/"}, true, nil},
		{"definitions refer", "probe-counted", "mentioned-in", []string{"/glossary/probe-alias/", "/glossary/probe-hidden/"}, true, nil},
		{"named parameter, alias, and shortcodes wherever Hugo runs them", "probe-alias", "backlinks", []string{"/learning/backlinks-alias/", "/learning/backlinks-counted/", "/learning/backlinks-shortcodes-in-code/"}, true, nil},
		{"links in code and comments, and escaped shortcodes, are not references", "probe-hidden", "backlinks", nil, true, nil},
		{"code in a definition, and itself, are not references", "probe-hidden", "mentioned-in", nil, true, nil},
		{"reference definition with angle brackets", "hypervisor", "backlinks", []string{"/learning/backlinks-counted/"}, false, nil},
		{"link with a fragment and a title", "container", "backlinks", []string{"/learning/backlinks-counted/"}, false, nil},
		{"own link text", "virtual-machine", "backlinks", []string{"/learning/backlinks-counted/"}, false, nil},
		{"a comment in a definition is not a reference", "kernel", "mentioned-in", nil, false, []string{"/glossary/probe-hidden/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []string
			for _, w := range tt.want {
				want = append(want, s.rel(w))
			}
			got := listed(t, s, tt.term, tt.h2ID)
			if tt.exact && !slices.Equal(got, want) {
				t.Errorf("Listed(%q, %q) = %q; want %q", tt.term, tt.h2ID, got, want)
			}
			for _, w := range want {
				if !slices.Contains(got, w) {
					t.Errorf("Listed(%q, %q) = %q; want it to contain %q", tt.term, tt.h2ID, got, w)
				}
			}
			for _, a := range tt.absent {
				if slices.Contains(got, s.rel(a)) {
					t.Errorf("Listed(%q, %q) = %q; want no %q", tt.term, tt.h2ID, got, s.rel(a))
				}
			}
		})
	}
}
