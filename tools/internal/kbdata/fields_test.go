package kbdata

import "testing"

func TestReservedID(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"con", "con", true},
		{"prn", "prn", true},
		{"aux", "aux", true},
		{"nul", "nul", true},
		{"com1", "com1", true},
		{"com9", "com9", true},
		{"lpt1", "lpt1", true},
		{"lpt9", "lpt9", true},
		{"capitals", "CON", true},
		{"mixed case", "Lpt3", true},
		{"a file name", "con.toml", true},
		{"two extensions", "nul.tar.gz", true},
		{"a capital file name", "AUX.TOML", true},
		{"com0 is allowed", "com0", false},
		{"lpt0 is allowed", "lpt0", false},
		{"com10", "com10", false},
		{"a longer word", "console", false},
		{"a prefix", "con-tainer", false},
		{"a suffix", "aux-port", false},
		{"com alone", "com", false},
		{"the empty string", "", false},
		{"an ordinary id", "virtual-machine", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReservedID(tt.in); got != tt.want {
				t.Errorf("ReservedID(%q) = %v; want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestIDProblem(t *testing.T) {
	tests := []struct {
		name       string
		id         string
		problem    string
		suggestion string
	}{
		{"usable", "virtual-machine", "", ""},
		{"com0", "com0", "", ""},
		{"capitals", "Virtual_Machine", "not lowercase kebab-case", `use "virtual-machine"`},
		{"nothing to suggest", "!!", "not lowercase kebab-case", ""},
		{"empty", "", "not lowercase kebab-case", ""},
		{"capitals of a reserved name", "CON", "not lowercase kebab-case", ""},
		{"reserved", "con", "a device name Windows reserves: Windows can hold no file or folder so named, so a Windows contributor could not check out its file or build its page", "choose a longer id, such as the name spelt out"},
		{"reserved with a digit", "lpt1", "a device name Windows reserves: Windows can hold no file or folder so named, so a Windows contributor could not check out its file or build its page", "choose a longer id, such as the name spelt out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problem, suggestion := IDProblem(tt.id)
			if problem != tt.problem || suggestion != tt.suggestion {
				t.Errorf("IDProblem(%q) = %q, %q; want %q, %q", tt.id, problem, suggestion, tt.problem, tt.suggestion)
			}
		})
	}
}

func TestSuggestFileName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"capitals and underscores", "Virtual_Machine.toml", "virtual-machine.toml"},
		{"spaces", "Cold Start.toml", "cold-start.toml"},
		{"double hyphen", "a--b.toml", "a-b.toml"},
		{"only the extension", ".toml", ""},
		{"no letters", "--.toml", ""},
		{"a reserved name in capitals", "CON.toml", ""},
		{"a reserved name after cleaning", "Com_1.toml", "com-1.toml"},
		{"a reserved name made by cleaning", "_nul_.toml", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SuggestFileName(tt.in); got != tt.want {
				t.Errorf("SuggestFileName(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}
