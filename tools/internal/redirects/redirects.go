// Package redirects computes the addresses that redirect to each glossary
// term and comparison, once per build, in Go.
//
// The site writes a redirect page for each (Hugo's own aliases, set by the
// content adapters) and lists them in _redirects (layouts/home.redirects);
// both read the table Write puts in File, which config.toml mounts as
// hugo.Data.generated.redirects. kb check measures the same addresses
// (Slug), so what it reports is what Hugo writes. Computing the table in a
// template cost a pass over every term per content adapter and per
// output: 2.2 s of a 10,000-term build, and on every edit of a term
// (docs/performance.md).
//
// A term gets:
//   - each former id: /glossary/<former>/;
//   - each alias as a slug (Slug): "bare metal" gives /glossary/bare-metal/.
//
// Skipped, so that no redirect is ambiguous or hides a page: an empty slug;
// a slug or former id equal to any term's id (the term's own included); a
// former id claimed by two terms; an alias slug equal to another term's
// alias slug or to any former id (former ids win: they are addresses that
// were published). A comparison gets its former ids, under the same rules
// against comparison ids.
package redirects

import (
	"encoding/json"
	"slices"

	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// File is where Write puts the table, relative to the repository root.
const File = "resources/kb/redirects.json"

// Version is the "version" of File; the site refuses another.
const Version = 1

// Table holds, for each term and comparison with redirects, the site
// paths that redirect to its page ("/glossary/vm/"), sorted and unique.
type Table struct {
	Glossary Paths `json:"glossary"`
	Compare  Paths `json:"compare"`
}

// Slug is the address segment an alias gets: lower-cased, every run of
// characters other than a-z and 0-9 turned into one hyphen, hyphens
// trimmed ("Bare metal" gives "bare-metal", "C++" gives "c"). It is the id
// kb suggests for a name (kbdata.SuggestID): an alias redirects from the
// address its term would have had under that name.
func Slug(alias string) string { return kbdata.SuggestID(alias) }

// Compute returns the redirects of the knowledge base's terms and
// comparisons.
func Compute(kb *kbdata.KB) Table {
	t := Table{Glossary: map[string][]string{}, Compare: map[string][]string{}}

	// Who claims each former id and each alias slug.
	former, slugs := claims{}, claims{}
	for id, term := range kb.Terms {
		for _, f := range term.FormerIDs {
			former.add(f, id)
		}
		for _, a := range term.Aliases {
			if s := Slug(a); s != "" {
				slugs.add(s, id)
			}
		}
	}
	isTerm := func(id string) bool { return kb.Terms[id] != nil }
	for id, term := range kb.Terms {
		paths := formerPaths("/glossary/", term.FormerIDs, isTerm, former)
		for _, a := range term.Aliases {
			s := Slug(a)
			if s != "" && !isTerm(s) && former[s] == nil && len(slugs[s]) == 1 {
				paths = append(paths, "/glossary/"+s+"/")
			}
		}
		t.Glossary.set(id, paths)
	}

	cFormer := claims{}
	for id, c := range kb.Comparisons {
		for _, f := range c.FormerIDs {
			cFormer.add(f, id)
		}
	}
	isComparison := func(id string) bool { return kb.Comparisons[id] != nil }
	for id, c := range kb.Comparisons {
		t.Compare.set(id, formerPaths("/compare/", c.FormerIDs, isComparison, cFormer))
	}
	return t
}

// claims records which ids claim an address segment.
type claims map[string]map[string]bool

func (c claims) add(segment, id string) {
	if c[segment] == nil {
		c[segment] = map[string]bool{}
	}
	c[segment][id] = true
}

// formerPaths returns the addresses under section of the former ids that
// are no page of their own and that nothing else claims.
func formerPaths(section string, former []string, isPage func(string) bool, claimed claims) []string {
	var paths []string
	for _, f := range former {
		if !isPage(f) && len(claimed[f]) == 1 {
			paths = append(paths, section+f+"/")
		}
	}
	return paths
}

// Paths maps an id to the addresses that redirect to its page.
type Paths map[string][]string

// set records the addresses of id, sorted and unique, unless there are none.
func (p Paths) set(id string, addresses []string) {
	if len(addresses) > 0 {
		slices.Sort(addresses)
		p[id] = slices.Compact(addresses)
	}
}

// JSON returns the table as the site reads it,
//
//	{"version": 1, "glossary": {"virtual-machine": ["/glossary/vm/"]}, "compare": {}}
//
// with keys sorted (encoding/json sorts map keys), so the same knowledge
// base always gives the same bytes.
func (t Table) JSON() []byte {
	out := struct {
		Version int `json:"version"`
		Table
	}{Version, t}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		panic(err) // maps of string slices always marshal
	}
	return append(b, '\n')
}
