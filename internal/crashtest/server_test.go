package crashtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"tribune/internal/loadtest"
)

// buildTribune compiles cmd/tribune once into a temporary folder, so every
// server start and CLI call runs the same real binary.
func buildTribune(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		t.Fatalf("go env GOMOD = %q, want the module's go.mod", gomod)
	}
	root := filepath.Dir(gomod)
	trackSources(t, root)
	bin := filepath.Join(t.TempDir(), "tribune")
	build := exec.Command("go", "build", "-o", bin, "tribune/cmd/tribune")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build tribune/cmd/tribune: %v\n%s", err, out)
	}
	return bin
}

// trackSources stats every file of the module. The test package imports
// none of the code it tests (it runs the binary), so without this `go test`
// would replay a cached PASS after the server changed; the go command
// records the files a test opens and stats, and reruns the test when one
// of them changes.
func trackSources(t *testing.T, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			_, err = os.Stat(path)
		}
		return err
	})
	if err != nil {
		t.Fatalf("list the module's files: %v", err)
	}
}

// instance is one site under test: a data folder and, for PostgreSQL, a
// database URL, shared by every server start and CLI call.
type instance struct {
	bin      string
	dataDir  string
	database string // empty for SQLite
	starts   int
}

// dbArgs are the flags that point a tribune command at the instance's data.
func (in *instance) dbArgs() []string {
	args := []string{"--data-dir", in.dataDir}
	if in.database != "" {
		args = append(args, "--database", in.database)
	}
	return args
}

// env is the test's environment without TRIBUNE_* settings (a stray
// TRIBUNE_DATABASE_URL must not redirect the server), with the per-author
// comment limit and strikes off so that posters may post as fast as they
// can, and the load benchmarks' policy (flash mobs flagged, not held: the
// posters' sentences repeat, and held comments would leave the listings
// the test counts).
func (in *instance) childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TRIBUNE_") {
			env = append(env, kv)
		}
	}
	env = append(env, "TRIBUNE_COMMENT_RATE=0", "TRIBUNE_STRIKE_LIMIT=0")
	if p, err := loadtest.WritePolicy(in.dataDir); err == nil {
		env = append(env, "TRIBUNE_POLICY="+p)
	}
	return env
}

// run runs a tribune CLI command against the instance and returns its
// standard output.
func (in *instance) run(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), in.bin, append(args, in.dbArgs()...)...)
	cmd.Env = in.childEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tribune %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// server is one running `tribune serve` process.
type server struct {
	base    string // http://127.0.0.1:PORT
	cmd     *exec.Cmd
	logPath string
	done    chan struct{} // closed when the process has ended
	waitErr error
}

// start starts `tribune serve` on a free port and waits until /healthz
// answers 200. The process is killed when the test ends, should the test
// not have stopped it already.
func (in *instance) start(t *testing.T) *server {
	t.Helper()
	in.starts++
	addr := freeAddr(t)
	logPath := filepath.Join(in.dataDir, fmt.Sprintf("server-%d.log", in.starts))
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"serve", "--addr", addr, "--no-demo"}, in.dbArgs()...)
	cmd := exec.Command(in.bin, args...)
	cmd.Env = in.childEnv()
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		logFile.Close()
		t.Fatalf("start tribune serve: %v", err)
	}
	s := &server{base: "http://" + addr, cmd: cmd, logPath: logPath, done: make(chan struct{})}
	go func() {
		s.waitErr = cmd.Wait()
		logFile.Close()
		close(s.done)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-s.done
	})
	if err := s.waitHealthy(t.Context(), time.Minute); err != nil {
		t.Fatal(err)
	}
	return s
}

// kill ends the server with SIGKILL, no chance to flush anything, and
// waits until the process is gone. It fails if the server had already
// exited on its own.
func (s *server) kill() error {
	if s.exited() {
		return fmt.Errorf("the server had exited before the kill (%v); its log ends:\n%s", s.waitErr, s.logTail(30))
	}
	if err := s.cmd.Process.Kill(); err != nil {
		return fmt.Errorf("kill the server: %w", err)
	}
	<-s.done
	return nil
}

func (s *server) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// waitHealthy polls /healthz until it answers 200, the process ends, or
// timeout passes.
func (s *server) waitHealthy(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	last := errors.New("no answer yet")
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/healthz", nil)
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		last = err
		select {
		case <-s.done:
			return fmt.Errorf("the server exited before it was healthy (%v); its log ends:\n%s", s.waitErr, s.logTail(30))
		case <-ctx.Done():
			return fmt.Errorf("the server was not healthy within %v (last: %v); its log ends:\n%s", timeout, last, s.logTail(30))
		case <-tick.C:
		}
	}
}

// logTail returns the last n lines the server wrote.
func (s *server) logTail(n int) string {
	b, err := os.ReadFile(s.logPath)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// freeAddr picks a free loopback port by listening on :0 and letting go.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("pick a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().String()
}
