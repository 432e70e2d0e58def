// Package kbdata defines the knowledge base's data model (the TOML files
// under data/) and loads it, reporting every problem with its position.
package kbdata

// The struct tags drive decoding, the JSON Schemas and the scaffolds: `toml`
// is the key as written; `kb` holds options, "required" (a key that must be
// there), "markdown" (a Markdown field, checked like a page) and "text" (plain
// text, shown as written); `doc` is the text an editor shows on hover.

// Term is one glossary entry, data/glossary/<id>.toml.
type Term struct {
	ID         string           `toml:"-"`
	Name       string           `toml:"name" kb:"required,text" doc:"Display name, capitalised as at the start of a sentence."`
	Aliases    []string         `toml:"aliases" kb:"text" doc:"Other names and abbreviations readers use (e.g. VM); unique across the glossary."`
	Summary    string           `toml:"summary" kb:"required,text" doc:"One plain-text sentence, shown in previews, tables and the JSON index."`
	Definition string           `toml:"definition" kb:"required,markdown" doc:"The full definition, in Markdown."`
	Related    []string         `toml:"related" kb:"id" doc:"Ids of related glossary terms."`
	Tags       []string         `toml:"tags" kb:"text" doc:"Groups the term belongs to, e.g. \"compute model\"."`
	Sources    []Citation       `toml:"sources" kb:"required" doc:"Sources backing the summary and definition: a source id from data/sources.toml, or { id = \"…\", at = \"…\" } naming where in it."`
	Checked    string           `toml:"checked" kb:"date" doc:"The day the summary and definition were last checked against their sources, YYYY-MM-DD."`
	Facts      map[string]*Fact `toml:"facts" doc:"The term's facts, one table per aspect id from data/aspects.toml."`
	FormerIDs  []string         `toml:"former_ids" kb:"id" doc:"Ids this term had before, or of terms it replaces: their published URLs redirect here."`
	Mentions   *Mentions        `toml:"mentions" doc:"How prose names this term, for kb fix and the unlinked-mention suggestion (KB022)."`
	Stack      *Stack           `toml:"stack" doc:"For a compute model: who manages each layer of the stack (data/layers.toml), drawn as a diagram on the comparisons and the guide that show the term."`
	Pos        Positions        `toml:"-"` // where each key and value is (set by the binder)
}

// Citation names a source and, for a source longer than a short page,
// where in it the claim is supported. In TOML it is a source id, or a
// table when it has a locator:
//
//	sources = ["seed", { id = "nist-sp-800-145", at = "Section 2" }]
type Citation struct {
	ID  string    `toml:"id" kb:"required,id,shorthand" doc:"The source id, from data/sources.toml."`
	At  string    `toml:"at" kb:"text" doc:"Where in the source: a section heading as the source writes it, a numbered section (\"Section 2.3\"), a page (\"p. 12\") or a URL fragment (\"#pricing\")."`
	Pos Positions `toml:"-"` // where each key and value is (set by the binder)
}

// Mentions says how prose names a term. By default kb fix links a term's
// names of two or more words and its abbreviations, but not a one-word
// name that is an ordinary word ("service", "host").
type Mentions struct {
	Auto    *bool    `toml:"auto" doc:"true: link one-word names too; false: never link this term automatically. Unset: names of two or more words and abbreviations only."`
	Phrases []string `toml:"phrases" kb:"text" doc:"More phrases that name this term in prose, besides its name and aliases."`
	Never   []string `toml:"never" kb:"text" doc:"Phrases that hold a name of this term but mean something else (\"Java virtual machine\"): never linked."`
}

// Fact is the value of one aspect for one term: one cell of every
// comparison that shows them.
type Fact struct {
	Value         string     `toml:"value" kb:"required,text" doc:"A short plain statement: the table cell."`
	Note          string     `toml:"note" kb:"markdown" doc:"An optional longer explanation, in Markdown."`
	Sources       []Citation `toml:"sources" kb:"required" doc:"Sources backing this fact: a source id, or { id = \"…\", at = \"…\" } naming where in it."`
	Checked       string     `toml:"checked" kb:"required,date" doc:"The day this fact was last checked against its sources, YYYY-MM-DD. kb check warns when it is over 18 months old (12 when time_sensitive)."`
	TimeSensitive bool       `toml:"time_sensitive" doc:"true when the value is a figure vendors change (a limit, a price, a billing step): the site shows it as of its checked date."`
	Pos           Positions  `toml:"-"` // where each key and value is (set by the binder)
}

// Stack says who manages each layer of the stack an application runs on
// (data/layers.toml), from the hardware up, for a term that is a compute
// model. Every layer is given to exactly one party.
type Stack struct {
	Setting          string            `toml:"setting" kb:"text" doc:"The setting the responsibilities assume: a plain-text phrase, shown under the diagram after the term's name and a colon (\"self-managed, on virtual machines rented from a cloud provider\")."`
	Responsibilities []*Responsibility `toml:"responsibility" kb:"required" doc:"Who manages which layers: each layer of data/layers.toml in exactly one entry."`
	Pos              Positions         `toml:"-"` // where each key and value is (set by the binder)
}

// Responsibility gives some layers of the stack to one party, with the
// sources that say so.
type Responsibility struct {
	Layers  []string   `toml:"layers" kb:"required,id" doc:"Layer ids from data/layers.toml that this party manages."`
	Party   string     `toml:"party" kb:"required,id,oneof=vendor developer shared" doc:"Who manages them: \"vendor\" (the cloud vendor), \"developer\" (the developer or their team) or \"shared\" (both, each for a part)."`
	Sources []Citation `toml:"sources" kb:"required" doc:"Sources backing the claim: a source id, or { id = \"…\", at = \"…\" } naming where in it."`
	Checked string     `toml:"checked" kb:"required,date" doc:"The day this claim was last checked against its sources, YYYY-MM-DD."`
	Pos     Positions  `toml:"-"` // where each key and value is (set by the binder)
}

// LayerRegistry is data/layers.toml: the layers of the stack, in order.
type LayerRegistry struct {
	Layers []*Layer `toml:"layer" doc:"The layers of the stack an application runs on, from the hardware (first) up to the application's code (last)."`
}

// Layer is one level of the stack, drawn as one box in each column of the
// "who manages what" diagram.
type Layer struct {
	ID          string    `toml:"id" kb:"required,id" doc:"Kebab-case id, listed in the layers of a term's [[stack.responsibility]]."`
	Name        string    `toml:"name" kb:"required,text" doc:"The box's label: one or two short words (the diagram must fit a phone)."`
	Description string    `toml:"description" kb:"text" doc:"What the layer holds, one plain sentence, for contributors deciding who manages it."`
	Pos         Positions `toml:"-"` // where each key and value is (set by the binder)
}

// Comparison is one table, data/comparisons/<id>.toml.
type Comparison struct {
	ID        string               `toml:"-"`
	Title     string               `toml:"title" kb:"required,text" doc:"The table's title and caption."`
	Summary   string               `toml:"summary" kb:"required,text" doc:"One plain-text sentence shown above the table."`
	Subjects  []string             `toml:"subjects" kb:"required,id,min=2" doc:"Glossary term ids, in column order (two or more)."`
	Aspects   []string             `toml:"aspects" kb:"required,id" doc:"Aspect ids, in row order."`
	Takeaways map[string]*Takeaway `toml:"takeaways" doc:"The verdicts, one table per aspect id of this comparison: every aspect needs one, favouring a subject or neutral."`
	FormerIDs []string             `toml:"former_ids" kb:"id" doc:"Ids this comparison had before: their published URLs redirect here."`
	Pos       Positions            `toml:"-"` // where each key and value is (set by the binder)
}

// Takeaway says which subject an aspect favours, or that it favours none
// of them (neutral), and why. Every aspect of a comparison has one.
type Takeaway struct {
	Favours string     `toml:"favours" kb:"id,either=verdict" doc:"The subject (a term id of this comparison) the aspect favours. Write this or neutral = true, not both."`
	Neutral bool       `toml:"neutral" kb:"either=verdict" doc:"true when the aspect favours no subject: why then says why, as in \"Both …; the difference is …\". Write this or favours, not both."`
	Why     string     `toml:"why" kb:"required,text" doc:"Why, in one or two plain sentences: why the favoured subject is better on this aspect, or why none is."`
	Sources []Citation `toml:"sources" kb:"required" doc:"Sources backing the takeaway: a source id, or { id = \"…\", at = \"…\" } naming where in it."`
	Checked string     `toml:"checked" kb:"required,date" doc:"The day this takeaway was last checked against its sources, YYYY-MM-DD."`
	Pos     Positions  `toml:"-"` // where each key and value is (set by the binder)
}

// AspectRegistry is data/aspects.toml.
type AspectRegistry struct {
	Aspects []*Aspect `toml:"aspect" doc:"The registry of aspects things are compared on."`
}

// Aspect is a dimension things are compared on.
type Aspect struct {
	ID       string    `toml:"id" kb:"required,id" doc:"Kebab-case id, used as [facts.<id>] in term files."`
	Name     string    `toml:"name" kb:"required,text" doc:"Row heading in comparison tables."`
	Question string    `toml:"question" kb:"required,text" doc:"The question each fact for this aspect answers."`
	Pos      Positions `toml:"-"` // where each key and value is (set by the binder)
}

// SourceRegistry is data/sources.toml.
type SourceRegistry struct {
	Sources []*Source `toml:"source" doc:"The registry of cited documents."`
}

// Source is a cited document.
type Source struct {
	ID        string    `toml:"id" kb:"required,id" doc:"Kebab-case id, cited in sources lists."`
	Title     string    `toml:"title" kb:"required,text" doc:"The document's title, as published."`
	Publisher string    `toml:"publisher" kb:"required,text" doc:"Who published it."`
	URL       string    `toml:"url" kb:"required,url" doc:"Its absolute http(s) address."`
	Accessed  string    `toml:"accessed" kb:"required,date" doc:"The day it was last read, YYYY-MM-DD."`
	Published string    `toml:"published" kb:"date" doc:"The day it was published or last revised, YYYY-MM-DD, when it says: no fact can have been checked against it before."`
	Short     bool      `toml:"short" doc:"true for a short page on one topic: a citation of it needs no locator (at)."`
	Pos       Positions `toml:"-"` // where each key and value is (set by the binder)
}

// CriterionRegistry is data/criteria.toml: the "how to choose" guide.
type CriterionRegistry struct {
	Criteria []*Criterion `toml:"criterion" doc:"Decision criteria, in the order the guide shows them."`
	Decision *Decision    `toml:"decision" doc:"The guide's decision aid ({{< decision >}}): yes-or-no questions, each leading to a criterion's options."`
}

// Criterion is one situation a reader may be in, and the options it
// favours.
type Criterion struct {
	ID        string     `toml:"id" kb:"required,id" doc:"Kebab-case id, also the criterion's anchor in the guide."`
	Situation string     `toml:"situation" kb:"required,text" doc:"The reader's situation, one plain sentence (\"Traffic is irregular.\")."`
	Favours   []string   `toml:"favours" kb:"required,id" doc:"Glossary term ids of the options this situation favours."`
	Why       string     `toml:"why" kb:"required,text" doc:"Why, in one or two plain sentences."`
	Sources   []Citation `toml:"sources" kb:"required" doc:"Sources backing the reasoning: a source id, or { id = \"…\", at = \"…\" } naming where in it."`
	Checked   string     `toml:"checked" kb:"required,date" doc:"The day this criterion was last checked against its sources, YYYY-MM-DD."`
	Pos       Positions  `toml:"-"` // where each key and value is (set by the binder)
}

// Decision is the guide's decision aid: questions asked in order, hard
// limits first. The first one a reader answers yes recommends what its
// criterion favours, for the reasons and sources the criterion gives; a
// reader who answers no to all of them is given Otherwise, which is also
// the guide's default.
type Decision struct {
	Questions []*Question `toml:"question" kb:"required" doc:"The questions, in the order they are asked."`
	Otherwise string      `toml:"otherwise" kb:"required,id" doc:"The id of the criterion whose options a reader who answers no to every question is given: the default. No question may ask about it."`
	Pos       Positions   `toml:"-"` // where each key and value is (set by the binder)
}

// Question is one step of the decision aid.
type Question struct {
	Ask       string    `toml:"ask" kb:"required,text" doc:"The question, answered yes or no, one plain sentence ending in a question mark."`
	Criterion string    `toml:"criterion" kb:"required,id" doc:"The id of the criterion a yes leads to: the guide recommends what it favours, for its reasons."`
	Pos       Positions `toml:"-"` // where each key and value is (set by the binder)
}

// Ledger is data/published.toml: every URL the site has published, kept
// like a lock file so that no published URL silently disappears.
type Ledger struct {
	URLs []string  `toml:"urls" kb:"required,page" doc:"Site paths of every published term and comparison page, sorted. Written by kb publish; never remove one."`
	Pos  Positions `toml:"-"` // where each key and value is (set by the binder)
}
