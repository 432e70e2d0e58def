// Kb checks and maintains the cloud architecture knowledge base.
//
// Usage:
//
//	kb check [-root dir]
//
// Check reads every TOML file under data/ and every Markdown file under
// content/, and prints each problem it finds on a line of its own,
//
//	path:line:col: message
//
// with the path relative to the repository root and the column counted in
// bytes, sorted by file and position. Warnings start "warning:". It never
// changes a file.
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
// Exit status: 0 when there is no error, 1 when there is one or more, 2 for
// a usage error.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/cloudkb/kb/tools/internal/check"
)

func usage() {
	fmt.Fprintf(os.Stderr, "usage: kb check [-root dir]\n")
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
	default:
		log.Printf("unknown command %q", cmd)
		usage()
	}
}

func runCheck(args []string) int {
	fs := flag.NewFlagSet("check", flag.ExitOnError)
	fs.Usage = usage
	root := fs.String("root", ".", "the repository root: the folder holding data/ and content/")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		usage()
	}
	diags := check.Run(os.DirFS(*root))
	for _, d := range diags.Items {
		fmt.Println(diags.Line(d))
	}
	errs, warns := diags.Count()
	if errs+warns > 0 {
		log.Printf("%d errors, %d warnings", errs, warns)
	}
	if errs > 0 {
		return 1
	}
	return 0
}
