package check

import (
	"slices"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestRemoteRefsNotBacklinks checks that a reference to another
// knowledge base's term, even one whose id is also a local term's, counts
// in no local term's backlinks (and so keeps no local term from being an
// orphan).
func TestRemoteRefsNotBacklinks(t *testing.T) {
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	c, err := txtar.ParseFile("testdata/remotes.txtar")
	if err != nil {
		t.Fatal(err)
	}
	_, graph, _ := Analyze(overlay(t, base, c))
	const page = "learning/remote.md"
	for _, id := range []string{"container", "virtual-machine"} {
		if pages := graph.Of(id).Pages; slices.Contains(pages, page) {
			t.Errorf("Analyze().Of(%q).Pages = %v; want no %s: its references are to another knowledge base", id, pages, page)
		}
	}
}
