// Bench measures how kb check and the Hugo build grow with the knowledge
// base, on synthetic knowledge bases from package benchgen, and prints a
// Markdown table. It is what `make bench` runs:
//
//	go run ./tools/bench [-sizes 1000,10000,30000] [-runs 3] [-live=true] [-live-max 10000] [-work dir]
//
// For each size N (N terms, N pages, N/10 comparisons) it measures, as
// separate processes, each the best of -runs runs:
//
//   - decode: reading and decoding every TOML file with BurntSushi/toml
//     alone, the floor for any validator;
//   - kb check: the validator end to end;
//   - kb links: writing the backlink graph the site reads (run before hugo,
//     as make build does);
//   - hugo: building the site with our layouts, shortcodes and content
//     adapters;
//   - hugo plain: building the same pages as plain Markdown (shortcodes
//     replaced by links) with a minimal layout;
//
// with wall time and peak resident memory, then the ratios the targets in
// docs/performance.md are stated in.
//
// Then, for each size up to -live-max (unless -live=false), a second table:
// the live-edit latency, from saving a changed file to the development
// server serving the page that shows it. The full site runs under kb serve,
// as make serve runs it (Hugo's server with its defaults, and the backlink
// graph rewritten on edits); the plain site under plain hugo server. Each
// saves, as an editor does (a temporary file renamed over the original), a
// term's file with a marker at the start of its definition (the plain
// variant's Markdown page for the same term) and the first article with a
// marker at the start of its text, then requests the page every 10 ms until
// the marker shows. The median of -runs edits is kept, not the best: Hugo
// picks up file events on a 500 ms tick, so every edit waits a random part
// of it, and the median is what a contributor sees.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/cloudkb/kb/tools/internal/benchgen"
	"github.com/cloudkb/kb/tools/internal/sitebuild"
)

func main() {
	log.SetPrefix("bench: ")
	log.SetFlags(0)
	sizes := flag.String("sizes", "1000,10000,30000", "comma-separated term counts")
	runs := flag.Int("runs", 3, "runs per measurement; the best is kept")
	work := flag.String("work", "", "folder for the generated sites (default: a temporary folder, removed after)")
	live := flag.Bool("live", true, "measure the live-edit latency under kb serve and hugo server")
	liveMax := flag.Int("live-max", 10000, "the largest size whose live-edit latency is measured")
	decode := flag.String("decode-only", "", "internal: decode every TOML file under this folder and exit")
	flag.Parse()
	if *decode != "" {
		decodeAll(*decode)
		return
	}
	root, err := sitebuild.RepoRoot(".")
	if err != nil {
		log.Fatal(err)
	}
	dir := *work
	if dir == "" {
		if dir, err = os.MkdirTemp("", "kb-bench"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
	}
	bin := filepath.Join(dir, "bin")
	self, err := os.Executable()
	if err != nil {
		log.Fatal(err)
	}
	log.Print("building kb and hugo")
	must(run(root, "go", "build", "-o", filepath.Join(bin, "kb"), "./tools/cmd/kb"))
	must(run(root, "go", "build", "-o", filepath.Join(bin, "hugo"), "github.com/gohugoio/hugo"))

	fmt.Println("| terms | pages | comparisons | decode (s) | kb check (s) | check/decode | kb links (s) | hugo (s) | hugo plain (s) | hugo/plain | decode RSS (MB) | kb check RSS (MB) | hugo RSS (MB) | hugo plain RSS (MB) |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	var liveRows []liveRow
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 10 {
			log.Fatalf("bad size %q", s)
		}
		full, plain := filepath.Join(dir, s, "full"), filepath.Join(dir, s, "plain")
		log.Printf("generating %d terms", n)
		opts := benchgen.Options{Terms: n, Pages: n, Comparisons: n / 10, Seed: 1}
		must(benchgen.Write(full, opts))
		opts.Plain = true
		must(benchgen.Write(plain, opts))
		must(copySite(root, full))
		must(plainSite(plain))

		dec := best(*runs, full, self, "-decode-only", full)
		chk := best(*runs, full, filepath.Join(bin, "kb"), "check")
		links := best(*runs, full, filepath.Join(bin, "kb"), "links")
		hugo := best(*runs, full, filepath.Join(bin, "hugo"), "--quiet", "-d", filepath.Join(dir, s, "public-full"))
		base := best(*runs, plain, filepath.Join(bin, "hugo"), "--quiet", "-d", filepath.Join(dir, s, "public-plain"))
		fmt.Printf("| %d | %d | %d | %.3f | %.3f | %.2f | %.3f | %.2f | %.2f | %.2f | %d | %d | %d | %d |\n",
			n, n, n/10, dec.wall.Seconds(), chk.wall.Seconds(), chk.wall.Seconds()/dec.wall.Seconds(), links.wall.Seconds(),
			hugo.wall.Seconds(), base.wall.Seconds(), hugo.wall.Seconds()/base.wall.Seconds(),
			dec.rssMB, chk.rssMB, hugo.rssMB, base.rssMB)
		if *live && n <= *liveMax {
			// Between edits a server must stay silent long enough for kb
			// serve to rewrite the graph and Hugo to notice (a 500 ms tick).
			quiet := time.Second + 2*links.wall
			row, err := measureLive(root, bin, full, plain, *runs, quiet)
			if err != nil {
				log.Fatal(err)
			}
			row.terms = n
			liveRows = append(liveRows, row)
		}
	}
	if len(liveRows) > 0 {
		printLive(liveRows)
	}
}

type measure struct {
	wall  time.Duration
	rssMB int64
}

// best runs a command several times and keeps the fastest run and the
// highest peak memory.
func best(runs int, dir, name string, args ...string) measure {
	var m measure
	for i := 0; i < runs; i++ {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			log.Fatalf("%s %s in %s: %v", filepath.Base(name), strings.Join(args, " "), dir, err)
		}
		wall := time.Since(start)
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss / 1024 // KiB on Linux
		if m.wall == 0 || wall < m.wall {
			m.wall = wall
		}
		m.rssMB = max(m.rssMB, rss)
	}
	return m
}

// decodeAll is the floor: read and decode every TOML file, nothing else.
func decodeAll(dir string) {
	err := filepath.WalkDir(filepath.Join(dir, "data"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Ext(p) != ".toml" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var v map[string]any
		_, err = toml.Decode(string(data), &v)
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
}

// copySite copies what makes our site (configuration, layouts, shortcodes,
// assets, content adapters) next to generated data and pages.
func copySite(root, dst string) error {
	for _, p := range []string{"config.toml", "layouts", "shortcodes", "assets", "static", "i18n", "archetypes",
		"content/_index.md", "content/glossary", "content/compare"} {
		if err := copyPath(filepath.Join(root, p), filepath.Join(dst, p)); err != nil {
			return err
		}
	}
	return nil
}

func copyPath(src, dst string) error {
	if _, err := os.Stat(src); os.IsNotExist(err) {
		return nil
	}
	return filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// plainSite gives the plain pages a minimal configuration and layout.
func plainSite(dst string) error {
	files := map[string]string{
		"config.toml":         "baseURL = \"/\"\ntitle = \"Plain\"\ndisableKinds = [\"taxonomy\", \"term\"]\n",
		"layouts/baseof.html": "<!doctype html><html lang=en><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
		"layouts/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n",
		"layouts/list.html":   "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}\n",
		"layouts/home.html":   "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ end }}\n",
	}
	for name, text := range files {
		p := filepath.Join(dst, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func run(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
