package loadtest

import "syscall"

// childAttr puts a server in its own process group, so a Ctrl-C in the
// terminal reaches only the benchmark, which then stops the servers in
// order; and has the kernel SIGTERM it should the benchmark die unhandled.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
