package loadtest

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Memory is a process's resident set size now and at its peak, in bytes,
// as the kernel reports them in /proc/PID/status (VmRSS and VmHWM).
type Memory struct {
	RSS  int64
	Peak int64
}

// ParseStatus reads VmRSS and VmHWM out of the text of /proc/PID/status.
// Both must be present: a process that has exited no longer has them.
func ParseStatus(text string) (Memory, error) {
	var m Memory
	var seenRSS, seenPeak bool
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		n, err := parseKB(value)
		if err != nil {
			return Memory{}, fmt.Errorf("%s: %w", key, err)
		}
		if key == "VmRSS" {
			m.RSS, seenRSS = n, true
		} else {
			m.Peak, seenPeak = n, true
		}
	}
	if !seenRSS || !seenPeak {
		return Memory{}, errors.New("no VmRSS/VmHWM lines (has the process exited?)")
	}
	return m, nil
}

// parseKB turns "   12345 kB" into bytes.
func parseKB(s string) (int64, error) {
	fields := strings.Fields(s)
	if len(fields) != 2 || fields[1] != "kB" {
		return 0, fmt.Errorf("unexpected value %q", strings.TrimSpace(s))
	}
	n, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("unexpected value %q", strings.TrimSpace(s))
	}
	return n * 1024, nil
}

// ReadMemory reads the memory figures of a running process.
func ReadMemory(pid int) (Memory, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return Memory{}, fmt.Errorf("read memory of pid %d: %w", pid, err)
	}
	m, err := ParseStatus(string(b))
	if err != nil {
		return Memory{}, fmt.Errorf("memory of pid %d: %w", pid, err)
	}
	return m, nil
}

// ParseMachineCPU reads the first line of /proc/stat and returns the jiffies
// the whole machine spent busy and in total since boot. Busy is everything
// but idle and iowait.
func ParseMachineCPU(text string) (busy, total int64, err error) {
	line, _, _ := strings.Cut(text, "\n")
	fields := strings.Fields(line)
	if len(fields) < 5 || fields[0] != "cpu" {
		return 0, 0, fmt.Errorf("unexpected /proc/stat line %q", line)
	}
	for i, f := range fields[1:] {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("unexpected /proc/stat field %q", f)
		}
		// user nice system idle iowait irq softirq steal guest guest_nice;
		// guest time is already inside user and nice.
		if i >= 8 {
			break
		}
		total += n
		if i != 3 && i != 4 {
			busy += n
		}
	}
	return busy, total, nil
}

// ParseProcessCPU reads utime+stime, in jiffies, out of the text of
// /proc/PID/stat. The command name in parentheses may hold spaces, so the
// fields are counted from the last ')'.
func ParseProcessCPU(text string) (int64, error) {
	i := strings.LastIndexByte(text, ')')
	if i < 0 {
		return 0, errors.New("unexpected /proc/PID/stat: no ')'")
	}
	fields := strings.Fields(text[i+1:])
	// fields[0] is field 3 (state); utime and stime are fields 14 and 15.
	if len(fields) < 13 {
		return 0, errors.New("unexpected /proc/PID/stat: too few fields")
	}
	var sum int64
	for _, f := range fields[11:13] {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("unexpected /proc/PID/stat field %q", f)
		}
		sum += n
	}
	return sum, nil
}
