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
// The graph also says which pages show each comparison's table. Write
// also writes the redirect table (package redirects,
// resources/kb/redirects.json) and the change date of every term and
// comparison (package dates, resources/kb/dates.json), so each of those
// callers writes every file Hugo needs without knowing of the others.
package backlinks

import (
	"log"
	"os"
	"path/filepath"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
	"github.com/cloudkb/kb/tools/internal/check"
	"github.com/cloudkb/kb/tools/internal/dates"
	"github.com/cloudkb/kb/tools/internal/redirects"
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

// writeLinks writes the graph and the redirect table (package redirects),
// both derived from one reading of the knowledge base.
func writeLinks(root string) (changed bool, err error) {
	_, graph, kb := check.Analyze(os.DirFS(root))
	for _, f := range []struct {
		name string
		data []byte
	}{
		{File, graph.JSON()},
		{redirects.File, redirects.Compute(kb).JSON()},
	} {
		c, err := atomicfile.Update(filepath.Join(root, filepath.FromSlash(f.name)), f.data)
		if err != nil {
			return changed, err // it names the file
		}
		changed = changed || c
	}
	return changed, nil
}
