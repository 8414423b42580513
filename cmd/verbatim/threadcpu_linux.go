package main

import (
	"syscall"
	"time"
	"unsafe"
)

// threadCPU returns the CPU time the calling OS thread has used and the
// thread's id. A duration between two calls is the CPU spent between them
// only when both report the same thread (a goroutine may move).
func threadCPU() (tid int, cpu time.Duration, ok bool) {
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	var ts syscall.Timespec
	if _, _, e := syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return 0, 0, false
	}
	return syscall.Gettid(), time.Duration(ts.Nano()), true
}
