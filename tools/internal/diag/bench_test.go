package diag_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/cloudkb/kb/tools/internal/diag"
	"github.com/cloudkb/kb/tools/internal/report"
)

// BenchmarkText prints n diagnostics, one per line of a single file, as kb
// check -format text does (report.Write of the sorted list). Each position
// used to rescan the file from its start, so the time grew with the square
// of n; now the file's lines are indexed once per list, and it grows with n.
func BenchmarkText(b *testing.B) {
	for _, n := range []int{50_000, 100_000, 200_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			const line = "key = \"value\"\n"
			text := bytes.Repeat([]byte(line), n)
			var items diag.List
			for i := range n {
				items.Add("data/big.toml", i*len(line)+6, diag.CodeType, "value must be a number, not a string")
			}
			items.Sort()
			for b.Loop() {
				// A fresh list each time, so the lines are indexed anew.
				b.StopTimer()
				l := diag.List{Items: items.Items}
				l.AddFile("data/big.toml", text)
				b.StartTimer()
				if err := report.Write(io.Discard, "text", &l, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
