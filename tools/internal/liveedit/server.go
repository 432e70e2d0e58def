package liveedit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Server is a development server running in its own process group.
type Server struct {
	// Grace is how long Stop waits after an interrupt before it kills.
	Grace time.Duration

	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // the process's exit, once done is closed
	out  *activity
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start starts name with args in dir, in a process group of its own (so a
// Ctrl-C meant for the caller does not reach it, and Stop reaches all of
// it). Its output is kept to follow its rebuilds (see Settle) and for
// Output.
func Start(dir, name string, args ...string) (*Server, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out := &activity{}
	cmd.Stdout, cmd.Stderr = out, out
	// The group's other processes may hold the output open after the
	// leader exits; Stop ends them, and Wait must not hang meanwhile.
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	s := &Server{Grace: 10 * time.Second, cmd: cmd, done: make(chan struct{}), out: out}
	go func() {
		s.err = cmd.Wait()
		close(s.done)
	}()
	return s, nil
}

// exited returns an error saying how the process ended.
func (s *Server) exited() error {
	if s.err != nil {
		return fmt.Errorf("%s exited: %w", s.cmd.Path, s.err)
	}
	return fmt.Errorf("%s exited", s.cmd.Path)
}

// WaitReady polls url every interval until it answers 200, the process
// exits, or ctx ends.
func (s *Server) WaitReady(ctx context.Context, client *http.Client, url string, every time.Duration) error {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			return s.exited()
		case <-ctx.Done():
			return fmt.Errorf("wait for %s: %w", url, ctx.Err())
		case <-tick.C:
		}
	}
}

// Settle waits until the server is idle: no rebuild it announced is still
// running, and it has printed nothing for quiet. A save can set off
// rebuilds after the one that showed it (kb serve rewrites the backlink
// graph and dates, which Hugo then reloads), and the next edit must not
// be measured while they run.
func (s *Server) Settle(ctx context.Context, quiet time.Duration) error {
	since := time.Now()
	for {
		busy, last := s.out.state()
		if last.Before(since) {
			last = since
		}
		if !busy && time.Since(last) >= quiet {
			return nil
		}
		select {
		case <-s.done:
			return s.exited()
		case <-ctx.Done():
			return fmt.Errorf("settle: %w", ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Builds returns the durations of the rebuilds the server has reported as
// finished ("Total in N ms", "Rebuilt in N ms"), in order.
func (s *Server) Builds() []time.Duration {
	s.out.mu.Lock()
	defer s.out.mu.Unlock()
	return append([]time.Duration(nil), s.out.builds...)
}

// Output returns the server's last lines of output, for an error message.
func (s *Server) Output() string {
	s.out.mu.Lock()
	defer s.out.mu.Unlock()
	return strings.Join(s.out.tail, "\n")
}

// Stop interrupts the whole process group, as Ctrl-C would, waits up to
// Grace for the process to exit, then kills whatever of the group is
// left. It returns once nothing of the group runs.
func (s *Server) Stop() error {
	pgid := s.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGINT)
	select {
	case <-s.done:
	case <-time.After(s.Grace):
	}
	// The leader may be gone while a child it started (hugo under go
	// under kb) still runs: wait for the group to empty, then kill it.
	deadline := time.Now().Add(s.Grace)
	for groupAlive(pgid) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if groupAlive(pgid) {
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	}
	<-s.done
	for i := 0; groupAlive(pgid); i++ {
		if i == 250 {
			return fmt.Errorf("stop %s: process group %d still running after SIGKILL", s.cmd.Path, pgid)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// groupAlive reports whether a process of group pgid still runs. A zombie
// (exited, waiting for its parent to collect it) does not count: where
// PID 1 does not reap orphans, one may linger for good.
func groupAlive(pgid int) bool {
	if err := syscall.Kill(-pgid, 0); errors.Is(err, syscall.ESRCH) {
		return false
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return true // no /proc: the signal test above is all there is
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 3 || f[0] == "Z" || f[0] == "X" {
			continue
		}
		if g, err := strconv.Atoi(f[2]); err == nil && g == pgid && pid > 0 {
			return true
		}
	}
	return false
}

// Hugo announces a rebuild with "… detected, rebuilding site (#N)." and
// ends it with "Total in N ms" (a change of content or data) or "Rebuilt
// in N ms" (a change of configuration).
var (
	rebuildStart = regexp.MustCompile(`detected, rebuilding site \(#\d+\)`)
	rebuildEnd   = regexp.MustCompile(`^(?:Total|Rebuilt) in (\d+) ms`)
)

// tailLines is how many lines of output Output keeps.
const tailLines = 40

// activity follows a server's output, line by line.
type activity struct {
	mu      sync.Mutex
	partial []byte
	pending int // rebuilds announced and not yet finished
	builds  []time.Duration
	last    time.Time // when the last output arrived
	tail    []string
}

func (a *activity) Write(p []byte) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.last = time.Now()
	a.partial = append(a.partial, p...)
	for {
		i := bytes.IndexByte(a.partial, '\n')
		if i < 0 {
			break
		}
		a.line(strings.TrimRight(string(a.partial[:i]), "\r"))
		a.partial = a.partial[i+1:]
	}
	return len(p), nil
}

func (a *activity) line(l string) {
	switch {
	case rebuildStart.MatchString(l):
		a.pending++
	default:
		if m := rebuildEnd.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			ms, _ := strconv.Atoi(m[1])
			a.builds = append(a.builds, time.Duration(ms)*time.Millisecond)
			// The first build's "Total" has no announcement.
			a.pending = max(a.pending-1, 0)
		}
	}
	if l != "" {
		a.tail = append(a.tail, l)
		if len(a.tail) > tailLines {
			a.tail = a.tail[len(a.tail)-tailLines:]
		}
	}
}

// state reports whether a rebuild is running and when output last came.
func (a *activity) state() (busy bool, last time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.pending > 0, a.last
}
