package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/remote"
)

func runLock(args []string) int {
	fs := subcommand("lock")
	root := fs.String("root", ".", "the repository root: the folder holding data/")
	parseArgs(fs, args, 0)
	if _, err := os.Stat(filepath.Join(*root, filepath.FromSlash(kbdata.RemotesFile))); err != nil {
		log.Printf("lock: no %s: declare the knowledge bases to link first (docs/linking.md)", kbdata.RemotesFile)
		return 1
	}
	diags := &diag.List{}
	reg := kbdata.LoadRemotes(os.DirFS(*root), diags)
	// Only the registry's own errors stop a lock: a broken lock is what
	// this command repairs.
	var errs int
	for _, d := range diags.Items {
		if d.Severity == diag.Error && d.Path == kbdata.RemotesFile {
			fmt.Fprintln(os.Stderr, diags.Line(d))
			errs++
		}
	}
	if reg == nil || errs > 0 {
		log.Printf("lock: %s has errors: fix them first; nothing was written", kbdata.RemotesFile)
		return 1
	}
	var sources []remote.Source
	for _, r := range reg.Remotes {
		sources = append(sources, remote.Source{Prefix: r.Prefix, Index: r.Index})
	}
	done, err := remote.Lock(context.Background(), nil, filepath.Join(*root, filepath.FromSlash(kbdata.RemotesDir)), sources)
	for _, l := range done {
		state := "unchanged"
		if l.Changed {
			state = "written"
		}
		fmt.Printf("%s: %d terms, %s\n", filepath.ToSlash(l.Path), l.Terms, state)
	}
	if err != nil {
		log.Print(err)
		return 1
	}
	return 0
}
