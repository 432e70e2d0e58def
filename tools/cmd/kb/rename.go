package main

import (
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/rename"
)

func runRename(args []string) int {
	fs := subcommand("rename")
	root := fs.String("root", ".", "the repository root")
	dryRun := fs.Bool("dry-run", false, "print a unified diff instead of writing")
	parseArgs(fs, args, 2)
	if fs.NArg() != 2 {
		usageError("rename: want the old and the new id, as in kb rename container application-container")
	}
	old, new := fs.Arg(0), fs.Arg(1)
	plan, err := rename.New(*root, old, new)
	var de *rename.DataErrors
	if errors.As(err, &de) {
		for _, l := range de.Lines {
			fmt.Fprintln(os.Stderr, l)
		}
		log.Printf("rename: the data has %d errors: fix them first (go tool kb check); nothing was written", len(de.Lines))
		return 1
	}
	if err != nil {
		log.Printf("rename: %v", err)
		return 1
	}
	if plan.Done {
		log.Printf("rename: %s is already %s (its former_ids lists %s): nothing to do", old, new, old)
		return 0
	}
	if *dryRun {
		if err := plan.Diff(os.Stdout); err != nil {
			log.Print(err)
			return 1
		}
		return 0
	}
	if err := plan.Apply(); err != nil {
		log.Printf("rename: %v", err)
		return 1
	}
	for _, f := range plan.Files {
		if f.From != "" {
			fmt.Printf("%s → %s\n", f.From, f.Path)
		} else {
			fmt.Println(f.Path)
		}
	}
	oldURL, newURL := kbdata.TermURL(old), kbdata.TermURL(new)
	if plan.Kind == "comparison" {
		oldURL, newURL = kbdata.ComparisonURL(old), kbdata.ComparisonURL(new)
	}
	log.Printf("renamed %s %s to %s: %d references rewritten; %s now redirects to %s", plan.Kind, old, new, plan.Refs, oldURL, newURL)
	return 0
}
