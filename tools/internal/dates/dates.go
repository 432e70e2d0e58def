// Package dates tells the site when each glossary term and comparison last
// changed.
//
// Every term page comes from one content adapter, so Hugo's own Git dates
// (enableGitInfo, one per content file) would give every term the same
// date. Compute dates each data/glossary/<id>.toml and
// data/comparisons/<id>.toml instead: the committer date of the newest
// commit that touched it, read in one `git log --name-only` pass; a file
// with uncommitted changes, or any file outside a git work tree, gets its
// modification time, and the result says so. Committed files never get
// "now", so two builds of one commit write the same bytes.
//
// Write puts the dates beside the backlink graph, in File, which
// config.toml mounts as hugo.Data.generated.dates; the content adapters
// set each page's lastmod from it. package backlinks calls Write, so every
// caller that writes the graph (kb links, kb serve, sitebuild.Build)
// writes the dates too.
package dates

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
)

// File is where Write puts the dates, relative to the repository root.
const File = "resources/kb/dates.json"

// Version is the "version" of File; the content adapters refuse another.
const Version = 1

// Where the date came from, File's "source".
const (
	SourceGit   = "git"   // every date is a commit date
	SourceMtime = "mtime" // at least one date is a file's modification time
)

// kinds are the folders whose files are dated, each under its JSON key.
var kinds = []struct{ dir, key string }{
	{"data/glossary", "terms"},
	{"data/comparisons", "comparisons"},
}

// gitTimeout bounds the git commands: a hung git (a credential prompt, a
// locked repository) must not hang a build; Compute then falls back.
const gitTimeout = 30 * time.Second

// Dates are the change dates of one knowledge base.
type Dates struct {
	// Terms and Comparisons map each id to the time its file last changed, in UTC.
	Terms, Comparisons map[string]time.Time
	// Mtime lists the data files (slash paths relative to the root),
	// sorted, whose date is their modification time, not a commit date.
	Mtime []string
	// Why says why modification times were used beyond uncommitted
	// files: "" inside a git work tree, else the reason (git's error).
	Why string
	// Shallow is set in a shallow clone: a file last changed before the
	// oldest fetched commit gets that commit's date.
	Shallow bool
}

// Source is SourceGit when every date is a commit date, else SourceMtime.
func (d *Dates) Source() string {
	if len(d.Mtime) > 0 {
		return SourceMtime
	}
	return SourceGit
}

// JSON returns the dates as the site reads them:
//
//	{"version": 1, "source": "git", "terms": {"kernel": "2026-11-29T10:00:00Z"}, "comparisons": {...}}
//
// with "mtime", the files dated by modification time, when source is
// "mtime". encoding/json sorts map keys, so equal dates give equal bytes.
func (d *Dates) JSON() []byte {
	format := func(m map[string]time.Time) map[string]string {
		out := make(map[string]string, len(m))
		for id, t := range m {
			out[id] = t.UTC().Format(time.RFC3339)
		}
		return out
	}
	out := struct {
		Version     int               `json:"version"`
		Source      string            `json:"source"`
		Terms       map[string]string `json:"terms"`
		Comparisons map[string]string `json:"comparisons"`
		Mtime       []string          `json:"mtime,omitempty"`
	}{Version, d.Source(), format(d.Terms), format(d.Comparisons), d.Mtime}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		panic(err) // strings and maps of strings always marshal
	}
	return append(b, '\n')
}

// Note is the line a command prints about dates that are not commit
// dates, or "" when there is nothing to say.
func (d *Dates) Note() string {
	var notes []string
	if d.Shallow {
		notes = append(notes, "a shallow clone: files unchanged since its oldest commit get that commit's date (fetch the full history)")
	}
	switch {
	case d.Why != "":
		notes = append(notes, fmt.Sprintf("%d data files dated by modification time, not git (%s)", len(d.Mtime), d.Why))
	case len(d.Mtime) > 0:
		const shown = 3
		names := strings.Join(d.Mtime[:min(shown, len(d.Mtime))], ", ")
		if len(d.Mtime) > shown {
			names += fmt.Sprintf(" and %d more", len(d.Mtime)-shown)
		}
		notes = append(notes, fmt.Sprintf("%d data files with uncommitted changes dated by modification time: %s", len(d.Mtime), names))
	}
	if len(notes) == 0 {
		return ""
	}
	return "dates: " + strings.Join(notes, "; ")
}

// target is where one data file's date goes: its id in Terms or Comparisons.
type target struct {
	id  string
	out map[string]time.Time
}

// Compute dates every term and comparison file under root. Only reading
// the folders fails it; a git that cannot answer makes every date a
// modification time, with Why saying so.
func Compute(root string) (*Dates, error) {
	d := &Dates{Terms: map[string]time.Time{}, Comparisons: map[string]time.Time{}}
	targets := map[string]target{} // slash path relative to root → where its date goes
	for _, k := range kinds {
		out := d.Terms
		if k.key == "comparisons" {
			out = d.Comparisons
		}
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(k.dir)))
		if errors.Is(err, fs.ErrNotExist) {
			continue // a new site may have no comparisons
		}
		if err != nil {
			return nil, fmt.Errorf("dates: %w", err)
		}
		for _, e := range entries {
			id, ok := strings.CutSuffix(e.Name(), ".toml")
			if !ok || !e.Type().IsRegular() {
				continue
			}
			targets[path.Join(k.dir, e.Name())] = target{id, out}
		}
	}
	files := make([]string, 0, len(targets))
	for f := range targets {
		files = append(files, f)
	}
	ctx, cancel := context.WithTimeout(context.Background(), gitTimeout)
	defer cancel()
	committed, shallow, err := gitDates(ctx, root, files)
	if err != nil {
		d.Why = err.Error()
	}
	d.Shallow = shallow
	for _, f := range files {
		t, ok := committed[f]
		if !ok {
			fi, err := os.Stat(filepath.Join(root, filepath.FromSlash(f)))
			if err != nil {
				return nil, fmt.Errorf("dates: %w", err)
			}
			// Whole seconds, as commit dates are: the JSON holds no more.
			t = fi.ModTime().Truncate(time.Second)
			d.Mtime = append(d.Mtime, f)
		}
		targets[f].out[targets[f].id] = t.UTC()
	}
	slices.Sort(d.Mtime)
	return d, nil
}

// gitDates returns the commit date of each of files (slash paths relative
// to root) that is committed and unchanged since: a file with staged,
// unstaged or untracked changes is left out, to be dated by its
// modification time. shallow reports a shallow clone. The error says why
// git gave no dates at all (not a work tree, no git, no commit yet).
func gitDates(ctx context.Context, root string, files []string) (dates map[string]time.Time, shallow bool, err error) {
	out, err := git(ctx, root, "rev-parse", "--show-prefix", "--is-shallow-repository", "HEAD")
	if err != nil {
		return nil, false, err // outside a work tree, or no commit yet
	}
	// git prints paths relative to the top of the work tree; root may be
	// a folder below it (a kb init site inside a larger repository).
	lines := strings.Split(string(out), "\n")
	if len(lines) < 3 {
		return nil, false, fmt.Errorf("git rev-parse: unexpected output %q", out)
	}
	prefix, head := lines[0], lines[2]
	shallow = lines[1] == "true"

	// Uncommitted: everything git status lists. --no-renames lists a
	// renamed file under its new name alone; -z leaves names unquoted.
	out, err = git(ctx, root, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", "data/glossary", "data/comparisons")
	if err != nil {
		return nil, shallow, err
	}
	dirty := map[string]bool{}
	for entry := range strings.SplitSeq(string(out), "\x00") {
		if len(entry) > 3 { // "XY path"
			dirty[strings.TrimPrefix(entry[3:], prefix)] = true
		}
	}
	want := map[string]bool{}
	for _, f := range files {
		if !dirty[f] {
			want[f] = true
		}
	}
	// The committed dates depend on HEAD alone: kb serve, which asks on
	// every edit, walks the history once per commit, not once per save.
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, shallow, fmt.Errorf("dates: %w", err)
	}
	dates, err = cache.lookup(abs+"\x00"+head, want, func(missing map[string]bool) (map[string]time.Time, error) {
		return logDates(ctx, root, prefix, missing)
	})
	return dates, shallow, err
}

// cache holds the commit dates found for the last HEAD, per root.
var cache = &commitCache{}

// commitCache remembers, for one root and HEAD, the commit date of every
// file asked about, or the zero time for a file not in the history.
type commitCache struct {
	mu    sync.Mutex
	key   string
	dates map[string]time.Time
}

// lookup returns the dates of want, asking find for those not cached
// under key; it drops what it held for another key.
func (c *commitCache) lookup(key string, want map[string]bool, find func(missing map[string]bool) (map[string]time.Time, error)) (map[string]time.Time, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key != key {
		c.key, c.dates = key, map[string]time.Time{}
	}
	missing := map[string]bool{}
	for f := range want {
		if _, ok := c.dates[f]; !ok {
			missing[f] = true
		}
	}
	if len(missing) > 0 {
		found, err := find(missing)
		if err != nil {
			return nil, err
		}
		for f := range missing {
			c.dates[f] = found[f] // the zero time: not in the history
		}
	}
	dates := map[string]time.Time{}
	for f := range want {
		if t := c.dates[f]; !t.IsZero() {
			dates[f] = t
		}
	}
	return dates, nil
}

// logDates returns the commit date of each file of want (paths relative
// to root) that the history of data/ holds; prefix is root's path below
// the work tree's top.
func logDates(ctx context.Context, root, prefix string, want map[string]bool) (map[string]time.Time, error) {
	dates := map[string]time.Time{}
	if len(want) == 0 {
		return dates, nil
	}

	// One pass over the history of both folders, newest commit first:
	// each line "\x00<committer date>" is followed by the files that
	// commit changed; a file's first appearance is its newest change.
	// The pass stops once every wanted file is dated, so a long history
	// is read only as far back as the oldest still-current file.
	cmd := exec.CommandContext(ctx, "git", "-C", root, "--no-optional-locks", "-c", "core.quotePath=false",
		"log", "--format=%x00%cI", "--name-only", "--no-renames", "--", "data/glossary", "data/comparisons")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("git log: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git log: %w", err)
	}
	var current time.Time
	var parseErr error
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for len(dates) < len(want) && sc.Scan() {
		line := sc.Text()
		if stamp, ok := strings.CutPrefix(line, "\x00"); ok {
			if current, parseErr = time.Parse(time.RFC3339, stamp); parseErr != nil {
				break
			}
			continue
		}
		f := strings.TrimPrefix(line, prefix)
		if _, seen := dates[f]; want[f] && !seen {
			dates[f] = current.UTC()
		}
	}
	complete := len(dates) == len(want)
	if complete || parseErr != nil {
		// Every file is dated, or the output is not understood: the rest
		// of the history is not needed, and git must not block on a full
		// pipe nobody reads.
		_ = cmd.Process.Kill()
	}
	waitErr := cmd.Wait()
	switch {
	case parseErr != nil:
		return nil, fmt.Errorf("git log: %w", parseErr)
	case sc.Err() != nil:
		return nil, fmt.Errorf("git log: %w", sc.Err())
	case waitErr != nil && !complete:
		return nil, fmt.Errorf("git log: %w: %s", waitErr, firstLine(stderr.String()))
	}
	return dates, nil
}

// git runs a git command in root and returns its standard output; the
// error holds the first line git wrote to standard error. No optional
// locks: kb serve runs this on every edit, beside the contributor's own
// git commands.
func git(ctx context.Context, root string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", root, "--no-optional-locks"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := firstLine(stderr.String()); msg != "" {
			return nil, fmt.Errorf("git %s: %s", args[0], msg)
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// Write computes the dates of the knowledge base at root and writes them
// to File, unless the file already holds those bytes (Hugo's server
// rebuilds on every write it sees). It returns whether the file changed
// and the note to print (Note), "" when every date is a commit date.
func Write(root string) (changed bool, note string, err error) {
	d, err := Compute(root)
	if err != nil {
		return false, "", err
	}
	changed, err = atomicfile.Update(filepath.Join(root, filepath.FromSlash(File)), d.JSON())
	if err != nil {
		return false, "", fmt.Errorf("write dates: %w", err)
	}
	return changed, d.Note(), nil
}
