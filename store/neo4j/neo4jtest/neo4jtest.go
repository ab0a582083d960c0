// Package neo4jtest gives tests a real Neo4j 5.
//
// Shared returns the server named by NEO4J_URI (in CI and for developers,
// the one `scripts/neo4j.sh start` runs); tests that use it take turns, also
// across test binaries, because they empty the database. Launch starts a
// private server through `scripts/neo4j.sh run` for a test that must kill
// and restart it.
//
// Without a server the tests skip with one line saying how to start one;
// with CI set they fail instead, so no Neo4j test is ever skipped in CI.
package neo4jtest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// startHint is the one line a developer without a server reads.
const startHint = `start one with: eval "$(scripts/neo4j.sh start)" (needs Java 17+ and Maven)`

// launchTimeout bounds a private server's start-up: about 10 s on a quiet
// machine, 50 s seen on a busy one.
const launchTimeout = 4 * time.Minute

// Server is a Neo4j the tests may use.
type Server struct {
	URI      string
	Username string
	Password string
	Database string

	// Set for a server started by Launch.
	script  string
	dataDir string
	port    string
	logPath string

	mu     sync.Mutex
	proc   *exec.Cmd
	done   chan struct{} // closed when proc has exited
	driver driver.DriverWithContext
}

// Driver returns a driver on the server for queries a test sends as a Neo4j
// user would, outside the store; it is made once and closed when tb ends.
func (s *Server) Driver(tb testing.TB) driver.DriverWithContext {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.driver != nil {
		return s.driver
	}
	auth := driver.NoAuth()
	if s.Username != "" || s.Password != "" {
		auth = driver.BasicAuth(s.Username, s.Password, "")
	}
	d, err := driver.NewDriverWithContext(s.URI, auth)
	if err != nil {
		tb.Fatalf("neo4j driver for %s: %v", s.URI, err)
	}
	s.driver = d
	tb.Cleanup(func() { d.Close(context.Background()) })
	return d
}

// Query runs q on the server through Driver and returns its rows.
func (s *Server) Query(tb testing.TB, q string, params map[string]any) []map[string]any {
	tb.Helper()
	res, err := driver.ExecuteQuery(context.Background(), s.Driver(tb), q, params, driver.EagerResultTransformer,
		driver.ExecuteQueryWithDatabase(s.Database))
	if err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	rows := make([]map[string]any, len(res.Records))
	for i, r := range res.Records {
		rows[i] = r.AsMap()
	}
	return rows
}

// InCI reports whether the tests run in CI, where a missing Neo4j is a
// failure rather than a skip.
func InCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v != "" && v != "0" && v != "false"
}

// unavailable skips the test, or fails it in CI.
func unavailable(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	if InCI() {
		tb.Fatalf("neo4j: %s (CI is set, so this fails rather than skips)", msg)
	}
	tb.Skipf("neo4j: %s", msg)
}

// Shared returns the Neo4j of NEO4J_URI (NEO4J_USERNAME, NEO4J_PASSWORD and
// NEO4J_DATABASE too) and holds it for tb alone until tb ends. Call it once
// per test: a second call in the same test waits for the first forever.
func Shared(tb testing.TB) *Server {
	tb.Helper()
	Require(tb)
	uri := os.Getenv("NEO4J_URI")
	s := &Server{
		URI:      uri,
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	unlock, err := lockShared(uri)
	if err != nil {
		tb.Fatalf("neo4j: %v", err)
	}
	tb.Cleanup(unlock)
	return s
}

// Require skips tb (fails it in CI) when NEO4J_URI is unset: a test made of
// subtests that each call Shared calls it first, so a developer reads one
// line, not one per subtest.
func Require(tb testing.TB) {
	tb.Helper()
	if os.Getenv("NEO4J_URI") == "" {
		unavailable(tb, "NEO4J_URI is unset; %s", startHint)
	}
}

// lockShared takes an exclusive file lock named after uri: go test runs
// packages in parallel processes, and each test empties the database.
func lockShared(uri string) (unlock func(), err error) {
	h := fnv.New64a()
	h.Write([]byte(uri))
	path := filepath.Join(os.TempDir(), fmt.Sprintf("reportgraph-neo4j-%x.lock", h.Sum64()))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() { f.Close() }, nil // closing the file releases the lock
}

// Launch starts a private Neo4j with its own data directory on a free
// port, stopped when tb ends. It needs Java and Maven; without them the
// test skips (fails in CI).
func Launch(tb testing.TB) *Server {
	tb.Helper()
	return LaunchOn(tb, filepath.Join(tb.TempDir(), "data"))
}

// LaunchOn is Launch on the data directory dataDir, which may hold a
// database already (one Admin imported, say).
func LaunchOn(tb testing.TB, dataDir string) *Server {
	tb.Helper()
	script := requireTools(tb)
	s := &Server{script: script, dataDir: dataDir, port: "0", logPath: filepath.Join(tb.TempDir(), "neo4j.log")}
	tb.Cleanup(s.Kill)
	if err := s.Restart(); err != nil {
		tb.Fatalf("neo4j: %v", err)
	}
	return s
}

// Admin runs neo4j-admin (scripts/neo4j.sh admin) with args on the
// launcher data directory home, and returns its output. It skips like
// Launch without Java and Maven.
func Admin(tb testing.TB, home string, args ...string) string {
	tb.Helper()
	script := requireTools(tb)
	cmd := exec.Command("sh", append([]string{script, "admin"}, args...)...)
	cmd.Env = append(os.Environ(), "NEO4J_HOME="+home)
	if err := os.MkdirAll(home, 0o755); err != nil {
		tb.Fatal(err)
	}
	cmd.Dir = home // the import tool writes import.report into its working directory
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("neo4j-admin %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// requireTools skips tb (fails it in CI) without Java and Maven, and
// returns the path of scripts/neo4j.sh.
func requireTools(tb testing.TB) string {
	tb.Helper()
	for _, tool := range []string{"java", "mvn"} {
		if _, err := exec.LookPath(tool); err != nil {
			unavailable(tb, "%s not found, so no private server can be launched; %s", tool, startHint)
		}
	}
	script, err := findScript()
	if err != nil {
		tb.Fatalf("neo4j: %v", err)
	}
	return script
}

// findScript locates scripts/neo4j.sh above the working directory (go test
// runs each package in its own directory).
func findScript() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, "scripts", "neo4j.sh")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("scripts/neo4j.sh not found above the working directory")
		}
		dir = parent
	}
}

// Restart starts the launched server (again, after Kill) on the same data
// directory and, once it has had one, the same port, so a store opened on
// its URI reconnects by itself. It returns when Bolt is ready.
func (s *Server) Restart() error {
	if s.script == "" {
		return errors.New("only a launched server can be restarted")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc != nil {
		return errors.New("already running")
	}
	logf, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close()
	cmd := exec.Command("sh", s.script, "run", "--port", s.port, "--data", s.dataDir, "--stop-on-stdin-eof")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	// stdin stays open until Kill or the test binary's exit closes it; the
	// launcher stops on its EOF, and Pdeathsig covers a binary that dies.
	if _, err := cmd.StdinPipe(); err != nil {
		return err
	}
	cmd.Stderr = logf
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", s.script, err)
	}
	ready := make(chan string, 1)
	done := make(chan struct{})
	go func() {
		copyUntilReady(stdout, logf.Name(), ready)
		_ = cmd.Wait()
		close(done)
	}()
	select {
	case uri := <-ready:
		s.proc, s.done = cmd, done
		s.URI = uri
		s.port = uri[strings.LastIndexByte(uri, ':')+1:]
		return nil
	case <-done:
		return fmt.Errorf("launcher exited before it was ready:\n%s", s.Log())
	case <-time.After(launchTimeout):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		return fmt.Errorf("launcher not ready after %v:\n%s", launchTimeout, s.Log())
	}
}

// copyUntilReady copies the launcher's stdout to the log file and sends
// the URI of its READY line; it returns at EOF.
func copyUntilReady(r io.Reader, logPath string, ready chan<- string) {
	logf, err := os.OpenFile(logPath, os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		logf = nil
	}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if logf != nil {
			fmt.Fprintln(logf, line)
		}
		if uri, ok := strings.CutPrefix(line, "READY "); ok {
			select {
			case ready <- uri:
			default:
			}
		}
	}
	if logf != nil {
		logf.Close()
	}
}

// Kill stops the launched server abruptly (SIGKILL to its process group),
// as a crash would, and waits until it has exited.
func (s *Server) Kill() {
	s.mu.Lock()
	cmd, done := s.proc, s.done
	s.proc, s.done = nil, nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	<-done
}

// Log returns the tail of a launched server's log, for failure messages.
func (s *Server) Log() string {
	if s.logPath == "" {
		return ""
	}
	b, _ := os.ReadFile(s.logPath)
	if len(b) > 4000 {
		b = append([]byte("…"), b[len(b)-4000:]...)
	}
	return string(bytes.TrimSpace(b))
}
