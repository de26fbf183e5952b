package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"time"
	"tribune/internal/moderation/flashmob"
	"tribune/internal/moderation/policy"
)

// Modes are the values of -mode: the article page benchmark and the three
// comment benchmarks.
var Modes = []string{"article", "post", "fanout", "read"}

// commentRateOff turns tribune's per-author comment rate limit off, so the
// load's fifty readers may post as fast as the server lets them;
// strikesOff keeps the engine's rejections (the flood rule fires at this
// pace) from blocking them.
const (
	commentRateOff = "TRIBUNE_COMMENT_RATE=0"
	strikesOff     = "TRIBUNE_STRIKE_LIMIT=0"
)

// RunComments performs one of the comment benchmarks (opt.Mode "post",
// "fanout" or "read"; see docs/benchmarks.md) the way Run performs the
// article one: the same build, child processes, database and cleanup. It
// writes the Markdown report to out and returns the report; an error means
// the benchmark could not be carried out.
func RunComments(ctx context.Context, opt Options, out, progress io.Writer) (*ModeReport, error) {
	steps := map[string]func(*bench, context.Context, string, *ModeReport) error{
		"post": (*bench).postMode, "fanout": (*bench).fanoutMode, "read": (*bench).readMode,
	}
	step, ok := steps[opt.Mode]
	if !ok {
		return nil, fmt.Errorf("-mode %q: want one of %v", opt.Mode, Modes)
	}
	opt.Comments = opt.Comments.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	tmp, err := os.MkdirTemp("", "tribune-loadtest-")
	if err != nil {
		return nil, fmt.Errorf("temporary folder: %w", err)
	}
	if opt.Keep {
		fmt.Fprintf(progress, "keeping %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	pol, err := WritePolicy(tmp)
	if err != nil {
		return nil, err
	}
	b := &bench{opt: opt, tmp: tmp, progress: progress, check: &http.Client{Timeout: 10 * time.Second},
		serveEnv: []string{commentRateOff, strikesOff, "TRIBUNE_POLICY=" + pol}}
	defer b.check.CloseIdleConnections()
	if err := b.openDatabase(ctx); err != nil {
		return nil, err
	}
	defer b.closeDatabase() // after the servers have stopped
	defer b.stopAll()

	r := &ModeReport{Mode: opt.Mode, Date: time.Now(), CPUs: runtime.NumCPU(), LoadAverage: loadAverage(),
		Machine:  fmt.Sprintf("%s/%s, %s", runtime.GOOS, runtime.GOARCH, runtime.Version()),
		Database: b.dbLabel}
	err = b.withBinary(ctx, func(bin string) error { return step(b, ctx, bin, r) })
	if err != nil {
		return nil, explainStop(ctx, opt.Timeout, err)
	}
	r.Evaluate(opt.Comments.Targets, opt.Targets)
	r.WriteMarkdown(out)
	if opt.JSON != "" {
		if err := writeJSON(opt.JSON, r); err != nil {
			return r, err
		}
	}
	return r, nil
}

// withBinary builds or finds tribune and hands it to the mode.
func (b *bench) withBinary(ctx context.Context, mode func(bin string) error) error {
	bin, err := b.tribuneBinary(ctx)
	if err != nil {
		return err
	}
	if err := mode(bin); err != nil {
		return err
	}
	return ctx.Err()
}

// explainStop says why a run ended early when it was the deadline or a
// signal, like Run does for the article benchmark.
func explainStop(ctx context.Context, timeout time.Duration, err error) error {
	switch {
	case ctx.Err() == nil || !errors.Is(err, ctx.Err()):
		return err
	case errors.Is(context.Cause(ctx), context.DeadlineExceeded):
		return fmt.Errorf("benchmark took longer than -timeout %v: %w", timeout, err)
	default:
		return fmt.Errorf("benchmark interrupted: %w", context.Cause(ctx))
	}
}

// stopTribune stops the server at the end of a mode; the shutdown must be
// graceful.
func (b *bench) stopTribune(r *ModeReport) {
	took, err := b.tribune.stop()
	r.ShutdownMS = millis(took)
	if err != nil {
		r.ShutdownErr = err.Error()
	}
}

// serverMemory reads tribune's memory, or explains why it could not.
func (b *bench) serverMemory() (Memory, error) {
	if b.tribune.exited() {
		return Memory{}, fmt.Errorf("tribune exited (%s); its log ends:\n%s", exitText(b.tribune.waitErr), b.tribune.logTail(20))
	}
	return ReadMemory(b.tribune.pid())
}

// WritePolicy writes into dir the policy the comment benchmarks (and the
// crash test) serve with, returning its path: the
// shipped one with the flash-mob rule's action softened to flag. The
// load's comments come from sentence templates, and fifty accounts posting
// them in turn rightly look organised now and then; held, they would leave
// the listings the durability check counts. The detector still runs.
func WritePolicy(dir string) (string, error) {
	p := policy.Default()
	r, ok := p.Rule(flashmob.Rule)
	if !ok {
		return "", errors.New("the shipped policy has no flash-mob rule")
	}
	q, err := p.Adjust(p.Version+"-loadtest", map[string]policy.Change{r.ID: {Threshold: r.Threshold, Action: policy.Flag, Severity: max(r.Severity, 1)}})
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "policy.json")
	return path, os.WriteFile(path, []byte(q.JSON()), 0o600)
}
