package check

import (
	"fmt"
	"maps"
	"slices"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// stacks checks data/layers.toml and the [stack] of every term that has
// one: each layer it names is in the registry, no layer is given to two
// parties (or twice to one), and none is left out, so that the "who
// manages what" diagram draws every column whole. A party outside vendor,
// developer and shared is reported by the loader (KB038), and the
// citations and checked dates like every other claim's.
func (c *checker) stacks() {
	file := kbdata.LayersFile
	seen := map[string]int{}
	for i, l := range c.kb.Layers {
		c.registryID(file, l.ID, l.Pos, seen, i, "layer")
	}
	if c.kb.Files[file] != nil && len(c.kb.Layers) == 0 {
		c.diags.Add(file, 0, diag.CodeTooFew, "no [[layer]] entries")
	}
	// A registry with errors of its own judges nothing (see Load).
	broken := c.kb.Unparsed[file]
	missing := c.kb.Files[file] == nil && !broken
	// A layer whose id is not an id is reported above, and asks for
	// nothing: no stack could name it as written.
	known := map[string]bool{}
	for _, l := range c.kb.Layers {
		if problem, _ := kbdata.IDProblem(l.ID); problem == "" {
			known[l.ID] = true
		}
	}
	layerIDs := slices.Sorted(maps.Keys(known))
	for _, id := range c.termIDs {
		t := c.kb.Terms[id]
		if t.Stack == nil {
			continue
		}
		termFile := kbdata.TermFile(id)
		if missing {
			c.diags.Add(termFile, t.Pos.Key("stack"), diag.CodeRead, "the stack of term %q names layers of %s, which is missing", id, file).
				Suggest(fmt.Sprintf("add %s with a [[layer]] for each layer of the stack", file))
		}
		given := map[string]int{} // layer id → the responsibility that first gives it
		for i, r := range t.Stack.Responsibilities {
			layers := list{termFile, r.Pos, "layers"}
			for j, layer := range r.Layers {
				if first, dup := given[layer]; dup {
					start, end := layers.at(j)
					c.diags.Add(termFile, start, diag.CodeRepeated, "layer %q is listed twice (also in responsibility %d of the stack)", layer, first+1).Span(end).
						Suggest("give each layer to one party only")
					continue
				}
				given[layer] = i
				if !broken && !missing && !known[layer] {
					start, end := layers.at(j)
					d := c.diags.Add(termFile, start, diag.CodeUnknownRef, "unknown layer %q", layer).Span(end)
					if c.didYouMean(d, layer, layerIDs) == "" {
						d.Suggest("add it to " + file)
					}
				}
			}
			c.citations(termFile, r.Sources)
		}
		if broken || missing || t.Stack.Responsibilities == nil {
			continue // an empty or missing list is reported by the loader
		}
		for _, l := range c.kb.Layers {
			if _, ok := given[l.ID]; ok || !known[l.ID] {
				continue
			}
			c.diags.Add(termFile, t.Pos.Key("stack"), diag.CodeStackGap, "the stack of term %q says not who manages layer %q (%s)", id, l.ID, l.Name).
				Suggest(fmt.Sprintf("add %q to the layers of one [[stack.responsibility]]", l.ID))
		}
	}
}
