package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// axeResult is the part of axe-core's results the test reports.
type axeResult struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target  []any  `json:"target"`
			Summary string `json:"failureSummary"`
		} `json:"nodes"`
	} `json:"violations"`
}

// TestAxe runs axe-core (node_modules/axe-core, injected into the page) on the home page,
// the glossary, a term, a comparison, an article and the search page with results, in the
// light and the dark colour scheme (prefers-color-scheme), on a desktop and a phone
// screen, with a term preview open on the article. Every rule axe runs by default counts,
// colour contrast (WCAG 2 AA) included; the test wants no violation.
func TestAxe(t *testing.T) {
	e := site(t)
	axe, err := os.ReadFile(filepath.Join(e.root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("reading axe-core: %v (run `npm ci`)", err)
	}
	pages := []struct {
		name  string
		path  string
		setup func(*tab)
	}{
		{"home", "/", nil},
		{"glossary", "/glossary/", nil},
		{"term", "/glossary/container/", nil},
		{"comparison", "/compare/serverless-vs-containers/", nil},
		{"article", "/learning/serverless-vs-containers/", nil},
		{"article with a preview", "/learning/what-is-a-container/", func(tb *tab) {
			eval[bool](tb, `(() => { document.querySelector(".prose a.term").focus(); return true; })()`)
			tb.wait(`!document.getElementById("term-preview").hidden`)
		}},
		{"three-way comparison", "/compare/serverless-vs-containers-vs-virtual-machines/", nil},
		{"guide", "/learning/how-to-choose/", nil},
		{"tag", "/glossary/tags/compute-model/", nil},
		{"search", "/search/?q=container", func(tb *tab) { waitForResults(tb, "container") }},
	}
	for _, scheme := range []string{"light", "dark"} {
		for _, vp := range screens {
			t.Run(scheme+"/"+vp.name, func(t *testing.T) {
				tb := newTab(t, e, vp.vp, scheme)
				for _, p := range pages {
					tb.open(p.path)
					if p.setup != nil {
						p.setup(tb)
					}
					eval[bool](tb, string(axe)+";true")
					res := eval[axeResult](tb, `axe.run(document, { resultTypes: ["violations"] })`)
					for _, v := range res.Violations {
						var where []string
						for i, n := range v.Nodes {
							if i == 3 {
								where = append(where, fmt.Sprintf("and %d more", len(v.Nodes)-i))
								break
							}
							where = append(where, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
						}
						tb.errorf("Check(%q) = axe %s (%s): %s, at %s; want no violations", p.name+" "+scheme, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
					}
					tb.checkClean(p.name)
				}
			})
		}
	}
}
