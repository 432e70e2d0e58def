// Package backlinks hands the site the cross-link graph kb check counts.
//
// kb check records every Markdown reference to a glossary term (package
// xref), from content pages and from other terms' definitions. Write puts
// that graph where Hugo reads it: File, which config.toml mounts as
// hugo.Data.generated.links. The term page lists "Pages that use this term"
// and "Mentioned in these glossary entries" from it, so the site and the
// checker count references with one reader, and the build runs no regular
// expressions over every page.
//
// The file is generated, never committed: make build and make serve (kb
// serve, which rewrites it on every edit through Watch) write it before
// Hugo runs, as does sitebuild.Build. A Hugo run without it fails, naming
// the command that writes it.
//
// Write also writes the change date of every term and comparison (package
// dates, resources/kb/dates.json), so each of those callers writes both
// files Hugo needs without knowing of the second.
package backlinks

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
	"github.com/cloudkb/kb/tools/internal/check"
	"github.com/cloudkb/kb/tools/internal/dates"
)

// File is where Write puts the graph, relative to the repository root.
const File = "resources/kb/links.json"

// Write computes the graph of the knowledge base at root and writes it to
// File, unless the file already holds those bytes: Hugo's server rebuilds
// on every write it sees. It then writes the dates (dates.Write) and logs
// their note, if any: which dates are modification times, not commit
// dates. It reports whether either file changed. Problems in the data do
// not stop it (kb check reports them): the graph holds every reference
// that resolves.
func Write(root string) (changed bool, err error) {
	return write(root, func(note string, datesChanged bool) { log.Print(note) })
}

// write is Write with the dates' note passed to notify, which Watch uses
// to speak only when the dates change rather than on every edit.
func write(root string, notify func(note string, datesChanged bool)) (changed bool, err error) {
	linksChanged, err := writeLinks(root)
	if err != nil {
		return false, err
	}
	datesChanged, note, err := dates.Write(root)
	if err != nil {
		return linksChanged, err
	}
	if note != "" {
		notify(note, datesChanged)
	}
	return linksChanged || datesChanged, nil
}

// writeLinks writes the graph alone.
func writeLinks(root string) (changed bool, err error) {
	_, graph := check.Analyze(os.DirFS(root))
	data := graph.JSON()
	path := filepath.Join(root, filepath.FromSlash(File))
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, fmt.Errorf("write backlinks: %w", err)
	}
	if err := atomicfile.Write(path, data); err != nil {
		return false, fmt.Errorf("write backlinks: %w", err)
	}
	return true, nil
}
