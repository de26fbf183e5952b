//go:build !linux

package loadtest

import "syscall"

// childAttr has nothing to add off Linux; the benchmark reads /proc and is
// meant for Linux anyway.
func childAttr() *syscall.SysProcAttr { return nil }
