// Kb checks and maintains the cloud architecture knowledge base.
//
// Usage:
//
//	kb check [-root dir] [-format text|json|github|sarif] [-strict]
//
// Check reads every TOML file under data/ and every Markdown file under
// content/, and prints each problem it finds, sorted by file and position.
// The default text format is one line per problem,
//
//	path:line:col: severity: message (suggestion) [CODE]
//
// with the path relative to the repository root and the column counted in
// bytes. docs/diagnostics.md explains every code. -format json prints an
// array of records (file, line, column, endLine, endColumn, severity, code,
// message, suggestion); -format github prints GitHub Actions workflow
// commands, which annotate a pull request's diff, and when
// $GITHUB_STEP_SUMMARY is set also appends the full list there (GitHub
// shows only ten annotations of each kind per step); -format sarif prints a
// SARIF 2.1.0 log. Check never changes a file.
//
// It checks TOML syntax; unknown keys, keys whose letter case is wrong,
// missing required keys, values of the wrong type, and empty strings; ids
// and file names; duplicate ids and aliases that name two terms; every
// reference between data files (related terms, comparison subjects and
// aspects, fact aspects, source ids) and from Markdown (the term and
// comparison shortcodes, links to /glossary/<id>/ and /compare/<id>/);
// that every cell of every comparison has a fact; and that source URLs are
// absolute http(s) URLs.
//
//	kb publish [-root dir]
//
// Publish, fix, new and rename refuse to write while kb check reports errors in
// data/ (a name clash above all), printing them.
//
// Publish adds the URL of every current term and comparison page to
// data/published.toml, the ledger of published URLs, and prints each URL
// it adds. It never removes one: other sites link to them. kb check fails
// when a page's URL is missing from the ledger, and when a URL in the
// ledger would stop working; a renamed or removed term keeps its old id in
// former_ids, and its old URL redirects.
//
//	kb linkcheck [-base url] [-root dir] [dir]
//
// Linkcheck reads the site built in dir (public/ by default) and reports
// every internal link that leads nowhere, one per line,
//
//	file: broken link → target (reason)
//
// checking that each href and src resolves to a built file, each #fragment
// to an element id on its page, and each redirect page and _redirects line
// to a page that exists. -base is the base URL the site was built with
// (its path prefix and host make links internal). By default it is the
// baseURL of the Hugo configuration (hugo.toml or config.toml) in the
// repository root: -root, or else the nearest folder above dir that has
// one; "/" when there is none. A site built with hugo --baseURL needs the
// same URL in -base.
//
//	kb fix [-dry-run] [-root dir]
//
// Fix links, on every Markdown page under content/, the first mention of
// each glossary term the page names in prose but never links, by turning
// it into {{< term "<id>" "<text as written>" >}}. Front matter, code,
// headings, links, shortcodes, HTML and URLs are left alone, and so is
// every byte outside the inserted text. It also removes the byte-order
// mark an editor may put at the start of a page or of a data file
// (data/**/*.toml; kb check reports it, KB029), and so runs even when
// that is the data's only error. Files are replaced atomically; the
// temporary files of a run killed mid-write are removed by the next.
// Running it twice changes nothing the second time. -dry-run prints a
// unified diff instead of writing.
//
//	kb rename [-root dir] [-dry-run] <old> <new>
//
// Rename renames a glossary term, or a comparison, whichever <old> is, in
// one step: it moves its data file to <new>.toml, adds <old> to its
// former_ids (so the old URL redirects), adds the new URL to
// data/published.toml, and rewrites every reference to it: related,
// comparison subjects and takeaway favours, criteria favours, term and
// comparison shortcodes by id (one by an alias stays), and
// /glossary/<old>/ and /compare/<old>/ links (keeping any #fragment), in
// pages and in the Markdown fields of data files. Every other byte stays
// as it was. It works out every file before writing any, and if a write
// fails restores those written. It refuses an invalid or taken <new>, an
// unknown <old>, and data with errors; run again, it says the rename is
// done and exits 0. -dry-run prints a unified diff instead of writing.
//
//	kb links [-root dir]
//
// Links writes what the site derives from the whole knowledge base, once,
// in Go, under resources/kb/: the cross-link graph kb check counts (which
// pages and which terms' definitions refer to each term, and which pages
// show each comparison's table) to links.json, where term pages read
// their "Pages that use this term" and "Mentioned in these glossary
// entries" and comparison pages their related reading; the redirect
// addresses of every term and comparison to redirects.json; and the date
// each data file last changed to dates.json. The files are generated,
// never committed; make build runs links before Hugo, and a Hugo build
// without them fails, naming this command. It rewrites a file only when
// its content changed.
//
//	kb serve [-root dir] [hugo server flags]
//
// Serve writes the graph as links does, starts `go tool hugo server` with
// the flags given, and rewrites the graph whenever a file under content/
// or data/ changes, so the server shows a changed backlink after an edit.
// It stops when Hugo does (Ctrl-C stops both).
//
//	kb new term|comparison|source <id> [-root dir]
//
// New writes a valid, commented starting file for a new term
// (data/glossary/<id>.toml) or comparison (data/comparisons/<id>.toml), or
// appends a commented entry to data/sources.toml, in the line ending the
// file uses; for a term or comparison it also adds the page's URL to
// data/published.toml, so that kb check passes at once. It prints the
// paths it wrote and what to fill in next. It refuses an id
// that is not kebab-case, is a device name Windows reserves (con, aux,
// nul, prn, com1…com9, lpt1…lpt9: no file can be called con.toml there),
// or is taken, and never overwrites a file.
//
//	kb init [-root dir] [-module path]
//
// Init sets up any Hugo site to keep its own knowledge base, validated by
// kb: it adds the import of the Hugo module github.com/cloudkb/kb (its
// templates only, never its data) and the mounts kb needs to the site's
// hugo.toml or config.toml, creating hugo.toml if there is none, and
// writes an example term, source, aspect and ledger under data/, the
// glossary and comparison sections under content/, the JSON Schemas and
// a Makefile (or kb.sh beside the site's own Makefile). It writes a go.mod
// declaring -module when the site has none. It never replaces a file,
// refuses a YAML or JSON configuration or one whose module settings are
// in the way, naming what to add by hand, runs no network command, and
// prints the go get -tool lines still to run. docs/use-kb.md is the guide.
//
//	kb stale [-root dir] [-due]
//
// Stale lists every dated claim (each fact, takeaway and criterion, and
// each term definition that has a checked date) by the day it was last
// checked against its sources, oldest first, one per line:
//
//	path:line:col: checked 2026-11-20, due 2028-05-20: fact scaling of term container
//
// A claim is due 18 months after it was checked, or 12 for a fact marked
// time_sensitive; kb check warns about one past due (KB033). -due lists
// only the claims due by today. It prints how many are due, and exits 0.
//
//	kb schema [-root dir]
//
// Schema writes the JSON Schema of every data file type, generated from the
// Go model, into static/schemas/. Every data file names its schema in a
// first line "#:schema …", so editors with a TOML language server (Even
// Better TOML, taplo) complete, explain and validate keys while you type.
//
//	kb gen-bench -terms N -pages M -comparisons K -seed S [-plain] -out dir
//
// Gen-bench writes a synthetic knowledge base (data/ and content/) into
// dir for benchmarks: the same seed always gives the same files. -plain
// writes the same pages without shortcodes, for a baseline build.
//
//	kb lock [-root dir]
//
// Lock fetches the glossary index (/glossary/index.json) of every other
// knowledge base declared in data/remotes.toml and writes it verbatim to
// data/remotes/<prefix>.json, its lock, once it has checked the index's
// shape (version 1; every term with an id, a name and a url). Pages link
// those terms as {{< term "<prefix>:<id>" >}}; kb check and the site read
// only the lock, so both work offline. Like go.sum, a lock changes only
// when lock runs: it fetches every index before writing any, and rewrites
// a lock, atomically, only when its index changed.
//
//	kb inventory [-root dir] [-project name] [-version v] [dir]
//
// Inventory writes dir/objects.inv (dir is public/ by default, the built
// site), a Sphinx inventory through which Sphinx's intersphinx and MkDocs'
// mkdocstrings link to the glossary by name: a std:term entry for each
// term's name, id, alias and former id (lower-cased), and a std:doc
// (compare/<id>) and a std:label (<id>) entry for each comparison. make
// build runs it after Hugo. docs/linking.md shows how to use it.
//
//	kb diff [-root dir] [-format text|markdown|json] [base]
//
// Diff reports what changed in the knowledge between the git revision base
// (by default where HEAD left main, `git merge-base HEAD main`, else HEAD)
// and the working tree: terms, comparisons, sources, the guide's criteria
// and the URL ledger added, removed or renamed (a new id whose former_ids
// holds a removed one), every changed field with its old and new value (a
// word diff for a definition or note), citations added and removed, checked
// dates moved, and the comparison cells and takeaways that change on the
// site because a fact they show changed. It flags a fact, takeaway or
// criterion whose content changed while its checked date did not. It reads
// the revision with git ls-tree and cat-file, never checking it out.
// -format markdown suits a pull request comment, -format json is
// documented in tools/internal/knowdiff. It exits 0 whatever changed.
//
// Exit status: 0 when there is no error, 1 when there is one or more (or,
// with -strict, a warning), 2 for a usage error, which kb names before
// printing the usage ("kb: unknown format "xml": use text, json, github or
// sarif").
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cloudkb/kb/tools/internal/benchgen"
	"github.com/cloudkb/kb/tools/internal/check"
	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/fix"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/linkcheck"
	"github.com/cloudkb/kb/tools/internal/publish"
	"github.com/cloudkb/kb/tools/internal/report"
	"github.com/cloudkb/kb/tools/internal/scaffold"
	"github.com/cloudkb/kb/tools/internal/schema"
	"github.com/cloudkb/kb/tools/internal/stale"
)

func usage() {
	fmt.Fprintf(os.Stderr, "usage: kb check [-root dir] [-format text|json|github|sarif] [-strict]\n")
	fmt.Fprintf(os.Stderr, "       kb publish [-root dir]\n")
	fmt.Fprintf(os.Stderr, "       kb linkcheck [-base url] [-root dir] [dir]\n")
	fmt.Fprintf(os.Stderr, "       kb fix [-dry-run] [-root dir]\n")
	fmt.Fprintf(os.Stderr, "       kb rename [-root dir] [-dry-run] <old> <new>\n")
	fmt.Fprintf(os.Stderr, "       kb links [-root dir]\n")
	fmt.Fprintf(os.Stderr, "       kb serve [-root dir] [hugo server flags]\n")
	fmt.Fprintf(os.Stderr, "       kb new term|comparison|source <id> [-root dir]\n")
	fmt.Fprintf(os.Stderr, "       kb init [-root dir] [-module path]\n")
	fmt.Fprintf(os.Stderr, "       kb stale [-root dir] [-due]\n")
	fmt.Fprintf(os.Stderr, "       kb schema [-root dir]\n")
	fmt.Fprintf(os.Stderr, "       kb gen-bench -terms N -pages M -comparisons K -seed S [-plain] -out dir\n")
	fmt.Fprintf(os.Stderr, "       kb inventory [-root dir] [-project name] [-version v] [dir]\n")
	fmt.Fprintf(os.Stderr, "       kb lock [-root dir]\n")
	fmt.Fprintf(os.Stderr, "       kb diff [-root dir] [-format text|markdown|json] [base]\n")
	os.Exit(2)
}

func main() {
	log.SetPrefix("kb: ")
	log.SetFlags(0)
	flag.Usage = usage
	flag.Parse()
	if flag.NArg() < 1 {
		usage()
	}
	switch cmd, args := flag.Arg(0), flag.Args()[1:]; cmd {
	case "check":
		os.Exit(runCheck(args))
	case "publish":
		os.Exit(runPublish(args))
	case "linkcheck":
		os.Exit(runLinkcheck(args))
	case "fix":
		os.Exit(runFix(args))
	case "rename":
		os.Exit(runRename(args))
	case "links":
		os.Exit(runLinks(args))
	case "serve":
		os.Exit(runServe(args))
	case "new":
		os.Exit(runNew(args))
	case "init":
		os.Exit(runInit(args))
	case "schema":
		os.Exit(runSchema(args))
	case "stale":
		os.Exit(runStale(args))
	case "gen-bench":
		os.Exit(runGenBench(args))
	case "inventory":
		os.Exit(runInventory(args))
	case "lock":
		os.Exit(runLock(args))
	case "diff":
		os.Exit(runDiff(args))
	default:
		log.Printf("unknown command %q", cmd)
		usage()
	}
}

// subcommand returns the flag set of a command, which prints the usage
// and exits 2 on a flag it does not know.
func subcommand(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ExitOnError)
	fs.Usage = usage
	return fs
}

// usageError says what is wrong with the command line, prints the usage
// and exits 2: a bare usage would leave the reader to guess.
func usageError(format string, args ...any) {
	log.Printf(format, args...)
	usage()
}

// parseArgs parses a command's flags and allows at most max arguments
// after them; on anything else it exits 2, saying why.
func parseArgs(fs *flag.FlagSet, args []string, max int) {
	fs.Parse(args) // flag.ExitOnError: a bad flag exits 2 with flag's own message
	if fs.NArg() <= max {
		return
	}
	extra := fs.Arg(max)
	if strings.HasPrefix(extra, "-") {
		// flag stops at the first argument, so a later flag is read as one.
		usageError("%s: flag %s comes after an argument: put flags first", fs.Name(), extra)
	}
	usageError("%s: unexpected argument %q", fs.Name(), extra)
}

// oneOf lists words for a message: "text, json, github or sarif".
func oneOf(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func runCheck(args []string) int {
	fs := subcommand("check")
	root := fs.String("root", ".", "the repository root: the folder holding data/ and content/")
	format := fs.String("format", "text", "output format: "+strings.Join(report.Formats, ", "))
	strict := fs.Bool("strict", false, "fail on warnings too")
	parseArgs(fs, args, 0)
	if !slices.Contains(report.Formats, *format) {
		usageError("unknown format %q: use %s", *format, oneOf(report.Formats))
	}
	diags := check.Run(os.DirFS(*root))
	var summary io.Writer
	if path := os.Getenv("GITHUB_STEP_SUMMARY"); path != "" && *format == "github" {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			log.Fatalf("step summary: %v", err)
		}
		defer f.Close()
		summary = f
	}
	// Buffered: a run with 200,000 problems is one write per 4 KiB, not
	// one per line.
	out := bufio.NewWriter(os.Stdout)
	if err := report.Write(out, *format, diags, summary); err != nil {
		log.Fatal(err)
	}
	if err := out.Flush(); err != nil {
		log.Fatal(err)
	}
	errs, warns := diags.Count()
	if errs+warns > 0 {
		log.Printf("%d errors, %d warnings", errs, warns)
	}
	if errs > 0 || *strict && warns > 0 {
		return 1
	}
	return 0
}

// dataErrors prints the errors kb check finds in data/ and reports
// whether there were any: a command that writes refuses to run then.
// Errors with one of the codes in repairs are left out: the command
// repairs them itself.
func dataErrors(root, cmd string, repairs ...string) bool {
	errs := check.DataErrors(os.DirFS(root), repairs...)
	for _, e := range errs {
		fmt.Fprintln(os.Stderr, e)
	}
	if len(errs) > 0 {
		log.Printf("%s: the data has %d errors: fix them first (go tool kb check); nothing was written", cmd, len(errs))
	}
	return len(errs) > 0
}

func runPublish(args []string) int {
	fs := subcommand("publish")
	root := fs.String("root", ".", "the repository root")
	parseArgs(fs, args, 0)
	if dataErrors(*root, "publish") {
		return 1
	}
	added, err := publish.Update(*root)
	if err != nil {
		log.Print(err)
		return 1
	}
	for _, u := range added {
		fmt.Println(u)
	}
	return 0
}

func runLinkcheck(args []string) int {
	fs := subcommand("linkcheck")
	base := fs.String("base", "", "the base URL the site was built with (default: the baseURL of the repository's Hugo configuration, else /)")
	root := fs.String("root", "", "the repository root, whose hugo.toml or config.toml gives the default base URL (default: the nearest folder above the site's that has one)")
	parseArgs(fs, args, 1)
	dir := "public"
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		log.Printf("no built site in %s: run make build first", dir)
		return 1
	}
	baseURL, from, err := linkcheckBase(*base, *root, dir)
	if err != nil {
		log.Print(err)
		return 1
	}
	broken, err := linkcheck.Check(os.DirFS(dir), linkcheck.Options{Base: baseURL})
	if err != nil {
		log.Print(err)
		return 1
	}
	for _, b := range broken {
		fmt.Println(b)
	}
	if len(broken) > 0 {
		// The base decides what is internal: say which one was used.
		log.Printf("%d broken links, with base URL %s (%s)", len(broken), baseURL, from)
		if slices.ContainsFunc(broken, func(b linkcheck.Broken) bool { return strings.HasPrefix(b.Reason, "outside the site's base path") }) {
			log.Printf("a site built with another base URL (hugo --baseURL, hugo server) needs it in -base")
		}
		return 1
	}
	return 0
}

// linkcheckBase returns the base URL kb linkcheck checks the site in dir
// against, and where it comes from: -base when given, else the baseURL of
// the Hugo configuration in root, or in the nearest folder above dir that
// has one, else "/".
func linkcheckBase(base, root, dir string) (string, string, error) {
	if base != "" {
		return base, "from -base", nil
	}
	if root == "" {
		r, err := linkcheck.FindRoot(dir)
		if err != nil {
			return "", "", err
		}
		root = r
	}
	if root != "" {
		b, file, err := linkcheck.BaseURL(root)
		if err != nil {
			return "", "", err
		}
		if b != "" {
			if wd, err := os.Getwd(); err == nil {
				if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
					file = rel
				}
			}
			return b, "the baseURL in " + file + "; -base overrides it", nil
		}
	}
	return "/", "no Hugo configuration sets a baseURL; -base overrides it", nil
}

func runGenBench(args []string) int {
	fs := subcommand("gen-bench")
	var o benchgen.Options
	fs.IntVar(&o.Terms, "terms", 1000, "glossary terms")
	fs.IntVar(&o.Pages, "pages", 1000, "Markdown pages")
	fs.IntVar(&o.Comparisons, "comparisons", 100, "comparisons")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed")
	fs.BoolVar(&o.Plain, "plain", false, "write plain Markdown pages without shortcodes")
	out := fs.String("out", "", "the folder to write (required)")
	parseArgs(fs, args, 0)
	switch {
	case *out == "":
		usageError("gen-bench: -out is required")
	case o.Terms < 4:
		usageError("gen-bench: -terms is %d: it must be at least 4", o.Terms)
	case o.Pages < 0:
		usageError("gen-bench: -pages is %d: it must not be negative", o.Pages)
	case o.Comparisons < 0:
		usageError("gen-bench: -comparisons is %d: it must not be negative", o.Comparisons)
	}
	if err := benchgen.Write(*out, o); err != nil {
		log.Print(err)
		return 1
	}
	fmt.Println(*out)
	return 0
}

func runNew(args []string) int {
	if len(args) < 2 {
		usageError("new: want a kind and an id, as in kb new term <id> (kinds: %s)", oneOf(scaffold.Kinds))
	}
	kind, id := args[0], args[1]
	fs := subcommand("new")
	root := fs.String("root", ".", "the repository root")
	parseArgs(fs, args[2:], 0)
	// What is wrong with the command itself comes before the data's errors.
	if !slices.Contains(scaffold.Kinds, kind) {
		usageError("unknown kind %q: use %s", kind, oneOf(scaffold.Kinds))
	}
	if err := scaffold.CheckID(id); err != nil {
		log.Print(err)
		return 1
	}
	if dataErrors(*root, "new") {
		return 1
	}
	res, err := scaffold.New(*root, kind, id)
	if errors.Is(err, scaffold.ErrUnknownKind) {
		log.Print(err)
		usage()
	}
	if err != nil {
		log.Print(err)
		return 1
	}
	fmt.Println(res.Path)
	if res.Ledger != "" {
		fmt.Println(res.Ledger)
	}
	for _, n := range res.Notes {
		log.Print(n)
	}
	return 0
}

func runStale(args []string) int {
	fs := subcommand("stale")
	root := fs.String("root", ".", "the repository root")
	dueOnly := fs.Bool("due", false, "list only the claims due to be checked again")
	parseArgs(fs, args, 0)
	diags := &diag.List{}
	kb := kbdata.Load(os.DirFS(*root), diags)
	out := bufio.NewWriter(os.Stdout)
	due, err := stale.Report(out, kb, diags, check.Today(), *dueOnly)
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		log.Fatal(err)
	}
	if due > 0 {
		log.Printf("%d claims due to be checked again", due)
	}
	return 0
}

func runSchema(args []string) int {
	fs := subcommand("schema")
	root := fs.String("root", ".", "the repository root")
	parseArgs(fs, args, 0)
	if err := schema.Write(filepath.Join(*root, filepath.FromSlash(schema.Dir))); err != nil {
		log.Print(err)
		return 1
	}
	return 0
}

func runFix(args []string) int {
	fs := subcommand("fix")
	root := fs.String("root", ".", "the repository root")
	dryRun := fs.Bool("dry-run", false, "print a unified diff instead of writing")
	parseArgs(fs, args, 0)
	// A byte-order mark is an error fix removes: it must not stop fix.
	if dataErrors(*root, "fix", diag.CodeBOM) {
		return 1
	}
	kb := kbdata.Load(os.DirFS(*root), &diag.List{})
	changed, err := fix.Files(*root, kb, *dryRun, os.Stdout)
	if !*dryRun {
		// Report what was done even when another file failed.
		for _, c := range changed {
			log.Print(c)
		}
	}
	if err != nil {
		log.Print(err)
		return 1
	}
	return 0
}
