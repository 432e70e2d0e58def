package browser

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// layoutShiftLimit is the highest cumulative layout shift (CLS) a page may have; 0.1 is
// the top of Google's "good" band, and the site aims for none at all.
const layoutShiftLimit = 0.02

// scriptDelay holds back every script (the site's and Pagefind's) in TestLayoutShift, so
// that the browser paints the page before they run, as on a slow connection: a page that
// changes its layout from a script then shifts where the test sees it.
const scriptDelay = 400 * time.Millisecond

// The script each page of TestLayoutShift gets before its own: it records every layout
// shift, with what moved.
const recordShifts = `window.__kbShifts = [];
new PerformanceObserver(function (list) {
  for (const e of list.getEntries()) {
    window.__kbShifts.push({
      value: e.value, time: e.startTime,
      sources: (e.sources || []).map(s => (s.node ? s.node.nodeName + (s.node.className ? "." + String(s.node.className).trim().replace(/\s+/g, ".") : "") : "?") +
        " " + Math.round(s.previousRect.y) + "->" + Math.round(s.currentRect.y)),
    });
  }
}).observe({ type: "layout-shift", buffered: true });`

// clsScript is the page's CLS as Chrome defines it: the largest sum of the shifts within
// one session window (shifts less than 1 s apart, at most 5 s in all), with the shifts of
// that window described. Unlike Chrome it counts shifts flagged as following input too:
// the test gives none, yet an emulated phone flags the first shifts so.
const clsScript = `(() => {
  let best = 0, bestList = [], sum = 0, list = [], start = -1, last = -1;
  for (const e of window.__kbShifts) {
    if (start < 0 || e.time - last > 1000 || e.time - start > 5000) { sum = 0; list = []; start = e.time; }
    last = e.time;
    sum += e.value;
    list.push(e.value.toFixed(4) + ": " + e.sources.join(", "));
    if (sum > best) { best = sum; bestList = list.slice(); }
  }
  return { cls: best, shifts: bestList };
})()`

type layoutShift struct {
	CLS    float64  `json:"cls"`
	Shifts []string `json:"shifts"`
}

// clsPages is one page of each type, and the search page with results.
var clsPages = []struct {
	name, path string
	ready      string // a JavaScript condition the page meets once it is complete
}{
	{"home", "/", ""},
	{"term", "/glossary/container/", ""},
	{"comparison", "/compare/serverless-vs-containers/", ""},
	{"article", "/learning/serverless-vs-containers/", ""},
	{"guide", "/learning/how-to-choose/", ""},
	{"glossary", "/glossary/", ""},
	{"comparisons", "/compare/", ""},
	{"learning", "/learning/", ""},
	{"search", "/search/", `document.getElementById("search").dataset.state === "ready"`},
	{"search results", "/search/?q=container", `document.getElementById("search").dataset.state === "done"`},
	{"search, no results", "/search/?q=zzqx", `document.getElementById("search").dataset.state === "done"`},
}

// TestLayoutShift loads one page of each type on a desktop and a phone screen, with the
// scripts held back so that the page is painted before they run, and measures its
// cumulative layout shift: nothing may move once painted (the header's search box is in
// the first paint, the search page's form too, and results only grow below the fold).
func TestLayoutShift(t *testing.T) {
	e := site(t)
	for _, vp := range screens {
		for _, p := range clsPages {
			t.Run(vp.name+"/"+p.name, func(t *testing.T) {
				tb := newTab(t, e, vp.vp, "light")
				tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
					_, err := cdp.Call(ctx, tt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordShifts})
					return err
				}))
				tb.delayRequests(scriptDelay, "*/js/*", "*/pagefind/*")
				tb.open(p.path)
				if p.ready != "" {
					tb.wait(p.ready)
				}
				// Two frames and a pause, for any late change to be laid out and reported.
				eval[bool](tb, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => r(true), 300))))`)
				got := eval[layoutShift](tb, clsScript)
				t.Logf("CLS(%s, %s) = %.4f", p.path, vp.name, got.CLS)
				if got.CLS >= layoutShiftLimit {
					tb.errorf("CLS(%s, %s) = %.4f; want < %v; shifts:\n%s", p.path, vp.name, got.CLS, layoutShiftLimit, strings.Join(got.Shifts, "\n"))
				}
				tb.checkClean(fmt.Sprintf("layout shift %s", p.path))
			})
		}
	}
}

// delayRequests holds back each request of the tab whose URL matches one of the patterns
// (Fetch.enable's wildcards: * for any characters) for d before letting it go on.
func (tb *tab) delayRequests(d time.Duration, patterns ...string) {
	tb.t.Helper()
	var ps []*fetch.RequestPattern
	for _, p := range patterns {
		ps = append(ps, &fetch.RequestPattern{URLPattern: p})
	}
	ctx := tb.ctx
	if err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*fetch.EventRequestPaused); ok {
			// The listener must not run commands itself.
			go func() {
				select {
				case <-time.After(d):
				case <-ctx.Done():
					return
				}
				chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			}()
		}
	}); err != nil {
		tb.fatalf("Listen: %v", err)
	}
	tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tt, fetch.Enable, fetch.EnableParams{Patterns: ps})
		return err
	}))
}
