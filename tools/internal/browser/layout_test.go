package browser

import (
	"fmt"
	"testing"
)

// phonePages are the pages checked on a phone-sized screen: the home page, the glossary
// and a term, every comparison and every article, the search page with results, and the
// other section pages.
func phonePages(t *testing.T, e *env) []string {
	t.Helper()
	pages := []string{"/", "/glossary/", "/glossary/container/", "/glossary/virtual-machine/", "/compare/", "/learning/", "/search/?q=container"}
	pages = append(pages, e.pages(t, "compare")...)
	return append(pages, e.pages(t, "learning")...)
}

// TestNoSidewaysScroll checks, at 375×812, that no page scrolls sideways: only a table may,
// inside its own container.
func TestNoSidewaysScroll(t *testing.T) {
	e := site(t)
	for _, scheme := range []string{"light", "dark"} {
		tb := newTab(t, e, phone, scheme)
		for _, p := range phonePages(t, e) {
			tb.open(p)
			if p == "/search/?q=container" {
				waitForResults(tb, "container")
			}
			got := eval[[]int](tb, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
			if got[0] > got[1] {
				tb.errorf("Check(%q) = scrollWidth %d > clientWidth %d; want no sideways page scroll at 375 px (%s)", p, got[0], got[1], scheme)
			}
			tb.checkClean(p)
		}
	}
}

// tableState is what a comparison table does when its container scrolls.
type tableState struct {
	Wider        bool    `json:"wider"`        // the table is wider than its container
	Taller       bool    `json:"taller"`       // the table is taller than its container
	FirstColLeft float64 `json:"firstColLeft"` // a row header's left edge, after scrolling sideways
	HeaderTop    float64 `json:"headerTop"`    // a column header's top edge, after scrolling down
	BoxLeft      float64 `json:"boxLeft"`
	BoxTop       float64 `json:"boxTop"`
	Overflow     string  `json:"overflow"` // the container's computed overflow-x
}

const tableScript = `(async () => {
  const box = document.querySelectorAll(".table-scroll")[%d];
  box.scrollIntoView();
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const b = box.getBoundingClientRect();
  const st = {
    wider: box.scrollWidth > box.clientWidth + 1,
    taller: box.scrollHeight > box.clientHeight + 1,
    boxLeft: b.left + box.clientLeft,
    boxTop: b.top + box.clientTop,
    overflow: getComputedStyle(box).overflowX,
  };
  box.scrollLeft = 200;
  box.scrollTop = 300;
  await frame();
  st.firstColLeft = box.querySelector("tbody th[scope=row]").getBoundingClientRect().left;
  st.headerTop = box.querySelector("thead th").getBoundingClientRect().top;
  box.scrollLeft = 0;
  box.scrollTop = 0;
  return st;
})()`

// TestComparisonTablesOnPhone checks every comparison table at 375×812: the table scrolls
// sideways in its own container, its first column stays in view, and its header row stays
// in view when a long table scrolls down.
func TestComparisonTablesOnPhone(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, phone, "light")
	taller := 0
	for _, p := range append(e.pages(t, "compare"), "/learning/serverless-vs-containers/") {
		tb.open(p)
		n := eval[int](tb, `document.querySelectorAll(".table-scroll").length`)
		if n == 0 {
			tb.errorf("Check(%q) = no table; want a comparison table", p)
		}
		for i := range n {
			st := eval[tableState](tb, fmt.Sprintf(tableScript, i))
			what := fmt.Sprintf("%s table %d", p, i+1)
			if st.Overflow != "auto" {
				tb.errorf("Check(%q) = overflow-x %q; want auto", what, st.Overflow)
			}
			if !st.Wider {
				tb.errorf("Check(%q) = fits in 375 px; want a table wider than the screen, scrolled in its container", what)
			}
			if d := st.FirstColLeft - st.BoxLeft; d < -1 || d > 1 {
				tb.errorf("Check(%q) = first column %.0f px from the container's edge after scrolling sideways; want 0 (sticky)", what, d)
			}
			if st.Taller {
				taller++
				if d := st.HeaderTop - st.BoxTop; d < -1 || d > 1 {
					tb.errorf("Check(%q) = header row %.0f px from the container's top after scrolling down; want 0 (sticky)", what, d)
				}
			}
		}
		tb.checkClean(p)
	}
	if taller == 0 {
		t.Errorf("Check(%q) = no table taller than its container at 375×812; want at least one, to test the sticky header row", "long tables")
	}
}
