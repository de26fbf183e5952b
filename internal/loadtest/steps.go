package loadtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// readyTimeout bounds a server's start; tribune's first start creates the
// demo content.
const readyTimeout = 30 * time.Second

func (b *bench) tribuneBinary(ctx context.Context) (string, error) {
	if b.opt.Tribune != "" {
		return b.opt.Tribune, nil
	}
	b.logf("building tribune")
	return buildTribune(ctx, b.tmp)
}

// startTribune starts "tribune serve" on a fresh data folder and returns its
// base URL once /healthz answers.
func (b *bench) startTribune(ctx context.Context, bin string) (string, error) {
	addr, err := freeAddr()
	if err != nil {
		return "", err
	}
	args := append([]string{"serve", "--addr", addr, "--data-dir", filepath.Join(b.tmp, "data")}, b.dbArgs()...)
	env := childEnv(append([]string{"TRIBUNE_VIEW_FLUSH_INTERVAL=1s"}, b.serveEnv...)...)
	b.logf("starting %s %v", bin, redactArgs(args))
	if b.tribune, err = startChild("tribune", bin, args, env, filepath.Join(b.tmp, "tribune.log")); err != nil {
		return "", err
	}
	base := "http://" + addr
	if err := b.tribune.waitReady(ctx, base+"/healthz", readyTimeout); err != nil {
		return "", err
	}
	return base, nil
}

// pickPath is the -path flag or else the first article on the home page.
func (b *bench) pickPath(ctx context.Context, base string) (string, error) {
	if b.opt.Path != "" {
		return b.opt.Path, nil
	}
	home, err := fetchOK(ctx, b.check, base+"/")
	if err != nil {
		return "", fmt.Errorf("home page: %w", err)
	}
	path, ok := FirstArticlePath(home)
	if !ok {
		return "", errors.New(`home page links no article (no href="/news/SLUG"); pass -path`)
	}
	return path, nil
}

// importEditArticle imports the article the edit check will change, and
// waits until tribune serves it.
func (b *bench) importEditArticle(ctx context.Context, im importer, base string) error {
	title := "Newsrooms agree common rules for disaster figures"
	b.logf("importing /news/%s", editSlug)
	if _, err := im.run(ctx, title); err != nil {
		return err
	}
	_, err := waitFor(ctx, b.check, base+"/news/"+editSlug, title, 50*time.Millisecond, 10*time.Second)
	return err
}

// startStatic saves the page's exact bytes and serves them from a second
// process: this program re-run with -serve-static.
func (b *bench) startStatic(ctx context.Context, pageURL string) (string, error) {
	page, err := fetchOK(ctx, b.check, pageURL)
	if err != nil {
		return "", fmt.Errorf("measured page: %w", err)
	}
	b.report.PageBytes = len(page)
	dir := filepath.Join(b.tmp, "static")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, staticFile), page, 0o644); err != nil {
		return "", err
	}
	addr, err := freeAddr()
	if err != nil {
		return "", err
	}
	args := []string{"-serve-static", dir, "-addr", addr}
	if b.static, err = startChild("static", b.opt.Self, args, childEnv(), filepath.Join(b.tmp, "static.log")); err != nil {
		return "", err
	}
	url := "http://" + addr + "/" + staticFile
	return url, b.static.waitReady(ctx, url, readyTimeout)
}

// phase loads one server and reads its memory right after.
func (b *bench) phase(ctx context.Context, name string, c *child, url string) (ServerFigures, error) {
	runtime.GC() // leave nothing from the previous phase to collect
	cpuBefore, cpuErr := b.sampleCPU(c.pid())
	// A server that dies under load ends the phase at once.
	loadCtx, cancel := context.WithCancel(ctx)
	go func() {
		select {
		case <-c.done:
			cancel()
		case <-loadCtx.Done():
		}
	}()
	res, err := Load{URL: url, Concurrency: b.opt.Concurrency, Warmup: b.opt.Warmup, Duration: b.opt.Duration}.Run(loadCtx)
	cancel()
	if c.exited() {
		return ServerFigures{}, fmt.Errorf("%s exited during its load phase (%s); its log ends:\n%s", name, exitText(c.waitErr), c.logTail(20))
	}
	if err != nil {
		return ServerFigures{}, err
	}
	mem, err := ReadMemory(c.pid())
	if err != nil {
		return ServerFigures{}, fmt.Errorf("%s: %w; its log ends:\n%s", name, err, c.logTail(20))
	}
	other := -1.0
	if cpuAfter, err := b.sampleCPU(c.pid()); err == nil && cpuErr == nil {
		other = otherCPU(cpuBefore, cpuAfter)
	}
	b.logf("%s: %.0f req/s, p99 %s, %d errors", name, res.RPS, msText(millis(res.P99)), res.Errors)
	if other > busyMachine {
		b.logf("warning: other processes used %.0f%% of the CPU during the %s phase; re-run on a quiet machine", other, name)
	}
	return newFigures(name, res, mem, other), nil
}
