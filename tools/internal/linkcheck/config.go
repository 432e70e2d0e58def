package linkcheck

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
)

// configFiles are the Hugo configuration files, relative to a site's root,
// that BaseURL reads, in the order Hugo prefers them. A YAML or JSON
// configuration is not read: pass -base instead.
var configFiles = []string{"hugo.toml", "config.toml", "config/_default/hugo.toml", "config/_default/config.toml"}

// FindRoot returns the nearest folder at or above dir that holds a Hugo
// configuration file, or "" when none does: the site in public/ was built
// from the repository above it.
func FindRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find the site's root: %w", err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, ok := configFile(d); ok {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", nil
		}
	}
}

// configFile returns the path of root's Hugo configuration file.
func configFile(root string) (string, bool) {
	for _, name := range configFiles {
		p := filepath.Join(root, filepath.FromSlash(name))
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, true
		}
	}
	return "", false
}

// BaseURL returns the baseURL of root's Hugo configuration and the file
// that sets it. It returns "" and no error when root has no configuration
// file, or one without a baseURL; Hugo then builds the site at "/".
// Like Hugo, it reads the key in any letter case.
func BaseURL(root string) (base, file string, err error) {
	file, ok := configFile(root)
	if !ok {
		return "", "", nil
	}
	var cfg map[string]any
	if _, err := toml.DecodeFile(file, &cfg); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", "", nil
		}
		return "", file, fmt.Errorf("read the base URL from %s: %w", file, err)
	}
	for k, v := range cfg {
		if strings.EqualFold(k, "baseURL") {
			s, ok := v.(string)
			if !ok {
				return "", file, fmt.Errorf("read the base URL from %s: baseURL is a %T, not a string", file, v)
			}
			return s, file, nil
		}
	}
	return "", file, nil
}
