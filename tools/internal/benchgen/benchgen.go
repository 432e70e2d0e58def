// Package benchgen writes a synthetic but realistic knowledge base for
// benchmarks: terms with aliases, related links, facts and sources;
// comparisons of 2–4 subjects over 10–30 aspects; Markdown pages of about
// 800 words with about 20 term references and one comparison. The same
// seed always gives the same files.
//
// Every fact and takeaway was checked, on a day drawn from the seed in the
// months before Today, and cites its source as kb check wants: half the
// sources are short pages, cited by id, the rest are cited with a locator.
package benchgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Options sizes the knowledge base.
type Options struct {
	Terms, Pages, Comparisons int
	Seed                      uint64
	// Plain writes the same pages with every shortcode replaced by a plain
	// Markdown link, and term and comparison pages as ordinary Markdown
	// files: the baseline a build with our templates is compared with.
	Plain bool
}

const (
	aspectCount = 40
	sourceCount = 50
	// maxAgeDays bounds how long before Today a claim was checked: well
	// inside the 12 months after which a time-sensitive fact is due.
	maxAgeDays = 300
)

// Today is the day the generated knowledge base is current on: every
// checked date falls in the maxAgeDays before it, so kb check measured
// against it (check.Today) finds no claim stale, and measured against any
// later day, none checked on a day still to come.
var Today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

var words = strings.Fields(`
	cloud edge function container image kernel queue cache gateway proxy mesh service
	runtime scheduler volume network storage bucket stream event trigger worker pool
	cluster node replica shard partition lease lock token secret policy quota limit
	metric trace log probe sidecar ingress egress route balancer registry artifact
	build deploy release rollout canary snapshot backup restore migration tenant
	isolation sandbox hypervisor firmware driver socket port packet frame buffer`)

var prose = strings.Fields(`
	the a an of to in for on with as by at from that this which when where while
	each every many few most some teams developers operators users systems often
	usually rarely can may must should will would runs scales stores sends keeps
	starts stops waits grows shrinks costs saves moves copies checks measures
	application workload request response traffic demand capacity budget latency
	quickly slowly safely cheaply reliably predictably automatically manually`)

type term struct {
	id, name string
	aliases  []string
	related  []int
	facts    map[int]bool // aspect indexes with a fact
}

type comparison struct {
	id       string
	subjects []int
	aspects  []int
}

// Write generates the knowledge base into dir (data/ and content/).
func Write(dir string, o Options) error {
	if o.Terms < 4 || o.Pages < 0 || o.Comparisons < 0 {
		return fmt.Errorf("need at least 4 terms and no negative counts, got %+v", o)
	}
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	terms := makeTerms(r, o.Terms)
	comps := makeComparisons(r, terms, o.Comparisons)
	w := &writer{dir: dir}
	if !o.Plain {
		w.data(r, terms, comps)
	} else {
		w.plainPages(r, terms, comps)
	}
	w.pages(r, terms, comps, o)
	return w.err
}

func makeTerms(r *rand.Rand, n int) []*term {
	terms := make([]*term, n)
	seen := map[string]bool{}
	for i := range terms {
		var name string
		for {
			name = words[r.IntN(len(words))] + " " + words[r.IntN(len(words))]
			if n > len(words)*len(words)/2 {
				name += " " + strconv.Itoa(i) // too many terms for unique pairs
			}
			if !seen[name] {
				break
			}
		}
		seen[name] = true
		t := &term{id: strings.ReplaceAll(name, " ", "-"), name: strings.ToUpper(name[:1]) + name[1:], facts: map[int]bool{}}
		t.aliases = []string{name + "s"}
		terms[i] = t
	}
	// Related links, two-way, three per term on average.
	for i, t := range terms {
		for range 1 + r.IntN(3) {
			j := r.IntN(n)
			if j == i || contains(t.related, j) {
				continue
			}
			t.related = append(t.related, j)
			terms[j].related = append(terms[j].related, i)
		}
	}
	return terms
}

func makeComparisons(r *rand.Rand, terms []*term, n int) []*comparison {
	comps := make([]*comparison, n)
	for i := range comps {
		c := &comparison{id: fmt.Sprintf("comparison-%05d", i)}
		nSubjects, nAspects := 2+r.IntN(3), 10+r.IntN(21)
		for len(c.subjects) < nSubjects {
			if s := r.IntN(len(terms)); !contains(c.subjects, s) {
				c.subjects = append(c.subjects, s)
			}
		}
		for len(c.aspects) < nAspects {
			if a := r.IntN(aspectCount); !contains(c.aspects, a) {
				c.aspects = append(c.aspects, a)
			}
		}
		for _, s := range c.subjects {
			for _, a := range c.aspects {
				terms[s].facts[a] = true
			}
		}
		comps[i] = c
	}
	return comps
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(prose[r.IntN(len(prose))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

type writer struct {
	dir string
	err error
}

func (w *writer) file(name, text string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(p, []byte(text), 0o644)
}

func aspectID(a int) string { return fmt.Sprintf("aspect-%02d", a) }
func sourceID(s int) string { return fmt.Sprintf("source-%02d", s) }

// short reports whether source s is one short page, which a citation may
// name by its id alone (KB032).
func short(s int) bool { return s%2 == 0 }

// cite is a citation of source s, as a TOML value: its id if it is short,
// else a table saying where in it, in one of the forms editors write.
func cite(r *rand.Rand, s int) string {
	if short(s) {
		return strconv.Quote(sourceID(s))
	}
	var at string
	switch r.IntN(3) {
	case 0:
		at = fmt.Sprintf("Section %d.%d", 1+r.IntN(9), 1+r.IntN(9))
	case 1:
		at = fmt.Sprintf("p. %d", 1+r.IntN(300))
	default:
		at = fmt.Sprintf("#part-%d", 1+r.IntN(20))
	}
	return fmt.Sprintf("{ id = %q, at = %q }", sourceID(s), at)
}

// checked is a checked date in the maxAgeDays before Today.
func checked(r *rand.Rand) string {
	return Today.AddDate(0, 0, -r.IntN(maxAgeDays)).Format(time.DateOnly)
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// data writes data/ as contributors would: one file per term and
// comparison, the registries, and the URL ledger.
func (w *writer) data(r *rand.Rand, terms []*term, comps []*comparison) {
	var b strings.Builder
	for a := range aspectCount {
		fmt.Fprintf(&b, "[[aspect]]\nid = %q\nname = %q\nquestion = %q\n\n", aspectID(a), "Aspect "+strconv.Itoa(a), sentence(r, 8))
	}
	w.file("data/aspects.toml", b.String())
	b.Reset()
	for s := range sourceCount {
		fmt.Fprintf(&b, "[[source]]\nid = %q\ntitle = %q\npublisher = \"Benchmark\"\nurl = \"https://example.org/%d\"\naccessed = %q\n", sourceID(s), sentence(r, 5), s, Today.Format(time.DateOnly))
		switch {
		case short(s):
			b.WriteString("short = true\n")
		case s%4 == 1:
			// Published well before any claim was checked against it (KB034).
			fmt.Fprintf(&b, "published = %q\n", Today.AddDate(-2, 0, -s).Format(time.DateOnly))
		}
		b.WriteByte('\n')
	}
	w.file("data/sources.toml", b.String())
	var urls []string
	for _, t := range terms {
		b.Reset()
		related := make([]string, len(t.related))
		for i, j := range t.related {
			related[i] = terms[j].id
		}
		fmt.Fprintf(&b, "name = %q\naliases = %s\nsummary = %q\ndefinition = \"\"\"\n%s %s\n\n%s\n\"\"\"\nrelated = %s\ntags = [\"benchmark\"]\nsources = [%s]\n",
			t.name, quoteList(t.aliases), sentence(r, 14), sentence(r, 20), sentence(r, 25), sentence(r, 30), quoteList(related), cite(r, r.IntN(sourceCount)))
		if r.IntN(2) == 0 {
			// A term's checked date is optional: half have one.
			fmt.Fprintf(&b, "checked = %q\n", checked(r))
		}
		aspects := make([]int, 0, len(t.facts))
		for a := range t.facts {
			aspects = append(aspects, a)
		}
		sort.Ints(aspects)
		for _, a := range aspects {
			fmt.Fprintf(&b, "\n[facts.%s]\nvalue = %q\nsources = [%s]\nchecked = %q\n", aspectID(a), sentence(r, 10), cite(r, r.IntN(sourceCount)), checked(r))
			if r.IntN(10) == 0 {
				b.WriteString("time_sensitive = true\n")
			}
		}
		w.file("data/glossary/"+t.id+".toml", b.String())
		urls = append(urls, "/glossary/"+t.id+"/")
	}
	for _, c := range comps {
		subjects := make([]string, len(c.subjects))
		for i, s := range c.subjects {
			subjects[i] = terms[s].id
		}
		aspects := make([]string, len(c.aspects))
		for i, a := range c.aspects {
			aspects[i] = aspectID(a)
		}
		b.Reset()
		fmt.Fprintf(&b, "title = %q\nsummary = %q\nsubjects = %s\naspects = %s\n",
			"Comparison "+c.id, sentence(r, 12), quoteList(subjects), quoteList(aspects))
		// Every aspect has a takeaway (KB036), one in five neutral.
		for _, a := range aspects {
			fmt.Fprintf(&b, "\n[takeaways.%s]\n", a)
			if r.IntN(5) == 0 {
				b.WriteString("neutral = true\n")
			} else {
				fmt.Fprintf(&b, "favours = %q\n", subjects[r.IntN(len(subjects))])
			}
			fmt.Fprintf(&b, "why = %q\nsources = [%s]\nchecked = %q\n", sentence(r, 10), cite(r, r.IntN(sourceCount)), checked(r))
		}
		w.file("data/comparisons/"+c.id+".toml", b.String())
		urls = append(urls, "/compare/"+c.id+"/")
	}
	sort.Strings(urls)
	w.file("data/published.toml", "urls = "+quoteList(urls)+"\n")
}

// plainPages writes the term and comparison pages as ordinary Markdown,
// for the baseline build.
func (w *writer) plainPages(r *rand.Rand, terms []*term, comps []*comparison) {
	for _, t := range terms {
		w.file("content/glossary/"+t.id+".md", fmt.Sprintf("---\ntitle: %q\n---\n%s %s\n\n%s\n", t.name, sentence(r, 20), sentence(r, 25), sentence(r, 30)))
	}
	for _, c := range comps {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\n---\n| aspect |", c.id)
		for _, s := range c.subjects {
			fmt.Fprintf(&b, " [%s](/glossary/%s/) |", terms[s].name, terms[s].id)
		}
		b.WriteString("\n|---|" + strings.Repeat("---|", len(c.subjects)) + "\n")
		for _, a := range c.aspects {
			fmt.Fprintf(&b, "| %s |", aspectID(a))
			for range c.subjects {
				fmt.Fprintf(&b, " %s |", sentence(r, 10))
			}
			b.WriteByte('\n')
		}
		w.file("content/compare/"+c.id+".md", b.String())
	}
}

// pages writes the articles: about 800 words, about 20 term references
// (by id, by alias, and as links) and one comparison each.
func (w *writer) pages(r *rand.Rand, terms []*term, comps []*comparison, o Options) {
	for p := range o.Pages {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\ndate: 2026-11-26\n---\n", fmt.Sprintf("Page %d", p))
		for para := range 20 {
			b.WriteString(sentence(r, 19) + " ")
			t := terms[r.IntN(len(terms))]
			switch {
			case o.Plain:
				fmt.Fprintf(&b, "[%s](/glossary/%s/)", t.name, t.id)
			case para%3 == 0:
				fmt.Fprintf(&b, "{{< term %q >}}", t.id)
			case para%3 == 1:
				fmt.Fprintf(&b, "{{< term %q >}}", t.aliases[0])
			default:
				fmt.Fprintf(&b, "[%s](/glossary/%s/)", t.name, t.id)
			}
			b.WriteString(" " + sentence(r, 19) + "\n\n")
			if para == 10 && len(comps) > 0 {
				c := comps[r.IntN(len(comps))]
				if o.Plain {
					fmt.Fprintf(&b, "See [%s](/compare/%s/).\n\n", c.id, c.id)
				} else {
					fmt.Fprintf(&b, "{{< comparison %q >}}\n\n", c.id)
				}
			}
		}
		w.file(fmt.Sprintf("content/learning/page-%05d.md", p), b.String())
	}
	w.file("content/learning/_index.md", "---\ntitle: Learning\n---\n")
}
