package browser

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestHomeLeadsToGlossary clicks from the home page to the glossary, on a phone and on a
// desktop screen.
func TestHomeLeadsToGlossary(t *testing.T) {
	e := site(t)
	tests := []struct {
		name string
		vp   viewport
	}{
		{"phone", phone},
		{"desktop", desktop},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := newTab(t, e, tt.vp, "light")
			tb.open("/")
			tb.follow("clicking the glossary link", chromedp.Click(chromedp.CSS(`main a[href$="/glossary/"]`)))
			checks := []struct {
				name      string
				got, want any
			}{
				{"location", eval[string](tb, `location.href`), e.url("/glossary/")},
				{"heading", eval[string](tb, `document.querySelector("h1").textContent`), "Glossary"},
				{"terms listed", eval[int](tb, `document.querySelectorAll(".terms dt a").length`), len(e.terms)},
			}
			for _, c := range checks {
				if c.got != c.want {
					tb.errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
				}
			}
			tb.checkClean("home to glossary")
		})
	}
}
