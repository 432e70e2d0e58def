package mdref

import (
	"fmt"
	"strings"
	"testing"
)

func TestScan(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // kind:id@offset-end, in order
	}{
		{"positional term", `a {{< term "vm" >}} b`, []string{`term:vm@12-14`}},
		{"named id and text", `{{< term text="x" id="container" >}}`, []string{`term:container@22-31`}},
		{"percent form, unquoted", `{{% term kernel %}}`, []string{`term:kernel@9-15`}},
		{"custom text is not a ref", `{{< term "vm" "virtual machines" >}}`, []string{`term:vm@10-12`}},
		{"commented call is text", `{{</* term "vm" */>}}`, nil},
		{"call after an extra brace", `{{{< term "vm" >}}`, []string{`term:vm@11-13`}},
		{"comparison with aspects", `{{< comparison id="s-v-c" aspects="scaling, cost" >}}`,
			[]string{`comparison:s-v-c@19-24`, `aspect:scaling@35-42`, `aspect:cost@44-48`}},
		{"glossary link", `see [VMs](/glossary/virtual-machine/#kernel "title")`, []string{`link-term:virtual-machine@20-35`}},
		{"compare link", `[t](/compare/x)`, []string{`link-comparison:x@13-14`}},
		{"reference definition", `[vm]: /glossary/vm/`, []string{`link-term:vm@16-18`}},
		{"code span is not a link", "`[a](/glossary/a/)` [b](/glossary/b/)", []string{`link-term:b@34-35`}},
		{"fenced block is not a link", "```\n[a](/glossary/a/)\n```\n[b](/glossary/b/)", []string{`link-term:b@40-41`}},
		{"external link is not a ref", `[a](https://example.org/glossary/a/)`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range Scan([]byte(tt.src)) {
				got = append(got, describe(r))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Scan(%q) = %v; want %v", tt.src, got, tt.want)
			}
		})
	}
}

func describe(r Ref) string {
	kind := [...]string{"term", "comparison", "aspect"}[r.Kind]
	if r.Link {
		kind = "link-" + kind
	}
	return fmt.Sprintf("%s:%s@%d-%d", kind, r.ID, r.Offset, r.End)
}

// FuzzScan checks that Scan never panics and that every reference's range
// holds the id it reports.
func FuzzScan(f *testing.F) {
	f.Add(`{{< term "vm" >}} [a](/glossary/a/)`)
	f.Fuzz(func(t *testing.T, src string) {
		for _, r := range Scan([]byte(src)) {
			if r.Offset < 0 || r.End > len(src) || r.Offset > r.End || src[r.Offset:r.End] != r.ID {
				t.Fatalf("Scan(%q): ref %s does not hold its id", src, describe(r))
			}
			if strings.ContainsAny(r.ID, "\n") {
				t.Fatalf("Scan(%q): id %q spans lines", src, r.ID)
			}
		}
	})
}
