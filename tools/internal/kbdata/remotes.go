package kbdata

import (
	"errors"
	"io/fs"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/remote"
	"github.com/cloudkb/kb/tools/internal/repofile"
	"github.com/cloudkb/kb/tools/internal/tomlpos"
)

// Files of the knowledge bases a site links to (docs/linking.md, "Two
// knowledge bases at once").
const (
	RemotesFile = "data/remotes.toml"
	RemotesDir  = "data/remotes"
)

// LockFile returns the path of the lock of the knowledge base with this
// prefix: a verbatim copy of its glossary index, written by kb lock.
func LockFile(prefix string) string { return RemotesDir + "/" + prefix + ".json" }

// RemoteRegistry is data/remotes.toml: the other knowledge bases whose
// terms the site links as {{< term "<prefix>:<ref>" >}}.
type RemoteRegistry struct {
	Remotes []*Remote `toml:"remote" doc:"Other knowledge bases whose glossary terms pages link, as {{< term \"<prefix>:<id>\" >}}."`

	// Locks holds the lock of each prefix that has a usable one; a prefix
	// in BadLocks has a lock that cannot be read, reported at the lock.
	Locks    map[string]*remote.Index `toml:"-"`
	BadLocks map[string]bool          `toml:"-"`
}

// Remote is one other knowledge base.
type Remote struct {
	Prefix string    `toml:"prefix" kb:"required,id" doc:"The name pages use for it: {{< term \"<prefix>:vm\" >}}. Its lock is data/remotes/<prefix>.json."`
	Index  string    `toml:"index" kb:"required,url" doc:"The absolute URL of its glossary index, /glossary/index.json; go tool kb lock fetches it."`
	Pos    Positions `toml:"-"` // where each key and value is (set by the binder)
}

// Remote returns the declared knowledge base with this prefix, or nil.
func (r *RemoteRegistry) Remote(prefix string) *Remote {
	for _, rm := range r.Remotes {
		if rm.Prefix == prefix {
			return rm
		}
	}
	return nil
}

// reservedPrefix is the one prefix Hugo cannot tell from the registry
// itself: it reads data/remotes.toml and data/remotes/ into one map, so
// the [[remote]] list sits under the key "remote".
const reservedPrefix = "remote"

// LoadRemotes reads data/remotes.toml and the locks of the prefixes it
// declares, as Load does, for a command that needs nothing else (kb lock).
func LoadRemotes(fsys fs.FS, diags *diag.List) *RemoteRegistry {
	kb := &KB{Files: map[string]*tomlpos.Index{}, Texts: map[string][]Text{}, Unparsed: map[string]bool{}}
	return kb.loadRemotes(fsys, diags)
}

// loadRemotes reads data/remotes.toml and the lock of each prefix it
// declares, reporting problems into diags. It returns nil when the file
// does not exist (a site that links no other knowledge base) or has an
// error of its own: what it declares is then unknown, and no reference to
// another knowledge base is judged.
func (kb *KB) loadRemotes(fsys fs.FS, diags *diag.List) *RemoteRegistry {
	if _, err := fs.Lstat(fsys, RemotesFile); err != nil {
		return nil
	}
	reg := &RemoteRegistry{}
	if !kb.decodeRegistry(fsys, RemotesFile, reg, diags) {
		return nil
	}
	// The binder checks presence and type; the form of a prefix and an
	// index is checked here, since no other registry has these keys.
	bad := false
	seen := map[string]int{}
	for i, r := range reg.Remotes {
		if r.Prefix != "" {
			start, end := r.Pos.Span("prefix")
			problem, suggestion := IDProblem(r.Prefix)
			if problem == "" && r.Prefix == reservedPrefix {
				problem, suggestion = "reserved: Hugo reads the [[remote]] list of data/remotes.toml under that name", "choose another prefix"
			}
			if problem != "" {
				bad = true
				d := diags.Add(RemotesFile, start, diag.CodeBadID, "prefix %q is %s", r.Prefix, problem).Span(end)
				if suggestion != "" {
					d.Suggest(suggestion)
				}
			}
			if first, dup := seen[r.Prefix]; dup {
				bad = true
				diags.Add(RemotesFile, start, diag.CodeDuplicate, "duplicate prefix %q (also entry %d)", r.Prefix, first+1).Span(end)
			}
			seen[r.Prefix] = i
		}
		if r.Index != "" && !ValidURL(r.Index) {
			start, end := r.Pos.Span("index")
			diags.Add(RemotesFile, start, diag.CodeBadURL, "index %q is not an absolute http(s) URL", r.Index).Span(end)
		}
	}
	if bad {
		return nil
	}
	reg.Locks, reg.BadLocks = map[string]*remote.Index{}, map[string]bool{}
	for _, r := range reg.Remotes {
		if r.Prefix == "" {
			continue
		}
		name := LockFile(r.Prefix)
		data, err := repofile.Read(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue // reported at each reference, where it matters
		}
		if err == nil {
			var ix *remote.Index
			if ix, err = remote.Parse(data); err == nil {
				reg.Locks[r.Prefix] = ix
				continue
			}
		}
		reg.BadLocks[r.Prefix] = true
		diags.Add(name, -1, diag.CodeRead, "cannot read the lock of %q: %v", r.Prefix, unwrapPath(err)).
			Suggest("run go tool kb lock to fetch it again")
	}
	return reg
}
