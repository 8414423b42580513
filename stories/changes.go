package stories

import (
	"slices"
	"sort"
)

// Changes: what a clusterer's state changed since it last told (Changes),
// so that a library rewrites only those rows instead of comparing every
// row with what it wrote before. The sets may hold more than changed (a
// story whose row is the same after all), never less.

// Changes lists what may have changed since the last call to Changes (or
// since the clusterer was created or loaded).
type Changes struct {
	Stories        []*Story    // live stories whose row may differ, filled as Stories fills them
	GoneStories    []string    // ids of story rows that no longer exist
	Statements     []Statement // the statements of the stories whose quotes were linked (Reports nil, as Summaries)
	GoneStatements []string    // ids of statements that no longer exist
}

// changeLog is the clusterer's record of what changed.
type changeLog struct {
	on         bool    // TrackChanges was called
	story      []bool  // per story: touched since the last Changes
	stories    []int32 // the touched stories
	oldIDs     map[string]bool
	linked     []bool // per story: its statements may have changed
	linkedList []int32
	oldRoots   map[int32]bool // the roots of statements that may be gone
}

// touchStory records that the row of story s may change (its id before
// the change may be gone).
func (c *Clusterer) touchStory(s *Story) {
	ch := &c.changes
	if !ch.on {
		return
	}
	for len(ch.story) <= s.idx {
		ch.story = append(ch.story, false)
		ch.linked = append(ch.linked, false)
	}
	if ch.story[s.idx] {
		return
	}
	ch.story[s.idx] = true
	ch.stories = append(ch.stories, int32(s.idx))
	if ch.oldIDs == nil {
		ch.oldIDs = map[string]bool{}
	}
	ch.oldIDs[s.ID] = true
}

// touchStatements records that the statements of story s may change (its
// quotes' statements as they are now may be gone).
func (c *Clusterer) touchStatements(s *Story) {
	c.touchStory(s)
	ch := &c.changes
	if !ch.on || ch.linked[s.idx] {
		return
	}
	ch.linked[s.idx] = true
	ch.linkedList = append(ch.linkedList, int32(s.idx))
	c.oldRootsOf(s.quoteIDs)
}

// oldRootsOf records the statements of quotes qs as they are now.
func (c *Clusterer) oldRootsOf(qs []int32) {
	for _, k := range qs {
		c.changes.oldRoot(c.find(k))
	}
}

func (ch *changeLog) oldRoot(r int32) {
	if !ch.on {
		return
	}
	if ch.oldRoots == nil {
		ch.oldRoots = map[int32]bool{}
	}
	ch.oldRoots[r] = true
}

// TrackChanges starts recording what changes, for TakeChanges (a
// clusterer that is never asked keeps no record).
func (c *Clusterer) TrackChanges() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.changes.on = true
	c.Resolver.TrackRenames = true
}

// TakeChanges returns what may have changed since the last call (all, or
// changes not tracked: every story and statement, as for empty tables) and
// starts a new record. The statements' reports are not copied: report is
// called with each, in order, and the index of its statement (as
// Summaries does).
func (c *Clusterer) TakeChanges(all bool, report func(r *QuoteRef, statement int)) Changes {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := &c.changes
	if all || !ch.on {
		c.Resolver.TakeRenamed()
		c.changes = changeLog{on: ch.on}
		var out Changes
		for _, s := range c.stories {
			if !s.dead {
				c.fillStory(s)
				out.Stories = append(out.Stories, s)
			}
		}
		out.Statements, _ = c.group(nil, nil, report)
		return out
	}
	// a person's new name shows in the rows of the stories that list it
	if renamed := c.Resolver.TakeRenamed(); len(renamed) > 0 {
		for _, s := range c.stories {
			if s.dead || ch.idx(s.idx) {
				continue
			}
			for _, id := range renamed {
				if s.people[id] > 0 {
					c.touchStory(s)
					break
				}
			}
		}
	}
	var out Changes
	live := map[string]bool{}
	slices.Sort(ch.stories)
	for _, si := range ch.stories {
		s := c.stories[si]
		if !s.dead {
			c.fillStory(s)
			out.Stories = append(out.Stories, s)
			live[s.ID] = true
		}
	}
	for id := range ch.oldIDs {
		if !live[id] {
			out.GoneStories = append(out.GoneStories, id)
		}
	}
	sort.Strings(out.GoneStories)
	qs := []int32{} // not nil: no quote, not every quote
	for _, si := range ch.linkedList {
		if s := c.stories[si]; !s.dead {
			qs = append(qs, s.quoteIDs...)
		}
	}
	slices.Sort(qs)
	qs = slices.Compact(qs)
	out.Statements, _ = c.group(qs, nil, report)
	for r := range ch.oldRoots {
		if c.find(r) != r {
			out.GoneStatements = append(out.GoneStatements, "q"+itoa(int(r)+1))
		}
	}
	sort.Strings(out.GoneStatements)
	for _, si := range ch.stories {
		ch.story[si] = false
	}
	for _, si := range ch.linkedList {
		ch.linked[si] = false
	}
	ch.stories, ch.linkedList, ch.oldIDs, ch.oldRoots = ch.stories[:0], ch.linkedList[:0], nil, nil
	return out
}

func (ch *changeLog) idx(s int) bool { return s < len(ch.story) && ch.story[s] }

// TopicTotal is what a topic's row shows: its articles (of its stories)
// and its latest publication date.
type TopicTotal struct {
	Articles int
	Last     string
}

// TopicTotals returns the totals of each live topic by id.
func (c *Clusterer) TopicTotals() map[string]TopicTotal {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]TopicTotal, len(c.topics))
	for _, t := range c.topics {
		if t.dead {
			continue
		}
		n, last := 0, -1
		for _, m := range t.members {
			s := c.stories[m]
			n += len(s.members)
			last = max(last, s.last)
		}
		out[t.ID] = TopicTotal{n, dayString(last)}
	}
	return out
}

// Live returns the number of stories.
func (c *Clusterer) Live() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, s := range c.stories {
		if !s.dead {
			n++
		}
	}
	return n
}
