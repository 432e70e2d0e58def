package browser

import (
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

// TestNoSidewaysScroll checks, at 375×812, that no page scrolls sideways, not even one with
// a comparison table, which reads as cards there (compare_test.go).
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
