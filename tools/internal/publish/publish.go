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
	kb, err := load(root)
	if err != nil {
		return nil, err
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
	return added, writeLedger(root, urls)
}

// Add adds urls to the ledger under root, writing it only if one of them
// is new, and returns those it added, sorted. kb new uses it for the page
// it starts, so that kb check passes at once. Like Update, it refuses a
// ledger it cannot parse; a missing ledger is created.
func Add(root string, urls ...string) ([]string, error) {
	kb, err := load(root)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	if kb.Published != nil {
		for _, u := range kb.Published.URLs {
			set[u] = true
		}
	}
	var added []string
	for _, u := range urls {
		if !set[u] {
			set[u] = true
			added = append(added, u)
		}
	}
	if len(added) == 0 {
		return nil, nil
	}
	sort.Strings(added)
	return added, writeLedger(root, set)
}

// load reads the knowledge base under root, or returns an error when its
// ledger exists but cannot be parsed: what it lists is unknown, and
// rewriting it would lose URLs.
func load(root string) (*kbdata.KB, error) {
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
	return kb, nil
}

// writeLedger replaces the ledger under root with one listing urls.
func writeLedger(root string, urls map[string]bool) error {
	path := filepath.Join(root, filepath.FromSlash(kbdata.LedgerFile))
	old, _ := os.ReadFile(path)
	return atomicfile.Write(path, Text(old, urls))
}

// Text renders the ledger file for a set of URLs, sorted, in the line
// ending of old, the ledger as it was (nil for none): a ledger saved with
// CRLF line endings keeps them, so a Windows checkout's diff shows only
// the URLs added.
func Text(old []byte, urls map[string]bool) []byte {
	text := Format(urls)
	if atomicfile.LineEnding(old) == "\r\n" {
		text = bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n"))
	}
	return text
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
