package mention

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cloudkb/kb/tools/internal/markdown"
)

// notProse returns, for each byte of the page, whether a mention may not
// start or lie there: every item of the Markdown reader but list items,
// then reference lists and text in quotation marks.
func notProse(d *markdown.Doc) []bool {
	skip := d.Mask(markdown.FrontMatter, markdown.Shortcode, markdown.ShortcodeContent,
		markdown.CodeBlock, markdown.CodeSpan, markdown.Heading, markdown.HTMLBlock,
		markdown.HTMLTag, markdown.HTMLComment, markdown.HTMLContent, markdown.Link,
		markdown.Bracket, markdown.RefDefinition, markdown.Autolink, markdown.Entity,
		markdown.BareURL, markdown.BlockQuote)
	referenceSections(d, skip)
	citingItems(d, skip)
	quotations(d.Src, skip)
	return skip
}

func mark(skip []bool, from, to int) {
	for i := from; i < to && i < len(skip); i++ {
		skip[i] = true
	}
}

// referenceHeading matches the headings of sections that list sources
// rather than explain: their entries name products and authors.
var referenceHeading = regexp.MustCompile(`(?i)^\W*(references?|sources?|bibliography|citations?|works cited|further reading|reading list|see also|external links|links|resources|learn more|more information|related (reading|resources|links))\W*$`)

// referenceSections marks the sections under a reference heading, up to
// the next heading of the same or a higher level.
func referenceSections(d *markdown.Doc, skip []bool) {
	for i, h := range d.Headings {
		if !referenceHeading.MatchString(string(d.Src[h.TextStart:h.TextEnd])) {
			continue
		}
		end := len(d.Src)
		for _, next := range d.Headings[i+1:] {
			if next.Level <= h.Level {
				end = next.Start
				break
			}
		}
		mark(skip, h.End, end)
	}
}

// citingItems marks the list items that cite an outside address: a bare
// URL, an autolink or a link to another site. Such an item is an entry of
// a reference list, headed or not.
func citingItems(d *markdown.Doc, skip []bool) {
	var items []markdown.Item
	for _, it := range d.Items {
		if it.Kind == markdown.ListItem {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return
	}
	cites := func(start, end int) bool {
		for _, it := range d.Items {
			if it.Start >= end {
				break
			}
			if it.Start >= start && (it.Kind == markdown.BareURL || it.Kind == markdown.Autolink) {
				return true
			}
		}
		for _, l := range d.Links {
			if l.Start >= start && l.End <= end && outside(string(d.Src[l.Start:l.End])) {
				return true
			}
		}
		return false
	}
	for _, it := range items {
		if cites(it.Start, it.End) {
			mark(skip, it.Start, it.End)
		}
	}
}

func outside(dest string) bool {
	return strings.HasPrefix(dest, "http://") || strings.HasPrefix(dest, "https://") || strings.HasPrefix(dest, "//")
}

// quotations marks text in quotation marks, "…" or “…”, within a line's
// paragraph: a quotation is somebody's words, not a place to link.
func quotations(src []byte, skip []bool) {
	open := -1
	var closer rune
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == '\n' && i+1 < len(src) && src[i+1] == '\n':
			open = -1 // a paragraph ends: an unpaired mark pairs with nothing
		case skip[i]:
		case open < 0 && (r == '“' || r == '"' && opensQuote(src, i)):
			open, closer = i, r
			if r == '“' {
				closer = '”'
			}
		case open >= 0 && r == closer:
			mark(skip, open, i+size)
			open = -1
		}
		i += size
	}
}

// opensQuote reports whether the straight quote at i opens a quotation: it
// follows a space, a line start or opening punctuation, and a word
// follows it.
func opensQuote(src []byte, i int) bool {
	if i > 0 {
		prev, _ := utf8.DecodeLastRune(src[:i])
		if !unicode.IsSpace(prev) && !strings.ContainsRune("([{—–-:", prev) {
			return false
		}
	}
	next, _ := utf8.DecodeRune(src[min(i+1, len(src)):])
	return i+1 < len(src) && !unicode.IsSpace(next)
}

// inOtherName reports whether the mention [start, end) is part of a
// longer proper name: a capitalised word stands right before it in the
// middle of a sentence ("WebAssembly virtual machine", "Google Kubernetes
// Engine"), or, for a capitalised mention, right after it ("The
// Kubernetes Authors", "Virtual Machine Scale Sets"). A shortcode call
// next to it counts as the text it shows, so that linking one name does
// not change the verdict on its neighbour: kb fix stays idempotent.
func inOtherName(src []byte, calls shownTexts, start, end int) bool {
	if word, ws := neighbourBefore(src, calls, start); word != "" && capitalised([]byte(word)) && !sentenceStart(src, ws) {
		return true
	}
	first, _ := utf8.DecodeRune(src[start:])
	if !unicode.IsUpper(first) {
		return false
	}
	word := neighbourAfter(src, calls, end)
	return word != "" && capitalised([]byte(word))
}

// shownTexts maps the shortcode calls that show a text of their own (the
// term shortcode's second parameter) by where they end and where they
// start, to that text.
type shownTexts struct{ byEnd, byStart map[int]string }

// neighbourBefore returns the word that ends one space before i, and
// where it starts. When a shortcode call ends there, the word is the
// last word of the text it shows.
func neighbourBefore(src []byte, calls shownTexts, i int) (string, int) {
	if i >= 2 && src[i-1] == ' ' {
		if text, ok := calls.byEnd[i-1]; ok {
			j := len(text)
			for j > 0 {
				r, size := utf8.DecodeLastRuneInString(text[:j])
				if !isWord(r) {
					break
				}
				j -= size
			}
			return text[j:], i - 1
		}
	}
	ws, we := wordBefore(src, i)
	return string(src[ws:we]), ws
}

// neighbourAfter returns the word that starts one space after i: when a
// shortcode call starts there, the first word of the text it shows.
func neighbourAfter(src []byte, calls shownTexts, i int) string {
	if i+1 < len(src) && src[i] == ' ' {
		if text, ok := calls.byStart[i+1]; ok {
			j := 0
			for j < len(text) {
				r, size := utf8.DecodeRuneInString(text[j:])
				if !isWord(r) {
					break
				}
				j += size
			}
			return text[:j]
		}
	}
	ws, we := wordAfter(src, i)
	return string(src[ws:we])
}

// callTexts finds the shortcode calls with a positional text (their
// second parameter, as the term shortcode takes it).
func callTexts(d *markdown.Doc) shownTexts {
	m := shownTexts{map[int]string{}, map[int]string{}}
	for _, c := range d.Calls {
		if len(c.Args) > 1 && c.Args[1].Key == "" && !c.Closing && !c.Commented {
			text := string(d.Src[c.Args[1].Start:c.Args[1].End])
			m.byEnd[c.End], m.byStart[c.Start] = text, text
		}
	}
	return m
}

// wordBefore returns the word that ends one space before i, or an empty
// range.
func wordBefore(src []byte, i int) (int, int) {
	if i < 2 || src[i-1] != ' ' {
		return i, i
	}
	we := i - 1
	ws := we
	for ws > 0 {
		r, size := utf8.DecodeLastRune(src[:ws])
		if !isWord(r) {
			break
		}
		ws -= size
	}
	return ws, we
}

// wordAfter returns the word that starts one space after i, or an empty
// range.
func wordAfter(src []byte, i int) (int, int) {
	if i+1 >= len(src) || src[i] != ' ' {
		return i, i
	}
	ws := i + 1
	return ws, ws + wordEnd(string(src[ws:min(len(src), ws+64)]), 0)
}

func capitalised(w []byte) bool {
	r, _ := utf8.DecodeRune(w)
	return unicode.IsUpper(r)
}

// sentenceStart reports whether a word at i starts a sentence, a line or
// a list item: only blanks, markers or opening punctuation stand between
// it and a line start or the end of the last sentence.
func sentenceStart(src []byte, i int) bool {
	for i > 0 {
		r, size := utf8.DecodeLastRune(src[:i])
		switch {
		case r == '\n':
			return true
		case r == '.' || r == '!' || r == '?' || r == ':' || r == '|':
			return true
		case unicode.IsSpace(r) || strings.ContainsRune("*_([\"“'‘>#-+", r) || unicode.IsDigit(r):
			i -= size
		default:
			return false
		}
	}
	return true
}
