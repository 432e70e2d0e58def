package remote

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const index = `{"version":1,"terms":[
 {"id":"virtual-machine","name":"Virtual machine","aliases":["VM"],"summary":"An imitated computer.","url":"https://kb.example/glossary/virtual-machine/","related":[],"tags":[]},
 {"id":"vm-host","name":"VM","aliases":[],"summary":"A host.","url":"https://kb.example/glossary/vm-host/"},
 {"id":"kernel","name":"Kernel","aliases":["vm-host"],"summary":"The core.","url":"https://kb.example/glossary/kernel/"}]}`

func TestParse(t *testing.T) {
	tests := []struct {
		name, data, err string
	}{
		{"valid", index, ""},
		{"not json", `{"version":1,`, "invalid JSON"},
		{"two values", `{"version":1,"terms":[]} {}`, "more than one value"},
		{"version 2", `{"version":2,"terms":[]}`, "version 2"},
		{"no terms", `{"version":1}`, `no "terms"`},
		{"no id", `{"version":1,"terms":[{"name":"A","url":"https://a.example/"}]}`, "term 1 has no id"},
		{"no name", `{"version":1,"terms":[{"id":"a","url":"https://a.example/"}]}`, `term "a" has no name`},
		{"relative url", `{"version":1,"terms":[{"id":"a","name":"A","url":"/glossary/a/"}]}`, `term "a" has no absolute`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data))
			if got := errString(err); tt.err == "" && got != "" || !strings.Contains(got, tt.err) {
				t.Errorf("Parse(%q) = %v; want an error containing %q", tt.data, err, tt.err)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestLookup(t *testing.T) {
	ix, err := Parse([]byte(index))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, ref, want string
	}{
		{"id", "kernel", "kernel"},
		{"id any case", "KERNEL", "kernel"},
		{"alias", "vm", "virtual-machine"}, // an alias wins over a name
		{"name", "virtual MACHINE", "virtual-machine"},
		{"id over alias", "vm-host", "vm-host"},
		{"unknown", "kernal", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if term, ok := ix.Lookup(tt.ref); ok {
				got = term.ID
			}
			if got != tt.want {
				t.Errorf("Lookup(%q) = %q; want %q", tt.ref, got, tt.want)
			}
		})
	}
}

func TestFetch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok.json":
			w.Write([]byte(index))
		case "/html":
			w.Write([]byte("<html>not found</html>"))
		case "/huge":
			w.Write([]byte(`{"version":1,"terms":[` + strings.Repeat(" ", MaxSize) + `]}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	tests := []struct {
		name, url, err string
	}{
		{"ok", srv.URL + "/ok.json", ""},
		{"status", srv.URL + "/missing", "404"},
		{"not an index", srv.URL + "/html", "not a glossary index"},
		{"too large", srv.URL + "/huge", "over 32 MiB"},
		{"not http", "ftp://kb.example/index.json", "not an absolute http(s) URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, _, err := Fetch(context.Background(), srv.Client(), tt.url)
			if got := errString(err); tt.err == "" && got != "" || !strings.Contains(got, tt.err) {
				t.Errorf("Fetch(%q) = %v; want an error containing %q", tt.url, err, tt.err)
			}
			if tt.err == "" && string(data) != index {
				t.Errorf("Fetch(%q) = %q; want the index verbatim", tt.url, data)
			}
		})
	}
}

func TestLock(t *testing.T) {
	body := index
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "remotes")
	ok := []Source{{Prefix: "cloudkb", Index: srv.URL + "/glossary/index.json"}}
	path := filepath.Join(dir, "cloudkb.json")

	steps := []struct {
		name        string
		sources     []Source
		wantChanged bool
		wantErr     bool
	}{
		{"first lock writes", ok, true, false},
		{"same index changes nothing", ok, false, false},
		{"one failure writes nothing", append(ok, Source{Prefix: "down", Index: srv.URL + "/bad"}), false, true},
	}
	for _, st := range steps {
		done, err := Lock(context.Background(), srv.Client(), dir, st.sources)
		if (err != nil) != st.wantErr {
			t.Fatalf("%s: Lock() = %v; want error %v", st.name, err, st.wantErr)
		}
		if changed := len(done) > 0 && done[0].Changed; changed != st.wantChanged {
			t.Errorf("%s: Lock() changed = %v; want %v", st.name, changed, st.wantChanged)
		}
		if got, err := os.ReadFile(path); err != nil || string(got) != index {
			t.Errorf("%s: lock = %q, %v; want the index verbatim", st.name, got, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "down.json")); err == nil {
		t.Errorf("Lock() wrote down.json for an index it could not fetch")
	}
}

// FuzzParse feeds arbitrary bytes to the lock reader: it must never
// panic, and every index it accepts must resolve each of its terms by id.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"version":1,"terms":[{"id":"vm","name":"Virtual machine","aliases":["VM"],"url":"https://example.org/glossary/vm/"}]}`))
	f.Add([]byte(`{"version":2,"terms":[]}`))
	f.Add([]byte(`{"version":1,"terms":[{"id":"a","name":"","url":"/x"}]}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := Parse(data)
		if err != nil {
			return
		}
		for _, tm := range ix.Terms {
			if got, ok := ix.Lookup(tm.ID); !ok || got.ID == "" {
				t.Fatalf("Parse(%q).Lookup(%q) = %v, %v; want a term", data, tm.ID, got, ok)
			}
		}
	})
}
