// Package mention finds glossary terms that a Markdown page names in its
// prose without linking them: the mentions `kb check` warns about and
// `kb fix` turns into term shortcodes.
//
// A mention is a term's name or one of its aliases, in any letter case,
// as whole words: the runes next to it are no letters, digits or marks
// (nor braces: {name} is a placeholder), and "_", "." or "@" between it
// and a word join the two (snake_case, kernel.md, user@host). A term's id
// is not a prose name. At each position the longest name wins.
//
// Text that is not prose is never searched: front matter, code blocks and
// code spans, headings, HTML (tags, comments, blocks, the content of
// inline elements), links, images and reference definitions, autolinks,
// bare URLs and paths, and shortcode calls with their arguments and the
// content of paired calls. Where Markdown's rules are costly to follow
// exactly, the finder takes the doubtful text for "not prose": a missed
// mention costs a link, a link written into code breaks the page.
//
// A term the page already links anywhere, with a term shortcode (by id,
// name or alias) or a Markdown link to /glossary/<id>/, is not reported:
// one link per page is enough. Linking a mention makes the page link the
// term, so a page whose mentions are all linked has none left.
package mention

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/mdref"
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
}

// Index resolves names to terms. Build it once per knowledge base with
// FromKB or NewIndex; it is safe for concurrent use.
type Index struct {
	// refs maps a lowercased id, name or alias to its term: how a term
	// shortcode resolves its argument.
	refs map[string]string
	ids  map[string]bool
	// names maps a lowercased name or alias to its term: what prose can
	// say. To try a position in the text against a handful of names, not
	// all of them, byLead holds the names by their lead (their first two
	// words and what joins them, as "cloud edge", or the first word alone
	// for a one-word name), longest first; byFirst holds, by first rune,
	// the rare names that do not start with a word.
	names   map[string]string
	byLead  map[string][]string
	byFirst map[rune][]string
	// starts holds the first word of every name: most words of a page
	// start none, and are passed over after one look-up; prefixes, a bit
	// per first three letters (prefixKey), passes most of them over
	// before even that.
	starts   map[string]bool
	prefixes [(prefixKeys + 63) / 64]uint64
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
		terms = append(terms, Term{ID: id, Name: t.Name, Aliases: t.Aliases})
	}
	return NewIndex(terms)
}

// NewIndex indexes terms. As in `kb check`, ids are taken first, then
// names, then aliases, each in the order given: a name or alias that
// another term already has belongs to that term (check reports the
// clash). A name that has no letter or digit, or holds a control
// character or one of "'\{}<>%`()[]&; is never matched in prose: a
// shortcode could not carry it as its text, or would change the
// Markdown around it.
func NewIndex(terms []Term) *Index {
	ix := &Index{
		refs:    map[string]string{},
		ids:     map[string]bool{},
		names:   map[string]string{},
		byLead:  map[string][]string{},
		byFirst: map[rune][]string{},
		starts:  map[string]bool{},
	}
	for _, t := range terms {
		ix.ids[t.ID] = true
		if _, ok := ix.refs[strings.ToLower(t.ID)]; !ok {
			ix.refs[strings.ToLower(t.ID)] = t.ID
		}
	}
	add := func(id, name string) {
		key := strings.ToLower(strings.TrimSpace(name))
		if key == "" {
			return
		}
		if other, ok := ix.refs[key]; ok && other != id {
			return
		}
		ix.refs[key] = id
		if proseName(key) {
			ix.names[key] = id
		}
	}
	for _, t := range terms {
		add(t.ID, t.Name)
	}
	for _, t := range terms {
		for _, a := range t.Aliases {
			add(t.ID, a)
		}
	}
	for name := range ix.names {
		one, two := lead(name)
		if one != "" {
			ix.starts[one] = true
			if k, ok := prefixKey([]byte(one)); ok {
				ix.prefixes[k/64] |= 1 << (k % 64)
			}
		}
		if two != "" {
			ix.byLead[two] = append(ix.byLead[two], name)
		} else if one != "" {
			ix.byLead[one] = append(ix.byLead[one], name)
		} else {
			r, _ := utf8.DecodeRuneInString(name)
			ix.byFirst[r] = append(ix.byFirst[r], name)
		}
	}
	longestFirst := func(names []string) {
		sort.Slice(names, func(i, j int) bool {
			if len(names[i]) != len(names[j]) {
				return len(names[i]) > len(names[j])
			}
			return names[i] < names[j]
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

// Lookup returns the term a lowercased name or alias names in prose.
func (ix *Index) Lookup(name string) (id string, ok bool) {
	id, ok = ix.names[name]
	return id, ok
}

// Linked returns the ids of the terms the page links: with a term
// shortcode (by id, name or alias, in any letter case) or with a Markdown
// link to /glossary/<id>/.
func (ix *Index) Linked(src []byte) map[string]bool { return ix.linked(mdref.Scan(src)) }

// linked is Linked given the page's references.
func (ix *Index) linked(refs []mdref.Ref) map[string]bool {
	linked := map[string]bool{}
	for _, r := range refs {
		switch {
		case r.Kind != mdref.Term:
		case r.Link:
			if ix.ids[r.ID] {
				linked[r.ID] = true
			}
		default:
			if id, ok := ix.refs[strings.ToLower(strings.TrimSpace(r.ID))]; ok {
				linked[id] = true
			}
		}
	}
	return linked
}

// Unlinked returns, for each term that the page names in prose but never
// links, its first mention, in order of position. At each position the
// longest name wins: "virtual machine" is one mention of a virtual
// machine, not a mention of a machine. Each mention is a place to link
// the term, and a reason to warn that the page does not.
func (ix *Index) Unlinked(src []byte) []Mention { return ix.UnlinkedRefs(src, mdref.Scan(src)) }

// UnlinkedRefs is Unlinked for a caller that has already scanned the page
// for its references (mdref.Scan), as kb check has.
func (ix *Index) UnlinkedRefs(src []byte, refs []mdref.Ref) []Mention {
	if len(ix.names) == 0 {
		return nil
	}
	linked := ix.linked(refs)
	// Telling prose from code, links and markup is the costly part; most
	// pages name only terms they link, and need none of it.
	if !ix.namesUnlinked(src, linked) {
		return nil
	}
	skip := mask(src)
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
		if id := ix.names[name]; !linked[id] && !found[id] {
			found[id] = true
			out = append(out, Mention{ID: id, Offset: i, End: i + n, Text: string(src[i : i+n])})
		}
		i += n
	}
	return out
}

// namesUnlinked reports whether src holds, anywhere, prose or not, a name
// of a term that it does not link: only then can there be a mention.
func (ix *Index) namesUnlinked(src []byte, linked map[string]bool) bool {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		word := isWord(r)
		if (word || len(ix.byFirst) > 0) && boundaryBefore(src, i) {
			if n, name := ix.match(src, nil, i, unicode.ToLower(r)); n > 0 && !linked[ix.names[name]] {
				return true
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

// match returns the longest name that starts at i (whose first rune,
// lowercased, is first) and ends at a word boundary with all its bytes in
// prose (or anywhere, when skip is nil), and its length in src; 0 if there
// is none.
func (ix *Index) match(src []byte, skip []bool, i int, first rune) (int, string) {
	if !isWord(first) {
		return ix.longest(src, skip, i, ix.byFirst[first])
	}
	if k, ok := prefixKey(src[i:]); ok && ix.prefixes[k/64]&(1<<(k%64)) == 0 {
		return 0, "" // no name starts with these letters
	}
	// The text's first word at i, lowercased as foldPrefix compares it.
	var buf [96]byte
	w, k := appendWord(buf[:0], src, i)
	if !ix.starts[string(w)] {
		return 0, ""
	}
	// Names of two or more words are indexed by their first two and the
	// rune that joins them; they are longer than any one-word name here.
	one := len(w)
	if k < len(src) {
		r, size := utf8.DecodeRune(src[k:])
		if next, _ := utf8.DecodeRune(src[min(k+size, len(src)):]); !isWord(r) && k+size < len(src) && isWord(next) {
			w, _ = appendWord(utf8.AppendRune(w, unicode.ToLower(r)), src, k+size)
			if n, name := ix.longest(src, skip, i, ix.byLead[string(w)]); n > 0 {
				return n, name
			}
		}
	}
	return ix.longest(src, skip, i, ix.byLead[string(w[:one])])
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
func (ix *Index) longest(src []byte, skip []bool, i int, candidates []string) (int, string) {
	for _, name := range candidates {
		n := foldPrefix(src[i:], name)
		if n <= 0 || !boundaryAfter(src, i+n) {
			continue
		}
		// A nil skip means every byte counts, prose or not.
		if skip == nil || !slices.Contains(skip[i:i+n], true) {
			return n, name
		}
	}
	return 0, ""
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
// one: snake_case, file.md, user@host.
func isJoiner(r rune) bool { return r == '_' || r == '.' || r == '@' }

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
