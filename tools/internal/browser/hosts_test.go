package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cloudkb/kb/tools/internal/check"
	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/initsite"
	"github.com/cloudkb/kb/tools/internal/linkcheck"
	"github.com/cloudkb/kb/tools/internal/sitebuild"
)

// The host sites of examples/hosts/ get a browser of their own rather than the shared
// env's: that one comes with a build of the whole knowledge base and its search index,
// which these tests do not need.
var (
	hostOnce    sync.Once
	hostBrowser context.Context
	hostSkip    string
	hostErr     error
)

// startHostBrowser starts chromium once for the host tests. It skips the test when
// chromium or axe-core is missing, except in CI (CI=true), where that fails it, as
// site() does.
func startHostBrowser(t *testing.T, root string) context.Context {
	t.Helper()
	hostOnce.Do(func() {
		chromium := os.Getenv("KB_CHROMIUM")
		if chromium == "" {
			chromium = ChromiumPath
		}
		if _, err := os.Stat(chromium); err != nil {
			hostSkip = fmt.Sprintf("no browser at %s: install it with `apt-get install chromium` (or set KB_CHROMIUM)", chromium)
			return
		}
		if _, err := os.Stat(filepath.Join(root, "node_modules", "axe-core", "axe.min.js")); err != nil {
			hostSkip = fmt.Sprintf("node_modules/axe-core/axe.min.js is missing: run `npm ci` in %s", root)
			return
		}
		profile, err := os.MkdirTemp("", "kb-browser-hosts-*")
		if err != nil {
			hostErr = err
			return
		}
		cleanups = append(cleanups, func() { os.RemoveAll(profile) })
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), AllocatorOptions(chromium, profile)...)
		browser, cancelBrowser := chromedp.NewContext(alloc)
		cleanups = append(cleanups, cancelAlloc, cancelBrowser)
		if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
			hostErr = fmt.Errorf("starting %s: %w", chromium, err)
			return
		}
		hostBrowser = browser
	})
	if hostSkip != "" {
		if inCI() {
			t.Fatalf("CI=true: %s", hostSkip)
		}
		t.Skip(hostSkip)
	}
	if hostErr != nil {
		t.Fatal(hostErr)
	}
	return hostBrowser
}

// kbAssets matches the module's stylesheet and script as kb/head.html links them:
// minified, fingerprinted, with their integrity hash.
var kbAssets = regexp.MustCompile(`<link rel="?stylesheet"? href="?/kb/kb\.min\.[0-9a-f]{64}\.css"? integrity="?sha256-[^" >]+"?>\s*<script src="?/kb/kb\.min\.[0-9a-f]{64}\.js"? integrity="?sha256-[^" >]+"? defer>`)

// TestHostLayouts builds each host site of examples/hosts/ (a documentation theme with a
// sidebar and a stylesheet of its own, and a minimal blog) as `kb init` sets it up, on a
// copy: kb check passes, Hugo builds it offline without a warning, no link is broken, and
// every page links kb.css and kb.js through kb/head.html. Then, in chromium at 375×812 in
// the light and dark colour schemes, the glossary, a term page, the comparison page and
// the article linking the term: the page never scrolls sideways (the comparison table
// scrolls inside its own container, which stays within the viewport), kb.css and kb.js
// took effect inside the host's theme, and axe-core finds no violation.
func TestHostLayouts(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root, err := sitebuild.RepoRoot(wd)
	if err != nil {
		t.Fatal(err)
	}
	browser := startHostBrowser(t, root)
	axe, err := os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	// Offline: the module is this repository (module.replacements), Hugo's pinned in its
	// go.mod, and nothing is downloaded.
	t.Setenv("GOPROXY", "off")
	t.Setenv("HUGO_MODULE_PROXY", "off")
	if err := touchHostInputs(root); err != nil {
		t.Fatal(err)
	}

	hosts := []struct {
		name       string
		term       string // a term page of the host's own glossary
		comparison string // its comparison page
		article    string // a page of its own that links the term
		theme      string // a JavaScript expression, true when the host's own style applies
	}{
		{"docs", "/glossary/edge-cache/", "/compare/edge-cache-vs-origin-server/", "/guides/caching/",
			`getComputedStyle(document.body).fontFamily.includes("Charter") && getComputedStyle(document.querySelector(".sidebar")).display !== "none"`},
		{"blog", "/glossary/static-site/", "/compare/static-vs-dynamic-sites/", "/posts/why-static/",
			`getComputedStyle(document.body).maxWidth === "640px"`},
	}
	for _, h := range hosts {
		t.Run(h.name, func(t *testing.T) {
			site := t.TempDir()
			if err := os.CopyFS(site, os.DirFS(filepath.Join(root, "examples", "hosts", h.name))); err != nil {
				t.Fatal(err)
			}
			setUpHost(t, root, site, h.name)

			public := t.TempDir()
			srv := NewServer(&Site{Dir: public, Prefix: "/"})
			base := "http://" + srv.Listener.Addr().String() + "/"
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			out, err := sitebuild.Build(ctx, root, site, public, "--baseURL", base)
			if err != nil {
				t.Fatalf("Build(%s) = %v; want no error\n%s", h.name, err, out)
			}
			for _, line := range strings.Split(string(out), "\n") {
				if strings.Contains(line, "WARN") || strings.Contains(line, "ERROR") {
					t.Errorf("Build(%s) printed %q; want no warnings or errors", h.name, line)
				}
			}
			broken, err := linkcheck.Check(os.DirFS(public), linkcheck.Options{Base: base})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range broken {
				t.Errorf("LinkCheck(%s) = %s; want no broken links", h.name, b)
			}
			pages := []string{"/glossary/", h.term, h.comparison, h.article}
			for _, p := range pages {
				html, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(p), "index.html"))
				if err != nil {
					t.Errorf("Built(%s%s) = %v; want the page", h.name, p, err)
					continue
				}
				if !kbAssets.Match(html) {
					t.Errorf("Built(%s%s) lacks kb.css and kb.js; want both linked by kb/head.html, fingerprinted with integrity", h.name, p)
				}
				// The table checks of checkHostPage apply where there is a table: the
				// comparison page must have one, or they would check nothing.
				if p == h.comparison && !strings.Contains(string(html), `class="comparison"`) && !strings.Contains(string(html), `class=comparison`) {
					t.Errorf("Built(%s%s) has no comparison table; want one", h.name, p)
				}
			}
			srv.Start()
			defer srv.Close()

			e := &env{root: root, dir: public, base: base, host: srv.Listener.Addr().String(), browser: browser}
			for _, scheme := range []string{"light", "dark"} {
				t.Run(scheme, func(t *testing.T) {
					tb := newTab(t, e, phone, scheme)
					for _, p := range pages {
						tb.open(p)
						checkHostPage(tb, string(axe), h.name+p, h.theme)
					}
				})
			}
		})
	}
}

// setUpHost makes a copy of a host site what `kb init` leaves: a go.mod, then Init (the
// import of the module, the content adapters, the schemas, the Makefile). The site's own
// module.replacements points the import at this repository, as a site working on an
// unreleased version of the module would. kb check must then find no error.
func setUpHost(t *testing.T, root, site, name string) {
	t.Helper()
	gomod := "module example.org/" + name + "\n\ngo " + initsite.GoVersion + "\n"
	if err := os.WriteFile(filepath.Join(site, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(site, "hugo.toml")
	text, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	text = fmt.Appendf(text, "\n[module]\nreplacements = %q\n", initsite.ModulePath+" -> "+root)
	if err := os.WriteFile(cfg, text, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := initsite.Init(initsite.Options{Root: site})
	if err != nil {
		t.Fatalf("Init(%s) = %v; want no error", name, err)
	}
	for _, want := range []string{"hugo.toml", "content/glossary/_content.gotmpl", "content/compare/_content.gotmpl"} {
		if !strings.Contains(strings.Join(res.Wrote, "\n")+"\n", want+"\n") {
			t.Errorf("Init(%s) wrote %q; want %s among them", name, res.Wrote, want)
		}
	}
	if err := os.MkdirAll(filepath.Join(site, "resources", "kb"), 0o755); err != nil {
		t.Fatal(err)
	}
	diags := check.Run(os.DirFS(site))
	for _, d := range diags.Items {
		if d.Severity == diag.Error {
			t.Errorf("Check(%s) = %s; want no errors", name, diags.Line(d))
		}
	}
}

// checkHostPage checks the page open in tb: no sideways scroll of the page; a comparison
// table, if any, scrolls in a container that fits the viewport; the module's stylesheet
// and script took effect and so did the host's (theme); axe-core finds nothing.
func checkHostPage(tb *tab, axe, name, theme string) {
	tb.t.Helper()
	got := eval[[]int](tb, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
	if got[0] > got[1] {
		tb.errorf("ScrollWidth(%q) = %d > clientWidth %d; want no sideways page scroll at 375 px", name, got[0], got[1])
	}
	checks := []struct{ what, expr string }{
		{"the host's own style", theme},
		{"kb.js ran", `document.documentElement.classList.contains("js")`},
		// kb.js moves each summary out of title into a description; a takeaway's second
		// link to a subject has none to move (kb/glossary/term-link.html, plain).
		{"term summaries become descriptions", `!document.querySelector("a.term[title]") && [...document.querySelectorAll("a.term[aria-describedby]")].every(a => document.getElementById(a.getAttribute("aria-describedby")))`},
		{"every table scrolls inside a container within the viewport", `!document.querySelector(".comparison") || document.querySelector(".table-scroll") !== null && [...document.querySelectorAll(".table-scroll")].every(b => getComputedStyle(b).overflowX === "auto" && b.getBoundingClientRect().right <= document.documentElement.clientWidth && b.scrollWidth > b.clientWidth)`},
		{"the aspects' first column is sticky", `!document.querySelector(".comparison") || document.querySelector(".comparison th[scope=row]") !== null && [...document.querySelectorAll(".comparison th[scope=row]")].every(th => getComputedStyle(th).position === "sticky")`},
		{"each aspect's question on a line of its own", `!document.querySelector(".comparison") || document.querySelector(".comparison th small") !== null && [...document.querySelectorAll(".comparison th small")].every(s => getComputedStyle(s).display === "block")`},
		{"screen-reader text is clipped", `[...document.querySelectorAll(".visually-hidden")].every(s => s.getBoundingClientRect().width <= 1)`},
	}
	for _, c := range checks {
		if !eval[bool](tb, c.expr) {
			tb.errorf("Check(%q, %s) = false; want true", name, c.what)
		}
	}
	eval[bool](tb, axe+";true")
	res := eval[axeResult](tb, `axe.run(document, { resultTypes: ["violations"] })`)
	for _, v := range res.Violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
		}
		tb.errorf("Axe(%q) = %s (%s): %s, at %s; want no violations", name, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
	}
	tb.checkClean(name)
}

// touchHostInputs opens the files the host builds read in Hugo's child process, so that
// Go's test cache reruns the test when one changes: the host sites and what the import
// mounts from this repository.
func touchHostInputs(root string) error {
	dirs := []string{filepath.Join(root, "examples", "hosts")}
	for _, m := range initsite.ImportMounts {
		dirs = append(dirs, filepath.Join(root, filepath.FromSlash(m.Source)))
	}
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(p string, de os.DirEntry, err error) error {
			if err != nil || de.IsDir() {
				return err
			}
			_, err = os.ReadFile(p)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
