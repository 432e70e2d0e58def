package browser

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/cloudkb/kb/tools/internal/sitebuild"
)

var screenshots = flag.Bool("screenshots", false, "write the README's screenshots to docs/screenshots/ (TestScreenshots)")

// The site's path under the test server, like the published https://cloudkb.github.io/kb/.
const prefix = "/kb/"

// buildTimeout covers a cold first compile of `go tool hugo` plus the build and Pagefind.
const buildTimeout = 15 * time.Minute

// Phone and desktop viewports.
var (
	phone   = viewport{375, 812, true}
	desktop = viewport{1280, 900, false}
)

// screens are the two viewports by name, for tests that run on both.
var screens = []struct {
	name string
	vp   viewport
}{{"desktop", desktop}, {"phone", phone}}

type viewport struct {
	width, height int64
	mobile        bool
}

// env is what every test shares: the built, indexed and served site, and one browser.
type env struct {
	root    string // repository root
	dir     string // the built site
	base    string // its URL, e.g. http://127.0.0.1:41234/kb/
	host    string // the server's host:port
	terms   map[string]term
	browser context.Context // a chromedp context holding the browser
	skip    string          // why the tests cannot run here
	err     error
}

type term struct {
	Name    string   `toml:"name"`
	Aliases []string `toml:"aliases"`
	Summary string   `toml:"summary"`
}

var (
	setupOnce sync.Once
	shared    env
	cleanups  []func()
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	os.Exit(code)
}

// inCI reports whether the tests run in CI, where a missing browser or missing node
// packages fail the tests instead of skipping them.
func inCI() bool { return os.Getenv("CI") == "true" }

// site builds, indexes and serves the site and starts the browser, once per test binary.
// It skips the test when chromium or node_modules is missing, except in CI (CI=true),
// where that fails the test.
func site(t *testing.T) *env {
	t.Helper()
	setupOnce.Do(setup)
	if shared.skip != "" {
		if inCI() {
			t.Fatalf("CI=true: %s", shared.skip)
		}
		t.Skip(shared.skip)
	}
	if shared.err != nil {
		t.Fatalf("setting up the site and the browser: %v", shared.err)
	}
	return &shared
}

func setup() {
	e := &shared
	wd, err := os.Getwd()
	if err != nil {
		e.err = err
		return
	}
	if e.root, err = sitebuild.RepoRoot(wd); err != nil {
		e.err = err
		return
	}
	chromium := os.Getenv("KB_CHROMIUM")
	if chromium == "" {
		chromium = ChromiumPath
	}
	if _, err := os.Stat(chromium); err != nil {
		e.skip = fmt.Sprintf("no browser at %s: install it with `apt-get install chromium` (or set KB_CHROMIUM)", chromium)
		return
	}
	for _, f := range []string{"node_modules/.bin/pagefind", "node_modules/axe-core/axe.min.js"} {
		if _, err := os.Stat(filepath.Join(e.root, f)); err != nil {
			e.skip = fmt.Sprintf("%s is missing: run `npm ci` in %s", f, e.root)
			return
		}
	}
	if err := touchInputs(e.root); err != nil {
		e.err = err
		return
	}
	if e.terms, err = loadTerms(e.root); err != nil {
		e.err = err
		return
	}

	e.dir, err = os.MkdirTemp("", "kb-browser-site-*")
	if err != nil {
		e.err = err
		return
	}
	cleanups = append(cleanups, func() { os.RemoveAll(e.dir) })
	srv := NewServer(&Site{Dir: e.dir, Prefix: prefix})
	e.host = srv.Listener.Addr().String()
	e.base = "http://" + e.host + prefix

	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	if out, err := sitebuild.Build(ctx, e.root, e.root, e.dir, "--minify", "--baseURL", e.base); err != nil {
		e.err = fmt.Errorf("%w\n%s", err, out)
		return
	}
	cmd := exec.CommandContext(ctx, "npx", "--no-install", "pagefind", "--site", e.dir)
	cmd.Dir = e.root
	if out, err := cmd.CombinedOutput(); err != nil {
		e.err = fmt.Errorf("npx pagefind --site %s: %w\n%s", e.dir, err, out)
		return
	}
	srv.Start()
	cleanups = append(cleanups, srv.Close)

	profile, err := os.MkdirTemp("", "kb-browser-profile-*")
	if err != nil {
		e.err = err
		return
	}
	cleanups = append(cleanups, func() { os.RemoveAll(profile) })
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), AllocatorOptions(chromium, profile)...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	cleanups = append(cleanups, cancelAlloc, cancelBrowser)
	if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
		e.err = fmt.Errorf("starting %s: %w", chromium, err)
		return
	}
	e.browser = browser
}

// touchInputs opens every file the built site depends on, so that Go's test cache, which
// does not see what `go tool hugo` and Pagefind read in child processes, reruns the tests
// when one of them changes.
func touchInputs(root string) error {
	paths := []string{"go.mod", "package-lock.json", "node_modules/axe-core/axe.min.js"}
	for _, part := range sitebuild.SiteParts {
		err := filepath.WalkDir(filepath.Join(root, part), func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(root, p)
			paths = append(paths, rel)
			return err
		})
		if err != nil {
			return err
		}
	}
	for _, p := range paths {
		f, err := os.Open(filepath.Join(root, p))
		if err != nil {
			return err
		}
		f.Close()
	}
	return nil
}

func loadTerms(root string) (map[string]term, error) {
	files, err := filepath.Glob(filepath.Join(root, "data", "glossary", "*.toml"))
	if err != nil {
		return nil, err
	}
	terms := map[string]term{}
	for _, f := range files {
		var t term
		if _, err := toml.DecodeFile(f, &t); err != nil {
			return nil, err
		}
		terms[strings.TrimSuffix(filepath.Base(f), ".toml")] = t
	}
	if len(terms) == 0 {
		return nil, errors.New("no terms in data/glossary")
	}
	return terms, nil
}

// pages lists the site paths (such as "/compare/x/") of the built pages under section,
// not counting the section's own page or redirect pages.
func (e *env) pages(t *testing.T, section string) []string {
	t.Helper()
	dirs, err := os.ReadDir(filepath.Join(e.dir, section))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(e.dir, section, d.Name(), "index.html"))
		if err != nil || strings.Contains(string(b), `http-equiv="refresh"`) || strings.Contains(string(b), `http-equiv=refresh`) {
			continue
		}
		out = append(out, "/"+section+"/"+d.Name()+"/")
	}
	if len(out) == 0 {
		t.Fatalf("Pages(%q) = none; want the built pages", section)
	}
	slices.Sort(out)
	return out
}

// url is the address of a site path such as "/glossary/container/".
func (e *env) url(p string) string {
	return strings.TrimSuffix(e.base, "/") + "/" + strings.TrimPrefix(p, "/")
}

// ---- A tab. ----

// tab is one browser tab for one test, with what the page reported: Content-Security-Policy
// violations, uncaught exceptions and requests to other hosts.
type tab struct {
	t   *testing.T
	e   *env
	ctx context.Context

	mu         sync.Mutex
	exceptions []string
	foreign    []string
	shot       bool // a failure screenshot was taken
}

// The script every page gets before its own: it records CSP violations where the test can
// read them. (Scripts added through the DevTools protocol are not subject to the page's CSP.)
const recordViolations = `window.__kbViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__kbViolations.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " in " + e.sourceFile + ":" + e.lineNumber);
});`

// newTab opens a tab with the viewport and colour scheme ("light" or "dark").
func newTab(t *testing.T, e *env, vp viewport, scheme string) *tab {
	t.Helper()
	tb := &tab{t: t, e: e}
	ctx, cancel := chromedp.NewContext(e.browser, chromedp.WithListener(func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			tb.mu.Lock()
			tb.exceptions = append(tb.exceptions, exceptionText(ev.ExceptionDetails))
			tb.mu.Unlock()
		case *network.EventRequestWillBeSent:
			u, err := url.Parse(ev.Request.URL)
			if err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ws" || u.Scheme == "wss") && u.Host != e.host {
				tb.mu.Lock()
				tb.foreign = append(tb.foreign, ev.Request.URL)
				tb.mu.Unlock()
			}
		}
	}))
	t.Cleanup(cancel)
	tb.ctx = ctx
	opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
	if vp.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
	}
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tt, network.Enable, network.EnableParams{}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, tt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordViolations})
			return err
		}),
		chromedp.EmulateViewport(vp.width, vp.height, opts...),
		chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
			_, err := cdp.Call(ctx, tt, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		}),
	)
	if err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tb
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "exception"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d)", s, d.URL, d.LineNumber)
}

// open navigates to a site path and waits for the load event (deferred scripts have run).
func (tb *tab) open(p string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(tb.e.url(p))); err != nil {
		tb.fatalf("Navigate(%q): %v", p, err)
	}
}

// follow runs an action that leads to another page (a click, a submitted form) and waits
// for that page's load event.
func (tb *tab) follow(what string, trigger chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, trigger)); err != nil {
		tb.fatalf("%s: waiting for the next page: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its value into T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.fatalf("Evaluate(%.80q): %v", expr, err)
	}
	return v
}

// wait polls a JavaScript expression until it is truthy.
func (tb *tab) wait(expr string) {
	tb.t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		tb.fatalf("Wait(%.120q): %v", expr, err)
	}
}

func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		tb.fatalf("%v", err)
	}
}

// errorf reports a failure, with a screenshot of the page the first time.
func (tb *tab) errorf(format string, args ...any) {
	tb.t.Helper()
	tb.screenshot()
	tb.t.Errorf(format, args...)
}

func (tb *tab) fatalf(format string, args ...any) {
	tb.t.Helper()
	tb.screenshot()
	tb.t.Fatalf(format, args...)
}

// screenshot saves the tab's viewport as a PNG in $TEST_OUTPUT, if set, else in the
// test's artifact directory (kept with go test -artifacts), and logs where.
func (tb *tab) screenshot() {
	tb.t.Helper()
	if tb.shot {
		return
	}
	tb.shot = true
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Logf("screenshot: %v", err)
		return
	}
	dir := os.Getenv("TEST_OUTPUT")
	if dir == "" {
		dir = tb.t.ArtifactDir()
	}
	name := strings.NewReplacer("/", "_", " ", "_", ":", "_").Replace(tb.t.Name()) + ".png"
	file := filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.t.Logf("screenshot: %v", err)
		return
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		tb.t.Logf("screenshot: %v", err)
		return
	}
	tb.t.Logf("screenshot of the failure: %s", file)
}

// checkClean fails the test when the page so far broke its Content-Security-Policy, threw
// an uncaught exception or requested anything from another host.
func (tb *tab) checkClean(what string) {
	tb.t.Helper()
	violations := eval[[]string](tb, `window.__kbViolations || []`)
	tb.mu.Lock()
	exceptions, foreign := tb.exceptions, tb.foreign
	tb.exceptions, tb.foreign = nil, nil
	tb.mu.Unlock()
	for _, v := range violations {
		tb.errorf("Check(%q) = CSP violation %q; want none", what, v)
	}
	for _, x := range exceptions {
		tb.errorf("Check(%q) = uncaught exception %q; want none", what, x)
	}
	for _, u := range foreign {
		tb.errorf("Check(%q) = request to %q; want requests to %s only", what, u, tb.e.host)
	}
}
