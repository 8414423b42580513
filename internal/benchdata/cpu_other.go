//go:build !unix

package benchdata

import "time"

// CPUTime is unavailable on this system: it returns 0.
func CPUTime() time.Duration { return 0 }
