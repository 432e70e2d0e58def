package browser

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusState is how the focused element looks.
type focusState struct {
	Class   string  `json:"class"`
	Outline string  `json:"outline"` // computed outline-style
	Width   float64 `json:"width"`   // computed outline-width, px
	Top     float64 `json:"top"`     // its top edge in the viewport
}

const focusScript = `(el => {
  const cs = getComputedStyle(el);
  return { class: el.className, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth), top: el.getBoundingClientRect().top };
})(document.activeElement)`

// TestSkipLinkAndFocus checks, in both colour schemes, that the first Tab focuses the skip
// link, visible on screen with an outline, that it moves focus to the main content, and
// that a focused link shows a visible outline.
func TestSkipLinkAndFocus(t *testing.T) {
	e := site(t)
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			tb := newTab(t, e, desktop, scheme)
			tb.open("/glossary/container/")
			tb.do(chromedp.KeyEvent(kb.Tab))
			skip := eval[focusState](tb, focusScript)
			tb.do(chromedp.KeyEvent(kb.Enter))
			main := eval[string](tb, `document.activeElement.id`)
			tb.do(chromedp.KeyEvent(kb.Tab))
			link := eval[focusState](tb, focusScript)
			checks := []struct {
				name      string
				got, want any
			}{
				{"first Tab focuses the skip link", skip.Class, "skip-link"},
				{"skip link on screen", skip.Top >= 0, true},
				{"skip link outline", skip.Outline != "none" && skip.Width >= 2, true},
				{"skip link moves focus to main", main, "main"},
				{"next link outline", link.Outline != "none" && link.Width >= 2, true},
			}
			for _, c := range checks {
				if c.got != c.want {
					tb.errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
				}
			}
			tb.checkClean("skip link")
		})
	}
}

// printState is how a comparison table is laid out for print.
type printState struct {
	Overflow    string  `json:"overflow"`    // the container's overflow-x
	MaxHeight   string  `json:"maxHeight"`   // the container's max-height
	RowHeader   string  `json:"rowHeader"`   // a row header's position
	ColHeader   string  `json:"colHeader"`   // a column header's position
	TableWidth  float64 `json:"tableWidth"`  // the table's width
	PageWidth   float64 `json:"pageWidth"`   // the main column's width
	SourceAfter string  `json:"sourceAfter"` // what a source link prints after itself
	SourceHref  string  `json:"sourceHref"`
	NavShown    bool    `json:"navShown"`
}

// TestPrint emulates print media on a comparison page: no scroll container, nothing
// sticky, the table no wider than the page, and each source's address printed.
func TestPrint(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.open("/compare/serverless-vs-containers-vs-virtual-machines/")
	tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tt, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	st := eval[printState](tb, `(() => {
  const box = document.querySelector(".table-scroll");
  const cs = getComputedStyle(box);
  const src = document.querySelector(".sources cite a");
  return {
    overflow: cs.overflowX,
    maxHeight: cs.maxHeight,
    rowHeader: getComputedStyle(box.querySelector("tbody th[scope=row]")).position,
    colHeader: getComputedStyle(box.querySelector("thead th")).position,
    tableWidth: box.querySelector("table").getBoundingClientRect().width,
    pageWidth: document.querySelector("main").clientWidth,
    sourceAfter: getComputedStyle(src, "::after").content,
    sourceHref: src.getAttribute("href"),
    navShown: document.querySelector(".site-header nav").getClientRects().length > 0,
  };
})()`)
	checks := []struct {
		name      string
		got, want any
	}{
		{"no scroll container", st.Overflow, "visible"},
		{"no height limit", st.MaxHeight, "none"},
		{"row headers not sticky", st.RowHeader, "static"},
		{"column headers not sticky", st.ColHeader, "static"},
		{"table within the page", st.TableWidth <= st.PageWidth+1, true},
		{"source address printed", st.SourceAfter, `" <` + st.SourceHref + `>"`},
		{"navigation not printed", st.NavShown, false},
	}
	for _, c := range checks {
		if c.got != c.want {
			tb.errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
		}
	}
	if st.SourceHref == "" {
		tb.errorf("Check(%q) = no href; want the source's URL", "source link")
	}
}
