// Package knowdiff compares two versions of the knowledge base and lists
// what changed in the knowledge itself (terms, their facts, comparisons,
// sources, the guide and the URL ledger) rather than in the TOML text, so
// that a reviewer sees "fact scaling of container changed, and with it two
// comparison cells" instead of a line diff.
//
// Compare returns a flat, sorted list of Change; Write renders it as text,
// Markdown or JSON. The JSON form is a stable interface:
//
//	{
//	  "version": 1,
//	  "base": "<the revision compared against, as given>",
//	  "changes": [ <Change>, … ]
//	}
//
// Each Change has these keys (empty ones are left out):
//
//	group     "terms", "comparisons", "sources", "guide" or "ledger"
//	id        the item: a term, comparison, source or criterion id, or a ledger URL
//	kind      "added", "removed", "renamed", "changed", "affected" or "review"
//	field     the field within the item, as a TOML key path
//	          ("summary", "facts.scaling.value", "takeaways.scaling", or
//	          "stack.runtime" for who manages a layer); empty when
//	          the whole item was added, removed or renamed
//	former    for "renamed": the id the item had before
//	old, new  the values before and after: a field's text, or for a list
//	          ("sources", "aliases") the one entry added or removed; a
//	          citation is its source id, then ": " and its locator if any
//	words     for a Markdown field (definition, note), or a plain-text one
//	          of 15 words or more on both sides: the word-level diff,
//	          a list of {"op": "=", "-" or "+", "text": "…"}
//	note      for "affected" and "review": what the reviewer should look at
//	          (for "review", new is the unchanged checked date)
//
// "added" and "removed" with a field name one entry of a list (a citation,
// an alias) or one fact or takeaway; "affected" is a comparison cell or
// takeaway whose page changes because a fact it shows changed; "review"
// flags a claim whose content changed while its checked date did not.
package knowdiff

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// The groups, in the order they are reported.
const (
	Terms       = "terms"
	Comparisons = "comparisons"
	Sources     = "sources"
	Guide       = "guide"
	Ledger      = "ledger"
)

// Groups lists the groups in report order.
var Groups = []string{Terms, Comparisons, Sources, Guide, Ledger}

// The kinds of change.
const (
	Added    = "added"
	Removed  = "removed"
	Renamed  = "renamed"
	Changed  = "changed"
	Affected = "affected"
	Review   = "review"
)

// Change is one difference between the two knowledge bases; the package
// documentation describes each field.
type Change struct {
	Group  string `json:"group"`
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Field  string `json:"field,omitempty"`
	Former string `json:"former,omitempty"`
	Old    string `json:"old,omitempty"`
	New    string `json:"new,omitempty"`
	Words  []Word `json:"words,omitempty"`
	Note   string `json:"note,omitempty"`
	// seq keeps the order the fields were compared in within one item,
	// which follows the file's own layout, so the report reads like the
	// file rather than alphabetically.
	seq int
}

// NotChecked ends the note of a review change.
const NotChecked = "changed but checked did not move"

// Compare lists what changed from old to new, sorted by group, then id,
// then the order of the fields in the item's file.
func Compare(old, new *kbdata.KB) []Change {
	d := &differ{}
	d.terms(old, new)
	d.comparisons(old, new)
	d.sources(old.Sources, new.Sources)
	d.criteria(old.Criteria, new.Criteria)
	d.ledger(old.Published, new.Published)
	slices.SortStableFunc(d.out, func(a, b Change) int {
		return cmp.Or(
			cmp.Compare(slices.Index(Groups, a.Group), slices.Index(Groups, b.Group)),
			cmp.Compare(a.ID, b.ID),
			cmp.Compare(a.seq, b.seq),
		)
	})
	return d.out
}

type differ struct {
	out []Change
	// facts holds, by term id (the new id of a renamed term) and aspect,
	// the old and new value of every fact whose content changed: the
	// comparisons showing it change too.
	facts map[[2]string]*factChange
}

type factChange struct{ old, new *kbdata.Fact }

func (d *differ) add(c Change) {
	c.seq = len(d.out)
	d.out = append(d.out, c)
}

// text compares a plain-text field.
func (d *differ) text(group, id, field, old, new string) bool {
	if old == new {
		return false
	}
	c := Change{Group: group, ID: id, Kind: Changed, Field: field, Old: old, New: new}
	// A sentence or two (a takeaway's why, a criterion's reasoning) side
	// by side hides a two-word edit as well as a paragraph does.
	if min(len(strings.Fields(old)), len(strings.Fields(new))) >= longText {
		c.Words = Words(old, new)
	}
	d.add(c)
	return true
}

// longText is the number of words from which a plain-text field's change
// is shown as a word diff too.
const longText = 15

// markdown compares a Markdown field, adding a word-level diff: such
// fields run to paragraphs, where old and new side by side hide the edit.
func (d *differ) markdown(group, id, field, old, new string) bool {
	if old == new {
		return false
	}
	c := Change{Group: group, ID: id, Kind: Changed, Field: field, Old: old, New: new}
	if old != "" && new != "" {
		c.Words = Words(old, new)
	}
	d.add(c)
	return true
}

// list compares a list field as a set: an entry added or removed is one
// change; a reordering alone is none, the site's meaning is the same.
func (d *differ) list(group, id, field string, old, new []string) bool {
	changed := false
	for _, s := range new {
		if !slices.Contains(old, s) {
			d.add(Change{Group: group, ID: id, Kind: Added, Field: field, New: s})
			changed = true
		}
	}
	for _, s := range old {
		if !slices.Contains(new, s) {
			d.add(Change{Group: group, ID: id, Kind: Removed, Field: field, Old: s})
			changed = true
		}
	}
	return changed
}

// citations compares two sources lists, each citation as one entry.
func (d *differ) citations(group, id, field string, old, new []kbdata.Citation) bool {
	return d.list(group, id, field, citationStrings(old), citationStrings(new))
}

func citationStrings(cs []kbdata.Citation) []string {
	var out []string
	for _, c := range cs {
		out = append(out, Cite(c))
	}
	return out
}

// Cite writes a citation as the report shows it: the source id, and its
// locator after a colon.
func Cite(c kbdata.Citation) string {
	if c.At == "" {
		return c.ID
	}
	return c.ID + ": " + c.At
}

// claim compares the checked date of a claim (what names it, as "the
// fact") whose content may have changed, and flags content that changed
// under an unmoved date: the contributor most likely forgot to recheck
// the sources. field is the claim's key path with a trailing dot, or "".
func (d *differ) claim(group, id, field, what string, contentChanged bool, old, new string) {
	if d.text(group, id, field+"checked", old, new) || !contentChanged {
		return
	}
	d.add(Change{Group: group, ID: id, Kind: Review, Field: strings.TrimSuffix(field, "."), New: new,
		Note: what + " " + NotChecked})
}

// match pairs the ids of two versions: same id, or a new item whose
// former_ids holds an id that is gone. It returns the pairs (new id → old
// id, equal ids for a kept item), the ids added and the ids removed.
func match(old, new []string, former func(string) []string) (pairs map[string]string, added, removed []string) {
	pairs = make(map[string]string)
	gone := make(map[string]bool)
	for _, id := range old {
		if !slices.Contains(new, id) {
			gone[id] = true
		}
	}
	for _, id := range new {
		if slices.Contains(old, id) {
			pairs[id] = id
			continue
		}
		for _, f := range former(id) {
			if gone[f] {
				pairs[id] = f
				delete(gone, f)
				break
			}
		}
		if _, ok := pairs[id]; !ok {
			added = append(added, id)
		}
	}
	for id := range gone {
		removed = append(removed, id)
	}
	slices.Sort(removed)
	return pairs, added, removed
}

// entries reports the items of a group that were added, removed or
// renamed (a new item whose former ids hold a removed one), and returns
// the pairs to compare field by field: new id → old id.
func entries[T any](d *differ, g string, old, new map[string]T, formerIDs func(T) []string, label func(T) string) map[string]string {
	pairs, added, removed := match(slices.Sorted(maps.Keys(old)), slices.Sorted(maps.Keys(new)),
		func(id string) []string { return formerIDs(new[id]) })
	for _, id := range added {
		d.add(Change{Group: g, ID: id, Kind: Added, New: label(new[id])})
	}
	for _, id := range removed {
		d.add(Change{Group: g, ID: id, Kind: Removed, Old: label(old[id])})
	}
	for _, id := range slices.Sorted(maps.Keys(pairs)) {
		if pairs[id] != id {
			d.add(Change{Group: g, ID: id, Kind: Renamed, Former: pairs[id]})
		}
	}
	return pairs
}

func (d *differ) terms(oldKB, newKB *kbdata.KB) {
	d.facts = make(map[[2]string]*factChange)
	pairs := entries(d, Terms, oldKB.Terms, newKB.Terms,
		func(t *kbdata.Term) []string { return t.FormerIDs }, func(t *kbdata.Term) string { return t.Name })
	for _, id := range slices.Sorted(maps.Keys(pairs)) {
		o, n := oldKB.Terms[pairs[id]], newKB.Terms[id]
		d.text(Terms, id, "name", o.Name, n.Name)
		d.list(Terms, id, "aliases", o.Aliases, n.Aliases)
		content := d.text(Terms, id, "summary", o.Summary, n.Summary)
		content = d.markdown(Terms, id, "definition", o.Definition, n.Definition) || content
		d.list(Terms, id, "related", o.Related, n.Related)
		d.list(Terms, id, "tags", o.Tags, n.Tags)
		content = d.citations(Terms, id, "sources", o.Sources, n.Sources) || content
		// A term's checked date is optional: only a term that has one
		// promises it moves with the text.
		if o.Checked != "" || n.Checked != "" {
			d.claim(Terms, id, "", "the summary, definition or sources", content, o.Checked, n.Checked)
		}
		d.list(Terms, id, "former_ids", o.FormerIDs, n.FormerIDs)
		d.termFacts(id, o.Facts, n.Facts)
		d.termStack(id, o.Stack, n.Stack)
	}
}

// termStack compares who manages each layer of a term's stack, layer by
// layer ("stack.runtime": the party), and each responsibility, matched by
// position, as a claim: its sources, and its checked date, which should
// move when its layers or party do.
func (d *differ) termStack(id string, old, new *kbdata.Stack) {
	var o, n kbdata.Stack
	if old != nil {
		o = *old
	}
	if new != nil {
		n = *new
	}
	d.text(Terms, id, "stack.setting", o.Setting, n.Setting)
	who := func(s kbdata.Stack) map[string]string {
		m := map[string]string{}
		for _, r := range s.Responsibilities {
			for _, l := range r.Layers {
				m[l] = r.Party
			}
		}
		return m
	}
	ow, nw := who(o), who(n)
	for _, layer := range unionKeys(ow, nw) {
		field := "stack." + layer
		switch {
		case ow[layer] == "":
			d.add(Change{Group: Terms, ID: id, Kind: Added, Field: field, New: nw[layer]})
		case nw[layer] == "":
			d.add(Change{Group: Terms, ID: id, Kind: Removed, Field: field, Old: ow[layer]})
		default:
			d.text(Terms, id, field, ow[layer], nw[layer])
		}
	}
	for i := range min(len(o.Responsibilities), len(n.Responsibilities)) {
		or, nr := o.Responsibilities[i], n.Responsibilities[i]
		field := fmt.Sprintf("stack.responsibility.%d.", i+1)
		content := or.Party != nr.Party || !slices.Equal(slices.Sorted(slices.Values(or.Layers)), slices.Sorted(slices.Values(nr.Layers)))
		content = d.citations(Terms, id, field+"sources", or.Sources, nr.Sources) || content
		d.claim(Terms, id, field, "the responsibility", content, or.Checked, nr.Checked)
	}
}

// unionKeys returns the keys of both maps, sorted, each once.
func unionKeys[V any](old, new map[string]V) []string {
	keys := slices.Collect(maps.Keys(old))
	for k := range new {
		if _, ok := old[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

func (d *differ) termFacts(id string, old, new map[string]*kbdata.Fact) {
	aspects := unionKeys(old, new)
	for _, a := range aspects {
		o, n := old[a], new[a]
		field := "facts." + a
		switch {
		case o == nil:
			d.add(Change{Group: Terms, ID: id, Kind: Added, Field: field, New: n.Value})
			d.facts[[2]string{id, a}] = &factChange{nil, n}
			continue
		case n == nil:
			d.add(Change{Group: Terms, ID: id, Kind: Removed, Field: field, Old: o.Value})
			d.facts[[2]string{id, a}] = &factChange{o, nil}
			continue
		}
		content := d.text(Terms, id, field+".value", o.Value, n.Value)
		content = d.markdown(Terms, id, field+".note", o.Note, n.Note) || content
		content = d.citations(Terms, id, field+".sources", o.Sources, n.Sources) || content
		content = d.text(Terms, id, field+".time_sensitive", strconv.FormatBool(o.TimeSensitive), strconv.FormatBool(n.TimeSensitive)) || content
		d.claim(Terms, id, field+".", "the fact", content, o.Checked, n.Checked)
		if content || o.Checked != n.Checked {
			d.facts[[2]string{id, a}] = &factChange{o, n}
		}
	}
}

func (d *differ) comparisons(oldKB, newKB *kbdata.KB) {
	pairs := entries(d, Comparisons, oldKB.Comparisons, newKB.Comparisons,
		func(c *kbdata.Comparison) []string { return c.FormerIDs }, func(c *kbdata.Comparison) string { return c.Title })
	for _, id := range slices.Sorted(maps.Keys(pairs)) {
		o, n := oldKB.Comparisons[pairs[id]], newKB.Comparisons[id]
		d.text(Comparisons, id, "title", o.Title, n.Title)
		d.text(Comparisons, id, "summary", o.Summary, n.Summary)
		d.list(Comparisons, id, "subjects", o.Subjects, n.Subjects)
		d.list(Comparisons, id, "aspects", o.Aspects, n.Aspects)
		d.list(Comparisons, id, "former_ids", o.FormerIDs, n.FormerIDs)
		d.takeaways(id, o.Takeaways, n.Takeaways)
		d.cells(id, n)
	}
}

// verdict is what a takeaway says in a change's summary: the subject it
// favours, or that it is neutral.
func verdict(t *kbdata.Takeaway) string {
	if t.Favours == "" && t.Neutral {
		return "neutral"
	}
	return t.Favours
}

func (d *differ) takeaways(id string, old, new map[string]*kbdata.Takeaway) {
	aspects := unionKeys(old, new)
	for _, a := range aspects {
		o, n := old[a], new[a]
		field := "takeaways." + a
		switch {
		case o == nil:
			d.add(Change{Group: Comparisons, ID: id, Kind: Added, Field: field, New: verdict(n) + ": " + n.Why})
			continue
		case n == nil:
			d.add(Change{Group: Comparisons, ID: id, Kind: Removed, Field: field, Old: verdict(o) + ": " + o.Why})
			continue
		}
		content := d.text(Comparisons, id, field+".favours", o.Favours, n.Favours)
		content = d.text(Comparisons, id, field+".neutral", strconv.FormatBool(o.Neutral), strconv.FormatBool(n.Neutral)) || content
		content = d.text(Comparisons, id, field+".why", o.Why, n.Why) || content
		content = d.citations(Comparisons, id, field+".sources", o.Sources, n.Sources) || content
		d.claim(Comparisons, id, field+".", "the takeaway", content, o.Checked, n.Checked)
	}
}

// cells reports the cells and takeaways of comparison c that change on
// the site because a fact they show changed: the comparison's file did
// not change, so a line diff would never show them.
func (d *differ) cells(id string, c *kbdata.Comparison) {
	for _, a := range c.Aspects {
		var changed []string
		for _, s := range c.Subjects {
			fc := d.facts[[2]string{s, a}]
			if fc == nil {
				continue
			}
			changed = append(changed, s)
			ch := Change{Group: Comparisons, ID: id, Kind: Affected, Field: "cells." + s + "." + a}
			switch {
			case fc.old == nil:
				ch.New, ch.Note = fc.new.Value, "the fact was added"
			case fc.new == nil:
				ch.Old, ch.Note = fc.old.Value, "the fact was removed: the cell is empty"
			case fc.old.Value != fc.new.Value:
				ch.Old, ch.New, ch.Note = fc.old.Value, fc.new.Value, "the fact's value changed"
			default:
				ch.Note = "the fact's note, sources or checked date changed"
			}
			d.add(ch)
		}
		if t := c.Takeaways[a]; t != nil && len(changed) > 0 {
			question := "does it still favour " + t.Favours + "?"
			if t.Favours == "" {
				question = "does it still favour none?"
			}
			d.add(Change{Group: Comparisons, ID: id, Kind: Affected, Field: "takeaways." + a,
				Note: fmt.Sprintf("the fact of %s it weighs changed: %s", strings.Join(changed, " and "), question)})
		}
	}
}

// byID indexes the entries of a registry (sources, criteria) by their id.
func byID[T any](list []T, id func(T) string) map[string]T {
	m := make(map[string]T, len(list))
	for _, e := range list {
		m[id(e)] = e
	}
	return m
}

func (d *differ) sources(old, new []*kbdata.Source) {
	sourceID := func(s *kbdata.Source) string { return s.ID }
	om, nm := byID(old, sourceID), byID(new, sourceID)
	for _, id := range union(slices.Collect(maps.Keys(om)), slices.Collect(maps.Keys(nm))) {
		o, n := om[id], nm[id]
		switch {
		case o == nil:
			d.add(Change{Group: Sources, ID: id, Kind: Added, New: n.Title + " (" + n.URL + ")"})
		case n == nil:
			d.add(Change{Group: Sources, ID: id, Kind: Removed, Old: o.Title + " (" + o.URL + ")"})
		default:
			d.text(Sources, id, "title", o.Title, n.Title)
			d.text(Sources, id, "publisher", o.Publisher, n.Publisher)
			d.text(Sources, id, "url", o.URL, n.URL)
			d.text(Sources, id, "accessed", o.Accessed, n.Accessed)
			d.text(Sources, id, "published", o.Published, n.Published)
			d.text(Sources, id, "short", strconv.FormatBool(o.Short), strconv.FormatBool(n.Short))
		}
	}
}

func (d *differ) criteria(old, new []*kbdata.Criterion) {
	criterionID := func(c *kbdata.Criterion) string { return c.ID }
	om, nm := byID(old, criterionID), byID(new, criterionID)
	for _, id := range union(slices.Collect(maps.Keys(om)), slices.Collect(maps.Keys(nm))) {
		o, n := om[id], nm[id]
		switch {
		case o == nil:
			d.add(Change{Group: Guide, ID: id, Kind: Added, New: n.Situation})
		case n == nil:
			d.add(Change{Group: Guide, ID: id, Kind: Removed, Old: o.Situation})
		default:
			content := d.text(Guide, id, "situation", o.Situation, n.Situation)
			content = d.list(Guide, id, "favours", o.Favours, n.Favours) || content
			content = d.text(Guide, id, "why", o.Why, n.Why) || content
			content = d.citations(Guide, id, "sources", o.Sources, n.Sources) || content
			d.claim(Guide, id, "", "the criterion", content, o.Checked, n.Checked)
		}
	}
}

func (d *differ) ledger(old, new *kbdata.Ledger) {
	var o, n []string
	if old != nil {
		o = old.URLs
	}
	if new != nil {
		n = new.URLs
	}
	for _, u := range union(o, n) {
		switch {
		case !slices.Contains(o, u):
			d.add(Change{Group: Ledger, ID: u, Kind: Added})
		case !slices.Contains(n, u):
			d.add(Change{Group: Ledger, ID: u, Kind: Removed})
		}
	}
}

// union returns the distinct strings of a and b, sorted.
func union(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}
