package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"time"

	"github.com/cloudkb/kb/tools/internal/liveedit"
)

// Live-edit timings.
const (
	// pollEvery is how often the page is requested after a save.
	pollEvery = 10 * time.Millisecond
	// readyTimeout bounds a server's first build; editTimeout one edit.
	readyTimeout = 20 * time.Minute
	editTimeout  = 5 * time.Minute
	// The first lines of a Markdown page and of a term's definition, after
	// which the marker goes (benchgen writes both).
	frontMatterEnd  = "\n---\n"
	definitionStart = "definition = \"\"\"\n"
	// The page edited: the first article, in both variants.
	pagePath = "content/learning/page-00000.md"
	pageURL  = "learning/page-00000/"
)

// liveTimes are the median latencies of one site's edits.
type liveTimes struct{ term, page time.Duration }

// liveRow is a row of the live-edit table.
type liveRow struct {
	terms       int
	full, plain liveTimes
}

// liveSite describes one site to measure: how to start its server on a
// port, and where its term and page are.
type liveSite struct {
	name     string
	dir      string
	start    func(port int) (*liveedit.Server, error)
	termPath string // relative to dir
	termAnc  string
}

// measureLive measures the live-edit latency of the full site under kb
// serve, as make serve runs it, and of the plain site under plain hugo
// server, on the same term and page. quiet is how long a server must
// stay silent before the next edit (see liveedit.Server.Settle).
func measureLive(root, bin, full, plain string, runs int, quiet time.Duration) (liveRow, error) {
	// Ctrl-C does not reach the servers, which run in their own process
	// groups: stop them on the way out.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// kb serve runs `go tool hugo server`, which needs the go.mod that
	// pins Hugo in the folder it runs in, as in the repository.
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := copyPath(filepath.Join(root, f), filepath.Join(full, f)); err != nil {
			return liveRow{}, err
		}
	}
	id, err := firstTerm(full)
	if err != nil {
		return liveRow{}, err
	}
	serverArgs := func(port int) []string {
		return []string{"--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--baseURL", fmt.Sprintf("http://127.0.0.1:%d/", port)}
	}
	sites := []liveSite{
		{
			name: "full",
			dir:  full,
			start: func(port int) (*liveedit.Server, error) {
				return liveedit.Start(full, filepath.Join(bin, "kb"), append([]string{"serve", "--"}, serverArgs(port)...)...)
			},
			termPath: "data/glossary/" + id + ".toml",
			termAnc:  definitionStart,
		},
		{
			// The plain variant writes each term's page as Markdown, at
			// the same URL.
			name: "plain",
			dir:  plain,
			start: func(port int) (*liveedit.Server, error) {
				return liveedit.Start(plain, filepath.Join(bin, "hugo"), append([]string{"server"}, serverArgs(port)...)...)
			},
			termPath: "content/glossary/" + id + ".md",
			termAnc:  frontMatterEnd,
		},
	}
	var times [2]liveTimes
	for i, s := range sites {
		if times[i], err = s.measure(ctx, id, runs, quiet); err != nil {
			return liveRow{}, fmt.Errorf("live edit, %s site: %w", s.name, err)
		}
	}
	return liveRow{full: times[0], plain: times[1]}, nil
}

// measure starts the site's server, times runs edits of the term and of
// the page, each from the save to the first response that shows it, and
// returns the medians. The server is stopped, and the files restored,
// whatever happens.
func (s liveSite) measure(ctx context.Context, id string, runs int, quiet time.Duration) (t liveTimes, err error) {
	port, err := liveedit.FreePort()
	if err != nil {
		return t, err
	}
	base := fmt.Sprintf("http://127.0.0.1:%d/", port)
	var edits [2]liveedit.Edit
	for i, e := range []struct{ path, anchor, url string }{
		{s.termPath, s.termAnc, base + "glossary/" + id + "/"},
		{pagePath, frontMatterEnd, base + pageURL},
	} {
		p := filepath.Join(s.dir, filepath.FromSlash(e.path))
		orig, rerr := os.ReadFile(p)
		if rerr != nil {
			return t, rerr
		}
		edits[i] = liveedit.Edit{Path: p, Orig: orig, Anchor: e.anchor, URL: e.url}
		defer func() {
			if rerr := edits[i].Restore(); rerr != nil && err == nil {
				err = rerr
			}
		}()
	}
	log.Printf("live edit: starting the %s site's server on %s", s.name, base)
	srv, err := s.start(port)
	if err != nil {
		return t, err
	}
	defer func() {
		if serr := srv.Stop(); serr != nil && err == nil {
			err = serr
		}
		if err != nil {
			err = fmt.Errorf("%w; the server's last output:\n%s", err, srv.Output())
		}
	}()
	client := &http.Client{Timeout: time.Minute}
	readyCtx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	for _, e := range edits {
		if err := srv.WaitReady(readyCtx, client, e.URL, 100*time.Millisecond); err != nil {
			return t, err
		}
	}
	if err := srv.Settle(readyCtx, quiet); err != nil {
		return t, err
	}
	var got [2][]time.Duration
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	for r := range runs {
		for i, kind := range []string{"term", "page"} {
			marker := fmt.Sprintf("kblive%s%s%d ", nonce, kind, r)
			built := len(srv.Builds())
			editCtx, cancel := context.WithTimeout(ctx, editTimeout)
			d, err := edits[i].Measure(editCtx, client, marker, pollEvery)
			if err == nil {
				err = srv.Settle(editCtx, quiet)
			}
			cancel()
			if err != nil {
				return t, fmt.Errorf("%s edit: %w", kind, err)
			}
			log.Printf("live edit: %s site, %s edit %d: %.3f s (Hugo's rebuilds after it: %v)", s.name, kind, r+1, d.Seconds(), srv.Builds()[built:])
			got[i] = append(got[i], d)
		}
	}
	return liveTimes{term: median(got[0]), page: median(got[1])}, nil
}

// firstTerm returns the id of the first term file, by name.
func firstTerm(site string) (string, error) {
	names, err := filepath.Glob(filepath.Join(site, "data", "glossary", "*.toml"))
	if err != nil || len(names) == 0 {
		return "", fmt.Errorf("no term in %s: %v", site, err)
	}
	slices.Sort(names)
	base := filepath.Base(names[0])
	return base[:len(base)-len(".toml")], nil
}

// median returns the middle of ds, or the mean of the middle two.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

// printLive prints the live-edit table.
func printLive(rows []liveRow) {
	fmt.Println()
	fmt.Println("| terms | term edit (s) | term edit plain (s) | term full/plain | page edit (s) | page edit plain (s) | page full/plain |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		fmt.Printf("| %d | %.3f | %.3f | %.2f | %.3f | %.3f | %.2f |\n", r.terms,
			r.full.term.Seconds(), r.plain.term.Seconds(), r.full.term.Seconds()/r.plain.term.Seconds(),
			r.full.page.Seconds(), r.plain.page.Seconds(), r.full.page.Seconds()/r.plain.page.Seconds())
	}
}
