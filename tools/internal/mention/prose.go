package mention

import (
	"bytes"
	"strings"
)

// This file finds the parts of a Markdown page that are not prose. It is
// not a full CommonMark parser: where the exact rules are costly (list
// item indentation, which HTML tags start a block) it errs towards
// "not prose", because a mention that is not found costs a missing link,
// while a link written into code or a URL breaks the page.

// span is a byte range [start, end).
type span struct{ start, end int }

// mask returns, for each byte of src, whether it lies outside prose:
// front matter, shortcode calls (and the inner content of paired ones),
// code blocks and spans, headings, HTML, links, reference definitions,
// autolinks, entities and bare URLs.
func mask(src []byte) []bool {
	m := make([]bool, len(src))
	from := frontMatter(src, m)
	shortcodes(src, from, m)
	for _, p := range blocks(src, from, m) {
		inline(src, p, m)
	}
	return m
}

func markRange(m []bool, from, to int) {
	for i := from; i < to && i < len(m); i++ {
		m[i] = true
	}
}

// frontMatter masks YAML (---) or TOML (+++) front matter at the top of
// src and returns where the content starts. Front matter that is never
// closed runs to the end.
func frontMatter(src []byte, m []bool) int {
	start := 0
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		start = 3
	}
	first, next := lineAt(src, start)
	delim := strings.TrimRight(string(first), " \t\r")
	if delim != "---" && delim != "+++" {
		return start
	}
	for p := next; p < len(src); {
		l, n := lineAt(src, p)
		if strings.TrimRight(string(l), " \t\r") == delim {
			markRange(m, 0, n)
			return n
		}
		p = n
	}
	markRange(m, 0, len(src))
	return len(src)
}

// lineAt returns the line starting at p, without its newline, and where
// the next line starts.
func lineAt(src []byte, p int) ([]byte, int) {
	if i := bytes.IndexByte(src[p:], '\n'); i >= 0 {
		return src[p : p+i], p + i + 1
	}
	return src[p:], len(src)
}

// shortcodes masks every shortcode call, {{< … >}} and {{% … %}} (with
// its arguments, which may span lines, and the commented form
// {{</* … */>}}), and the inner content of paired calls, from an opening
// call to its {{< /name >}}. Hugo reads shortcodes before Markdown, even
// in code, so this runs over the whole page. A call that is never closed
// runs to the end.
//
// Hugo lets a quoted argument hold a closing delimiter, "a >}} b"; kb
// check ends a call at the first one. Both readings are masked.
func shortcodes(src []byte, from int, m []bool) {
	shortcodeCalls(src, from, m, true)
	shortcodeCalls(src, from, m, false)
}

func shortcodeCalls(src []byte, from int, m []bool, quotes bool) {
	type call struct {
		start, end int
		name       string
		closing    bool
		matched    bool
	}
	var calls []call
	for i := from; i < len(src); {
		k := indexOpen(src[i:])
		if k < 0 {
			break
		}
		s := i + k
		end := closeCall(src, s+3, src[s+2], quotes)
		markRange(m, s, end)
		name, closing := callName(src[s+3 : end])
		calls = append(calls, call{start: s, end: end, name: name, closing: closing})
		i = end
	}
	for j := range calls {
		if !calls[j].closing || calls[j].name == "" {
			continue
		}
		for o := j - 1; o >= 0; o-- {
			if !calls[o].closing && !calls[o].matched && calls[o].name == calls[j].name {
				calls[o].matched = true
				markRange(m, calls[o].start, calls[j].end)
				break
			}
		}
	}
}

// indexOpen returns the index of the first "{{<" or "{{%" in b, or -1.
func indexOpen(b []byte) int {
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte("{{"))
		if k < 0 || i+k+2 >= len(b) {
			return -1
		}
		if c := b[i+k+2]; c == '<' || c == '%' {
			return i + k
		}
		i += k + 1
	}
}

// closeCall returns the end of the call whose arguments start at p: just
// past the first closing delimiter that matches the opening one (">}}"
// for "{{<", "%}}" for "{{%") outside a quoted argument, or the end of
// src. With quotes, a delimiter in a quoted argument does not count.
func closeCall(src []byte, p int, delim byte, quotes bool) int {
	if delim == '<' {
		delim = '>'
	}
	for i := p; i < len(src); i++ {
		switch c := src[i]; {
		case quotes && (c == '"' || c == '`'):
			j := i + 1
			for j < len(src) && src[j] != c {
				if c == '"' && src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				return len(src)
			}
			i = j
		case c == delim:
			if bytes.HasPrefix(src[i+1:], []byte("}}")) {
				return i + 3
			}
		}
	}
	return len(src)
}

// callName reads the name of a call from what follows its opening
// delimiter: "name" for an opening call, "/name" for a closing one, ""
// for a commented call.
func callName(args []byte) (string, bool) {
	s := strings.TrimLeft(string(args), " \t\r\n")
	if strings.HasPrefix(s, "/*") {
		return "", false
	}
	closing := strings.HasPrefix(s, "/")
	if closing {
		s = strings.TrimLeft(s[1:], " \t\r\n")
	}
	end := strings.IndexAny(s, " \t\r\n>%")
	if end < 0 {
		end = len(s)
	}
	name := s[:end]
	if !closing && strings.HasSuffix(strings.TrimRight(string(args), " \t\r\n>%}"), "/") {
		return "", false // self-closing: {{< name />}}
	}
	return name, closing
}

// blocks masks the blocks that are not prose (fenced and indented code,
// headings, HTML blocks, reference definitions) line by line, and returns
// the paragraphs left: the spans in which inline markup is looked for.
func blocks(src []byte, from int, m []bool) []span {
	var paras []span
	para := span{-1, -1}
	closePara := func() {
		if para.start >= 0 {
			paras = append(paras, para)
		}
		para = span{-1, -1}
	}
	var fenceChar byte
	fenceLen := 0
	htmlEnd := "" // the text that ends the HTML block; "\n" for a blank line
	titleNext := false
	for p := from; p < len(src); {
		raw, next := lineAt(src, p)
		ls, le := p, p+len(raw)
		p = next
		line := strings.TrimRight(string(raw), "\r")
		quoted := stripQuotes(line)
		blank := strings.TrimSpace(quoted) == ""
		inner := stripMarkers(quoted)
		wasTitle := titleNext
		titleNext = false
		switch {
		case fenceLen > 0:
			markRange(m, ls, le)
			if closesFence(quoted, fenceChar, fenceLen) {
				fenceLen = 0
			}
		case htmlEnd == "\n":
			if blank {
				htmlEnd = ""
			} else {
				markRange(m, ls, le)
			}
		case htmlEnd != "":
			markRange(m, ls, le)
			if strings.Contains(strings.ToLower(line), htmlEnd) {
				htmlEnd = ""
			}
		case firstMasked(src, m, ls, le):
			// A line that starts inside a shortcode call: its text is
			// masked already, and it starts no block.
			if para.start < 0 {
				para.start = ls
			}
			para.end = le
		case blank:
			closePara()
		case indent(line) >= 4 && para.start < 0:
			markRange(m, ls, le) // indented code
		case para.start >= 0 && isSetext(quoted):
			markRange(m, para.start, le)
			para = span{-1, -1}
		case isThematicBreak(quoted):
			closePara()
		case opensFence(inner):
			markRange(m, ls, le)
			closePara()
			fenceChar, fenceLen = inner[0], runLen(inner, inner[0])
		case isATXHeading(inner):
			markRange(m, ls, le)
			closePara()
		case htmlBlockEnd(inner, para.start >= 0) != "":
			htmlEnd = htmlBlockEnd(inner, para.start >= 0)
			markRange(m, ls, le)
			closePara()
			if htmlEnd != "\n" && strings.Contains(strings.ToLower(inner[1:]), htmlEnd) {
				htmlEnd = ""
			}
		case isRefDefinition(inner):
			markRange(m, ls, le)
			closePara()
			titleNext = true
		case wasTitle && inner != "" && strings.ContainsAny(inner[:1], `"'(`):
			markRange(m, ls, le) // the title of the definition above
		default:
			if para.start < 0 {
				para.start = ls
			}
			para.end = le
		}
	}
	closePara()
	return paras
}

func firstMasked(src []byte, m []bool, ls, le int) bool {
	for i := ls; i < le; i++ {
		if src[i] != ' ' && src[i] != '\t' {
			return m[i]
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

// stripQuotes removes leading white space and block quote markers.
func stripQuotes(line string) string {
	for {
		s := strings.TrimLeft(line, " \t")
		if !strings.HasPrefix(s, ">") {
			return s
		}
		line = s[1:]
	}
}

// stripMarkers removes leading white space, block quote markers and list
// item markers ("-", "*", "+", "1.", "1)"), so that a block starting a
// list item is found.
func stripMarkers(line string) string {
	for {
		s := stripQuotes(line)
		n := 0
		switch {
		case s == "":
			return s
		case s[0] == '-' || s[0] == '*' || s[0] == '+':
			n = 1
		default:
			for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
				n++
			}
			if n == 0 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
				return s
			}
			n++
		}
		if n < len(s) && s[n] != ' ' && s[n] != '\t' {
			return s
		}
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
	if end, _, _ := angle([]byte(s), nil, 0, len(s)); !inPara && end > 0 && strings.TrimSpace(s[end:]) == "" {
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

// inline masks the inline markup of one paragraph that is not prose:
// code spans, autolinks, HTML tags and comments (and the content of
// inline HTML elements), entities, links and images (text, destination
// and title), bracketed text, and bare URLs.
func inline(src []byte, p span, m []bool) {
	type tag struct {
		name       string
		start, end int
		closing    bool
		matched    bool
	}
	var tags []tag
	lastGT := p.start - 1
	for k := p.end - 1; k >= p.start; k-- {
		if src[k] == '>' && !m[k] {
			lastGT = k
			break
		}
	}
	if bytes.Contains(src[p.start:p.end], []byte("<!--")) {
		lastGT = len(src) // a comment may end after the paragraph
	}
	for i := p.start; i < p.end; {
		if m[i] {
			i++
			continue
		}
		switch src[i] {
		case '\\':
			i += 2
		case '`':
			n := runLen(src[i:p.end], '`')
			if end := codeSpanEnd(src, m, i+n, p.end, n); end > 0 {
				markRange(m, i, end)
				i = end
			} else {
				i += n
			}
		case '<':
			if i > lastGT {
				i++ // no tag or autolink ends in the rest of the paragraph
				continue
			}
			end, name, closing := angle(src, m, i, p.end)
			if end < 0 {
				i++
				continue
			}
			markRange(m, i, end)
			if name != "" {
				tags = append(tags, tag{name: name, start: i, end: end, closing: closing})
			}
			i = end
		case '&':
			if end := entity(src, i, p.end); end > 0 {
				markRange(m, i, end)
				i = end
			} else {
				i++
			}
		default:
			i++
		}
	}
	// The content of an inline element, <a href="…">text</a>: text in a
	// link or in code must not be linked.
	for j := range tags {
		if !tags[j].closing {
			continue
		}
		for o := j - 1; o >= 0; o-- {
			if !tags[o].closing && !tags[o].matched && tags[o].name == tags[j].name {
				tags[o].matched = true
				markRange(m, tags[o].start, tags[j].end)
				break
			}
		}
	}
	brackets(src, p, m)
	bareURLs(src, p, m)
}

// codeSpanEnd returns the end of the code span whose opening run of n
// backticks ends at i: just past the next run of exactly n backticks,
// or -1 if there is none in the paragraph.
func codeSpanEnd(src []byte, m []bool, i, end, n int) int {
	for i < end {
		if src[i] != '`' || m[i] {
			i++
			continue
		}
		k := runLen(src[i:end], '`')
		if k == n {
			return i + k
		}
		i += k
	}
	return -1
}

// angle reads what starts with "<" at i: an autolink, an HTML comment,
// processing instruction, declaration or CDATA section, or an HTML tag.
// It returns the end of it (-1 if it is none of these) and, for a tag,
// its lowercase name and whether it closes an element. Bytes that m masks
// (shortcode calls; m may be nil) are invisible to it: what a tag's
// quotes and ">" pair with must not change when a shortcode is written
// into the text.
func angle(src []byte, m []bool, i, end int) (int, string, bool) {
	hidden := func(k int) bool { return m != nil && m[k] }
	rest := src[i:end]
	if bytes.HasPrefix(rest, []byte("<!--")) {
		// A comment the paragraph does not close still reads as one to
		// its author: it runs to the next "-->", or to the end.
		// ("<!-->" and "<!--->" are comments too.)
		if k := bytes.Index(src[i+2:], []byte("-->")); k >= 0 {
			return i + 2 + k + 3, "", false
		}
		return len(src), "", false
	}
	for _, d := range [][2]string{{"<?", "?>"}, {"<![CDATA[", "]]>"}} {
		if bytes.HasPrefix(rest, []byte(d[0])) {
			if k := bytes.Index(rest[len(d[0]):], []byte(d[1])); k >= 0 {
				return i + len(d[0]) + k + len(d[1]), "", false
			}
			return -1, "", false
		}
	}
	// An autolink: <scheme:…> or <user@host>, on one line, no spaces.
	if k := bytes.IndexAny(rest[1:], " \t\r\n<>"); k > 0 && rest[1+k] == '>' && !slicesContains(m, i+1, i+1+k) {
		body := rest[1 : 1+k]
		if colon := bytes.IndexByte(body, ':'); colon >= 2 && isScheme(body[:colon]) || bytes.IndexByte(body, '@') >= 0 {
			return i + k + 2, "", false
		}
	}
	if len(rest) > 2 && rest[1] == '!' && isASCIILetter(rest[2]) {
		if k := bytes.IndexByte(rest, '>'); k >= 0 {
			return i + k + 1, "", false
		}
		return -1, "", false
	}
	j := 1
	closing := j < len(rest) && rest[j] == '/'
	if closing {
		j++
	}
	if j >= len(rest) || !isASCIILetter(rest[j]) {
		return -1, "", false
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
				return -1, "", false
			}
			k = q
		case '>':
			if prev == '/' || voidElements[name] {
				return i + k + 1, "", false // nothing inside
			}
			return i + k + 1, name, closing
		}
		prev = rest[k]
	}
	return -1, "", false
}

// slicesContains reports whether m marks any byte in [from, to); m may
// be nil.
func slicesContains(m []bool, from, to int) bool {
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

// brackets masks every balanced [bracketed text], with the (destination
// "title") or [reference] that follows it: links, images, reference and
// footnote references. Bracketed text that is no link is masked too; it
// is rare in prose and often a link whose definition lives elsewhere.
func brackets(src []byte, p span, m []bool) {
	var open []int
	for i := p.start; i < p.end; i++ {
		if m[i] {
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
			if end < p.end && !m[end] {
				switch src[end] {
				case '(':
					// A destination, even after a stray "]": kb check
					// reads "](/glossary/id" as a link to id.
					if e := closeParen(src, m, end, p.end); e > 0 {
						end = e
					} else {
						for end < p.end && !isSpace(src[end]) {
							end++
						}
					}
				case '[':
					for e := end + 1; e < p.end && o < i; e++ {
						if src[e] == ']' && !m[e] {
							end = e + 1
							break
						}
					}
				}
			}
			markRange(m, o, end)
			i = end - 1
		}
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

// bareURLs masks every word that holds "://", starts with "www." or is
// an e-mail address (Hugo turns them into links), and every word that is
// a path: /docs/kernel/, ./kernel.md, ../kernel, ~/kernel.
func bareURLs(src []byte, p span, m []bool) {
	for i := p.start; i < p.end; {
		if isSpace(src[i]) {
			i++
			continue
		}
		j := i
		for j < p.end && !isSpace(src[j]) {
			j++
		}
		if !maybeURL(src[i:j]) {
			i = j
			continue
		}
		word := string(src[i:j])
		lead := strings.ToLower(strings.TrimLeft(word, openingPunct))
		if strings.Contains(word, "://") || strings.HasPrefix(lead, "www.") || isEmail(word) || isPath(lead) {
			markRange(m, i, j)
		}
		i = j
	}
}

// openingPunct is what may stand before a URL or path in a word.
const openingPunct = `([{<*_~"']`

// maybeURL is a cheap test that rules out most words before the exact
// ones: a URL, address or path holds "://" or "@", or starts (after
// opening punctuation) with "/", ".", "~" or "www.".
func maybeURL(w []byte) bool {
	k := 0
	for k < len(w) && strings.IndexByte(openingPunct, w[k]) >= 0 {
		k++
	}
	if k < len(w) && (w[k] == '/' || w[k] == '.' || w[k] == '~' || w[k]|0x20 == 'w') {
		return true
	}
	return bytes.IndexByte(w, '@') >= 0 || bytes.Contains(w, []byte("://"))
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

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
