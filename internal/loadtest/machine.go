package loadtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// loadAverage returns the 1-minute load average, or -1 when unknown. The
// report prints it so a reader can see whether the machine was quiet.
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}

// cpuSample is the machine's CPU time and that of the processes under
// measurement at one moment, in clock ticks.
type cpuSample struct {
	busy, total, ours int64
}

// sampleCPU reads /proc for the machine and the given processes.
func sampleCPU(pids ...int) (cpuSample, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return cpuSample{}, err
	}
	var s cpuSample
	if s.busy, s.total, err = ParseMachineCPU(string(b)); err != nil {
		return cpuSample{}, err
	}
	for _, pid := range pids {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return cpuSample{}, err
		}
		n, err := ParseProcessCPU(string(b))
		if err != nil {
			return cpuSample{}, err
		}
		s.ours += n
	}
	return s, nil
}

// otherCPU is the percentage of the machine's CPU time between two samples
// spent by processes other than ours; -1 when it cannot be told.
func otherCPU(a, b cpuSample) float64 {
	total := b.total - a.total
	if total <= 0 {
		return -1
	}
	other := (b.busy - a.busy) - (b.ours - a.ours)
	return max(0, 100*float64(other)/float64(total))
}

// childEnv is the environment for tribune and the static server: ours
// without any TRIBUNE_* setting, so a developer's own configuration (say a
// PostgreSQL URL) cannot leak into the benchmark, plus the given settings.
func childEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TRIBUNE_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// buildTimeout bounds "go build"; a cold build of the SQLite driver is slow.
const buildTimeout = 5 * time.Minute

// buildTribune compiles the tribune command into dir with the go tool. It
// names the package by import path, so it works from anywhere in the module.
func buildTribune(ctx context.Context, dir string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, buildTimeout)
	defer cancel()
	bin := filepath.Join(dir, "tribune")
	out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "tribune/cmd/tribune").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build tribune/cmd/tribune (run from the repository, or pass -tribune): %w\n%s", err, out)
	}
	return bin, nil
}
