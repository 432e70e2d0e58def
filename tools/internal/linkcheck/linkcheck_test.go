package linkcheck

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func site(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return fsys
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		base  string
		files map[string]string
		want  []string
	}{
		{
			name: "good links of every kind",
			base: "https://example.org/kb/",
			files: map[string]string{
				"index.html":             `<a href="/kb/glossary/">g</a><a href="https://example.org/kb/glossary/vm/#def">abs</a><a href="#top" id="top">self</a><link rel="stylesheet" href="/kb/css/site.css"><a href="https://other.example/x">ext</a><a href="mailto:a@b.c">m</a>`,
				"glossary/index.html":    `<a href="vm/">relative</a><a href="../">up</a><img src="/kb/img/a.png">`,
				"glossary/vm/index.html": `<h2 id="def">Def</h2>`,
				"css/site.css":           `body{}`,
				"img/a.png":              `png`,
			},
		},
		{
			name: "missing page, missing fragment, outside the base path",
			base: "/kb/",
			files: map[string]string{
				"index.html":             `<a href="/kb/glossary/nope/">a</a><a href="/kb/glossary/vm/#gone">b</a><a href="/glossary/vm/">c</a><a href="#here">d</a>`,
				"glossary/vm/index.html": `<p>x</p>`,
			},
			want: []string{
				`index.html: broken link → #here (no element with id "here" on index.html)`,
				`index.html: broken link → /glossary/vm/ (outside the site's base path /kb/)`,
				`index.html: broken link → /kb/glossary/nope/ (no such page)`,
				`index.html: broken link → /kb/glossary/vm/#gone (no element with id "gone" on glossary/vm/index.html)`,
			},
		},
		{
			name: "redirect pages and _redirects",
			base: "/",
			files: map[string]string{
				"glossary/vm/index.html":              `<html><head><link rel="canonical" href="/glossary/virtual-machine/"><meta http-equiv="refresh" content="0; url=/glossary/virtual-machine/"></head></html>`,
				"glossary/faas/index.html":            `<meta http-equiv="refresh" content="0; url=/glossary/function/">`,
				"glossary/virtual-machine/index.html": `ok`,
				"_redirects":                          "# comment\n/glossary/vm/ /glossary/virtual-machine/ 301\n/glossary/old/ /glossary/gone/ 301\n",
			},
			want: []string{
				`_redirects: broken link → /glossary/gone/ (no such page)`,
				`glossary/faas/index.html: broken link → /glossary/function/ (no such page)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			broken, err := Check(site(tt.files), Options{Base: tt.base})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range broken {
				got = append(got, b.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Check(%q) =\n%s\nwant:\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// BenchmarkCheck measures a 2,000-page site whose pages each link to 30
// others, with fragments, and to a stylesheet.
func BenchmarkCheck(b *testing.B) {
	const pages = 2000
	files := map[string]string{"css/site.css": "body{}"}
	for i := range pages {
		var body strings.Builder
		fmt.Fprintf(&body, `<html><head><link rel="stylesheet" href="/css/site.css"></head><body><h1 id="top">Page %d</h1>`, i)
		for j := range 30 {
			fmt.Fprintf(&body, `<p id="p%d">Some text <a href="/glossary/t%d/#top">term %d</a>.</p>`, j, (i*31+j)%pages, j)
		}
		body.WriteString(`</body></html>`)
		files[fmt.Sprintf("glossary/t%d/index.html", i)] = body.String()
	}
	fsys := site(files)
	b.ResetTimer()
	for b.Loop() {
		broken, err := Check(fsys, Options{Base: "/"})
		if err != nil || len(broken) != 0 {
			b.Fatalf("Check = %d broken, %v; want none", len(broken), err)
		}
	}
}
