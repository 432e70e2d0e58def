package backlinks

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long Watch waits after a change for more: an editor's
// save is often several events (a temporary file, a rename, a chmod).
const settle = 100 * time.Millisecond

// watched are the folders whose files the graph is computed from.
var watched = []string{"content", "data"}

// Watch rewrites File and the dates whenever a file under content/ or
// data/ changes, until ctx ends. A commit alone changes no file there, so
// the dates of files just committed stay modification times until the
// next edit or kb links. It calls report after each
// rewrite that changed the file (err nil) and after each failure; a
// failure does not stop it.
func Watch(ctx context.Context, root string, report func(changed bool, err error)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	defer w.Close()
	for _, dir := range watched {
		if err := addTree(w, filepath.Join(root, dir)); err != nil {
			return err
		}
	}
	timer := time.NewTimer(settle)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				// A new folder's files are watched too; a file is ignored here.
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					if err := addTree(w, ev.Name); err != nil {
						report(false, err)
					}
				}
			}
			timer.Reset(settle)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			report(false, fmt.Errorf("watch: %w", err))
		case <-timer.C:
			// The dates' note is logged only when the dates change (a
			// saved term has a new modification time), not after every
			// edit of a page, which would repeat it all session.
			changed, err := write(root, func(note string, datesChanged bool) {
				if datesChanged {
					log.Print(note)
				}
			})
			if changed || err != nil {
				report(changed, err)
			}
		}
	}
}

// addTree watches dir and every folder below it; fsnotify is not
// recursive. A missing dir is no error: a new site may have no content/.
func addTree(w *fsnotify.Watcher, dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if err := w.Add(p); err != nil {
				return fmt.Errorf("watch %s: %w", p, err)
			}
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
