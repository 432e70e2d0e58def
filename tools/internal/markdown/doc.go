// Package markdown is kb's one reader of Markdown. It scans a page (or a
// Markdown field of a data file) once and returns typed items with byte
// positions: front matter, shortcode calls with their arguments, code,
// HTML, headings, links, block quotes, list items and the rest. Every
// consumer iterates those items: the references kb check validates and
// counts (package xref), the mentions kb fix links (package mention), and
// the cross-link graph the site renders as backlinks.
//
// It is not a full CommonMark parser. Where Markdown's exact rules are
// costly (list indentation, which HTML tags start a block) it errs
// towards "not prose": a mention that is not found costs a link, while a
// link written into code breaks the page. Shortcodes are read as Hugo reads
// them, before Markdown and everywhere, code blocks included.
package markdown

import "sort"

// Kind says what an item is.
type Kind uint8

const (
	FrontMatter      Kind = iota // YAML (---), TOML (+++) or JSON ({…}) at the top
	Shortcode                    // a call, {{< … >}} or {{% … %}}, arguments included
	ShortcodeContent             // what a paired call encloses, {{< x >}}here{{< /x >}}
	CodeBlock                    // a fenced or indented code block
	CodeSpan                     // `code`
	Heading                      // an ATX (# …) or setext heading, whole lines
	HTMLBlock                    // an HTML block, whole lines (comments included)
	HTMLTag                      // an inline tag, <span class="x">
	HTMLComment                  // an inline comment, processing instruction or declaration
	HTMLContent                  // what an inline element encloses, <a>here</a>
	Link                         // [text](destination "title"), ![image](…), [text][ref]
	Bracket                      // [bracketed text] that is not known to be a link
	RefDefinition                // [label]: destination "title", whole lines
	Autolink                     // <https://…>, <user@host>
	Entity                       // &amp; &#38; &#x26;
	BareURL                      // a word that is a URL, an e-mail address or a path
	BlockQuote                   // a line inside a block quote
	ListItem                     // a list item, from its marker to its last line
)

var kindNames = [...]string{"front-matter", "shortcode", "shortcode-content", "code-block", "code-span",
	"heading", "html-block", "html-tag", "html-comment", "html-content", "link", "bracket",
	"ref-definition", "autolink", "entity", "bare-url", "block-quote", "list-item"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Item is one region of the text, [Start, End) in bytes. Items may nest (a
// link inside a list item) and overlap (a paired shortcode's content).
type Item struct {
	Kind       Kind
	Start, End int
}

// LinkDest is the destination of a link or reference definition.
type LinkDest struct {
	Start, End int  // the destination as written, without <> or blanks
	Image      bool // an image, ![alt](src)
	Definition bool // a reference definition, [label]: dest
}

// Doc is a scanned text.
type Doc struct {
	Src      []byte
	Fragment bool // read by ParseFragment: no front matter

	Items []Item // ordered by Start, then by End (longest first)
	Calls []Call // every shortcode call, in order
	Links []LinkDest
	// Headings holds the heading items with their level (1–6), for
	// consumers that follow a page's sections.
	Headings []HeadingInfo
}

// HeadingInfo is one heading: its item, its level and its text's range.
type HeadingInfo struct {
	Start, End         int // whole lines
	Level              int
	TextStart, TextEnd int // the heading's text, without markers
}

// Parse scans a page: src may open with front matter. It never fails:
// what it cannot read as markup is prose.
func Parse(src []byte) *Doc { return parse(src, false) }

// ParseFragment scans Markdown that is no page and has no front matter,
// such as a term's definition: Hugo renders it as content, from its first
// byte.
func ParseFragment(src []byte) *Doc { return parse(src, true) }

func parse(src []byte, fragment bool) *Doc {
	p := &parser{src: src, opaque: make([]bool, len(src)), doc: &Doc{Src: src, Fragment: fragment}}
	from := 0
	if !fragment {
		from = p.frontMatter()
	}
	p.shortcodes(from)
	for _, s := range p.blocks(from) {
		p.inline(s)
	}
	sort.SliceStable(p.doc.Items, func(i, j int) bool {
		a, b := p.doc.Items[i], p.doc.Items[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End > b.End
	})
	sort.SliceStable(p.doc.Links, func(i, j int) bool { return p.doc.Links[i].Start < p.doc.Links[j].Start })
	return p.doc
}

// Mask returns, for each byte of the text, whether it lies in an item of
// one of the given kinds.
func (d *Doc) Mask(kinds ...Kind) []bool {
	var want [32]bool
	for _, k := range kinds {
		want[k] = true
	}
	m := make([]bool, len(d.Src))
	for _, it := range d.Items {
		if want[it.Kind] {
			for i := it.Start; i < it.End && i < len(m); i++ {
				m[i] = true
			}
		}
	}
	return m
}

// Text returns the bytes of an item.
func (d *Doc) Text(start, end int) string { return string(d.Src[start:end]) }

// parser holds the state of one scan. opaque marks the bytes that a
// construct has claimed already (calls, code, HTML, links): the next
// stages pass over them, as Markdown does.
type parser struct {
	src    []byte
	opaque []bool
	doc    *Doc
}

// add records an item; with claim, its bytes become opaque too.
func (p *parser) add(k Kind, start, end int, claim bool) {
	if end > len(p.src) {
		end = len(p.src)
	}
	if start >= end {
		return
	}
	p.doc.Items = append(p.doc.Items, Item{Kind: k, Start: start, End: end})
	if claim {
		for i := start; i < end; i++ {
			p.opaque[i] = true
		}
	}
}
