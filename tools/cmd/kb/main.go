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
// Publish, fix and new refuse to write while kb check reports errors in
// data/ (a name clash above all), printing them.
//
// Publish adds the URL of every current term and comparison page to
// data/published.toml, the ledger of published URLs, and prints each URL
// it adds. It never removes one: other sites link to them. kb check fails
// when a page's URL is missing from the ledger, and when a URL in the
// ledger would stop working; a renamed or removed term keeps its old id in
// former_ids, and its old URL redirects.
//
//	kb linkcheck [-base url] dir
//
// Linkcheck reads the site built in dir (public/ by default) and reports
// every internal link that leads nowhere, one per line,
//
//	file: broken link → target (reason)
//
// checking that each href and src resolves to a built file, each #fragment
// to an element id on its page, and each redirect page and _redirects line
// to a page that exists. -base is the base URL the site was built with
// (its path prefix and host make links internal).
//
//	kb fix [-dry-run] [-root dir]
//
// Fix links, on every Markdown page under content/, the first mention of
// each glossary term the page names in prose but never links, by turning
// it into {{< term "<id>" "<text as written>" >}}. Front matter, code,
// headings, links, shortcodes, HTML and URLs are left alone, and so is
// every byte outside the inserted text. Files are replaced atomically.
// Running it twice changes nothing the second time. -dry-run prints a
// unified diff instead of writing.
//
//	kb links [-root dir]
//
// Links writes the cross-link graph kb check counts (which pages and which
// terms' definitions refer to each term) to resources/kb/links.json, where
// the site's term pages read their "Pages that use this term" and
// "Mentioned in these glossary entries". The file is generated, never
// committed; make build runs links before Hugo, and a Hugo build without
// the file fails, naming this command. It rewrites the file only when the
// graph changed.
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
// appends a commented entry to data/sources.toml, and prints the path and
// what to do next. It refuses an id that is not kebab-case or is taken, and
// never overwrites a file.
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
// Exit status: 0 when there is no error, 1 when there is one or more (or,
// with -strict, a warning), 2 for a usage error.
package main

import (
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
)

func usage() {
	fmt.Fprintf(os.Stderr, "usage: kb check [-root dir] [-format text|json|github|sarif] [-strict]\n")
	fmt.Fprintf(os.Stderr, "       kb publish [-root dir]\n")
	fmt.Fprintf(os.Stderr, "       kb linkcheck [-base url] [dir]\n")
	fmt.Fprintf(os.Stderr, "       kb fix [-dry-run] [-root dir]\n")
	fmt.Fprintf(os.Stderr, "       kb links [-root dir]\n")
	fmt.Fprintf(os.Stderr, "       kb serve [-root dir] [hugo server flags]\n")
	fmt.Fprintf(os.Stderr, "       kb new term|comparison|source <id> [-root dir]\n")
	fmt.Fprintf(os.Stderr, "       kb schema [-root dir]\n")
	fmt.Fprintf(os.Stderr, "       kb gen-bench -terms N -pages M -comparisons K -seed S [-plain] -out dir\n")
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
	case "links":
		os.Exit(runLinks(args))
	case "serve":
		os.Exit(runServe(args))
	case "new":
		os.Exit(runNew(args))
	case "schema":
		os.Exit(runSchema(args))
	case "gen-bench":
		os.Exit(runGenBench(args))
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

func runCheck(args []string) int {
	fs := subcommand("check")
	root := fs.String("root", ".", "the repository root: the folder holding data/ and content/")
	format := fs.String("format", "text", "output format: "+strings.Join(report.Formats, ", "))
	strict := fs.Bool("strict", false, "fail on warnings too")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || !slices.Contains(report.Formats, *format) {
		usage()
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
	if err := report.Write(os.Stdout, *format, diags, summary); err != nil {
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
func dataErrors(root, cmd string) bool {
	errs := check.DataErrors(os.DirFS(root))
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
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		usage()
	}
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
	base := fs.String("base", "/", "the base URL the site was built with")
	if err := fs.Parse(args); err != nil || fs.NArg() > 1 {
		usage()
	}
	dir := "public"
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		log.Printf("no built site in %s: run make build first", dir)
		return 1
	}
	broken, err := linkcheck.Check(os.DirFS(dir), linkcheck.Options{Base: *base})
	if err != nil {
		log.Print(err)
		return 1
	}
	for _, b := range broken {
		fmt.Println(b)
	}
	if len(broken) > 0 {
		log.Printf("%d broken links", len(broken))
		return 1
	}
	return 0
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
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || *out == "" {
		usage()
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
		usage()
	}
	kind, id := args[0], args[1]
	fs := subcommand("new")
	root := fs.String("root", ".", "the repository root")
	if err := fs.Parse(args[2:]); err != nil || fs.NArg() > 0 {
		usage()
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
	for _, n := range res.Notes {
		log.Print(n)
	}
	return 0
}

func runSchema(args []string) int {
	fs := subcommand("schema")
	root := fs.String("root", ".", "the repository root")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		usage()
	}
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
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		usage()
	}
	if dataErrors(*root, "fix") {
		return 1
	}
	kb := kbdata.Load(os.DirFS(*root), &diag.List{})
	changed, err := fix.Files(*root, kb, *dryRun, os.Stdout)
	if err != nil {
		log.Print(err)
		return 1
	}
	if !*dryRun {
		for _, p := range changed {
			log.Printf("linked terms in %s", p)
		}
	}
	return 0
}
