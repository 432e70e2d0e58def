package mention

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// testTerms is a small glossary with the overlaps that matter: a name
// inside a longer name (machine, virtual machine), a name that is the
// start of another word (container, containerd), and aliases.
var testTerms = []Term{
	{ID: "container", Name: "Container", Aliases: []string{"containers"}, Auto: &yes},
	{ID: "virtual-machine", Name: "Virtual machine", Aliases: []string{"virtual machines", "VM", "VMs"}},
	{ID: "machine", Name: "Machine", Aliases: []string{"machines"}, Auto: &yes},
	{ID: "kernel", Name: "Kernel", Auto: &yes},
	{ID: "serverless-computing", Name: "Serverless computing", Aliases: []string{"serverless", "FaaS"}},
	{ID: "dotnet", Name: ".NET"},
}

var yes, no = true, false

// describe writes a mention as id@start-end"text".
func describe(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s@%d-%d%q", m.ID, m.Offset, m.End, m.Text))
	}
	return out
}

func TestUnlinked(t *testing.T) {
	// These cases test the reader: which text is prose. The context
	// rules are TestSense's.
	ix := NewIndex(testTerms)
	ix.readerOnly = true
	tests := []struct {
		name string
		src  string
		want []string
	}{
		// What is a mention.
		{"name", "A container runs.", []string{`container@2-11"container"`}},
		{"letter case", "x CONTAINER and Kernel", []string{`container@2-11"CONTAINER"`, `kernel@16-22"Kernel"`}},
		{"alias", "Two VMs and containers.", []string{`virtual-machine@4-7"VMs"`, `container@12-22"containers"`}},
		{"longest name first", "a virtual machine", []string{`virtual-machine@2-17"virtual machine"`}},
		{"longest name wins though its term is linked", `x {{< term "vm" >}}: a virtual machine, a machine`, []string{`machine@42-49"machine"`}},
		{"first mention only", "x kernel, kernel", []string{`kernel@2-8"kernel"`}},
		{"a later alias is the same term", "x VM, virtual machines", []string{`virtual-machine@2-4"VM"`}},
		{"ids are not names", "virtual-machine serverless-computing", nil},
		{"name across a line break is no mention", "a virtual\nmachine", []string{`machine@10-17"machine"`}},
		{"non-word first rune", "built on .NET, not ASP.NET", []string{`dotnet@9-13".NET"`}},
		{"at the ends", "x kernel", []string{`kernel@2-8"kernel"`}},
		{"never first on a page, where a shortcode opens JSON front matter", "\n kernel", nil},
		{"punctuation around", `(kernel)`, []string{`kernel@1-7"kernel"`}},
		{"emphasis", "*kernel* and _container_", []string{`kernel@1-7"kernel"`, `container@14-23"container"`}},
		{"hyphen joins a compound", "container-based self-container", nil},
		{"possessive", "the kernel's job", []string{`kernel@4-10"kernel"`}},
		{"escaped brackets are prose", `\[kernel\]`, []string{`kernel@2-8"kernel"`}},
		{"footnote definition text is prose", "[^1]: The kernel.", []string{`kernel@10-16"kernel"`}},
		{"table cell", "| a | b |\n| - | - |\n| kernel | x |", []string{`kernel@22-28"kernel"`}},
		{"block quote is a quotation", "> the kernel", nil},
		{"list item", "- the kernel", []string{`kernel@6-12"kernel"`}},
		{"indented continuation line", "para\n    kernel", []string{`kernel@9-15"kernel"`}},

		// Whole words only.
		{"prefix of a word", "containerd and kernelspace", nil},
		{"suffix of a word", "microkernel", nil},
		{"snake case", "my_kernel kernel_x", nil},
		{"file name", "kernel.md and config.kernel", nil},
		{"sentence end", "the kernel.", []string{`kernel@4-10"kernel"`}},
		{"digits join", "kernel2 2kernel", nil},
		{"placeholder in braces", "a {kernel} and kernel", []string{`kernel@15-21"kernel"`}},
		{"a brace first opens JSON front matter", "{\"t\": \"kernel\"}\nkernel", []string{`kernel@16-22"kernel"`}},
		{"next to a shortcode", `x {{< x >}}kernel kernel{{< x >}} kernel`, []string{`kernel@34-40"kernel"`}},
		{"joiner between a name and a non-word edge", "x kernel_.NET", []string{`kernel@2-8"kernel"`}},
		{"the same after the name is linked", `x {{< term "kernel" "kernel" >}}_.NET`, nil},

		// Already linked: the term is skipped entirely.
		{"linked by id", `kernel {{< term "kernel" >}}`, nil},
		{"linked by alias", `x {{< term "VMs" "x" >}} a VM`, nil},
		{"linked by name in other case", `x {{< term "VIRTUAL MACHINE" >}} a VM`, nil},
		{"linked with percent form", `x {{% term kernel %}} kernel`, nil},
		{"linked with named id", `x {{< term text="k" id="kernel" >}} kernel`, nil},
		{"linked by markdown link", `kernel [k](/glossary/kernel/)`, nil},
		{"linked by reference definition", "kernel [k][1]\n\n[1]: /glossary/kernel/", nil},
		{"link to an alias page is no link", `x kernel [v](/glossary/vm/) VM`, []string{`kernel@2-8"kernel"`, `virtual-machine@28-30"VM"`}},
		{"commented call is no link", `x {{</* term "kernel" */>}} kernel`, []string{`kernel@28-34"kernel"`}},
		{"link in code is no link", "`[k](/glossary/kernel/)` kernel", []string{`kernel@25-31"kernel"`}},

		// Front matter.
		{"yaml front matter", "---\ntitle: kernel\n---\nkernel", []string{`kernel@22-28"kernel"`}},
		{"toml front matter", "+++\ntitle = \"kernel\"\n+++\nkernel", []string{`kernel@25-31"kernel"`}},
		{"front matter with CRLF", "---\r\ntitle: kernel\r\n---\r\nkernel", []string{`kernel@25-31"kernel"`}},
		{"front matter after a byte order mark", "\ufeff---\nkernel\n---\nkernel", []string{`kernel@18-24"kernel"`}},
		{"unclosed front matter", "---\ntitle: kernel\n", nil},
		{"thematic break later is no front matter", "x kernel\n\n---\n\ncontainer", []string{`kernel@2-8"kernel"`, `container@15-24"container"`}},

		// Code.
		{"backtick fence", "```\nkernel\n```\nkernel", []string{`kernel@15-21"kernel"`}},
		{"tilde fence", "~~~go\nkernel\n~~~\nkernel", []string{`kernel@17-23"kernel"`}},
		{"shorter fence inside", "````\n```\nkernel\n```\n````\nkernel", []string{`kernel@25-31"kernel"`}},
		{"unclosed fence", "```\nkernel", nil},
		{"fence in a list item", "- ```\n  kernel\n  ```\n- kernel", []string{`kernel@23-29"kernel"`}},
		{"fence in a block quote", "> ```\n> kernel\n> ```\nkernel", []string{`kernel@21-27"kernel"`}},
		{"backticks with a backtick in the info are no fence", "``` a ` b\nkernel", []string{`kernel@10-16"kernel"`}},
		{"indented code", "para\n\n    kernel\n\nkernel", []string{`kernel@18-24"kernel"`}},
		{"indented code with a tab", "\tkernel\n\nkernel", []string{`kernel@9-15"kernel"`}},
		{"code span", "`kernel` kernel", []string{`kernel@9-15"kernel"`}},
		{"double backtick span", "``a ` kernel`` kernel", []string{`kernel@15-21"kernel"`}},
		{"code span across lines", "`a\nkernel` kernel", []string{`kernel@11-17"kernel"`}},
		{"unmatched backtick", "` kernel", []string{`kernel@2-8"kernel"`}},
		{"code span ends at the paragraph", "`a\n\nkernel`", []string{`kernel@4-10"kernel"`}},

		// Headings.
		{"atx heading", "# Kernel\nkernel", []string{`kernel@9-15"kernel"`}},
		{"atx heading with closing hashes", "### Kernel ###\n\nkernel", []string{`kernel@16-22"kernel"`}},
		{"heading in a list item", "- ## Kernel\n\nkernel", []string{`kernel@13-19"kernel"`}},
		{"hashtag is no heading", "#kernel", []string{`kernel@1-7"kernel"`}},
		{"heading needs a space", "#kernel kernel", []string{`kernel@1-7"kernel"`}},
		{"setext heading", "The\nkernel\n======\n\nkernel", []string{`kernel@19-25"kernel"`}},
		{"setext heading with dashes", "Kernel\n---\nkernel", []string{`kernel@11-17"kernel"`}},

		// Links.
		{"inline link text", "[kernel](/x) kernel", []string{`kernel@13-19"kernel"`}},
		{"inline link destination", "[x](/kernel/) kernel", []string{`kernel@14-20"kernel"`}},
		{"inline link title", `[x](/y "the kernel") kernel`, []string{`kernel@21-27"kernel"`}},
		{"title with a parenthesis", `[x](/y "a) kernel") kernel`, []string{`kernel@20-26"kernel"`}},
		{"nested parentheses", "[x](/a_(kernel)) kernel", []string{`kernel@17-23"kernel"`}},
		{"image alt", "![the kernel](k.png) kernel", []string{`kernel@21-27"kernel"`}},
		{"reference link", "[kernel][k] kernel", []string{`kernel@12-18"kernel"`}},
		{"collapsed reference", "[kernel][] kernel", []string{`kernel@11-17"kernel"`}},
		{"shortcut reference", "[kernel] kernel", []string{`kernel@9-15"kernel"`}},
		{"nested brackets", "[a [kernel] b](/x) kernel", []string{`kernel@19-25"kernel"`}},
		{"reference definition", "[k]: /kernel\nkernel", []string{`kernel@13-19"kernel"`}},
		{"reference definition title line", "[k]: /x\n  \"The kernel\"\nkernel", []string{`kernel@23-29"kernel"`}},
		{"autolink", "<https://kernel.org/kernel> kernel", []string{`kernel@28-34"kernel"`}},
		{"email autolink", "<kernel@example.org> kernel", []string{`kernel@21-27"kernel"`}},
		{"bare https url", "https://example.org/kernel kernel", []string{`kernel@27-33"kernel"`}},
		{"bare http url in parentheses", "(http://kernel.org) kernel", []string{`kernel@20-26"kernel"`}},
		{"bare www url", "www.kernel.org kernel", []string{`kernel@15-21"kernel"`}},
		{"bare email", "kernel@example.org kernel", []string{`kernel@19-25"kernel"`}},
		{"path", "/docs/kernel/ and ../kernel.md kernel", []string{`kernel@31-37"kernel"`}},
		{"slash joins words", "kernel/container", nil},
		{"destination after a stray bracket", "x](/glossary/virtual-machine machine", []string{`machine@29-36"machine"`}},

		// Shortcodes.
		{"shortcode argument", `x {{< figure caption="kernel" >}} kernel`, []string{`kernel@34-40"kernel"`}},
		{"shortcode over lines", "x {{< figure\n    caption=\"kernel\"\n>}}\nkernel", []string{`kernel@38-44"kernel"`}},
		{"percent shortcode", "x {{% note kernel %}} kernel", []string{`kernel@22-28"kernel"`}},
		{"paired shortcode content", "x {{< highlight >}}\nkernel\n{{< /highlight >}}\nkernel", []string{`kernel@46-52"kernel"`}},
		{"paired percent content", "x {{% note %}}kernel{{% /note %}} kernel", []string{`kernel@34-40"kernel"`}},
		{"self-closing shortcode", "x {{< x />}} kernel {{< /x >}}", []string{`kernel@13-19"kernel"`}},
		{"commented shortcode", `x {{</* figure "kernel" */>}} kernel`, []string{`kernel@30-36"kernel"`}},
		{"closer inside quotes", `x {{< x "a >}} kernel" >}} kernel`, []string{`kernel@27-33"kernel"`}},
		{"unclosed shortcode", `x {{< x kernel`, nil},
		// Hugo rejects the page (">" in a {{% %}} call): nothing is linked.
		{"closer of the other kind", `x {{% x >}} kernel %}} kernel`, nil},
		{"term shortcode text", `x {{< term "vm" "kernel" >}}`, nil},

		// HTML.
		{"tag attribute", `<span title="kernel">x</span> kernel`, []string{`kernel@30-36"kernel"`}},
		{"inline element content", `<a href="/x">kernel</a> kernel`, []string{`kernel@24-30"kernel"`}},
		{"void element", `x <br> kernel`, []string{`kernel@7-13"kernel"`}},
		{"unclosed element", `x <b>kernel`, []string{`kernel@5-11"kernel"`}},
		{"inline comment", `x <!-- kernel --> kernel`, []string{`kernel@18-24"kernel"`}},
		{"comment block runs to the end of its line", `<!-- kernel --> kernel`, nil},
		{"comment over paragraphs", "x <!-- kernel\n\nkernel --> kernel", []string{`kernel@26-32"kernel"`}},
		{"comment block", "<!--\nkernel\n-->\nkernel", []string{`kernel@16-22"kernel"`}},
		{"html block", "<div>\nkernel\n</div>\n\nkernel", []string{`kernel@21-27"kernel"`}},
		{"pre block over blank lines", "<pre>\n\nkernel\n</pre>\nkernel", []string{`kernel@21-27"kernel"`}},
		{"tag alone on a line starts a block", "<span>\nkernel\n\nkernel", []string{`kernel@15-21"kernel"`}},
		{"tag alone on a line in a paragraph", "x\n<span>\nkernel</span> kernel", []string{`kernel@23-29"kernel"`}},
		{"autolink alone on a line", "<https://x.org>\nkernel", []string{`kernel@16-22"kernel"`}},
		{"less-than is no tag", "a < b kernel", []string{`kernel@6-12"kernel"`}},
		{"entity", "&kernel; kernel", []string{`kernel@9-15"kernel"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(ix.Unlinked([]byte(tt.src)))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Unlinked(%q) = %v; want %v", tt.src, got, tt.want)
			}
		})
	}
}

func TestLinked(t *testing.T) {
	ix := NewIndex(testTerms)
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"id", `x {{< term "kernel" >}}`, []string{"kernel"}},
		{"alias in other case", `x {{< term "vms" >}}`, []string{"virtual-machine"}},
		{"markdown link", `[k](/glossary/kernel/)`, []string{"kernel"}},
		{"link to an alias is no link", `[k](/glossary/vm/)`, nil},
		{"unknown term", `x {{< term "nothing" >}}`, nil},
		{"comparison", `x {{< comparison "kernel" >}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for id := range ix.Linked([]byte(tt.src)) {
				got = append(got, id)
			}
			sort.Strings(got)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Linked(%q) = %v; want %v", tt.src, got, tt.want)
			}
		})
	}
}

func TestNewIndex(t *testing.T) {
	ix := NewIndex([]Term{
		{ID: "a", Name: "Alpha", Aliases: []string{"shared", "b", `say "hi"`, "{x}", "--", " padded "}},
		{ID: "b", Name: "Beta", Aliases: []string{"Shared", "alpha"}},
	})
	tests := []struct {
		name   string
		lookup string
		want   string // "" when the name is not a prose name
	}{
		{"name", "alpha", "a"},
		{"alias", "shared", "a"},
		{"id is no prose name", "b", ""},
		{"alias taken by an earlier alias", "beta", "b"},
		{"quote cannot be a shortcode's text", `say "hi"`, ""},
		{"brace cannot be a shortcode's text", "{x}", ""},
		{"no letter", "--", ""},
		{"trimmed", "padded", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _, _ := ix.Lookup(tt.lookup); got != tt.want {
				t.Errorf("Lookup(%q) = %q; want %q", tt.lookup, got, tt.want)
			}
		})
	}
	// The alias "b" is the id of term b: a shortcode naming it means b.
	if got := ix.Linked([]byte(`x {{< term "b" >}}`)); !got["b"] || got["a"] {
		t.Errorf(`Linked(x {{< term "b" >}}) = %v; want map[b:true]`, got)
	}
}

func TestFromKB(t *testing.T) {
	diags := &diag.List{}
	kb := kbdata.Load(fstest.MapFS{
		"data/sources.toml":                  {Data: []byte("[[source]]\nid = \"s\"\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://example.org/\"\naccessed = \"2026-01-01\"\n")},
		"data/aspects.toml":                  {Data: []byte("")},
		"data/glossary/virtual-machine.toml": {Data: []byte("name = \"Virtual machine\"\naliases = [\"VM\"]\nsummary = \"s\"\ndefinition = \"d\"\nsources = [\"s\"]\n")},
	}, diags)
	ix := FromKB(kb)
	src := "a virtual-machine is a virtual machine, a VM"
	got := describe(ix.Unlinked([]byte(src)))
	want := []string{`virtual-machine@23-38"virtual machine"`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Unlinked(%q) = %v; want %v", src, got, want)
	}
}

func TestShortcode(t *testing.T) {
	m := Mention{ID: "virtual-machine", Text: "VMs"}
	if got, want := m.Shortcode(), `{{< term "virtual-machine" "VMs" >}}`; got != want {
		t.Errorf("Shortcode() = %s; want %s", got, want)
	}
}

// FuzzUnlinked checks, for any page and any glossary names, that
// Unlinked never panics; that each mention's bytes, lowercased, are a
// name of its term, lie in the page, start and end at word boundaries,
// and come in order without overlap, at most one per term and none for
// a linked term; and that linking every mention leaves nothing to link.
func FuzzUnlinked(f *testing.F) {
	f.Add("A container on a virtual machine, VMs and a machine.", "Container|containers\nVirtual machine|VM|VMs\nMachine")
	f.Add("---\ntitle: kernel\n---\n# Kernel\n\n`kernel` [kernel](/k) kernel", "Kernel")
	f.Add("{{< term \"vm\" >}} a VM <!-- x --> www.x.org containerd", "Container\nVM")
	f.Fuzz(func(t *testing.T, src, names string) {
		var terms []Term
		for i, line := range strings.Split(names, "\n") {
			parts := strings.Split(line, "|")
			terms = append(terms, Term{ID: fmt.Sprintf("t%d", i), Name: parts[0], Aliases: parts[1:]})
		}
		ix := NewIndex(terms)
		ms := ix.Unlinked([]byte(src))
		linked := ix.Linked([]byte(src))
		seen := map[string]bool{}
		last := 0
		for _, m := range ms {
			if m.Offset < last || m.End <= m.Offset || m.End > len(src) || src[m.Offset:m.End] != m.Text {
				t.Fatalf("Unlinked(%q): mention %v out of place (previous ended at %d)", src, m, last)
			}
			if id, link, ok := ix.Lookup(strings.ToLower(m.Text)); (!ok || id != m.ID || !link) && !pluralOf(ix, m) {
				t.Fatalf("Unlinked(%q): mention %v: %q is no name of %s", src, m, strings.ToLower(m.Text), m.ID)
			}
			if !boundaryBefore([]byte(src), m.Offset) || !boundaryAfter([]byte(src), m.End) {
				t.Fatalf("Unlinked(%q): mention %v is not a whole word", src, m)
			}
			if seen[m.ID] || linked[m.ID] {
				t.Fatalf("Unlinked(%q): mention %v of a term already linked or mentioned", src, m)
			}
			seen[m.ID] = true
			last = m.End
		}
		var b strings.Builder
		last = 0
		for _, m := range ms {
			b.WriteString(src[last:m.Offset])
			b.WriteString(m.Shortcode())
			last = m.End
		}
		b.WriteString(src[last:])
		fixed := []byte(b.String())
		now := ix.Linked(fixed)
		for _, m := range ms {
			if !now[m.ID] {
				t.Fatalf("Unlinked(%q): after linking, %s is still not linked in %q", src, m.ID, fixed)
			}
		}
		if again := ix.Unlinked(fixed); len(again) > 0 {
			t.Fatalf("Unlinked(%q) after linking %v = %v; want none", fixed, describe(ms), describe(again))
		}
	})
}

// pluralOf reports whether a mention's text is the plural of a linkable
// name of its term.
func pluralOf(ix *Index, m Mention) bool {
	lower := strings.ToLower(m.Text)
	for _, cut := range [][2]string{{"s", ""}, {"es", ""}, {"ies", "y"}} {
		if stem, ok := strings.CutSuffix(lower, cut[0]); ok {
			if id, link, found := ix.Lookup(stem + cut[1]); found && link && id == m.ID {
				return true
			}
		}
	}
	return false
}

// TestSense covers the rules that keep a link to the term's own sense.
func TestSense(t *testing.T) {
	ix := NewIndex([]Term{
		{ID: "service", Name: "Service"},
		{ID: "host", Name: "Host", Aliases: []string{"hosts"}},
		{ID: "kubernetes", Name: "Kubernetes", Aliases: []string{"K8s"}, Auto: &yes},
		{ID: "virtual-machine", Name: "Virtual machine", Aliases: []string{"VM"}, Never: []string{"Java virtual machine"}},
		{ID: "continuous-deployment", Name: "Continuous Deployment (CD)"},
		{ID: "deployment", Name: "Deployment", Auto: &yes, Never: []string{"canary deployment"}},
		{ID: "iaas", Name: "Infrastructure as a Service (IaaS)"},
		{ID: "service-mesh", Name: "Service mesh"},
		{ID: "dependency", Name: "Dependency", Auto: &yes},
		{ID: "muted", Name: "Muted phrase", Auto: &no},
		{ID: "operating-system", Name: "Operating system", Aliases: []string{"OS"}},
	})
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"one-word ordinary name is not linked", "a service and a host", nil},
		{"one-word name that opts in", "we run kubernetes on a service mesh", []string{`kubernetes@7-17"kubernetes"`, `service-mesh@23-35"service mesh"`}},
		{"plural", "two virtual machines", []string{`virtual-machine@4-20"virtual machines"`}},
		{"plural of -y", "its dependencies, on a service mesh", []string{`dependency@4-16"dependencies"`, `service-mesh@23-35"service mesh"`}},
		{"abbreviation keeps its case", "an os module, an OS, two VMs; operating systems and virtual machines", []string{`operating-system@17-19"OS"`, `virtual-machine@25-28"VMs"`}},
		{"abbreviation in lower case is a word", "cd into the folder", nil},
		{"abbreviation spelt out as something else", "here CD stands for compact disc; continuous deployment", []string{`continuous-deployment@33-54"continuous deployment"`}},
		{"short abbreviation the page never spells out", "burn it to a CD", nil},
		{"one-word name alone in its paragraph", "ports full of kubernetes\n\nA service mesh", []string{`service-mesh@28-40"service mesh"`}},
		{"long form of Name (ABBR)", "with Continuous Deployment (CD) we ship", []string{`continuous-deployment@5-26"Continuous Deployment"`}},
		{"abbreviation of Name (ABBR)", "we use CD daily: continuous deployment", []string{`continuous-deployment@7-9"CD"`}},
		{"long form in lower case", "x infrastructure as a service is rented", []string{`iaas@2-29"infrastructure as a service"`}},
		{"longer known phrase wins", "a service mesh", []string{`service-mesh@2-14"service mesh"`}},
		{"inside a longer name", "under continuous deployment", []string{`continuous-deployment@6-27"continuous deployment"`}},
		{"never phrase", "the Java virtual machine and canary deployments", nil},
		{"hyphenated compound", "a VM-level setting, self-service, kubernetes-native", nil},
		{"capitalised word before, mid-sentence", "we run WebAssembly virtual machines", nil},
		{"capitalised word before at sentence start", "Managed Kubernetes is here. It runs a service mesh.", []string{`kubernetes@8-18"Kubernetes"`, `service-mesh@38-50"service mesh"`}},
		{"capitalised name before a capitalised word", "Thanks to The Kubernetes Authors.", nil},
		{"auto = false", "a muted phrase", nil},
		{"quotation", `they said "a virtual machine" then`, nil},
		{"curly quotation", "they said “a virtual machine” then", nil},
		{"inch mark is no quotation", `a 5" disk on a virtual machine`, []string{`virtual-machine@15-30"virtual machine"`}},
		{"reference section", "## References\n\n- Virtual machine docs\n\n## Next\n\nA virtual machine", []string{`virtual-machine@50-65"virtual machine"`}},
		{"list item that cites a URL", "- virtual machine docs, https://example.org\n- runs a virtual machine", []string{`virtual-machine@53-68"virtual machine"`}},
		{"list item linking another site", "- [docs](https://example.org) on a virtual machine\n\nA virtual machine here", []string{`virtual-machine@54-69"virtual machine"`}},
		{"block quote", "> a virtual machine\n\nno", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(ix.Unlinked([]byte(tt.src)))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Unlinked(%q) = %v; want %v", tt.src, got, tt.want)
			}
		})
	}
}
