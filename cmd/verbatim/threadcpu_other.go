//go:build !linux

package main

import "time"

// threadCPU is unavailable off Linux: bench prints wall-clock shares only.
func threadCPU() (tid int, cpu time.Duration, ok bool) { return 0, 0, false }
