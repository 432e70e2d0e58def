package scaffold

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cloudkb/kb/tools/internal/check"
	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/schema"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

func TestMain(m *testing.M) {
	flag.Parse()
	today = func() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) }
	// kb check measures the checked dates New writes, and the fixture's,
	// against the same day, so that they never become stale or future.
	check.Today = func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }
	os.Exit(m.Run())
}

// fixture copies the small knowledge base in testdata/kb into a temporary
// folder and returns its root.
func fixture(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "kb")
	if err := os.CopyFS(root, os.DirFS(filepath.Join("testdata", "kb"))); err != nil {
		t.Fatal(err)
	}
	return root
}

// snapshot reads every file under root, by slash path.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS(root), p)
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// errorsIn runs kb check on root and returns its errors (not warnings), as
// printed, but without their line and column in data/published.toml: New
// adds a line to it, which moves the others.
func errorsIn(root string) []string {
	diags := check.Run(os.DirFS(root))
	var out []string
	for _, d := range diags.Items {
		if d.Severity == diag.Error {
			out = append(out, ledgerPos.ReplaceAllString(diags.Line(d), "$1:"))
		}
	}
	return out
}

var ledgerPos = regexp.MustCompile(`^(data/published\.toml):\d+:\d+:`)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v; run go test -update", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("New wrote:\n%s\nwant (%s):\n%s", got, file, want)
	}
}

func TestFixtureIsClean(t *testing.T) {
	diags := check.Run(os.DirFS(filepath.Join("testdata", "kb")))
	for _, d := range diags.Items {
		t.Errorf("testdata/kb: %s", diags.Line(d))
	}
}

// TestNew writes each kind into a copy of the fixture and compares the file
// with its golden copy; kb check and the schema must accept it when New
// says it is valid, and kb check must report errors in it, and only in it,
// when New says it is not.
func TestNew(t *testing.T) {
	tests := []struct {
		name  string
		kind  string
		id    string
		setup func(t *testing.T, root string)
		file  string // the file New writes, relative to root
		valid bool
	}{
		{name: "term", kind: "term", id: "cold-start", file: "data/glossary/cold-start.toml", valid: true},
		{
			name: "term-without-sources", kind: "term", id: "cold-start", file: "data/glossary/cold-start.toml",
			setup: func(t *testing.T, root string) {
				write(t, root, "data/sources.toml", "#:schema ../static/schemas/sources.schema.json\n")
			},
		},
		{
			name: "term-citing-a-short-source", kind: "term", id: "cold-start", file: "data/glossary/cold-start.toml", valid: true,
			setup: func(t *testing.T, root string) {
				// The preferred source is the registry's last entry.
				write(t, root, "data/sources.toml", read(t, root, "data/sources.toml")+"short = true\n")
			},
		},
		{name: "comparison", kind: "comparison", id: "containers-vs-virtual-machines", file: "data/comparisons/containers-vs-virtual-machines.toml", valid: true},
		{name: "comparison-named-by-subjects", kind: "comparison", id: "container-vs-virtual-machine", file: "data/comparisons/container-vs-virtual-machine.toml", valid: true},
		{name: "comparison-without-shared-facts", kind: "comparison", id: "kernel-vs-faas", file: "data/comparisons/kernel-vs-faas.toml"},
		{
			name: "comparison-without-any-shared-facts", kind: "comparison", id: "a-vs-b", file: "data/comparisons/a-vs-b.toml",
			setup: func(t *testing.T, root string) {
				// Only the container has facts for scaling and cost-when-idle,
				// only the virtual machine one for kernel.
				remove(t, root, "data/comparisons/serverless-vs-containers.toml")
				text, _, _ := strings.Cut(read(t, root, "data/glossary/serverless-computing.toml"), "[facts.")
				write(t, root, "data/glossary/serverless-computing.toml", text)
				text, _, _ = strings.Cut(read(t, root, "data/glossary/container.toml"), "[facts.kernel]")
				write(t, root, "data/glossary/container.toml", text)
			},
		},
		{name: "source", kind: "source", id: "nist-sp-800-145", file: "data/sources.toml", valid: true},
		{
			name: "source-after-a-file-without-final-newline", kind: "source", id: "nist-sp-800-145", file: "data/sources.toml", valid: true,
			setup: func(t *testing.T, root string) {
				write(t, root, "data/sources.toml", strings.TrimSuffix(read(t, root, "data/sources.toml"), "\n"))
			},
		},
		{
			name: "source-in-a-new-registry", kind: "source", id: "nist-sp-800-145", file: "data/sources.toml", valid: true,
			setup: func(t *testing.T, root string) {
				// A knowledge base with one term, citing the source to be added.
				for _, p := range []string{"data/sources.toml", "data/glossary", "data/comparisons"} {
					remove(t, root, p)
				}
				write(t, root, "data/comparisons/.keep", "")
				remove(t, root, "data/comparisons/.keep")
				write(t, root, "data/glossary/new.toml", "name = \"New\"\nsummary = \"S.\"\ndefinition = \"D.\"\nsources = [\"nist-sp-800-145\"]\n")
				write(t, root, "data/published.toml", "urls = [\"/glossary/new/\"]\n")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := fixture(t)
			if tt.setup != nil {
				tt.setup(t, root)
			}
			before := snapshot(t, root)
			var outsideBefore []string
			for _, e := range errorsIn(root) {
				if !strings.HasPrefix(e, tt.file+":") {
					outsideBefore = append(outsideBefore, e)
				}
			}
			res, err := New(root, tt.kind, tt.id)
			if err != nil {
				t.Fatalf("New(%q, %q) = %v", tt.kind, tt.id, err)
			}
			if want := filepath.Join(root, filepath.FromSlash(tt.file)); res.Path != want {
				t.Errorf("New(%q, %q).Path = %q; want %q", tt.kind, tt.id, res.Path, want)
			}
			if res.Valid != tt.valid {
				t.Errorf("New(%q, %q).Valid = %v; want %v", tt.kind, tt.id, res.Valid, tt.valid)
			}
			if len(res.Notes) == 0 || !tt.valid && !strings.Contains(res.Notes[0], "not valid yet") {
				t.Errorf("New(%q, %q).Notes = %q; want notes, the first saying why the file is not valid", tt.kind, tt.id, res.Notes)
			}
			after := snapshot(t, root)
			got := []byte(after[tt.file])
			golden(t, tt.name, got)

			// A new page's URL is in the ledger, sorted, and nothing else
			// changed; an appended source left the file as it was before
			// the entry.
			if tt.kind != "source" {
				ledger := filepath.Join(root, filepath.FromSlash(kbdata.LedgerFile))
				url := "/" + map[string]string{"term": "glossary", "comparison": "compare"}[tt.kind] + "/" + tt.id + "/"
				kb := kbdata.Load(os.DirFS(root), &diag.List{})
				if res.Ledger != ledger || kb.Published == nil || !slices.Contains(kb.Published.URLs, url) || !slices.IsSorted(kb.Published.URLs) {
					t.Errorf("New(%q, %q) did not add %s to %s, sorted (Ledger = %q)", tt.kind, tt.id, url, kbdata.LedgerFile, res.Ledger)
				}
			}
			for p, text := range before {
				if p == kbdata.LedgerFile && tt.kind != "source" {
					continue
				}
				if p != tt.file && after[p] != text {
					t.Errorf("New(%q, %q) changed %s", tt.kind, tt.id, p)
				}
			}
			want := len(before)
			if _, existed := before[tt.file]; !existed {
				want++
			}
			if len(after) != want {
				t.Errorf("New(%q, %q) left %d files; want %d", tt.kind, tt.id, len(after), want)
			}
			if old := before[tt.file]; tt.kind == "source" && old != "" && !strings.HasPrefix(string(got), old) {
				t.Errorf("New(%q, %q) did not keep %s byte for byte", tt.kind, tt.id, tt.file)
			}

			// The first line names the schema.
			if want, _ := schema.Directive(tt.file); !strings.HasPrefix(string(got), want+"\n") {
				t.Errorf("%s does not begin with %q", tt.file, want)
			}
			// kb check: New adds errors only to the file it writes, and
			// none when it says the file is valid.
			var inFile, outside []string
			for _, e := range errorsIn(root) {
				if strings.HasPrefix(e, tt.file+":") {
					inFile = append(inFile, e)
				} else {
					outside = append(outside, e)
				}
			}
			if !slices.Equal(outside, outsideBefore) {
				t.Errorf("kb check reports other errors outside %s after New(%q, %q):\n%s\nwant:\n%s",
					tt.file, tt.kind, tt.id, strings.Join(outside, "\n"), strings.Join(outsideBefore, "\n"))
			}
			switch {
			case tt.valid && len(inFile)+len(outside) > 0:
				t.Errorf("kb check reports errors after New(%q, %q):\n%s", tt.kind, tt.id, strings.Join(append(inFile, outside...), "\n"))
			case !tt.valid && len(inFile) == 0:
				t.Errorf("kb check reports no error in %s after New(%q, %q), which says it is not valid", tt.file, tt.kind, tt.id)
			}
			if err := schema.Validate(tt.file, got); tt.valid && err != nil {
				t.Errorf("schema.Validate(%q) = %v; want nil", tt.file, err)
			}
		})
	}
}

// TestEveryKeyWritten checks that the files New writes hold every key of
// the model, live or in a commented-out example, so that a field added to
// kbdata reaches them.
func TestEveryKeyWritten(t *testing.T) {
	tests := []struct {
		kind  string
		id    string
		file  string
		types []reflect.Type
	}{
		{"term", "cold-start", "data/glossary/cold-start.toml", []reflect.Type{reflect.TypeFor[kbdata.Term](), reflect.TypeFor[kbdata.Fact](), reflect.TypeFor[kbdata.Mentions](), reflect.TypeFor[kbdata.Responsibility]()}},
		{"comparison", "a-vs-b", "data/comparisons/a-vs-b.toml", []reflect.Type{reflect.TypeFor[kbdata.Comparison](), reflect.TypeFor[kbdata.Takeaway]()}},
		{"source", "new-source", "data/sources.toml", []reflect.Type{reflect.TypeFor[kbdata.Source]()}},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			root := fixture(t)
			if _, err := New(root, tt.kind, tt.id); err != nil {
				t.Fatal(err)
			}
			text := read(t, root, tt.file)
			if tt.kind == "source" {
				_, text, _ = strings.Cut(text, "kb new source")
			}
			for _, typ := range tt.types {
				for _, f := range kbdata.Fields(typ) {
					key := f.Key
					re := regexp.MustCompile(`(?m)^(# )?(` + regexp.QuoteMeta(key) + ` = |\[` + regexp.QuoteMeta(key) + `\.)`)
					switch {
					case f.IsTables():
						re = regexp.MustCompile(`(?m)^(# )?\[` + regexp.QuoteMeta(key) + `\.`)
					case f.IsTable():
						re = regexp.MustCompile(`(?m)^(# )?\[` + regexp.QuoteMeta(key) + `\]`)
					}
					if !re.MatchString(text) {
						t.Errorf("New(%q, %q) wrote no %s key %q", tt.kind, tt.id, typ, key)
					}
				}
			}
		})
	}
}

func TestNewRefuses(t *testing.T) {
	tests := []struct {
		name  string
		kind  string
		id    string
		setup func(t *testing.T, root string)
		err   error
		want  string // the error message, or a part of it
	}{
		{name: "unknown kind", kind: "article", id: "x", err: ErrUnknownKind, want: `unknown kind "article": want term, comparison, source`},
		{name: "capitals and spaces", kind: "term", id: "Cold Start", err: ErrInvalidID, want: `invalid id "Cold Start": ids are lowercase kebab-case; use "cold-start"`},
		{name: "underscore", kind: "comparison", id: "a_vs_b", err: ErrInvalidID, want: `use "a-vs-b"`},
		{name: "double hyphen", kind: "source", id: "nist--sp", err: ErrInvalidID, want: `use "nist-sp"`},
		{name: "trailing hyphen", kind: "term", id: "edge-", err: ErrInvalidID, want: `use "edge"`},
		{name: "empty id", kind: "term", id: "", err: ErrInvalidID, want: `invalid id "": ids are lowercase kebab-case (letters a-z, digits and single hyphens)`},
		{name: "no letters", kind: "term", id: "--", err: ErrInvalidID, want: `invalid id "--": ids are lowercase kebab-case (letters`},
		{name: "a Windows device name", kind: "term", id: "con", err: ErrInvalidID, want: `invalid id "con": the id is a device name Windows reserves: Windows can hold no file or folder so named, so a Windows contributor could not check out its file or build its page; choose a longer id, such as the name spelt out`},
		{name: "a numbered Windows device name", kind: "comparison", id: "lpt1", err: ErrInvalidID, want: `Windows can hold no file or folder so named`},
		{name: "a Windows device name as a source", kind: "source", id: "aux", err: ErrInvalidID, want: `invalid id "aux": the id is a device name Windows reserves`},
		{name: "a Windows device name in capitals", kind: "term", id: "NUL", err: ErrInvalidID, want: `invalid id "NUL": ids are lowercase kebab-case (letters a-z, digits and single hyphens)`},
		{name: "existing term", kind: "term", id: "kernel", err: ErrExists, want: `term "kernel" already exists: data/glossary/kernel.toml`},
		{name: "an alias", kind: "term", id: "serverless", err: ErrExists, want: `term "serverless" already exists as a name of term "serverless-computing" (data/glossary/serverless-computing.toml)`},
		{name: "an alias in capitals", kind: "term", id: "vm", err: ErrExists, want: `as a name of term "virtual-machine"`},
		{name: "an alias with spaces", kind: "term", id: "os-kernel", err: ErrExists, want: `as a name of term "kernel"`},
		{name: "another term's name", kind: "term", id: "function-as-a-service", err: ErrExists, want: `as a name of term "faas"`},
		{
			name: "a term's former id", kind: "term", id: "os-kernel-old", err: ErrExists, want: `term "os-kernel-old" already exists as a former id of term "kernel" (data/glossary/kernel.toml)`,
			setup: func(t *testing.T, root string) {
				write(t, root, "data/glossary/kernel.toml", read(t, root, "data/glossary/kernel.toml")+"former_ids = [\"os-kernel-old\"]\n")
			},
		},
		{
			name: "a comparison's former id", kind: "comparison", id: "containers-vs-serverless", err: ErrExists, want: `as a former id of comparison "serverless-vs-containers"`,
			setup: func(t *testing.T, root string) {
				write(t, root, "data/comparisons/serverless-vs-containers.toml", read(t, root, "data/comparisons/serverless-vs-containers.toml")+"former_ids = [\"containers-vs-serverless\"]\n")
			},
		},
		{name: "existing comparison", kind: "comparison", id: "serverless-vs-containers", err: ErrExists, want: `comparison "serverless-vs-containers" already exists: data/comparisons/serverless-vs-containers.toml`},
		{name: "existing source", kind: "source", id: "nist-sp-800-190", err: ErrExists, want: `source "nist-sp-800-190" already exists in data/sources.toml`},
		{
			name: "existing source in a broken term file's knowledge base", kind: "source", id: "nist-sp-800-190", err: ErrExists, want: "already exists",
			setup: func(t *testing.T, root string) { write(t, root, "data/glossary/kernel.toml", "name = \n") },
		},
		{
			name: "sources.toml that does not parse", kind: "source", id: "new-source", want: "data/sources.toml is not valid TOML",
			setup: func(t *testing.T, root string) {
				write(t, root, "data/sources.toml", read(t, root, "data/sources.toml")+"[[source]\n")
			},
		},
		{
			// All or nothing: the term file written first is removed again.
			name: "a ledger that does not parse", kind: "term", id: "cold-start", want: "add /glossary/cold-start/ to data/published.toml: data/published.toml: fix it first",
			setup: func(t *testing.T, root string) { write(t, root, "data/published.toml", "urls = [\n") },
		},
		{
			name: "no data folder", kind: "term", id: "cold-start", want: "no data folder",
			setup: func(t *testing.T, root string) { remove(t, root, "data") },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := fixture(t)
			if tt.setup != nil {
				tt.setup(t, root)
			}
			before := snapshot(t, root)
			res, err := New(root, tt.kind, tt.id)
			if err == nil || tt.err != nil && !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New(%q, %q) = %v; want an error wrapping %v, saying %q", tt.kind, tt.id, err, tt.err, tt.want)
			}
			if res.Path != "" {
				t.Errorf("New(%q, %q).Path = %q; want none", tt.kind, tt.id, res.Path)
			}
			if after := snapshot(t, root); !reflect.DeepEqual(after, before) {
				t.Errorf("New(%q, %q) changed the knowledge base though it refused", tt.kind, tt.id)
			}
		})
	}
}

// TestNewNeverOverwrites runs New twice: the second call must refuse and
// leave the first file alone, even once the first has been edited.
func TestNewNeverOverwrites(t *testing.T) {
	for _, kind := range Kinds {
		t.Run(kind, func(t *testing.T) {
			root := fixture(t)
			res, err := New(root, kind, "brand-new")
			if err != nil {
				t.Fatal(err)
			}
			edited := read(t, root, rel(t, root, res.Path)) + "# edited\n"
			write(t, root, rel(t, root, res.Path), edited)
			if _, err := New(root, kind, "brand-new"); !errors.Is(err, ErrExists) {
				t.Errorf("New(%q, %q) again = %v; want an error wrapping ErrExists", kind, "brand-new", err)
			}
			if got := read(t, root, rel(t, root, res.Path)); got != edited {
				t.Errorf("New(%q, %q) again changed %s", kind, "brand-new", res.Path)
			}
		})
	}
}

func TestNameFromID(t *testing.T) {
	tests := []struct{ id, want string }{
		{"kernel", "Kernel"},
		{"virtual-machine", "Virtual machine"},
		{"function-as-a-service", "Function as a service"},
		{"2fa", "2fa"},
	}
	for _, tt := range tests {
		if got := nameFromID(tt.id); got != tt.want {
			t.Errorf("nameFromID(%q) = %q; want %q", tt.id, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{`say "hi"`, `"say \"hi\""`},
		{`C:\dir`, `"C:\\dir"`},
		{"a\tb\nc", `"a\tb\nc"`},
		{"bell\a", `"bell\u0007"`},
		{"café", `"café"`},
	}
	for _, tt := range tests {
		if got := quote(tt.in); got != tt.want {
			t.Errorf("quote(%q) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

func rel(t *testing.T, root, path string) string {
	t.Helper()
	r, err := filepath.Rel(root, path)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(r)
}

func read(t *testing.T, root, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, root, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(root, filepath.FromSlash(p))), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(p)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, p string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(p))); err != nil {
		t.Fatal(err)
	}
}

// TestNewSourceLineEndings appends a source to registries saved with LF
// and with CRLF line endings: every line added must end as the file's
// lines do, the old text must stay byte for byte, and kb check must accept
// the result.
func TestNewSourceLineEndings(t *testing.T) {
	tests := []struct {
		name       string
		eol        string
		noFinalEOL bool
	}{
		{name: "LF", eol: "\n"},
		{name: "CRLF", eol: "\r\n"},
		{name: "LF without a final newline", eol: "\n", noFinalEOL: true},
		{name: "CRLF without a final newline", eol: "\r\n", noFinalEOL: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := fixture(t)
			old := strings.ReplaceAll(read(t, root, "data/sources.toml"), "\n", tt.eol)
			if tt.noFinalEOL {
				old = strings.TrimSuffix(old, tt.eol)
			}
			write(t, root, "data/sources.toml", old)
			if _, err := New(root, "source", "nist-sp-800-145"); err != nil {
				t.Fatalf("New(%q, %q) = %v", "source", "nist-sp-800-145", err)
			}
			got := read(t, root, "data/sources.toml")
			if !strings.HasPrefix(got, old) {
				t.Fatalf("New(%q, %q) did not keep data/sources.toml byte for byte", "source", "nist-sp-800-145")
			}
			added := strings.TrimPrefix(got, old)
			lines := strings.SplitAfter(added, "\n")
			if last := lines[len(lines)-1]; last != "" {
				t.Errorf("New(%q, %q) left the file without a final newline: %q", "source", "nist-sp-800-145", last)
			}
			for _, l := range lines[:len(lines)-1] {
				if !strings.HasSuffix(l, tt.eol) || strings.Count(l, "\r") != strings.Count(tt.eol, "\r") {
					t.Errorf("New(%q, %q) added the line %q; want it to end %q", "source", "nist-sp-800-145", l, tt.eol)
				}
			}
			// The entry itself is the one testdata/source.golden holds.
			entry := strings.TrimPrefix(readGolden(t, "source"), read(t, filepath.Join("testdata", "kb"), "data/sources.toml"))
			if tt.noFinalEOL {
				entry = "\n" + entry
			}
			if lf := strings.ReplaceAll(added, "\r\n", "\n"); lf != entry {
				t.Errorf("New(%q, %q) added, in LF:\n%s\nwant:\n%s", "source", "nist-sp-800-145", lf, entry)
			}
			if errs := errorsIn(root); len(errs) > 0 {
				t.Errorf("kb check after New(%q, %q):\n%s", "source", "nist-sp-800-145", strings.Join(errs, "\n"))
			}
		})
	}
}

// readGolden returns the text of testdata/<name>.golden.
func readGolden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".golden"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestKeysOff checks how keys writes the keys it is asked to comment out,
// and that it refuses a key to comment out that the type does not have.
func TestKeysOff(t *testing.T) {
	values := map[string]string{"id": `"s"`, "at": `"p. 1"`}
	tests := []struct {
		name    string
		off     []string
		want    string
		wantErr bool
	}{
		{name: "none", want: "# The source id, from data/sources.toml. Required.\nid = \"s\"\n"},
		{name: "at", off: []string{"at"}, want: "remove the leading \"# \".\n# at = \"p. 1\"\n"},
		{name: "misspelt", off: []string{"att"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w writer
			err := w.keys("", reflect.TypeFor[kbdata.Citation](), values, tt.off...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("keys(Citation, off %q) = %v; want error %v", tt.off, err, tt.wantErr)
			}
			if !tt.wantErr && !strings.Contains(w.String(), tt.want) {
				t.Errorf("keys(Citation, off %q) wrote:\n%s\nwant it to contain:\n%s", tt.off, w.String(), tt.want)
			}
		})
	}
}
