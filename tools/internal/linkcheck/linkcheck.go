// Package linkcheck verifies the links of a built site: every internal
// href and src resolves to a built file, every #fragment to an element id
// on its target page, and every redirect (alias page or _redirects line)
// to a page that exists. It reads the site as files, with no server.
package linkcheck

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// Broken is one link that leads nowhere.
type Broken struct {
	File   string // the page, relative to the site's folder
	Target string // the link as written
	Reason string
}

func (b Broken) String() string {
	return fmt.Sprintf("%s: broken link → %s (%s)", b.File, b.Target, b.Reason)
}

// Options says what counts as internal.
type Options struct {
	// Base is the site's base URL as built (e.g. https://example.org/docs/
	// or /). Links under its path, and absolute links to its host, are
	// internal; the rest of an absolute URL is left alone.
	Base string
}

// page is what one HTML file holds: its element ids and its links.
type page struct {
	ids   map[string]bool
	links []string
}

// Check walks the site in fsys and returns its broken links, sorted.
func Check(fsys fs.FS, opts Options) ([]Broken, error) {
	base, err := url.Parse(opts.Base)
	if err != nil {
		return nil, fmt.Errorf("base URL %q: %w", opts.Base, err)
	}
	prefix := strings.TrimSuffix(base.Path, "/")
	var files []string
	err = fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read site: %w", err)
	}
	pages, err := parseAll(fsys, files)
	if err != nil {
		return nil, err
	}
	c := &checker{fsys: fsys, base: base, prefix: prefix, pages: pages}
	var broken []Broken
	for _, f := range files {
		for _, link := range pages[f].links {
			if reason := c.resolve(f, link); reason != "" {
				broken = append(broken, Broken{File: f, Target: link, Reason: reason})
			}
		}
	}
	broken = append(broken, c.redirects()...)
	sort.Slice(broken, func(i, j int) bool {
		if broken[i].File != broken[j].File {
			return broken[i].File < broken[j].File
		}
		return broken[i].Target < broken[j].Target
	})
	return broken, nil
}

// parseAll parses the files on every core.
func parseAll(fsys fs.FS, files []string) (map[string]*page, error) {
	pages := make(map[string]*page, len(files))
	var mu sync.Mutex
	var firstErr error
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				p, err := parse(fsys, f)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				pages[f] = p
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	return pages, firstErr
}

func parse(fsys fs.FS, name string) (*page, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	p := &page{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return p, nil // io.EOF, or a page the tokenizer gives up on
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		var refresh bool
		for _, a := range tok.Attr {
			switch {
			case a.Key == "id" || a.Key == "name" && tok.Data == "a":
				p.ids[a.Val] = true
			case a.Key == "href" && (tok.Data == "a" || tok.Data == "link" || tok.Data == "area"),
				a.Key == "src" && (tok.Data == "img" || tok.Data == "script" || tok.Data == "source" || tok.Data == "iframe" || tok.Data == "audio" || tok.Data == "video"):
				p.links = append(p.links, a.Val)
			case a.Key == "http-equiv" && strings.EqualFold(a.Val, "refresh"):
				refresh = true
			}
		}
		if refresh {
			for _, a := range tok.Attr {
				if a.Key == "content" {
					if _, target, ok := strings.Cut(a.Val, "url="); ok {
						p.links = append(p.links, strings.TrimSpace(target))
					}
				}
			}
		}
	}
}

type checker struct {
	fsys   fs.FS
	base   *url.URL
	prefix string // the base URL's path, without its final slash
	pages  map[string]*page
}

// resolve returns why link, found on page from, is broken, or "".
func (c *checker) resolve(from, link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return "not a URL"
	}
	switch {
	case u.Scheme == "mailto" || u.Scheme == "tel" || u.Scheme == "data":
		return ""
	case u.Scheme != "" || u.Host != "":
		if u.Host != c.base.Host || c.base.Host == "" {
			return "" // another site's
		}
	case u.Path == "" && u.Fragment == "":
		return ""
	}
	target := from
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Join(path.Dir("/"+from), p)
			if strings.HasSuffix(u.Path, "/") {
				p += "/"
			}
		} else {
			rest, ok := strings.CutPrefix(p, c.prefix+"/")
			if !ok && p != c.prefix {
				return fmt.Sprintf("outside the site's base path %s/", c.prefix)
			}
			p = "/" + rest
		}
		var found bool
		if target, found = c.file(p); !found {
			return "no such page"
		}
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") {
		pg := c.pages[target]
		if pg == nil || !pg.ids[u.Fragment] {
			return fmt.Sprintf("no element with id %q on %s", u.Fragment, target)
		}
	}
	return ""
}

// file maps a site path to the file that serves it, as a static host
// does: a folder serves its index.html.
func (c *checker) file(p string) (string, bool) {
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = "."
	}
	candidates := []string{name}
	if strings.HasSuffix(p, "/") || path.Ext(name) == "" {
		candidates = []string{path.Join(name, "index.html"), name + ".html"}
	}
	for _, f := range candidates {
		if fi, err := fs.Stat(c.fsys, f); err == nil && !fi.IsDir() {
			return f, true
		}
	}
	return "", false
}

// redirects checks the targets of a _redirects file, if the site has one.
func (c *checker) redirects() []Broken {
	f, err := c.fsys.Open("_redirects")
	if err != nil {
		return nil
	}
	defer f.Close()
	var broken []Broken
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if reason := c.resolve("_redirects", fields[1]); reason != "" {
			broken = append(broken, Broken{File: "_redirects", Target: fields[1], Reason: reason})
		}
	}
	return broken
}
