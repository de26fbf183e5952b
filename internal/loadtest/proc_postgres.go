package loadtest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// sampleCPU samples the machine and the processes under measurement: this
// program and the server, and on PostgreSQL every local process named
// "postgres" too, since the database works for the server under test and
// is not competing with it.
func (b *bench) sampleCPU(pid int) (cpuSample, error) {
	s, err := sampleCPU(os.Getpid(), pid)
	if err != nil || b.dbURL == "" {
		return s, err
	}
	s.ours += processCPUByName("postgres")
	return s, nil
}

// processCPUByName sums the CPU time, in clock ticks, of every process
// whose command name is name, with that of their children which have
// ended: PostgreSQL's backends come and go with the server's connection
// pool, and an ended backend's time moves to the postmaster's children's
// time, where it is still counted.
func processCPUByName(name string) int64 {
	paths, _ := filepath.Glob("/proc/[0-9]*/stat")
	var sum int64
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		text := string(b)
		open, end := strings.IndexByte(text, '('), strings.LastIndexByte(text, ')')
		if open < 0 || end < open || text[open+1:end] != name {
			continue
		}
		if n, err := parseCPUWithChildren(text); err == nil {
			sum += n
		}
	}
	return sum
}

// parseCPUWithChildren reads utime+stime+cutime+cstime out of the text of
// /proc/PID/stat.
func parseCPUWithChildren(text string) (int64, error) {
	i := strings.LastIndexByte(text, ')')
	if i < 0 {
		return 0, errors.New("unexpected /proc/PID/stat: no ')'")
	}
	fields := strings.Fields(text[i+1:])
	if len(fields) < 15 {
		return 0, errors.New("unexpected /proc/PID/stat: too few fields")
	}
	var sum int64
	for _, f := range fields[11:15] {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("unexpected /proc/PID/stat field %q", f)
		}
		sum += n
	}
	return sum, nil
}

// cpuSplit is the machine's total CPU time and that of some processes at
// one moment, in clock ticks.
type cpuSplit struct {
	total int64
	per   []int64
}

// sampleSplit reads the machine's and each process's CPU time.
func sampleSplit(pids ...int) (cpuSplit, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return cpuSplit{}, err
	}
	var s cpuSplit
	if _, s.total, err = ParseMachineCPU(string(b)); err != nil {
		return cpuSplit{}, err
	}
	for _, pid := range pids {
		b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
		if err != nil {
			return cpuSplit{}, err
		}
		n, err := ParseProcessCPU(string(b))
		if err != nil {
			return cpuSplit{}, err
		}
		s.per = append(s.per, n)
	}
	return s, nil
}

// shares is each process's share of the whole machine's CPU between two
// samples, in percent (100 is every core busy); nil when it cannot be told.
func (a cpuSplit) shares(b cpuSplit) []float64 {
	total := b.total - a.total
	if total <= 0 || len(a.per) != len(b.per) {
		return nil
	}
	out := make([]float64, len(a.per))
	for i := range a.per {
		out[i] = 100 * float64(b.per[i]-a.per[i]) / float64(total)
	}
	return out
}

// cpuWatch measures the CPU shares of the server, the local PostgreSQL
// processes and this program over a phase.
type cpuWatch struct {
	before cpuSplit
	pg     int64
	pids   []int
	err    error
}

// startCPUSplit starts measuring server and client.
func startCPUSplit(server, client int) *cpuWatch {
	w := &cpuWatch{pids: []int{server, client}}
	w.before, w.err = sampleSplit(server, client)
	w.pg = processCPUByName("postgres")
	return w
}

// finish returns the server's, the database's and the client's shares in
// percent of the machine, or -1 each when they cannot be told.
func (w *cpuWatch) finish() (server, database, client float64) {
	after, err := sampleSplit(w.pids...)
	if err != nil || w.err != nil {
		return -1, -1, -1
	}
	sh := w.before.shares(after)
	total := after.total - w.before.total
	if sh == nil || total <= 0 {
		return -1, -1, -1
	}
	database = max(0, 100*float64(processCPUByName("postgres")-w.pg)/float64(total))
	return sh[0], database, sh[1]
}
