// Package standin runs the Neo4j the store's tests talk to: a real Neo4j
// when NEO4J_URI is set, otherwise NornicDB (a Go Bolt + Cypher server) built
// by scripts/standin.sh into a cache directory and started on a loopback port.
//
// NornicDB is a stand-in, not Neo4j: its known deviations are listed in
// docs/neo4j.md. If it cannot be built or started the calling test fails; it
// is never skipped.
package standin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Server is a running database the tests may use.
type Server struct {
	URI      string
	Username string
	Password string
	Database string
	// Real is true for a real Neo4j taken from NEO4J_URI.
	Real bool

	bin      string
	dir      string
	boltPort int
	httpPort int
	logPath  string

	mu  sync.Mutex
	cmd *exec.Cmd
}

// RealFromEnv returns the real Neo4j named by NEO4J_URI, or nil when it is unset.
func RealFromEnv() *Server {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		return nil
	}
	user := os.Getenv("NEO4J_USERNAME")
	if user == "" {
		user = "neo4j"
	}
	return &Server{
		URI:      uri,
		Username: user,
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
		Real:     true,
	}
}

// Start returns a database for tb: the real Neo4j of NEO4J_URI, or a fresh
// NornicDB process (empty data directory) stopped when tb ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	if s := RealFromEnv(); s != nil {
		return s
	}
	bin, err := Binary()
	if err != nil {
		tb.Fatalf("neo4j stand-in: %v", err)
	}
	s := &Server{bin: bin, dir: tb.TempDir(), Database: "neo4j"}
	if err := s.pickPorts(); err != nil {
		tb.Fatalf("neo4j stand-in: %v", err)
	}
	s.URI = "bolt://127.0.0.1:" + strconv.Itoa(s.boltPort)
	tb.Cleanup(func() { s.Kill() })
	if err := s.Restart(); err != nil {
		tb.Fatalf("neo4j stand-in: %v", err)
	}
	return s
}

// Binary returns the path of the stand-in binary, building it on first use.
// NORNICDB_BIN overrides the build.
func Binary() (string, error) {
	if p := os.Getenv("NORNICDB_BIN"); p != "" {
		return p, nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	cmd := exec.Command("sh", filepath.Join(root, "scripts", "standin.sh"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build with scripts/standin.sh: %w\n%s", err, tail(stderr.String(), 2000))
	}
	return strings.TrimSpace(stdout.String()), nil
}

// repoRoot finds the module root from the working directory (go test runs
// each package in its own directory).
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "scripts", "standin.sh")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("scripts/standin.sh not found above the working directory")
		}
		dir = parent
	}
}

// pickPorts reserves two free loopback ports: NornicDB does not report back a
// port it bound as 0.
func (s *Server) pickPorts() error {
	var ports [2]int
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return fmt.Errorf("pick a free port: %w", err)
		}
		ports[i] = l.Addr().(*net.TCPAddr).Port
		defer l.Close()
	}
	s.boltPort, s.httpPort = ports[0], ports[1]
	return nil
}

// Restart starts the server process on the same ports and data directory
// (after Kill: the data written so far is kept) and waits until Bolt accepts
// connections.
func (s *Server) Restart() error {
	if s.Real {
		return errors.New("cannot restart a real Neo4j")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return errors.New("stand-in already running")
	}
	home := filepath.Join(s.dir, "home")
	data := filepath.Join(s.dir, "data")
	conf := filepath.Join(s.dir, "config.yaml")
	for _, d := range []string{home, data} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(conf, nil, 0o644); err != nil {
		return err
	}
	s.logPath = filepath.Join(s.dir, "nornicdb.log")
	logf, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close()
	cmd := exec.Command(s.bin, "serve",
		"--config", conf,
		"--address", "127.0.0.1",
		"--bolt-port", strconv.Itoa(s.boltPort),
		"--http-port", strconv.Itoa(s.httpPort),
		"--data-dir", data,
		"--headless",
		"--mcp-enabled=false",
		"--no-auth",
		"--search-bm25-enabled=false",
		"--search-vector-enabled=false",
	)
	// A private HOME and working directory: NornicDB reads config files from
	// both on its own. Telemetry would otherwise listen on all interfaces.
	cmd.Dir = home
	cmd.Env = append(os.Environ(),
		"HOME="+home,
		"NORNICDB_TELEMETRY_LISTEN=127.0.0.1:0",
		"NORNICDB_DEFAULT_DATABASE=neo4j",
		"NORNICDB_AUTH=none",
	)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", s.bin, err)
	}
	s.cmd = cmd
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(s.boltPort))
	for {
		conn, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			conn.Close()
			s.watch(exited)
			return nil
		}
		select {
		case err := <-exited:
			s.cmd = nil
			return fmt.Errorf("stand-in exited before listening: %v\n%s", err, s.Log())
		case <-ctx.Done():
			_ = cmd.Process.Kill()
			<-exited
			s.cmd = nil
			return fmt.Errorf("stand-in not listening on %s after 20s\n%s", addr, s.Log())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// watch forgets the process once it exits, so Restart can start a new one.
func (s *Server) watch(exited <-chan error) {
	cmd := s.cmd
	go func() {
		<-exited
		s.mu.Lock()
		if s.cmd == cmd {
			s.cmd = nil
		}
		s.mu.Unlock()
	}()
}

// Kill stops the server abruptly (SIGKILL), as a crash would, and waits until
// its port is free.
func (s *Server) Kill() {
	s.mu.Lock()
	cmd := s.cmd
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		gone := s.cmd == nil
		s.mu.Unlock()
		if gone {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Log returns the tail of the server's log, for failure messages.
func (s *Server) Log() string {
	if s.logPath == "" {
		return ""
	}
	b, _ := os.ReadFile(s.logPath)
	return tail(string(b), 4000)
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
