package initsite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// goMod is what Init needs to know of a site's go.mod.
type goMod struct {
	exists bool
	path   string          // the module path it declares
	tools  map[string]bool // its tool directives
}

// readGoMod reads root/go.mod. Only the module and tool directives
// matter, so a small reader does instead of golang.org/x/mod, which this
// module does not require directly.
func readGoMod(root string) (goMod, error) {
	text, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if errors.Is(err, fs.ErrNotExist) {
		return goMod{}, nil
	}
	if err != nil {
		return goMod{}, fmt.Errorf("read go.mod: %w", err)
	}
	return parseGoMod(string(text)), nil
}

// parseGoMod reads the module and tool directives of a go.mod, single or
// in a block; anything else is skipped.
func parseGoMod(text string) goMod {
	m := goMod{exists: true, tools: map[string]bool{}}
	block := ""
	for _, line := range strings.Split(text, "\n") {
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
			continue
		case block != "" && fields[0] == ")":
			block = ""
			continue
		case block != "":
			fields = append([]string{block}, fields...)
		case len(fields) == 2 && fields[1] == "(":
			block = fields[0]
			continue
		}
		if len(fields) < 2 {
			continue
		}
		arg := unquote(fields[1])
		switch fields[0] {
		case "module":
			m.path = arg
		case "tool":
			m.tools[arg] = true
		}
	}
	return m
}

// unquote removes the quotes of a quoted go.mod token.
func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// goModText is the go.mod of a new site module.
func goModText(module string) []byte {
	return []byte("module " + module + "\n\ngo " + GoVersion + "\n")
}

// checkModulePath refuses what cannot be a module path; the go command
// judges the rest when it first reads go.mod.
func checkModulePath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") || strings.HasPrefix(p, "-") {
		return fmt.Errorf("%w %q: want a path such as example.org/docs", ErrModulePath, p)
	}
	for _, elem := range strings.Split(p, "/") {
		if elem == "" || elem == "." || elem == ".." {
			return fmt.Errorf("%w %q: an empty, . or .. element", ErrModulePath, p)
		}
		for _, r := range elem {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-._~", r)) {
				return fmt.Errorf("%w %q: %q is not allowed in a module path", ErrModulePath, p, r)
			}
		}
	}
	return nil
}
