package browser

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The comparison page whose table the tests below use: its header names each subject with a
// titled term link (class "subject"), its takeaways with a plain one ("Favours X", no title).
const tablePage = "/compare/serverless-vs-containers/"

// The two kinds of table term link, as JavaScript expressions. The header link is the one
// to the same term as the first takeaway's, so both must show the same summary.
const (
	favoursLink = `document.querySelector(".comparison .favours a")`
	headerLink  = `document.querySelector('.comparison thead a.subject[href="' + ` + favoursLink + `.getAttribute("href") + '"]')`
)

var tableLinks = []struct{ name, expr string }{
	{"table header", headerLink},
	{"takeaway favours", favoursLink},
}

// checkTableLinks checks that the page has both kinds of link, that the takeaway's link is
// published without a title (so its preview can only come from the header's summary), and
// that both name the same description.
func checkTableLinks(tb *tab) {
	tb.t.Helper()
	if !eval[bool](tb, `!!`+favoursLink+` && !!(`+headerLink+`)`) {
		tb.fatalf("Check(%q) = missing; want a takeaway's term link and the header link to the same term on %s", "table links", tablePage)
	}
	// The HTML as served, before kb.js took the titles out.
	served := eval[[]bool](tb, `fetch(location.href).then(r => r.text()).then(t => {
  const d = new DOMParser().parseFromString(t, "text/html");
  const f = d.querySelector(".comparison .favours a");
  const h = d.querySelector('.comparison thead a.subject[href="' + f.getAttribute("href") + '"]');
  return [f.hasAttribute("title"), h.hasAttribute("title")];
})`)
	if served[0] || !served[1] {
		tb.errorf("Check(%q) = favours titled %v, header titled %v; want false, true", "served titles", served[0], served[1])
	}
	same := eval[[]string](tb, `[(`+headerLink+`).getAttribute("aria-describedby") || "", `+favoursLink+`.getAttribute("aria-describedby") || ""]`)
	if same[0] == "" || same[0] != same[1] {
		tb.errorf("Check(%q) = %q, %q; want the same non-empty aria-describedby", "table links described", same[0], same[1])
	}
}

// pointAt scrolls the link into view (inside the table's scroll region too) and returns a
// point on it that is not covered by anything else (the table's sticky cells).
func pointAt(tb *tab, expr string) (x, y float64) {
	tb.t.Helper()
	xy := eval[[]float64](tb, `(() => {
  const a = `+expr+`;
  a.scrollIntoView({block: "center", inline: "center"});
  for (const r of a.getClientRects()) {
    for (const f of [0.5, 0.25, 0.75]) {
      const x = r.left + r.width * f, y = r.top + r.height / 2;
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.closest("a") === a) return [x, y];
    }
  }
  return [];
})()`)
	if len(xy) != 2 {
		tb.fatalf("Check(%q) = covered or off screen; want a visible point on the link", "point at "+expr)
	}
	return xy[0], xy[1]
}

// TestPreviewTableHover points at each kind of table term link: the preview shows the
// term's summary, and moving away hides it.
func TestPreviewTableHover(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.open(tablePage)
	checkTableLinks(tb)
	for _, l := range tableLinks {
		tb.do(chromedp.MouseEvent("mouseMoved", 5, 5))
		tb.wait(`document.getElementById("term-preview").hidden`)
		x, y := pointAt(tb, l.expr)
		tb.do(chromedp.MouseEvent("mouseMoved", x, y))
		tb.wait(`!document.getElementById("term-preview").hidden`)
		checkShown(tb, "hover "+l.name, preview(tb, l.expr))
		tb.do(chromedp.MouseEvent("mouseMoved", 5, 5))
		tb.wait(`document.getElementById("term-preview").hidden`)
	}
	tb.checkClean("table hover preview")
}

// TestPreviewTableKeyboard tabs to each kind of table term link: the preview shows on focus,
// and Escape hides it.
func TestPreviewTableKeyboard(t *testing.T) {
	e := site(t)
	for _, vp := range screens {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTab(t, e, vp.vp, "light")
			tb.open(tablePage)
			checkTableLinks(tb)
			for _, l := range tableLinks {
				// Tab forward (from wherever the last link left focus) to this link.
				reached := false
				for i := 0; i < 400 && !reached; i++ {
					tb.do(chromedp.KeyEvent(kb.Tab))
					reached = eval[bool](tb, `document.activeElement === (`+l.expr+`)`)
				}
				if !reached {
					tb.fatalf("Check(%q) = not focused after 400 Tab presses; want focus", "tab to "+l.name)
				}
				checkShown(tb, "focus "+l.name, preview(tb, "document.activeElement"))
				tb.do(chromedp.KeyEvent(kb.Escape))
				if s := preview(tb, "document.activeElement"); s.Shown {
					tb.errorf("Check(%q) = shown; want hidden after Escape", "escape on "+l.name)
				}
			}
			tb.checkClean("table keyboard preview")
		})
	}
}

// TestPreviewTableTouch taps each kind of table term link on a touch screen: the first tap
// shows the preview and stays on the page; a second tap on the takeaway's link follows it.
func TestPreviewTableTouch(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, phone, "light")
	tb.do(chromedp.EmulateViewport(phone.width, phone.height, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateScale(2), chromedp.EmulateTouch))
	tb.open(tablePage)
	checkTableLinks(tb)
	var x, y float64
	for _, l := range tableLinks {
		x, y = pointAt(tb, l.expr)
		tb.do(chromedp.TapXY(x, y))
		tb.wait(`!document.getElementById("term-preview").hidden && document.getElementById("term-preview").textContent !== ""`)
		checkShown(tb, "first tap on "+l.name, preview(tb, l.expr))
		if loc := eval[string](tb, `location.href`); loc != e.url(tablePage) {
			tb.fatalf("Check(%q) = %q; want to stay on %q", "location after the first tap on "+l.name, loc, e.url(tablePage))
		}
	}
	tb.checkClean("table touch preview")
	// The last link tapped is the takeaway's; its preview is open, so this tap follows it.
	href := eval[string](tb, favoursLink+`.href`)
	tb.follow("second tap", chromedp.TapXY(x, y))
	if loc := eval[string](tb, `location.href`); loc != href {
		tb.errorf("Check(%q) = %q; want %q", "location after the second tap", loc, href)
	}
}

// TestFavicon checks that the head links the SVG favicon, that it loads as an image, and
// that the page logs no console errors and gets no error response (a 404 favicon.ico would
// be both). Chromium may still ask for /favicon.ico on its own, outside the site; that one
// request is logged, not failed, as long as the link above is honoured.
func TestFavicon(t *testing.T) {
	e := site(t)
	for _, p := range []string{"/", tablePage} {
		t.Run(strings.Trim("home"+p, "/"), func(t *testing.T) {
			tb := newTab(t, e, desktop, "dark")
			var mu sync.Mutex
			var problems, asked []string
			note := func(s string) { mu.Lock(); problems = append(problems, s); mu.Unlock() }
			chromedp.Listen(tb.ctx, func(ev any) {
				switch ev := ev.(type) {
				case *runtime.EventConsoleAPICalled:
					if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
						note(fmt.Sprintf("console.%s", ev.Type))
					}
				case *cdplog.EventEntryAdded:
					if ev.Entry.Level == cdplog.EntryLevelError && !isRootFavicon(ev.Entry.URL) {
						note(fmt.Sprintf("log error %q (%s)", ev.Entry.Text, ev.Entry.URL))
					}
				case *network.EventResponseReceived:
					if ev.Response.Status >= 400 {
						if isRootFavicon(ev.Response.URL) {
							mu.Lock()
							asked = append(asked, fmt.Sprintf("%s (%d)", ev.Response.URL, ev.Response.Status))
							mu.Unlock()
						} else {
							note(fmt.Sprintf("HTTP %d for %s", ev.Response.Status, ev.Response.URL))
						}
					}
				}
			})
			tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
				_, err := cdp.Call(ctx, tt, cdplog.Enable, cdp.Empty{})
				return err
			}))
			tb.open(p)

			link := eval[[]string](tb, `(() => {
  const l = document.querySelectorAll('head link[rel="icon"]');
  return l.length === 1 ? [l[0].getAttribute("href"), l[0].getAttribute("type"), l[0].href] : [];
})()`)
			if len(link) != 3 {
				tb.fatalf("Check(%q) = not one; want one <link rel=\"icon\"> in head", "favicon link")
			}
			if link[0] != prefix+"favicon.svg" || link[1] != "image/svg+xml" {
				tb.errorf("Check(%q) = href %q type %q; want %q, %q", "favicon link", link[0], link[1], prefix+"favicon.svg", "image/svg+xml")
			}
			// The icon is served as SVG and renders as an image (in this dark tab too).
			got := eval[[]any](tb, `fetch(`+jsString(link[2])+`).then(async r => {
  const type = r.headers.get("content-type") || "";
  const img = new Image();
  img.src = r.url;
  await img.decode().catch(() => {});
  return [r.status, type, img.naturalWidth];
})`)
			if got[0] != float64(200) || !strings.HasPrefix(got[1].(string), "image/svg+xml") || got[2] == float64(0) {
				tb.errorf("Check(%q) = status %v, type %v, width %v; want 200, image/svg+xml, an image", "favicon", got[0], got[1], got[2])
			}
			tb.checkClean("favicon")
			mu.Lock()
			defer mu.Unlock()
			for _, s := range asked {
				t.Logf("chromium asked for %s on its own; the page links favicon.svg", s)
			}
			for _, s := range problems {
				tb.errorf("Check(%q) = %s; want no console errors or error responses", "console on "+p, s)
			}
		})
	}
}

// isRootFavicon reports whether u is the browser's own guess at /favicon.ico on the host,
// which is outside the site's path (the site lives under prefix).
func isRootFavicon(u string) bool {
	return strings.HasSuffix(u, "/favicon.ico")
}
