// Package recycle keeps the slices of a document that is done with for the
// next one, so that a pipeline stage does not allocate its layers per
// document.
package recycle

import "sync"

// Pair holds pairs of slices (say tokens and sentences) given back by
// finished documents. The zero value is ready to use; Put and Get do not
// allocate once warm.
type Pair[A, B any] struct {
	full  sync.Pool // *pair holding slices
	empty sync.Pool // empty *pair, so that Put does not allocate
	max   int
}

type pair[A, B any] struct {
	a []A
	b []B
}

// NewPair returns a Pair that keeps slices of capacity up to max (a long
// document's slices are left to the collector).
func NewPair[A, B any](max int) *Pair[A, B] { return &Pair[A, B]{max: max} }

// Put keeps a and b for reuse, cleared (no pointer into the finished
// document outlives it). The caller must not use them afterwards.
func (p *Pair[A, B]) Put(a []A, b []B) {
	if cap(a) == 0 || cap(a) > p.max || cap(b) > p.max {
		return
	}
	x, _ := p.empty.Get().(*pair[A, B])
	if x == nil {
		x = new(pair[A, B])
	}
	clear(a) // beyond len, cleared when it was last put back
	clear(b)
	x.a, x.b = a[:0], b[:0]
	p.full.Put(x)
}

// Get returns a kept pair of empty slices, or nils when there is none.
func (p *Pair[A, B]) Get() ([]A, []B) {
	x, _ := p.full.Get().(*pair[A, B])
	if x == nil {
		return nil, nil
	}
	a, b := x.a, x.b
	*x = pair[A, B]{}
	p.empty.Put(x)
	return a, b
}
