package check

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// ledger checks data/published.toml: every current page's URL is in it,
// and every URL in it still leads somewhere, to the page itself or, by a
// former id, to the page that replaced it. Other sites link to these URLs;
// one that silently disappears breaks their links.
func (c *checker) ledger() {
	if c.kb.Published == nil {
		return // missing or broken: reported by the loader
	}
	// former maps each former URL to the file that claims it.
	former := map[string]string{}
	claim := func(l list, ids []string, url func(string) string, current func(string) bool, what string) {
		file := l.file
		field := func(i int) int { start, _ := l.at(i); return start }
		for i, old := range ids {
			if problem, _ := kbdata.IDProblem(old); problem != "" {
				c.diags.Add(file, field(i), diag.CodeBadID, "former id %q is %s", old, problem)
				continue
			}
			u := url(old)
			switch other, taken := former[u]; {
			case current(old):
				c.diags.Add(file, field(i), diag.CodeFormerID, "former id %q is the id of a current %s: %s cannot redirect", old, what, u)
			case taken:
				c.diags.Add(file, field(i), diag.CodeFormerID, "former id %q is also claimed by %s: %s can redirect to one page only", old, other, u)
			default:
				former[u] = file
			}
		}
	}
	for _, id := range c.termIDs {
		t := c.kb.Terms[id]
		claim(list{kbdata.TermFile(id), t.Pos, "former_ids"}, t.FormerIDs, kbdata.TermURL, c.kb.HasTerm, "term")
	}
	for _, id := range slices.Sorted(maps.Keys(c.kb.Comparisons)) {
		cmp := c.kb.Comparisons[id]
		claim(list{kbdata.ComparisonFile(id), cmp.Pos, "former_ids"}, cmp.FormerIDs, kbdata.ComparisonURL, c.hasComparison, "comparison")
	}

	listed := map[string]bool{}
	urls := list{kbdata.LedgerFile, c.kb.Published.Pos, "urls"}
	for i, u := range c.kb.Published.URLs {
		// Positions are looked up only to report (urls.at): the ledger
		// lists every page, and a clean one never builds its index.
		at := func() int { start, _ := urls.at(i); return start }
		if listed[u] {
			c.diags.Add(kbdata.LedgerFile, at(), diag.CodeRepeated, "URL %s is listed twice", u)
		}
		listed[u] = true
		section, id, ok := splitURL(u)
		if !ok {
			c.diags.Add(kbdata.LedgerFile, at(), diag.CodeLostURL, "%q is not a glossary or comparison URL (/glossary/<id>/ or /compare/<id>/)", u)
			continue
		}
		if former[u] != "" {
			continue
		}
		if section == "glossary" && !c.kb.HasTerm(id) {
			start, end := urls.at(i)
			c.diags.Add(kbdata.LedgerFile, start, diag.CodeLostURL, "published URL %s no longer leads to a term", u).
				Span(end).Suggest(fmt.Sprintf("a renamed or removed term keeps its old id: add former_ids = [%q] to the term that replaces it", id))
		}
		if section == "compare" && !c.hasComparison(id) {
			start, end := urls.at(i)
			c.diags.Add(kbdata.LedgerFile, start, diag.CodeLostURL, "published URL %s no longer leads to a comparison", u).
				Span(end).Suggest(fmt.Sprintf("a renamed or removed comparison keeps its old id: add former_ids = [%q] to the comparison that replaces it", id))
		}
	}
	unlisted := func(file, u string) {
		if !listed[u] {
			c.diags.Add(file, 0, diag.CodeUnpublished, "%s is not in %s yet", u, kbdata.LedgerFile).Suggest("run go tool kb publish")
		}
	}
	for _, id := range c.termIDs {
		unlisted(kbdata.TermFile(id), kbdata.TermURL(id))
	}
	for _, id := range slices.Sorted(maps.Keys(c.kb.Comparisons)) {
		unlisted(kbdata.ComparisonFile(id), kbdata.ComparisonURL(id))
	}
}

func (c *checker) hasComparison(id string) bool {
	return c.kb.Comparisons[id] != nil || c.kb.Unparsed[kbdata.ComparisonFile(id)]
}

// splitURL splits /glossary/<id>/ or /compare/<id>/.
func splitURL(u string) (section, id string, ok bool) {
	parts := strings.Split(u, "/")
	if len(parts) != 4 || parts[0] != "" || parts[3] != "" || (parts[1] != "glossary" && parts[1] != "compare") || !kbdata.ValidID(parts[2]) {
		return "", "", false
	}
	return parts[1], parts[2], true
}
