package stories

import (
	"math"
	"slices"
)

// Closed stories: a story whose latest article is far older than the
// latest article seen can no longer gain an article on similarity (its
// decayed similarity cannot reach the threshold), so the state that only
// links the quotes of new articles to its own (the 3-shingles of its
// quotes, its shingle index) need not stay in memory. ReleaseClosed drops
// it; should an article join the story after all (a follow-up giving a
// date in its span, an undated report, an article published late), the
// state is rebuilt from the quotes' texts when the story is next linked,
// as it is for every story after LoadSnapshot. The decisions are the same
// either way: releasing only moves the cost. The same goes for the open
// stories linked longest ago once the open stories hold more than a budget
// (linkBudget): articles that arrive in date order over a fixed span keep
// a third of a library open by date.

// closeDays is the gap, in days, beyond which the event similarity of two
// dated groups cannot reach the threshold unless one follows the other up:
// a similarity is at most 1 and decays by exp(-(gap-DateWindow)/DateDecay)
// beyond the window.
func (c *Clusterer) closeDays() int {
	if c.opt.Threshold <= 0 || c.opt.Threshold >= 1 {
		return c.opt.DateWindow
	}
	return c.opt.DateWindow + int(math.Ceil(c.opt.DateDecay*math.Log(1/c.opt.Threshold)))
}

// linkBudget is how many 3-shingles the open stories' linking state may
// hold before the stories linked longest ago release theirs (down to three
// quarters of it): whatever the span of dates, what statement linking
// keeps in memory is bounded. A released story that gains a quote again
// rebuilds its state, as a closed one does. (2^20 held a 50k synthetic
// ingest's peak to 1.78 GB instead of 1.93, for x1.15 the CPU: stories
// released and rebuilt again; 2^22 changes neither measurably there.)
var linkBudget = 1 << 22

// ReleaseClosed drops the statement-linking state of the dated stories
// whose latest article is more than closeDays before the latest day of any
// story, then, while the open stories hold more than linkBudget 3-shingles,
// that of the stories linked longest ago; it returns how many stories it
// released. Undated stories are released only for the budget (an undated
// article may join a story of any date).
func (c *Clusterer) ReleaseClosed() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	latest := -1
	for _, s := range c.stories {
		if !s.dead {
			latest = max(latest, s.last)
		}
	}
	if latest < 0 {
		return 0
	}
	bound := latest - c.closeDays()
	n, held := 0, 0
	for _, s := range c.stories {
		if s.dead || s.nsh < 0 {
			continue
		}
		if s.last < 0 || s.last >= bound {
			held += s.nsh
			continue
		}
		c.release(s)
		n++
	}
	if held > linkBudget {
		var open []*Story
		for _, s := range c.stories {
			if !s.dead && s.nsh >= 0 {
				open = append(open, s)
			}
		}
		slices.SortFunc(open, func(a, b *Story) int { return a.linkedAt - b.linkedAt })
		for _, s := range open {
			if held <= linkBudget*3/4 {
				break
			}
			held -= s.nsh
			c.release(s)
			n++
		}
	}
	c.unloadQuotes()
	if n > 0 {
		c.compactShingles()
	}
	return n
}

// release drops the statement-linking state of story s (and the quotes of
// its articles that are kept apart).
func (c *Clusterer) release(s *Story) {
	s.qindex, s.qmore, s.nsh = nil, nil, -1
	for _, m := range s.members {
		if m < c.qkept {
			c.dropQuotes(c.articles[m])
		}
	}
}

// compactShingles keeps in c.shingles only the shingles of the quotes of
// stories whose linking state is in memory (Story.nsh >= 0); the other
// quotes' are computed again when needed (QuoteRef.nsh -1), as are those
// of quotes read back from a QuoteStore.
func (c *Clusterer) compactShingles() {
	keep := 0
	for _, a := range c.articles {
		if a.qs == nil || c.stories[a.story].nsh < 0 {
			continue
		}
		for i := range a.qs {
			if q := &a.qs[i]; q.nsh >= 0 {
				keep += int(q.nsh)
			}
		}
	}
	out := make([]uint64, 0, keep+keep/4)
	for _, a := range c.articles {
		open := c.stories[a.story].nsh >= 0
		for i := range a.qs {
			q := &a.qs[i]
			if q.nsh < 0 {
				continue
			}
			if !open {
				q.sh, q.nsh = 0, -1
				continue
			}
			sh := int32(len(out))
			out = append(out, c.shingles[q.sh:q.sh+q.nsh]...)
			q.sh = sh
		}
	}
	c.shingles = out
}

// LinkingState returns the 3-shingles held in memory and the stories whose
// shingle index is in memory (for tests and measurements).
func (c *Clusterer) LinkingState() (shingles, indexed int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.stories {
		if s.qindex != nil {
			indexed++
		}
	}
	return len(c.shingles), indexed
}
