package inventory_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/inventory"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// The published site, as examples/sphinx/conf.py maps it.
const published = "https://cloudkb.github.io/kb/"

// TestSphinx writes the inventory of the repository's own knowledge base
// and builds examples/sphinx against it with Sphinx, warnings as errors:
// every reference must become a link into the published site, and an
// unknown term must fail the build. It is skipped without sphinx-build,
// except in CI (CI=true), where that fails it.
func TestSphinx(t *testing.T) {
	sphinx, err := exec.LookPath("sphinx-build")
	if err != nil {
		msg := "no sphinx-build: install it with `apt-get install python3-sphinx`"
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true: %s", msg)
		}
		t.Skip(msg)
	}
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	diags := &diag.List{}
	kb := kbdata.Load(os.DirFS(root), diags)
	if errs, _ := diags.Count(); errs > 0 {
		t.Fatalf("kbdata.Load(%q) found %d errors: run kb check", root, errs)
	}
	entries, _, err := inventory.FromKB(kb)
	if err != nil {
		t.Fatalf("FromKB(%q) = %v; want no error", root, err)
	}
	site := t.TempDir()
	inv := inventory.Inventory{Project: "Cloud Architecture Knowledge Base", Entries: entries}
	invFile, err := inv.Write(site)
	if err != nil {
		t.Fatalf("Write(%q) = %v; want no error", site, err)
	}
	example := os.DirFS(filepath.Join(root, "examples", "sphinx"))

	tests := []struct {
		name  string
		index string   // index.rst; "" keeps the example's
		links []string // URLs under the published site the page must link to
		fail  string   // when set, the build must fail with this in its output
	}{
		{
			name: "the example",
			links: []string{
				"glossary/container/",
				"glossary/virtual-machine/", // by the alias VMs, and by id with a text of its own
				"glossary/cold-start/",
				"glossary/backend-as-a-service/", // "Backend as a service" and "BaaS", from "Backend as a service (BaaS)"
				"compare/serverless-vs-containers/",
				"compare/containers-vs-virtual-machines/",
				"compare/monolith-vs-microservices/",
			},
		},
		{
			name:  "an alias in another letter case",
			index: "Terms\n=====\n\n:term:`kb:Bare Metal`\n",
			links: []string{"glossary/physical-machine/"},
		},
		{
			name:  "an unknown term",
			index: "Terms\n=====\n\n:term:`kb:no-such-term`\n",
			fail:  "term not in glossary: 'kb:no-such-term'",
		},
		{
			name:  "an unknown term in the external role",
			index: "Terms\n=====\n\n:external+kb:term:`no-such-term`\n",
			fail:  "external std:term reference target not found: no-such-term",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src, out := filepath.Join(t.TempDir(), "src"), filepath.Join(t.TempDir(), "html")
			if err := os.CopyFS(src, example); err != nil {
				t.Fatal(err)
			}
			if tt.index != "" {
				if err := os.WriteFile(filepath.Join(src, "index.rst"), []byte(tt.index), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, sphinx, "-W", "-b", "html", "-q", src, out)
			cmd.Env = append(os.Environ(), "KB_INVENTORY="+invFile)
			output, err := cmd.CombinedOutput()
			if tt.fail != "" {
				if err == nil || !strings.Contains(string(output), tt.fail) {
					t.Errorf("sphinx-build -W = %v, printing:\n%s\nwant a failure saying %q", err, output, tt.fail)
				}
				return
			}
			if err != nil {
				t.Fatalf("sphinx-build -W = %v, printing:\n%s\nwant no error", err, output)
			}
			html, err := os.ReadFile(filepath.Join(out, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range tt.links {
				if href := `href="` + published + l + `"`; !strings.Contains(string(html), href) {
					t.Errorf("Sphinx(%q) links %s = false; want true", tt.name, published+l)
				}
			}
		})
	}
}
