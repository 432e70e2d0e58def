# The knowledge base's commands, written by `go tool kb init`. kb and Hugo run as
# Go tools of this module (the tool lines of go.mod), so Go is all they need. The
# guide: docs/use-kb.md of github.com/cloudkb/kb.

KB   := go tool kb
HUGO := go tool hugo

.PHONY: check serve test build

## check: validate data/ and every reference to it from content/ (path:line:col)
check:
	$(KB) check

## serve: check, then serve the site with live reload on http://localhost:1313
# kb serve runs Hugo's server and rewrites the backlink graph
# (resources/kb/links.json) on every edit under content/ or data/.
serve: check
	$(KB) serve -- --bind 127.0.0.1 --port 1313 --baseURL http://localhost:1313/

## test: check, then build the whole site in memory: a reference Hugo cannot
## resolve fails the build, naming its file:line:col
test: check
	$(KB) links
	$(HUGO) --renderToMemory --logLevel warn

## build: check, then write the site to public/
build: check
	$(KB) links
	$(HUGO) --gc --minify
