package check

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/markdown"
	"github.com/cloudkb/kb/tools/internal/redirects"
	"github.com/cloudkb/kb/tools/internal/xref"
)

// hugoShortcodes are the shortcodes Hugo itself provides (v0.165.0,
// tpl/tplimpl/embedded/templates/_shortcodes), each with whether its
// template reads .Inner: only those take content and a closing tag.
var hugoShortcodes = map[string]bool{"comment": true, "details": true, "figure": false, "gist": false,
	"highlight": true, "instagram": false, "instagram_simple": false, "param": false, "qr": true, "ref": false,
	"relref": false, "twitter": false, "twitter_simple": false, "vimeo": false, "vimeo_simple": false, "x": false,
	"x_simple": false, "youtube": false}

// kbParams are the knowledge base's own shortcodes, which a site has in
// shortcodes/ or through the Hugo module, with the parameters each reads:
// by name, or by position in this order. None takes content.
var kbParams = map[string][]string{"term": {"id", "text"}, "comparison": {"id", "aspects"}, "criteria": nil, "decision": nil}

// stackDiagram is the shortcode of the "who manages what" diagram, the one
// knowledge-base shortcode that takes any number of parameters: term ids, in order.
const stackDiagram = xref.StackDiagram

// shortcodeDirs are where a site keeps its own shortcodes: this project's
// shortcodes/ (mounted as layouts/_shortcodes) and Hugo's own places.
var shortcodeDirs = []string{"shortcodes", "layouts/_shortcodes", "layouts/shortcodes"}

// readsInner finds .Inner or .InnerDeindent in a template, which is what
// makes Hugo expect content and a closing tag; comments are left out.
var (
	readsInner       = regexp.MustCompile(`\.Inner(Deindent)?\b`)
	templateComments = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// knownShortcodes returns the shortcodes Hugo can run in the repository
// (its own, the knowledge base's and the site's), by name in lower case
// as Hugo looks them up, each with whether it takes content (its
// template reads .Inner). A template "a/b.html" is "a/b"; output format
// and language variants ("x.en.html", "x.json") name "x" too.
func knownShortcodes(fsys fs.FS) map[string]bool {
	known := maps.Clone(hugoShortcodes)
	for n := range kbParams {
		known[n] = false
	}
	known[stackDiagram] = false
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
			name := strings.ToLower(path.Join(path.Dir(rel), base))
			text, _ := fs.ReadFile(fsys, p)
			known[name] = known[name] || readsInner.Match(templateComments.ReplaceAll(text, nil))
			return nil
		})
	}
	return known
}

// calls reports the shortcode calls of a scanned Markdown text that Hugo
// rejects, and those it would run otherwise than written (kb is stricter
// there: the page would build, without what its author meant). allowed
// and at are as for markup.
func (c *checker) calls(file string, d *markdown.Doc, at func(int) int, allowed map[string]bool) {
	var open []markdown.Call // calls taking content, until their closing tag
	for _, call := range d.Calls {
		switch {
		case call.Err != "":
			c.diags.Add(file, at(call.ErrAt), diag.CodeShortcodeCall, "%s", call.Err)
			continue
		case call.Commented:
			continue
		case call.Name == "":
			c.diags.Add(file, at(call.Start), diag.CodeShortcodeCall, "shortcode call without a name").Span(at(call.End))
			continue
		}
		name, inner, ok := c.shortcodeName(file, call, at, allowed)
		if !ok {
			continue
		}
		switch {
		case call.Closing && !inner:
			c.diags.Add(file, at(call.Start), diag.CodeShortcodeCall, "shortcode %q takes no content, so Hugo rejects its closing tag", name).
				Span(at(call.End)).Suggest("remove {{< /" + call.Name + " >}}")
		case call.Closing && len(open) == 0:
			c.diags.Add(file, at(call.Start), diag.CodeShortcodeCall, "closing tag of shortcode %q, which is not open", name).Span(at(call.End))
		case call.Closing:
			// Hugo ends the innermost open call, whatever the tag says.
			last := open[len(open)-1]
			open = open[:len(open)-1]
			if other := strings.ToLower(last.Name); other != name {
				c.diags.Add(file, at(call.Start), diag.CodeShortcodeCall, "closing tag of shortcode %q, but %q is the one open: Hugo would close that", name, other).
					Span(at(call.End)).Suggest("close {{< " + last.Name + " >}} first")
			}
		case call.SelfClose && !inner:
			c.diags.Add(file, at(call.Start), diag.CodeShortcodeCall, "shortcode %q takes no content, so Hugo rejects a self-closing call", name).
				Span(at(call.End)).Suggest("remove the / before the closing delimiter")
		case inner && !call.SelfClose:
			open = append(open, call)
		}
		if !call.Closing {
			c.kbCall(file, d, call, name, at)
		}
	}
	for _, call := range open {
		c.diags.Add(file, at(call.Start), diag.CodeShortcodeCall, "shortcode %q is never closed: Hugo wants its content ended", strings.ToLower(call.Name)).
			Span(at(call.End)).Suggest(fmt.Sprintf("end it with {{< /%s >}}, or self-close it: {{< %s … />}}", call.Name, call.Name))
	}
}

// shortcodeName checks the name of a call, and returns it in lower case,
// with whether the shortcode takes content; ok is false when Hugo has no
// such shortcode, or the text may not call it.
func (c *checker) shortcodeName(file string, call markdown.Call, at func(int) int, allowed map[string]bool) (name string, inner, ok bool) {
	name = strings.ToLower(call.Name)
	start, end := at(call.NameStart), at(call.NameStart+len(call.Name))
	inner, known := c.shortcodes[name]
	switch {
	case call.Inline:
		c.diags.Add(file, start, diag.CodeShortcode, "inline shortcode %q is not run: the site does not enable inline shortcodes, so Hugo leaves it out", call.Name).
			Span(end).Suggest("make it a template in shortcodes/")
		return "", false, false
	case allowed != nil && !allowed[name]:
		c.diags.Add(file, start, diag.CodeShortcode, "shortcode %q cannot be used in a data file's Markdown: only %s", call.Name, strings.Join(slices.Sorted(maps.Keys(allowed)), ", ")).
			Span(end)
		return "", false, false
	case !known:
		d := c.diags.Add(file, start, diag.CodeShortcode, "unknown shortcode %q", call.Name).Span(end)
		c.didYouMean(d, call.Name, c.sorted.shortcodes)
		return "", false, false
	case name != call.Name:
		// Hugo finds a template in any letter case; kb's references, its
		// backlinks and kb fix read the name as written.
		c.diags.Add(file, start, diag.CodeShortcode, "shortcode %q must be written %q: kb reads shortcode names in lower case only", call.Name, name).
			Span(end).Suggest(fmt.Sprintf("write {{< %s … >}}", name))
	}
	return name, inner, true
}

// kbCall checks a call of one of the knowledge base's own shortcodes
// against what its template reads (shortcodes/<name>.html): named
// parameters or positional ones, never both; the id it cannot do
// without; and no parameter it would ignore, since Hugo drops those
// without a word. Where ids and aspects lead is checked with the other
// references (package xref).
func (c *checker) kbCall(file string, d *markdown.Doc, call markdown.Call, name string, at func(int) int) {
	if name == stackDiagram {
		c.stackDiagramCall(file, d, call, at)
		return
	}
	params, ok := kbParams[name]
	if !ok {
		return
	}
	if call.Percent {
		c.diags.Add(file, at(call.Start), diag.CodeRawHTML, "{{%% %s %%}} is rendered as Markdown, so the site drops the HTML it makes", name).
			Span(at(call.End)).Suggest(fmt.Sprintf("call it as {{< %s … >}}", name))
	}
	named := call.NamedArgs()
	for i, a := range call.Args {
		switch {
		case (a.Key != "") != named:
			c.diags.Add(file, at(argStart(a)), diag.CodeShortcodeCall, "shortcode %q is given named and positional parameters: Hugo fails", name).
				Span(at(a.End)).Suggest("name every parameter, or none")
			return
		case named && !slices.Contains(params, a.Key):
			dg := c.diags.Add(file, at(a.KeyStart), diag.CodeShortcodeCall, "shortcode %q has no parameter %q: Hugo would ignore it", name, a.Key).
				Span(at(a.KeyStart + len(a.Key)))
			if c.didYouMean(dg, a.Key, params) == "" && len(params) > 0 {
				dg.Suggest("it reads " + strings.Join(params, " and "))
			}
		case !named && i >= len(params):
			what := fmt.Sprintf("reads %d positional parameters (%s)", len(params), strings.Join(params, ", "))
			if len(params) == 0 {
				what = "takes no parameters"
			}
			c.diags.Add(file, at(argStart(a)), diag.CodeShortcodeCall, "shortcode %q %s: Hugo would ignore this one", name, what).Span(at(a.End))
		}
	}
	if len(params) > 0 && params[0] == "id" {
		a, found := call.Named("id", 0)
		id := a.Value(d.Src)
		if name == "term" {
			id = strings.TrimSpace(id) // kb/glossary/resolve.html trims it
		}
		switch {
		case !found || id == "":
			c.diags.Add(file, at(call.NameStart), diag.CodeShortcodeCall, "shortcode %q needs an id: Hugo fails without one", name).
				Span(at(call.NameStart + len(call.Name))).Suggest(fmt.Sprintf(`write {{< %s "id" >}}`, name))
		case !a.IsString(d.Src):
			c.typed(file, d, a, at)
		}
	}
	if name == "criteria" && c.guideRead(file, call, at, "data/criteria.toml") && len(c.kb.Criteria) == 0 {
		c.diags.Add(file, at(call.NameStart), diag.CodeTooFew, "{{< criteria >}} shows data/criteria.toml, which has no [[criterion]]: Hugo fails").
			Span(at(call.NameStart + len(call.Name)))
	}
	if name == "decision" {
		switch {
		case !c.guideRead(file, call, at, "the decision aid of data/criteria.toml"):
		case c.kb.Decision == nil:
			c.diags.Add(file, at(call.NameStart), diag.CodeNoDecision, "{{< decision >}} shows the decision aid of data/criteria.toml, which has no [decision]: Hugo fails").
				Span(at(call.NameStart + len(call.Name))).Suggest("add a [decision] table with its [[decision.question]] to data/criteria.toml, or remove the call")
		}
		// Its answers link to the rows of the guide by the prefix the
		// criteria shortcode takes from its ordinal: the next call's.
		if next := nextCall(d, call); next == nil || strings.ToLower(next.Name) != "criteria" {
			c.diags.Add(file, at(call.NameStart), diag.CodeNoDecision, "{{< decision >}} links its answers to the rows of the guide, but the next shortcode call is not {{< criteria >}}: the links would lead nowhere").
				Span(at(call.NameStart + len(call.Name))).Suggest("call {{< criteria >}} directly after it, with no other shortcode between them")
		}
	}
}

// guideRead reports a call of a shortcode that shows data/criteria.toml (what it
// shows, in words) when the file is missing, and says whether the file was read: one
// that does not parse has its own errors, reported there.
func (c *checker) guideRead(file string, call markdown.Call, at func(int) int, shows string) bool {
	switch guide := kbdata.CriteriaFile; {
	case c.kb.Unparsed[guide]:
		return false
	case c.kb.Files[guide] == nil:
		c.diags.Add(file, at(call.NameStart), diag.CodeRead, "{{< %s >}} shows %s, which is missing: Hugo fails", strings.ToLower(call.Name), shows).
			Span(at(call.NameStart + len(call.Name)))
		return false
	}
	return true
}

// nextCall returns the first shortcode Hugo runs after call in d, or nil:
// commented calls and closing tags are not shortcodes of their own.
func nextCall(d *markdown.Doc, call markdown.Call) *markdown.Call {
	for i := range d.Calls {
		n := &d.Calls[i]
		if n.Start >= call.End && !n.Commented && !n.Closing && n.Name != "" {
			return n
		}
	}
	return nil
}

// typed reports an unquoted argument that Hugo passes as a number or a
// boolean where the shortcode wants text.
func (c *checker) typed(file string, d *markdown.Doc, a markdown.Arg, at func(int) int) {
	v := a.Value(d.Src)
	c.diags.Add(file, at(a.Start), diag.CodeShortcodeCall, "unquoted %s is a number or a boolean to Hugo, not text", v).
		Span(at(a.End)).Suggest(fmt.Sprintf("quote it: %q", v))
}

// argStart is where an argument starts as written: its name, if it has
// one.
func argStart(a markdown.Arg) int {
	if a.Key != "" {
		return a.KeyStart
	}
	return a.Start
}

// siteConfigs are the names Hugo reads a site's configuration from.
var siteConfigs = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json"}

// contentAdapters are the templates that make a page of every term and
// comparison from data/: without one, those pages vanish from the site,
// and Hugo does not say so.
var contentAdapters = []struct{ file, pages string }{
	{"content/glossary/_content.gotmpl", "the term pages, /glossary/<id>/"},
	{"content/compare/_content.gotmpl", "the comparison pages, /compare/<id>/"},
}

// maxFileName is the longest file or folder name common file systems
// allow, in bytes. Hugo writes each redirect at <section>/<slug>/index.html.
const maxFileName = 255

// site checks what the Hugo site makes of the data, beyond the Markdown:
// when the repository is a site (it has a Hugo configuration), the
// content adapters that make the term and comparison pages; and every
// redirect page's address, which must fit in a file name.
func (c *checker) site(fsys fs.FS) {
	isSite := false
	for _, f := range siteConfigs {
		if _, err := fs.Stat(fsys, f); err == nil {
			isSite = true
		}
	}
	for _, a := range contentAdapters {
		if _, err := fs.Stat(fsys, a.file); isSite && errors.Is(err, fs.ErrNotExist) {
			c.diags.Add(a.file, -1, diag.CodeRead, "missing file: this content adapter makes %s, which vanish from the site without it", a.pages)
		}
	}
	for _, id := range c.termIDs {
		t := c.kb.Terms[id]
		for i, a := range t.Aliases {
			c.redirect(kbdata.TermFile(id), t.Pos, "aliases", i, "alias", redirects.Slug(a))
		}
		for i, f := range t.FormerIDs {
			c.redirect(kbdata.TermFile(id), t.Pos, "former_ids", i, "former id", f)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(c.kb.Comparisons)) {
		cmp := c.kb.Comparisons[id]
		for i, f := range cmp.FormerIDs {
			c.redirect(kbdata.ComparisonFile(id), cmp.Pos, "former_ids", i, "former id", f)
		}
	}
}

// redirect reports element i of the list key when the last segment of
// the address it redirects from, segment, is too long to be a file name.
// The site skips some redirects (package redirects);
// kb reports a long one all the same.
func (c *checker) redirect(file string, pos kbdata.Positions, key string, i int, what, segment string) {
	if len(segment) <= maxFileName {
		return
	}
	start, end := pos.Span(key, i)
	c.diags.Add(file, start, diag.CodeLongAddress, "%s makes a redirect address whose last part is %d bytes long: Hugo fails writing it, as a file name holds at most %d", what, len(segment), maxFileName).
		Span(end).Suggest("shorten it")
}

// stackDiagramCall checks {{< stack-diagram "id" … >}} as its template does
// (shortcodes/stack-diagram.html), so that kb check reports what would fail the
// build: no id, named parameters, an unknown term, or a term without a [stack].
func (c *checker) stackDiagramCall(file string, d *markdown.Doc, call markdown.Call, at func(int) int) {
	if call.Percent {
		c.diags.Add(file, at(call.Start), diag.CodeRawHTML, "{{%% %s %%}} is rendered as Markdown, so the site drops the HTML it makes", stackDiagram).
			Span(at(call.End)).Suggest(fmt.Sprintf("call it as {{< %s … >}}", stackDiagram))
	}
	if len(call.Args) == 0 {
		c.diags.Add(file, at(call.NameStart), diag.CodeShortcodeCall, "shortcode %q needs the ids of the terms to draw: Hugo fails without one", stackDiagram).
			Span(at(call.NameStart + len(call.Name))).Suggest(fmt.Sprintf(`write {{< %s "serverless-computing" "container" >}}`, stackDiagram))
		return
	}
	for _, a := range call.Args {
		id := a.Value(d.Src)
		switch {
		case a.Key != "":
			c.diags.Add(file, at(a.KeyStart), diag.CodeShortcodeCall, "shortcode %q takes term ids in order, not named parameters: Hugo fails", stackDiagram).
				Span(at(a.End)).Suggest(fmt.Sprintf("write %q", id))
		case !a.IsString(d.Src):
			c.typed(file, d, a, at)
		}
	}
}

// stackRef checks a term of a stack diagram (an xref.Ref with Stack set; its
// call is checked by stackDiagramCall): the template finds it by id, not by an
// alias, and draws its [stack]. It returns the id when the reference counts.
func (c *checker) stackRef(file string, r xref.Ref, at func(int) int) string {
	t := c.kb.Terms[r.ID]
	switch {
	case t == nil && c.kb.Unparsed[kbdata.TermFile(r.ID)]:
		// Its file is broken; that is reported there.
	case t == nil:
		d := c.diags.Add(file, at(r.Offset), diag.CodeUnknownRef, "unknown term %q in the stack diagram: Hugo fails", r.ID).Span(at(r.End))
		if id, ok := c.names[strings.ToLower(r.ID)]; ok {
			d.Suggest(fmt.Sprintf("%q is a name of term %q: the diagram takes ids", r.ID, id))
		} else {
			c.didYouMean(d, r.ID, c.termIDs)
		}
	case t.Stack == nil:
		c.diags.Add(file, at(r.Offset), diag.CodeUnknownRef, "term %q has no [stack] to draw: Hugo fails", r.ID).
			Span(at(r.End)).Suggest(fmt.Sprintf("add a [stack] to %s, or leave the term out", kbdata.TermFile(r.ID)))
		return r.ID
	default:
		return r.ID
	}
	return ""
}
