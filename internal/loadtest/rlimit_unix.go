//go:build unix

package loadtest

import (
	"fmt"
	"syscall"
)

// raiseOpenFiles raises this process's limit on open files to at least
// need, the hard limit too when that is lower and we may (as root). The
// limit is set explicitly, not left to the Go runtime's own raise at
// start, because the runtime gives children the limit it found unless the
// program set one itself: tribune, started afterwards, inherits this one.
// It returns the limit now in force.
func raiseOpenFiles(need uint64) (uint64, error) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, fmt.Errorf("open files limit: %w", err)
	}
	want := lim
	want.Cur = max(lim.Cur, need)
	if want.Max < want.Cur {
		want.Max = want.Cur
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err == nil {
		return want.Cur, nil
	}
	// Not allowed above the hard limit: go as far as it.
	want = syscall.Rlimit{Cur: lim.Max, Max: lim.Max}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err != nil {
		return lim.Cur, fmt.Errorf("open files limit: %w", err)
	}
	if want.Cur < need {
		return want.Cur, fmt.Errorf("open files limit is %d, the run needs %d: raise it (ulimit -n, or run as root)", want.Cur, need)
	}
	return want.Cur, nil
}
