package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cloudkb/kb/tools/internal/initsite"
	"github.com/cloudkb/kb/tools/internal/sitebuild"
)

// offline is the environment in which the go command and Hugo must work
// without the network: the module cache has everything this repository
// needs, and a site's go.sum starts as a copy of this repository's.
var offline = []string{"GOFLAGS=-mod=mod", "GOPROXY=off", "HUGO_MODULE_PROXY=off"}

// goIn runs the go command in dir, offline, and fails the test if it
// fails.
func goIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), offline...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %q in %s: %v\n%s", args, dir, err, out)
	}
	return string(out)
}

// touchMounted opens every file of the module a site imports: Hugo reads
// them in a child process, which Go's test cache does not see, so a cached
// pass would outlive a change to a template.
func touchMounted(t *testing.T, repo string) {
	t.Helper()
	for _, m := range initsite.ImportMounts {
		err := filepath.WalkDir(filepath.Join(repo, filepath.FromSlash(m.Source)), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			_, err = os.ReadFile(p)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestInitSite sets up a new Hugo site of someone else's with kb init and
// goes through what its author does: adds a term with kb new, publishes
// it, links it from a page, checks, and builds with Hugo. The site must
// render its own term, none of ours, and a typo in the reference must fail
// kb check at its file:line:col with a suggestion.
func TestInitSite(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"go.mod": "module example.org/site\n\ngo 1.26.8\n\nreplace github.com/cloudkb/kb => " + repo + "\n",
		// The site's own configuration. The replacement makes Hugo read the
		// module from this repository, as examples/consumer does, offline.
		"hugo.toml": `baseURL = "https://docs.example.org/"
title = "Example Site"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotsTXT", "404"]

[module]
replacements = "github.com/cloudkb/kb -> ` + repo + `"
`,
		// The site's own layouts, page and section ones included: the
		// glossary's must still come from the module.
		"layouts/baseof.html":  "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>{{ .Title }}</title></head>\n<body><main>{{ block \"main\" . }}{{ end }}</main></body>\n</html>\n",
		"layouts/home.html":    "{{ define \"main\" }}<h1>{{ site.Title }}</h1>{{ end }}\n",
		"layouts/page.html":    "{{ define \"main\" }}<article class=\"site-page\">{{ .Content }}</article>{{ end }}\n",
		"layouts/section.html": "{{ define \"main\" }}<article class=\"site-section\">{{ .Content }}</article>{{ end }}\n",
	})
	touchMounted(t, repo)
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	// The tool line as go get -tool writes it; offline, the replacement is
	// the version.
	goIn(t, site, "get", "-tool", "github.com/cloudkb/kb/tools/cmd/kb")

	stdout, stderr, status := run(t, "init", "-root", site)
	if status != 0 {
		t.Fatalf("kb init: exit status %d\n%s%s", status, stdout, stderr)
	}
	for _, want := range []string{"hugo.toml", "Makefile", "data/glossary/glossary.toml", "content/glossary/_content.gotmpl"} {
		if !strings.Contains(stdout, want+"\n") {
			t.Errorf("kb init printed:\n%s\nwant the line %q", stdout, want)
		}
	}
	// kb is a tool already; Hugo is not.
	if strings.Contains(stderr, "go get -tool github.com/cloudkb/kb") || !strings.Contains(stderr, "go get -tool github.com/gohugoio/hugo@v0.165.0") {
		t.Errorf("kb init advised:\n%s\nwant go get -tool for Hugo only", stderr)
	}

	const id = "edge-cache"
	for _, args := range [][]string{{"new", "term", id, "-root", site}, {"publish", "-root", site}} {
		if stdout, stderr, status := run(t, args...); status != 0 {
			t.Fatalf("kb %q: exit status %d\n%s%s", args, status, stdout, stderr)
		}
	}
	page := filepath.Join(site, "content", "caching.md")
	writePage := func(ref string) {
		text := "---\ntitle: \"Caching\"\n---\n\nWe put an {{< term \"" + ref + "\" >}} in front of the site.\n"
		if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writePage(id)
	if stdout, stderr, status := run(t, "check", "-root", site); status != 0 {
		t.Fatalf("kb check of the new site: exit status %d\n%s%s", status, stdout, stderr)
	}
	// The same check through the site's own tool line.
	goIn(t, site, "tool", "kb", "check")

	// Not GOFLAGS=-mod=mod: Build runs go in this repository, whose
	// go.mod must not change.
	t.Setenv("GOPROXY", "off")
	t.Setenv("HUGO_MODULE_PROXY", "off")
	public := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := sitebuild.Build(ctx, repo, site, public)
	if err != nil {
		t.Fatalf("Build(site): %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "WARN") || strings.Contains(line, "ERROR") {
			t.Errorf("Build(site) output line %q; want no warnings or errors", line)
		}
	}
	read := func(p string) string {
		text, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("Built(%s) = %v; want the page", p, err)
		}
		return string(text)
	}
	tests := []struct {
		page, want string
	}{
		{"glossary/" + id + "/index.html", `>Edge cache</h1>`},
		{"glossary/" + id + "/index.html", `<a href="/caching/">Caching</a>`}, // its backlink
		{"glossary/index.html", `<a href="edge-cache/">Edge cache</a>`},       // relative: the index saves bytes
		{"glossary/index.json", `"url":"https://docs.example.org/glossary/edge-cache/"`},
		{"glossary/glossary/index.html", `>Glossary</h1>`},
		{"caching/index.html", `<a class="term" href="/glossary/edge-cache/"`},
	}
	for _, tt := range tests {
		if got := read(tt.page); !strings.Contains(got, tt.want) {
			t.Errorf("Built(%s) = %q; want it to contain %q", tt.page, got, tt.want)
		}
	}
	// Our knowledge base's terms are not the site's.
	if _, err := os.Stat(filepath.Join(public, "glossary", "container")); err == nil {
		t.Errorf("Built(glossary/container/) exists; want only the site's own terms")
	}

	writePage("edge-cahce")
	stdout, _, status = run(t, "check", "-root", site)
	want := `content/caching.md:5:21: error: unknown glossary term "edge-cahce" (did you mean "edge-cache"?) [KB011]`
	if status != 1 || !strings.Contains(stdout, want) {
		t.Errorf("kb check with a typo: exit status %d, printed:\n%s\nwant 1 and a line containing %q", status, stdout, want)
	}
	// Hugo refuses it too, naming the page.
	if out, err := sitebuild.Build(ctx, repo, site, t.TempDir()); err == nil || !strings.Contains(string(out), `term "edge-cahce": no glossary term`) || !strings.Contains(string(out), "caching.md:5:") {
		t.Errorf("Build(site with a typo) = %v\n%s\nwant it to fail, naming the term and caching.md:5", err, out)
	}
}

// TestInitStatus checks kb init's exit status and first words when it
// refuses: 1 for a site it will not change, 2 for a usage error.
func TestInitStatus(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		args   []string // after "init -root <site>"
		status int
		stderr string // the first line of the error output
	}{
		{name: "no go.mod", status: 1, stderr: "kb: init: no go.mod in"},
		{name: "YAML configuration", files: map[string]string{"go.mod": "module example.org/site\n", "hugo.yaml": "title: A\n"}, status: 1,
			stderr: "kb: init: cannot add the knowledge base to the Hugo configuration: hugo.yaml is YAML, which kb init does not rewrite: merge this into its module section by hand:"},
		{name: "another module", files: map[string]string{"go.mod": "module example.org/site\n"}, args: []string{"-module", "example.org/x"}, status: 1,
			stderr: "kb: init: invalid module path: go.mod declares module example.org/site, not example.org/x"},
		{name: "stray argument", args: []string{"extra"}, status: 2, stderr: `kb: init: unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := t.TempDir()
			writeFiles(t, site, tt.files)
			args := append([]string{"init", "-root", site}, tt.args...)
			stdout, stderr, status := run(t, args...)
			if first, _, _ := strings.Cut(stderr, "\n"); status != tt.status || !strings.HasPrefix(first, tt.stderr) {
				t.Errorf("kb %q = exit status %d, stderr %q; want %d, starting %q", args, status, first, tt.status, tt.stderr)
			}
			if stdout != "" {
				t.Errorf("kb %q printed %q; want nothing written", args, stdout)
			}
		})
	}
}
