package check

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cloudkb/kb/tools/internal/benchgen"
	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/markdown"
	"github.com/cloudkb/kb/tools/internal/xref"
)

// benchKB writes a synthetic knowledge base of 10,000 terms, 10,000 pages
// and 1,000 comparisons, the size docs/performance.md's targets are for.
func benchKB(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	if err := benchgen.Write(dir, benchgen.Options{Terms: 10000, Pages: 10000, Comparisons: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkRun is kb check end to end, without process start-up.
func BenchmarkRun(b *testing.B) {
	fsys := os.DirFS(benchKB(b))
	b.ResetTimer()
	for b.Loop() {
		if diags := Run(fsys); len(diags.Items) != 0 {
			b.Fatalf("%d diagnostics; want none", len(diags.Items))
		}
	}
}

// BenchmarkLoad is reading, decoding and binding every data file.
func BenchmarkLoad(b *testing.B) {
	fsys := os.DirFS(benchKB(b))
	b.ResetTimer()
	for b.Loop() {
		kbdata.Load(fsys, &diag.List{})
	}
}

// BenchmarkScan is reading one ~800-word page and finding its references.
func BenchmarkScan(b *testing.B) {
	dir := b.TempDir()
	if err := benchgen.Write(dir, benchgen.Options{Terms: 100, Pages: 1, Comparisons: 10, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	page, err := os.ReadFile(dir + "/content/learning/page-00000.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		xref.Refs(markdown.Parse(page))
	}
}

// BenchmarkHostilePage is a ~2 MB page holding n references to terms that
// do not exist, each a diagnostic with a "did you mean": the cost must
// grow linearly with n (compare the sub-benchmarks' ns/op).
func BenchmarkHostilePage(b *testing.B) {
	for _, n := range []int{25000, 50000, 100000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var page strings.Builder
			page.WriteString("---\ntitle: Hostile\n---\n")
			for i := range n {
				fmt.Fprintf(&page, "{{< term \"kernal-%d\" >}}\n", i%50)
			}
			fsys := fstest.MapFS{
				"data/glossary/kernel.toml": {Data: []byte("name = \"Kernel\"\nsummary = \"s\"\ndefinition = \"d\"\nsources = [\"s\"]\n")},
				"data/sources.toml":         {Data: []byte("[[source]]\nid = \"s\"\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://example.org/\"\naccessed = \"2026-01-01\"\n")},
				"content/hostile.md":        {Data: []byte(page.String())},
			}
			b.SetBytes(int64(page.Len()))
			for b.Loop() {
				diags := Run(fsys)
				if errs, _ := diags.Count(); errs < n {
					b.Fatalf("%d errors; want at least %d", errs, n)
				}
				// Printing is part of the cost: every line needs its position.
				for _, d := range diags.Items {
					_ = diags.Line(d)
				}
			}
		})
	}
}
