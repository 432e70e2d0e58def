package check

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/cloudkb/kb/tools/internal/diag"
)

// docExample is one section of docs/diagnostics.md: files to lay over the
// base knowledge base (or delete), and lines kb check must print.
type docExample struct {
	code    string
	files   []txtar.File
	deletes []string
	want    []string
}

var (
	sectionRE = regexp.MustCompile(`(?m)^## (KB\d{3}):`)
	fenceRE   = regexp.MustCompile("(?ms)^```([^\n]*)\n(.*?)^```\\s*$")
)

func parseDoc(t *testing.T, text string) []docExample {
	t.Helper()
	var out []docExample
	starts := sectionRE.FindAllStringSubmatchIndex(text, -1)
	for i, s := range starts {
		end := len(text)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		ex := docExample{code: text[s[2]:s[3]]}
		for _, f := range fenceRE.FindAllStringSubmatch(text[s[0]:end], -1) {
			info := strings.Fields(f[1])
			switch {
			case len(info) >= 2 && strings.HasPrefix(info[1], "file="):
				name := strings.TrimPrefix(info[1], "file=")
				if len(info) == 3 && info[2] == "delete" {
					ex.deletes = append(ex.deletes, name)
				} else {
					ex.files = append(ex.files, txtar.File{Name: name, Data: []byte(f[2])})
				}
			case len(info) == 2 && info[1] == "output":
				ex.want = append(ex.want, strings.Split(strings.TrimSpace(f[2]), "\n")...)
			}
		}
		out = append(out, ex)
	}
	return out
}

// TestDiagnosticsDoc runs every example of docs/diagnostics.md and checks
// that kb check prints the lines the document shows, and that every code
// is documented with an example.
func TestDiagnosticsDoc(t *testing.T) {
	doc, err := os.ReadFile("../../../docs/diagnostics.md")
	if err != nil {
		t.Fatal(err)
	}
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	examples := parseDoc(t, string(doc))
	documented := map[string]bool{}
	for _, ex := range examples {
		documented[ex.code] = true
		t.Run(ex.code, func(t *testing.T) {
			if len(ex.want) == 0 {
				t.Fatalf("section %s has no ```text output block", ex.code)
			}
			comment := ""
			for _, d := range ex.deletes {
				comment += "delete " + d + "\n"
			}
			diags := Run(overlay(t, base, &txtar.Archive{Comment: []byte(comment), Files: ex.files}))
			got := map[string]bool{}
			var all []string
			for _, d := range diags.Items {
				got[diags.Line(d)] = true
				all = append(all, diags.Line(d))
			}
			for _, w := range ex.want {
				if !strings.HasSuffix(w, "["+ex.code+"]") {
					t.Errorf("documented line %q is not a %s diagnostic", w, ex.code)
				}
				if !got[w] {
					t.Errorf("Run(example %s) printed:\n%s\nwant a line:\n%s", ex.code, strings.Join(all, "\n"), w)
				}
			}
		})
	}
	for code := range diag.Titles {
		if !documented[code] {
			t.Errorf("code %s has no section with an example in docs/diagnostics.md", code)
		}
	}
}
