package browser

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestWithoutJavaScript turns scripts off: the header's search box, which needs
// JavaScript, is hidden by the stylesheet in <head>'s <noscript> (assets/css/nojs.css), the
// search page hides its form and says search needs JavaScript, linking to the glossary,
// and a term link still leads to its term with the summary as its tooltip.
func TestWithoutJavaScript(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tt, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	// Evaluate runs through the DevTools protocol, which works with the page's scripts off.
	visible := func(sel string) bool {
		return eval[bool](tb, `(el => !!el && el.getClientRects().length > 0)(document.querySelector(`+jsString(sel)+`))`)
	}
	tb.open("/")
	checks := []struct {
		name      string
		got, want any
	}{
		{"no scripts ran", eval[bool](tb, `document.documentElement.classList.contains("js")`), false},
		{"no-JavaScript stylesheet applied", eval[bool](tb, `Array.from(document.styleSheets).some(s => /\/css\/nojs\.[0-9a-f]{8}\.css$/.test(s.href))`), true},
		{"header search box hidden", visible(".site-search"), false},
	}
	tb.open("/learning/serverless-vs-containers/")
	checks = append(checks, []struct {
		name      string
		got, want any
	}{
		{"term link has its summary as title", eval[string](tb, `document.querySelector(".prose a.term").title`), summaryOf(e, eval[string](tb, `document.querySelector(".prose a.term").getAttribute("href")`))},
		{"no preview popover", visible("#term-preview"), false},
	}...)
	tb.open("/search/")
	checks = append(checks, []struct {
		name      string
		got, want any
	}{
		{"search form hidden", visible(".search-form"), false},
		{"message shown", visible("#search-message"), true},
		{"message text", eval[string](tb, `document.getElementById("search-message").textContent.replace(/\s+/g, " ").trim()`), "Search needs JavaScript, which is off or blocked in this browser. Every term is listed in the glossary, A to Z."},
		{"no 'Show more results' button", visible("#search-more"), false},
		{"message links to the glossary", eval[string](tb, `document.querySelector("#search-message a").href`), e.url("/glossary/")},
	}...)
	for _, c := range checks {
		if c.got != c.want {
			tb.errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
		}
	}
	tb.follow("following the glossary link", chromedp.Click(chromedp.CSS("#search-message a")))
	if got := eval[string](tb, `document.querySelector("h1").textContent`); got != "Glossary" {
		tb.errorf("Check(%q) = %q; want %q", "glossary link leads to the glossary", got, "Glossary")
	}
}

func jsString(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		if r == '"' || r == '\\' {
			b = append(b, '\\')
		}
		b = append(b, string(r)...)
	}
	return string(append(b, '"'))
}
