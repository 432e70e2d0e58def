package diag

// The stable codes of kb's diagnostics. A code never changes meaning once
// published; docs/diagnostics.md explains each with a failing example and
// its fix.
const (
	CodeSyntax        = "KB001" // TOML syntax
	CodeUnknownKey    = "KB002" // a key the model does not have
	CodeKeyCase       = "KB003" // a known key in the wrong letter case
	CodeMissing       = "KB004" // a required key is missing
	CodeType          = "KB005" // a value of the wrong type
	CodeEmpty         = "KB006" // an empty or blank string, or an empty required list
	CodeFileName      = "KB007" // a file name that is not an id, or a stray file
	CodeDuplicate     = "KB008" // an id defined twice
	CodeBadID         = "KB009" // an id that is not kebab-case
	CodeAliasClash    = "KB010" // a name or alias that already names another term
	CodeUnknownRef    = "KB011" // a reference to something that does not exist
	CodeMissingFact   = "KB012" // a comparison cell without a fact
	CodeBadURL        = "KB013" // a source URL that is not absolute http(s)
	CodeRead          = "KB014" // a file or folder that cannot be read
	CodeBadDate       = "KB015" // a date not written YYYY-MM-DD
	CodeTooFew        = "KB016" // too few subjects, aspects or entries
	CodeRepeated      = "KB017" // the same id listed twice in one list
	CodeAliasNotLink  = "KB018" // a link to /glossary/<alias>/, which is no page
	CodeUnpublished   = "KB023" // a page whose URL is not in the ledger yet
	CodeLostURL       = "KB024" // a published URL that would stop working
	CodeFormerID      = "KB025" // a former id that clashes with a current one
	CodeShortcode     = "KB026" // a shortcode Hugo does not know, or one a field cannot run
	CodeRawHTML       = "KB027" // raw HTML, which the site drops
	CodePlainMarkup   = "KB028" // Markdown in a plain-text field, shown as written
	CodeBOM           = "KB029" // a byte-order mark at the start of a file
	CodeShortcodeCall = "KB030" // a shortcode call Hugo rejects, or would run otherwise than written
	CodeLongAddress   = "KB031" // an address Hugo cannot write: a part longer than a file name
	CodeCheckedDate   = "KB034" // a checked date in the future, or before its source was published
	CodeShadowed      = "KB035" // a site's data file that replaces the imported module's
	CodeNoTakeaway    = "KB036" // an aspect of a comparison without a takeaway
	CodeVerdict       = "KB037" // a takeaway that both favours a subject and is neutral, or neither
	CodeNotAllowed    = "KB038" // a value its key does not allow (a party other than vendor, developer or shared)
	CodeStackGap      = "KB039" // a stack that says not who manages one of the layers
	CodeDecisionFlow  = "KB040" // a decision aid that contradicts itself (a default or a criterion asked about twice)
	CodeNoDecision    = "KB041" // {{< decision >}} where data/criteria.toml has no [decision]
	CodeTagAddress    = "KB042" // a tag that cannot have a clean address of its own, or shares one with another spelling

	// Warnings: nothing is broken, but a reader is served less well.
	CodeOrphanTerm = "KB019" // a term nothing refers to
	CodeOneWay     = "KB020" // a related link the other term does not return
	CodeUncited    = "KB021" // a source nothing cites
	CodeNoLocator  = "KB032" // a citation that says not where in its source
	CodeStale      = "KB033" // a claim not checked against its sources for too long

	// Suggestions: what kb fix can do. They never fail a check.
	CodeUnlinkedTerm = "KB022" // a page mentions a term without ever linking it
)

// Titles gives each code a short title, for SARIF rules and documentation.
var Titles = map[string]string{
	CodeSyntax:        "TOML syntax error",
	CodeUnknownKey:    "Unknown key",
	CodeKeyCase:       "Key in the wrong letter case",
	CodeMissing:       "Missing required key",
	CodeType:          "Value of the wrong type",
	CodeEmpty:         "Empty value",
	CodeFileName:      "File name is not an id",
	CodeDuplicate:     "Duplicate id",
	CodeBadID:         "Id is not kebab-case",
	CodeAliasClash:    "Name or alias already taken",
	CodeUnknownRef:    "Unknown reference",
	CodeMissingFact:   "Comparison cell without a fact",
	CodeBadURL:        "Source URL is not absolute http(s)",
	CodeRead:          "Cannot read file",
	CodeBadDate:       "Date not written YYYY-MM-DD",
	CodeTooFew:        "Too few entries",
	CodeRepeated:      "Id listed twice",
	CodeAliasNotLink:  "Link to an alias",
	CodeUnpublished:   "URL not in the ledger",
	CodeLostURL:       "Published URL would disappear",
	CodeFormerID:      "Former id clashes",
	CodeShortcode:     "Unknown or misplaced shortcode",
	CodeRawHTML:       "Raw HTML the site drops",
	CodePlainMarkup:   "Markup in a plain-text field",
	CodeBOM:           "Byte-order mark",
	CodeCheckedDate:   "Checked date impossible",
	CodeShadowed:      "Data file replaces the module's",
	CodeNoTakeaway:    "Aspect without a takeaway",
	CodeVerdict:       "Takeaway neither favours nor is neutral, or both",
	CodeNotAllowed:    "Value not allowed",
	CodeStackGap:      "Layer of the stack without a party",
	CodeDecisionFlow:  "Decision aid contradicts itself",
	CodeNoDecision:    "Decision aid missing",
	CodeTagAddress:    "Tag without an address of its own",
	CodeNoLocator:     "Citation without a locator",
	CodeStale:         "Claim not checked for too long",
	CodeShortcodeCall: "Shortcode call Hugo cannot run as written",
	CodeLongAddress:   "Address too long for a file name",
	CodeOrphanTerm:    "Term nothing refers to",
	CodeOneWay:        "One-way related link",
	CodeUncited:       "Source nothing cites",
	CodeUnlinkedTerm:  "Term mentioned but not linked",
}
