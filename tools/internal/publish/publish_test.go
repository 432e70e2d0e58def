package publish

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// files is a small knowledge base: two terms, one of them published.
var files = map[string]string{
	"data/aspects.toml":          "[[aspect]]\nid = \"scaling\"\nname = \"Scaling\"\nquestion = \"How does it grow?\"\n",
	"data/sources.toml":          "[[source]]\nid = \"seed\"\ntitle = \"T\"\npublisher = \"P\"\nurl = \"https://example.org/\"\naccessed = \"2026-11-26\"\n",
	"data/glossary/kernel.toml":  "name = \"Kernel\"\nsummary = \"S.\"\ndefinition = \"D.\"\nsources = [\"seed\"]\n",
	"data/glossary/machine.toml": "name = \"Machine\"\nsummary = \"S.\"\ndefinition = \"D.\"\nsources = [\"seed\"]\n",
}

// ledgerOf is a ledger listing urls, written with line ending eol.
func ledgerOf(eol string, urls ...string) string {
	set := map[string]bool{}
	for _, u := range urls {
		set[u] = true
	}
	return strings.ReplaceAll(string(Format(set)), "\n", eol)
}

// TestUpdateLineEndings runs Update on ledgers saved with LF and with
// CRLF: the rewritten ledger must use the line ending it had throughout,
// and a new one LF.
func TestUpdateLineEndings(t *testing.T) {
	tests := []struct {
		name   string
		ledger string // "" for none
		added  []string
		want   string
	}{
		{"LF", ledgerOf("\n", "/glossary/kernel/"), []string{"/glossary/machine/"}, ledgerOf("\n", "/glossary/kernel/", "/glossary/machine/")},
		{"CRLF", ledgerOf("\r\n", "/glossary/kernel/"), []string{"/glossary/machine/"}, ledgerOf("\r\n", "/glossary/kernel/", "/glossary/machine/")},
		{"no ledger yet", "", []string{"/glossary/kernel/", "/glossary/machine/"}, ledgerOf("\n", "/glossary/kernel/", "/glossary/machine/")},
		{"CRLF, nothing to add", ledgerOf("\r\n", "/glossary/kernel/", "/glossary/machine/"), nil, ledgerOf("\r\n", "/glossary/kernel/", "/glossary/machine/")},
		{"CRLF by hand", "urls = [\r\n  \"/glossary/kernel/\",\r\n]\r\n", []string{"/glossary/machine/"}, ledgerOf("\r\n", "/glossary/kernel/", "/glossary/machine/")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for name, text := range files {
				write(t, root, name, text)
			}
			if tt.ledger != "" {
				write(t, root, kbdata.LedgerFile, tt.ledger)
			}
			added, err := Update(root)
			if err != nil || !slices.Equal(added, tt.added) {
				t.Errorf("Update(%q) = %q, %v; want %q", tt.name, added, err, tt.added)
			}
			got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(kbdata.LedgerFile)))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Update(%q) wrote:\n%q\nwant:\n%q", tt.name, got, tt.want)
			}
			var diags diag.List
			kb := kbdata.Load(os.DirFS(root), &diags)
			if kb.Published == nil || len(kb.Published.URLs) != 2 {
				t.Errorf("Update(%q): the ledger does not load with both URLs: %v", tt.name, diags.Items)
			}
		})
	}
}

func write(t *testing.T, root, name, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestAdd adds named URLs, as kb new does for the page it starts: only
// those, sorted, in the ledger's line ending, and nothing when all are
// there already.
func TestAdd(t *testing.T) {
	tests := []struct {
		name   string
		ledger string // "" for none
		urls   []string
		added  []string
		want   string
	}{
		{"LF", ledgerOf("\n", "/glossary/kernel/"), []string{"/glossary/new/"}, []string{"/glossary/new/"}, ledgerOf("\n", "/glossary/kernel/", "/glossary/new/")},
		{"CRLF", ledgerOf("\r\n", "/glossary/kernel/"), []string{"/compare/x/"}, []string{"/compare/x/"}, ledgerOf("\r\n", "/compare/x/", "/glossary/kernel/")},
		{"no ledger yet", "", []string{"/glossary/z/", "/glossary/a/"}, []string{"/glossary/a/", "/glossary/z/"}, ledgerOf("\n", "/glossary/a/", "/glossary/z/")},
		{"already there", "urls = [\"/glossary/kernel/\"]\n", []string{"/glossary/kernel/"}, nil, "urls = [\"/glossary/kernel/\"]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for name, text := range files {
				write(t, root, name, text)
			}
			if tt.ledger != "" {
				write(t, root, kbdata.LedgerFile, tt.ledger)
			}
			added, err := Add(root, tt.urls...)
			if err != nil || !slices.Equal(added, tt.added) {
				t.Errorf("Add(%q) = %q, %v; want %q", tt.urls, added, err, tt.added)
			}
			got, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(kbdata.LedgerFile)))
			if string(got) != tt.want {
				t.Errorf("Add(%q) wrote:\n%q\nwant:\n%q", tt.urls, got, tt.want)
			}
		})
	}
}

// TestAddRefusesBrokenLedger: a ledger that does not parse is left alone.
func TestAddRefusesBrokenLedger(t *testing.T) {
	root := t.TempDir()
	for name, text := range files {
		write(t, root, name, text)
	}
	write(t, root, kbdata.LedgerFile, "urls = [\n")
	if added, err := Add(root, "/glossary/new/"); err == nil {
		t.Errorf("Add(%q) = %q, nil; want an error", "/glossary/new/", added)
	}
	if got, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(kbdata.LedgerFile))); string(got) != "urls = [\n" {
		t.Errorf("Add changed a broken ledger: %q", got)
	}
}
