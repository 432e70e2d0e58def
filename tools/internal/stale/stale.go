// Package stale says when a checked claim is due to be checked again.
//
// Every fact, takeaway and criterion (and optionally a term's definition)
// records the day it was last checked against its sources. Claims age:
// vendors change limits and prices, specifications are revised. kb check
// warns about a claim past its due date, and kb stale lists every dated
// claim, oldest first, so that a maintainer can plan a review.
package stale

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// The ages after which a claim is due, in months: the one place they are
// set. A time-sensitive figure (a vendor limit, a price, a billing step)
// changes faster than a definition.
const (
	Months              = 18
	TimeSensitiveMonths = 12
)

// Limit returns how many months a claim stays current.
func Limit(timeSensitive bool) int {
	if timeSensitive {
		return TimeSensitiveMonths
	}
	return Months
}

// Claim is one dated claim of the knowledge base.
type Claim struct {
	File          string // data file, relative to the repository root
	What          string // "fact scaling of term container"
	Checked       string // YYYY-MM-DD, or "" when never checked
	TimeSensitive bool
	Sources       []kbdata.Citation
	Pos           kbdata.Positions // the claim's table
}

// Offset returns where the claim's checked date is (or its table, when it
// has none). It is looked up when asked: kb check lists every claim, and
// asks only for those it reports.
func (c Claim) Offset() int { return c.Pos.Value("checked") }

// Due returns the day the claim should be checked again, and false when
// it has no valid checked date.
func (c Claim) Due() (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, c.Checked)
	if err != nil {
		return time.Time{}, false
	}
	return DueAfter(t, c.TimeSensitive), true
}

// DueAfter is when a claim checked on the day checked is due to be checked
// again.
func DueAfter(checked time.Time, timeSensitive bool) time.Time {
	return checked.AddDate(0, Limit(timeSensitive), 0)
}

// Claims lists every claim that carries (or must carry) a checked date:
// each term's definition, each fact, each responsibility of a term's
// stack, each takeaway and criterion, in file order.
func Claims(kb *kbdata.KB) []Claim {
	var out []Claim
	add := func(file, what, checked string, ts bool, cites []kbdata.Citation, pos kbdata.Positions) {
		out = append(out, Claim{File: file, What: what, Checked: checked,
			TimeSensitive: ts, Sources: cites, Pos: pos})
	}
	for _, id := range slices.Sorted(maps.Keys(kb.Terms)) {
		t := kb.Terms[id]
		file := kbdata.TermFile(id)
		if t.Checked != "" {
			add(file, "definition of term "+id, t.Checked, false, t.Sources, t.Pos)
		}
		for _, aspect := range slices.Sorted(maps.Keys(t.Facts)) {
			f := t.Facts[aspect]
			add(file, "fact "+aspect+" of term "+id, f.Checked, f.TimeSensitive, f.Sources, f.Pos)
		}
		if t.Stack != nil {
			for i, r := range t.Stack.Responsibilities {
				add(file, fmt.Sprintf("responsibility %d of the stack of term %s", i+1, id), r.Checked, false, r.Sources, r.Pos)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(kb.Comparisons)) {
		cmp := kb.Comparisons[id]
		for _, aspect := range slices.Sorted(maps.Keys(cmp.Takeaways)) {
			tk := cmp.Takeaways[aspect]
			add(kbdata.ComparisonFile(id), "takeaway "+aspect+" of comparison "+id, tk.Checked, false, tk.Sources, tk.Pos)
		}
	}
	for _, cr := range kb.Criteria {
		add(kbdata.CriteriaFile, "criterion "+cr.ID, cr.Checked, false, cr.Sources, cr.Pos)
	}
	return out
}

// ByAge sorts claims oldest first (never checked before all), then by
// file and position.
func ByAge(claims []Claim) {
	// A claim without a valid date sorts as never checked: first.
	key := func(c Claim) string {
		if kbdata.ValidDate(c.Checked) {
			return c.Checked
		}
		return ""
	}
	slices.SortStableFunc(claims, func(a, b Claim) int {
		if c := strings.Compare(key(a), key(b)); c != 0 {
			return c
		}
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Offset() - b.Offset()
	})
}

// Report writes one line per claim, oldest first, in the form
//
//	path:line:col: checked 2026-11-20, due 2028-05-20: fact scaling of term container
//
// ("never checked" for a claim without a valid date, "overdue" after a
// due date before today). With dueOnly, only claims due by today are
// written. diags holds the files' texts, for line and column. It returns
// how many claims are due.
func Report(w io.Writer, kb *kbdata.KB, diags *diag.List, today time.Time, dueOnly bool) (int, error) {
	claims := Claims(kb)
	ByAge(claims)
	due := 0
	for _, c := range claims {
		d, ok := c.Due()
		overdue := !ok || !d.After(today)
		if overdue {
			due++
		}
		if dueOnly && !overdue {
			continue
		}
		pos := diags.Start(diag.Diagnostic{Path: c.File, Offset: c.Offset()})
		when := "never checked"
		if ok {
			when = fmt.Sprintf("checked %s, due %s", c.Checked, d.Format(time.DateOnly))
			if overdue {
				when += " (overdue)"
			}
		}
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", c.File, pos.Line, pos.Col, when, c.What); err != nil {
			return due, err
		}
	}
	return due, nil
}
