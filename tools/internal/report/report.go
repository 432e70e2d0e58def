// Package report writes diagnostics in the formats kb check offers: text
// for people, JSON for scripts, GitHub Actions workflow commands for
// inline annotations on a pull request, and SARIF 2.1.0 for code-scanning
// tools.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/cloudkb/kb/tools/internal/diag"
)

// Formats lists the accepted -format values.
var Formats = []string{"text", "json", "github", "sarif"}

// Write writes diags to w in format. For "github", summary (when not nil)
// receives the full list as Markdown, since GitHub shows at most ten
// annotations of each severity per step.
func Write(w io.Writer, format string, diags *diag.List, summary io.Writer) error {
	switch format {
	case "text":
		return Text(w, diags)
	case "json":
		return JSON(w, diags)
	case "github":
		return GitHub(w, diags, summary)
	case "sarif":
		return SARIF(w, diags)
	}
	return fmt.Errorf("unknown format %q: want one of %s", format, strings.Join(Formats, ", "))
}

// Text writes one line per diagnostic: path:line:col: severity: message [CODE].
func Text(w io.Writer, diags *diag.List) error {
	for _, d := range diags.Items {
		if _, err := fmt.Fprintln(w, diags.Line(d)); err != nil {
			return err
		}
	}
	return nil
}

// Record is the JSON form of one diagnostic. Its fields are stable: new
// fields may be added, none will be renamed or removed. Line and column
// are 1-based (columns count bytes) and zero for a whole-file diagnostic.
type Record struct {
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	EndLine    int    `json:"endLine"`
	EndColumn  int    `json:"endColumn"`
	Severity   string `json:"severity"`
	Code       string `json:"code"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
}

// Records converts diags to their JSON form.
func Records(diags *diag.List) []Record {
	out := make([]Record, 0, len(diags.Items))
	for _, d := range diags.Items {
		r := Record{File: d.Path, Severity: d.Severity.String(), Code: d.Code, Message: d.Message, Suggestion: d.Suggestion}
		if d.Offset >= 0 {
			s, e := diags.Start(d), diags.EndPosition(d)
			r.Line, r.Column, r.EndLine, r.EndColumn = s.Line, s.Col, e.Line, e.Col
		}
		out = append(out, r)
	}
	return out
}

// JSON writes the diagnostics as one JSON array of Record.
func JSON(w io.Writer, diags *diag.List) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(Records(diags))
}

// GitHub writes workflow commands (::error file=…,line=…::message) that
// GitHub Actions turns into annotations on the pull request's diff.
func GitHub(w io.Writer, diags *diag.List, summary io.Writer) error {
	for _, r := range Records(diags) {
		level := map[string]string{"warning": "warning", "suggestion": "notice"}[r.Severity]
		if level == "" {
			level = "error"
		}
		props := []string{"file=" + escapeProperty(r.File)}
		if r.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", r.Line), fmt.Sprintf("col=%d", r.Column))
			if r.EndLine == r.Line && r.EndColumn > r.Column {
				props = append(props, fmt.Sprintf("endColumn=%d", r.EndColumn))
			}
		}
		props = append(props, "title="+escapeProperty("kb "+r.Code))
		msg := r.Message
		if r.Suggestion != "" {
			msg += " (" + r.Suggestion + ")"
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(msg)); err != nil {
			return err
		}
	}
	if summary == nil {
		return nil
	}
	return Summary(summary, diags)
}

// Summary writes the full list as a Markdown table, for
// $GITHUB_STEP_SUMMARY.
func Summary(w io.Writer, diags *diag.List) error {
	errs, warns := diags.Count()
	var b strings.Builder
	fmt.Fprintf(&b, "### kb check: %d errors, %d warnings\n\n", errs, warns)
	if len(diags.Items) > 0 {
		b.WriteString("| where | severity | code | message |\n| --- | --- | --- | --- |\n")
		for _, r := range Records(diags) {
			where := r.File
			if r.Line > 0 {
				where = fmt.Sprintf("%s:%d:%d", r.File, r.Line, r.Column)
			}
			msg := r.Message
			if r.Suggestion != "" {
				msg += " (" + r.Suggestion + ")"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", where, r.Severity, r.Code, escapeCell(msg))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// The escapes GitHub's runner reverses (actions/toolkit, command.ts).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func escapeCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
