package check

import (
	"fmt"
	"strings"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/xref"
)

// remoteRef checks a term shortcode whose id is "<prefix>:<ref>", a term
// of another knowledge base, against the lock of that prefix
// (data/remotes/<prefix>.json), and reports whether r was one. Local ids
// never hold ":", so such an id can mean nothing else. A link
// (/glossary/<id>/) and a stack diagram's term are always local.
func (c *checker) remoteRef(file string, r xref.Ref, at func(int) int) bool {
	prefix, ref, ok := strings.Cut(r.ID, ":")
	if !ok || r.Link || r.Stack {
		return false
	}
	reg := c.kb.Remotes
	refStart := r.Offset + len(prefix) + 1
	switch {
	case reg == nil && c.kb.Unparsed[kbdata.RemotesFile]:
		// The registry is broken; that is reported there.
	case reg == nil || reg.Remote(prefix) == nil:
		d := c.diags.Add(file, at(r.Offset), diag.CodeUnknownRef, "unknown knowledge base prefix %q", prefix).Span(at(r.Offset + len(prefix)))
		var declared []string
		if reg != nil {
			for _, rm := range reg.Remotes {
				declared = append(declared, fmt.Sprintf("%q", rm.Prefix))
			}
		}
		if len(declared) == 0 {
			d.Suggest("declare it in " + kbdata.RemotesFile)
		} else {
			d.Suggest("declared in " + kbdata.RemotesFile + ": " + strings.Join(declared, ", "))
		}
	case reg.BadLocks[prefix]:
		// The lock is broken; that is reported there.
	case reg.Locks[prefix] == nil:
		c.diags.Add(file, at(r.Offset), diag.CodeRead, "no lock for %q: run go tool kb lock", prefix).Span(at(r.End)).
			Suggest(fmt.Sprintf("it writes %s, which the site renders from", kbdata.LockFile(prefix)))
	default:
		ix := reg.Locks[prefix]
		if _, ok := ix.Lookup(ref); ok {
			break
		}
		d := c.diags.Add(file, at(refStart), diag.CodeUnknownRef, "knowledge base %q has no term %q", prefix, ref).Span(at(r.End))
		// Asked like didYouMean, but the hint names the whole reference.
		if m := c.closestRemote(ref, ix.Keys()); m != "" {
			d.Suggest(fmt.Sprintf("did you mean %q?", prefix+":"+m))
		}
	}
	return true
}

// closestRemote returns didYouMean's answer without reporting it.
func (c *checker) closestRemote(s string, candidates []string) string {
	var scratch diag.Diagnostic
	return c.didYouMean(&scratch, strings.ToLower(s), candidates)
}
