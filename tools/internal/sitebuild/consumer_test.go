package sitebuild

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The example site that imports this repository as a Hugo module (docs/linking.md).
const (
	consumerDir  = "examples/consumer"
	consumerPage = "/deploying/"
	// The default of params.kb.baseURL in layouts/_partials/kb/links.html.
	publishedBase = "https://cloudkb.github.io/kb/"
)

// buildConsumer builds the example consumer site at source (a copy of the repository, or
// the repository itself) with module downloads switched off: the module comes from
// module.replacements, so the build must not need the network.
func buildConsumer(t *testing.T, moduleRoot, source string) *builtSite {
	t.Helper()
	t.Setenv("GOPROXY", "off")
	t.Setenv("HUGO_MODULE_PROXY", "off")
	base, err := parseBase("https://docs.example.org/")
	if err != nil {
		t.Fatal(err)
	}
	s := &builtSite{root: moduleRoot, public: t.TempDir(), base: base}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	out, err := Build(ctx, moduleRoot, source, s.public)
	s.output = string(out)
	if err != nil {
		t.Fatalf("Build(%s): %v\n%s", source, err, out)
	}
	return s
}

// TestConsumerSite builds examples/consumer, which imports github.com/cloudkb/kb with
// module.replacements pointing at this repository, and checks that its term links point
// at the published glossary with our summaries as previews, and that it got nothing of
// our site but the data, the shortcodes and their partials.
func TestConsumerSite(t *testing.T) {
	real := realSite(t) // also compiles `go tool hugo`, which needs the module cache
	if want := real.abs("/"); want != publishedBase {
		t.Fatalf("PublishedBase = %q; want config.toml's baseURL %q (update kb/links.html and this test together)", publishedBase, want)
	}
	s := buildConsumer(t, real.root, filepath.Join(real.root, consumerDir))
	for _, line := range strings.Split(s.output, "\n") {
		if strings.Contains(line, "WARN") || strings.Contains(line, "ERROR") {
			t.Errorf("Build output line %q; want no warnings or errors", line)
		}
	}
	doc := s.page(t, consumerPage)
	terms := findAll(doc, elemWithClass(atom.A, "term"))

	tests := []struct {
		name string
		id   string // the term the link must point at
		text string // the link text
	}{
		{"by id", "container", "Container"},
		{"by alias", "virtual-machine", "Virtual machine"},
		{"by alias with own text", "virtual-machine", "a virtual machine"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			href := publishedBase + "glossary/" + tt.id + "/"
			// The first such link is the prose's; a table's takeaway may link
			// the same term again without the summary.
			var link *html.Node
			for _, a := range terms {
				if attr(a, "href") == href && text(a) == tt.text {
					link = a
					break
				}
			}
			if link == nil {
				t.Fatalf("TermLink(%q) = none; want <a class=\"term\" href=%q>%s</a>", tt.name, href, tt.text)
			}
			runChecks(t, []check{
				{"title", attr(link, "title"), real.data.terms[tt.id].Summary},
			})
		})
	}

	t.Run("comparison table", func(t *testing.T) {
		table := find(doc, isElem(atom.Table))
		subject := find(table, elemWithClass(atom.A, "subject"))
		full := find(find(doc, elemWithClass(atom.P, "full-comparison")), isElem(atom.A))
		runChecks(t, []check{
			{"subject link", attr(subject, "href"), publishedBase + "glossary/container/"},
			{"full comparison link", attr(full, "href"), publishedBase + "compare/containers-vs-virtual-machines/"},
		})
	})

	// Only the data and the shortcodes: none of our pages, assets or static files.
	t.Run("nothing else imported", func(t *testing.T) {
		for _, p := range []string{"glossary", "compare", "learning", "css", "schemas", "_redirects", "_headers"} {
			if _, err := os.Stat(filepath.Join(s.public, p)); err == nil {
				t.Errorf("Check(%q) = exists in the consumer's build; want only the consumer's own pages", p)
			}
		}
		if find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Link && attr(n, "rel") == "stylesheet" }) != nil {
			t.Errorf("Check(%q) = a stylesheet; want the consumer's own head only", "consumer head")
		}
		if find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Script && attr(n, "src") != "" }) != nil {
			t.Errorf("Check(%q) = a script; want none of our scripts", "consumer scripts")
		}
		if _, err := os.Stat(filepath.Join(s.public, "js")); err == nil {
			t.Errorf("Check(%q) = exists in the consumer's build; want only the consumer's own files", "js")
		}
	})
}

// TestConsumerNoteLinks checks that a site-absolute Markdown link in a fact note, shown
// in a comparison on a consumer's page, points at the published knowledge base and not
// into the consumer's site.
func TestConsumerNoteLinks(t *testing.T) {
	real := realSite(t)
	root := t.TempDir()
	if err := CopySite(real.root, root); err != nil {
		t.Fatalf("CopySite: %v", err)
	}
	if err := copyTree(filepath.Join(real.root, consumerDir), filepath.Join(root, consumerDir)); err != nil {
		t.Fatalf("copying %s: %v", consumerDir, err)
	}
	// A note with a site-absolute link, on a fact the example page shows.
	file := filepath.Join(root, "data", "glossary", "container.toml")
	var tm map[string]any
	if _, err := toml.DecodeFile(file, &tm); err != nil {
		t.Fatal(err)
	}
	fact, ok := tm["facts"].(map[string]any)["kernel"].(map[string]any)
	if !ok {
		t.Fatalf("%s has no [facts.kernel]; the example page's comparison shows that fact", file)
	}
	fact["note"] = "See the [kernel](/glossary/kernel/) entry."
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(tm); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	s := buildConsumer(t, real.root, filepath.Join(root, consumerDir))
	var note *html.Node
	for _, div := range findAll(s.page(t, consumerPage), elemWithClass(atom.Div, "note")) {
		if a := find(div, func(n *html.Node) bool { return n.DataAtom == atom.A && text(n) == "kernel" }); a != nil {
			note = a
		}
	}
	if got, want := attr(note, "href"), publishedBase+"glossary/kernel/"; got != want {
		t.Errorf("Check(%q) = %q; want %q", "note link", got, want)
	}
}

// copyTree copies the directory src to dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return copyFile(p, target, info.Mode())
	})
}
