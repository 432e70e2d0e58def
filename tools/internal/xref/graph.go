package xref

import (
	"encoding/json"
	"slices"
)

// Graph records which texts refer to which glossary terms in Markdown:
// pages under content/ and the Markdown fields of other terms (their
// definitions and fact notes). kb check counts these references; the
// site lists them on each term's page ("Pages that use this term",
// "Mentioned in these glossary entries"), from the file WriteJSON makes.
// Both come from this one record, so they cannot disagree.
type Graph struct {
	terms map[string]*Backlinks
	// embeds maps a comparison id to the content pages that show its
	// table ({{< comparison "id" >}}), for its page's "Related reading".
	embeds map[string][]string
}

// Backlinks are the referrers of one term.
type Backlinks struct {
	Pages []string `json:"pages,omitempty"` // content files, relative to content/: "learning/x.md"
	Terms []string `json:"terms,omitempty"` // ids of terms whose Markdown refers to it
}

// GraphVersion is the version of the JSON form; it changes only when a
// consumer would read the file wrongly. 2 added "comparisons", which the
// site needs: a file of version 1 would leave every comparison's list of
// the pages that show it empty, silently.
const GraphVersion = 2

// NewGraph returns an empty graph.
func NewGraph() *Graph {
	return &Graph{terms: map[string]*Backlinks{}, embeds: map[string][]string{}}
}

// AddEmbed records that a content page (its path under content/) shows
// the table of a comparison.
func (g *Graph) AddEmbed(comparison, page string) {
	g.embeds[comparison] = append(g.embeds[comparison], page)
}

// Embeds returns the pages that show a comparison's table, sorted and
// without repeats.
func (g *Graph) Embeds(comparison string) []string { return sortedSet(g.embeds[comparison]) }

func (g *Graph) entry(term string) *Backlinks {
	b := g.terms[term]
	if b == nil {
		b = &Backlinks{}
		g.terms[term] = b
	}
	return b
}

// AddPage records that a content page (its path under content/) refers to
// term.
func (g *Graph) AddPage(term, page string) {
	b := g.entry(term)
	b.Pages = append(b.Pages, page)
}

// AddTerm records that the Markdown of term from refers to term. A term
// that refers to itself is no backlink.
func (g *Graph) AddTerm(term, from string) {
	if term == from {
		return
	}
	b := g.entry(term)
	b.Terms = append(b.Terms, from)
}

// Of returns the referrers of a term, sorted and without repeats.
func (g *Graph) Of(term string) Backlinks {
	b := g.terms[term]
	if b == nil {
		return Backlinks{}
	}
	return Backlinks{Pages: sortedSet(b.Pages), Terms: sortedSet(b.Terms)}
}

// Referenced reports whether anything refers to term.
func (g *Graph) Referenced(term string) bool { return g.terms[term] != nil }

func sortedSet(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// JSON returns the graph as the site reads it:
//
//	{"version": 2,
//	 "terms": {"kernel": {"pages": ["learning/x.md"], "terms": ["container"]}},
//	 "comparisons": {"containers-vs-vms": {"pages": ["learning/x.md"]}}}
//
// with every list sorted, so that the same knowledge base always gives
// the same bytes.
func (g *Graph) JSON() []byte {
	type embeds struct {
		Pages []string `json:"pages"`
	}
	out := struct {
		Version     int                  `json:"version"`
		Terms       map[string]Backlinks `json:"terms"`
		Comparisons map[string]embeds    `json:"comparisons"`
	}{GraphVersion, map[string]Backlinks{}, map[string]embeds{}}
	for id := range g.terms {
		out.Terms[id] = g.Of(id)
	}
	for id := range g.embeds {
		out.Comparisons[id] = embeds{g.Embeds(id)}
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		panic(err) // strings and slices of strings always marshal
	}
	return append(b, '\n')
}
