package main

import (
	"strings"
	"testing"
)

// TestDiffCommand runs kb diff: it reports and exits 0 whatever changed,
// exits 1 when it cannot read the revision, and 2 for a usage error. The
// knowdiff package tests the report itself.
func TestDiffCommand(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		out    string // a part of stdout, or of stderr when status is not 0
	}{
		{name: "against HEAD", args: []string{"diff", "-root", "../../..", "HEAD"}, status: 0, out: "since HEAD"},
		{name: "json", args: []string{"diff", "-root", "../../..", "-format", "json", "HEAD"}, status: 0, out: `"version": 1`},
		{name: "not a repository", args: []string{"diff", "-root", t.TempDir(), "HEAD"}, status: 1, out: "not a git repository"},
		{name: "unknown revision", args: []string{"diff", "-root", "../../..", "no-such-revision"}, status: 1, out: `unknown revision "no-such-revision"`},
		{name: "unknown format", args: []string{"diff", "-format", "html"}, status: 2, out: `kb: unknown format "html": use text, markdown or json`},
		{name: "two revisions", args: []string{"diff", "a", "b"}, status: 2, out: `kb: diff: unexpected argument "b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := run(t, tt.args...)
			if status != tt.status {
				t.Errorf("kb %q exit status = %d; want %d\nstdout:\n%s\nstderr:\n%s", tt.args, status, tt.status, stdout, stderr)
			}
			got := stdout
			if tt.status != 0 {
				got = stderr
			}
			if !strings.Contains(got, tt.out) {
				t.Errorf("kb %q printed:\n%s\nwant it to contain %q", tt.args, got, tt.out)
			}
		})
	}
}
