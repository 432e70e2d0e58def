package diag

import "testing"

func TestPositionOf(t *testing.T) {
	const text = "ab\ncd\n\nef"
	tests := []struct {
		name   string
		offset int
		want   Position
	}{
		{"start", 0, Position{1, 1}},
		{"mid first line", 1, Position{1, 2}},
		{"the newline itself", 2, Position{1, 3}},
		{"second line", 3, Position{2, 1}},
		{"empty line", 6, Position{3, 1}},
		{"last byte", 8, Position{4, 2}},
		{"end of file", 9, Position{4, 3}},
		{"past the end is clamped", 99, Position{4, 3}},
		{"whole-file", -1, Position{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PositionOf([]byte(text), tt.offset); got != tt.want {
				t.Errorf("PositionOf(%d) = %v; want %v", tt.offset, got, tt.want)
			}
		})
	}
}

func TestLineAndSort(t *testing.T) {
	var l List
	l.AddFile("b.toml", []byte("x\ny = 1\n"))
	l.AddFile("a.md", []byte("hello"))
	l.Add("b.toml", 2, "KB002", "unknown key %q", "y").Suggest(`did you mean "x"?`)
	l.Warn("a.md", 4, "KB020", "something")
	l.Add("b.toml", -1, "KB007", "bad file name")
	l.Sort()
	want := []string{
		"a.md:1:5: warning: something [KB020]",
		"b.toml: error: bad file name [KB007]",
		`b.toml:2:1: error: unknown key "y" (did you mean "x"?) [KB002]`,
	}
	for i, d := range l.Items {
		if got := l.Line(d); got != want[i] {
			t.Errorf("Line(%d) = %q; want %q", i, got, want[i])
		}
	}
	if e, w := l.Count(); e != 2 || w != 1 {
		t.Errorf("Count() = %d, %d; want 2, 1", e, w)
	}
}
