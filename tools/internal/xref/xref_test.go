package xref

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cloudkb/kb/tools/internal/markdown"
)

func TestRefs(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // kind:id@offset-end, in order
	}{
		{"positional term", `a {{< term "vm" >}} b`, []string{`term:vm@12-14`}},
		{"named id and text", `{{< term text="x" id="container" >}}`, []string{`term:container@22-31`}},
		{"blanks around the equals sign", `{{< term id = "kernel" >}}`, []string{`term:kernel@15-21`}},
		{"percent form, unquoted", `{{% term kernel %}}`, []string{`term:kernel@9-15`}},
		{"custom text is not a ref", `{{< term "vm" "virtual machines" >}}`, []string{`term:vm@10-12`}},
		{"commented call is text", `{{</* term "vm" */>}}`, nil},
		{"closing call is no ref", `{{< /term >}}`, nil},
		{"call after an extra brace", `{{{< term "vm" >}}`, []string{`term:vm@11-13`}},
		{"call in a code block runs in Hugo", "```\n{{< term \"vm\" >}}\n```", []string{`term:vm@14-16`}},
		{"comparison with aspects", `{{< comparison id="s-v-c" aspects="scaling, cost" >}}`,
			[]string{`comparison:s-v-c@19-24`, `aspect:scaling@35-42`, `aspect:cost@44-48`}},
		{"stack diagram terms, in order", `{{< stack-diagram "serverless-computing" "vm" >}}`,
			[]string{`stack-term:serverless-computing@19-39`, `stack-term:vm@42-44`}},
		{"stack diagram: named and unquoted ones are no refs", `{{< stack-diagram id="a" 3 "" >}}`, nil},
		{"commented stack diagram is text", `{{</* stack-diagram "vm" */>}}`, nil},
		{"glossary link", `see [VMs](/glossary/virtual-machine/#kernel "title")`, []string{`link-term:virtual-machine@20-35`}},
		{"link in a heading", "# A [VM](/glossary/vm/)\n", []string{`link-term:vm@19-21`}},
		{"link in a list item", "- [VM](/glossary/vm/)\n", []string{`link-term:vm@17-19`}},
		{"compare link", `[t](/compare/x)`, []string{`link-comparison:x@13-14`}},
		{"section link is no ref", `[all](/glossary/)`, nil},
		{"reference definition", `[vm]: /glossary/vm/`, []string{`link-term:vm@16-18`}},
		{"code span is not a link", "`[a](/glossary/a/)` [b](/glossary/b/)", []string{`link-term:b@34-35`}},
		{"fenced block is not a link", "```\n[a](/glossary/a/)\n```\n[b](/glossary/b/)", []string{`link-term:b@40-41`}},
		{"HTML comment is not a link", "<!-- [a](/glossary/a/) -->\n\n[b](/glossary/b/)", []string{`link-term:b@42-43`}},
		{"inline comment is not a link", "x <!-- [a](/glossary/a/) --> [b](/glossary/b/)", []string{`link-term:b@43-44`}},
		{"external link is not a ref", `[a](https://example.org/glossary/a/)`, nil},
		{"front matter is no content", "---\nx: \"[a](/glossary/a/)\"\n---\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Fragments, as a definition is: a page that starts with "{"
			// would open JSON front matter.
			parse := markdown.ParseFragment
			if strings.HasPrefix(tt.src, "---") {
				parse = markdown.Parse
			}
			var got []string
			for _, r := range Refs(parse([]byte(tt.src))) {
				got = append(got, describe(r))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Refs(%q) = %v; want %v", tt.src, got, tt.want)
			}
		})
	}
}

func describe(r Ref) string {
	kind := [...]string{"term", "comparison", "aspect"}[r.Kind]
	if r.Link {
		kind = "link-" + kind
	}
	if r.Stack {
		kind = "stack-" + kind
	}
	return fmt.Sprintf("%s:%s@%d-%d", kind, r.ID, r.Offset, r.End)
}

// FuzzRefs checks that reading never panics and that every reference's
// range holds the id it reports.
func FuzzRefs(f *testing.F) {
	f.Add(`{{< term "vm" >}} [a](/glossary/a/)`)
	f.Add(`{{< stack-diagram "a" b="c" 1 >}}`)
	f.Add("# h [a](/compare/b/)\n> [c]: /glossary/d/\n```\n{{% term x %}}")
	f.Fuzz(func(t *testing.T, src string) {
		for _, r := range append(Refs(markdown.Parse([]byte(src))), Refs(markdown.ParseFragment([]byte(src)))...) {
			if r.Offset < 0 || r.End > len(src) || r.Offset > r.End || src[r.Offset:r.End] != r.ID {
				t.Fatalf("Refs(%q): ref %s does not hold its id", src, describe(r))
			}
			if r.Link && strings.ContainsAny(r.ID, "\n") {
				t.Fatalf("Refs(%q): link id %q spans lines", src, r.ID)
			}
		}
	})
}
