package main

import (
	"context"
	"errors"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/cloudkb/kb/tools/internal/backlinks"
)

func runLinks(args []string) int {
	fs := subcommand("links")
	root := fs.String("root", ".", "the repository root: the folder holding data/ and content/")
	parseArgs(fs, args, 0)
	if _, err := backlinks.Write(*root); err != nil {
		log.Print(err)
		return 1
	}
	return 0
}

// runServe runs Hugo's server as a child process and keeps the backlink
// graph current beside it. Hugo watches the graph's file like any data
// file, so a rewrite reloads the pages it changes.
func runServe(args []string) int {
	fs := subcommand("serve")
	root := fs.String("root", ".", "the repository root: the folder holding data/ and content/")
	if err := fs.Parse(args); err != nil {
		usage()
	}
	if _, err := backlinks.Write(*root); err != nil {
		log.Print(err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	hugo := exec.Command("go", append([]string{"tool", "hugo", "server"}, fs.Args()...)...)
	hugo.Dir = *root
	hugo.Stdin, hugo.Stdout, hugo.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := hugo.Start(); err != nil {
		log.Printf("serve: %v", err)
		return 1
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	go func() {
		err := backlinks.Watch(watchCtx, *root, func(changed bool, err error) {
			if err != nil {
				log.Printf("serve: %v", err)
			}
		})
		if err != nil {
			log.Printf("serve: backlinks will not follow edits: %v", err)
		}
	}()
	go func() {
		// Ctrl-C reaches Hugo from the terminal too; a plain kill of kb
		// is passed on, so Hugo never outlives it.
		<-ctx.Done()
		_ = hugo.Process.Signal(os.Interrupt)
	}()
	err := hugo.Wait()
	stopWatch()
	var exit *exec.ExitError
	switch {
	case err == nil || ctx.Err() != nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	default:
		log.Printf("serve: %v", err)
		return 1
	}
}
