// Package liveedit measures live-edit latency: how long a running
// development server (hugo server, or kb serve around it) takes from a
// saved file to serving the page that shows the change. It saves the file
// as an editor does (a temporary file renamed over it), then polls the
// page until a marker written into the file appears.
//
// The servers run in their own process group, so that Stop ends the
// server and everything it started (kb serve starts go, which starts
// hugo), leaving nothing behind.
package liveedit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
)

// Insert returns a copy of text with marker inserted right after the first
// occurrence of anchor.
func Insert(text []byte, anchor, marker string) ([]byte, error) {
	if anchor == "" {
		return nil, errors.New("insert: empty anchor")
	}
	i := bytes.Index(text, []byte(anchor))
	if i < 0 {
		return nil, fmt.Errorf("insert: anchor %q not found", anchor)
	}
	i += len(anchor)
	out := make([]byte, 0, len(text)+len(marker))
	out = append(out, text[:i]...)
	out = append(out, marker...)
	return append(out, text[i:]...), nil
}

// Poll requests url every interval until a response's body contains
// marker, and returns when it does. A request that fails, or a status
// other than 200, counts as not yet: a server busy rebuilding may refuse
// or fail a request. It stops with ctx's error when ctx ends first.
func Poll(ctx context.Context, client *http.Client, url, marker string, every time.Duration) error {
	want := []byte(marker)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if ok, _ := contains(ctx, client, url, want); ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("poll %s for %q: %w", url, marker, ctx.Err())
		case <-tick.C:
		}
	}
}

// contains reports whether one GET of url answers 200 with want in its body.
func contains(ctx context.Context, client *http.Client, url string, want []byte) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return false, err
	}
	return resp.StatusCode == http.StatusOK && bytes.Contains(body, want), nil
}

// Edit is one measured edit: the file at Path, whose unedited content is
// Orig, gets Marker right after Anchor, and the page at URL must show it.
type Edit struct {
	Path   string
	Orig   []byte
	Anchor string
	URL    string
}

// Measure saves e.Path with marker inserted, atomically, and returns the
// time from the save (the rename done) to the first response of e.URL
// whose body contains marker, polling every interval.
func (e Edit) Measure(ctx context.Context, client *http.Client, marker string, every time.Duration) (time.Duration, error) {
	text, err := Insert(e.Orig, e.Anchor, marker)
	if err != nil {
		return 0, fmt.Errorf("edit %s: %w", e.Path, err)
	}
	if err := atomicfile.Write(e.Path, text); err != nil {
		return 0, err
	}
	start := time.Now()
	if err := Poll(ctx, client, e.URL, marker, every); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// Restore writes e.Orig back to e.Path.
func (e Edit) Restore() error {
	return os.WriteFile(e.Path, e.Orig, 0o644)
}
