package markdown

import (
	"bytes"
	"strings"
)

// frontMatter records YAML (---), TOML (+++) or JSON ({ … }) front matter
// at the top of the text, after an optional byte-order mark, and returns
// where the content starts. Front matter that is never closed runs to the
// end: nothing in it is content. As in Hugo, a text whose first character
// after blanks is "{" opens JSON front matter, even "{{<".
func (p *parser) frontMatter() int {
	src := p.src
	start := 0
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		start = 3
	}
	if j := skipBlank(src, start); j < len(src) && src[j] == '{' {
		end := jsonObjectEnd(src, j)
		p.add(FrontMatter, 0, end, true)
		return end
	}
	first, next := lineAt(src, start)
	delim := strings.TrimRight(string(first), " \t\r")
	if delim != "---" && delim != "+++" {
		return start
	}
	for at := next; at < len(src); {
		l, n := lineAt(src, at)
		if strings.TrimRight(string(l), " \t\r") == delim {
			p.add(FrontMatter, 0, n, true)
			return n
		}
		at = n
	}
	p.add(FrontMatter, 0, len(src), true)
	return len(src)
}

// jsonObjectEnd returns the end of the JSON object that starts at i, as
// Hugo's lexer finds it: braces outside quotes nest, a backslash escapes
// the next byte; one line end after the closing brace belongs to it. An
// object never closed runs to the end.
func jsonObjectEnd(src []byte, i int) int {
	depth, quoted := 0, false
	for j := i; j < len(src); j++ {
		switch src[j] {
		case '{':
			if !quoted {
				depth++
			}
		case '}':
			if !quoted {
				depth--
			}
		case '"':
			quoted = !quoted
		case '\\':
			j++
		}
		if depth == 0 {
			j++
			if j < len(src) && src[j] == '\r' {
				j++
			}
			if j < len(src) && src[j] == '\n' {
				j++
			}
			return min(j, len(src))
		}
	}
	return len(src)
}

// lineAt returns the line starting at at, without its newline, and where
// the next line starts.
func lineAt(src []byte, at int) ([]byte, int) {
	if i := bytes.IndexByte(src[at:], '\n'); i >= 0 {
		return src[at : at+i], at + i + 1
	}
	return src[at:], len(src)
}
