package markdown

import (
	"bytes"
	"strings"
)

// inline reads the inline markup of one paragraph or heading: code spans,
// autolinks, HTML tags and comments (and the content of inline elements),
// entities, links and images, bracketed text, and bare URLs.
func (p *parser) inline(s span) {
	src, m := p.src, p.opaque
	type tag struct {
		name       string
		start, end int
		closing    bool
		matched    bool
	}
	var tags []tag
	lastGT := s.start - 1
	for e := s.end; ; {
		k := bytes.LastIndexByte(src[s.start:e], '>')
		if k < 0 {
			break
		}
		if k += s.start; !m[k] {
			lastGT = k
			break
		}
		e = k
	}
	if bytes.Contains(src[s.start:s.end], []byte("<!--")) {
		lastGT = len(src) // a comment may end after the paragraph
	}
	for i := s.start; i < s.end; {
		// Most bytes start nothing: one look-up passes them over.
		if !startsInline[src[i]] || m[i] {
			i++
			continue
		}
		switch src[i] {
		case '\\':
			i += 2
		case '`':
			n := runLen(src[i:s.end], '`')
			if end := p.codeSpanEnd(i+n, s.end, n); end > 0 {
				p.add(CodeSpan, i, end, true)
				i = end
			} else {
				i += n
			}
		case '<':
			if i > lastGT {
				i++ // no tag or autolink ends in the rest of the paragraph
				continue
			}
			end, name, closing, kind := angle(src, m, i, s.end)
			if end < 0 {
				i++
				continue
			}
			p.add(kind, i, end, true)
			if name != "" {
				tags = append(tags, tag{name: name, start: i, end: end, closing: closing})
			}
			i = end
		case '&':
			if end := entity(src, i, s.end); end > 0 {
				p.add(Entity, i, end, true)
				i = end
			} else {
				i++
			}
		default:
			i++
		}
	}
	// The content of an inline element, <a href="…">text</a>.
	for j := range tags {
		if !tags[j].closing {
			continue
		}
		for o := j - 1; o >= 0; o-- {
			if !tags[o].closing && !tags[o].matched && tags[o].name == tags[j].name {
				tags[o].matched = true
				p.add(HTMLContent, tags[o].end, tags[j].start, true)
				break
			}
		}
	}
	p.brackets(s)
	p.bareURLs(s)
}

// startsInline marks the bytes inline's cases start at, and bracketByte
// those brackets reads: the loops pass every other byte over with one
// look-up.
var startsInline, bracketByte = byteSet("\\`<&"), byteSet("\\[]")

// urlByte classes the bytes bareURLs looks at: the blanks between words
// (blankByte), and "@" and ":", which an address or a URL holds
// (markByte).
var urlByte = func() (t [256]byte) {
	for _, c := range []byte(" \t\n\r") {
		t[c] = blankByte
	}
	t['@'], t[':'] = markByte, markByte
	return t
}()

const (
	blankByte = 1
	markByte  = 2
)

func byteSet(chars string) (t [256]bool) {
	for i := range len(chars) {
		t[chars[i]] = true
	}
	return t
}

// codeSpanEnd returns the end of the code span whose opening run of n
// backticks ends at i: just past the next run of exactly n backticks,
// or -1 if there is none in the paragraph.
func (p *parser) codeSpanEnd(i, end, n int) int {
	for i < end {
		if p.src[i] != '`' || p.opaque[i] {
			i++
			continue
		}
		k := runLen(p.src[i:end], '`')
		if k == n {
			return i + k
		}
		i += k
	}
	return -1
}

// angle reads what starts with "<" at i: an autolink, an HTML comment,
// processing instruction, declaration or CDATA section, or an HTML tag.
// It returns the end of it (-1 if it is none of these), its kind and, for
// a tag, its lowercase name and whether it closes an element. Bytes that m
// marks (shortcode calls; m may be nil) are invisible to it: what a tag's
// quotes and ">" pair with must not change when a shortcode is written
// into the text.
func angle(src []byte, m []bool, i, end int) (int, string, bool, Kind) {
	hidden := func(k int) bool { return m != nil && m[k] }
	rest := src[i:end]
	if bytes.HasPrefix(rest, []byte("<!--")) {
		// A comment the paragraph does not close still reads as one to
		// its author: it runs to the next "-->", or to the end.
		if k := bytes.Index(src[i+2:], []byte("-->")); k >= 0 {
			return i + 2 + k + 3, "", false, HTMLComment
		}
		return len(src), "", false, HTMLComment
	}
	for _, d := range [][2]string{{"<?", "?>"}, {"<![CDATA[", "]]>"}} {
		if bytes.HasPrefix(rest, []byte(d[0])) {
			if k := bytes.Index(rest[len(d[0]):], []byte(d[1])); k >= 0 {
				return i + len(d[0]) + k + len(d[1]), "", false, HTMLComment
			}
			return -1, "", false, 0
		}
	}
	// An autolink: <scheme:…> or <user@host>, on one line, no spaces.
	if k := bytes.IndexAny(rest[1:], " \t\r\n<>"); k > 0 && rest[1+k] == '>' && !anyMarked(m, i+1, i+1+k) {
		body := rest[1 : 1+k]
		if colon := bytes.IndexByte(body, ':'); colon >= 2 && isScheme(body[:colon]) || bytes.IndexByte(body, '@') >= 0 {
			return i + k + 2, "", false, Autolink
		}
	}
	if len(rest) > 2 && rest[1] == '!' && isASCIILetter(rest[2]) {
		if k := bytes.IndexByte(rest, '>'); k >= 0 {
			return i + k + 1, "", false, HTMLComment
		}
		return -1, "", false, 0
	}
	j := 1
	closing := j < len(rest) && rest[j] == '/'
	if closing {
		j++
	}
	if j >= len(rest) || !isASCIILetter(rest[j]) {
		return -1, "", false, 0
	}
	n := j
	for n < len(rest) && (isASCIILetter(rest[n]) || isDigit(rest[n]) || rest[n] == '-') {
		n++
	}
	name := strings.ToLower(string(rest[j:n]))
	// The tag ends at the first ">" outside a quoted attribute value.
	var prev byte
	for k := n; k < len(rest); k++ {
		if hidden(i + k) {
			continue
		}
		switch c := rest[k]; c {
		case '"', '\'':
			q := k + 1
			for q < len(rest) && (rest[q] != c || hidden(i+q)) {
				q++
			}
			if q == len(rest) {
				return -1, "", false, 0
			}
			k = q
		case '>':
			if prev == '/' || voidElements[name] {
				return i + k + 1, "", false, HTMLTag // nothing inside
			}
			return i + k + 1, name, closing, HTMLTag
		}
		prev = rest[k]
	}
	return -1, "", false, 0
}

// anyMarked reports whether m marks any byte in [from, to); m may be nil.
func anyMarked(m []bool, from, to int) bool {
	if m == nil {
		return false
	}
	for _, b := range m[from:to] {
		if b {
			return true
		}
	}
	return false
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

func isScheme(s []byte) bool {
	if len(s) < 2 || len(s) > 32 || !isASCIILetter(s[0]) {
		return false
	}
	for _, c := range s {
		if !isASCIILetter(c) && !isDigit(c) && c != '+' && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// entity returns the end of the character reference (&amp; &#38;
// &#x26;) at i, or -1.
func entity(src []byte, i, end int) int {
	j := i + 1
	limit := 32
	valid := func(c byte) bool { return isASCIILetter(c) || isDigit(c) }
	switch {
	case j+1 < end && src[j] == '#' && src[j+1]|0x20 == 'x':
		j, limit = j+2, 6
		valid = func(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }
	case j < end && src[j] == '#':
		j, limit = j+1, 7
		valid = isDigit
	}
	k := j
	for k < end && k-j < limit && valid(src[k]) {
		k++
	}
	if k == j || k >= end || src[k] != ';' {
		return -1
	}
	return k + 1
}

// brackets records every balanced [bracketed text] with the (destination
// "title") or [reference] that follows it: links, images, reference and
// footnote references. Bracketed text that is no link is a Bracket item:
// it is rare in prose and often a link whose definition lives elsewhere.
func (p *parser) brackets(s span) {
	src, m := p.src, p.opaque
	var open []int
	for i := s.start; i < s.end; i++ {
		if !bracketByte[src[i]] || m[i] {
			continue
		}
		switch src[i] {
		case '\\':
			i++
		case '[':
			open = append(open, i)
		case ']':
			o := i
			if len(open) > 0 {
				o = open[len(open)-1]
				open = open[:len(open)-1]
			}
			end := i + 1
			kind := Bracket
			if end < s.end && !m[end] {
				switch src[end] {
				case '(':
					// A destination, even after a stray "]".
					e := closeParen(src, m, end, s.end)
					if e < 0 {
						e = end
						for e < s.end && !isBlank(src[e]) {
							e++
						}
					}
					p.linkDest(end+1, e, o > 0 && src[o-1] == '!' && o < i)
					end, kind = e, Link
				case '[':
					for e := end + 1; e < s.end && o < i; e++ {
						if src[e] == ']' && !m[e] {
							end, kind = e+1, Link
							break
						}
					}
				}
			}
			if kind == Link && o > 0 && src[o-1] == '!' {
				o--
			}
			p.add(kind, o, end, true)
			i = end - 1
		}
	}
}

// linkDest records the destination in the parenthesised [from, to): after
// blanks and an optional "<", up to a blank, ">" or ")".
func (p *parser) linkDest(from, to int, image bool) {
	i := from
	for i < to && isBlank(p.src[i]) {
		i++
	}
	if i < to && p.src[i] == '<' {
		i++
	}
	j := i
	for j < to && !isBlank(p.src[j]) && p.src[j] != '>' && p.src[j] != ')' {
		if p.opaque[j] {
			break
		}
		j++
	}
	if j > i {
		p.doc.Links = append(p.doc.Links, LinkDest{Start: i, End: j, Image: image})
	}
}

// closeParen returns the end of the parenthesised link destination and
// title that start at i, or -1: parentheses nest, and a quoted title may
// hold any of them. Masked bytes (shortcode calls) count for nothing.
func closeParen(src []byte, m []bool, i, end int) int {
	depth := 0
	for j := i; j < end; j++ {
		if m[j] {
			continue
		}
		switch c := src[j]; c {
		case '\\':
			j++
		case '"', '\'':
			for k := j + 1; k < end; k++ {
				if src[k] == c && !m[k] {
					j = k
					break
				}
			}
		case '(':
			depth++
			if depth > 32 {
				return -1 // CommonMark's limit
			}
		case ')':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return -1
}

// bareURLs records every word that holds "://", starts with "www." or is
// an e-mail address (Hugo turns them into links), and every word that is
// a path: /docs/kernel/, ./kernel.md, ../kernel, ~/kernel.
func (p *parser) bareURLs(s span) {
	src := p.src
	for i := s.start; i < s.end; {
		if isBlank(src[i]) {
			i++
			continue
		}
		// One pass over the word finds its end and what maybeURL asks.
		j, marks := i, byte(0)
		for j < s.end && urlByte[src[j]] != blankByte {
			marks |= urlByte[src[j]]
			j++
		}
		if !maybeURL(src[i:j], marks != 0) {
			i = j
			continue
		}
		word := string(src[i:j])
		lead := strings.ToLower(strings.TrimLeft(word, openingPunct))
		if strings.Contains(word, "://") || strings.HasPrefix(lead, "www.") || isEmail(word) || isPath(lead) {
			p.add(BareURL, i, j, false)
		}
		i = j
	}
}

// openingPunct is what may stand before a URL or path in a word.
const openingPunct = `([{<*_~"']`

// isOpeningPunct tells the bytes of openingPunct without a search.
var isOpeningPunct = func() (t [256]bool) {
	for i := range len(openingPunct) {
		t[openingPunct[i]] = true
	}
	return t
}()

// maybeURL is a cheap test that rules out most words, without allocating,
// before the exact ones: a URL, address or path holds "://" or "@", or
// starts (after opening punctuation) with "/", ".", "~" or "www." in any
// case. marks says whether the word holds an "@" or a ":" at all.
func maybeURL(w []byte, marks bool) bool {
	k := 0
	for k < len(w) && isOpeningPunct[w[k]] {
		k++
	}
	if k < len(w) && (w[k] == '/' || w[k] == '.' || w[k] == '~') {
		return true
	}
	if r := w[k:]; len(r) >= 4 && r[0]|0x20 == 'w' && r[1]|0x20 == 'w' && r[2]|0x20 == 'w' && r[3] == '.' {
		return true
	}
	return marks && (bytes.IndexByte(w, '@') >= 0 || bytes.Contains(w, []byte("://")))
}

func isPath(word string) bool {
	for _, p := range []string{"/", "./", "../", "~/"} {
		if strings.HasPrefix(word, p) && len(word) > len(p) {
			return true
		}
	}
	return false
}

func isEmail(word string) bool {
	at := strings.IndexByte(word, '@')
	return at > 0 && strings.Contains(word[at+1:], ".")
}
