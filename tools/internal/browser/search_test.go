package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// result is one search result as the search page shows it.
type result struct {
	Href string `json:"href"`
	Text string `json:"text"`
	Kind string `json:"kind"`
}

// results reads the search page's result list.
func results(tb *tab) []result {
	tb.t.Helper()
	return eval[[]result](tb, `Array.from(document.querySelectorAll("#search-results > li")).map(li => ({
  href: li.querySelector("a").getAttribute("href"),
  text: li.querySelector(".search-result-text").textContent,
  kind: (li.querySelector(".search-result-kind") || {}).textContent || "",
}))`)
}

// waitForResults waits until the search page has shown the results for query.
func waitForResults(tb *tab, query string) {
	tb.t.Helper()
	q, _ := json.Marshal(query)
	tb.wait(fmt.Sprintf(`(b => b.dataset.state === "error" || b.dataset.state === "done" && b.dataset.query === %s)(document.getElementById("search"))`, q))
	if state := eval[string](tb, `document.getElementById("search").dataset.state`); state != "done" {
		tb.fatalf("Search(%s) = %q: %q; want results", q, state, eval[string](tb, `document.getElementById("search-status").textContent`))
	}
}

// TestSearchPage types into the search page and checks the first result: the term whose
// name or alias was typed, with its summary.
func TestSearchPage(t *testing.T) {
	e := site(t)
	tests := []struct {
		name  string
		query string
		want  string // term id
	}{
		{"a term's name", "container", "container"},
		{"an alias", "VM", "virtual-machine"},
		{"a name of two words", "virtual machine", "virtual-machine"},
		{"an alias in lower case", "faas", "function-as-a-service"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := newTab(t, e, desktop, "light")
			tb.open("/search/")
			tb.do(chromedp.SendKeys(chromedp.ID("search-q"), tt.query))
			waitForResults(tb, tt.query)
			got := results(tb)
			if len(got) == 0 {
				tb.fatalf("Results(%q) = none; want %s first", tt.query, tt.want)
			}
			if want := prefix + "glossary/" + tt.want + "/"; got[0].Href != want {
				tb.errorf("FirstResult(%q) = %q; want %q (results: %v)", tt.query, got[0].Href, want, got)
			}
			if want := e.terms[tt.want].Summary; got[0].Text != want {
				tb.errorf("FirstResultText(%q) = %q; want the summary %q", tt.query, got[0].Text, want)
			}
			if got[0].Kind != "Glossary term" {
				tb.errorf("FirstResultKind(%q) = %q; want %q", tt.query, got[0].Kind, "Glossary term")
			}
			loc := eval[string](tb, `location.search`)
			if want := "?q=" + strings.ReplaceAll(tt.query, " ", "+"); loc != want {
				tb.errorf("Location(%q) = %q; want %q", tt.query, loc, want)
			}
			tb.checkClean("search " + tt.query)
		})
	}
}

// TestHeaderSearch submits the header's search box on the home page and lands on the
// search page with the results.
func TestHeaderSearch(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.open("/")
	if shown := eval[bool](tb, `document.querySelector(".site-search").getClientRects().length > 0`); !shown {
		tb.fatalf("Check(%q) = hidden; want the header search box shown", "header search box")
	}
	if nojs := eval[int](tb, `Array.from(document.styleSheets).filter(s => /\/nojs\./.test(s.href)).length`); nojs != 0 {
		tb.errorf("Check(%q) = %d loaded; want none with scripts on", "no-JavaScript stylesheet", nojs)
	}
	tb.follow("submitting the header's search box", chromedp.SendKeys(chromedp.ID("site-search-q"), "container"+kb.Enter))
	if loc := eval[string](tb, `location.pathname + location.search`); loc != prefix+"search/?q=container" {
		tb.errorf("Location = %q; want %q", loc, prefix+"search/?q=container")
	}
	waitForResults(tb, "container")
	got := results(tb)
	if len(got) == 0 || got[0].Href != prefix+"glossary/container/" {
		tb.errorf("FirstResult(%q) = %v; want %q", "container", got, prefix+"glossary/container/")
	}
	tb.checkClean("header search")
}

// TestSearchRanksTermsFirst searches the search page for every term's name and every
// alias, and checks that the term comes first.
func TestSearchRanksTermsFirst(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.open("/search/")
	type query struct {
		Q  string `json:"q"`
		ID string `json:"id"`
	}
	var queries []query
	for id, tm := range e.terms {
		queries = append(queries, query{tm.Name, id})
		for _, a := range tm.Aliases {
			queries = append(queries, query{a, id})
		}
	}
	slices.SortFunc(queries, func(a, b query) int { return strings.Compare(a.Q, b.Q) })
	js, _ := json.Marshal(queries)
	// Each query is typed into the form and submitted; the page marks the query whose
	// results it shows with data-query.
	got := eval[[][]string](tb, fmt.Sprintf(`(async () => {
  const box = document.getElementById("search");
  const input = document.getElementById("search-q");
  const out = [];
  for (const q of %s) {
    input.value = q.q;
    input.form.requestSubmit();
    const start = Date.now();
    while (box.dataset.query !== q.q && Date.now() - start < 10000) {
      await new Promise(r => setTimeout(r, 10));
    }
    out.push(Array.from(document.querySelectorAll("#search-results > li a")).slice(0, 3).map(a => a.getAttribute("href")));
  }
  return out;
})()`, js))
	if len(got) != len(queries) {
		tb.fatalf("Results = %d lists; want %d", len(got), len(queries))
	}
	for i, q := range queries {
		want := prefix + "glossary/" + q.ID + "/"
		if len(got[i]) == 0 || got[i][0] != want {
			tb.errorf("FirstResult(%q) = %q; want %q", q.Q, got[i], want)
		}
	}
	tb.checkClean("search every name and alias")
}

// listState is the search page's result list as the reader sees it.
type listState struct {
	Status string       `json:"status"` // the status line's text, spaces collapsed
	Items  []listResult `json:"items"`
	More   bool         `json:"more"` // "Show more results" is shown
	Busy   bool         `json:"busy"` // the list is aria-busy
}

type listResult struct {
	Href  string   `json:"href"`
	Title string   `json:"title"`
	Name  string   `json:"name"` // the link's accessible name: aria-label, else its text
	Kind  string   `json:"kind"`
	Text  string   `json:"text"`
	Marks []string `json:"marks"`
}

const listScript = `(() => {
  const more = document.getElementById("search-more");
  return {
    status: document.getElementById("search-status").textContent.replace(/\s+/g, " ").trim(),
    items: Array.from(document.querySelectorAll("#search-results > li")).map(li => {
      const a = li.querySelector("a");
      return {
        href: a.getAttribute("href"),
        title: a.textContent,
        name: a.getAttribute("aria-label") || a.textContent,
        kind: (li.querySelector(".search-result-kind") || {}).textContent || "",
        text: li.querySelector(".search-result-text").textContent,
        marks: Array.from(li.querySelectorAll("mark"), m => m.textContent),
      };
    }),
    more: more.getClientRects().length > 0,
    busy: document.getElementById("search-results").hasAttribute("aria-busy"),
  };
})()`

func readList(tb *tab) listState {
	tb.t.Helper()
	return eval[listState](tb, listScript)
}

// pagefindResult is what Pagefind itself returns for a result, read in the page for the
// tests to compare with what the page shows.
type pagefindResult struct {
	URL     string `json:"url"`
	Excerpt string `json:"excerpt"`
	Summary string `json:"summary"`
}

// pagefindResults asks the search page's Pagefind (the module search.js loaded, with its
// options) for every result of query.
func pagefindResults(tb *tab, query string) []pagefindResult {
	tb.t.Helper()
	q, _ := json.Marshal(query)
	return eval[[]pagefindResult](tb, fmt.Sprintf(`(async () => {
  const pf = await import(document.getElementById("search").dataset.pagefind);
  const found = await pf.search(%s);
  const all = await Promise.all(found.results.map(r => r.data()));
  return all.map(d => ({ url: d.url, excerpt: d.excerpt, summary: d.meta.summary || "" }));
})()`, q))
}

// showAll clicks "Show more results" until every result is shown, checking each time that
// 20 more come (or the rest) and that focus moves to the first of them.
func showAll(tb *tab, total int) listState {
	tb.t.Helper()
	st := readList(tb)
	for st.More {
		before := len(st.Items)
		tb.do(chromedp.Click(chromedp.ID("search-more")))
		tb.wait(fmt.Sprintf(`document.querySelectorAll("#search-results > li").length > %d && !document.getElementById("search-results").hasAttribute("aria-busy")`, before))
		st = readList(tb)
		if want := min(before+20, total); len(st.Items) != want {
			tb.errorf("ShowMore(%d shown) = %d shown; want %d", before, len(st.Items), want)
		}
		focused := eval[string](tb, `document.activeElement.getAttribute("href") || document.activeElement.tagName`)
		if len(st.Items) > before && focused != st.Items[before].Href {
			tb.errorf("ShowMore(%d shown): focus on %q; want the first result added, %q", before, focused, st.Items[before].Href)
		}
		if len(st.Items) >= total+20 {
			break // no end in sight: the checks below report it
		}
	}
	return st
}

// TestSearchNoResults searches for a word no page has: the status says so with a hint and
// a link to the glossary, and the list and the "more" button stay empty.
func TestSearchNoResults(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.open("/search/")
	const q = "zzqx"
	if n := len(pagefindResults(tb, q)); n != 0 {
		tb.fatalf("Pagefind(%q) = %d results; want a query with none", q, n)
	}
	tb.do(chromedp.SendKeys(chromedp.ID("search-q"), q))
	waitForResults(tb, q)
	st := readList(tb)
	checks := []struct {
		name      string
		got, want any
	}{
		{"status", st.Status, "No results for “zzqx”. Check the spelling or try fewer words; every term is also in the glossary, A to Z."},
		{"status links to the glossary", eval[string](tb, `(document.querySelector("#search-status a") || {}).href`), e.url("/glossary/")},
		{"results", len(st.Items), 0},
		{"show more button", st.More, false},
		{"address", eval[string](tb, `location.search`), "?q=zzqx"},
		{"no no-JavaScript message", eval[bool](tb, `document.getElementById("search-message") === null`), true},
	}
	for _, c := range checks {
		if c.got != c.want {
			tb.errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
		}
	}
	tb.checkClean("no results")
}

// TestSearchMoreResults searches for a word on more than 20 pages: the first 20 show, the
// status gives the count, and "Show more results" adds the rest, each page once; an
// article and a comparison of one title are told apart by their kind.
func TestSearchMoreResults(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	const q = "container"
	tb.open("/search/?q=" + q)
	waitForResults(tb, q)
	want := pagefindResults(tb, q)
	n := len(want)
	if n <= 20 {
		tb.fatalf("Pagefind(%q) = %d results; want a query with more than 20", q, n)
	}
	st := readList(tb)
	if len(st.Items) != 20 || !st.More {
		tb.errorf("Search(%q) = %d shown, more button %v; want 20 and the button", q, len(st.Items), st.More)
	}
	if w := fmt.Sprintf("%d results for “%s”; showing the first 20.", n, q); st.Status != w {
		tb.errorf("Status(%q) = %q; want %q", q, st.Status, w)
	}
	st = showAll(tb, n)
	if w := fmt.Sprintf("%d results for “%s”.", n, q); st.Status != w {
		tb.errorf("Status(%q, all shown) = %q; want %q", q, st.Status, w)
	}
	if st.More {
		tb.errorf("ShowMore(%q, all shown) = shown; want it gone", q)
	}
	seen := map[string]bool{}
	for _, r := range st.Items {
		if seen[r.Href] {
			tb.errorf("Results(%q) = %q twice; want each page once", q, r.Href)
		}
		seen[r.Href] = true
	}
	for _, r := range want {
		if !seen[r.URL] {
			tb.errorf("Results(%q) lack %q, which Pagefind found; want every result reachable", q, r.URL)
		}
	}
	if eval[int](tb, `Number(new URLSearchParams(location.search).get("q") === "container") + (history.state && history.state.n || 0)`) != 1+n {
		tb.errorf("HistoryState(%q) = %v; want the query and %d results shown", q, eval[any](tb, `history.state`), n)
	}
	// Shared titles: each link's accessible name carries its kind, so no two differ only
	// by address.
	byTitle := map[string][]listResult{}
	for _, r := range st.Items {
		byTitle[r.Title] = append(byTitle[r.Title], r)
	}
	shared := 0
	for title, rs := range byTitle {
		if len(rs) < 2 {
			continue
		}
		shared++
		names := map[string]bool{}
		for _, r := range rs {
			if want := title + " (" + r.Kind + ")"; r.Name != want {
				tb.errorf("LinkName(%q, %s) = %q; want %q", title, r.Href, r.Name, want)
			}
			names[r.Name] = true
		}
		if len(names) != len(rs) {
			tb.errorf("LinkNames(%q) = %d distinct for %d results; want each told apart", title, len(names), len(rs))
		}
	}
	if shared == 0 {
		tb.errorf("SharedTitles(%q) = none; want the article and comparison titles that repeat (the case under test)", q)
	}
	tb.checkClean("more results")
}

// TestSearchCleanExcerpts checks that excerpts show the page's text without its citation
// markers ("[1][2]"), which Pagefind's excerpts carry (the markers can even fall inside a
// highlighted match, where a word ends in one), while keeping every highlight. The
// queries are words that our articles cite sources right after.
func TestSearchCleanExcerpts(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	cite := regexp.MustCompile(`\[\d+\]`)
	tag := regexp.MustCompile(`<[^>]*>`)
	mark := regexp.MustCompile(`<mark>(.*?)</mark>`)
	cited := 0
	for _, q := range []string{"kernel", "scaling", "servers", "vendor"} {
		tb.open("/search/?q=" + q)
		waitForResults(tb, q)
		raw := pagefindResults(tb, q)
		st := showAll(tb, len(raw))
		shown := map[string]listResult{}
		for _, r := range st.Items {
			shown[r.Href] = r
		}
		for _, r := range raw {
			got, ok := shown[r.URL]
			if !ok {
				tb.errorf("Results(%q) lack %q", q, r.URL)
				continue
			}
			if cite.MatchString(got.Text) {
				tb.errorf("Excerpt(%q, %s) = %q; want no citation markers", q, r.URL, got.Text)
			}
			if r.Summary != "" {
				continue // the result shows the page's summary, not an excerpt
			}
			if cite.MatchString(r.Excerpt) {
				cited++
			}
			var wantMarks []string
			for _, m := range mark.FindAllStringSubmatch(r.Excerpt, -1) {
				if s := html.UnescapeString(cite.ReplaceAllString(m[1], "")); s != "" {
					wantMarks = append(wantMarks, s)
				}
			}
			want := "… " + cite.ReplaceAllString(html.UnescapeString(tag.ReplaceAllString(r.Excerpt, "")), "") + " …"
			if got.Text != want {
				tb.errorf("Excerpt(%q, %s) = %q; want %q", q, r.URL, got.Text, want)
			}
			if !slices.Equal(got.Marks, wantMarks) {
				tb.errorf("Highlights(%q, %s) = %q; want %q", q, r.URL, got.Marks, wantMarks)
			}
		}
	}
	if cited == 0 {
		tb.errorf("PagefindExcerpts(kernel, scaling, servers, vendor) = none with citation markers; want some, the case under test (pick other queries)")
	}
	t.Logf("%d excerpts had citation markers", cited)
	tb.checkClean("clean excerpts")
}

// TestSearchLoading slows down Pagefind's files: while it loads, the status says
// "Searching…" and the result list is aria-busy; then the results come and both clear.
func TestSearchLoading(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.delayRequests(time.Second, "*/pagefind/*")
	const q = "container"
	tb.open("/search/?q=" + q)
	tb.wait(`document.getElementById("search-status").textContent === "Searching\u2026" && document.getElementById("search-results").getAttribute("aria-busy") === "true"`)
	if n := eval[int](tb, `document.querySelectorAll("#search-results > li").length`); n != 0 {
		tb.errorf("Results(loading) = %d; want none yet", n)
	}
	waitForResults(tb, q)
	st := readList(tb)
	if st.Busy || !strings.HasSuffix(st.Status, "results for “container”; showing the first 20.") || len(st.Items) != 20 {
		tb.errorf("Search(%q, loaded) = busy %v, status %q, %d results; want not busy, the count, 20 results", q, st.Busy, st.Status, len(st.Items))
	}
	if role := eval[string](tb, `document.getElementById("search-status").getAttribute("role")`); role != "status" {
		tb.errorf("StatusRole = %q; want %q (a polite live region)", role, "status")
	}
	tb.checkClean("loading")
}

// TestSearchBackButton follows a result from a longer list, goes Back, and finds the query,
// the same results (as many as were shown) and the scroll position again; then reloads
// the page, which must restore the same from the address and the history entry.
func TestSearchBackButton(t *testing.T) {
	e := site(t)
	tb := newTab(t, e, desktop, "light")
	tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `addEventListener("pageshow", e => { window.__kbPersisted = e.persisted; });`,
		})
		return err
	}))
	const q = "container"
	tb.open("/search/")
	tb.do(chromedp.SendKeys(chromedp.ID("search-q"), q))
	waitForResults(tb, q)
	tb.do(chromedp.Click(chromedp.ID("search-more")))
	tb.wait(`document.querySelectorAll("#search-results > li").length === 40 && !document.getElementById("search-results").hasAttribute("aria-busy")`)
	before := readList(tb)
	y := eval[float64](tb, `(() => { document.querySelector("#search-results > li:nth-child(25) a").scrollIntoView({ block: "center" }); return window.scrollY; })()`)
	if y < 100 {
		tb.fatalf("ScrollY = %v; want the page scrolled down to the 25th result", y)
	}
	tb.follow("following the 25th result", chromedp.Click(chromedp.CSS("#search-results > li:nth-child(25) a")))
	if got := eval[string](tb, `location.pathname`); got != before.Items[24].Href {
		tb.fatalf("Location = %q; want the result followed, %q", got, before.Items[24].Href)
	}
	check := func(how string) {
		tb.t.Helper()
		until(tb, `(b => b.dataset.state === "error" || b.dataset.state === "done" && b.dataset.query === "container")(document.getElementById("search"))`)
		st := readList(tb)
		got := []string{}
		for _, r := range st.Items {
			got = append(got, r.Href)
		}
		want := []string{}
		for _, r := range before.Items {
			want = append(want, r.Href)
		}
		checks := []struct {
			name      string
			got, want any
		}{
			{"query in the box", eval[string](tb, `document.getElementById("search-q").value`), q},
			{"query in the address", eval[string](tb, `location.pathname + location.search`), prefix + "search/?q=" + q},
			{"status", st.Status, before.Status},
			{"results", strings.Join(got, " "), strings.Join(want, " ")},
			{"scroll position", math.Abs(eval[float64](tb, `window.scrollY`)-y) <= 2, true},
		}
		for _, c := range checks {
			if c.got != c.want {
				tb.errorf("Check(%s: %q) = %v; want %v", how, c.name, c.got, c.want)
			}
		}
	}
	back(tb, prefix+"search/")
	t.Logf("Back: page from the back/forward cache: %v", eval[bool](tb, `window.__kbPersisted === true`))
	check("Back")
	tb.do(chromedp.Reload())
	check("reload")
	tb.checkClean("back button")
}

// back goes one step back in the tab's history, as the Back button does, and waits until
// the page at path is complete, whether the browser loads it again or takes it from its
// back/forward cache (which fires no load event, so chromedp.NavigateBack would wait on).
func back(tb *tab, path string) {
	tb.t.Helper()
	eval[bool](tb, `(history.back(), true)`)
	until(tb, fmt.Sprintf(`location.pathname === %s && document.readyState === "complete"`, jsString(path)))
}

// until evaluates cond until it is true, for 20 s at most. Unlike tab.wait (chromedp.Poll)
// it goes on through a change of page, and after a page comes back from the back/forward
// cache, where chromedp.Poll loses track of the page's JavaScript context.
func until(tb *tab, cond string) {
	tb.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		// While the page changes, an evaluation can fail (its context goes away): try again.
		ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			tb.fatalf("Until(%.120q) = not true after 20s (last error: %v)", cond, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
