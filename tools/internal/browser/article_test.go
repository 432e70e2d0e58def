package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The articles the reading tests use: a long one, and the guide with its decision aid.
const (
	longArticle = "/learning/what-is-serverless-computing/"
	guide       = "/learning/how-to-choose/"
)

// tocState is where the contents list and the text are, in viewport pixels.
type tocState struct {
	Shown       bool    `json:"shown"`
	Position    string  `json:"position"` // the list's computed position
	TocLeft     float64 `json:"tocLeft"`
	TocRight    float64 `json:"tocRight"`
	TocTop      float64 `json:"tocTop"`
	TocBottom   float64 `json:"tocBottom"`
	ProseLeft   float64 `json:"proseLeft"`
	ProseRight  float64 `json:"proseRight"`
	ProseTop    float64 `json:"proseTop"`
	Entries     int     `json:"entries"`
	Headings    int     `json:"headings"`
	ScrollWidth int     `json:"scrollWidth"`
	ClientWidth int     `json:"clientWidth"`
}

const tocScript = `(() => {
  const toc = document.querySelector("nav.toc"), prose = document.querySelector(".prose");
  const t = toc.getBoundingClientRect(), p = prose.getBoundingClientRect();
  return {
    shown: toc.getClientRects().length > 0 && t.width > 0 && getComputedStyle(toc).visibility === "visible",
    position: getComputedStyle(toc).position,
    tocLeft: t.left, tocRight: t.right, tocTop: t.top, tocBottom: t.bottom,
    proseLeft: p.left, proseRight: p.right, proseTop: p.top,
    entries: toc.querySelectorAll("ol a").length,
    headings: prose.querySelectorAll("h2").length,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  };
})()`

// TestContentsList checks the contents list of a long article: at 1280×900 it stands
// beside the text, in the empty space right of it, and stays in view (sticky) as the
// reader scrolls; at 375×812 it comes above the text, inside the screen, and the page
// does not scroll sideways.
func TestContentsList(t *testing.T) {
	e := site(t)
	t.Run("desktop", func(t *testing.T) {
		tb := newTab(t, e, desktop, "light")
		tb.open(longArticle)
		top := eval[tocState](tb, tocScript)
		eval[bool](tb, `(() => { window.scrollTo(0, document.documentElement.scrollHeight / 2); return true; })()`)
		eval[bool](tb, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
		mid := eval[tocState](tb, tocScript)
		checks := []struct {
			name      string
			got, want any
		}{
			{"shown", top.Shown, true},
			{"one entry per heading", top.Entries, top.Headings},
			{"right of the text", top.TocLeft >= top.ProseRight, true},
			{"inside the screen", top.TocRight <= float64(desktop.width), true},
			{"level with the top of the text", top.TocTop <= top.ProseTop, true},
			{"sticky", mid.Position, "sticky"},
			{"in view halfway down", mid.TocTop >= 0 && mid.TocBottom <= float64(desktop.height), true},
			{"the text has scrolled past", mid.ProseTop < 0, true},
			{"no sideways scroll", top.ScrollWidth <= top.ClientWidth, true},
		}
		for _, c := range checks {
			if c.got != c.want {
				tb.errorf("Check(%q) = %v; want %v (%+v, then %+v)", c.name, c.got, c.want, top, mid)
			}
		}
		tb.checkClean("contents list, desktop")
	})
	t.Run("phone", func(t *testing.T) {
		tb := newTab(t, e, phone, "light")
		tb.open(longArticle)
		st := eval[tocState](tb, tocScript)
		checks := []struct {
			name      string
			got, want any
		}{
			{"shown", st.Shown, true},
			{"above the text", st.TocBottom <= st.ProseTop, true},
			{"in line with the text", st.TocLeft >= st.ProseLeft-1 && st.TocRight <= st.ProseRight+1, true},
			{"inside the screen", st.TocLeft >= 0 && st.TocRight <= float64(st.ClientWidth), true},
			{"not sticky", st.Position, "static"},
			{"no sideways scroll", st.ScrollWidth <= st.ClientWidth, true},
		}
		for _, c := range checks {
			if c.got != c.want {
				tb.errorf("Check(%q) = %v; want %v (%+v)", c.name, c.got, c.want, st)
			}
		}
		tb.checkClean("contents list, phone")
	})
}

// decisionState is what the decision aid shows.
type decisionState struct {
	Buttons  int      `json:"buttons"`  // Yes and No buttons
	Shown    []bool   `json:"shown"`    // each question's item is displayed
	Pressed  []string `json:"pressed"`  // each question's pressed button ("Yes", "No" or "")
	Result   string   `json:"result"`   // the last line's text
	Link     string   `json:"link"`     // the href of the last line's link
	Live     string   `json:"live"`     // the last line's aria-live
	Group    string   `json:"group"`    // the accessible name source of the first button pair
	Focused  string   `json:"focused"`  // the focused element's text
	Answers  int      `json:"answers"`  // "Yes → …" lines still displayed
	Question []string `json:"question"` // each question's text
}

const decisionScript = `(() => {
  const aid = document.querySelector(".decide");
  const items = [...aid.querySelectorAll("ol > li")];
  const last = aid.querySelector(":scope > p");
  const group = aid.querySelector("[role=group]");
  return {
    buttons: aid.querySelectorAll("ol button").length,
    shown: items.map(li => li.getClientRects().length > 0),
    pressed: items.map(li => { const b = li.querySelector("button[aria-pressed=true]"); return b ? b.value : ""; }),
    result: last.textContent.replace(/\s+/g, " ").trim(),
    link: last.querySelector("a") ? last.querySelector("a").getAttribute("href") : "",
    live: last.getAttribute("aria-live") || "",
    group: group ? (document.getElementById(group.getAttribute("aria-labelledby")) || {}).textContent || "" : "",
    focused: (document.activeElement.value || document.activeElement.textContent || "").trim(),
    answers: items.filter(li => [...li.querySelectorAll("a")].some(a => a.getClientRects().length > 0)).length,
    question: items.map(li => li.firstChild.textContent.trim()),
  };
})()`

// TestDecisionAid answers the guide's questions with the keyboard alone: each question
// gets a Yes and a No button in place of its "Yes →" line; answering no moves on, the
// first yes decides, hiding the questions after it and naming its recommendation (a link
// to its row of the guide) in the last line, a live region; "Start again" brings every
// question back; no to all of them leads to the default, and the answered aid passes
// axe-core's rules.
func TestDecisionAid(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.open(guide)
	tb.wait(`document.querySelectorAll(".decide ol button").length > 0`)
	start := eval[decisionState](tb, decisionScript)
	n := len(start.Shown)
	if n < 3 {
		tb.fatalf("Questions(%q) = %d; want at least 3", guide, n)
	}
	// The row each question's answer links to, read before any answer hides it.
	rows := eval[[]string](tb, `[...document.querySelectorAll(".decide ol > li a")].map(a => a.getAttribute("href"))`)
	def := start.Link
	press := func(q int, answer string) {
		tb.t.Helper()
		sel := fmt.Sprintf(`.decide ol > li:nth-child(%d) button[value=%s]`, q+1, answer)
		tb.do(chromedp.Focus(chromedp.CSS(sel)))
		key := kb.Enter
		if answer == "No" {
			key = " " // Space works as well as Enter
		}
		tb.do(chromedp.KeyEvent(key))
	}
	all := func(v bool) []bool {
		out := make([]bool, n)
		for i := range out {
			out[i] = v
		}
		return out
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"two buttons a question", start.Buttons, 2 * n},
		{"every question shown", fmt.Sprint(start.Shown), fmt.Sprint(all(true))},
		{"no answer line left", start.Answers, 0},
		{"buttons named by their question", start.Group, start.Question[0]},
		{"last line a live region", start.Live, "polite"},
		{"last line unchanged before any answer", strings.HasPrefix(start.Result, "No to every question → "), true},
	}
	// No to the first question, then Tab from its No button reaches the second question.
	press(0, "No")
	tb.do(chromedp.KeyEvent(kb.Tab))
	afterNo := eval[decisionState](tb, decisionScript)
	checks = append(checks, []struct {
		name      string
		got, want any
	}{
		{"no is pressed", afterNo.Pressed[0], "No"},
		{"next question asked", afterNo.Result, "Answer question 2: the first yes decides. Start again"},
		{"Tab reaches the next question's Yes", afterNo.Focused, "Yes"},
	}...)
	// Yes to the second question decides: the rest are hidden.
	press(1, "Yes")
	yes := eval[decisionState](tb, decisionScript)
	want := all(false)
	want[0], want[1] = true, true
	checks = append(checks, []struct {
		name      string
		got, want any
	}{
		{"yes is pressed", yes.Pressed[1], "Yes"},
		{"questions after the deciding one hidden", fmt.Sprint(yes.Shown), fmt.Sprint(want)},
		{"recommendation named", strings.HasPrefix(yes.Result, "Your answer: "), true},
		{"recommendation links to its row", yes.Link, rows[1]},
	}...)
	// Start again, then no to every question: the default.
	tb.do(chromedp.Focus(chromedp.CSS(`.decide > p button`)), chromedp.KeyEvent(kb.Enter))
	again := eval[decisionState](tb, decisionScript)
	checks = append(checks, []struct {
		name      string
		got, want any
	}{
		{"start again shows every question", fmt.Sprint(again.Shown), fmt.Sprint(all(true))},
		{"start again clears the answers", fmt.Sprint(again.Pressed), fmt.Sprint(make([]string, n))},
		{"start again focuses the first question", again.Focused, "Yes"},
	}...)
	for q := range n {
		press(q, "No")
	}
	none := eval[decisionState](tb, decisionScript)
	checks = append(checks, []struct {
		name      string
		got, want any
	}{
		{"no to all leads to the default", none.Link, def},
		{"default named", strings.HasPrefix(none.Result, "No to every question → "), true},
		{"every question still shown", fmt.Sprint(none.Shown), fmt.Sprint(all(true))},
	}...)
	for _, c := range checks {
		if c.got != c.want {
			tb.errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
		}
	}
	// The answered aid passes axe-core's rules, as the site's other pages do (TestAxe).
	axe, err := os.ReadFile(filepath.Join(e.root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		tb.fatalf("reading axe-core: %v (run `npm ci`)", err)
	}
	eval[bool](tb, string(axe)+";true")
	for _, v := range eval[axeResult](tb, `axe.run(document.querySelector(".decide"), { resultTypes: ["violations"] })`).Violations {
		tb.errorf("Check(%q) = axe %s (%s): %s; want no violations", "answered decision aid", v.ID, v.Impact, v.Help)
	}
	// The recommendation's link leads to its row of the guide, on the same page.
	tb.do(chromedp.Click(chromedp.CSS(`.decide > p a`)))
	tb.wait(`location.hash === ` + jsString(def))
	// In view, and not under the table's sticky header row.
	eval[bool](tb, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	if got := eval[string](tb, `((row, head) => row.top >= head.bottom - 1 && row.bottom <= innerHeight ? "" :
	    "row " + row.top + "-" + row.bottom + ", header row ends at " + head.bottom)(
	  document.getElementById(location.hash.slice(1)).getBoundingClientRect(),
	  document.getElementById(location.hash.slice(1)).closest("table").querySelector("thead").getBoundingClientRect())`); got != "" {
		tb.errorf("Check(%q) = %s; want the default's row in view below the header row", "default link", got)
	}
	tb.checkClean("decision aid")
}

// TestDecisionAidWithoutJavaScript turns scripts off: the guide's decision aid is the
// plain numbered list, every question and its "Yes →" line shown, the default last, and
// no button anywhere in it.
func TestDecisionAidWithoutJavaScript(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tt, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	tb.open(guide)
	st := eval[decisionState](tb, decisionScript)
	hidden := eval[int](tb, `[...document.querySelectorAll(".decide *")].filter(el => el.getClientRects().length === 0 && el.tagName !== "BR").length`)
	checks := []struct {
		name      string
		got, want any
	}{
		{"no scripts ran", eval[bool](tb, `document.documentElement.classList.contains("js")`), false},
		{"a numbered list", eval[string](tb, `getComputedStyle(document.querySelector(".decide ol")).listStyleType`), "decimal"},
		{"questions", len(st.Shown) >= 3, true},
		{"no buttons", st.Buttons, 0},
		{"every answer line shown", st.Answers, len(st.Shown)},
		{"nothing hidden", hidden, 0},
		{"default last", strings.HasPrefix(st.Result, "No to every question → ") && st.Link != "", true},
	}
	for i, shown := range st.Shown {
		if !shown {
			checks = append(checks, struct {
				name      string
				got, want any
			}{fmt.Sprintf("question %d shown", i+1), shown, true})
		}
	}
	for _, c := range checks {
		if c.got != c.want {
			tb.errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
		}
	}
}

// TestReadingHistory follows a contents link (a fragment of the same page) and then the
// next-article link, and checks that Back returns to each place in turn: the article at
// the contents link's address, scrolled where the reader left it, then the article's own
// address, at its top.
func TestReadingHistory(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.open(longArticle)
	start := eval[string](tb, `location.href`)
	// The third entry: a heading well down the page.
	href := eval[string](tb, `document.querySelectorAll("nav.toc ol a")[2].getAttribute("href")`)
	tb.do(chromedp.Click(chromedp.CSS(`nav.toc ol li:nth-child(3) a`)))
	tb.wait(`location.hash === ` + jsString(href))
	headingTop := eval[float64](tb, `document.getElementById(location.hash.slice(1)).getBoundingClientRect().top`)
	next := eval[string](tb, `document.querySelector("nav.pager a[rel=next]").href`)
	tb.follow("following the next-article link", chromedp.Click(chromedp.CSS(`nav.pager a[rel=next]`)))
	atNext := eval[string](tb, `location.href`)
	// Another document: the back/forward cache may restore it without a load event.
	eval[bool](tb, `(history.back(), true)`)
	tb.waitAcrossNavigation(`location.href === ` + jsString(start+href) + ` && document.readyState === "complete"`)
	atHeading := eval[string](tb, `location.href`)
	// Where the reader left it: the browser restores the scroll position, down the page.
	leftAt := eval[float64](tb, `scrollY`)
	eval[bool](tb, `(history.back(), true)`) // the same document: no load
	tb.waitAcrossNavigation(`location.href === ` + jsString(start))
	eval[bool](tb, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	top := eval[float64](tb, `scrollY`)
	checks := []struct {
		name      string
		got, want any
	}{
		{"contents link scrolls to its heading", headingTop >= -1 && headingTop < 100, true},
		{"next link leads to the next article", atNext, next},
		{"Back returns to the contents link's address", atHeading, start + href},
		{"Back returns down the page", leftAt > 0, true},
		{"Back again returns to the article's address", eval[string](tb, `location.hash`), ""},
		{"Back again returns to the top", top, 0.0},
	}
	for _, c := range checks {
		if c.got != c.want {
			tb.errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
		}
	}
	tb.checkClean("reading history")
}

// waitAcrossNavigation polls a JavaScript expression until it is truthy, like wait, while
// the tab moves to another document or back to one from the back/forward cache: each
// evaluation has its own deadline and one the navigation interrupts (its context
// destroyed) is tried again, where chromedp's Poll can wait on a stale context forever.
func (tb *tab) waitAcrossNavigation(expr string) {
	tb.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			tb.fatalf("Wait(%.120q) across a navigation: %v, last error %v", expr, ok, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
