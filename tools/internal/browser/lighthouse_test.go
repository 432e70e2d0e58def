package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// lighthouseTimeout bounds one Lighthouse run (one page, one form factor), which takes
// 12-20 s on the project's 2-core machine.
const lighthouseTimeout = 3 * time.Minute

// lighthouseCategories are the categories the test runs, with the lowest score (0-100, as
// Lighthouse shows it) each must reach.
var lighthouseCategories = []struct {
	id  string
	min int
}{
	{"performance", 95},
	{"accessibility", 100},
	{"best-practices", 95},
	{"seo", 95},
}

// maxCLS is the highest cumulative layout shift the test accepts.
const maxCLS = 0.02

// traceEngineAudits are the audits that do not run with the chromium Debian ships (156):
// Lighthouse 12.2.3's trace engine (@paulirish/trace_engine 0.0.32) reads a
// PipelineReporter trace event's args.chrome_frame_reporter.frame_sequence, which chromium
// now writes as args.frame_reporter, and stops with "Cannot read properties of undefined
// (reading 'frame_sequence')" (trace_engine 0.0.59, in newer Lighthouse, reads both). None
// of them weighs in a category's score: they are performance diagnostics. The test accepts
// exactly this error from exactly these audits, and fails on any other audit error.
var traceEngineAudits = map[string]bool{
	"layout-shifts":                    true,
	"largest-contentful-paint-element": true,
	"lcp-lazy-loaded":                  true,
	"non-composited-animations":        true,
	"prioritize-lcp-image":             true,
	"render-blocking-resources":        true,
}

// lighthouseReport is the part of Lighthouse's JSON report (lhr) the test reads.
type lighthouseReport struct {
	LighthouseVersion string `json:"lighthouseVersion"`
	FinalDisplayedURL string `json:"finalDisplayedUrl"`
	RuntimeError      *struct{ Code, Message string }
	RunWarnings       []string                    `json:"runWarnings"`
	ConfigSettings    struct{ FormFactor string } `json:"configSettings"`
	Categories        map[string]lighthouseCategory
	Audits            map[string]lighthouseAudit
}

type lighthouseCategory struct {
	Score     *float64 `json:"score"`
	AuditRefs []struct {
		ID     string  `json:"id"`
		Weight float64 `json:"weight"`
	} `json:"auditRefs"`
}

type lighthouseAudit struct {
	Score            *float64 `json:"score"`
	ScoreDisplayMode string   `json:"scoreDisplayMode"`
	NumericValue     *float64 `json:"numericValue"`
	DisplayValue     string   `json:"displayValue"`
	ErrorMessage     string   `json:"errorMessage"`
	Details          struct {
		Items []struct {
			URL  string `json:"url"`
			Node struct {
				Selector string `json:"selector"`
			} `json:"node"`
		} `json:"items"`
	} `json:"details"`
}

// TestLighthouse runs Lighthouse (node_modules/lighthouse, pinned in package-lock.json)
// on one page of each kind, with its default mobile emulation (a mid-range phone on
// simulated slow 4G and a 4× slower CPU) and with --preset=desktop, one run after the
// other, against the test server (the built site with its _headers, CSP included). It
// wants accessibility 100, performance, best practices and SEO at least 95, and a
// cumulative layout shift under 0.02. Lighthouse starts its own chromium (CHROME_PATH).
// Alone: go test ./tools/internal/browser -run TestLighthouse -v
func TestLighthouse(t *testing.T) {
	e := site(t)
	lighthouse := filepath.Join(e.root, "node_modules", ".bin", "lighthouse")
	if _, err := os.Stat(lighthouse); err != nil {
		msg := fmt.Sprintf("node_modules/.bin/lighthouse is missing: run `npm ci` in %s", e.root)
		if inCI() {
			t.Fatalf("CI=true: %s", msg)
		}
		t.Skip(msg)
	}
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"term", "/glossary/container/"},
		{"comparison", "/compare/serverless-vs-containers-vs-virtual-machines/"},
		{"article", "/learning/what-is-a-container/"},
		{"guide", "/learning/how-to-choose/"},
	}
	formFactors := []struct {
		name  string
		flags []string
	}{
		{"mobile", nil}, // Lighthouse's default: mobile emulation, simulated throttling
		{"desktop", []string{"--preset=desktop"}},
	}
	width := len("page")
	for _, p := range pages {
		width = max(width, len(p.path))
	}
	var table []string
	var version string
	start := time.Now()
	for _, p := range pages {
		for _, ff := range formFactors {
			t.Run(p.name+"/"+ff.name, func(t *testing.T) {
				r, html := runLighthouse(t, e, p.path, ff.flags)
				version = r.LighthouseVersion
				row := fmt.Sprintf("%-*s %-7s", width, p.path, ff.name)
				for _, c := range lighthouseCategories {
					row += fmt.Sprintf(" %5s", scoreText(r.Categories[c.id].Score))
				}
				cls := r.Audits["cumulative-layout-shift"].NumericValue
				if cls != nil {
					row += fmt.Sprintf(" %6.3f", *cls)
				} else {
					row += "      -"
				}
				table = append(table, row)
				checkLighthouse(t, e, p.path, ff.name, r)
				if t.Failed() {
					keepReport(t, html)
				}
			})
		}
	}
	t.Logf("Lighthouse %s scores (%d runs in %s):\n%-*s %-7s %5s %5s %5s %5s %6s\n%s", version, len(table), time.Since(start).Round(time.Second),
		width, "page", "form", "perf", "a11y", "bp", "seo", "CLS", strings.Join(table, "\n"))
}

// runLighthouse runs Lighthouse on a site path with the extra flags and returns its report
// and the path of the same report as HTML.
func runLighthouse(t *testing.T, e *env, path string, flags []string) (*lighthouseReport, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), lighthouseTimeout)
	defer cancel()
	// With two outputs Lighthouse writes lh.report.json and lh.report.html.
	out := filepath.Join(t.TempDir(), "lh")
	args := append([]string{
		"--no-install", "lighthouse", e.url(path),
		"--output=json", "--output=html", "--output-path=" + out, "--quiet",
		"--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
		"--only-categories=performance,accessibility,best-practices,seo",
		// The host compresses text (GitHub Pages gzips HTML, CSS and JS); the test server,
		// like the files Hugo writes, does not. The audit is about the deployment, not the
		// site. (Lighthouse's simulated timings still use the larger uncompressed sizes.)
		"--skip-audits=uses-text-compression",
		"--no-enable-error-reporting",
	}, flags...)
	cmd := exec.CommandContext(ctx, "npx", args...)
	cmd.Dir = e.root
	cmd.Env = append(os.Environ(), "CHROME_PATH="+lighthouseChromium())
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("npx %s: %v\n%s", strings.Join(args[1:], " "), err, stderr.Bytes())
	}
	b, err := os.ReadFile(out + ".report.json")
	if err != nil {
		t.Fatalf("reading Lighthouse's report: %v\n%s", err, stderr.Bytes())
	}
	var r lighthouseReport
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("decoding Lighthouse's report: %v", err)
	}
	return &r, out + ".report.html"
}

// keepReport copies Lighthouse's HTML report of a failed run to $TEST_OUTPUT, if set, else
// to the test's artifact directory (kept with go test -artifacts), like the other browser
// tests' failure screenshots, and logs where.
func keepReport(t *testing.T, html string) {
	t.Helper()
	b, err := os.ReadFile(html)
	if err != nil {
		t.Logf("Lighthouse report: %v", err)
		return
	}
	dir := os.Getenv("TEST_OUTPUT")
	if dir == "" {
		dir = t.ArtifactDir()
	}
	file := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_", ":", "_").Replace(t.Name())+".html")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("Lighthouse report: %v", err)
		return
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Logf("Lighthouse report: %v", err)
		return
	}
	t.Logf("Lighthouse report of the failure: %s", file)
}

// checkLighthouse reports every threshold the report misses, naming the failing audits.
func checkLighthouse(t *testing.T, e *env, path, formFactor string, r *lighthouseReport) {
	t.Helper()
	if r.RuntimeError != nil {
		t.Fatalf("Lighthouse(%q, %s) runtime error = %s: %s; want none", path, formFactor, r.RuntimeError.Code, r.RuntimeError.Message)
	}
	// Warnings are about the run, not the site (such as "The tested device appears to have
	// a slower CPU than Lighthouse expects" while other processes load the machine).
	for _, w := range r.RunWarnings {
		t.Logf("Lighthouse(%q, %s) warning: %s", path, formFactor, w)
	}
	if r.ConfigSettings.FormFactor != formFactor {
		t.Errorf("Lighthouse(%q, %s) form factor = %q; want %q", path, formFactor, r.ConfigSettings.FormFactor, formFactor)
	}
	if want := e.url(path); r.FinalDisplayedURL != want {
		t.Errorf("Lighthouse(%q, %s) final URL = %q; want %q", path, formFactor, r.FinalDisplayedURL, want)
	}
	// Everything the page loaded must come from the test server: nothing reaches the network.
	for _, it := range r.Audits["network-requests"].Details.Items {
		if u, err := url.Parse(it.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != e.host {
			t.Errorf("Lighthouse(%q, %s) request to %q; want requests to %s only", path, formFactor, it.URL, e.host)
		}
	}
	for id, a := range r.Audits {
		if a.ScoreDisplayMode == "error" && !(traceEngineAudits[id] && strings.Contains(a.ErrorMessage, "frame_sequence")) {
			t.Errorf("Lighthouse(%q, %s) audit %s = error %q; want a result", path, formFactor, id, a.ErrorMessage)
		}
	}
	for _, c := range lighthouseCategories {
		cat, ok := r.Categories[c.id]
		if !ok || cat.Score == nil {
			t.Errorf("Lighthouse(%q, %s) %s = no score; want >= %.2f (failing: %s)", path, formFactor, c.id, float64(c.min)/100, failingAudits(r, cat))
			continue
		}
		if got := int(math.Round(*cat.Score * 100)); got < c.min {
			want := fmt.Sprintf(">= %.2f", float64(c.min)/100)
			if c.min == 100 {
				want = "1"
			}
			t.Errorf("Lighthouse(%q, %s) %s = %.2f; want %s (failing: %s)", path, formFactor, c.id, *cat.Score, want, failingAudits(r, cat))
		}
	}
	cls := r.Audits["cumulative-layout-shift"]
	switch {
	case cls.NumericValue == nil:
		t.Errorf("Lighthouse(%q, %s) cumulative-layout-shift = none (%s); want < %g", path, formFactor, cls.ErrorMessage, maxCLS)
	case *cls.NumericValue >= maxCLS:
		shifts := r.Audits["layout-shifts"]
		var shifted []string
		for _, it := range shifts.Details.Items {
			if it.Node.Selector != "" {
				shifted = append(shifted, it.Node.Selector)
			}
		}
		which := "shifted: " + strings.Join(shifted, ", ")
		if shifts.ScoreDisplayMode == "error" {
			which = "the layout-shifts audit, which names the elements, did not run"
		}
		t.Errorf("Lighthouse(%q, %s) cumulative-layout-shift = %.3f; want < %g (%s)", path, formFactor, *cls.NumericValue, maxCLS, which)
	}
}

// failingAudits lists the category's audits that scored below 1 or failed to run (but for
// traceEngineAudits), with Lighthouse's display value (a time, a saving) and the first
// elements at fault where it has them.
func failingAudits(r *lighthouseReport, cat lighthouseCategory) string {
	var out []string
	for _, ref := range cat.AuditRefs {
		a, ok := r.Audits[ref.ID]
		switch {
		case !ok, a.ScoreDisplayMode == "error" && traceEngineAudits[ref.ID]:
		case a.ScoreDisplayMode == "error":
			out = append(out, ref.ID+" (did not run)")
		case a.Score != nil && *a.Score < 1 && a.ScoreDisplayMode != "informative" && a.ScoreDisplayMode != "manual" && a.ScoreDisplayMode != "notApplicable":
			s := fmt.Sprintf("%s %.2f", ref.ID, *a.Score)
			if a.DisplayValue != "" {
				s += " (" + a.DisplayValue + ")"
			}
			var nodes []string
			for _, it := range a.Details.Items {
				if it.Node.Selector == "" || slices.Contains(nodes, it.Node.Selector) {
					continue
				}
				if len(nodes) == 3 {
					nodes = append(nodes, "…")
					break
				}
				nodes = append(nodes, it.Node.Selector)
			}
			if len(nodes) > 0 {
				s += " at " + strings.Join(nodes, ", ")
			}
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

func scoreText(s *float64) string {
	if s == nil {
		return "-"
	}
	return fmt.Sprintf("%.0f", *s*100)
}

// lighthouseChromium is the browser Lighthouse starts: the one setup uses (KB_CHROMIUM,
// else Debian's chromium).
func lighthouseChromium() string {
	if p := os.Getenv("KB_CHROMIUM"); p != "" {
		return p
	}
	return ChromiumPath
}
