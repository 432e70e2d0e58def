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
	lines := NewLines([]byte(text))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PositionOf([]byte(text), tt.offset); got != tt.want {
				t.Errorf("PositionOf(%d) = %v; want %v", tt.offset, got, tt.want)
			}
			if got := lines.Position(tt.offset); got != tt.want {
				t.Errorf("Lines.Position(%d) = %v; want %v", tt.offset, got, tt.want)
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

func TestLinesEdges(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		offset int
		want   Position
	}{
		{"empty text", "", 0, Position{1, 1}},
		{"empty text past the end", "", 5, Position{1, 1}},
		{"only newlines", "\n\n\n", 3, Position{4, 1}},
		{"after a trailing newline", "a\n", 2, Position{2, 1}},
		{"CRLF counts the CR in the column", "a\r\nb", 1, Position{1, 2}},
		{"CRLF next line", "a\r\nb", 3, Position{2, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewLines([]byte(tt.text)).Position(tt.offset); got != tt.want {
				t.Errorf("Position(%d) = %v; want %v", tt.offset, got, tt.want)
			}
		})
	}
}

// TestAddFileReplacesLines checks that the cached lines follow a file's
// text when it is recorded again.
func TestAddFileReplacesLines(t *testing.T) {
	var l List
	l.AddFile("a", []byte("x\ny"))
	d := l.Add("a", 2, "", "m")
	if got, want := l.Start(*d), (Position{2, 1}); got != want {
		t.Errorf("Start(%d) = %v; want %v", d.Offset, got, want)
	}
	l.AddFile("a", []byte("xy"))
	if got, want := l.Start(*d), (Position{1, 3}); got != want {
		t.Errorf("Start(%d) after AddFile = %v; want %v", d.Offset, got, want)
	}
	var other List
	other.AddFile("a", []byte("\n\nxy"))
	l.Merge(&other)
	if got, want := l.Start(*d), (Position{3, 1}); got != want {
		t.Errorf("Start(%d) after Merge = %v; want %v", d.Offset, got, want)
	}
}
