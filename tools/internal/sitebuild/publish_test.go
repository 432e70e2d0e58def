package sitebuild

import (
	"bufio"
	"context"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/cloudkb/kb/tools/internal/linkcheck"
)

// The baseURL of the second build, which checks that the site also works at a host's root.
const rootBaseURL = "http://example.test/"

var (
	rootOnce sync.Once
	rootSite builtSite
)

// atRoot builds the site a second time, with --baseURL http://example.test/, once per test binary.
func atRoot(t *testing.T) *builtSite {
	t.Helper()
	s := realSite(t)
	rootOnce.Do(func() {
		rootSite = builtSite{root: s.root, data: s.data, title: s.title}
		var err error
		rootSite.base, err = parseBase(rootBaseURL)
		if err != nil {
			rootSite.err = err
			return
		}
		rootSite.public, err = tempDir("kb-site-root-*")
		if err != nil {
			rootSite.err = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
		defer cancel()
		out, err := Build(ctx, s.root, s.root, rootSite.public, "--baseURL", rootBaseURL)
		rootSite.output = string(out)
		if err != nil {
			rootSite.err = err
		}
	})
	if rootSite.err != nil {
		t.Fatalf("building the site with --baseURL %s: %v\n%s", rootBaseURL, rootSite.err, rootSite.output)
	}
	return &rootSite
}

// htmlPage is one built HTML file: its site path ("/glossary/x/", "/404.html") and its tree.
type htmlPage struct {
	path string
	doc  *html.Node
}

// htmlPages parses every .html file the build wrote, in path order.
func (s *builtSite) htmlPages(t *testing.T) []htmlPage {
	t.Helper()
	var pages []htmlPage
	err := filepath.WalkDir(s.public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(s.public, p)
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			return err
		}
		path := "/" + filepath.ToSlash(rel)
		path = strings.TrimSuffix(path, "index.html")
		pages = append(pages, htmlPage{path, doc})
		return nil
	})
	if err != nil {
		t.Fatalf("reading the built HTML: %v", err)
	}
	if len(pages) == 0 {
		t.Fatal("HTMLPages = 0; want the built site")
	}
	return pages
}

// isRedirect reports whether doc is an alias page (a meta refresh).
func isRedirect(doc *html.Node) bool {
	return find(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Meta && strings.EqualFold(attr(n, "http-equiv"), "refresh")
	}) != nil
}

// meta returns the content of <meta name=...> or <meta property=...>, and whether it exists.
func meta(doc *html.Node, key string) (string, bool) {
	n := find(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Meta && (attr(n, "name") == key || attr(n, "property") == key)
	})
	if n == nil {
		return "", false
	}
	return attr(n, "content"), true
}

// linkRel returns the first <link rel=rel> in doc, or nil.
func linkRel(doc *html.Node, rel string) *html.Node {
	return find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Link && attr(n, "rel") == rel })
}

func readFile(t *testing.T, s *builtSite, path string) string {
	t.Helper()
	b, err := os.ReadFile(s.file(path))
	if err != nil {
		t.Fatalf("ReadFile(%q): %v", path, err)
	}
	return string(b)
}

type check struct {
	name      string
	got, want any
}

func runChecks(t *testing.T, checks []check) {
	t.Helper()
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
		}
	}
}

// TestHeadMetadata checks every page's <head>: title, description, canonical URL, Open
// Graph tags and the feed link; the 404 page instead has noindex and no canonical URL.
func TestHeadMetadata(t *testing.T) {
	s := realSite(t)
	feed := s.abs("/learning/index.xml")
	if _, err := os.Stat(s.file("/learning/index.xml")); err != nil {
		t.Fatalf("Feed(%q): %v; want it built", feed, err)
	}
	for _, p := range s.htmlPages(t) {
		if isRedirect(p.doc) {
			continue
		}
		t.Run(p.path, func(t *testing.T) {
			head := find(p.doc, isElem(atom.Head))
			title := text(find(head, isElem(atom.Title)))
			description, hasDescription := meta(head, "description")
			canonical := linkRel(head, "canonical")
			ogTitle, _ := meta(head, "og:title")
			ogDescription, _ := meta(head, "og:description")
			ogURL, hasOGURL := meta(head, "og:url")
			ogType, _ := meta(head, "og:type")
			ogSite, _ := meta(head, "og:site_name")
			robots, _ := meta(head, "robots")
			alt := linkRel(head, "alternate")

			wantType := "website"
			if strings.HasPrefix(p.path, "/learning/") && p.path != "/learning/" {
				wantType = "article"
			}
			checks := []check{
				{"title", title != "" && (p.path == "/" && title == s.title || strings.HasSuffix(title, " | "+s.title)), true},
				{"meta description", hasDescription && strings.TrimSpace(description) != "", true},
				{"og:title", ogTitle != "" && strings.HasPrefix(title, ogTitle), true},
				{"og:description", ogDescription, description},
				{"og:type", ogType, wantType},
				{"og:site_name", ogSite, s.title},
				{"feed link type", attr(alt, "type"), "application/rss+xml"},
				{"feed link href", attr(alt, "href"), feed},
			}
			if p.path == "/404.html" {
				checks = append(checks,
					check{"404 robots", robots, "noindex"},
					check{"404 has canonical", canonical != nil, false},
					check{"404 has og:url", hasOGURL, false},
				)
			} else {
				checks = append(checks,
					check{"canonical", attr(canonical, "href"), s.abs(p.path)},
					check{"og:url", ogURL, s.abs(p.path)},
					check{"robots", robots, ""},
				)
			}
			runChecks(t, checks)
		})
	}
}

// TestTermPageMeta checks that a term page describes itself with the term's summary.
func TestTermPageMeta(t *testing.T) {
	s := realSite(t)
	for _, id := range requiredTerms {
		doc := s.page(t, "/glossary/"+id+"/")
		description, _ := meta(doc, "description")
		ogTitle, _ := meta(doc, "og:title")
		runChecks(t, []check{
			{id + " description", description, s.data.terms[id].Summary},
			{id + " og:title", ogTitle, s.data.terms[id].Name},
		})
	}
}

type sitemap struct {
	URLs []struct {
		Loc string `xml:"loc"`
	} `xml:"url"`
}

// TestSitemap checks that sitemap.xml lists exactly the site's pages, by absolute URL:
// no redirect pages, no 404 page.
func TestSitemap(t *testing.T) {
	s := realSite(t)
	var sm sitemap
	if err := xml.Unmarshal([]byte(readFile(t, s, "/sitemap.xml")), &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	var got []string
	for _, u := range sm.URLs {
		got = append(got, u.Loc)
	}
	slices.Sort(got)
	var want []string
	for _, p := range s.htmlPages(t) {
		if !isRedirect(p.doc) && p.path != "/404.html" {
			want = append(want, s.abs(p.path))
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Sitemap = %q; want %q", got, want)
	}
	for _, must := range []string{"/", "/glossary/", "/glossary/container/", "/compare/" + comparisonID + "/", articlePath} {
		if !slices.Contains(got, s.abs(must)) {
			t.Errorf("Sitemap contains %q = false; want true", s.abs(must))
		}
	}
}

func TestRobotsTXT(t *testing.T) {
	s := realSite(t)
	lines := strings.Split(readFile(t, s, "/robots.txt"), "\n")
	runChecks(t, []check{
		{"user-agent", slices.Contains(lines, "User-agent: *"), true},
		{"sitemap", slices.Contains(lines, "Sitemap: "+s.abs("/sitemap.xml")), true},
		{"disallows nothing", slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, "Disallow: ") && len(l) > len("Disallow: ") }), false},
	})
}

type rssFeed struct {
	Channel struct {
		Title string    `xml:"title"`
		Links []string  `xml:"link"`
		Items []rssItem `xml:"item"`
	} `xml:"channel"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate"`
	Description string `xml:"description"`
}

// frontMatter is what the tests read from an article's TOML front matter.
type frontMatter struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Date        any    `toml:"date"`
}

// articles returns the articles in content/learning/ by site path, with their front matter.
func articles(t *testing.T, s *builtSite) map[string]frontMatter {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(s.root, "content", "learning", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]frontMatter{}
	for _, f := range files {
		if filepath.Base(f) == "_index.md" {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var fm frontMatter
		parts := strings.SplitN(string(raw), "+++", 3)
		if len(parts) != 3 || strings.TrimSpace(parts[0]) != "" {
			t.Fatalf("FrontMatter(%q): want TOML front matter between +++ lines", f)
		}
		if _, err := toml.Decode(parts[1], &fm); err != nil {
			t.Fatalf("FrontMatter(%q): %v", f, err)
		}
		out["/learning/"+strings.TrimSuffix(filepath.Base(f), ".md")+"/"] = fm
	}
	if len(out) == 0 {
		t.Fatal("Articles in content/learning = 0; want at least one")
	}
	return out
}

// TestLearningFeed checks the learning section's RSS feed: its link, and one item per article
// with its absolute URL, title and description.
func TestLearningFeed(t *testing.T) {
	s := realSite(t)
	var feed rssFeed
	if err := xml.Unmarshal([]byte(readFile(t, s, "/learning/index.xml")), &feed); err != nil {
		t.Fatalf("learning/index.xml: %v", err)
	}
	if !slices.Contains(feed.Channel.Links, s.abs("/learning/")) {
		t.Errorf("FeedLink = %q; want it to contain %q", feed.Channel.Links, s.abs("/learning/"))
	}
	arts := articles(t, s)
	if len(feed.Channel.Items) != len(arts) {
		t.Errorf("FeedItems = %d; want %d (one per article)", len(feed.Channel.Items), len(arts))
	}
	for path, fm := range arts {
		i := slices.IndexFunc(feed.Channel.Items, func(it rssItem) bool { return it.Link == s.abs(path) })
		if i < 0 {
			t.Errorf("FeedItem(%q) = none; want one", s.abs(path))
			continue
		}
		it := feed.Channel.Items[i]
		runChecks(t, []check{
			{path + " title", it.Title, fm.Title},
			{path + " description", it.Description, fm.Description},
			{path + " guid", it.GUID, s.abs(path)},
			{path + " pubDate", it.PubDate != "", true},
		})
	}
}

// Test404Page checks the page served for missing addresses: it must work at any depth.
func Test404Page(t *testing.T) {
	s := realSite(t)
	doc := s.page(t, "/404.html")
	hrefs := map[string]bool{}
	for _, a := range findAll(find(doc, isElem(atom.Main)), isElem(atom.A)) {
		hrefs[attr(a, "href")] = true
	}
	css := attr(linkRel(doc, "stylesheet"), "href")
	checks := []check{
		{"h1", text(find(doc, isElem(atom.H1))), "Page not found"},
		{"stylesheet is site-absolute", strings.HasPrefix(css, s.rel("/")), true},
	}
	for _, p := range []string{"/", "/learning/", "/glossary/", "/compare/"} {
		checks = append(checks, check{"links to " + p, hrefs[s.rel(p)], true})
	}
	runChecks(t, checks)
}

// parseHeaders reads a _headers file: each unindented line is a path pattern, each indented
// line below it a header.
func parseHeaders(t *testing.T, body string) map[string][]string {
	t.Helper()
	rules := map[string][]string{}
	var current string
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#"):
		case line[0] == ' ' || line[0] == '\t':
			if current == "" {
				t.Fatalf("_headers: header %q before any path", line)
			}
			rules[current] = append(rules[current], strings.TrimSpace(line))
		default:
			current = strings.TrimSpace(line)
		}
	}
	return rules
}

// script-src allows 'wasm-unsafe-eval' (WebAssembly, not eval) for Pagefind's search.
const wantCSP = "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"

// The stylesheet is named by the first 10 hex digits of its SHA-256
// (site/stylesheet-link.html).
var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{10}\.css$`)

// TestHeadersFile checks _headers: the security headers on every path, and a long immutable
// cache on the fingerprinted stylesheet.
func TestHeadersFile(t *testing.T) {
	s := realSite(t)
	body := readFile(t, s, "/_headers")
	rules := parseHeaders(t, body)
	all := rules[s.rel("/")+"*"]
	cssRule := s.rel("/css/") + "*"
	css := attr(linkRel(s.page(t, "/"), "stylesheet"), "href")
	runChecks(t, []check{
		{"CSP on every path", slices.Contains(all, wantCSP), true},
		{"no unsafe-inline", strings.Contains(body, "unsafe-inline"), false},
		{"no unsafe-eval", strings.Contains(body, "'unsafe-eval'"), false},
		{"js cached immutably", slices.Contains(rules[s.rel("/js/")+"*"], "Cache-Control: public, max-age=31536000, immutable"), true},
		{"nosniff", slices.Contains(all, "X-Content-Type-Options: nosniff"), true},
		{"referrer policy", slices.ContainsFunc(all, func(h string) bool { return strings.HasPrefix(h, "Referrer-Policy: ") }), true},
		{"css cached immutably", slices.Contains(rules[cssRule], "Cache-Control: public, max-age=31536000, immutable"), true},
		{"stylesheet under the css rule", strings.HasPrefix(css, strings.TrimSuffix(cssRule, "*")), true},
		{"stylesheet fingerprinted", fingerprinted.MatchString(css), true},
	})
}

// TestNoInlineStyleOrScript scans every built page for what a Content-Security-Policy
// without 'unsafe-inline' would block: style attributes, <style> elements, inline scripts
// (JSON-LD data excepted), event handler attributes and javascript: URLs.
func TestNoInlineStyleOrScript(t *testing.T) {
	s := realSite(t)
	for _, p := range s.htmlPages(t) {
		for _, n := range findAll(p.doc, func(*html.Node) bool { return true }) {
			what := ""
			switch {
			case n.DataAtom == atom.Style:
				what = "<style> element"
			case n.DataAtom == atom.Script && attr(n, "src") == "" && attr(n, "type") != "application/ld+json":
				what = "inline <script>"
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "style":
					what = "style attribute"
				case strings.HasPrefix(a.Key, "on"):
					what = a.Key + " attribute"
				case (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:"):
					what = "javascript: URL"
				}
			}
			if what != "" {
				t.Errorf("Check(%q) = <%s> has %s; want none", p.path, n.Data, what)
			}
		}
	}
}

// TestInternalLinks checks, with kb linkcheck, that every internal link, fragment and
// redirect resolves, both in the published build (under the baseURL's sub-path) and in a
// build at a host's root.
func TestInternalLinks(t *testing.T) {
	tests := []struct {
		name string
		site func(*testing.T) *builtSite
	}{
		{"published sub-path", realSite},
		{"root", atRoot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.site(t)
			broken, err := linkcheck.Check(os.DirFS(s.public), linkcheck.Options{Base: s.base.String()})
			if err != nil {
				t.Fatalf("linkcheck.Check(%s): %v", s.base, err)
			}
			for _, b := range broken {
				t.Errorf("Check(%q) = %s; want no broken links", s.base.String(), b)
			}
		})
	}
}

// TestRootBuild checks that a build at a host's root is clean and carries no sub-path.
func TestRootBuild(t *testing.T) {
	s := atRoot(t)
	for _, line := range strings.Split(s.output, "\n") {
		if strings.Contains(line, "WARN") || strings.Contains(line, "ERROR") {
			t.Errorf("Build output line %q; want no warnings or errors", line)
		}
	}
	doc := s.page(t, "/glossary/virtual-machine/")
	runChecks(t, []check{
		{"canonical", attr(linkRel(doc, "canonical"), "href"), rootBaseURL + "glossary/virtual-machine/"},
		{"related link", find(doc, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "href") == "/glossary/kernel/" }) != nil, true},
		{"redirect line", strings.Contains(readFile(t, s, "/_redirects"), "\n/glossary/vm/ /glossary/virtual-machine/ 301\n"), true},
	})
}

// TestMarkdownLinks checks that site-absolute Markdown links get the baseURL's path and
// that other links stay as written.
func TestMarkdownLinks(t *testing.T) {
	s := realSite(t)
	def := section(s.page(t, "/glossary/virtual-machine/"), "definition")
	var hrefs []string
	for _, a := range findAll(def, isElem(atom.A)) {
		hrefs = append(hrefs, attr(a, "href"))
	}
	tests := []struct {
		name string
		href string
	}{
		{"glossary link from a definition", s.rel("/glossary/kernel/")},
		{"another glossary link", s.rel("/glossary/container/")},
	}
	for _, tt := range tests {
		if !slices.Contains(hrefs, tt.href) {
			t.Errorf("Check(%q) = %q; want it to contain %q", tt.name, hrefs, tt.href)
		}
	}
	for _, h := range hrefs {
		if strings.HasPrefix(h, "/") && !strings.HasPrefix(h, s.rel("/")) {
			t.Errorf("Check(%q) = %q; want site-absolute links under %q", "definition links", h, s.rel("/"))
		}
	}
	// The learning section's own Markdown links to the glossary (content/learning/_index.md).
	learning := find(s.page(t, "/learning/"), isElem(atom.Main))
	for _, a := range findAll(learning, isElem(atom.A)) {
		if h := attr(a, "href"); strings.HasPrefix(h, "/") && !strings.HasPrefix(h, s.rel("/")) {
			t.Errorf("Check(%q) = %q; want site-absolute links under %q", "learning links", h, s.rel("/"))
		}
	}
	// External links (sources) are left alone.
	src := s.data.sources[s.data.terms["virtual-machine"].Sources[0].ID].URL
	sources := section(s.page(t, "/glossary/virtual-machine/"), "sources")
	if find(sources, func(n *html.Node) bool { return n.DataAtom == atom.A && attr(n, "href") == src }) == nil {
		t.Errorf("Check(%q) = missing; want a link to %q", "external source link", src)
	}
}

// TestSelfContained checks that no page loads anything from another host: stylesheets,
// scripts, images and other subresources all come from the site itself, so the built
// folder works on any static host and within the Content-Security-Policy's 'self'.
func TestSelfContained(t *testing.T) {
	s := realSite(t)
	for _, p := range s.htmlPages(t) {
		for _, n := range findAll(p.doc, func(n *html.Node) bool {
			switch n.DataAtom {
			case atom.Script, atom.Img, atom.Iframe, atom.Video, atom.Audio, atom.Source, atom.Embed, atom.Object:
				return true
			case atom.Link:
				rel := attr(n, "rel")
				return rel == "stylesheet" || rel == "icon" || rel == "preload" || rel == "modulepreload" || rel == "manifest"
			}
			return false
		}) {
			for _, key := range []string{"src", "href", "data"} {
				v := attr(n, key)
				if v != "" && !strings.HasPrefix(v, s.rel("/")) && !strings.HasPrefix(v, s.abs("/")) && !strings.HasPrefix(v, "data:") {
					t.Errorf("Check(%q) = <%s %s=%q>; want a resource of this site", p.path, n.Data, key, v)
				}
			}
		}
	}
}
