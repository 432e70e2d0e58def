package check

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
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
	claim := func(file string, ids []string, url func(string) string, current func(string) bool, field func(int) int, what string) {
		for i, old := range ids {
			if !kbdata.ValidID(old) {
				c.diags.Add(file, field(i), diag.CodeBadID, "former id %q is not lowercase kebab-case", old)
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
		file := kbdata.TermFile(id)
		ix := c.kb.Files[file]
		claim(file, c.kb.Terms[id].FormerIDs, kbdata.TermURL, c.kb.HasTerm,
			func(i int) int { return ix.Value("former_ids", strconv.Itoa(i)) }, "term")
	}
	for _, id := range slices.Sorted(maps.Keys(c.kb.Comparisons)) {
		file := kbdata.ComparisonFile(id)
		ix := c.kb.Files[file]
		claim(file, c.kb.Comparisons[id].FormerIDs, kbdata.ComparisonURL, c.hasComparison,
			func(i int) int { return ix.Value("former_ids", strconv.Itoa(i)) }, "comparison")
	}

	listed := map[string]bool{}
	ix := c.kb.Files[kbdata.LedgerFile]
	for i, u := range c.kb.Published.URLs {
		at := ix.Value("urls", strconv.Itoa(i))
		if listed[u] {
			c.diags.Add(kbdata.LedgerFile, at, diag.CodeRepeated, "URL %s is listed twice", u)
		}
		listed[u] = true
		section, id, ok := splitURL(u)
		if !ok {
			c.diags.Add(kbdata.LedgerFile, at, diag.CodeLostURL, "%q is not a glossary or comparison URL (/glossary/<id>/ or /compare/<id>/)", u)
			continue
		}
		if former[u] != "" {
			continue
		}
		if section == "glossary" && !c.kb.HasTerm(id) {
			c.diags.Add(kbdata.LedgerFile, at, diag.CodeLostURL, "published URL %s no longer leads to a term", u).
				Span(at + len(u) + 2).Suggest(fmt.Sprintf("a renamed or removed term keeps its old id: add former_ids = [%q] to the term that replaces it", id))
		}
		if section == "compare" && !c.hasComparison(id) {
			c.diags.Add(kbdata.LedgerFile, at, diag.CodeLostURL, "published URL %s no longer leads to a comparison", u).
				Span(at + len(u) + 2).Suggest(fmt.Sprintf("a renamed or removed comparison keeps its old id: add former_ids = [%q] to the comparison that replaces it", id))
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
