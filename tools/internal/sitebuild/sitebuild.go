// Package sitebuild builds the Hugo site with the Hugo version pinned in go.mod
// (`go tool hugo`). Its tests build the real site and check the generated HTML.
package sitebuild

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/cloudkb/kb/tools/internal/backlinks"
)

// SiteParts are the files and directories, relative to the repository root, that make
// up the Hugo site (config.toml and the module mounts it declares). A copy of these is
// a buildable site.
var SiteParts = []string{
	"config.toml",
	"content",
	"data",
	"layouts",
	"shortcodes",
	"static",
	"assets",
	"archetypes",
	"i18n",
}

// RepoRoot returns the nearest directory at or above dir that holds go.mod.
func RepoRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found in any parent directory")
		}
		dir = parent
	}
}

// Build runs `go tool hugo --source source --destination destination [extra...]` from
// moduleRoot, the directory whose go.mod pins Hugo, and returns Hugo's combined output.
// extra holds further flags, such as "--baseURL", "http://example.test/". The error is
// non-nil when Hugo fails (for example when a shortcode calls errorf).
//
// When source is a knowledge base (it has data/glossary/), Build first
// writes its backlink graph (package backlinks), as make build does.
func Build(ctx context.Context, moduleRoot, source, destination string, extra ...string) ([]byte, error) {
	if fi, err := os.Stat(filepath.Join(source, "data", "glossary")); err == nil && fi.IsDir() {
		if _, err := backlinks.Write(source); err != nil {
			return nil, err
		}
	}
	hugo, err := hugoBinary(ctx, moduleRoot)
	if err != nil {
		return nil, err
	}
	args := []string{
		"--source", source,
		"--destination", destination,
		"--noBuildLock",
		"--logLevel", "warn",
	}
	cmd := exec.CommandContext(ctx, hugo, append(args, extra...)...)
	cmd.Dir = moduleRoot
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("go tool hugo --source %s: %w", source, err)
	}
	return out, nil
}

// hugoBinaries holds the path of the Hugo binary each module root pins,
// found once: starting `go tool hugo` costs a build-cache lookup per call,
// which was most of a small site's build time in the tests.
var hugoBinaries sync.Map // module root → path

// hugoBinary returns the path of the Hugo that moduleRoot's go.mod pins,
// building it into Go's cache if needed (`go tool -n hugo`).
func hugoBinary(ctx context.Context, moduleRoot string) (string, error) {
	if p, ok := hugoBinaries.Load(moduleRoot); ok {
		return p.(string), nil
	}
	cmd := exec.CommandContext(ctx, "go", "tool", "-n", "hugo")
	cmd.Dir = moduleRoot
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go tool -n hugo: %w", err)
	}
	p := strings.TrimSpace(string(out))
	hugoBinaries.Store(moduleRoot, p)
	return p, nil
}

// CopySite copies the SiteParts that exist under root into dst (which must exist),
// leaving out everything else (.git, public, resources, tools).
func CopySite(root, dst string) error {
	for _, part := range SiteParts {
		src := filepath.Join(root, part)
		info, err := os.Stat(src)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if !info.IsDir() {
			if err := copyFile(src, filepath.Join(dst, part), info.Mode()); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			target := filepath.Join(dst, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			if !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			return copyFile(path, target, info.Mode())
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string, mode fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode.Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
