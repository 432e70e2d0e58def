package sitebuild

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// remoteLock is a small lock, data/remotes/cloudkb.json, in the shape of
// /glossary/index.json (docs/linking.md).
const remoteLock = `{"version":1,"terms":[
 {"id":"kernel","name":"Kernel","aliases":["OS kernel"],"summary":"The core of an \"operating system\".","url":"https://cloudkb.example/kb/glossary/kernel/","related":[],"tags":[]},
 {"id":"virtual-machine","name":"Virtual machine","aliases":["VM"],"summary":"An imitated computer.","url":"https://cloudkb.example/kb/glossary/virtual-machine/","related":[],"tags":[]}]}`

// remoteSite copies the site, declares the knowledge base "cloudkb" with
// remoteLock as its lock, adds content/learning/remote-terms.md with body
// and builds it. It returns the built site and Hugo's error and output.
func remoteSite(t *testing.T, body string) (*builtSite, []byte, error) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root, err := RepoRoot(wd)
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	if err := CopySite(root, src); err != nil {
		t.Fatalf("CopySite: %v", err)
	}
	files := map[string]string{
		"data/remotes.toml":          "[[remote]]\nprefix = \"cloudkb\"\nindex = \"https://cloudkb.example/kb/glossary/index.json\"\n",
		"data/remotes/cloudkb.json":  remoteLock,
		"content/learning/remote.md": "+++\ntitle = \"Remote terms\"\n+++\n\n" + body + "\n",
	}
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base, err := parseBase("https://docs.example.org/")
	if err != nil {
		t.Fatal(err)
	}
	s := &builtSite{root: root, public: t.TempDir(), base: base}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	out, err := Build(ctx, root, src, s.public, "--baseURL", base.String())
	return s, out, err
}

// TestRemoteTermLink builds a page linking another knowledge base's terms
// and checks each link's href, title and text, all from the lock.
func TestRemoteTermLink(t *testing.T) {
	s, out, err := remoteSite(t, `A {{< term "cloudkb:kernel" >}}, a {{< term "cloudkb:vm" "virtual box" >}} and an {{< term id="cloudkb:OS Kernel" >}}.`)
	if err != nil {
		t.Fatalf("Build: %v\n%s", err, out)
	}
	links := findAll(s.page(t, "/learning/remote/"), func(n *html.Node) bool {
		return n.DataAtom == atom.A && strings.HasPrefix(attr(n, "href"), "https://cloudkb.example/")
	})
	want := []struct{ href, title, text string }{
		{"https://cloudkb.example/kb/glossary/kernel/", `The core of an "operating system".`, "Kernel"},
		{"https://cloudkb.example/kb/glossary/virtual-machine/", "An imitated computer.", "virtual box"},
		{"https://cloudkb.example/kb/glossary/kernel/", `The core of an "operating system".`, "Kernel"},
	}
	if len(links) != len(want) {
		t.Fatalf("RemoteLinks() = %d links; want %d", len(links), len(want))
	}
	for i, w := range want {
		a := links[i]
		runChecks(t, []check{
			{"href", attr(a, "href"), w.href},
			{"title", attr(a, "title"), w.title},
			{"text", text(a), w.text},
			{"class", hasClass(a, "term"), true},
		})
	}
}

// TestRemoteTermUnknown checks that a term the lock lacks fails the
// build, naming the reference and where it is.
func TestRemoteTermUnknown(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"unknown term", `A {{< term "cloudkb:kernal" >}}.`, []string{`term "cloudkb:kernal"`, "remote.md:5:"}},
		{"unknown prefix", `A {{< term "other:kernel" >}}.`, []string{`no lock for knowledge base prefix "other"`, "remote.md:5:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, out, err := remoteSite(t, tt.body)
			if err == nil {
				t.Fatalf("Build(%q) = nil; want an error", tt.body)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("Build(%q) = %s; want it to name %q", tt.body, out, w)
				}
			}
		})
	}
}
