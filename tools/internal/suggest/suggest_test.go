package suggest

import "testing"

func TestClosest(t *testing.T) {
	ids := []string{"container", "kernel", "virtual-machine", "vm", "cost-when-idle"}
	tests := []struct {
		name, in, want string
	}{
		{"one letter missing", "contaner", "container"},
		{"case is ignored", "KERNL", "kernel"},
		{"transposition", "cost-when-idel", "cost-when-idle"},
		{"short word, one edit", "vn", "vm"},
		{"too far", "hypervisor", ""},
		{"short word, too far", "xy", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Closest(tt.in, ids); got != tt.want {
				t.Errorf("Closest(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}
