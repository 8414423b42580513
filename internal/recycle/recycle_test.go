package recycle

import "testing"

func TestPairKeepsClearedSlices(t *testing.T) {
	p := NewPair[*int, string](8)
	x := 1
	a := append(make([]*int, 0, 4), &x, &x)
	b := append(make([]string, 0, 4), "s")
	p.Put(a, b)
	ga, gb := p.Get()
	if ga == nil && gb == nil {
		t.Skip("the pool dropped the pair (a GC ran)")
	}
	if len(ga) != 0 || cap(ga) != 4 || len(gb) != 0 || cap(gb) != 4 {
		t.Fatalf("got len/cap %d/%d and %d/%d, want 0/4 and 0/4", len(ga), cap(ga), len(gb), cap(gb))
	}
	if ga[:2][0] != nil || ga[:2][1] != nil || gb[:1][0] != "" {
		t.Fatal("kept slices were not cleared: a pointer into the finished document outlives it")
	}
}

func TestPairLeavesLongSlices(t *testing.T) {
	p := NewPair[int, int](8)
	p.Put(make([]int, 0, 9), make([]int, 0, 1))
	p.Put(make([]int, 0, 1), make([]int, 0, 9))
	p.Put(nil, make([]int, 0, 1))
	if a, b := p.Get(); a != nil || b != nil {
		t.Fatalf("kept a slice over the limit or an empty one: caps %d, %d", cap(a), cap(b))
	}
}

func TestPairDoesNotAllocateWhenWarm(t *testing.T) {
	p := NewPair[int, int](8)
	a, b := make([]int, 0, 4), make([]int, 0, 4)
	allocs := testing.AllocsPerRun(100, func() {
		p.Put(a, b)
		if ga, gb := p.Get(); ga != nil {
			a, b = ga, gb
		}
	})
	if allocs > 0 {
		t.Fatalf("%v allocations per Put/Get", allocs)
	}
}
