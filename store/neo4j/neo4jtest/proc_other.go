//go:build !linux

package neo4jtest

import "syscall"

// sysProcAttr puts the launcher in its own process group (Kill signals the
// group).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
