// Package browser runs the built site in a real browser. Its tests build the site with
// `go tool hugo`, index it with Pagefind (`npx pagefind`), serve it from an httptest
// server on 127.0.0.1 under the published sub-path, with the response headers of the
// site's own _headers file (its Content-Security-Policy included), and drive Debian's
// chromium through chromedp: navigation, search, term previews, layout on a phone-sized
// screen and axe-core's accessibility checks in light and dark colour schemes.
//
// This file holds what the tests share with anything else that needs the site in a
// browser: the browser's flags and the server.
package browser

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian's chromium package (apt-get install chromium) puts the browser.
const ChromiumPath = "/usr/bin/chromium"

// AllocatorOptions are the flags the tests start chromium with: headless, no sandbox (CI
// runs as root), no GPU, no first-run UI, and nothing that talks to the network on its own
// (background networking, component updates, sync), with a fresh profile in userDataDir.
func AllocatorOptions(execPath, userDataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(userDataDir),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("hide-scrollbars", true),
	}
}

// HeaderRule is one path pattern of a _headers file (the format Netlify and Cloudflare
// Pages read) and the headers it sets.
type HeaderRule struct {
	Pattern string      // a path, or a path prefix ending in "*"
	Header  http.Header // the headers to set
}

// Matches reports whether the rule applies to the request path p.
func (r HeaderRule) Matches(p string) bool {
	if prefix, ok := strings.CutSuffix(r.Pattern, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return p == r.Pattern
}

// ParseHeaders reads a _headers file: an unindented line is a path pattern, and each
// indented "Name: value" line below it a header for that pattern. Blank lines and lines
// starting with # are skipped.
func ParseHeaders(body string) []HeaderRule {
	var rules []HeaderRule
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] == ' ' || line[0] == '\t':
			if len(rules) == 0 {
				continue
			}
			if name, value, ok := strings.Cut(trimmed, ":"); ok {
				rules[len(rules)-1].Header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
			}
		default:
			rules = append(rules, HeaderRule{Pattern: trimmed, Header: http.Header{}})
		}
	}
	return rules
}

// Site serves a built site from Dir under the path Prefix (such as "/kb/", the path of the
// site's baseURL), as a static host would: the files, with the headers of Dir/_headers
// (read at the first request), 404.html for missing files, and nothing outside Prefix.
type Site struct {
	Dir    string
	Prefix string

	once  sync.Once
	rules []HeaderRule
	files http.Handler
}

// ServeHTTP implements http.Handler.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.once.Do(func() {
		if b, err := os.ReadFile(filepath.Join(s.Dir, "_headers")); err == nil {
			s.rules = ParseHeaders(string(b))
		}
		s.files = http.FileServer(http.Dir(s.Dir))
	})
	p := path.Clean(r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
		p += "/"
	}
	for _, rule := range s.rules {
		if rule.Matches(p) {
			for name, values := range rule.Header {
				w.Header()[name] = values
			}
		}
	}
	rel, ok := strings.CutPrefix(p, s.Prefix)
	if !ok && p+"/" != s.Prefix {
		http.NotFound(w, r)
		return
	}
	file := filepath.Join(s.Dir, filepath.FromSlash(rel))
	if info, err := os.Stat(file); err != nil || (info.IsDir() && !exists(filepath.Join(file, "index.html"))) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if b, err := os.ReadFile(filepath.Join(s.Dir, "404.html")); err == nil {
			w.Write(b)
		}
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path = "/" + rel
	s.files.ServeHTTP(w, r2)
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// NewServer returns an unstarted httptest server on 127.0.0.1 for the site, so that its
// address (srv.Listener.Addr()) is known before the site is built with it as the baseURL.
// Call srv.Start() once Dir holds the site.
func NewServer(site *Site) *httptest.Server {
	return httptest.NewUnstartedServer(site)
}
