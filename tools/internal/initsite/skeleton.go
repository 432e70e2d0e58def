package initsite

import (
	_ "embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/publish"
	"github.com/cloudkb/kb/tools/internal/schema"
)

// The example Init starts a knowledge base with: one term, citing one
// source, with one fact for one aspect. Its page is /glossary/glossary/.
const (
	ExampleTerm   = "glossary"
	exampleSource = "wikipedia-glossary"
	exampleAspect = "purpose"
)

// The content adapters are copies of this repository's own
// (content/glossary/_content.gotmpl, content/compare/_content.gotmpl;
// a test keeps them equal). kb check wants them in the site's own
// content/, which is why they are not mounted from the module.
var (
	//go:embed skeleton/glossary-adapter.gotmpl
	glossaryAdapter []byte
	//go:embed skeleton/compare-adapter.gotmpl
	compareAdapter []byte
	//go:embed skeleton/glossary-index.md
	glossaryIndex []byte
	//go:embed skeleton/compare-index.md
	compareIndex []byte
	//go:embed skeleton/site.mk
	makefile []byte
	//go:embed skeleton/kb.sh
	script []byte
)

// file is one file Init may write.
type file struct {
	rel  string // slash path relative to the site root
	text []byte
	perm fs.FileMode
}

// contentFiles are the section pages the glossary and comparisons need.
func contentFiles() []file {
	return []file{
		{"content/glossary/_index.md", glossaryIndex, 0o644},
		{"content/glossary/_content.gotmpl", glossaryAdapter, 0o644},
		{"content/compare/_index.md", compareIndex, 0o644},
		{"content/compare/_content.gotmpl", compareAdapter, 0o644},
	}
}

// dataFiles returns the knowledge base's starting files. today is the
// date (YYYY-MM-DD) they say the example was checked; head gives the
// line a data file begins with: its #:schema directive, or a comment
// saying why it has none.
func dataFiles(today string, head func(rel string) string) []file {
	term := head(kbdata.TermFile(ExampleTerm)) + `

# An example term, written by ` + "`go tool kb init`" + `. Its id is the file name, and its
# page is /glossary/` + ExampleTerm + `/. Replace it with a term of your own, or delete it and its
# URL in data/published.toml before the site is first published: kb check fails
# when a published URL disappears. ` + "`go tool kb new term <id>`" + ` starts a new term.

# Display name, as it starts a sentence.
name = "Glossary"
# Other names and abbreviations readers use; each must be unique across the glossary.
aliases = ["glossaries"]
# One plain-text sentence: shown in previews, tables and the JSON index.
summary = "An alphabetical list of the terms of one field of knowledge, each with its definition."
# The full definition, in Markdown.
definition = """
A glossary lists the terms a field of knowledge uses, in alphabetical order, and says what each
one means. In a book it traditionally comes at the end, and covers the terms the book introduces
or uses in a specialized sense.
"""
# Groups the term belongs to.
tags = ["reference"]
# Citations backing the summary and definition: ids from data/sources.toml.
sources = ["` + exampleSource + `"]
# The day the summary and definition were last checked against their sources.
checked = "` + today + `"

# Facts: one table per aspect id from data/aspects.toml. A comparison of this
# term with others shows the fact as a cell of its table.
[facts.` + exampleAspect + `]
# A short plain statement: the table cell.
value = "Explains the terms of one field in one place, in alphabetical order."
sources = ["` + exampleSource + `"]
# The day this fact was last checked against its sources.
checked = "` + today + `"
`
	sources := head(kbdata.SourcesFile) + `

# The documents the knowledge base cites, written by ` + "`go tool kb init`" + `.
# ` + "`go tool kb new source <id>`" + ` adds one. Cite only a document you have read,
# at an address you are sure of; replace this example with yours.

[[source]]
id = "` + exampleSource + `"
title = "Glossary"
publisher = "Wikipedia"
url = "https://en.wikipedia.org/wiki/Glossary"
# The day the document was last read, YYYY-MM-DD.
accessed = "` + today + `"
# One short page on one topic: a citation of it needs no locator.
short = true
`
	aspects := head(kbdata.AspectsFile) + `

# What terms are compared on, written by ` + "`go tool kb init`" + `: a term's
# [facts.<id>] table answers an aspect's question, and a comparison
# (data/comparisons/<id>.toml) lines the answers up. Replace this example
# with the aspects your comparisons need.

[[aspect]]
id = "` + exampleAspect + `"
name = "Purpose"
# The question every fact for this aspect answers.
question = "What is it for?"
`
	// The ledger is in the form kb publish writes, so that its next run
	// changes only the lines it adds.
	ledger := string(publish.Format(map[string]bool{kbdata.TermURL(ExampleTerm): true}))
	if first, rest, ok := strings.Cut(ledger, "\n"); ok && strings.HasPrefix(first, "#:schema") {
		ledger = head(kbdata.LedgerFile) + "\n" + rest
	}
	return []file{
		{kbdata.TermFile(ExampleTerm), []byte(term), 0o644},
		{kbdata.SourcesFile, []byte(sources), 0o644},
		{kbdata.AspectsFile, []byte(aspects), 0o644},
		{kbdata.LedgerFile, []byte(ledger), 0o644},
	}
}

// noSchema is the first line of a data file whose schema is not where its
// #:schema line would point: a directive that leads nowhere makes an
// editor report an error on every file.
func noSchema(rel string) string {
	f, _ := schema.For(rel)
	d, _ := schema.Directive(rel)
	return fmt.Sprintf("# No #:schema line: %s/%s is not the schema of this kb. Run `go tool kb schema` to\n# write it, then begin this file with: %s",
		schema.Dir, f.Name, d)
}
