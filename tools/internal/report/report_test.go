package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/cloudkb/kb/tools/internal/check"
	"github.com/cloudkb/kb/tools/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func injected(t *testing.T) *diag.List {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/injected.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return check.Run(fsys)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Write(%q) =\n%s\nwant (%s):\n%s", name, got, path, want)
	}
}

func TestFormats(t *testing.T) {
	diags := injected(t)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var out, summary bytes.Buffer
			if err := Write(&out, format, diags, &summary); err != nil {
				t.Fatal(err)
			}
			golden(t, "injected."+format, out.Bytes())
			if format == "github" {
				golden(t, "injected.summary.md", summary.Bytes())
			}
		})
	}
	if err := Write(&bytes.Buffer{}, "xml", diags, nil); err == nil {
		t.Errorf(`Write("xml") = nil; want an error`)
	}
}

// TestSARIFRequiredFields checks the properties SARIF 2.1.0's schema
// requires of what kb writes: version and runs; a run's tool.driver.name;
// a result's message.text; an artifact location's uri; a region's start.
func TestSARIFRequiredFields(t *testing.T) {
	var out bytes.Buffer
	if err := SARIF(&out, injected(t)); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  *string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					Text *string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI *string `json:"uri"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name == nil {
		t.Fatalf("SARIF log: version %q, %d runs; want 2.1.0, 1 run with a driver name", log.Version, len(log.Runs))
	}
	rules := map[string]bool{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		rules[r.ID] = true
	}
	if len(log.Runs[0].Results) == 0 {
		t.Fatal("SARIF log has no results; the fixture has errors")
	}
	for i, r := range log.Runs[0].Results {
		if r.Message.Text == nil || *r.Message.Text == "" {
			t.Errorf("result %d: no message.text", i)
		}
		if r.Level != "error" && r.Level != "warning" {
			t.Errorf("result %d: level %q; want error or warning", i, r.Level)
		}
		if !rules[r.RuleID] {
			t.Errorf("result %d: ruleId %q is not among the driver's rules", i, r.RuleID)
		}
		for _, l := range r.Locations {
			if l.PhysicalLocation.ArtifactLocation.URI == nil {
				t.Errorf("result %d: a location without uri", i)
			}
			if reg := l.PhysicalLocation.Region; reg != nil && reg.StartLine < 1 {
				t.Errorf("result %d: region startLine %d; want >= 1", i, reg.StartLine)
			}
		}
	}
}

// TestMain measures checked dates against a fixed day, so that the golden
// files do not age.
func TestMain(m *testing.M) {
	check.Today = func() time.Time { return time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC) }
	os.Exit(m.Run())
}
