package main

import (
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/verbatim-news/verbatim"
)

// slowest keeps the documents of a bench run that took longest to analyse
// (the sum of their stages' wall time), so that a user sees what stalls a
// batch: their name, size and time.
type slowest struct {
	mu   sync.Mutex
	open map[*verbatim.Doc]time.Duration // analysis time so far, by document
	top  []slowDoc                       // the slowest, slowest first
	n    int                             // how many to keep
}

type slowDoc struct {
	name  string
	bytes int
	took  time.Duration
}

func newSlowest(n int) *slowest { return &slowest{open: map[*verbatim.Doc]time.Duration{}, n: n} }

// add counts the time one stage took on d.
func (s *slowest) add(d *verbatim.Doc, t time.Duration) {
	s.mu.Lock()
	s.open[d] += t
	s.mu.Unlock()
}

// done records the document's total, once its analysis is over.
func (s *slowest) done(d *verbatim.Doc, a verbatim.Article) {
	s.mu.Lock()
	t := s.open[d]
	delete(s.open, d)
	s.mu.Unlock()
	name := a.Source
	if name == "" {
		name = a.ID
	}
	if len(s.top) == s.n && t <= s.top[len(s.top)-1].took {
		return
	}
	i := sort.Search(len(s.top), func(i int) bool { return s.top[i].took < t })
	s.top = append(s.top, slowDoc{})
	copy(s.top[i+1:], s.top[i:])
	s.top[i] = slowDoc{name, len(a.Text), t}
	if len(s.top) > s.n {
		s.top = s.top[:s.n]
	}
}

// print writes the slowest documents, with their share of the analysis
// time of the run (total).
func (s *slowest) print(w io.Writer, total time.Duration) {
	if len(s.top) == 0 {
		return
	}
	fmt.Fprintf(w, "slowest     (analysis time, wall clock; size; µs per KB)\n")
	for _, d := range s.top {
		share := 0.0
		if total > 0 {
			share = 100 * float64(d.took) / float64(total)
		}
		fmt.Fprintf(w, "  %10.1f ms %5.1f%%  %9.1f KB  %7.1f µs/KB  %s\n", float64(d.took.Microseconds())/1e3, share,
			float64(d.bytes)/1024, float64(d.took.Microseconds())/max(float64(d.bytes)/1024, 1e-3), d.name)
	}
}
