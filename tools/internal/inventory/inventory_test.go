package inventory_test

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/cloudkb/kb/tools/internal/inventory"
	"github.com/cloudkb/kb/tools/internal/kbdata"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// decoded is an inventory as a reader sees it: its header and its lines,
// with "$" and "-" expanded.
type decoded struct {
	Project, Version string
	Entries          []inventory.Entry
}

// decode reads an inventory the way the format describes it, independently
// of the encoder: four header lines, then zlib-compressed lines of
// "name domain:role priority uri display", where the role is the first
// field holding a colon that a whole number follows.
func decode(data []byte) (decoded, error) {
	var d decoded
	r := bufio.NewReader(bytes.NewReader(data))
	var header [4]string
	for i := range header {
		l, err := r.ReadString('\n')
		if err != nil {
			return d, fmt.Errorf("header line %d: %w", i+1, err)
		}
		header[i] = strings.TrimSuffix(l, "\n")
	}
	if header[0] != "# Sphinx inventory version 2" || !strings.Contains(header[3], "zlib") {
		return d, fmt.Errorf("not a version 2 inventory: %q", header)
	}
	var ok bool
	if d.Project, ok = strings.CutPrefix(header[1], "# Project: "); !ok {
		return d, fmt.Errorf("no project line: %q", header[1])
	}
	if d.Version, ok = strings.CutPrefix(header[2], "# Version: "); !ok {
		return d, fmt.Errorf("no version line: %q", header[2])
	}
	zr, err := zlib.NewReader(r)
	if err != nil {
		return d, err
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return d, err
	}
	for _, l := range strings.Split(string(body), "\n") {
		if l == "" {
			continue // the end of the last line
		}
		e, err := parseLine(l)
		if err != nil {
			return d, err
		}
		d.Entries = append(d.Entries, e)
	}
	return d, nil
}

func parseLine(l string) (inventory.Entry, error) {
	f := strings.Split(l, " ")
	for i := 1; i+3 < len(f); i++ {
		prio, err := strconv.Atoi(f[i+1])
		if !strings.Contains(f[i], ":") || err != nil {
			continue
		}
		e := inventory.Entry{Name: strings.Join(f[:i], " "), Role: f[i], Priority: prio, URI: f[i+2], Display: strings.Join(f[i+3:], " ")}
		if u, ok := strings.CutSuffix(e.URI, "$"); ok {
			e.URI = u + e.Name
		}
		if e.Display == "-" {
			e.Display = e.Name
		}
		return e, nil
	}
	return inventory.Entry{}, fmt.Errorf("line %q: no domain:role followed by a priority", l)
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		inv  inventory.Inventory
		want decoded // Display filled in where the entry leaves it empty
	}{
		{
			name: "a term and a comparison",
			inv: inventory.Inventory{Project: "KB", Version: "1.0", Entries: []inventory.Entry{
				{Name: "virtual machine", Role: "std:term", Priority: -1, URI: "glossary/virtual-machine/", Display: "Virtual machine"},
				{Name: "compare/a-vs-b", Role: "std:doc", Priority: -1, URI: "compare/a-vs-b/", Display: "A vs. B"},
			}},
			want: decoded{Project: "KB", Version: "1.0", Entries: []inventory.Entry{
				{Name: "virtual machine", Role: "std:term", Priority: -1, URI: "glossary/virtual-machine/", Display: "Virtual machine"},
				{Name: "compare/a-vs-b", Role: "std:doc", Priority: -1, URI: "compare/a-vs-b/", Display: "A vs. B"},
			}},
		},
		{
			name: "a display name equal to the name, or none, is written -",
			inv: inventory.Inventory{Project: "KB", Entries: []inventory.Entry{
				{Name: "container", Role: "std:term", Priority: 1, URI: "glossary/container/", Display: "container"},
				{Name: "kernel", Role: "std:term", Priority: 2, URI: "glossary/kernel/"},
			}},
			want: decoded{Project: "KB", Entries: []inventory.Entry{
				{Name: "container", Role: "std:term", Priority: 1, URI: "glossary/container/", Display: "container"},
				{Name: "kernel", Role: "std:term", Priority: 2, URI: "glossary/kernel/", Display: "kernel"},
			}},
		},
		{
			name: "a uri ending in the name is shortened with $",
			inv: inventory.Inventory{Project: "KB", Entries: []inventory.Entry{
				{Name: "scaling", Role: "std:label", Priority: -1, URI: "compare/x/#scaling", Display: "Scaling"},
			}},
			want: decoded{Project: "KB", Entries: []inventory.Entry{
				{Name: "scaling", Role: "std:label", Priority: -1, URI: "compare/x/#scaling", Display: "Scaling"},
			}},
		},
		{
			name: "white space collapses into one space, in the header too",
			inv: inventory.Inventory{Project: "Cloud\n  KB", Version: " 2\t3 ", Entries: []inventory.Entry{
				{Name: " bare \t metal ", Role: "std:term", Priority: -1, URI: "glossary/physical-machine/", Display: "Physical\nmachine"},
			}},
			want: decoded{Project: "Cloud KB", Version: "2 3", Entries: []inventory.Entry{
				{Name: "bare metal", Role: "std:term", Priority: -1, URI: "glossary/physical-machine/", Display: "Physical machine"},
			}},
		},
		{
			name: "names outside ASCII",
			inv: inventory.Inventory{Project: "Wissensbasis", Entries: []inventory.Entry{
				{Name: "größe", Role: "std:term", Priority: -1, URI: "glossary/grosse/", Display: "Größe"},
			}},
			want: decoded{Project: "Wissensbasis", Entries: []inventory.Entry{
				{Name: "größe", Role: "std:term", Priority: -1, URI: "glossary/grosse/", Display: "Größe"},
			}},
		},
		{
			name: "no entries",
			inv:  inventory.Inventory{Project: "KB"},
			want: decoded{Project: "KB"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.inv.Encode(&buf); err != nil {
				t.Fatalf("Encode(%q) = %v; want no error", tt.name, err)
			}
			got, err := decode(buf.Bytes())
			if err != nil {
				t.Fatalf("decode(Encode(%q)) = %v; want no error", tt.name, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decode(Encode(%q)) = %+v; want %+v", tt.name, got, tt.want)
			}
		})
	}
}

func TestBodyErrors(t *testing.T) {
	ok := inventory.Entry{Name: "container", Role: "std:term", Priority: -1, URI: "glossary/container/"}
	tests := []struct {
		name   string
		change func(*inventory.Entry)
		want   string // in the error
	}{
		{"no name", func(e *inventory.Entry) { e.Name = " \n" }, "has no name"},
		{"a role without a domain", func(e *inventory.Entry) { e.Role = "term" }, `role "term" is not domain:role`},
		{"a role with a space", func(e *inventory.Entry) { e.Role = "std: term" }, `role "std: term" is not domain:role`},
		{"no uri", func(e *inventory.Entry) { e.URI = "" }, `uri "" is empty`},
		{"a uri with a space", func(e *inventory.Entry) { e.URI = "glossary/a b/" }, `uri "glossary/a b/" is empty or holds a space`},
		{"a uri ending in $", func(e *inventory.Entry) { e.URI = "price$" }, "ends in $"},
		{"a name a reader would split at a number", func(e *inventory.Entry) { e.Name = "osi layer 7 proxy" }, "a reader would misread the name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := ok
			tt.change(&e)
			_, err := inventory.Body([]inventory.Entry{ok, e})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Body(%+v) = %v; want an error containing %q", e, err, tt.want)
			}
		})
	}
}

// smallKB is a fixed knowledge base with every kind of name FromKB lists.
func smallKB() *kbdata.KB {
	return &kbdata.KB{
		Terms: map[string]*kbdata.Term{
			"container": {ID: "container", Name: "Container", Aliases: []string{"containers", "CONTAINER"}},
			"virtual-machine": {ID: "virtual-machine", Name: "Virtual  machine", Aliases: []string{"VM", "VMs"},
				FormerIDs: []string{"vm-old", "shared-old"}},
			"infrastructure-as-a-service": {ID: "infrastructure-as-a-service", Name: "Infrastructure as a service (IaaS)"},
			// Both abbreviate to CRI: "cri" is ambiguous, and left out.
			"container-runtime-interface": {ID: "container-runtime-interface", Name: "Container Runtime Interface (CRI)"},
			"cloud-resource-inventory":    {ID: "cloud-resource-inventory", Name: "Cloud resource inventory (CRI)"},
			// Two terms claim shared-old: it is ambiguous, and left out.
			"kernel": {ID: "kernel", Name: "Kernel", FormerIDs: []string{"shared-old"}},
			// The name would be misread: only the id is listed.
			"osi-proxy": {ID: "osi-proxy", Name: "OSI layer 7 proxy"},
		},
		Comparisons: map[string]*kbdata.Comparison{
			"containers-vs-virtual-machines": {ID: "containers-vs-virtual-machines", Title: "Containers vs. virtual machines",
				FormerIDs: []string{"containers-vs-vms"}},
		},
	}
}

func TestFromKBGolden(t *testing.T) {
	entries, skipped, err := inventory.FromKB(smallKB())
	if err != nil {
		t.Fatalf("FromKB(smallKB()) = %v; want no error", err)
	}
	body, err := inventory.Body(entries)
	if err != nil {
		t.Fatalf("Body(FromKB(smallKB())) = %v; want no error", err)
	}
	wantSkipped := []string{`term osi-proxy: left out the name "OSI layer 7 proxy": a reader would split it at a number`}
	if !reflect.DeepEqual(skipped, wantSkipped) {
		t.Errorf("FromKB(smallKB()) skipped %q; want %q", skipped, wantSkipped)
	}
	file := filepath.Join("testdata", "small.golden")
	if *update {
		if err := os.WriteFile(file, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(body, want) {
		t.Errorf("Body(FromKB(smallKB())) =\n%s\nwant (%s):\n%s", body, file, want)
	}
}

func TestFromKBErrors(t *testing.T) {
	tests := []struct {
		name  string
		terms map[string]*kbdata.Term
		want  string
	}{
		{
			name: "an alias of two terms",
			terms: map[string]*kbdata.Term{
				"container":       {ID: "container", Name: "Container", Aliases: []string{"box"}},
				"virtual-machine": {ID: "virtual-machine", Name: "Virtual machine", Aliases: []string{"Box"}},
			},
			want: `inventory: "Box" names both term "container" and term "virtual-machine": run kb check`,
		},
		{
			name: "a name that is another term's id",
			terms: map[string]*kbdata.Term{
				"kernel": {ID: "kernel", Name: "Kernel"},
				"os":     {ID: "os", Name: "kernel"},
			},
			want: `inventory: "kernel" names both term "kernel" and term "os": run kb check`,
		},
		{
			name:  "a term without a name",
			terms: map[string]*kbdata.Term{"kernel": {ID: "kernel"}},
			want:  `inventory: term "kernel" has no name: run kb check`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := inventory.FromKB(&kbdata.KB{Terms: tt.terms})
			if err == nil || err.Error() != tt.want {
				t.Errorf("FromKB(%s) = %v; want %s", tt.name, err, tt.want)
			}
		})
	}
}

func TestWrite(t *testing.T) {
	tests := []struct {
		name    string
		dir     func(t *testing.T) string
		entries []inventory.Entry
		wantErr bool
	}{
		{
			name:    "into the built site",
			dir:     func(t *testing.T) string { return t.TempDir() },
			entries: []inventory.Entry{{Name: "kernel", Role: "std:term", Priority: -1, URI: "glossary/kernel/"}},
		},
		{
			name:    "into a folder that does not exist",
			dir:     func(t *testing.T) string { return filepath.Join(t.TempDir(), "public") },
			entries: []inventory.Entry{{Name: "kernel", Role: "std:term", Priority: -1, URI: "glossary/kernel/"}},
			wantErr: true,
		},
		{
			name:    "an entry that cannot be written",
			dir:     func(t *testing.T) string { return t.TempDir() },
			entries: []inventory.Entry{{Name: "kernel", Role: "term", URI: "glossary/kernel/"}},
			wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir(t)
			inv := inventory.Inventory{Project: "KB", Entries: tt.entries}
			path, err := inv.Write(dir)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Write(%q) = %v; want error %v", dir, err, tt.wantErr)
			}
			file := filepath.Join(dir, inventory.FileName)
			if _, statErr := os.Stat(file); tt.wantErr != errors.Is(statErr, os.ErrNotExist) {
				t.Errorf("Write(%q) left %s: %v; want it written only on success", dir, file, statErr)
			}
			if tt.wantErr {
				return
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decode(data)
			if err != nil || len(got.Entries) != len(tt.entries) {
				t.Errorf("decode(Write(%q)) = %+v, %v; want %d entries", dir, got, err, len(tt.entries))
			}
		})
	}
}
