//go:build !linux

package standin

import "syscall"

// sysProcAttr puts the stand-in in its own process group (Kill signals the
// group).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
