package metrics

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

const (
	residentName  = "process_resident_memory_bytes"
	startTimeName = "process_start_time_seconds"
	cpuName       = "process_cpu_seconds_total"
	buildInfoName = "tribune_build_info"
)

func processNames() []string { return []string{residentName, startTimeName, cpuName} }

// userHZ is the unit of the CPU times in /proc/<pid>/stat. The kernel fixes
// it at 100 for user space on every architecture Go supports on Linux.
const userHZ = 100

// processCollector reports process figures from /proc, where there is one;
// elsewhere it reports only the start time.
type processCollector struct {
	start float64 // Unix seconds
}

// newProcessCollector reads the process start time from /proc, falling
// back to now (New runs at startup, so the difference is small).
func newProcessCollector(now time.Time) processCollector {
	start := float64(now.UnixNano()) / 1e9
	if t, ok := procStartTime(); ok {
		start = t
	}
	return processCollector{start: start}
}

func (p processCollector) collect(e *expoWriter) {
	if statm, err := os.ReadFile("/proc/self/statm"); err == nil {
		if f := strings.Fields(string(statm)); len(f) >= 2 {
			if pages, err := strconv.ParseUint(f[1], 10, 64); err == nil {
				e.family(residentName, "gauge", "Resident memory size in bytes.")
				e.sample(residentName, formatUint(pages*uint64(os.Getpagesize())))
			}
		}
	}
	if f := procStatFields(); len(f) > 12 {
		utime, err1 := strconv.ParseUint(f[11], 10, 64)
		stime, err2 := strconv.ParseUint(f[12], 10, 64)
		if err1 == nil && err2 == nil {
			e.family(cpuName, "counter", "User and system CPU time spent, in seconds.")
			e.sample(cpuName, formatFloat(float64(utime+stime)/userHZ))
		}
	}
	e.family(startTimeName, "gauge", "Start time of the process since the Unix epoch, in seconds.")
	e.sample(startTimeName, formatFloat(p.start))
}

// procStatFields returns the fields of /proc/self/stat after the command
// name, so that index 0 is field 3 (state) of proc(5); nil if unavailable.
func procStatFields() []string {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return nil
	}
	// The command name is in parentheses and may itself hold spaces or ")".
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(s[i+1:])
}

// procStartTime computes the process start time from its start in clock
// ticks after boot (/proc/self/stat field 22) and the boot time (/proc/stat).
func procStartTime() (float64, bool) {
	f := procStatFields()
	if len(f) <= 19 {
		return 0, false
	}
	ticks, err := strconv.ParseUint(f[19], 10, 64)
	if err != nil {
		return 0, false
	}
	stat, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(stat)) {
		if rest, ok := strings.CutPrefix(line, "btime "); ok {
			boot, err := strconv.ParseUint(strings.TrimSpace(rest), 10, 64)
			if err != nil {
				return 0, false
			}
			return float64(boot) + float64(ticks)/userHZ, true
		}
	}
	return 0, false
}

// buildInfo reports the version the binary was built as, a constant 1
// whose labels dashboards join on to show what is running.
type buildInfo struct {
	version, revision, goVersion string
}

func newBuildInfo(version string) buildInfo {
	b := buildInfo{version: version, goVersion: runtime.Version()}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				b.revision = s.Value
			}
		}
	}
	return b
}

func (b buildInfo) collect(e *expoWriter) {
	e.family(buildInfoName, "gauge", "Build information of the running binary; always 1.")
	e.sample(buildInfoName, "1", "version", b.version, "revision", b.revision, "goversion", b.goVersion)
}
