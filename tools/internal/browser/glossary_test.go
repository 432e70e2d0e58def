package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The glossary index's filter (assets/js/glossary.js, layouts/glossary/section.html): the
// filter box, the tag links filtering in place, and the tag pages they lead to without
// JavaScript.

// termTags reads each term's tags from data/glossary/.
func termTags(t *testing.T, e *env) map[string][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(e.root, "data", "glossary", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	tags := map[string][]string{}
	for _, f := range files {
		var tm struct {
			Tags []string `toml:"tags"`
		}
		if _, err := toml.DecodeFile(f, &tm); err != nil {
			t.Fatal(err)
		}
		tags[strings.TrimSuffix(filepath.Base(f), ".toml")] = tm.Tags
	}
	return tags
}

// matching is the ids of the terms whose name or any alias contains q, ignoring case, sorted.
func matching(e *env, q string) []string {
	q = strings.ToLower(q)
	var ids []string
	for id, tm := range e.terms {
		if slices.ContainsFunc(append([]string{tm.Name}, tm.Aliases...), func(n string) bool { return strings.Contains(strings.ToLower(n), q) }) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// tagged is the ids of the terms with the tag, sorted.
func tagged(tags map[string][]string, tag string) []string {
	var ids []string
	for id, tt := range tags {
		if slices.Contains(tt, tag) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// shownTerms is the ids of the term entries the glossary index shows (rendered, with a
// link to the term), sorted.
const shownTerms = `Array.from(document.querySelectorAll(".terms dt > a"))
  .filter(a => a.getClientRects().length > 0)
  .map(a => new URL(a.href).pathname.split("/").filter(Boolean).pop()).sort()`

// filterState is what the index shows around the list.
type filterState struct {
	Status   string   `json:"status"`   // the filter's live region
	Role     string   `json:"role"`     // its role
	Letters  []string `json:"letters"`  // the letter sections shown
	Bar      []string `json:"bar"`      // the letters shown in the letter bar
	Aliases  int      `json:"aliases"`  // alias entries shown
	Current  []string `json:"current"`  // the tag links marked aria-current
	Search   string   `json:"search"`   // location.search
	Pathname string   `json:"pathname"` // location.pathname
}

const readFilterState = `(() => {
  const shown = el => el.getClientRects().length > 0;
  const out = document.getElementById("gn");
  return {
    status: out.textContent,
    role: out.getAttribute("role") || "",
    letters: Array.from(document.querySelectorAll("section.letter")).filter(shown).map(s => s.querySelector("h2").textContent),
    bar: Array.from(document.querySelectorAll(".az li")).filter(shown).map(li => li.textContent),
    aliases: Array.from(document.querySelectorAll(".terms dt")).filter(dt => shown(dt) && !dt.querySelector("a")).length,
    current: Array.from(document.querySelectorAll("nav.tf a[aria-current]")).map(a => a.textContent),
    search: location.search,
    pathname: location.pathname,
  };
})()`

// firstLetters is the distinct upper-case first letters of the named terms' names.
func firstLetters(e *env, ids []string) []string {
	var out []string
	for _, id := range ids {
		l := strings.ToUpper(e.terms[id].Name[:1])
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// clearBox empties the filter box as deleting its text would: the value, then an input event.
func clearBox(tb *tab) {
	tb.t.Helper()
	eval[bool](tb, `(i => { i.value = ""; return i.dispatchEvent(new Event("input", {bubbles: true})); })(document.getElementById("gq"))`)
}

// TestGlossaryFilterBox types into the filter box: the entries narrow to the terms whose
// name or alias contains the text (aliases the page leaves out, such as plurals, included:
// they come from the JSON index), the live region says how many are left or that none
// match, empty letters go, and the address follows the text.
func TestGlossaryFilterBox(t *testing.T) {
	e := site(t)
	total := len(e.terms)
	tests := []struct {
		name, query string
	}{
		{"a name", "virtual"},
		{"an abbreviation", "VM"},
		{"a plural alias, not on the page", "containers"},
		{"two words", "cold start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := matching(e, tt.query)
			if len(want) == 0 || len(want) == total {
				t.Fatalf("Matching(%q) = %d terms; want some but not all, or the test checks nothing", tt.query, len(want))
			}
			tb := newTab(t, e, desktop, "light")
			tb.open("/glossary/")
			tb.do(chromedp.SendKeys(chromedp.ID("gq"), tt.query))
			status := fmt.Sprintf("%d of %d terms", len(want), total)
			tb.wait(fmt.Sprintf(`document.getElementById("gn").textContent === %q`, status))
			if got := eval[[]string](tb, shownTerms); !slices.Equal(got, want) {
				tb.errorf("Shown(%q) = %q; want %q", tt.query, got, want)
			}
			st := eval[filterState](tb, readFilterState)
			letters := firstLetters(e, want)
			checks := []struct {
				name      string
				got, want any
			}{
				{"status role", st.Role, "status"},
				{"address", st.Search, "?q=" + strings.ReplaceAll(tt.query, " ", "+")},
				{"letters shown include the terms'", !slices.ContainsFunc(letters, func(l string) bool { return !slices.Contains(st.Letters, l) }), true},
				{"fewer letters", len(st.Letters) < eval[int](tb, `document.querySelectorAll("section.letter").length`), true},
				{"letter bar follows", strings.Join(st.Bar, ""), strings.Join(st.Letters, "")},
			}
			for _, c := range checks {
				if c.got != c.want {
					tb.errorf("Check(%q, %q) = %v; want %v", tt.query, c.name, c.got, c.want)
				}
			}
			tb.checkClean("filter " + tt.query)
		})
	}

	t.Run("no match", func(t *testing.T) {
		const query = "qqzx"
		if len(matching(e, query)) != 0 {
			t.Fatalf("Matching(%q) = some terms; want none", query)
		}
		tb := newTab(t, e, desktop, "light")
		tb.open("/glossary/")
		tb.do(chromedp.SendKeys(chromedp.ID("gq"), query))
		want := "No terms match \u201c" + query + "\u201d"
		tb.wait(fmt.Sprintf(`document.getElementById("gn").textContent === %q`, want))
		st := eval[filterState](tb, readFilterState)
		if got := eval[[]string](tb, shownTerms); len(got) != 0 || st.Aliases != 0 || len(st.Letters) != 0 {
			tb.errorf("Shown(%q) = %d terms, %d aliases, letters %q; want nothing", query, len(got), st.Aliases, st.Letters)
		}
		// Clearing the box brings every entry back and empties the status.
		clearBox(tb)
		tb.wait(`document.getElementById("gn").textContent === ""`)
		if got := eval[[]string](tb, shownTerms); len(got) != total {
			tb.errorf("Shown(cleared) = %d terms; want all %d", len(got), total)
		}
		if got := eval[string](tb, `location.search`); got != "" {
			tb.errorf("Location(cleared) = %q; want no query", got)
		}
		tb.checkClean("no match")
	})

	t.Run("address with a query", func(t *testing.T) {
		want := matching(e, "virtual")
		tb := newTab(t, e, desktop, "light")
		tb.open("/glossary/?q=virtual")
		tb.wait(fmt.Sprintf(`document.getElementById("gn").textContent === %q`, fmt.Sprintf("%d of %d terms", len(want), total)))
		if got := eval[string](tb, `document.getElementById("gq").value`); got != "virtual" {
			tb.errorf("Box(?q=virtual) = %q; want %q", got, "virtual")
		}
		if got := eval[[]string](tb, shownTerms); !slices.Equal(got, want) {
			tb.errorf("Shown(?q=virtual) = %q; want %q", got, want)
		}
		tb.checkClean("?q=virtual")
	})
}

// TestGlossaryTagFilter clicks a tag link on the glossary index: with JavaScript the list
// narrows in place to the tag's terms, the link is marked, the address gains ?tag=, and
// Back brings the whole list back; the text box and the tag combine.
func TestGlossaryTagFilter(t *testing.T) {
	e := site(t)
	tags := termTags(t, e)
	total := len(e.terms)
	const tag, slug = "compute model", "compute-model"
	want := tagged(tags, tag)
	if len(want) == 0 || len(want) == total {
		t.Fatalf("Tagged(%q) = %d terms; want some but not all", tag, len(want))
	}
	link := `nav.tf a[href$="tags/` + slug + `/"]`
	tb := newTab(t, e, desktop, "light")
	tb.open("/glossary/")
	tb.do(chromedp.Click(chromedp.CSS(link)))
	status := fmt.Sprintf("%d of %d terms tagged %s", len(want), total, tag)
	tb.wait(fmt.Sprintf(`document.getElementById("gn").textContent === %q`, status))
	st := eval[filterState](tb, readFilterState)
	checks := []struct {
		name      string
		got, want any
	}{
		{"shown", strings.Join(eval[[]string](tb, shownTerms), " "), strings.Join(want, " ")},
		{"stayed on the page", st.Pathname, prefix + "glossary/"},
		{"address", st.Search, "?tag=" + slug},
		{"link marked", strings.Join(st.Current, "|"), fmt.Sprintf("%s (%d)", tag, len(want))},
	}

	// The box narrows the tag's terms further.
	const query = "serverless"
	var both []string
	for _, id := range matching(e, query) {
		if slices.Contains(want, id) {
			both = append(both, id)
		}
	}
	tb.do(chromedp.SendKeys(chromedp.ID("gq"), query))
	tb.wait(fmt.Sprintf(`document.getElementById("gn").textContent === %q`, fmt.Sprintf("%d of %d terms tagged %s", len(both), total, tag)))
	checks = append(checks, []struct {
		name      string
		got, want any
	}{
		{"tag and text", strings.Join(eval[[]string](tb, shownTerms), " "), strings.Join(both, " ")},
		{"address with both", eval[string](tb, `location.search`), "?tag=" + slug + "&q=" + query},
	}...)
	clearBox(tb)
	tb.wait(fmt.Sprintf(`document.getElementById("gn").textContent === %q`, status))

	// Back: the whole list, no tag marked, the address as before.
	tb.do(chromedp.NavigateBack())
	tb.wait(`document.getElementById("gn").textContent === ""`)
	st = eval[filterState](tb, readFilterState)
	checks = append(checks, []struct {
		name      string
		got, want any
	}{
		{"back: every term", len(eval[[]string](tb, shownTerms)), total},
		{"back: no tag marked", len(st.Current), 0},
		{"back: address", st.Pathname + st.Search, prefix + "glossary/"},
	}...)

	// Forward, then the marked link again: that clears the tag.
	tb.do(chromedp.NavigateForward())
	tb.wait(fmt.Sprintf(`document.getElementById("gn").textContent === %q`, status))
	tb.do(chromedp.Click(chromedp.CSS(link)))
	tb.wait(`document.getElementById("gn").textContent === ""`)
	checks = append(checks, []struct {
		name      string
		got, want any
	}{
		{"toggled off: every term", len(eval[[]string](tb, shownTerms)), total},
		{"toggled off: address", eval[string](tb, `location.search`), ""},
	}...)
	for _, c := range checks {
		if c.got != c.want {
			tb.errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
		}
	}
	tb.checkClean("tag filter")

	// An address naming the tag opens filtered.
	tb.open("/glossary/?tag=" + slug)
	tb.wait(fmt.Sprintf(`document.getElementById("gn").textContent === %q`, status))
	if got := eval[[]string](tb, shownTerms); !slices.Equal(got, want) {
		tb.errorf("Shown(?tag=%s) = %q; want %q", slug, got, want)
	}
	tb.checkClean("?tag=" + slug)
}

// boxLayout is where the filter box, the letter bar and the first letter are.
type boxLayout struct {
	Box    []float64 `json:"box"` // the filter box's left, top, width, height; none when not rendered
	Bar    float64   `json:"bar"` // the letter bar's top
	Letter float64   `json:"letter"`
}

// readLayout measures after the next two frames, once the page has been laid out.
const readLayout = `new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
  const top = el => el.getBoundingClientRect().top + scrollY;
  const r = document.getElementById("gq").getClientRects()[0];
  resolve({
    box: r ? [r.left, r.top + scrollY, r.width, r.height] : [],
    bar: top(document.querySelector(".az")),
    letter: top(document.querySelector("section.letter")),
  });
})))`

// TestGlossaryNoLayoutShift holds back the glossary index's script until the page has
// been laid out, then lets it run: the filter box was already in its place, and nothing
// moved. (Loaded at once from a local server, the script would run before the first
// paint, and a shift it caused would not show.)
func TestGlossaryNoLayoutShift(t *testing.T) {
	e := site(t)
	for _, vp := range []viewport{desktop, phone} {
		t.Run(fmt.Sprint(vp.width), func(t *testing.T) {
			paused := make(chan fetch.RequestID, 1)
			ctx, cancel := chromedp.NewContext(e.browser, chromedp.WithListener(func(ev any) {
				if p, ok := ev.(*fetch.EventRequestPaused); ok {
					paused <- p.RequestID
				}
			}))
			t.Cleanup(cancel)
			tb := &tab{t: t, e: e, ctx: ctx}
			opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
			if vp.mobile {
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
			}
			tb.do(
				chromedp.EmulateViewport(vp.width, vp.height, opts...),
				chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
					_, err := cdp.Call(ctx, tt, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/js/glossary.*"}}})
					return err
				}),
				chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
					_, err := cdp.Call(ctx, tt, page.Navigate, page.NavigateParams{URL: e.url("/glossary/")})
					return err
				}),
			)
			var id fetch.RequestID
			select {
			case id = <-paused:
			case <-time.After(20 * time.Second):
				tb.fatalf("Request(glossary.js) = none in 20 s; want the index to load its script")
			}
			tb.wait(`document.readyState === "interactive"`)
			before := eval[boxLayout](tb, readLayout)
			tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
				_, err := cdp.Call(ctx, tt, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
				return err
			}))
			tb.wait(`document.readyState === "complete"`)
			after := eval[boxLayout](tb, readLayout)
			if len(before.Box) == 0 {
				tb.errorf("FilterBox(before the script) = not rendered; want it in the HTML, in its place")
			}
			if fmt.Sprint(before) != fmt.Sprint(after) {
				tb.errorf("Layout(%dpx) = %v before the script, %v after; want nothing moved", vp.width, before, after)
			}
			tb.checkClean("glossary layout shift")
		})
	}
}

// TestGlossaryWithoutJavaScript turns scripts off: the filter box, which could do
// nothing, is not shown, and a tag link leads to the tag's page, which lists its terms
// and links back to the glossary.
func TestGlossaryWithoutJavaScript(t *testing.T) {
	e := site(t)
	tags := termTags(t, e)
	const tag, slug = "cost", "cost"
	want := tagged(tags, tag)
	tb := newTab(t, e, desktop, "light")
	tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tt, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	tb.open("/glossary/")
	checks := []struct {
		name      string
		got, want any
	}{
		{"no scripts ran", eval[bool](tb, `document.documentElement.classList.contains("js")`), false},
		{"filter box not shown", eval[bool](tb, `document.querySelector("form.gf").getClientRects().length > 0`), false},
		{"tag links shown", eval[int](tb, `Array.from(document.querySelectorAll("nav.tf a")).filter(a => a.getClientRects().length > 0).length`), len(distinctTags(tags)) + 1},
	}
	tb.follow("clicking the tag link", chromedp.Click(chromedp.CSS(`nav.tf a[href$="tags/`+slug+`/"]`)))
	checks = append(checks, []struct {
		name      string
		got, want any
	}{
		{"tag page address", eval[string](tb, `location.href`), e.url("/glossary/tags/" + slug + "/")},
		{"tag page heading", eval[string](tb, `document.querySelector("h1").textContent`), "Cost"},
		{"tag page terms", strings.Join(eval[[]string](tb, shownTerms), " "), strings.Join(want, " ")},
		{"breadcrumb to the glossary", eval[string](tb, `document.querySelector(".kicker a").href`), e.url("/glossary/")},
	}...)
	for _, c := range checks {
		if c.got != c.want {
			tb.errorf("Check(%q) = %v; want %v", c.name, c.got, c.want)
		}
	}
}

// distinctTags is every tag the terms name, sorted.
func distinctTags(tags map[string][]string) []string {
	var out []string
	for _, tt := range tags {
		for _, tag := range tt {
			if !slices.Contains(out, tag) {
				out = append(out, tag)
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestGlossaryTagsAxe runs axe-core on the pages this file is about, in both colour
// schemes: the list of tags, a tag's page, and the glossary index filtered by a tag and
// a text (the marked tag link, the status). TestAxe covers the index unfiltered.
func TestGlossaryTagsAxe(t *testing.T) {
	e := site(t)
	axe, err := os.ReadFile(filepath.Join(e.root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("reading axe-core: %v (run `npm ci`)", err)
	}
	pages := []struct {
		path string
		wait string // what shows the page is ready
	}{
		{"/glossary/tags/", ""},
		{"/glossary/tags/compute-model/", ""},
		{"/glossary/?tag=compute-model&q=serverless", `document.getElementById("gn").textContent.includes("tagged")`},
	}
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			tb := newTab(t, e, desktop, scheme)
			for _, p := range pages {
				tb.open(p.path)
				if p.wait != "" {
					tb.wait(p.wait)
				}
				eval[bool](tb, string(axe)+";true")
				res := eval[axeResult](tb, `axe.run(document, { resultTypes: ["violations"] })`)
				for _, v := range res.Violations {
					tb.errorf("Check(%q) = axe %s (%s): %s, at %v; want no violations", p.path+" "+scheme, v.ID, v.Impact, v.Help, v.Nodes)
				}
				tb.checkClean(p.path)
			}
		})
	}
}
