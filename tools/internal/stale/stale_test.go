package stale

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

var testKB = fstest.MapFS{
	"data/sources.toml": {Data: []byte(`[[source]]
id = "s"
title = "S"
publisher = "P"
url = "https://example.org/"
accessed = "2026-01-01"
short = true
`)},
	"data/aspects.toml": {Data: []byte(`[[aspect]]
id = "cost"
name = "Cost"
question = "What does it cost?"

[[aspect]]
id = "speed"
name = "Speed"
question = "How fast?"
`)},
	"data/glossary/a.toml": {Data: []byte(`name = "A"
summary = "A."
definition = "A."
sources = ["s"]
checked = "2026-11-01"

[facts.cost]
value = "Cheap."
sources = ["s"]
checked = "2025-10-01"
time_sensitive = true

[facts.speed]
value = "Fast."
sources = ["s"]
checked = "2025-10-01"
`)},
	"data/criteria.toml": {Data: []byte(`[[criterion]]
id = "old"
situation = "Old."
favours = ["a"]
why = "Why."
sources = ["s"]
checked = "not a date"
`)},
}

func TestReport(t *testing.T) {
	diags := &diag.List{}
	kb := kbdata.Load(testKB, diags)
	today := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		dueOnly bool
		want    string
		wantDue int
	}{
		{"all, oldest first", false, `data/criteria.toml:7:11: never checked: criterion old
data/glossary/a.toml:10:11: checked 2025-10-01, due 2026-10-01 (overdue): fact cost of term a
data/glossary/a.toml:16:11: checked 2025-10-01, due 2027-04-01: fact speed of term a
data/glossary/a.toml:5:11: checked 2026-11-01, due 2028-05-01: definition of term a
`, 2},
		{"due only", true, `data/criteria.toml:7:11: never checked: criterion old
data/glossary/a.toml:10:11: checked 2025-10-01, due 2026-10-01 (overdue): fact cost of term a
`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			due, err := Report(&b, kb, diags, today, tt.dueOnly)
			if err != nil || b.String() != tt.want || due != tt.wantDue {
				t.Errorf("Report(dueOnly=%v) = %d, %v,\n%s\nwant %d,\n%s", tt.dueOnly, due, err, b.String(), tt.wantDue, tt.want)
			}
		})
	}
}
