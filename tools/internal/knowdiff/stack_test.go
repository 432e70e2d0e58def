package knowdiff

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// stackKB is a knowledge base of one term, container, whose file ends with stack.
func stackKB(t *testing.T, stack string) *kbdata.KB {
	t.Helper()
	term := `name = "Container"
summary = "An application packaged with what it needs."
definition = "A container shares the host kernel."
sources = ["seed"]
` + stack
	fsys := fstest.MapFS{
		"data/sources.toml":            {Data: []byte("[[source]]\nid = \"seed\"\ntitle = \"T\"\npublisher = \"P\"\nurl = \"https://example.com/\"\naccessed = \"2026-11-20\"\nshort = true\n")},
		"data/aspects.toml":            {Data: []byte("[[aspect]]\nid = \"scaling\"\nname = \"Scaling\"\nquestion = \"How?\"\n")},
		"data/published.toml":          {Data: []byte("urls = [\"/glossary/container/\"]\n")},
		"data/glossary/container.toml": {Data: []byte(term)},
	}
	diags := &diag.List{}
	kb := kbdata.Load(fsys, diags)
	if errs, _ := diags.Count(); errs > 0 {
		t.Fatalf("the fixture has %d errors: %v", errs, diags.Items)
	}
	return kb
}

func stackOf(setting, vendor, developer, sources, checked string) string {
	return fmt.Sprintf(`
[stack]
setting = %q

[[stack.responsibility]]
layers = [%s]
party = "vendor"
sources = [%s]
checked = %q

[[stack.responsibility]]
layers = [%s]
party = "developer"
sources = ["seed"]
checked = "2026-11-20"
`, setting, vendor, sources, checked, developer)
}

// TestStackChanges checks what kb diff reports when a term's stack changes: who manages
// each layer, the setting, the citations, and each responsibility whose layers moved
// while its checked date did not.
func TestStackChanges(t *testing.T) {
	base := stackOf("self-managed", `"hardware"`, `"runtime", "code"`, `"seed"`, "2026-11-20")
	tests := []struct {
		name string
		old  string
		new  string
		want []string // kind field old→new, one per change
	}{
		{"unchanged", base, base, nil},
		{"stack added", "", base, []string{
			"changed stack.setting →self-managed",
			"added stack.code →developer",
			"added stack.hardware →vendor",
			"added stack.runtime →developer",
		}},
		{"layer given to the vendor, date not moved", base, stackOf("self-managed", `"hardware", "runtime"`, `"code"`, `"seed"`, "2026-11-20"), []string{
			"changed stack.runtime developer→vendor",
			"review stack.responsibility.1 →2026-11-20",
			"review stack.responsibility.2 →2026-11-20",
		}},
		{"layer given to the vendor and rechecked", base, stackOf("self-managed", `"hardware", "runtime"`, `"code"`, `"seed"`, "2026-11-25"), []string{
			"changed stack.runtime developer→vendor",
			"changed stack.responsibility.1.checked 2026-11-20→2026-11-25",
			// The developer's responsibility lost a layer too: its date should move.
			"review stack.responsibility.2 →2026-11-20",
		}},
		{"setting and citation", base, stackOf("on rented virtual machines", `"hardware"`, `"runtime", "code"`, `{ id = "seed", at = "Section 2" }`, "2026-11-25"), []string{
			"changed stack.setting self-managed→on rented virtual machines",
			"added stack.responsibility.1.sources →seed: Section 2",
			"removed stack.responsibility.1.sources seed→",
			"changed stack.responsibility.1.checked 2026-11-20→2026-11-25",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range Compare(stackKB(t, tt.old), stackKB(t, tt.new)) {
				got = append(got, c.Kind+" "+c.Field+" "+c.Old+"→"+c.New)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Compare(%s) = \n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
