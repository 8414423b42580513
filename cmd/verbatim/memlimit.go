package main

import (
	"os"
	"runtime/debug"
)

// ingestMemLimit is the soft limit on the Go runtime's memory an ingest
// sets when GOMEMLIMIT is not given: the collector runs more often as the
// heap nears it instead of letting it grow to twice what is live. With the
// SQLite page caches and the binary (about 90 MB) it keeps an ingest's
// peak RSS under 1 GB while the live grouping state fits; beyond that the
// collector spends at most half the CPU and the heap grows past it.
const ingestMemLimit = 896 << 20

// limitIngestMemory sets ingestMemLimit unless GOMEMLIMIT gives a limit.
func limitIngestMemory() {
	if _, ok := os.LookupEnv("GOMEMLIMIT"); ok {
		return
	}
	debug.SetMemoryLimit(ingestMemLimit)
}
