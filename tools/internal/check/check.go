// Package check validates the knowledge base: every data file under data/
// and every reference to it from the Markdown under content/.
package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/markdown"
	"github.com/cloudkb/kb/tools/internal/mention"
	"github.com/cloudkb/kb/tools/internal/parallel"
	"github.com/cloudkb/kb/tools/internal/repofile"
	"github.com/cloudkb/kb/tools/internal/stale"
	"github.com/cloudkb/kb/tools/internal/suggest"
	"github.com/cloudkb/kb/tools/internal/xref"
)

// Run checks the repository in fsys (its root holds data/ and content/)
// and returns every problem found, sorted.
func Run(fsys fs.FS) *diag.List {
	diags, _, _ := Analyze(fsys)
	return diags
}

// Analyze checks the repository like Run, and also returns the graph of
// Markdown references it counted (what the site shows as each term's
// backlinks and each comparison's embedding pages) and the knowledge base
// it read, for what else the site derives from it (package redirects).
func Analyze(fsys fs.FS) (*diag.List, *xref.Graph, *kbdata.KB) {
	diags := &diag.List{}
	// The pages are read and parsed while the data loads, and searched for
	// unlinked mentions while the data is checked: neither needs the
	// other's results, and each alone leaves a core idle for a while.
	mentions := make(chan *mention.Index, 1)
	scanned := make(chan *pages, 1)
	go func() { scanned <- scanPages(fsys, mentions) }()
	kb := kbdata.Load(fsys, diags)
	mentions <- mention.FromKB(kb)
	c := &checker{kb: kb, diags: diags, graph: xref.NewGraph(), shortcodes: knownShortcodes(fsys), today: Today}
	c.index()
	c.sources()
	c.aspects()
	c.terms()
	c.comparisons()
	c.criteria()
	c.stacks()
	c.dated()
	c.texts()
	c.content(<-scanned)
	c.site(fsys)
	c.shadows(fsys)
	c.ledger()
	c.orphans()
	diags.Sort()
	return diags, c.graph, kb
}

// Today returns the day checked dates are measured against: today, in
// UTC. Tests set it to a fixed day.
var Today = func() time.Time {
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

type checker struct {
	kb    *kbdata.KB
	diags *diag.List

	// sourceIDs and aspectIDs are nil when their registry could not be
	// read: then no citation or aspect is reported unknown.
	sourceIDs map[string]bool
	aspectIDs map[string]bool
	// sourcesByID holds the registry's entries, for their short and
	// published keys.
	sourcesByID map[string]*kbdata.Source
	// today is the day checked dates are measured against.
	today func() time.Time
	// names maps a lowercased id, name or alias to the term it belongs to.
	names map[string]string
	// termIDs and refNames are sorted candidates for "did you mean".
	termIDs  []string
	refNames []string

	// referenced holds the terms something refers to, and cited the
	// sources something cites, for the warnings about those nothing uses.
	referenced map[string]bool
	cited      map[string]bool

	// graph records the Markdown references to terms, for backlinks.
	graph *xref.Graph
	// shortcodes holds the names of the shortcodes Hugo can run here,
	// each with whether it takes content (knownShortcodes).
	shortcodes map[string]bool
	// closest remembers didYouMean's answers.
	closest map[closestKey]string
	// sorted holds the candidate lists for "did you mean", made once.
	sorted struct{ aspects, sources, shortcodes, comparisons []string }
}

// closestKey names a question to suggest.Closest: a string and a
// candidate list, known by its first element's address and its length
// (so callers pass lists that live as long as the checker: see sorted).
type closestKey struct {
	s     string
	first *string
	n     int
}

func (c *checker) index() {
	c.referenced = map[string]bool{}
	c.cited = map[string]bool{}
	// An empty registry is reported at itself, and judges nothing.
	if len(c.kb.Sources) > 0 {
		c.sourceIDs = map[string]bool{}
	}
	c.sourcesByID = map[string]*kbdata.Source{}
	for _, s := range c.kb.Sources {
		c.sourceIDs[s.ID] = true
		c.sourcesByID[s.ID] = s
	}
	if len(c.kb.Aspects) > 0 {
		c.aspectIDs = map[string]bool{}
	}
	for _, a := range c.kb.Aspects {
		c.aspectIDs[a.ID] = true
	}
	c.sorted.aspects = slices.Sorted(maps.Keys(c.aspectIDs))
	c.sorted.sources = slices.Sorted(maps.Keys(c.sourceIDs))
	c.sorted.shortcodes = slices.Sorted(maps.Keys(c.shortcodes))
	c.sorted.comparisons = slices.Sorted(maps.Keys(c.kb.Comparisons))
	c.names = map[string]string{}
	for _, id := range slices.Sorted(maps.Keys(c.kb.Terms)) {
		c.termIDs = append(c.termIDs, id)
		c.names[id] = id
	}
	// Names after ids and aliases after names, so a clash is reported on
	// the alias (or name) that takes what another term already has.
	for _, id := range c.termIDs {
		t := c.kb.Terms[id]
		if t.Name == "" {
			continue
		}
		file := kbdata.TermFile(id)
		if other, ok := c.names[strings.ToLower(t.Name)]; ok && other != id {
			c.diags.Add(file, t.Pos.Value("name"), diag.CodeAliasClash, "name %q is already the id or name of term %q", t.Name, other)
			continue
		}
		c.names[strings.ToLower(t.Name)] = id
	}
	for _, id := range c.termIDs {
		t := c.kb.Terms[id]
		file := kbdata.TermFile(id)
		seen := map[string]bool{}
		for i, a := range t.Aliases {
			key := strings.ToLower(a)
			// Positions are looked up only to report: the index is built lazily.
			at := func() int { return t.Pos.Value("aliases", i) }
			if seen[key] {
				c.diags.Add(file, at(), diag.CodeRepeated, "alias %q is listed twice", a)
				continue
			}
			seen[key] = true
			switch other, taken := c.names[key]; {
			case taken && other != id:
				c.diags.Add(file, at(), diag.CodeAliasClash, "alias %q already names term %q (%s)", a, other, kbdata.TermFile(other)).
					Suggest("an alias must lead to one term: remove it from one of them")
			case !taken:
				c.names[key] = id
			}
		}
	}
	for n := range c.names {
		c.refNames = append(c.refNames, n)
	}
	sort.Strings(c.refNames)
}

func (c *checker) sources() {
	seen := map[string]int{}
	for i, s := range c.kb.Sources {
		c.registryID(kbdata.SourcesFile, s.ID, s.Pos, seen, i, "source")
		if s.URL != "" && !kbdata.ValidURL(s.URL) {
			start, end := s.Pos.Span("url")
			c.diags.Add(kbdata.SourcesFile, start, diag.CodeBadURL, "url %q is not an absolute http(s) URL", s.URL).Span(end)
		}
		if s.Accessed != "" && !kbdata.ValidDate(s.Accessed) {
			start, end := s.Pos.Span("accessed")
			c.diags.Add(kbdata.SourcesFile, start, diag.CodeBadDate, "accessed %q is not a date written YYYY-MM-DD", s.Accessed).Span(end)
		}
	}
	if c.kb.Files[kbdata.SourcesFile] != nil && len(c.kb.Sources) == 0 {
		c.diags.Add(kbdata.SourcesFile, 0, diag.CodeTooFew, "no [[source]] entries")
	}
}

func (c *checker) aspects() {
	seen := map[string]int{}
	for i, a := range c.kb.Aspects {
		c.registryID(kbdata.AspectsFile, a.ID, a.Pos, seen, i, "aspect")
	}
	if c.kb.Files[kbdata.AspectsFile] != nil && len(c.kb.Aspects) == 0 {
		c.diags.Add(kbdata.AspectsFile, 0, diag.CodeTooFew, "no [[aspect]] entries")
	}
}

// registryID checks the id of entry i of a registry file (the key "id"
// of the table at pos): its form and uniqueness.
func (c *checker) registryID(file, id string, pos kbdata.Positions, seen map[string]int, i int, what string) {
	if id == "" {
		return
	}
	at := func() (int, int) { return pos.Span("id") } // only to report
	if problem, suggestion := kbdata.IDProblem(id); problem != "" {
		start, end := at()
		d := c.diags.Add(file, start, diag.CodeBadID, "%s id %q is %s", what, id, problem).Span(end)
		if suggestion != "" {
			d.Suggest(suggestion)
		}
	}
	if first, dup := seen[id]; dup {
		start, end := at()
		c.diags.Add(file, start, diag.CodeDuplicate, "duplicate %s id %q (also entry %d)", what, id, first+1).Span(end)
		return
	}
	seen[id] = i
}

func (c *checker) terms() {
	tagSpelling := map[string]tagUse{}
	for _, id := range c.termIDs {
		t := c.kb.Terms[id]
		file := kbdata.TermFile(id)
		related := list{file, t.Pos, "related"}
		for i, r := range t.Related {
			switch {
			case r == id:
				start, end := related.at(i)
				c.diags.Add(file, start, diag.CodeUnknownRef, "term %q lists itself as related", id).Span(end)
			case !c.kb.HasTerm(r):
				c.unknownTerm(related, i, r, "related term")
			default:
				c.referenced[r] = true
				if other := c.kb.Terms[r]; other != nil && !slices.Contains(other.Related, id) {
					start, end := related.at(i)
					c.diags.Warn(file, start, diag.CodeOneWay, "related term %q does not list %q back", r, id).
						Span(end).Suggest(fmt.Sprintf("add %q to related in %s", id, kbdata.TermFile(r)))
				}
			}
		}
		c.repeats(related, t.Related, "related term")
		c.tags(file, t, tagSpelling)
		c.citations(file, t.Sources)
		for _, aspect := range slices.Sorted(maps.Keys(t.Facts)) {
			f := t.Facts[aspect]
			if c.aspectIDs != nil && !c.aspectIDs[aspect] {
				d := c.diags.Add(file, t.Pos.Key("facts", aspect), diag.CodeUnknownRef, "fact for unknown aspect %q", aspect)
				c.didYouMean(d, aspect, c.sorted.aspects)
			}
			c.citations(file, f.Sources)
		}
	}
}

func (c *checker) comparisons() {
	for _, id := range c.sorted.comparisons {
		cmp := c.kb.Comparisons[id]
		file := kbdata.ComparisonFile(id)
		if c.kb.Files[file] == nil {
			continue
		}
		subjectList, aspectList := list{file, cmp.Pos, "subjects"}, list{file, cmp.Pos, "aspects"}
		if cmp.Subjects != nil && len(cmp.Subjects) < 2 {
			c.diags.Add(file, cmp.Pos.Value("subjects"), diag.CodeTooFew, "a comparison needs two or more subjects, found %d", len(cmp.Subjects))
		}
		subjects := map[string]bool{}
		for i, s := range cmp.Subjects {
			subjects[s] = true
			if !c.kb.HasTerm(s) {
				c.unknownTerm(subjectList, i, s, "subject")
			}
			c.referenced[s] = true
		}
		c.repeats(subjectList, cmp.Subjects, "subject")
		c.repeats(aspectList, cmp.Aspects, "aspect")
		if cmp.Aspects != nil && len(cmp.Aspects) == 0 {
			c.diags.Add(file, cmp.Pos.Value("aspects"), diag.CodeTooFew, "a comparison needs at least one aspect")
		}
		for i, a := range cmp.Aspects {
			if c.aspectIDs != nil && !c.aspectIDs[a] {
				start, end := aspectList.at(i)
				d := c.diags.Add(file, start, diag.CodeUnknownRef, "unknown aspect %q", a).Span(end)
				c.didYouMean(d, a, c.sorted.aspects)
				continue
			}
			for _, s := range cmp.Subjects {
				t := c.kb.Terms[s]
				if t == nil {
					continue
				}
				if _, ok := t.Facts[a]; !ok {
					start, end := aspectList.at(i)
					c.diags.Add(file, start, diag.CodeMissingFact, "no fact for aspect %q of subject %q", a, s).
						Span(end).Suggest(fmt.Sprintf("add a [facts.%s] table to %s", a, kbdata.TermFile(s)))
				}
			}
		}
		shown := map[string]bool{}
		for _, a := range cmp.Aspects {
			shown[a] = true
		}
		c.everyTakeaway(file, cmp)
		for _, a := range slices.Sorted(maps.Keys(cmp.Takeaways)) {
			tk := cmp.Takeaways[a]
			if !shown[a] {
				d := c.diags.Add(file, cmp.Pos.Key("takeaways", a), diag.CodeUnknownRef, "takeaway for aspect %q, which the comparison does not show", a)
				c.didYouMean(d, a, cmp.Aspects)
			}
			if tk.Favours != "" && !subjects[tk.Favours] {
				start, end := tk.Pos.Span("favours")
				d := c.diags.Add(file, start, diag.CodeUnknownRef, "takeaway favours %q, which is not a subject of the comparison", tk.Favours).Span(end)
				c.didYouMean(d, tk.Favours, cmp.Subjects)
			}
			c.verdict(file, a, tk)
			c.citations(file, tk.Sources)
		}
	}
}

// everyTakeaway reports each aspect of a comparison that has no takeaway:
// a reader deciding between the subjects should learn, row by row, which
// one the aspect favours or why it favours none. An unknown aspect is
// reported as such, and a takeaway the binder could not read (a value
// that is no table) is reported where it is written.
func (c *checker) everyTakeaway(file string, cmp *kbdata.Comparison) {
	if cmp.Takeaways == nil && cmp.Pos.Has("takeaways") {
		return
	}
	aspects := list{file, cmp.Pos, "aspects"}
	seen := map[string]bool{}
	for i, a := range cmp.Aspects {
		if seen[a] || c.aspectIDs != nil && !c.aspectIDs[a] || cmp.Takeaways[a] != nil || cmp.Pos.Has("takeaways", a) {
			seen[a] = true
			continue
		}
		seen[a] = true
		start, end := aspects.at(i)
		favours := "<subject>"
		if len(cmp.Subjects) > 0 {
			favours = cmp.Subjects[0]
		}
		c.diags.Add(file, start, diag.CodeNoTakeaway, "aspect %q has no takeaway: say which subject it favours, or why it favours none", a).Span(end).
			Suggest(fmt.Sprintf("add a [takeaways.%s] table with favours = %q (or neutral = true), why, sources and checked", a, favours))
	}
}

// written returns the value at key of the table at pos as the file writes
// it; "" when it cannot say. A value of the wrong type is reported by the
// binder, and must not be reported again as if it were read.
func (c *checker) written(file string, pos kbdata.Positions, key string) string {
	ix := c.kb.Files[file]
	if ix == nil {
		return ""
	}
	start, end := pos.Span(key)
	if src := ix.Source(); start >= 0 && start <= end && end <= len(src) {
		return string(src[start:end])
	}
	return ""
}

// verdict reports a takeaway that does not say exactly one of "favours
// this subject" and "neutral": both, neither, or neutral = false alone.
func (c *checker) verdict(file, aspect string, tk *kbdata.Takeaway) {
	hasFavours, hasNeutral := tk.Pos.Has("favours"), tk.Pos.Has("neutral")
	switch {
	case hasFavours && hasNeutral:
		start, end := tk.Pos.Span("neutral")
		c.diags.Add(file, start, diag.CodeVerdict, "takeaway for aspect %q both favours a subject and is neutral", aspect).Span(end).
			Suggest("keep favours if one subject is better on this aspect, else remove it and keep neutral = true")
	case !hasFavours && !hasNeutral:
		c.diags.Add(file, tk.Pos.Key(), diag.CodeVerdict, "takeaway for aspect %q neither favours a subject nor is neutral", aspect).
			Suggest(`add favours = "<subject>", or neutral = true if the aspect favours none and why says why`)
	case hasNeutral && !tk.Neutral && c.written(file, tk.Pos, "neutral") == "false":
		start, end := tk.Pos.Span("neutral")
		c.diags.Add(file, start, diag.CodeVerdict, "takeaway for aspect %q is not neutral but favours no subject", aspect).Span(end).
			Suggest(`write favours = "<subject>" in place of neutral = false, or set neutral = true`)
	}
}

func (c *checker) criteria() {
	seen := map[string]int{}
	file := kbdata.CriteriaFile
	for i, cr := range c.kb.Criteria {
		c.registryID(file, cr.ID, cr.Pos, seen, i, "criterion")
		favours := list{file, cr.Pos, "favours"}
		for j, id := range cr.Favours {
			if !c.kb.HasTerm(id) {
				c.unknownTerm(favours, j, id, "option")
			}
			c.referenced[id] = true
		}
		c.repeats(favours, cr.Favours, "option")
		c.citations(file, cr.Sources)
	}
	c.decision()
}

// decision checks the guide's decision aid: every question and the
// default lead to a criterion that exists, and the flow does not
// contradict itself. A reader reaches a question only after answering no
// to every one before it, so a second question about the same criterion
// can never recommend anything new, and a default that a question asks
// about is given to readers who just said no to it.
func (c *checker) decision() {
	dc := c.kb.Decision
	if dc == nil {
		return
	}
	file := kbdata.CriteriaFile
	ids := make([]string, 0, len(c.kb.Criteria))
	for _, cr := range c.kb.Criteria {
		ids = append(ids, cr.ID)
	}
	slices.Sort(ids)
	known := func(id string, pos kbdata.Positions, key string) bool {
		if id == "" || slices.Contains(ids, id) {
			return true
		}
		start, end := pos.Span(key)
		d := c.diags.Add(file, start, diag.CodeUnknownRef, "unknown criterion %q", id).Span(end)
		if c.didYouMean(d, id, ids) == "" {
			d.Suggest("use the id of a [[criterion]] in " + file)
		}
		return false
	}
	asked := map[string]int{} // criterion id -> the question (1-based) that asks about it
	for i, q := range dc.Questions {
		if !known(q.Criterion, q.Pos, "criterion") || q.Criterion == "" {
			continue
		}
		if first, ok := asked[q.Criterion]; ok {
			start, end := q.Pos.Span("criterion")
			c.diags.Add(file, start, diag.CodeDecisionFlow, "question %d leads to criterion %q, as question %d does: a reader gets here only after answering no to it", i+1, q.Criterion, first).
				Span(end).Suggest("merge the two questions, or lead this one to another criterion")
			continue
		}
		asked[q.Criterion] = i + 1
	}
	if known(dc.Otherwise, dc.Pos, "otherwise") {
		if n, ok := asked[dc.Otherwise]; ok {
			start, end := dc.Pos.Span("otherwise")
			c.diags.Add(file, start, diag.CodeDecisionFlow, "the default, criterion %q, is what question %d leads to: a reader who answered no to it would be given it anyway", dc.Otherwise, n).
				Span(end).Suggest("make the default a criterion no question asks about")
		}
	}
}

// list is an array of ids in a data file: the key under the table at pos.
type list struct {
	file string
	pos  kbdata.Positions
	key  string
}

// at returns where element i of the list starts and ends.
func (l list) at(i int) (start, end int) { return l.pos.Span(l.key, i) }

// citations checks a list of citations: each names a known source, says
// where in it unless the source is one short page, and is not repeated.
func (c *checker) citations(file string, cites []kbdata.Citation) {
	seen := map[string]bool{}
	for _, ct := range cites {
		c.cited[ct.ID] = true
		// Positions are looked up only to report: a clean file never
		// builds its index (tomlpos).
		at := func() (int, int) { return ct.Pos.Span("id") }
		key := ct.ID + "\x00" + ct.At
		switch src := c.sourcesByID[ct.ID]; {
		case c.sourceIDs != nil && !c.sourceIDs[ct.ID]:
			start, end := at()
			d := c.diags.Add(file, start, diag.CodeUnknownRef, "unknown source %q", ct.ID).Span(end)
			if c.didYouMean(d, ct.ID, c.sorted.sources) == "" {
				d.Suggest("add it to " + kbdata.SourcesFile)
			}
		case seen[key]:
			start, end := at()
			c.diags.Add(file, start, diag.CodeRepeated, "source %q is cited twice", ct.ID).Span(end)
		case src != nil && !src.Short && strings.TrimSpace(ct.At) == "":
			start, end := at()
			c.diags.Warn(file, start, diag.CodeNoLocator, "the citation of %q says not where in the source the claim is", ct.ID).Span(end).
				Suggest(fmt.Sprintf(`write { id = %q, at = "…" }: a section heading, "Section 2.3", "p. 12" or "#fragment"; or mark the source short = true if it is one short page`, ct.ID))
		}
		seen[key] = true
	}
}

// dated checks the checked dates of every claim (package stale): a real
// day, not in the future, not before a cited source was published, and
// not older than its limit.
func (c *checker) dated() {
	today := c.today()
	for _, cl := range stale.Claims(c.kb) {
		if cl.Checked == "" {
			continue // a required date is reported missing by the loader
		}
		at := func() (int, int) { return cl.Pos.Span("checked") } // only to report
		checked, err := time.Parse(time.DateOnly, cl.Checked)
		if err != nil {
			start, end := at()
			c.diags.Add(cl.File, start, diag.CodeBadDate, "checked %q is not a date written YYYY-MM-DD", cl.Checked).Span(end)
			continue
		}
		if checked.After(today) {
			start, end := at()
			c.diags.Add(cl.File, start, diag.CodeCheckedDate, "%s was checked on %s, a day still to come", cl.What, cl.Checked).Span(end).
				Suggest("write the day it was checked: today at the latest")
			continue
		}
		for _, ct := range cl.Sources {
			if src := c.sourcesByID[ct.ID]; src != nil && src.Published > cl.Checked && kbdata.ValidDate(src.Published) {
				start, end := at()
				c.diags.Add(cl.File, start, diag.CodeCheckedDate, "%s was checked on %s, before source %q was published (%s)", cl.What, cl.Checked, ct.ID, src.Published).Span(end).
					Suggest("check it against the source as published, and date it then")
			}
		}
		if due := stale.DueAfter(checked, cl.TimeSensitive); !due.After(today) {
			start, end := at()
			c.diags.Warn(cl.File, start, diag.CodeStale, "%s was last checked on %s, over %d months ago", cl.What, cl.Checked, stale.Limit(cl.TimeSensitive)).Span(end).
				Suggest("check it against its sources and set checked to that day; go tool kb stale lists every claim by age")
		}
	}
}

// tagWord is what a tag may be made of: words of letters and digits, separated by
// single spaces or hyphens. Each tag has a page at /glossary/tags/<slug>/ (the
// glossary-tags taxonomy), where the slug is the tag lower-cased with spaces as hyphens:
// anything else (a slash, a plus, a dot) would make Hugo drop characters or nest folders.
var tagWord = regexp.MustCompile(`^[\p{L}\p{N}]+(?:[ -][\p{L}\p{N}]+)*$`)

// tagSlug is the last part of a tag page's address.
func tagSlug(tag string) string { return strings.ReplaceAll(strings.ToLower(tag), " ", "-") }

// tagUse is the first spelling of a tag met, in term order, and where.
type tagUse struct{ tag, file string }

// tags reports tags that cannot be a page's address, and two spellings of one address
// ("Compute model" and "compute-model"), which Hugo would merge under either title.
func (c *checker) tags(file string, t *kbdata.Term, seen map[string]tagUse) {
	l := list{file, t.Pos, "tags"}
	for i, tag := range t.Tags {
		if !tagWord.MatchString(tag) {
			start, end := l.at(i)
			d := c.diags.Add(file, start, diag.CodeTagAddress, "tag %q cannot be the address of its page: use letters, digits and single spaces or hyphens", tag).Span(end)
			if clean := strings.Join(strings.FieldsFunc(tag, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " "); clean != "" {
				d.Suggest(fmt.Sprintf("for example %q", clean))
			}
			continue
		}
		slug := tagSlug(tag)
		if first, ok := seen[slug]; ok && first.tag != tag {
			start, end := l.at(i)
			c.diags.Add(file, start, diag.CodeTagAddress, "tag %q and tag %q (%s) share the page /glossary/tags/%s/", tag, first.tag, first.file, slug).
				Span(end).Suggest(fmt.Sprintf("spell it %q", first.tag))
			continue
		}
		if _, ok := seen[slug]; !ok {
			seen[slug] = tagUse{tag, file}
		}
	}
	c.repeats(l, t.Tags, "tag")
}

func (c *checker) repeats(l list, ids []string, what string) {
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] {
			start, end := l.at(i)
			c.diags.Add(l.file, start, diag.CodeRepeated, "%s %q is listed twice", what, id).Span(end)
		}
		seen[id] = true
	}
}

// unknownTerm reports element i of l, a reference to a term that does
// not exist, with a hint: the term an alias or a near-miss names.
func (c *checker) unknownTerm(l list, i int, ref, what string) {
	start, end := l.at(i)
	d := c.diags.Add(l.file, start, diag.CodeUnknownRef, "unknown %s %q", what, ref).Span(end)
	if id, ok := c.names[strings.ToLower(ref)]; ok {
		d.Suggest(fmt.Sprintf("%q is a name of term %q: use the id", ref, id))
		return
	}
	c.didYouMean(d, ref, c.termIDs)
}

func (c *checker) didYouMean(d *diag.Diagnostic, s string, candidates []string) string {
	// A page may repeat one wrong id thousands of times: ask once per id
	// and candidate list.
	key := closestKey{s: s, n: len(candidates)}
	if len(candidates) > 0 {
		key.first = &candidates[0]
	}
	m, ok := c.closest[key]
	if !ok {
		m = suggest.Closest(s, candidates)
		if c.closest == nil {
			c.closest = map[closestKey]string{}
		}
		c.closest[key] = m
	}
	if m != "" {
		d.Suggest(fmt.Sprintf("did you mean %q?", m))
	}
	return m
}

// pages is the Markdown under content/, read and scanned (scanPages).
type pages struct {
	// diags holds what the walk could not read.
	diags diag.List
	paths []string
	scans []pageScan
}

// pageScan is one page as read and scanned.
type pageScan struct {
	text     []byte
	doc      *markdown.Doc
	refs     []xref.Ref
	unlinked []mention.Mention
	err      error
}

// scanPages reads and scans every page under content/ on every core: its
// Markdown and references first, which need no data, then, once mentions
// sends the index of the terms, its unlinked mentions.
func scanPages(fsys fs.FS, mentions <-chan *mention.Index) *pages {
	ps := &pages{}
	if err := repofile.CheckDir(fsys, "content"); errors.Is(err, repofile.ErrSymlink) {
		ps.diags.Add("content", -1, diag.CodeRead, "cannot read: %v", err)
		return ps
	}
	_ = fs.WalkDir(fsys, "content", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" {
				return fs.SkipDir // no content yet: nothing refers to anything
			}
			ps.diags.Add(p, -1, diag.CodeRead, "cannot read: %v", err)
			return nil
		}
		if e.IsDir() {
			return nil
		}
		// Hugo skips a symlinked page or folder, and kb reads nothing
		// that is not a regular file: say so rather than skip it silently.
		if err := repofile.CheckEntry(e); err != nil && (path.Ext(p) == ".md" || e.Type()&fs.ModeSymlink != 0) {
			ps.diags.Add(p, -1, diag.CodeRead, "cannot read: %v", err)
			return nil
		}
		if path.Ext(p) == ".md" {
			ps.paths = append(ps.paths, p)
		}
		return nil
	})
	ps.scans = make([]pageScan, len(ps.paths))
	parallel.For(len(ps.paths), func(i int) {
		r := &ps.scans[i]
		// The walk has checked every folder above the page.
		if r.text, r.err = repofile.ReadListed(fsys, ps.paths[i]); r.err == nil {
			text, _ := repofile.MaskBOM(r.text)
			r.doc = markdown.Parse(text)
			r.refs = xref.Refs(r.doc)
		}
	})
	ix := <-mentions
	parallel.For(len(ps.paths), func(i int) {
		if r := &ps.scans[i]; r.err == nil {
			r.unlinked = ix.UnlinkedIn(r.doc, r.refs)
		}
	})
	return ps
}

// content checks every reference made from Markdown under content/, in
// path order, from the pages as scanPages read them.
func (c *checker) content(ps *pages) {
	c.diags.Merge(&ps.diags)
	for i, p := range ps.paths {
		r := ps.scans[i]
		if r.err != nil {
			c.diags.Add(p, -1, diag.CodeRead, "cannot read: %v", r.err)
			continue
		}
		c.diags.AddFile(p, r.text)
		if _, bom := repofile.MaskBOM(r.text); bom {
			c.diags.Add(p, 0, diag.CodeBOM, "the page starts with a byte-order mark").
				Span(len(repofile.BOM)).Suggest("run go tool kb fix, or save the file as UTF-8 without a BOM")
		}
		page := strings.TrimPrefix(p, "content/")
		at := func(i int) int { return i }
		for _, ref := range r.refs {
			if id := c.ref(p, ref, at); id != "" {
				c.graph.AddPage(id, page)
			}
			if ref.Kind == xref.Comparison && !ref.Link && c.kb.Comparisons[ref.ID] != nil {
				c.graph.AddEmbed(ref.ID, page)
			}
		}
		c.markup(p, r.doc, at, nil)
		c.jsonFrontMatter(p, r.doc)
		for _, m := range r.unlinked {
			c.diags.Suggestion(p, m.Offset, diag.CodeUnlinkedTerm, "%q names term %q, which the page never links", m.Text, m.ID).
				Span(m.End).Suggest("go tool kb fix links it: " + m.Shortcode())
		}
	}
}

// jsonFrontMatter reports a page whose first character is "{": Hugo reads
// it as JSON front matter, so a page that opens with a shortcode call or
// a placeholder fails to build.
func (c *checker) jsonFrontMatter(file string, d *markdown.Doc) {
	if len(d.Items) == 0 || d.Items[0].Kind != markdown.FrontMatter {
		return
	}
	fm := bytes.TrimPrefix(d.Src[:d.Items[0].End], []byte("\ufeff"))
	if t := bytes.TrimSpace(fm); len(t) == 0 || t[0] != '{' || json.Valid(t) {
		return
	}
	start := d.Items[0].End - len(fm) + bytes.IndexByte(fm, '{')
	c.diags.Add(file, start, diag.CodeSyntax, "invalid JSON front matter: Hugo reads a page that starts with \"{\" as JSON").
		Suggest("start the page with a word, or with --- front matter")
}

// dataShortcodes are the shortcodes a Markdown field of a data file may
// call: a definition or a note is shown in tables, previews and other
// sites, where a comparison table or the guide has no place.
var dataShortcodes = map[string]bool{"term": true}

// texts checks the prose strings of the data files: a Markdown field like
// a page, at the data file's own line and column; a plain-text field for
// markup that would be shown as written.
func (c *checker) texts() {
	for _, file := range slices.Sorted(maps.Keys(c.kb.Texts)) {
		term := ""
		if rest, ok := strings.CutPrefix(file, kbdata.GlossaryDir+"/"); ok {
			term = strings.TrimSuffix(rest, ".toml")
		}
		for _, t := range c.kb.Texts[file] {
			if !t.Markdown {
				c.plainText(file, t)
				continue
			}
			d := markdown.ParseFragment([]byte(t.Value))
			for _, ref := range xref.Refs(d) {
				if id := c.ref(file, ref, t.Offset); id != "" && term != "" && id != term {
					c.graph.AddTerm(id, term)
				}
			}
			c.markup(file, d, t.Offset, dataShortcodes)
		}
	}
}

// plainText reports links and shortcodes in a plain-text field: the site
// shows them as written.
func (c *checker) plainText(file string, t kbdata.Text) {
	if !strings.Contains(t.Value, "{{") && !strings.Contains(t.Value, "](") && !strings.Contains(t.Value, "]:") {
		return
	}
	d := markdown.ParseFragment([]byte(t.Value))
	for _, call := range d.Calls {
		c.diags.Add(file, t.Offset(call.Start), diag.CodePlainMarkup, "%s is plain text: the shortcode is shown as written, not run", t.Name()).
			Span(t.Offset(call.End)).Suggest("write plain words; link terms from a Markdown field or a page")
	}
	for _, it := range d.Items {
		if it.Kind == markdown.Link || it.Kind == markdown.RefDefinition {
			c.diags.Add(file, t.Offset(it.Start), diag.CodePlainMarkup, "%s is plain text: the link is shown as written", t.Name()).
				Span(t.Offset(it.End)).Suggest("write plain words; link terms from a Markdown field or a page")
		}
	}
}

// markup reports, in a scanned Markdown text, the shortcode calls Hugo
// cannot run as written (or, when allowed is not nil, any shortcode but
// those: see calls) and the raw HTML the site drops. at maps an offset in
// the text to one in file.
func (c *checker) markup(file string, d *markdown.Doc, at func(int) int, allowed map[string]bool) {
	c.calls(file, d, at, allowed)
	for _, it := range d.Items {
		if it.Kind != markdown.HTMLTag && it.Kind != markdown.HTMLBlock {
			continue
		}
		raw := d.Src[it.Start:it.End]
		if bytes.HasPrefix(raw, []byte("<!--")) || bytes.HasPrefix(raw, []byte("</")) {
			continue // a comment is dropped as its author means; a closing tag goes with its opening one
		}
		c.diags.Add(file, at(it.Start), diag.CodeRawHTML, "raw HTML is dropped: the site renders Markdown without HTML").
			Span(at(min(it.End, it.Start+bytes.IndexByte(raw, '>')+1))).Suggest("write it in Markdown, or as a shortcode")
	}
}

// ref checks one reference from Markdown in file (at maps its offsets to
// the file's) and returns the term it names, if it names one.
func (c *checker) ref(file string, r xref.Ref, at func(int) int) string {
	switch r.Kind {
	case xref.Term:
		// A shortcode id "<prefix>:<ref>" names another knowledge base's
		// term, checked against its lock (remotes.go); it is no local
		// reference, so it counts in neither backlinks nor orphans.
		if c.remoteRef(file, r, at) {
			return ""
		}
		if r.Stack {
			return c.stackRef(file, r, at)
		}
		id, ok := c.names[strings.ToLower(r.ID)]
		switch {
		case !ok && c.kb.Unparsed[kbdata.TermFile(r.ID)]:
			// Its file is broken; that is reported there.
		case !ok:
			d := c.diags.Add(file, at(r.Offset), diag.CodeUnknownRef, "unknown glossary term %q", r.ID).Span(at(r.End))
			if m := suggest.Closest(strings.ToLower(r.ID), c.refNames); m != "" {
				d.Suggest(fmt.Sprintf("did you mean %q?", m))
			}
		case r.Link && id != r.ID:
			c.diags.Add(file, at(r.Offset), diag.CodeAliasNotLink, "/glossary/%s/ is not a page: %q names term %q", r.ID, r.ID, id).
				Span(at(r.End)).Suggest(fmt.Sprintf("link to /glossary/%s/", id))
			return ""
		default:
			return id
		}
	case xref.Comparison:
		if c.kb.Comparisons[r.ID] == nil && !c.kb.Unparsed[kbdata.ComparisonFile(r.ID)] {
			d := c.diags.Add(file, at(r.Offset), diag.CodeUnknownRef, "unknown comparison %q", r.ID).Span(at(r.End))
			c.didYouMean(d, r.ID, c.sorted.comparisons)
		}
	case xref.Aspect:
		cmp := c.kb.Comparisons[r.Within]
		if cmp == nil || slices.Contains(cmp.Aspects, r.ID) {
			return "" // an unknown comparison is reported on its id
		}
		d := c.diags.Add(file, at(r.Offset), diag.CodeUnknownRef, "comparison %q has no aspect %q", r.Within, r.ID).Span(at(r.End))
		c.didYouMean(d, r.ID, cmp.Aspects)
	}
	return ""
}

// orphans warns about terms nothing refers to and sources nothing cites:
// a term page no reader can reach, a source that supports nothing.
func (c *checker) orphans() {
	for _, id := range c.termIDs {
		if !c.referenced[id] && !c.graph.Referenced(id) {
			file := kbdata.TermFile(id)
			c.diags.Warn(file, c.kb.Terms[id].Pos.Key("name"), diag.CodeOrphanTerm, "no page, definition, term, comparison or criterion refers to term %q", id).
				Suggest("link it from an article or list it as related in another term")
		}
	}
	for _, s := range c.kb.Sources {
		if s.ID != "" && !c.cited[s.ID] {
			c.diags.Warn(kbdata.SourcesFile, s.Pos.Value("id"), diag.CodeUncited, "no term, fact, takeaway or criterion cites source %q", s.ID).
				Suggest("cite it or remove it")
		}
	}
}

// DataErrors returns the errors kb check finds in data/, each formatted
// as kb check prints it. The commands that write (kb fix, kb publish, kb
// new) refuse to run while there are any: what they write follows from
// the data, and a name clash above all would be written into pages or
// into the ledger of permanent URLs. A page not in the ledger yet (KB023)
// is no such error: kb publish is what records it. Errors with one of the
// codes in repairs are left out too: the caller repairs them itself.
func DataErrors(fsys fs.FS, repairs ...string) []string {
	diags := Run(fsys)
	var out []string
	for _, d := range diags.Items {
		if d.Severity == diag.Error && strings.HasPrefix(d.Path, "data") && d.Code != diag.CodeUnpublished && !slices.Contains(repairs, d.Code) {
			out = append(out, diags.Line(d))
		}
	}
	return out
}
