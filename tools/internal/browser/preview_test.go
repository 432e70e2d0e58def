package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The article whose term links the preview tests use.
const previewPage = "/learning/serverless-vs-containers/"

// previewState is what the page shows of a term link and its preview.
type previewState struct {
	Href        string  `json:"href"`
	Shown       bool    `json:"shown"`
	Text        string  `json:"text"`
	Description string  `json:"description"` // the text of the link's aria-describedby elements
	Title       string  `json:"title"`       // the link's title attribute, left as a tooltip
	Overlaps    bool    `json:"overlaps"`    // the preview covers part of the link
	Left        float64 `json:"left"`
	Right       float64 `json:"right"`
	Width       float64 `json:"width"` // the viewport's width
}

// The state of the focused term link, or of the link the expression in sel finds.
const previewScript = `(() => {
  const a = %s;
  const pop = document.getElementById("term-preview");
  const ids = (a.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  const l = a.getBoundingClientRect();
  const p = pop ? pop.getBoundingClientRect() : null;
  const shown = !!pop && !pop.hidden && p.width > 0;
  return {
    href: a.getAttribute("href"),
    shown,
    text: pop ? pop.textContent : "",
    description: ids.map(id => (document.getElementById(id) || {}).textContent || "").join(" "),
    title: a.getAttribute("title") || "",
    overlaps: shown && p.left < l.right && l.left < p.right && p.top < l.bottom && l.top < p.bottom,
    left: shown ? p.left : 0,
    right: shown ? p.right : 0,
    width: document.documentElement.clientWidth,
  };
})()`

func preview(tb *tab, sel string) previewState {
	tb.t.Helper()
	return eval[previewState](tb, fmt.Sprintf(previewScript, sel))
}

// summaryOf is the summary of the term a link points to.
func summaryOf(e *env, href string) string {
	id := strings.TrimSuffix(strings.TrimPrefix(href, prefix+"glossary/"), "/")
	return e.terms[id].Summary
}

// checkShown checks that the preview shows the link's summary, beside the link, inside
// the viewport, and that the summary is the link's accessible description.
func checkShown(tb *tab, what string, s previewState) {
	tb.t.Helper()
	want := summaryOf(tb.e, s.Href)
	checks := []struct {
		name      string
		got, want any
	}{
		{what + ": preview shown", s.Shown, true},
		{what + ": preview text", s.Text, want},
		{what + ": aria-describedby text", s.Description, want},
		{what + ": title tooltip left", s.Title, ""},
		{what + ": preview covers the link", s.Overlaps, false},
		{what + ": preview inside the viewport", s.Left >= 0 && s.Right <= s.Width, true},
	}
	for _, c := range checks {
		if c.got != c.want {
			tb.errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
		}
	}
}

// TestPreviewKeyboard tabs to the first term link: its preview shows, and Escape hides it.
func TestPreviewKeyboard(t *testing.T) {
	e := site(t)
	for _, vp := range screens {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTab(t, e, vp.vp, "light")
			tb.open(previewPage)
			focused := false
			for i := 0; i < 100 && !focused; i++ {
				tb.do(chromedp.KeyEvent(kb.Tab))
				focused = eval[bool](tb, `document.activeElement.matches("a.term")`)
			}
			if !focused {
				tb.fatalf("Check(%q) = no term link after 100 Tab presses; want one focused", "tab to a term link")
			}
			checkShown(tb, "focus", preview(tb, "document.activeElement"))
			tb.do(chromedp.KeyEvent(kb.Escape))
			if s := preview(tb, "document.activeElement"); s.Shown {
				tb.errorf("Check(%q) = shown; want hidden after Escape", "escape")
			}
			// Focus stays on the link, and the link still leads to the term.
			if got := eval[bool](tb, `document.activeElement.matches("a.term")`); !got {
				tb.errorf("Check(%q) = %v; want focus kept on the link", "focus after escape", got)
			}
			tb.checkClean("keyboard preview")
		})
	}
}

// TestPreviewHover points at a term link: the preview shows, and leaving hides it.
func TestPreviewHover(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.open(previewPage)
	const link = `document.querySelector(".prose a.term")`
	tb.do(chromedp.ScrollIntoView(chromedp.CSS(".prose a.term")))
	x := eval[[]float64](tb, `(r => [r.left + 4, r.top + r.height / 2])(`+link+`.getClientRects()[0])`)
	tb.do(chromedp.MouseEvent("mouseMoved", x[0], x[1]))
	tb.wait(`!document.getElementById("term-preview").hidden`)
	checkShown(tb, "hover", preview(tb, link))
	// The pointer can move onto the preview (to read or select it) without closing it.
	p := eval[[]float64](tb, `(r => [r.left + r.width / 2, r.top + r.height / 2])(document.getElementById("term-preview").getBoundingClientRect())`)
	tb.do(chromedp.MouseEvent("mouseMoved", p[0], p[1]), chromedp.Sleep(400*time.Millisecond))
	if s := preview(tb, link); !s.Shown {
		tb.errorf("Check(%q) = hidden; want shown while the pointer is on the preview", "hover onto the preview")
	}
	tb.do(chromedp.KeyEvent(kb.Escape))
	if s := preview(tb, link); s.Shown {
		tb.errorf("Check(%q) = shown; want hidden after Escape", "escape on hover")
	}
	tb.do(chromedp.MouseEvent("mouseMoved", x[0], x[1]+200), chromedp.MouseEvent("mouseMoved", x[0], x[1]))
	tb.wait(`!document.getElementById("term-preview").hidden`)
	tb.do(chromedp.MouseEvent("mouseMoved", 5, 5))
	tb.wait(`document.getElementById("term-preview").hidden`)
	tb.checkClean("hover preview")
}

// TestPreviewTouch taps a term link on a touch screen: the first tap shows the preview and
// stays on the page, the second tap follows the link.
func TestPreviewTouch(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, phone, "light")
	tb.do(chromedp.EmulateViewport(phone.width, phone.height, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateScale(2), chromedp.EmulateTouch))
	tb.open(previewPage)
	const link = `document.querySelector(".prose a.term")`
	tb.do(chromedp.ScrollIntoView(chromedp.CSS(".prose a.term")))
	xy := eval[[]float64](tb, `(r => [r.left + 4, r.top + r.height / 2])(`+link+`.getClientRects()[0])`)
	href := eval[string](tb, link+`.href`)
	tb.do(chromedp.TapXY(xy[0], xy[1]))
	tb.wait(`!document.getElementById("term-preview").hidden`)
	checkShown(tb, "first tap", preview(tb, link))
	if loc := eval[string](tb, `location.href`); loc != e.url(previewPage) {
		tb.errorf("Check(%q) = %q; want to stay on %q", "location after the first tap", loc, e.url(previewPage))
	}
	tb.checkClean("touch preview")
	tb.follow("second tap", chromedp.TapXY(xy[0], xy[1]))
	if loc := eval[string](tb, `location.href`); loc != href {
		tb.errorf("Check(%q) = %q; want %q", "location after the second tap", loc, href)
	}
}

// TestPreviewNearBottom points at a term link in the last lines of the screen, on a
// desktop and a phone: the preview opens above the link, whole inside the viewport,
// without covering the link or scrolling the page.
func TestPreviewNearBottom(t *testing.T) {
	e := site(t)
	for _, vp := range screens {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTab(t, e, vp.vp, "light")
			tb.open(previewPage)
			// The last term link of the text, scrolled to 12 px above the bottom edge.
			const link = `[...document.querySelectorAll(".prose a.term")].at(-1)`
			eval[bool](tb, `(a => { window.scrollBy(0, a.getClientRects()[0].bottom - innerHeight + 12); return true })(`+link+`)`)
			before := eval[float64](tb, `scrollY`)
			xy := eval[[]float64](tb, `(r => [r.left + 4, r.top + r.height / 2])(`+link+`.getClientRects()[0])`)
			if xy[1] < float64(vp.vp.height-60) {
				tb.fatalf("Check(%q) = link at y=%.0f; want it within 60 px of the bottom (%d)", "link near the bottom", xy[1], vp.vp.height)
			}
			tb.do(chromedp.MouseEvent("mouseMoved", xy[0], xy[1]))
			tb.wait(`!document.getElementById("term-preview").hidden`)
			checkShown(tb, "near the bottom", preview(tb, link))
			got := eval[[]float64](tb, `(p => [p.top, p.bottom, `+link+`.getClientRects()[0].top])(document.getElementById("term-preview").getBoundingClientRect())`)
			if got[0] < 0 || got[1] > float64(vp.vp.height) {
				tb.errorf("Check(%q) = top %.0f, bottom %.0f; want inside 0..%d", "preview inside the viewport vertically", got[0], got[1], vp.vp.height)
			}
			if got[1] > got[2] {
				tb.errorf("Check(%q) = preview bottom %.0f below the link's top %.0f; want it above the link", "preview above", got[1], got[2])
			}
			if after := eval[float64](tb, `scrollY`); after != before {
				tb.errorf("Check(%q) = scrolled from %.0f to %.0f; want the page left where it was", "no scroll", before, after)
			}
			tb.checkClean("preview near the bottom")
		})
	}
}
