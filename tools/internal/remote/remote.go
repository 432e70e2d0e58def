// Package remote reads another knowledge base's glossary index
// (/glossary/index.json, docs/linking.md) so a site can link that
// knowledge base's terms as {{< term "<prefix>:<ref>" >}}. kb lock fetches
// each declared index over HTTP(S) and keeps a verbatim copy, the lock, in
// data/remotes/<prefix>.json; kb check and the term shortcode read only the
// lock, so both work offline and give the same answer until the next lock.
package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
)

// Version is the index version this package reads.
const Version = 1

// MaxSize caps an index in bytes: a glossary of 10,000 terms is about
// 5 MB, and a server that sends without end must not fill the disk.
const MaxSize = 32 << 20

// Timeout bounds one fetch, connection to last byte.
const Timeout = 30 * time.Second

// Term is one entry of an index. Fields kb does not use are ignored, as
// docs/linking.md asks of every reader.
type Term struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Summary string   `json:"summary"`
	URL     string   `json:"url"`
}

// Index is a parsed glossary index, with the table references resolve
// through.
type Index struct {
	Version int     `json:"version"`
	Terms   []*Term `json:"terms"`

	// byKey maps a lower-cased id, alias or name to its term; keys holds
	// them sorted, the candidates for "did you mean".
	byKey map[string]*Term
	keys  []string
}

// Parse decodes an index and checks its shape: version 1, and every term
// with an id, a name and an absolute http(s) url.
func Parse(data []byte) (*Index, error) {
	var ix Index
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&ix); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("invalid JSON: more than one value")
	}
	if ix.Version != Version {
		return nil, fmt.Errorf("version %d, want %d", ix.Version, Version)
	}
	if ix.Terms == nil {
		return nil, errors.New(`no "terms" list`)
	}
	for i, t := range ix.Terms {
		switch {
		case t == nil:
			return nil, fmt.Errorf("term %d is null", i+1)
		case t.ID == "":
			return nil, fmt.Errorf("term %d has no id", i+1)
		case t.Name == "":
			return nil, fmt.Errorf("term %q has no name", t.ID)
		case !absoluteHTTP(t.URL):
			return nil, fmt.Errorf("term %q has no absolute http(s) url", t.ID)
		}
	}
	ix.index()
	return &ix, nil
}

// index builds the look-up table as the term shortcode resolves
// (kb/glossary/remote-link.html): an id wins over an alias, an alias over
// a name, and among equals the first in the index.
func (ix *Index) index() {
	ix.byKey = map[string]*Term{}
	add := func(key string, t *Term) {
		if _, taken := ix.byKey[strings.ToLower(key)]; !taken {
			ix.byKey[strings.ToLower(key)] = t
		}
	}
	for _, t := range ix.Terms {
		add(t.ID, t)
	}
	for _, t := range ix.Terms {
		for _, a := range t.Aliases {
			add(a, t)
		}
	}
	for _, t := range ix.Terms {
		add(t.Name, t)
	}
	for k := range ix.byKey {
		ix.keys = append(ix.keys, k)
	}
	sort.Strings(ix.keys)
}

// Lookup resolves a reference, an id, an alias or a name in any case, to
// its term.
func (ix *Index) Lookup(ref string) (*Term, bool) {
	t, ok := ix.byKey[strings.ToLower(ref)]
	return t, ok
}

// Keys returns every lower-cased id, alias and name, sorted. The slice is
// the index's own: callers must not change it.
func (ix *Index) Keys() []string { return ix.keys }

func absoluteHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Fetch downloads the index at rawURL with client (nil: a client with
// Timeout) and returns it verbatim, once it parses: a lock is written only
// from an index the shortcode can read.
func Fetch(ctx context.Context, client *http.Client, rawURL string) ([]byte, *Index, error) {
	if !absoluteHTTP(rawURL) {
		return nil, nil, fmt.Errorf("index %q is not an absolute http(s) URL", rawURL)
	}
	if client == nil {
		client = &http.Client{Timeout: Timeout}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("fetch %s: %s", rawURL, resp.Status)
	}
	// One byte over the cap tells a body at the cap from a longer one.
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	if len(data) > MaxSize {
		return nil, nil, fmt.Errorf("fetch %s: the index is over %d MiB", rawURL, MaxSize>>20)
	}
	ix, err := Parse(data)
	if err != nil {
		return nil, nil, fmt.Errorf("fetch %s: not a glossary index: %w", rawURL, err)
	}
	return data, ix, nil
}

// Source is one knowledge base to lock: its prefix and index URL.
type Source struct {
	Prefix, Index string
}

// Locked is what Lock did for one source.
type Locked struct {
	Prefix  string
	Path    string // the lock file
	Terms   int    // how many terms the index holds
	Changed bool   // false when the lock already held this index
}

// Lock fetches the index of every source and writes it verbatim to
// dir/<prefix>.json, replacing the file atomically and only when it
// changed. It fetches every index before writing any, so one failure
// leaves every lock as it was.
func Lock(ctx context.Context, client *http.Client, dir string, sources []Source) ([]Locked, error) {
	data := make([][]byte, len(sources))
	out := make([]Locked, len(sources))
	for i, s := range sources {
		d, ix, err := Fetch(ctx, client, s.Index)
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", s.Prefix, err)
		}
		data[i] = d
		out[i] = Locked{Prefix: s.Prefix, Path: filepath.Join(dir, s.Prefix+".json"), Terms: len(ix.Terms)}
	}
	if len(sources) > 0 {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("lock: %w", err)
		}
	}
	for i := range out {
		if old, err := os.ReadFile(out[i].Path); err == nil && bytes.Equal(old, data[i]) {
			continue
		}
		if err := atomicfile.Write(out[i].Path, data[i]); err != nil {
			return out[:i], fmt.Errorf("lock %s: %w", out[i].Prefix, err)
		}
		out[i].Changed = true
	}
	return out, nil
}
