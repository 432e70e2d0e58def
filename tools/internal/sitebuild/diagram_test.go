package sitebuild

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"
)

// The "who manages what" diagram (layouts/_partials/kb/compare/stack-diagram.html) as
// the tests read its data: data/layers.toml and the [stack] of each term.

type stackLayer struct {
	ID   string `toml:"id"`
	Name string `toml:"name"`
}

type stackTerm struct {
	Name  string `toml:"name"`
	Stack *struct {
		Setting        string `toml:"setting"`
		Responsibility []struct {
			Layers []string `toml:"layers"`
			Party  string   `toml:"party"`
		} `toml:"responsibility"`
	} `toml:"stack"`
}

// who maps each layer id to the party that manages it.
func (t stackTerm) who() map[string]string {
	m := map[string]string{}
	for _, r := range t.Stack.Responsibility {
		for _, l := range r.Layers {
			m[l] = r.Party
		}
	}
	return m
}

func readStacks(t *testing.T, root string) ([]stackLayer, map[string]stackTerm) {
	t.Helper()
	var reg struct {
		Layer []stackLayer `toml:"layer"`
	}
	if _, err := toml.DecodeFile(filepath.Join(root, "data", "layers.toml"), &reg); err != nil {
		t.Fatalf("data/layers.toml: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(root, "data", "glossary", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	terms := map[string]stackTerm{}
	for _, f := range files {
		var tm stackTerm
		if _, err := toml.DecodeFile(f, &tm); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		terms[strings.TrimSuffix(filepath.Base(f), ".toml")] = tm
	}
	return reg.Layer, terms
}

// partyClass is the class of a box, and of its legend entry, by party.
var partyClass = map[string]string{"vendor": "v", "developer": "d", "shared": "s"}

// drawn is what one column of a built diagram shows.
type drawn struct {
	name  string            // its heading
	party map[string]string // layer name → class of the box behind its label
}

// svgElems returns the element children of n named name (SVG elements keep their
// lower-case names in the parsed tree).
func svgElems(n *html.Node, name string) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == name {
			out = append(out, c)
		}
	}
	return out
}

var pathToken = regexp.MustCompile(`[MmVvHhLlZz]|-?(\d+\.?\d*|\.\d+)(e-?\d+)?`)

// runs returns the vertical extent [top, bottom] of each subpath of a path's d
// attribute. The diagram writes "M0 <top>V<bottom>" per run of boxes; a minifier may
// write the same with relative commands.
func runs(d string) ([][2]float64, error) {
	toks := pathToken.FindAllString(d, -1)
	var out [][2]float64
	var x, y float64
	num := func(i int) (float64, error) {
		if i >= len(toks) {
			return 0, fmt.Errorf("path %q ends early", d)
		}
		return strconv.ParseFloat(toks[i], 64)
	}
	for i := 0; i < len(toks); {
		cmd := toks[i]
		switch cmd {
		case "M", "m":
			nx, err := num(i + 1)
			if err != nil {
				return nil, err
			}
			ny, err := num(i + 2)
			if err != nil {
				return nil, err
			}
			if cmd == "m" {
				nx, ny = x+nx, y+ny
			}
			x, y = nx, ny
			i += 3
		case "V", "v":
			ny, err := num(i + 1)
			if err != nil {
				return nil, err
			}
			if cmd == "v" {
				ny += y
			}
			out = append(out, [2]float64{min(y, ny), max(y, ny)})
			y = ny
			i += 2
		default:
			return nil, fmt.Errorf("path %q: unexpected %q: the diagram draws vertical runs only", d, cmd)
		}
	}
	return out, nil
}

// readDiagram reads a built diagram: its columns, the labels of its layers (from the
// first column, which the others reuse), and the parties of its legend.
func readDiagram(t *testing.T, svg *html.Node) (cols []drawn, labels []string, legend []string) {
	t.Helper()
	type label struct {
		name string
		y    float64
	}
	var shared []label
	for i, g := range svgElems(svg, "g") {
		if hasClass(g, "k") {
			for _, p := range svgElems(g, "path") {
				legend = append(legend, attr(p, "class"))
			}
			continue
		}
		texts := svgElems(g, "text")
		if len(texts) == 0 {
			t.Fatalf("column %d has no heading", i)
		}
		col := drawn{name: svgText(texts[0]), party: map[string]string{}}
		switch groups, uses := svgElems(g, "g"), svgElems(g, "use"); {
		case i == 0 && len(groups) == 1:
			for _, tx := range svgElems(groups[0], "text") {
				y, err := strconv.ParseFloat(attr(tx, "y"), 64)
				if err != nil {
					t.Fatalf("label %q: y %q: %v", svgText(tx), attr(tx, "y"), err)
				}
				shared = append(shared, label{svgText(tx), y})
			}
			if want := "#" + attr(groups[0], "id"); attr(groups[0], "id") == "" {
				t.Errorf("Labels(column 1) = a group without id; want one the other columns can use, such as %q", want)
			}
		case i > 0 && len(uses) == 1:
			if got, want := attr(uses[0], "href"), "#"+attr(svgElems(svgElems(svg, "g")[0], "g")[0], "id"); got != want {
				t.Errorf("Labels(column %d) = <use href=%q>; want %q", i+1, got, want)
			}
		default:
			t.Fatalf("Labels(column %d) = %d groups, %d uses; want the first column's group of labels, reused by the others", i+1, len(groups), len(uses))
		}
		for _, p := range svgElems(g, "path") {
			rs, err := runs(attr(p, "d"))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				for _, l := range shared {
					// A label stands on its box: its baseline is inside the run.
					if l.y > r[0] && l.y < r[1] {
						if prev, ok := col.party[l.name]; ok {
							t.Errorf("Box(%q, %q) = drawn as %q and %q; want one box", col.name, l.name, prev, attr(p, "class"))
						}
						col.party[l.name] = attr(p, "class")
					}
				}
			}
		}
		cols = append(cols, col)
	}
	// Bottom to top: the order of data/layers.toml.
	slices.SortFunc(shared, func(a, b label) int { return int(b.y - a.y) })
	for _, l := range shared {
		labels = append(labels, l.name)
	}
	return cols, labels, legend
}

// svgText is the text of an SVG element, its lines (<tspan>s) joined by a space.
func svgText(n *html.Node) string {
	var parts []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			if f := strings.Join(strings.Fields(n.Data), " "); f != "" {
				parts = append(parts, f)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(parts, " ")
}

// withClass matches an element of any name with the class.
func withClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return hasClass(n, class) }
}

// nextElement returns the element after n, or nil: the diagram's settings follow it.
func nextElement(n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// previousElement returns the element before n, or nil: on a comparison page, the
// diagram's heading.
func previousElement(n *html.Node) *html.Node {
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// findDiagram returns the page's <svg class="sd">, or nil.
func findDiagram(doc *html.Node) *html.Node {
	return find(doc, func(n *html.Node) bool { return n.Data == "svg" && hasClass(n, "sd") })
}

// describeStack says in words who manages what in one column, as the diagram's text
// alternative must: runs of three layers or more as "a through b". The column's name is
// left to describeStacks.
func describeStack(layers []stackLayer, tm stackTerm) string {
	who := tm.who()
	items := map[string][]string{}
	var order []string
	var run []string
	party := ""
	flush := func() {
		if party == "" {
			return
		}
		if len(run) >= 3 {
			items[party] = append(items[party], run[0]+" through "+run[len(run)-1])
		} else {
			items[party] = append(items[party], run...)
		}
		if !slices.Contains(order, party) {
			order = append(order, party)
		}
	}
	for _, l := range layers {
		if who[l.ID] != party {
			flush()
			party, run = who[l.ID], nil
		}
		run = append(run, strings.ToLower(l.Name))
	}
	flush()
	var parts []string
	for i, p := range order {
		verb := "the " + p + " manages"
		switch {
		case p == "shared":
			verb = "the vendor and the developer share"
		case i > 0:
			verb = "the " + p
		}
		list := items[p]
		joined := list[len(list)-1]
		if len(list) > 1 {
			joined = strings.Join(list[:len(list)-1], ", ") + " and " + joined
		}
		parts = append(parts, verb+" "+joined)
	}
	return strings.Join(parts, ", ")
}

// describeStacks is the diagram's whole text alternative: a sentence per description,
// naming every column that has it ("Container and virtual machine: …"), in column order.
func describeStacks(layers []stackLayer, tms []stackTerm) string {
	var order []string
	names := map[string][]string{}
	for _, tm := range tms {
		d := describeStack(layers, tm)
		name := tm.Name
		if len(names[d]) == 0 {
			order = append(order, d)
		} else {
			name = inSentence(name)
		}
		names[d] = append(names[d], name)
	}
	var out []string
	for _, d := range order {
		out = append(out, andList(names[d])+": "+d+".")
	}
	return strings.Join(out, " ")
}

// TestStackDiagram checks the diagram on every comparison page against the data: one
// column per subject with a [stack], in subject order, headed by its name; each layer's
// label, bottom to top as data/layers.toml lists them; each box drawn in the class of the
// party that manages its layer; a legend of the parties shown; role="img" labelled by a
// title and a text alternative that says the same in words; a heading above it and each
// setting under it.
// A comparison whose subjects have no [stack] shows no diagram.
func TestStackDiagram(t *testing.T) {
	s := realSite(t)
	layers, terms := readStacks(t, s.root)
	var layerNames []string
	for _, l := range layers {
		layerNames = append(layerNames, l.Name)
	}
	shown := 0
	for id, c := range s.data.comparisons {
		t.Run(id, func(t *testing.T) {
			doc := s.page(t, "/compare/"+id+"/")
			svg := findDiagram(doc)
			var subjects []string
			for _, sub := range c.Subjects {
				if terms[sub].Stack != nil {
					subjects = append(subjects, sub)
				}
			}
			if len(subjects) == 0 {
				if svg != nil {
					t.Errorf("Diagram(%q) = present; want none: no subject has a [stack]", id)
				}
				return
			}
			shown++
			if svg == nil {
				t.Fatalf("Diagram(%q) = nil; want an <svg class=sd> for %v", id, subjects)
			}
			cols, labels, legend := readDiagram(t, svg)
			var names, wantNames, settings []string
			var described []stackTerm
			wantLegend := map[string]bool{}
			for _, col := range cols {
				names = append(names, col.name)
			}
			for i, sub := range subjects {
				tm := terms[sub]
				wantNames = append(wantNames, tm.Name)
				described = append(described, tm)
				if tm.Stack.Setting != "" {
					settings = append(settings, tm.Name+": "+tm.Stack.Setting+".")
				}
				if i >= len(cols) {
					continue
				}
				who := tm.who()
				for _, l := range layers {
					want := partyClass[who[l.ID]]
					wantLegend[want] = true
					if got := cols[i].party[l.Name]; got != want {
						t.Errorf("Box(%q, %q) = class %q; want %q (%s)", tm.Name, l.Name, got, want, who[l.ID])
					}
				}
			}
			var gotLegend []string
			for _, p := range []string{"vendor", "developer", "shared"} {
				if wantLegend[partyClass[p]] {
					gotLegend = append(gotLegend, partyClass[p])
				}
			}
			ids := strings.Fields(attr(svg, "aria-labelledby"))
			var label []string
			for _, ref := range ids {
				if n := byID(svg, ref); n != nil {
					label = append(label, n.Data+": "+svgText(n))
				}
			}
			runChecks(t, []check{
				{"columns", strings.Join(names, " | "), strings.Join(wantNames, " | ")},
				{"labels bottom to top", strings.Join(labels, " | "), strings.Join(layerNames, " | ")},
				{"legend", strings.Join(legend, " "), strings.Join(gotLegend, " ")},
				{"role", attr(svg, "role"), "img"},
				{"accessible name", strings.Join(label, " / "), "title: Who manages each layer / desc: " + describeStacks(layers, described)},
				{"viewBox", attr(svg, "viewBox") != "" && attr(svg, "width") != "", true},
				{"settings", text(nextElement(svg)), strings.Join(settings, " ")},
				{"heading", text(previousElement(svg)), "Who manages what"},
			})
		})
	}
	if shown == 0 {
		t.Error("Diagrams() = 0; want the comparisons of compute models to show one")
	}
}

// TestStackDiagramThreeModels pins the diagram of the comparison of serverless
// computing, containers and virtual machines to its words and boxes, as a reader sees
// them.
func TestStackDiagramThreeModels(t *testing.T) {
	s := realSite(t)
	const path = "/compare/serverless-vs-containers-vs-virtual-machines/"
	svg := findDiagram(s.page(t, path))
	if svg == nil {
		t.Fatalf("Diagram(%q) = nil; want one", path)
	}
	cols, labels, legend := readDiagram(t, svg)
	if len(cols) != 3 {
		t.Fatalf("Columns(%q) = %d; want 3", path, len(cols))
	}
	cloud := map[string]string{"Hardware": "v", "Virtualization": "v", "Operating system": "d", "Runtime": "d", "Scaling": "d", "Code": "d"}
	tests := []struct {
		name  string
		party map[string]string
	}{
		{"Serverless computing", map[string]string{"Hardware": "v", "Virtualization": "v", "Operating system": "v", "Runtime": "v", "Scaling": "v", "Code": "d"}},
		{"Container", cloud},
		{"Virtual machine", cloud},
	}
	for i, tt := range tests {
		if cols[i].name != tt.name {
			t.Errorf("Column(%d) = %q; want %q", i+1, cols[i].name, tt.name)
		}
		for layer, want := range tt.party {
			if got := cols[i].party[layer]; got != want {
				t.Errorf("Box(%q, %q) = %q; want %q", tt.name, layer, got, want)
			}
		}
	}
	desc := find(svg, func(n *html.Node) bool { return n.Data == "desc" })
	var words []string
	for _, tx := range svgElems(find(svg, withClass("k")), "text") {
		words = append(words, svgText(tx))
	}
	runChecks(t, []check{
		{"labels", strings.Join(labels, ", "), "Hardware, Virtualization, Operating system, Runtime, Scaling, Code"},
		{"legend", strings.Join(legend, " "), "v d"},
		{"legend words", strings.Join(words, " "), "Vendor Developer"},
		{"desc", svgText(desc), "Serverless computing: the vendor manages hardware through scaling, the developer code. " +
			"Container and virtual machine: the vendor manages hardware and virtualization, the developer operating system through code."},
	})
}

// TestStackDiagramBytes measures the diagram of three models in the published (minified)
// build: every comparison page carries one, and the page budget counts its bytes.
func TestStackDiagramBytes(t *testing.T) {
	s := minified(t)
	const path = "/compare/serverless-vs-containers-vs-virtual-machines/"
	raw, err := os.ReadFile(s.file(path))
	if err != nil {
		t.Fatal(err)
	}
	page := string(raw)
	start := strings.Index(page, "<svg class")
	end := strings.Index(page[max(start, 0):], "</svg>")
	if start < 0 || end < 0 {
		t.Fatalf("Diagram(%q) = none; want an <svg>", path)
	}
	size := end + len("</svg>")
	t.Logf("diagram of three models: %d bytes", size)
	if size > 2000 {
		t.Errorf("Size(diagram of %q) = %d bytes; want at most 2000", path, size)
	}
}

// TestStackDiagramShortcode builds a copy of the site with a page that calls the
// stack-diagram shortcode, and one that names an unknown term: the first gets the diagram
// and the stylesheet that draws it, the second fails the build at the call.
func TestStackDiagramShortcode(t *testing.T) {
	real := realSite(t)
	tests := []struct {
		name    string
		call    string
		wantErr string // a part of Hugo's error, or "" for a build that succeeds
	}{
		{"two models", `{{< stack-diagram "serverless-computing" "virtual-machine" >}}`, ""},
		{"unknown id", `{{< stack-diagram "serverless-computing" "contaner" >}}`, `stack-diagram: no glossary term "contaner" in data/glossary (did you mean "container"?): "`},
		{"term without a stack", `{{< stack-diagram "kernel" >}}`, `stack-diagram: term "kernel" has no [stack] to draw`},
		{"no ids", `{{< stack-diagram >}}`, `stack-diagram: missing term ids`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			if err := CopySite(real.root, src); err != nil {
				t.Fatalf("CopySite: %v", err)
			}
			page := "---\ntitle: Stack diagram test\n---\nWho manages what:\n\n" + tt.call + "\n"
			if err := os.WriteFile(filepath.Join(src, "content", "stack-diagram-test.md"), []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
			public := t.TempDir()
			ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
			defer cancel()
			out, err := Build(ctx, real.root, src, public)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(string(out), tt.wantErr) || !strings.Contains(string(out), "stack-diagram-test.md:6:1") {
					t.Errorf("Build(%s) = %v\n%s\nwant an error at stack-diagram-test.md:6:1 saying %q", tt.call, err, out, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Build(%s) = %v\n%s", tt.call, err, out)
			}
			s := &builtSite{root: real.root, public: public, base: real.base}
			doc := s.page(t, "/stack-diagram-test/")
			svg := findDiagram(doc)
			if svg == nil {
				t.Fatalf("Diagram(%s) = nil; want an <svg class=sd>", tt.call)
			}
			cols, _, _ := readDiagram(t, svg)
			var names []string
			for _, c := range cols {
				names = append(names, c.name)
			}
			css := attr(linkRel(doc, "stylesheet"), "href")
			runChecks(t, []check{
				{"columns", strings.Join(names, " | "), "Serverless computing | Virtual machine"},
				{"stylesheet has diagram.css", strings.Contains(css, "diagram"), true},
			})
		})
	}
}
