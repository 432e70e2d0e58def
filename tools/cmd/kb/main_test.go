package main

import (
	"context"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cloudkb/kb/tools/internal/linkcheck"
	"github.com/cloudkb/kb/tools/internal/sitebuild"
)

var kbBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kb-test")
	if err != nil {
		panic(err)
	}
	kbBinary = filepath.Join(dir, "kb")
	if out, err := exec.Command("go", "build", "-o", kbBinary, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestExitStatus runs the built command: 0 with no error, 1 with errors, 2
// for a usage error.
func TestExitStatus(t *testing.T) {
	broken := t.TempDir()
	if err := os.MkdirAll(filepath.Join(broken, "data", "glossary"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(broken, "data", "glossary", "x.toml"), []byte("name = \n"), 0o644)
	tests := []struct {
		name   string
		args   []string
		status int
		stdout string // a line the output must contain
		stderr string // the first line of the error output, for a usage error
	}{
		{name: "the repository itself is clean", args: []string{"check", "-root", "../../.."}, status: 0},
		{name: "errors exit 1", args: []string{"check", "-root", broken}, status: 1, stdout: "data/glossary/x.toml:1:8: error: invalid TOML: expected value but found '\\n' instead"},
		{name: "no data folder exits 1", args: []string{"check", "-root", t.TempDir()}, status: 1, stdout: "data: error: no data folder"},
		{name: "no command", status: 2, stderr: "usage: kb check [-root dir] [-format text|json|github|sarif] [-strict]"},
		{name: "unknown command", args: []string{"chek"}, status: 2, stderr: `kb: unknown command "chek"`},
		{name: "stray argument", args: []string{"check", "extra"}, status: 2, stderr: `kb: check: unexpected argument "extra"`},
		{name: "flag after an argument", args: []string{"linkcheck", "public", "-base", "/kb/"}, status: 2, stderr: "kb: linkcheck: flag -base comes after an argument: put flags first"},
		{name: "unknown format", args: []string{"check", "-format", "xml"}, status: 2, stderr: `kb: unknown format "xml": use text, json, github or sarif`},
		{name: "empty format", args: []string{"check", "-format="}, status: 2, stderr: `kb: unknown format "": use text, json, github or sarif`},
		{name: "format in capitals", args: []string{"check", "-format", "JSON"}, status: 2, stderr: `kb: unknown format "JSON": use text, json, github or sarif`},
		{name: "unknown flag", args: []string{"check", "-bogus"}, status: 2, stderr: "flag provided but not defined: -bogus"},
		{name: "new without an id", args: []string{"new", "term"}, status: 2, stderr: "kb: new: want a kind and an id, as in kb new term <id> (kinds: term, comparison or source)"},
		{name: "new of an unknown kind", args: []string{"new", "article", "x"}, status: 2, stderr: `kb: unknown kind "article": use term, comparison or source`},
		{name: "gen-bench without -out", args: []string{"gen-bench"}, status: 2, stderr: "kb: gen-bench: -out is required"},
		{name: "gen-bench with too few terms", args: []string{"gen-bench", "-terms", "3", "-out", t.TempDir()}, status: 2, stderr: "kb: gen-bench: -terms is 3: it must be at least 4"},
		{name: "gen-bench with negative pages", args: []string{"gen-bench", "-pages", "-1", "-out", t.TempDir()}, status: 2, stderr: "kb: gen-bench: -pages is -1: it must not be negative"},
		{name: "linkcheck with two folders", args: []string{"linkcheck", "a", "b"}, status: 2, stderr: `kb: linkcheck: unexpected argument "b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := run(t, tt.args...)
			if status != tt.status {
				t.Errorf("kb %q exit status = %d; want %d\nstdout:\n%s\nstderr:\n%s", tt.args, status, tt.status, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("kb %q printed:\n%s\nwant a line containing %q", tt.args, stdout, tt.stdout)
			}
			// A usage error says what is wrong first, then the usage.
			if first, _, _ := strings.Cut(stderr, "\n"); tt.stderr != "" && first != tt.stderr {
				t.Errorf("kb %q printed first on stderr %q; want %q", tt.args, first, tt.stderr)
			}
			if tt.status == 2 && !strings.Contains(stderr, "usage: kb check") {
				t.Errorf("kb %q printed no usage:\n%s", tt.args, stderr)
			}
		})
	}
}

// run runs the built command with args and returns its output and exit
// status.
func run(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	return runIn(t, "", args...)
}

// runIn is run in the working folder dir ("" for the test's own).
func runIn(t *testing.T, dir string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(kbBinary, args...)
	cmd.Dir = dir
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		status = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), status
}

// copyTree copies the folders of the repository that kb reads into dst.
func copyTree(t *testing.T, dst string) {
	t.Helper()
	for _, dir := range []string{"data", "content"} {
		src := filepath.Join("..", "..", "..", dir)
		err := filepath.WalkDir(src, func(p string, e os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			target := filepath.Join(dst, dir, rel)
			if e.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestRemovedTermBreaksPublishedURL removes a term from a copy of the
// repository: kb check must fail and name the URL that would disappear,
// and kb publish must refuse rather than "fix" that by dropping the URL.
func TestRemovedTermBreaksPublishedURL(t *testing.T) {
	root := t.TempDir()
	copyTree(t, root)
	if err := os.Remove(filepath.Join(root, "data", "glossary", "kernel.toml")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", "-root", root}, {"publish", "-root", root}, {"check", "-root", root}} {
		out, err := exec.Command(kbBinary, args...).CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("kb %q after removing kernel.toml: err = %v; want exit status 1", args, err)
		}
		want := "error: published URL /glossary/kernel/ no longer leads to a term"
		if !strings.Contains(string(out), want) {
			t.Errorf("kb %q printed:\n%s\nwant a line containing %q", args, out, want)
		}
	}
}

// TestWritersRefuseOnDataErrors gives a copy of the repository a name
// clash: kb publish, kb fix and kb new must each exit 1, name the clash,
// and write nothing.
func TestWritersRefuseOnDataErrors(t *testing.T) {
	root := t.TempDir()
	copyTree(t, root)
	clash := "name = \"Kernel\"\nsummary = \"A second kernel.\"\ndefinition = \"Clashes.\"\nsources = [{ id = \"nist-sp-800-190\", at = \"Section 2.2\" }]\n"
	if err := os.WriteFile(filepath.Join(root, "data", "glossary", "kernel-two.toml"), []byte(clash), 0o644); err != nil {
		t.Fatal(err)
	}
	ledger := filepath.Join(root, "data", "published.toml")
	before, _ := os.ReadFile(ledger)
	for _, args := range [][]string{{"publish", "-root", root}, {"fix", "-root", root}, {"new", "term", "hypervisor-two", "-root", root}, {"rename", "-root", root, "container", "application-container"}} {
		cmd := exec.Command(kbBinary, args...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("kb %q with a name clash: err = %v; want exit status 1", args, err)
		}
		want := `data/glossary/kernel-two.toml:1:8: error: name "Kernel" is already the id or name of term "kernel" [KB010]`
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("kb %q printed:\n%s\nwant a line containing %q", args, stderr.String(), want)
		}
	}
	if after, _ := os.ReadFile(ledger); string(after) != string(before) {
		t.Errorf("kb publish with a name clash changed %s", ledger)
	}
	if _, err := os.Stat(filepath.Join(root, "data", "glossary", "hypervisor-two.toml")); err == nil {
		t.Errorf("kb new with a name clash wrote a term file")
	}
	if _, err := os.Stat(filepath.Join(root, "data", "glossary", "container.toml")); err != nil {
		t.Errorf("kb rename with a name clash moved the term file: %v", err)
	}
}

// TestAddingAGenericTermKeepsStrictCheck adds a complete term named
// "Service" (linked both ways as related, published) to a copy of the
// repository: pages nobody edited must not start failing kb check -strict
// because they use the word.
func TestAddingAGenericTermKeepsStrictCheck(t *testing.T) {
	root := t.TempDir()
	copyTree(t, root)
	term := `name = "Service"
summary = "A program that answers requests from other programs over a network."
definition = "A service answers requests; a [microservice](/glossary/microservice/) is a small one."
related = ["microservice"]
sources = [{ id = "fowler-lewis-microservices", at = "Componentization via Services" }]
`
	if err := os.WriteFile(filepath.Join(root, "data", "glossary", "service.toml"), []byte(term), 0o644); err != nil {
		t.Fatal(err)
	}
	micro := filepath.Join(root, "data", "glossary", "microservice.toml")
	text, err := os.ReadFile(micro)
	if err != nil {
		t.Fatal(err)
	}
	text = []byte(strings.Replace(string(text), "related = [", `related = ["service", `, 1))
	if err := os.WriteFile(micro, text, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(kbBinary, "publish", "-root", root).CombinedOutput(); err != nil {
		t.Fatalf("kb publish: %v\n%s", err, out)
	}
	out, err := exec.Command(kbBinary, "check", "-strict", "-root", root).CombinedOutput()
	if err != nil {
		t.Errorf("kb check -strict after adding the term Service: %v\n%s", err, out)
	}
}

// writeFiles writes files (slash paths under root) with their text.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	if err := os.CopyFS(root, fsys); err != nil {
		t.Fatal(err)
	}
}

// TestLinkcheckBase checks a site built under a path prefix, /kb/, as the
// published configuration builds it: without -base, kb linkcheck takes the
// prefix from the repository's config.toml, so the site's own links are
// not reported as broken; -base still overrides it.
func TestLinkcheckBase(t *testing.T) {
	site := map[string]string{
		"public/index.html":             `<a href="/kb/glossary/vm/">vm</a><a href="https://example.org/kb/glossary/vm/#def">abs</a>`,
		"public/glossary/vm/index.html": `<h2 id="def">Def</h2><a href="/kb/">home</a>`,
	}
	withConfig := t.TempDir()
	writeFiles(t, withConfig, site)
	writeFiles(t, withConfig, map[string]string{"config.toml": "title = \"KB\"\nbaseURL = \"https://example.org/kb/\"\n"})
	withoutConfig := t.TempDir()
	writeFiles(t, withoutConfig, site)
	elsewhere := t.TempDir() // a root with another base URL
	writeFiles(t, elsewhere, map[string]string{"hugo.toml": "baseURL = \"/docs/\"\n"})
	public := filepath.Join(withConfig, "public")
	tests := []struct {
		name   string
		args   []string
		dir    string // the working folder
		status int
		stderr string // a line the error output must contain
	}{
		{name: "the base from config.toml above the site", args: []string{"linkcheck", public}, dir: t.TempDir(), status: 0},
		{name: "the default folder, public", args: []string{"linkcheck"}, dir: withConfig, status: 0},
		{name: "the site folder itself", args: []string{"linkcheck", "."}, dir: public, status: 0},
		{name: "-root names the configuration", args: []string{"linkcheck", "-root", withConfig, public}, dir: t.TempDir(), status: 0},
		{name: "-base overrides it", args: []string{"linkcheck", "-base", "/", public}, dir: withConfig, status: 1, stderr: "kb: 2 broken links, with base URL / (from -base)"},
		{name: "-root with another base", args: []string{"linkcheck", "-root", elsewhere, public}, dir: withConfig, status: 1, stderr: "with base URL /docs/ (the baseURL in " + filepath.Join(elsewhere, "hugo.toml") + "; -base overrides it)"},
		{name: "a hint when links fall outside the base", args: []string{"linkcheck", "-root", elsewhere, "public"}, dir: withConfig, status: 1, stderr: "a site built with another base URL (hugo --baseURL, hugo server) needs it in -base"},
		{name: "no configuration: /", args: []string{"linkcheck", filepath.Join(withoutConfig, "public")}, dir: withoutConfig, status: 1, stderr: "with base URL / (no Hugo configuration sets a baseURL; -base overrides it)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := runIn(t, tt.dir, tt.args...)
			if status != tt.status || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("kb %q in %s = exit status %d; want %d and a line containing %q\nstdout:\n%s\nstderr:\n%s",
					tt.args, tt.dir, status, tt.status, tt.stderr, stdout, stderr)
			}
		})
	}
}

// smallKB writes a knowledge base that kb check -strict passes: one term,
// linked from a page, with a fact checked today, citing a short source by
// its id and a long one with a locator.
func smallKB(t *testing.T, root string) {
	t.Helper()
	writeFiles(t, root, map[string]string{
		"data/sources.toml": `#:schema ../static/schemas/sources.schema.json

[[source]]
id = "seed"
title = "Serverless computing vs. containers | How to choose"
publisher = "Cloudflare"
url = "https://www.cloudflare.com/learning/serverless/serverless-vs-containers/"
accessed = "2026-11-26"
short = true

[[source]]
id = "nist-sp-800-190"
title = "Application Container Security Guide (SP 800-190)"
publisher = "National Institute of Standards and Technology"
url = "https://doi.org/10.6028/NIST.SP.800-190"
accessed = "2026-11-26"
`,
		"data/aspects.toml": `#:schema ../static/schemas/aspects.schema.json

[[aspect]]
id = "kernel"
name = "Kernel"
question = "Does it run its own kernel or share the host's?"
`,
		// Today in UTC, as kb check reads it: never stale, never to come.
		"data/glossary/kernel.toml": `#:schema ../../static/schemas/term.schema.json

name = "Kernel"
summary = "The part of an operating system that talks to the hardware."
definition = "Every container on a host shares its kernel."
sources = ["seed"]

[facts.kernel]
value = "Is the kernel."
sources = [{ id = "nist-sp-800-190", at = "Section 2.2" }]
checked = "` + time.Now().UTC().Format(time.DateOnly) + `"
`,
		"data/published.toml":        "#:schema ../static/schemas/published.schema.json\n\nurls = [\"/glossary/kernel/\"]\n",
		"content/learning/_index.md": "+++\ntitle = \"Learning\"\n+++\n\nEvery program relies on the [kernel](/glossary/kernel/).\n",
	})
	if err := os.MkdirAll(filepath.Join(root, "data", "comparisons"), 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestFixRemovesBOM gives a page and a term file of a small knowledge base
// a byte-order mark: kb check reports both (KB029), kb fix -dry-run shows
// their removal and writes nothing, although the mark is an error in
// data/, kb fix removes them and says so, and kb check then passes; a
// second kb fix does nothing. The knowledge base is its own, not a copy of
// the repository's, so that only the marks can make kb check fail.
func TestFixRemovesBOM(t *testing.T) {
	root := t.TempDir()
	smallKB(t, root)
	if stdout, stderr, status := run(t, "check", "-strict", "-root", root); status != 0 {
		t.Fatalf("kb check -strict on the knowledge base without marks = exit status %d; want 0\n%s%s", status, stdout, stderr)
	}
	const bom = "\ufeff"
	files := []string{"data/glossary/kernel.toml", "content/learning/_index.md"}
	original := map[string]string{}
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		original[f] = string(text)
		if err := os.WriteFile(p, []byte(bom+string(text)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, stderr, status := run(t, "check", "-root", root)
	for _, f := range files {
		if !strings.Contains(stdout, f+":1:1: error: ") || status != 1 {
			t.Errorf("kb check with a mark in %s = exit status %d; want 1 and an error at %s:1:1\n%s%s", f, status, f, stdout, stderr)
		}
	}
	stdout, stderr, status = run(t, "fix", "-dry-run", "-root", root)
	for _, f := range files {
		if !strings.Contains(stdout, "--- a/"+f+"\n") || status != 0 {
			t.Errorf("kb fix -dry-run = exit status %d; want 0 and a diff of %s\n%s%s", status, f, stdout, stderr)
		}
		if got, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(f))); string(got) != bom+original[f] {
			t.Errorf("kb fix -dry-run changed %s", f)
		}
	}
	stdout, stderr, status = run(t, "fix", "-root", root)
	for _, f := range files {
		if want := "kb: " + f + ": removed the byte-order mark\n"; !strings.Contains(stderr, want) || status != 0 {
			t.Errorf("kb fix = exit status %d; want 0 and %q\n%s%s", status, want, stdout, stderr)
		}
		if got, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(f))); string(got) != original[f] {
			t.Errorf("kb fix left %s as %.40q…; want the file without its mark", f, got)
		}
	}
	if stdout, stderr, status := run(t, "check", "-root", root); status != 0 {
		t.Errorf("kb check after kb fix = exit status %d; want 0\n%s%s", status, stdout, stderr)
	}
	if stdout, stderr, status := run(t, "fix", "-root", root); status != 0 || stdout+stderr != "" {
		t.Errorf("kb fix again = exit status %d, printed %q; want 0 and nothing", status, stdout+stderr)
	}
}

// TestNewRefusesReservedID asks kb new for ids that Windows reserves as
// device names: each is refused, saying why, and nothing is written.
func TestNewRefusesReservedID(t *testing.T) {
	root := t.TempDir()
	copyTree(t, root)
	tests := []struct {
		name string
		args []string
		file string
		want string
	}{
		{"term con", []string{"new", "term", "con"}, "data/glossary/con.toml", `kb: invalid id "con": the id is a device name Windows reserves: Windows can hold no file or folder so named, so a Windows contributor could not check out its file or build its page; choose a longer id, such as the name spelt out`},
		{"comparison com1", []string{"new", "comparison", "com1"}, "data/comparisons/com1.toml", `kb: invalid id "com1": the id is a device name Windows reserves`},
		{"term NUL", []string{"new", "term", "NUL"}, "data/glossary/NUL.toml", `kb: invalid id "NUL": ids are lowercase kebab-case (letters a-z, digits and single hyphens)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, status := run(t, append(tt.args, "-root", root)...)
			if status != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("kb %q = exit status %d; want 1 and %q\n%s", tt.args, status, tt.want, stderr)
			}
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(tt.file))); err == nil {
				t.Errorf("kb %q wrote %s", tt.args, tt.file)
			}
		})
	}
}

// TestNewPublishes starts a term and a comparison in a copy of the
// repository: kb new adds their URLs to the ledger, so kb check finds no
// error (KB023 above all) at once.
func TestNewPublishes(t *testing.T) {
	root := t.TempDir()
	copyTree(t, root)
	ledger := filepath.Join(root, "data", "published.toml")
	for _, args := range [][]string{{"new", "term", "edge-function", "-root", root}, {"new", "comparison", "vms-vs-microvms", "-root", root}} {
		stdout, stderr, status := run(t, args...)
		if status != 0 || !strings.Contains(stdout, ledger) || !strings.Contains(stderr, "TODO") {
			t.Errorf("kb %q = status %d, stdout %q, stderr %q; want 0, naming %s and what to fill in", args, status, stdout, stderr, ledger)
		}
	}
	text, _ := os.ReadFile(ledger)
	for _, url := range []string{`"/glossary/edge-function/"`, `"/compare/vms-vs-microvms/"`} {
		if !strings.Contains(string(text), url) {
			t.Errorf("kb new did not add %s to %s", url, ledger)
		}
	}
	stdout, _, _ := run(t, "check", "-root", root, "-format", "json")
	if strings.Contains(stdout, "KB023") {
		t.Errorf("kb check after kb new reports an unpublished URL:\n%s", stdout)
	}
}

// TestRenameRepository renames the term container in a copy of the
// repository: kb check -strict must pass on the result, a dry run must
// write nothing, a second run must do nothing and exit 0, and the built
// site must serve a redirect page at the old URL.
func TestRenameRepository(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := sitebuild.CopySite(repo, root); err != nil {
		t.Fatal(err)
	}
	before := tree(t, root)
	stdout, stderr, status := run(t, "rename", "-root", root, "-dry-run", "container", "application-container")
	if status != 0 || !strings.Contains(stdout, "+++ b/data/glossary/application-container.toml") {
		t.Fatalf("kb rename -dry-run = status %d\n%s%s; want 0 and a diff", status, stdout, stderr)
	}
	if !maps.Equal(tree(t, root), before) {
		t.Errorf("kb rename -dry-run wrote files")
	}
	if stdout, stderr, status := run(t, "rename", "-root", root, "container", "application-container"); status != 0 {
		t.Fatalf("kb rename = status %d\n%s%s", status, stdout, stderr)
	}
	if stdout, stderr, status := run(t, "check", "-strict", "-root", root); status != 0 {
		t.Errorf("kb check -strict after kb rename = status %d\n%s%s", status, stdout, stderr)
	}
	after := tree(t, root)
	if _, ok := after["data/glossary/container.toml"]; ok {
		t.Errorf("kb rename left data/glossary/container.toml")
	}
	_, stderr, status = run(t, "rename", "-root", root, "container", "application-container")
	if status != 0 || !strings.Contains(stderr, "nothing to do") || !maps.Equal(tree(t, root), after) {
		t.Errorf("kb rename again = status %d, %q; want 0, nothing to do, no file changed", status, stderr)
	}
	if testing.Short() {
		t.Skip("the Hugo build is skipped in -short mode")
	}
	t.Setenv("GOPROXY", "off")
	t.Setenv("HUGO_MODULE_PROXY", "off")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	public := t.TempDir()
	if out, err := sitebuild.Build(ctx, repo, root, public); err != nil {
		t.Fatalf("Build(renamed copy): %v\n%s", err, out)
	}
	page, err := os.ReadFile(filepath.Join(public, "glossary", "container", "index.html"))
	if err != nil {
		t.Fatalf("no page at the old URL: %v", err)
	}
	if !strings.Contains(string(page), `http-equiv="refresh"`) || !strings.Contains(string(page), "/glossary/application-container/") {
		t.Errorf("public/glossary/container/index.html is no redirect to /glossary/application-container/:\n%s", page)
	}
	// No link anywhere on the renamed site leads nowhere (the config's
	// baseURL: every internal link carries its path).
	broken, err := linkcheck.Check(os.DirFS(public), linkcheck.Options{Base: "https://cloudkb.github.io/kb/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Errorf("linkcheck(renamed copy) = %s; want no broken links", b)
	}
}

// tree reads every file under root, by slash path.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
