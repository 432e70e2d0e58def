package main

import (
	"fmt"
	"log"

	"github.com/cloudkb/kb/tools/internal/initsite"
)

// runInit sets up a Hugo site to keep its own knowledge base
// (package initsite): the paths it writes go to stdout, as kb new's do;
// what to know and the next commands go to stderr.
func runInit(args []string) int {
	fs := subcommand("init")
	root := fs.String("root", ".", "the site's folder: the one holding (or to hold) go.mod and the Hugo configuration")
	module := fs.String("module", "", "the module path of the go.mod to write when the site has none, such as example.org/docs")
	parseArgs(fs, args, 0)
	res, err := initsite.Init(initsite.Options{Root: *root, Module: *module})
	if err != nil {
		log.Printf("init: %v", err)
		log.Print("init: nothing was written")
		return 1
	}
	for _, p := range res.Wrote {
		fmt.Println(p)
	}
	if len(res.Wrote) == 0 {
		log.Print("init: the site has everything kb init adds already")
	}
	for _, n := range res.Notes {
		log.Print(n)
	}
	log.Print("next:")
	for _, c := range res.Next {
		log.Print("  " + c)
	}
	return 0
}
