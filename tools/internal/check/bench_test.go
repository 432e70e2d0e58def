package check

import (
	"os"
	"testing"

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
