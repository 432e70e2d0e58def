# The two commands a newcomer needs are `make serve` and `make test`.
# Hugo and kb are go.mod tools: the first call compiles them (Hugo takes
# about 4-5 minutes), later calls start at once from Go's build cache.

HUGO := go tool hugo
KB   := go tool kb

.PHONY: all check check-strict build serve test fmt-check vet lint gotest fuzz tools bench clean

all: test

## check: validate data/ and content/ (every problem, path:line:col)
check:
	$(KB) check

# In CI warnings fail too: an orphan term or a one-way link is a defect to fix.
check-strict:
	$(KB) check -strict

## build: check, then write the site to public/ and its search index to public/pagefind/
# BASEURL overrides config.toml's address (the deploy workflow passes the
# Pages URL); empty keeps config.toml's.
BASEURL ?=
build: check node_modules
	$(KB) links
	$(HUGO) --gc --cleanDestinationDir --minify $(if $(BASEURL),--baseURL "$(BASEURL)")
	$(KB) inventory public
	npx --no-install pagefind --site public

# The Node packages pinned in package-lock.json: Pagefind (search) and axe-core (the
# browser tests' accessibility checks). npm ci runs again when either file changes.
node_modules: package.json package-lock.json
	npm ci
	@touch node_modules

## serve: check, then serve the site with live reload on http://localhost:1313
# kb serve runs Hugo's server and rewrites the backlink graph
# (resources/kb/links.json) on every edit under content/ or data/.
serve: check
	$(KB) serve -- --bind 127.0.0.1 --port 1313 --baseURL http://localhost:1313/

## test: the whole suite (formatting, vet, staticcheck, actionlint, Go tests with the real site build, kb check)
test: fmt-check vet lint tools gotest check-strict

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	go vet ./...

lint:
	go tool staticcheck ./...
	go tool actionlint

# Compile the tools once, outside go test's time limit.
tools:
	$(HUGO) version
	go build ./tools/...

# The browser tests (Lighthouse included) take several minutes on a 2-core machine: more
# than go test's default limit of 10 minutes per package leaves room for a loaded one.
gotest:
	go test -timeout 30m ./...

## fuzz: run every fuzz test under tools/ for FUZZTIME each (default 30s)
FUZZTIME ?= 30s
fuzz:
	@# Every fuzz test is found by its name (func FuzzX in a _test.go file),
	@# so a new one cannot be forgotten here. Every one runs even when one
	@# fails (its input is then kept under testdata/fuzz/); the target fails
	@# at the end, naming what failed.
	@failed=; \
	for t in $$(grep -rn --include='*_test.go' '^func Fuzz' tools | sed -E 's#^(.*)/[^/]*:[0-9]+:func (Fuzz[A-Za-z0-9_]*).*#\1:\2#'); do \
		pkg=./$${t%%:*}; name=$${t#*:}; \
		echo "go test -run '^$$' -fuzz '^$$name\$$' -fuzztime $(FUZZTIME) $$pkg"; \
		go test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg || failed="$$failed $$name"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: failed:$$failed" >&2; exit 1; fi

## bench: measure kb check and the Hugo build at 1,000, 10,000 and 30,000 terms, and the live-edit
## latency under kb serve at 1,000 and 10,000 (see docs/performance.md)
# BENCH_LIVE=false skips the live edit; it is measured at the sizes up to BENCH_LIVE_MAX.
BENCH_SIZES ?= 1000,10000,30000
BENCH_LIVE ?= true
BENCH_LIVE_MAX ?= 10000
bench:
	go run ./tools/bench -sizes $(BENCH_SIZES) -live=$(BENCH_LIVE) -live-max $(BENCH_LIVE_MAX)

clean:
	rm -rf public resources .hugo_build.lock
