package markdown

import "strings"

// span is a byte range [start, end).
type span struct{ start, end int }

// blocks reads the text line by line from "from" on. It records code
// blocks, headings, HTML blocks, reference definitions, block quote lines
// and list items, and returns the spans in which inline markup is read:
// paragraphs and the text of headings.
func (p *parser) blocks(from int) []span {
	src := p.src
	var inlines []span
	para := span{-1, -1}
	closePara := func() {
		if para.start >= 0 {
			inlines = append(inlines, para)
		}
		para = span{-1, -1}
	}
	item := -1 // where the open list item starts
	closeItem := func(end int) {
		if item >= 0 {
			p.add(ListItem, item, end, false)
		}
		item = -1
	}
	lastEnd := from
	var fenceChar byte
	fenceLen, fenceStart := 0, 0
	htmlEnd, htmlStart := "", 0 // the text that ends the HTML block; "\n" for a blank line
	titleNext := false
	// The lines are read as strings: one copy of the text, not one per line.
	text := string(src[from:])
	for at := from; at < len(src); {
		raw, next := lineAt(src, at)
		ls, le := at, at+len(raw)
		at = next
		line := strings.TrimRight(text[ls-from:le-from], "\r")
		quoted, depth := stripQuotes(line)
		blank := strings.TrimSpace(quoted) == ""
		inner, listed := stripMarkers(quoted)
		wasTitle := titleNext
		titleNext = false
		if depth > 0 && fenceLen == 0 && htmlEnd == "" {
			p.add(BlockQuote, ls, le, false)
		}
		switch {
		case fenceLen > 0:
			if closesFence(quoted, fenceChar, fenceLen) {
				fenceLen = 0
				p.add(CodeBlock, fenceStart, le, true)
			}
		case htmlEnd == "\n":
			if blank {
				htmlEnd = ""
				p.add(HTMLBlock, htmlStart, lastEnd, true)
			}
		case htmlEnd != "":
			if strings.Contains(strings.ToLower(line), htmlEnd) {
				htmlEnd = ""
				p.add(HTMLBlock, htmlStart, le, true)
			}
		case p.firstOpaque(ls, le):
			// A line that starts inside a shortcode call: it starts no
			// block.
			if para.start < 0 {
				para.start = ls
			}
			para.end = le
		case blank:
			closePara()
			closeItem(lastEnd)
		case indent(line) >= 4 && para.start < 0 && item < 0:
			p.add(CodeBlock, ls, le, true) // indented code
		case para.start >= 0 && isSetext(quoted) && !listed:
			inlines = append(inlines, p.heading(para.start, le, para.start, lastEnd, setextLevel(quoted)))
			para = span{-1, -1}
		case isThematicBreak(quoted):
			closePara()
			closeItem(lastEnd)
		case opensFence(inner):
			closePara()
			fenceChar, fenceLen, fenceStart = inner[0], runLen(inner, inner[0]), ls
		case isATXHeading(inner):
			closePara()
			level := runLen(inner, '#')
			ts := ls + len(line) - len(inner) + level // inner is a suffix of line
			inlines = append(inlines, p.heading(ls, le, ts, trimClosingHashes(src, ts, ls+len(line)), level))
		case htmlBlockEnd(inner, para.start >= 0) != "":
			htmlEnd = htmlBlockEnd(inner, para.start >= 0)
			htmlStart = ls
			closePara()
			if htmlEnd != "\n" && strings.Contains(strings.ToLower(inner[1:]), htmlEnd) {
				htmlEnd = ""
				p.add(HTMLBlock, ls, le, true)
			}
		case isRefDefinition(inner):
			closePara()
			p.refDefinition(ls+len(line)-len(inner), ls+len(line))
			p.add(RefDefinition, ls, le, true)
			titleNext = true
		case wasTitle && inner != "" && strings.ContainsAny(inner[:1], `"'(`):
			p.add(RefDefinition, ls, le, true) // the title of the definition above
		default:
			if listed {
				closePara()
				closeItem(lastEnd)
				item = ls
			}
			if para.start < 0 {
				para.start = ls
			}
			para.end = le
		}
		lastEnd = le
	}
	if fenceLen > 0 {
		p.add(CodeBlock, fenceStart, len(src), true)
	}
	if htmlEnd != "" {
		p.add(HTMLBlock, htmlStart, len(src), true)
	}
	closePara()
	closeItem(lastEnd)
	return inlines
}

// heading records a heading of whole lines [start, end) whose text is
// [ts, te), and returns its text for the inline reader.
func (p *parser) heading(start, end, ts, te, level int) span {
	p.add(Heading, start, end, false)
	if te < ts {
		te = ts
	}
	p.doc.Headings = append(p.doc.Headings, HeadingInfo{Start: start, End: end, Level: level, TextStart: ts, TextEnd: te})
	return span{ts, te}
}

// trimClosingHashes returns the end of an ATX heading's text: before an
// optional closing run of "#" and trailing blanks.
func trimClosingHashes(src []byte, ts, le int) int {
	e := le
	for e > ts && (src[e-1] == ' ' || src[e-1] == '\t') {
		e--
	}
	h := e
	for h > ts && src[h-1] == '#' {
		h--
	}
	if h < e && (h == ts || src[h-1] == ' ' || src[h-1] == '\t') {
		e = h
		for e > ts && (src[e-1] == ' ' || src[e-1] == '\t') {
			e--
		}
	}
	return e
}

// refDefinition records the destination of "[label]: dest" in [s, e).
func (p *parser) refDefinition(s, e int) {
	i := s + 1
	for i < e && p.src[i] != ']' {
		if p.src[i] == '\\' {
			i++
		}
		i++
	}
	i += 2 // "]:"
	for i < e && (p.src[i] == ' ' || p.src[i] == '\t') {
		i++
	}
	if i < e && p.src[i] == '<' {
		i++
	}
	j := i
	for j < e && !isBlank(p.src[j]) && p.src[j] != '>' {
		j++
	}
	if j > i {
		p.doc.Links = append(p.doc.Links, LinkDest{Start: i, End: j, Definition: true})
	}
}

func (p *parser) firstOpaque(ls, le int) bool {
	for i := ls; i < le; i++ {
		if p.src[i] != ' ' && p.src[i] != '\t' {
			return p.opaque[i]
		}
	}
	return false
}

// indent returns the width of the line's leading white space, a tab
// counting to the next multiple of four.
func indent(line string) int {
	w := 0
	for _, c := range []byte(line) {
		switch c {
		case ' ':
			w++
		case '\t':
			w += 4 - w%4
		default:
			return w
		}
	}
	return w
}

// stripQuotes removes leading white space and block quote markers, and
// says how many markers there were.
func stripQuotes(line string) (string, int) {
	depth := 0
	for {
		s := strings.TrimLeft(line, " \t")
		if !strings.HasPrefix(s, ">") {
			return s, depth
		}
		line = s[1:]
		depth++
	}
}

// stripMarkers removes leading white space, block quote markers and list
// item markers ("-", "*", "+", "1.", "1)"), so that a block starting a
// list item is found; listed says whether there was a list marker.
func stripMarkers(line string) (s string, listed bool) {
	for {
		s, _ = stripQuotes(line)
		n := 0
		switch {
		case s == "":
			return s, listed
		case s[0] == '-' || s[0] == '*' || s[0] == '+':
			n = 1
		default:
			for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
				n++
			}
			if n == 0 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
				return s, listed
			}
			n++
		}
		if n < len(s) && s[n] != ' ' && s[n] != '\t' {
			return s, listed
		}
		if isThematicBreak(s) {
			return s, listed
		}
		listed = true
		line = s[n:]
	}
}

func runLen[T string | []byte](s T, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

func opensFence(s string) bool {
	if s == "" || (s[0] != '`' && s[0] != '~') {
		return false
	}
	n := runLen(s, s[0])
	return n >= 3 && (s[0] == '~' || !strings.Contains(s[n:], "`"))
}

func closesFence(s string, c byte, n int) bool {
	k := runLen(s, c)
	return k >= n && strings.TrimSpace(s[k:]) == ""
}

func isATXHeading(s string) bool {
	n := runLen(s, '#')
	return n >= 1 && n <= 6 && (n == len(s) || s[n] == ' ' || s[n] == '\t')
}

// isSetext reports whether s underlines the paragraph above it as a
// heading: a run of "=" or of "-".
func isSetext(s string) bool {
	s = strings.TrimRight(s, " \t")
	return s != "" && (runLen(s, '=') == len(s) || runLen(s, '-') == len(s))
}

func setextLevel(s string) int {
	if strings.HasPrefix(s, "=") {
		return 1
	}
	return 2
}

func isThematicBreak(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || (s[0] != '-' && s[0] != '*' && s[0] != '_') {
		return false
	}
	n := 0
	for _, c := range []byte(s) {
		switch {
		case c == s[0]:
			n++
		case c != ' ' && c != '\t':
			return false
		}
	}
	return n >= 3
}

// htmlBlockEnd reports whether s starts an HTML block and, if so, what
// ends it: the (lowercase) text that closes the block, or "\n" for the
// next blank line. A line that is one complete tag of another name starts
// a block too, but not in a paragraph.
func htmlBlockEnd(s string, inPara bool) string {
	if !strings.HasPrefix(s, "<") {
		return ""
	}
	lower := strings.ToLower(s)
	for _, tag := range []string{"script", "pre", "style", "textarea"} {
		if rest, ok := strings.CutPrefix(lower, "<"+tag); ok && (rest == "" || strings.ContainsAny(rest[:1], " \t>")) {
			return "</" + tag + ">"
		}
	}
	switch {
	case strings.HasPrefix(s, "<!--"):
		return "-->"
	case strings.HasPrefix(s, "<?"):
		return "?>"
	case strings.HasPrefix(s, "<![CDATA["):
		return "]]>"
	case len(s) > 2 && s[1] == '!' && isASCIILetter(s[2]):
		return ">"
	}
	i := 1
	if i < len(s) && s[i] == '/' {
		i++
	}
	n := i
	for n < len(s) && (isASCIILetter(s[n]) || isDigit(s[n]) || s[n] == '-') {
		n++
	}
	if n == i || !isASCIILetter(s[i]) {
		return ""
	}
	if blockTags[strings.ToLower(s[i:n])] && (n == len(s) || strings.ContainsAny(s[n:n+1], " \t>") || strings.HasPrefix(s[n:], "/>")) {
		return "\n"
	}
	if n < len(s) && !strings.ContainsAny(s[n:n+1], " \t/>") {
		return "" // an autolink, <https://…>, or no tag at all
	}
	if end, _, _, _ := angle([]byte(s), nil, 0, len(s)); !inPara && end > 0 && strings.TrimSpace(s[end:]) == "" {
		return "\n"
	}
	return ""
}

// blockTags are the HTML elements that start an HTML block wherever they
// open a line.
var blockTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`address article aside base basefont blockquote body caption center col
		colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset
		h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol
		optgroup option p param search section summary table tbody td tfoot th thead title tr track ul`) {
		blockTags[t] = true
	}
}

// isRefDefinition reports whether s starts a link reference definition,
// "[label]: destination". Footnotes ("[^1]: text") are prose.
func isRefDefinition(s string) bool {
	if !strings.HasPrefix(s, "[") || strings.HasPrefix(s, "[^") {
		return false
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			return false
		case ']':
			return i > 1 && strings.HasPrefix(s[i+1:], ":")
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
