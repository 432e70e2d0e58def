// Package publish maintains data/published.toml, the ledger of every URL
// the site has published: it adds the URLs of new terms and comparisons
// and never removes one.
package publish

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

const header = `#:schema ../static/schemas/published.schema.json

# Every URL this site has published, kept like a lock file. Other sites link
# to these pages, so none may disappear: "go tool kb publish" adds the URLs of
# new terms and comparisons, and kb check fails when a URL here would stop
# working. A renamed or removed term keeps its old id in former_ids.
`

// Update adds the URLs of the current terms and comparisons under root to
// the ledger, writing it only if something is added, and returns what it
// added. It refuses to touch a ledger it cannot parse. The file is
// rewritten whole, in the line ending it had (CRLF or LF).
func Update(root string) ([]string, error) {
	var diags diag.List
	kb := kbdata.Load(os.DirFS(root), &diags)
	for _, d := range diags.Items {
		if d.Path == kbdata.LedgerFile && d.Code != diag.CodeRead {
			return nil, fmt.Errorf("%s: fix it first: %s", kbdata.LedgerFile, diags.Line(d))
		}
	}
	if _, err := os.Stat(filepath.Join(root, "data")); err != nil {
		return nil, fmt.Errorf("no data folder in %s: %w", root, err)
	}
	urls := map[string]bool{}
	if kb.Published != nil {
		for _, u := range kb.Published.URLs {
			urls[u] = true
		}
	}
	var added []string
	add := func(u string) {
		if !urls[u] {
			urls[u] = true
			added = append(added, u)
		}
	}
	for id := range kb.Terms {
		add(kbdata.TermURL(id))
	}
	for id := range kb.Comparisons {
		add(kbdata.ComparisonURL(id))
	}
	sort.Strings(added)
	if len(added) == 0 {
		return nil, nil
	}
	path := filepath.Join(root, filepath.FromSlash(kbdata.LedgerFile))
	text := Format(urls)
	// A ledger saved with CRLF line endings keeps them: a Windows
	// checkout's diff then shows only the URLs added.
	if old, err := os.ReadFile(path); err == nil && atomicfile.LineEnding(old) == "\r\n" {
		text = bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n"))
	}
	return added, atomicfile.Write(path, text)
}

// Format renders the ledger file for a set of URLs, sorted.
func Format(urls map[string]bool) []byte {
	sorted := make([]string, 0, len(urls))
	for u := range urls {
		sorted = append(sorted, u)
	}
	sort.Strings(sorted)
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("urls = [\n")
	for _, u := range sorted {
		b.WriteString("  " + strconv.Quote(u) + ",\n")
	}
	b.WriteString("]\n")
	return []byte(b.String())
}
