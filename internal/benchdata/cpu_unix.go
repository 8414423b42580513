//go:build unix

package benchdata

import (
	"syscall"
	"time"
)

// CPUTime is the user+system CPU time used by this process so far (0 when
// unavailable).
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
