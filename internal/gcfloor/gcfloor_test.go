package gcfloor

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live, floor uint64
		want        int
	}{
		{0, 128 * mb, 3200},        // below the runtime's 4 MB minimum: counted as 4 MB
		{16 * mb, 128 * mb, 800},   // the heap may grow by the floor
		{64 * mb, 128 * mb, 200},   // the same
		{100 * mb, 128 * mb, 128},  // rounded down
		{128 * mb, 128 * mb, 100},  // at the floor: the default
		{512 * mb, 128 * mb, 100},  // above it: the default, never less
		{512 * mb, 1024 * mb, 200}, // a larger floor
	} {
		if got := Percent(c.live, c.floor); got != c.want {
			t.Errorf("Percent(%d MB, %d MB) = %d, want %d", c.live/mb, c.floor/mb, got, c.want)
		}
	}
}

func TestHeadroomCeiling(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live, floor, ceiling uint64
		want                 int
	}{
		{64 * mb, 128 * mb, 256 * mb, 200},  // below the floor: raised as without a ceiling
		{200 * mb, 128 * mb, 256 * mb, 100}, // between: the default
		{256 * mb, 128 * mb, 256 * mb, 100},
		{512 * mb, 128 * mb, 256 * mb, 50}, // past it: grows by the ceiling
		{1024 * mb, 128 * mb, 256 * mb, 25},
		{8192 * mb, 128 * mb, 256 * mb, 10}, // never below minPercent
		{1024 * mb, 128 * mb, 0, 100},       // no ceiling
	} {
		if got := Headroom(c.live, c.floor, c.ceiling); got != c.want {
			t.Errorf("Headroom(%d MB, %d MB, %d MB) = %d, want %d", c.live/mb, c.floor/mb, c.ceiling/mb, got, c.want)
		}
	}
}

// Start raises GOGC while the live heap is below the floor (a test's heap
// is a few MB), and looks again after every collection.
func TestStartRaisesGOGC(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set: Start leaves it")
	}
	tu := start(1<<30, 0)
	defer debug.SetGCPercent(100)
	defer tu.stop.Store(true)
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	if s[0].Value.Uint64() <= 100 {
		t.Fatalf("GOGC %d after Start, want > 100", s[0].Value.Uint64())
	}
	n := tu.adjusted.Load()
	for deadline := time.Now().Add(5 * time.Second); tu.adjusted.Load() < n+3; {
		if time.Now().After(deadline) {
			t.Fatalf("%d adjustments after collections, want 3", tu.adjusted.Load()-n)
		}
		runtime.GC()
		time.Sleep(5 * time.Millisecond) // the finalizer runs on its own goroutine
	}
}
