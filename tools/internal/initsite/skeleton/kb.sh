#!/bin/sh
# The knowledge base's commands, written by `go tool kb init` beside the site's own
# Makefile, which it leaves alone: ./kb.sh check|serve|test|build, the same as the
# make targets of docs/use-kb.md (github.com/cloudkb/kb). kb and Hugo run as Go
# tools of this module (the tool lines of go.mod).
set -eu
cd "$(dirname "$0")"
case "${1:-}" in
check)
	exec go tool kb check ;;
serve)
	go tool kb check
	# kb serve runs Hugo's server and rewrites the backlink graph on every edit.
	exec go tool kb serve -- --bind 127.0.0.1 --port 1313 --baseURL http://localhost:1313/ ;;
test)
	go tool kb check
	go tool kb links
	exec go tool hugo --renderToMemory --logLevel warn ;;
build)
	go tool kb check
	go tool kb links
	exec go tool hugo --gc --minify ;;
*)
	echo "usage: ./kb.sh check|serve|test|build" >&2
	exit 2 ;;
esac
