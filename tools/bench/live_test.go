package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	ms := func(xs ...int) []time.Duration {
		var ds []time.Duration
		for _, x := range xs {
			ds = append(ds, time.Duration(x)*time.Millisecond)
		}
		return ds
	}
	tests := []struct {
		name string
		in   []time.Duration
		want time.Duration
	}{
		{name: "none", in: nil, want: 0},
		{name: "one", in: ms(700), want: 700 * time.Millisecond},
		{name: "odd, unsorted", in: ms(900, 300, 500), want: 500 * time.Millisecond},
		{name: "even: mean of the middle two", in: ms(100, 400, 200, 900), want: 300 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]time.Duration(nil), tt.in...)
			if got := median(tt.in); got != tt.want {
				t.Errorf("median(%v) = %v; want %v", in, got, tt.want)
			}
			for i := range in {
				if tt.in[i] != in[i] {
					t.Fatalf("median reordered its input: %v; want %v", tt.in, in)
				}
			}
		})
	}
}

func TestFirstTerm(t *testing.T) {
	site := t.TempDir()
	dir := filepath.Join(site, "data", "glossary")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := firstTerm(site); err == nil {
		t.Errorf("firstTerm(no terms) = nil error; want an error")
	}
	for _, name := range []string{"queue-cache.toml", "cloud-edge.toml", "notes.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := firstTerm(site); got != "cloud-edge" || err != nil {
		t.Errorf("firstTerm() = %q, %v; want %q, nil", got, err, "cloud-edge")
	}
}
