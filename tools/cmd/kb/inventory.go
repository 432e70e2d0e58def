package main

import (
	"fmt"
	"log"
	"os"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/inventory"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

func runInventory(args []string) int {
	fs := subcommand("inventory")
	root := fs.String("root", ".", "the repository root: the folder holding data/")
	project := fs.String("project", "Cloud Architecture Knowledge Base", "the project name Sphinx shows in each link's title")
	version := fs.String("version", "", "the version Sphinx shows after the project name (default: none)")
	parseArgs(fs, args, 1)
	dir := "public"
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		log.Printf("inventory: no built site in %s: run make build first", dir)
		return 1
	}
	// A name of two terms would link to one of them at random.
	if dataErrors(*root, "inventory") {
		return 1
	}
	kb := kbdata.Load(os.DirFS(*root), &diag.List{})
	entries, skipped, err := inventory.FromKB(kb)
	if err != nil {
		log.Print(err)
		return 1
	}
	for _, s := range skipped {
		log.Printf("inventory: %s", s)
	}
	inv := inventory.Inventory{Project: *project, Version: *version, Entries: entries}
	path, err := inv.Write(dir)
	if err != nil {
		log.Print(err)
		return 1
	}
	fmt.Println(path)
	return 0
}
