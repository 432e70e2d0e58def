package check

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/repofile"
)

// ModulePath is the Hugo module path of kb's templates and data.
const ModulePath = "github.com/cloudkb/kb"

// moduleDataNames are the data names the module's own data/ holds. Hugo
// keeps one file per data name, the site's, so a site that imports the
// module's data and has one of these files of its own silently loses the
// module's: a registry vanishes whole, and its citations break.
var moduleDataNames = []string{kbdata.AspectsFile, kbdata.SourcesFile, kbdata.CriteriaFile, kbdata.LayersFile, kbdata.LedgerFile}

// shadows reports the site's data files that replace the module's, when
// the site's TOML configuration imports the module's data: no mounts on
// the import (Hugo then mounts the module's defaults, data included), or
// a mount of the module's data folder. A site set up by kb init imports
// templates only, and is never reported.
func (c *checker) shadows(fsys fs.FS) {
	for _, name := range []string{"hugo.toml", "config.toml"} {
		text, err := repofile.Read(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return // unreadable configuration: nothing to judge by
		}
		var cfg struct {
			Module struct {
				Imports []struct {
					Path    string
					Disable bool
					Mounts  []struct{ Source, Target string }
				}
			}
		}
		if _, err := toml.Decode(string(text), &cfg); err != nil {
			return // Hugo reports a broken configuration itself
		}
		for _, imp := range cfg.Module.Imports {
			if imp.Path != ModulePath || imp.Disable || !importsData(imp.Mounts) {
				continue
			}
			for _, file := range moduleDataNames {
				if _, err := fs.Stat(fsys, file); err == nil {
					c.diags.Add(file, -1, diag.CodeShadowed, "%s replaces the file of the same name in the imported module %s (%s imports its data): Hugo keeps one, so the module's %s vanish", file, ModulePath, name, strings.TrimSuffix(path.Base(file), ".toml")).
						Suggest("import the module's templates only, as kb init does, or remove this file and use the module's")
				}
			}
		}
		return
	}
}

// importsData reports whether an import's mounts bring in the module's
// data folder. No mounts at all means Hugo's defaults, which include it.
func importsData(mounts []struct{ Source, Target string }) bool {
	if len(mounts) == 0 {
		return true
	}
	for _, m := range mounts {
		if strings.TrimSuffix(m.Source, "/") == "data" && strings.HasPrefix(m.Target, "data") {
			return true
		}
	}
	return false
}
