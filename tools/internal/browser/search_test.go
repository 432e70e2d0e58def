package browser

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

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
		tb.fatalf("Search(%s) = %q: %q; want results", q, state, eval[string](tb, `document.getElementById("search-message").textContent`))
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
	if hidden := eval[bool](tb, `document.querySelector(".site-search").hidden`); hidden {
		tb.fatalf("Check(%q) = hidden; want the header search box shown once scripts run", "header search box")
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
