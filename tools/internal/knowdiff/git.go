package knowdiff

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"strconv"
	"strings"
	"testing/fstest"
)

// git runs git in dir and returns its standard output. Its error carries
// git's own message, which names the problem better than an exit status.
func git(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("git %s: %s: %w", args[0], msg, err)
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}

// ErrNotRepo is returned when the root is not inside a git repository.
var ErrNotRepo = errors.New("not a git repository: kb diff compares against a git revision")

// Resolve checks that dir is in a git repository and rev names a commit
// there, and returns the commit's full hash.
func Resolve(dir, rev string) (string, error) {
	if _, err := git(dir, nil, "rev-parse", "--git-dir"); err != nil {
		return "", fmt.Errorf("%s: %w", dir, ErrNotRepo)
	}
	out, err := git(dir, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("unknown revision %q: name a commit, branch or tag (git fetch it first in a shallow clone)", rev)
	}
	return strings.TrimSpace(string(out)), nil
}

// DefaultBase returns the revision a branch is reviewed against: where it
// left main, or HEAD when there is no main (then the diff shows the
// uncommitted edits).
func DefaultBase(dir string) string {
	if out, err := git(dir, nil, "merge-base", "HEAD", "main"); err == nil {
		return strings.TrimSpace(string(out))
	}
	return "HEAD"
}

// ReadRev returns the files under data/ at commit rev, as a file system
// kbdata.Load can read, without touching the working tree: git ls-tree
// lists them and one git cat-file --batch reads them all.
func ReadRev(dir, rev string) (fstest.MapFS, error) {
	// Paths are relative to dir, as in the working tree, even when dir is
	// below the repository's top.
	list, err := git(dir, nil, "ls-tree", "-r", "-z", rev, "--", "data")
	if err != nil {
		return nil, err
	}
	fsys := fstest.MapFS{}
	var names, oids []string
	for _, entry := range strings.Split(strings.TrimSuffix(string(list), "\x00"), "\x00") {
		if entry == "" {
			continue
		}
		// <mode> SP <type> SP <object> TAB <file>
		meta, name, ok := strings.Cut(entry, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 {
			return nil, fmt.Errorf("git ls-tree: unexpected line %q", entry)
		}
		mode, typ, oid := fields[0], fields[1], fields[2]
		switch {
		case typ != "blob":
			// A submodule: nothing kb reads.
			continue
		case mode == "120000":
			// Kept as a link so that Load refuses it as it refuses one
			// in the working tree.
			fsys[name] = &fstest.MapFile{Mode: fs.ModeSymlink}
			continue
		}
		names = append(names, name)
		oids = append(oids, oid)
	}
	if len(oids) == 0 {
		return fsys, nil
	}
	out, err := git(dir, strings.NewReader(strings.Join(oids, "\n")+"\n"), "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(bytes.NewReader(out))
	for i, name := range names {
		// <oid> SP <type> SP <size> LF <contents> LF
		header, err := r.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("git cat-file: reading %s: %w", name, err)
		}
		fields := strings.Fields(header)
		if len(fields) != 3 || fields[0] != oids[i] {
			return nil, fmt.Errorf("git cat-file: unexpected header %q for %s", strings.TrimSpace(header), name)
		}
		size, err := strconv.Atoi(fields[2])
		if err != nil {
			return nil, fmt.Errorf("git cat-file: size of %s: %w", name, err)
		}
		data := make([]byte, size+1)
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, fmt.Errorf("git cat-file: reading %s: %w", name, err)
		}
		fsys[name] = &fstest.MapFile{Data: data[:size], Mode: 0o644}
	}
	return fsys, nil
}
