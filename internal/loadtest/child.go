package loadtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// child is a server process the benchmark started and must stop: its output
// goes to a log file so a failure can show what the server said.
type child struct {
	name    string
	cmd     *exec.Cmd
	logPath string
	logFile *os.File
	done    chan struct{}
	waitErr error
	stopped bool
}

// startChild starts bin with args and env, writing its output to logPath.
func startChild(name, bin string, args, env []string, logPath string) (*child, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = childAttr()
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	c := &child{name: name, cmd: cmd, logPath: logPath, logFile: f, done: make(chan struct{})}
	go func() {
		c.waitErr = cmd.Wait()
		close(c.done)
	}()
	return c, nil
}

func (c *child) pid() int { return c.cmd.Process.Pid }

// exited reports whether the process has ended on its own.
func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// stopTimeout is how long a server gets to shut down after SIGTERM.
const stopTimeout = 15 * time.Second

// stop asks the process to end with SIGTERM and waits for it; after
// stopTimeout it is killed. It returns how long the shutdown took and an
// error unless the process exited with status 0, which is what a graceful
// shutdown looks like. Calling stop again does nothing.
func (c *child) stop() (time.Duration, error) {
	if c.stopped {
		return 0, nil
	}
	c.stopped = true
	defer c.logFile.Close()
	start := time.Now()
	if c.exited() {
		return 0, fmt.Errorf("%s had already exited (%s)", c.name, exitText(c.waitErr))
	}
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		c.cmd.Process.Kill()
	}
	select {
	case <-c.done:
	case <-time.After(stopTimeout):
		c.cmd.Process.Kill()
		<-c.done
		return time.Since(start), fmt.Errorf("%s did not stop within %v of SIGTERM; killed", c.name, stopTimeout)
	}
	took := time.Since(start)
	if c.waitErr != nil {
		return took, fmt.Errorf("%s exit after SIGTERM: %w", c.name, c.waitErr)
	}
	return took, nil
}

// exitText describes how a process ended.
func exitText(waitErr error) string {
	if waitErr == nil {
		return "exit status 0"
	}
	return waitErr.Error()
}

// logTail returns the last n lines the process wrote.
func (c *child) logTail(n int) string {
	b, err := os.ReadFile(c.logPath)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// waitReady polls url until it answers 200, the process dies, or timeout
// passes. It polls rather than sleeping a fixed time, so a fast start costs
// nothing and a slow one (first start creates the demo content) still works.
func (c *child) waitReady(ctx context.Context, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		status, _, err := fetch(ctx, client, url)
		if err == nil && status == http.StatusOK {
			return nil
		}
		last = err
		if err == nil {
			last = fmt.Errorf("status %d", status)
		}
		select {
		case <-c.done:
			return fmt.Errorf("%s exited before it was ready (%s); its log ends:\n%s", c.name, exitText(c.waitErr), c.logTail(20))
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("%s not ready at %s within %v (last: %v); its log ends:\n%s", c.name, url, timeout, last, c.logTail(20))
			}
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// freeAddr picks a free loopback port by listening on :0 and letting go.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("pick a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}
