package main

import (
	"log"
	"os"
	"slices"
	"strings"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/knowdiff"
)

// runDiff reports what changed in the knowledge between a git revision and
// the working tree. It exits 0 whatever changed: it informs a review, kb
// check judges.
func runDiff(args []string) int {
	fs := subcommand("diff")
	root := fs.String("root", ".", "the repository root: the folder holding data/")
	format := fs.String("format", "text", "output format: "+strings.Join(knowdiff.Formats, ", "))
	parseArgs(fs, args, 1)
	if !slices.Contains(knowdiff.Formats, *format) {
		usageError("unknown format %q: use %s", *format, oneOf(knowdiff.Formats))
	}
	base := fs.Arg(0)
	if base == "" {
		base = knowdiff.DefaultBase(*root)
	}
	rev, err := knowdiff.Resolve(*root, base)
	if err != nil {
		log.Print(err)
		return 1
	}
	fsys, err := knowdiff.ReadRev(*root, rev)
	if err != nil {
		log.Print(err)
		return 1
	}
	// Broken data on either side still diffs: what could be read is
	// compared, and the count tells the reader the picture is partial.
	oldDiags, newDiags := &diag.List{}, &diag.List{}
	old := kbdata.Load(fsys, oldDiags)
	cur := kbdata.Load(os.DirFS(*root), newDiags)
	for _, side := range []struct {
		name  string
		diags *diag.List
	}{{base, oldDiags}, {"the working tree", newDiags}} {
		if errs, _ := side.diags.Count(); errs > 0 {
			log.Printf("the data at %s has %d errors (go tool kb check): the diff shows what could be read", side.name, errs)
		}
	}
	if err := knowdiff.Write(os.Stdout, *format, shortRev(base), knowdiff.Compare(old, cur)); err != nil {
		log.Print(err)
		return 1
	}
	return 0
}

// shortRev shortens a full commit hash (the default base, a merge base)
// to the 12 characters a reader can still paste into git.
func shortRev(rev string) string {
	if len(rev) == 40 && strings.Trim(rev, "0123456789abcdef") == "" {
		return rev[:12]
	}
	return rev
}
