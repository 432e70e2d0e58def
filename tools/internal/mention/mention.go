// Package mention finds glossary terms that a Markdown page names in its
// prose without linking them: the mentions `kb check` suggests linking
// (KB022) and `kb fix` turns into term shortcodes.
//
// A mention is a prose name of a term, as whole words. A term's prose
// names are its name, its aliases and its [mentions] phrases; a name
// written "Long form (ABBR)" gives both "Long form" and "ABBR". Precision
// comes first, since a wrong link misleads every reader while a missed one
// costs a link:
//
//   - A name with a capital letter after its first (VM, IaaS, K8s) is an
//     abbreviation or a brand, matched in its own letter case; other names
//     in any case. A plural ending (-s, -es, -y to -ies) is part of the
//     mention.
//   - A one-word name that is an ordinary word ("service", "host",
//     "runtime") is not linked unless its term opts in ([mentions] auto =
//     true); auto = false links none of the term's names.
//   - A mention inside a longer known phrase (another term's name, or a
//     phrase a term lists under [mentions] never) is not a mention of the
//     shorter term: at each position the longest phrase wins. Nor is a
//     name joined to a word by "-", "_", ".", "/" or "@" (self-service,
//     snake_case, kernel.md), nor one next to a capitalised word in the
//     middle of a sentence (WebAssembly virtual machine, The Kubernetes
//     Authors), which makes it part of another name.
//   - Only prose is searched: never front matter, code, headings, HTML,
//     links and their text, shortcodes and what they enclose, URLs, block
//     quotes, text in quotation marks, reference lists (sections headed
//     References, Sources, Further reading and the like, and list items
//     that cite an outside address).
//
// A term the page already links anywhere, with a term shortcode (by id,
// name or alias) or a Markdown link to /glossary/<id>/, is not reported:
// one link per page is enough. Linking a mention makes the page link the
// term, so a page whose mentions are all linked has none left.
package mention

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/markdown"
	"github.com/cloudkb/kb/tools/internal/xref"
)

// Mention is the first unlinked mention of a term on a page.
type Mention struct {
	ID     string // the term's id
	Offset int    // where the mention starts, a byte offset into the page
	End    int    // where it ends (exclusive)
	Text   string // the mention as written: the page's bytes [Offset, End)
}

// Shortcode returns the term shortcode that links the mention, with its
// text as written so that letter case and plurals are kept:
// {{< term "virtual-machine" "VMs" >}}.
func (m Mention) Shortcode() string {
	return `{{< term "` + m.ID + `" "` + m.Text + `" >}}`
}

// Term is what the index needs to know about a glossary term.
type Term struct {
	ID      string
	Name    string
	Aliases []string
	// Auto is the term's [mentions] auto: nil for the default (link
	// names of two or more words and abbreviations, not one-word names),
	// true to link one-word names too, false to link none.
	Auto    *bool
	Phrases []string // more prose names
	Never   []string // phrases that hold a name but mean something else
}

// entry is what a lowercased prose phrase stands for.
type entry struct {
	id string
	// exact is the phrase as written when its letter case matters (an
	// abbreviation or a brand: VM, IaaS); "" when any case matches.
	exact string
	// link is false for a phrase that is known but never linked: a
	// one-word name of a term that does not opt in, or a never phrase.
	link bool
}

// candidate is a phrase as match tries it: lowercased, and as written
// when its letter case matters (entry.exact).
type candidate struct{ name, exact string }

// Index resolves names to terms. Build it once per knowledge base with
// FromKB or NewIndex; it is safe for concurrent use.
type Index struct {
	// refs maps a lowercased id, name or alias to its term: how a term
	// shortcode resolves its argument.
	refs map[string]string
	ids  map[string]bool
	// names maps a lowercased prose phrase to what it stands for. To try
	// a position in the text against a handful of phrases, not all of
	// them, byLead holds them by their lead (their first two words and
	// what joins them, as "cloud edge", or the first word alone for a
	// one-word phrase), longest first; byFirst holds, by first rune, the
	// rare phrases that do not start with a word. Each candidate carries
	// what matching it needs, so trying one costs no look-up in names.
	names   map[string]entry
	byLead  map[string][]candidate
	byFirst map[rune][]candidate
	// starts holds the first word of every phrase: most words of a page
	// start none, and are passed over after one look-up; prefixes, a bit
	// per first three letters (prefixKey), passes most of them over
	// before even that.
	starts   map[string]bool
	prefixes [(prefixKeys + 63) / 64]uint64
	linkable bool // some phrase can be linked
	// readerOnly turns the context rules off (corroboration of short
	// abbreviations and one-word names), for tests of the reader alone.
	readerOnly bool
}

// FromKB indexes the terms of a knowledge base.
func FromKB(kb *kbdata.KB) *Index {
	ids := make([]string, 0, len(kb.Terms))
	for id := range kb.Terms {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	terms := make([]Term, 0, len(ids))
	for _, id := range ids {
		t := kb.Terms[id]
		mt := Term{ID: id, Name: t.Name, Aliases: t.Aliases}
		if m := t.Mentions; m != nil {
			mt.Auto, mt.Phrases, mt.Never = m.Auto, m.Phrases, m.Never
		}
		terms = append(terms, mt)
	}
	return NewIndex(terms)
}

// NewIndex indexes terms. As in `kb check`, ids are taken first, then
// names, then aliases, then phrases, each in the order given: a name or
// alias that another term already has belongs to that term (check
// reports the clash). A name that has no letter or digit, or holds a
// control character or one of "'\{}<>%`()[]&; is never matched in prose:
// a shortcode could not carry it as its text, or would change the
// Markdown around it.
func NewIndex(terms []Term) *Index {
	ix := &Index{
		refs:    map[string]string{},
		ids:     map[string]bool{},
		names:   map[string]entry{},
		byLead:  map[string][]candidate{},
		byFirst: map[rune][]candidate{},
		starts:  map[string]bool{},
	}
	for _, t := range terms {
		ix.ids[t.ID] = true
		if _, ok := ix.refs[strings.ToLower(t.ID)]; !ok {
			ix.refs[strings.ToLower(t.ID)] = t.ID
		}
	}
	addRef := func(id, name string) {
		key := strings.ToLower(strings.TrimSpace(name))
		if other, ok := ix.refs[key]; key == "" || ok && other != id {
			return
		}
		ix.refs[key] = id
	}
	for _, t := range terms {
		addRef(t.ID, t.Name)
	}
	for _, t := range terms {
		for _, a := range t.Aliases {
			addRef(t.ID, a)
		}
	}
	for _, t := range terms {
		for _, n := range ProseNames(t.Name, t.Aliases, t.Phrases) {
			ix.addPhrase(t.ID, n, t.Auto)
		}
	}
	for _, t := range terms {
		for _, n := range t.Never {
			ix.addPhrase(t.ID, n, nil)
			if e, ok := ix.names[strings.ToLower(strings.TrimSpace(n))]; ok && e.id == t.ID {
				e.link = false
				ix.names[strings.ToLower(strings.TrimSpace(n))] = e
			}
		}
	}
	for name, e := range ix.names {
		ix.linkable = ix.linkable || e.link
		one, two := lead(name)
		if one != "" {
			ix.starts[string(stem([]byte(one)))] = true
			// A word of the text may be the plural of the phrase's first.
			for _, form := range []string{one, one + "s", one + "es", strings.TrimSuffix(one, "y") + "ies"} {
				if k, ok := prefixKey([]byte(form)); ok {
					ix.prefixes[k/64] |= 1 << (k % 64)
				}
			}
		}
		if two != "" {
			w1, w2 := two[:len(one)], two[len(one):]
			_, size := utf8.DecodeRuneInString(w2)
			key := string(stem([]byte(w1))) + w2[:size] + string(stem([]byte(w2[size:])))
			ix.byLead[key] = append(ix.byLead[key], candidate{name, e.exact})
		} else if one != "" {
			key := string(stem([]byte(one)))
			ix.byLead[key] = append(ix.byLead[key], candidate{name, e.exact})
		} else {
			r, _ := utf8.DecodeRuneInString(name)
			ix.byFirst[r] = append(ix.byFirst[r], candidate{name, e.exact})
		}
	}
	longestFirst := func(names []candidate) {
		sort.Slice(names, func(i, j int) bool {
			if len(names[i].name) != len(names[j].name) {
				return len(names[i].name) > len(names[j].name)
			}
			return names[i].name < names[j].name
		})
	}
	for _, names := range ix.byLead {
		longestFirst(names)
	}
	for _, names := range ix.byFirst {
		longestFirst(names)
	}
	return ix
}

// addPhrase indexes one prose phrase of term id; the first term to claim a
// phrase keeps it.
func (ix *Index) addPhrase(id, phrase string, auto *bool) {
	phrase = strings.TrimSpace(phrase)
	key := strings.ToLower(phrase)
	if !proseName(key) {
		return
	}
	if _, taken := ix.names[key]; taken {
		return
	}
	if other, ok := ix.refs[key]; ok && other != id {
		return // another term's id, name or alias
	}
	e := entry{id: id, link: true}
	if caseMatters(phrase) {
		e.exact = phrase
	}
	switch {
	case auto != nil && !*auto:
		e.link = false
	case auto == nil && e.exact == "" && oneWord(key):
		e.link = false // an ordinary word: "service", "host"
	}
	ix.names[key] = e
}

// ProseNames returns the phrases that name a term in prose: its name,
// aliases and phrases, with "Long form (ABBR)" split into "Long form" and
// "ABBR" (the whole is no prose name: a shortcode's text cannot hold the
// parentheses).
func ProseNames(name string, aliases, phrases []string) []string {
	var out []string
	for _, lists := range [][]string{{name}, aliases, phrases} {
		for _, n := range lists {
			if long, abbr, ok := splitAbbreviation(n); ok {
				out = append(out, long, abbr)
				continue
			}
			out = append(out, n)
		}
	}
	return out
}

// splitAbbreviation splits "Long form (ABBR)".
func splitAbbreviation(s string) (long, abbr string, ok bool) {
	s = strings.TrimSpace(s)
	open := strings.LastIndexByte(s, '(')
	if open <= 0 || !strings.HasSuffix(s, ")") {
		return "", "", false
	}
	long, abbr = strings.TrimSpace(s[:open]), strings.TrimSpace(s[open+1:len(s)-1])
	if long == "" || abbr == "" || strings.ContainsAny(abbr, " ()") || !caseMatters(abbr) && strings.ToUpper(abbr) != abbr {
		return "", "", false
	}
	return long, abbr, true
}

// caseMatters reports whether a phrase is an abbreviation or a brand: a
// capital letter stands inside a word (VM, IaaS, macOS), not only at the
// start of one (Infrastructure as a Service).
func caseMatters(s string) bool {
	inWord := false
	for _, r := range s {
		if inWord && unicode.IsUpper(r) {
			return true
		}
		inWord = isWord(r)
	}
	return false
}

// oneWord reports whether a lowercased phrase is a single word.
func oneWord(s string) bool { return wordEnd(s, 0) == len(s) }

// lead returns the first word of a lowercased text, and its first two
// words with the one rune that joins them ("" if there is no second word).
func lead(text string) (one, two string) {
	end := wordEnd(text, 0)
	if end == 0 {
		return "", ""
	}
	if end == len(text) {
		return text, ""
	}
	_, size := utf8.DecodeRuneInString(text[end:])
	second := wordEnd(text, end+size)
	if second == end+size {
		return text[:end], ""
	}
	return text[:end], text[:second]
}

// wordEnd returns the end of the run of word runes starting at i.
func wordEnd(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			break
		}
		i += size
	}
	return i
}

// unsafeInName are the characters a prose name may not hold: those a
// shortcode's text cannot carry, and those that pair up in Markdown
// (brackets, parentheses, quotes, entities), which a shortcode in their
// place would unpair.
const unsafeInName = "\"'\\{}<>%`()[]&;"

// proseName reports whether a lowercased name can be matched in prose
// and written back as a shortcode's text.
func proseName(name string) bool {
	word := false
	for _, r := range name {
		switch {
		case r == utf8.RuneError, !unicode.IsPrint(r) && r != ' ', strings.ContainsRune(unsafeInName, r):
			return false
		case isWord(r):
			word = true
		}
	}
	return word
}

// Lookup returns the term a lowercased prose phrase names, and whether
// kb fix would link it.
func (ix *Index) Lookup(name string) (id string, link bool, ok bool) {
	e, ok := ix.names[name]
	return e.id, e.link, ok
}

// Resolve returns the term that a term shortcode's argument names: an id,
// a name or an alias, in any letter case.
func (ix *Index) Resolve(ref string) (string, bool) {
	id, ok := ix.refs[strings.ToLower(strings.TrimSpace(ref))]
	return id, ok
}

// Linked returns the ids of the terms the page links: with a term
// shortcode (by id, name or alias, in any letter case) or with a Markdown
// link to /glossary/<id>/.
func (ix *Index) Linked(src []byte) map[string]bool {
	return ix.linked(xref.Refs(markdown.Parse(src)))
}

// linked is Linked given the page's references.
func (ix *Index) linked(refs []xref.Ref) map[string]bool {
	linked := map[string]bool{}
	for _, r := range refs {
		switch {
		case r.Kind != xref.Term:
		case r.Link || r.Stack:
			if ix.ids[r.ID] {
				linked[r.ID] = true
			}
		default:
			if id, ok := ix.Resolve(r.ID); ok {
				linked[id] = true
			}
		}
	}
	return linked
}

// Unlinked returns, for each term that the page names in prose but never
// links, its first mention, in order of position. Each mention is a place
// to link the term, and a reason to suggest that the page does.
func (ix *Index) Unlinked(src []byte) []Mention {
	d := markdown.Parse(src)
	return ix.UnlinkedIn(d, xref.Refs(d))
}

// UnlinkedIn is Unlinked for a caller that has already read the page and
// its references, as kb check has.
func (ix *Index) UnlinkedIn(d *markdown.Doc, refs []xref.Ref) []Mention {
	if !ix.linkable {
		return nil
	}
	for _, c := range d.Calls {
		if c.Err != "" {
			// Hugo cannot read this text (kb check reports where): what
			// follows the broken call is read on a guess, and a link added
			// there could land anywhere.
			return nil
		}
	}
	src := d.Src
	linked := ix.linked(refs)
	// Telling prose from markup is the costly part; most pages name only
	// terms they link, and need none of it.
	if !ix.namesUnlinked(src, linked) {
		return nil
	}
	skip := notProse(d)
	calls := callTexts(d)
	// The front matter is no paragraph: the context rules start after it.
	body := 0
	for _, it := range d.Items {
		if it.Kind == markdown.FrontMatter {
			body = it.End
		}
	}
	var lower []byte // the page in lower case, made once when a rule needs it
	found := map[string]bool{}
	var out []Mention
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		n, name := 0, ""
		if !skip[i] && boundaryBefore(src, i) {
			n, name = ix.match(src, skip, i, unicode.ToLower(r))
		}
		if n == 0 {
			i += size
			continue
		}
		e := ix.names[name]
		if e.link && !linked[e.id] && !found[e.id] && !inOtherName(src, calls, i, i+n) && (d.Fragment || !opensPage(src, i)) &&
			(ix.readerOnly || ix.inContext(src, body, &lower, e, name, i, i+n)) {
			found[e.id] = true
			out = append(out, Mention{ID: e.id, Offset: i, End: i + n, Text: string(src[i : i+n])})
		}
		i += n
	}
	return out
}

// inContext applies the rules that look beyond the phrase: a short
// abbreviation needs the page to name its term otherwise too, and must not
// be spelt out as something else; a one-word name needs another term
// named by more than an ordinary word in its paragraph.
func (ix *Index) inContext(src []byte, body int, lower *[]byte, e entry, name string, start, end int) bool {
	if shortAbbreviation(e.exact) && *lower == nil {
		*lower = bytes.ToLower(src)
	}
	if shortAbbreviation(e.exact) && (!ix.corroborated(*lower, e.id, name) || redefined(src, end)) {
		return false
	}
	return e.exact != "" || !oneWord(name) || ix.inTechnicalParagraph(src, body, e.id, start)
}

// inTechnicalParagraph reports whether the paragraph around i also names
// another term by a phrase of two or more words or an abbreviation. A
// one-word name is an ordinary word too ("shipping containers", "a flex
// container"); beside other terms of the glossary it is more likely the
// term. The paragraph starts at body at the earliest: the front matter
// is not part of it.
func (ix *Index) inTechnicalParagraph(src []byte, body int, id string, i int) bool {
	start := max(body, bytes.LastIndex(src[:i], []byte("\n\n"))+1)
	end := len(src)
	if k := bytes.Index(src[i:], []byte("\n\n")); k >= 0 {
		end = i + k
	}
	for j := start; j < end; {
		r, size := utf8.DecodeRune(src[j:])
		if isWord(r) && boundaryBefore(src, j) {
			if n, name := ix.match(src[:end], nil, j, unicode.ToLower(r)); n > 0 {
				if e := ix.names[name]; e.id != id && (e.exact != "" || !oneWord(name)) {
					return true
				}
				j += n
				continue
			}
		}
		j += size
	}
	return false
}

// shortAbbreviation reports whether a case-sensitive phrase is a short
// abbreviation (CD, EDA, VM): short enough to stand for other things too.
func shortAbbreviation(exact string) bool {
	return exact != "" && len(exact) <= 4 && oneWord(strings.ToLower(exact))
}

// corroborated reports whether the page also names the term otherwise
// than by the phrase found (its long form, another alias), anywhere: a
// short abbreviation is taken in the term's sense only on a page that
// speaks of the term. "CD" on a page that never says "continuous
// deployment" is more likely a disc.
func (ix *Index) corroborated(lower []byte, id, phrase string) bool {
	for name, e := range ix.names {
		if e.id == id && name != phrase && e.exact == "" && bytes.Contains(lower, []byte(name)) {
			return true
		}
	}
	return false
}

// redefined reports whether an abbreviation ending at i is spelt out as
// something else right after it: "BaaS stands for banking as a service".
var redefinition = regexp.MustCompile(`^,? (stands|standing) for |^,? (is|was) short for |^ means `)

func redefined(src []byte, i int) bool {
	return redefinition.Match(src[i:min(len(src), i+32)])
}

// opensPage reports whether only blanks stand before i: a shortcode
// there would open a page, where Hugo reads "{" as JSON front matter.
func opensPage(src []byte, i int) bool {
	return len(bytes.TrimLeft(bytes.TrimPrefix(src[:i], []byte("\ufeff")), " \t\r\n")) == 0
}

// namesUnlinked reports whether src holds, anywhere, prose or not, a
// linkable phrase of a term that it does not link: only then can there be
// a mention.
func (ix *Index) namesUnlinked(src []byte, linked map[string]bool) bool {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		word := isWord(r)
		if (word || len(ix.byFirst) > 0) && boundaryBefore(src, i) {
			if n, name := ix.match(src, nil, i, unicode.ToLower(r)); n > 0 {
				if e := ix.names[name]; e.link && !linked[e.id] {
					return true
				}
			}
		}
		if !word {
			i += size
			continue
		}
		// No name starts inside a word: go on at its end.
		for i < len(src) {
			if c := src[i]; c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRune(src[i:])
			if !isWord(r) {
				break
			}
			i += size
		}
	}
	return false
}

// match returns the longest phrase that starts at i (whose first rune,
// lowercased, is first) and ends at a word boundary with all its bytes in
// prose (or anywhere, when skip is nil), and its length in src; 0 if there
// is none.
func (ix *Index) match(src []byte, skip []bool, i int, first rune) (int, string) {
	if !isWord(first) {
		return ix.longest(src, skip, i, ix.byFirst[first])
	}
	if k, ok := prefixKey(src[i:]); ok && ix.prefixes[k/64]&(1<<(k%64)) == 0 {
		return 0, "" // no phrase starts with these letters
	}
	// The text's first word at i, lowercased, by its stem: "machines"
	// finds the phrases that start with "machine".
	var buf [96]byte
	w, k := appendWord(buf[:0], src, i)
	w = stem(w)
	if !ix.starts[string(w)] {
		return 0, ""
	}
	// Phrases of two or more words are indexed by their first two and the
	// rune that joins them; they are longer than any one-word phrase here.
	one := len(w)
	if k < len(src) {
		r, size := utf8.DecodeRune(src[k:])
		if next, _ := utf8.DecodeRune(src[min(k+size, len(src)):]); !isWord(r) && k+size < len(src) && isWord(next) {
			w = utf8.AppendRune(w, unicode.ToLower(r))
			at := len(w)
			w, _ = appendWord(w, src, k+size)
			w = append(w[:at], stem(w[at:])...)
			if n, name := ix.longest(src, skip, i, ix.byLead[string(w)]); n > 0 {
				return n, name
			}
		}
	}
	return ix.longest(src, skip, i, ix.byLead[string(w[:one])])
}

// stem strips what an English plural adds to a lowercased word, and what
// a singular ends with where the plural differs ("machine", "machines";
// "dependency", "dependencies"): a word and its plural share a stem. It is
// only a key to look phrases up by; foldPlural decides what matches.
func stem(w []byte) []byte {
	w = bytes.TrimSuffix(w, []byte("s"))
	w = bytes.TrimSuffix(w, []byte("e"))
	w = bytes.TrimSuffix(w, []byte("i"))
	return bytes.TrimSuffix(w, []byte("y"))
}

// prefixKeys is the number of prefix keys: three places of 37 codes.
const prefixKeys = 37 * 37 * 37

// prefixKey numbers the first three bytes of the word at the start of b,
// lowercased: a letter or digit is itself, and the word's end (or a
// shorter word's padding) is code 36. It reports false for a non-ASCII
// byte, whose lowercase form it does not compute.
func prefixKey(b []byte) (int, bool) {
	k, ended := 0, false
	for j := 0; j < 3; j++ {
		code := 36
		if !ended && j < len(b) {
			c := b[j]
			switch {
			case c >= utf8.RuneSelf:
				return 0, false
			case c >= 'a' && c <= 'z':
				code = int(c - 'a')
			case c >= 'A' && c <= 'Z':
				code = int(c - 'A')
			case c >= '0' && c <= '9':
				code = 26 + int(c-'0')
			}
		}
		if code == 36 {
			ended = true
		}
		k = k*37 + code
	}
	return k, true
}

// appendWord appends the run of word runes at src[i:], lowercased, to w,
// and returns it with the offset just past the run.
func appendWord(w, src []byte, i int) ([]byte, int) {
	for i < len(src) {
		if c := src[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			w = append(w, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if !isWord(r) {
			break
		}
		w = utf8.AppendRune(w, unicode.ToLower(r))
		i += size
	}
	return w, i
}

// longest returns the first of candidates (longest first) that starts at
// i, ends at a word boundary and lies in prose (anywhere, when skip is
// nil), with its length in src; 0 if none does.
func (ix *Index) longest(src []byte, skip []bool, i int, candidates []candidate) (int, string) {
	for _, c := range candidates {
		name := c.name
		n := foldPlural(src[i:], name, c.exact)
		if n <= 0 {
			continue
		}
		// A nil skip means every byte counts, prose or not.
		if skip == nil || !slices.Contains(skip[i:i+n], true) {
			return n, name
		}
	}
	return 0, ""
}

// foldPlural returns the length of the prefix of b that is name, or its
// plural (-s, -es, -y to -ies), ending at a word boundary; -1 if there is
// none. When exact is set, the letter case must be exact's, and a plural
// ends in a lowercase "s".
func foldPlural(b []byte, name, exact string) int {
	n := -1
	if exact != "" {
		if bytes.HasPrefix(b, []byte(exact)) {
			n = len(exact)
		}
	} else {
		n = foldPrefix(b, name)
	}
	if n > 0 {
		if boundaryAfter(b, n) {
			return n
		}
		for _, suffix := range []string{"s", "es"} {
			if k := n + len(suffix); hasSuffixAt(b, n, suffix, exact != "") && boundaryAfter(b, k) {
				return k
			}
		}
		return -1
	}
	if exact == "" && strings.HasSuffix(name, "y") && len(name) > 1 {
		if n = foldPrefix(b, name[:len(name)-1]); n > 0 && hasSuffixAt(b, n, "ies", false) && boundaryAfter(b, n+3) {
			return n + 3
		}
	}
	return -1
}

// hasSuffixAt reports whether b holds suffix at i, in lowercase, or in any
// case unless lower is set.
func hasSuffixAt(b []byte, i int, suffix string, lower bool) bool {
	if len(b)-i < len(suffix) {
		return false
	}
	if lower {
		return string(b[i:i+len(suffix)]) == suffix
	}
	return strings.EqualFold(string(b[i:i+len(suffix)]), suffix)
}

// foldPrefix returns the length of the prefix of b that, lowercased as
// strings.ToLower does, equals name; -1 if there is none.
func foldPrefix(b []byte, name string) int {
	k := 0
	for j := 0; j < len(name); {
		if k >= len(b) {
			return -1
		}
		if c := b[k]; c < utf8.RuneSelf && name[j] < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != name[j] {
				return -1
			}
			j++
			k++
			continue
		}
		r, size := utf8.DecodeRune(b[k:])
		var buf [utf8.UTFMax]byte
		enc := buf[:utf8.EncodeRune(buf[:], unicode.ToLower(r))]
		if !strings.HasPrefix(name[j:], string(enc)) {
			return -1
		}
		j += len(enc)
		k += size
	}
	return k
}

// isWord reports whether r is part of a word: a letter, a digit or a
// combining mark.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// asciiWord tells the ASCII letters and digits, the word bytes of most
// text, without a call: the loops over every byte of a page use it.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// isJoiner reports whether r joins the words on either side of it into
// one: snake_case, file.md, user@host, self-service, CI/CD.
func isJoiner(r rune) bool { return r == '_' || r == '.' || r == '@' || r == '-' || r == '/' }

// wordish reports whether r keeps a word from ending next to it: a part
// of a word, or a brace. A name in braces, {name}, is a placeholder; and
// a name right next to a term shortcode ("{{< term … >}}s") is the end
// or start of a longer word, as it was before the shortcode was written.
func wordish(r rune) bool { return isWord(r) || r == '{' || r == '}' }

// boundaryBefore reports whether a word may start at i: the rune before
// it is not wordish, nor a joiner with a wordish rune before it.
func boundaryBefore(src []byte, i int) bool {
	if i == 0 {
		return true
	}
	r, size := utf8.DecodeLastRune(src[:i])
	if wordish(r) {
		return false
	}
	if isJoiner(r) && i-size > 0 {
		prev, _ := utf8.DecodeLastRune(src[:i-size])
		return !wordish(prev)
	}
	return true
}

// boundaryAfter reports whether a word may end at i: as boundaryBefore,
// looking forward.
func boundaryAfter(src []byte, i int) bool {
	if i >= len(src) {
		return true
	}
	r, size := utf8.DecodeRune(src[i:])
	if wordish(r) {
		return false
	}
	if isJoiner(r) && i+size < len(src) {
		next, _ := utf8.DecodeRune(src[i+size:])
		return !wordish(next)
	}
	return true
}
