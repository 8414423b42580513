// Package gcfloor gives the Go collector a floor of headroom while the live
// heap is small: with the default GOGC=100 the heap may grow by as much as is
// live before the next collection, so a process whose live heap starts near
// zero and grows (an ingest) runs many collections early on, each marking a
// growing part of what will be live at the end. Start lets the heap grow by
// at least Floor bytes between collections (GOGC raised while the live heap is
// below Floor, back to 100 once it reaches it), so a large live heap, whose
// peak memory matters, is collected exactly as by default.
package gcfloor

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// minHeap is the Go runtime's heap minimum at GOGC=100 (4 MB): it scales
// with GOGC, so a raised percentage is bounded by floor/minHeap to keep the
// minimum at the floor.
const minHeap = 4 << 20

var once sync.Once

// Start keeps floor bytes of headroom for the rest of the process, unless
// the user set GOGC (their setting stands). It adjusts GOGC after every
// collection from the live heap that collection found.
func Start(floor uint64) { StartRange(floor, 0) }

// StartRange is Start with a ceiling as well (0: none): once the live heap
// is larger than ceiling, the heap may grow by ceiling bytes between
// collections instead of by as much as is live. A live heap that keeps
// growing (an ingest's grouping state) then peaks at live + ceiling rather
// than at twice the live heap, for collections more often than by default
// past the ceiling (each marks the live heap).
func StartRange(floor, ceiling uint64) {
	if os.Getenv("GOGC") != "" || floor == 0 {
		return
	}
	once.Do(func() { start(floor, ceiling) })
}

func start(floor, ceiling uint64) *tuner {
	t := &tuner{floor: floor, ceiling: ceiling, cur: 100, s: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.adjust()
	t.arm()
	return t
}

type tuner struct {
	floor    uint64
	ceiling  uint64 // 0: none
	cur      int
	s        []metrics.Sample
	adjusted atomic.Int64 // collections seen (tests)
	stop     atomic.Bool  // (tests)
}

// Percent is the GOGC that gives a live heap of live bytes floor bytes of
// headroom, at least 100.
func Percent(live, floor uint64) int { return Headroom(live, floor, 0) }

// Headroom is the GOGC that lets a live heap of live bytes grow by as much
// again (the default), but by at least floor bytes and, when ceiling is not
// 0, by at most ceiling bytes (never below minPercent).
func Headroom(live, floor, ceiling uint64) int {
	live = max(live, minHeap)
	switch {
	case live < floor:
		return int(100 * floor / live)
	case ceiling > 0 && live > ceiling:
		return max(int(100*ceiling/live), minPercent)
	}
	return 100
}

// minPercent is the lowest GOGC a ceiling sets: a live heap past ten times
// the ceiling is collected every tenth of it allocated.
const minPercent = 10

func (t *tuner) adjust() {
	t.adjusted.Add(1)
	metrics.Read(t.s)
	if t.s[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	if p := Headroom(t.s[0].Value.Uint64(), t.floor, t.ceiling); p != t.cur {
		debug.SetGCPercent(p)
		t.cur = p
	}
}

// sentinel is an object of its own (a pointer keeps it out of the tiny
// allocator, whose blocks are freed together): the collection that finds it
// unreachable runs its finalizer.
type sentinel struct{ _ *int }

// arm leaves a sentinel whose finalizer adjusts GOGC after the next
// collection and arms the one after.
func (t *tuner) arm() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if t.stop.Load() {
			return
		}
		t.adjust()
		t.arm()
	})
}
