//go:build linux

package neo4jtest

import "syscall"

// sysProcAttr puts the launcher in its own process group (Kill signals the
// group) and has the kernel kill it when the test binary dies: a test that
// times out panics without running cleanups, and an orphaned server would
// keep a core busy on a shared machine.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
