package check

import (
	"io/fs"
	"path"
	"strings"
)

// hugoShortcodes are the shortcodes Hugo itself provides (v0.165.0,
// tpl/tplimpl/embedded/templates/_shortcodes).
var hugoShortcodes = []string{"comment", "details", "figure", "gist", "highlight", "instagram",
	"instagram_simple", "param", "qr", "ref", "relref", "twitter", "twitter_simple", "vimeo",
	"vimeo_simple", "x", "x_simple", "youtube"}

// kbShortcodes are the knowledge base's own shortcodes, which a site has
// in shortcodes/ or through the Hugo module.
var kbShortcodes = []string{"term", "comparison", "criteria"}

// shortcodeDirs are where a site keeps its own shortcodes: this project's
// shortcodes/ (mounted as layouts/_shortcodes) and Hugo's own places.
var shortcodeDirs = []string{"shortcodes", "layouts/_shortcodes", "layouts/shortcodes"}

// knownShortcodes returns the names of the shortcodes Hugo can run in the
// repository: its own, the knowledge base's and Hugo's. A template "a/b.html" is "a/b"; output
// format and language variants ("x.en.html", "x.json") name "x" too.
func knownShortcodes(fsys fs.FS) map[string]bool {
	known := map[string]bool{}
	for _, n := range append(hugoShortcodes, kbShortcodes...) {
		known[n] = true
	}
	for _, dir := range shortcodeDirs {
		_ = fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			rel := strings.TrimPrefix(p, dir+"/")
			base := path.Base(rel)
			if i := strings.IndexByte(base, '.'); i > 0 {
				base = base[:i]
			}
			known[path.Join(path.Dir(rel), base)] = true
			return nil
		})
	}
	return known
}
