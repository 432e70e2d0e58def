package liveedit

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestInsert(t *testing.T) {
	tests := []struct {
		name, text, anchor, want string
		wantErr                  bool
	}{
		{name: "toml definition", text: "name = \"A\"\ndefinition = \"\"\"\nText.\n\"\"\"\n", anchor: "definition = \"\"\"\n", want: "name = \"A\"\ndefinition = \"\"\"\nMARK Text.\n\"\"\"\n"},
		{name: "after front matter", text: "---\ntitle: x\n---\nBody.\n", anchor: "\n---\n", want: "---\ntitle: x\n---\nMARK Body.\n"},
		{name: "first occurrence only", text: "a|b|c", anchor: "|", want: "a|MARK b|c"},
		{name: "anchor at end", text: "abc", anchor: "bc", want: "abcMARK "},
		{name: "missing anchor", text: "abc", anchor: "x", wantErr: true},
		{name: "empty anchor", text: "abc", anchor: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Insert([]byte(tt.text), tt.anchor, "MARK ")
			if (err != nil) != tt.wantErr {
				t.Fatalf("Insert(%q, %q) error = %v; want error %v", tt.text, tt.anchor, err, tt.wantErr)
			}
			if string(got) != tt.want {
				t.Errorf("Insert(%q, %q) = %q; want %q", tt.text, tt.anchor, got, tt.want)
			}
		})
	}
}

// lagging serves a file as a server that rebuilds would: a change is
// served only lag after the first request that could have seen it.
type lagging struct {
	path string
	lag  time.Duration

	mu      sync.Mutex
	served  []byte
	pending []byte
	since   time.Time
}

func (l *lagging) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now, _ := os.ReadFile(l.path)
	l.mu.Lock()
	switch {
	case l.served == nil:
		l.served = now
	case !bytes.Equal(now, l.served):
		if !bytes.Equal(now, l.pending) {
			l.pending, l.since = now, time.Now()
		}
		if time.Since(l.since) >= l.lag {
			l.served = now
		}
	}
	body := l.served
	l.mu.Unlock()
	w.Write(body)
}

func TestMeasure(t *testing.T) {
	tests := []struct {
		name    string
		lag     time.Duration
		wantErr bool
	}{
		{name: "served at once", lag: 0},
		{name: "served after a rebuild", lag: 150 * time.Millisecond},
		{name: "never served", lag: time.Hour, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "page.md")
			orig := []byte("---\ntitle: x\n---\nBody.\n")
			if err := os.WriteFile(path, orig, 0o644); err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(&lagging{path: path, lag: tt.lag})
			defer srv.Close()
			// The server has served the page before the edit.
			if ok, err := contains(context.Background(), srv.Client(), srv.URL, []byte("Body.")); !ok || err != nil {
				t.Fatalf("contains(before the edit) = %v, %v; want true, nil", ok, err)
			}
			e := Edit{Path: path, Orig: orig, Anchor: "\n---\n", URL: srv.URL}
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			d, err := e.Measure(ctx, srv.Client(), "kbmark42 ", 10*time.Millisecond)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Measure() error = %v; want error %v", err, tt.wantErr)
			}
			text, _ := os.ReadFile(path)
			if want := "---\ntitle: x\n---\nkbmark42 Body.\n"; string(text) != want {
				t.Errorf("file after Measure = %q; want %q", text, want)
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Errorf("folder after Measure holds %d files; want only the page", len(entries))
			}
			if tt.wantErr {
				return
			}
			if d < tt.lag || d > tt.lag+500*time.Millisecond {
				t.Errorf("Measure() = %v; want between %v and %v", d, tt.lag, tt.lag+500*time.Millisecond)
			}
			if err := e.Restore(); err != nil {
				t.Fatal(err)
			}
			if text, _ := os.ReadFile(path); !bytes.Equal(text, orig) {
				t.Errorf("file after Restore = %q; want %q", text, orig)
			}
		})
	}
}

// running reports whether process pid exists and is not a zombie.
func running(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	return len(f) > 0 && f[0] != "Z" && f[0] != "X"
}

func TestStop(t *testing.T) {
	// A non-interactive shell's background job ignores SIGINT, as a
	// grandchild may: Stop must kill it once the grace period is over.
	tests := []struct {
		name, script     string
		grace            time.Duration
		minWait, maxWait time.Duration
	}{
		{name: "interrupt ends it", script: "echo $$ > pid; exec sleep 300", grace: 5 * time.Second, maxWait: 2 * time.Second},
		{name: "grandchild ignoring interrupt", script: "sleep 300 & echo $! > pid; wait", grace: 300 * time.Millisecond, minWait: 300 * time.Millisecond, maxWait: 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := os.Stat("/proc/self/stat"); err != nil {
				t.Skip("no /proc to see processes in")
			}
			dir := t.TempDir()
			s, err := Start(dir, "sh", "-c", tt.script)
			if err != nil {
				t.Fatal(err)
			}
			s.Grace = tt.grace
			var pid int
			for i := 0; i < 200 && pid == 0; i++ {
				b, _ := os.ReadFile(filepath.Join(dir, "pid"))
				pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
				time.Sleep(10 * time.Millisecond)
			}
			if pid == 0 || !running(pid) {
				t.Fatalf("process %d not running before Stop", pid)
			}
			start := time.Now()
			if err := s.Stop(); err != nil {
				t.Fatalf("Stop() = %v; want nil", err)
			}
			d := time.Since(start)
			if running(pid) {
				t.Errorf("process %d running after Stop", pid)
			}
			if groupAlive(s.cmd.Process.Pid) {
				t.Errorf("process group %d alive after Stop", s.cmd.Process.Pid)
			}
			if d < tt.minWait || d > tt.maxWait {
				t.Errorf("Stop() took %v; want between %v and %v", d, tt.minWait, tt.maxWait)
			}
		})
	}
}

func TestSettle(t *testing.T) {
	// Hugo's lines for a first build, then a rebuild that takes 300 ms.
	script := `echo "Built in 900 ms"; echo "Total in 950 ms"; sleep 0.2
echo ""; echo "Change detected, rebuilding site (#1)."; sleep 0.3; echo "Total in 300 ms"; sleep 300`
	s, err := Start(t.TempDir(), "sh", "-c", script)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	// Wait for the rebuild to start, then for it to settle.
	for i := 0; ; i++ {
		if busy, _ := s.out.state(); busy {
			break
		}
		if i == 200 {
			t.Fatalf("no rebuild seen in output %q", s.Output())
		}
		time.Sleep(10 * time.Millisecond)
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Settle(ctx, 100*time.Millisecond); err != nil {
		t.Fatalf("Settle() = %v; want nil", err)
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("Settle() returned after %v; want after the rebuild's end, at least 300ms", d)
	}
	want := []time.Duration{950 * time.Millisecond, 300 * time.Millisecond}
	if got := s.Builds(); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Builds() = %v; want %v", got, want)
	}
	if out := s.Output(); !strings.Contains(out, "Change detected, rebuilding site (#1).") {
		t.Errorf("Output() = %q; want the rebuild's line", out)
	}
}

func TestWaitReady(t *testing.T) {
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer ok.Close()
	tests := []struct {
		name, script, url, wantErr string
	}{
		{name: "page served", script: "sleep 300", url: ok.URL},
		{name: "server exits", script: "exit 3", url: "http://127.0.0.1:1/", wantErr: "exit status 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Start(t.TempDir(), "sh", "-c", tt.script)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Stop()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err = s.WaitReady(ctx, http.DefaultClient, tt.url, 10*time.Millisecond)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("WaitReady(%q) = %v; want error containing %q", tt.url, err, tt.wantErr)
			}
		})
	}
}
