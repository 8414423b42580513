package stories

import (
	"slices"
	"sort"
	"strings"
)

// Topics: stories of one kind (earthquakes; US–Russia relations), grouped by
// what their articles say, whenever and to whomever it happened.

// Topic is a group of stories about one kind of event.
type Topic struct {
	ID      string   `json:"topic"`
	Label   string   `json:"label"`   // its strongest words
	Stories []string `json:"stories"` // story ids in creation order

	idx     int
	members []int // story indices
	dead    bool
}

// topics regroups every story into topics: average linkage over the
// stories' content centroids (the group-average cosine of their articles'
// words; participants, places and dates play no part), neighbouring stories
// being those whose articles neighbour. Topics keep the ids of the topics
// they overlap most.
func (c *Clusterer) regroupTopics() {
	var live []int
	for _, s := range c.stories {
		if !s.dead && len(s.members) > 0 {
			live = append(live, s.idx)
		}
	}
	if len(live) == 0 {
		return
	}
	// ties are broken by the smallest article id of each story
	minID := make(map[int]string, len(live))
	for _, si := range live {
		s := c.stories[si]
		m := c.articles[s.members[0]].ID
		for _, a := range s.members[1:] {
			m = min(m, c.articles[a].ID)
		}
		minID[si] = m
	}
	byID := slices.Clone(live)
	sort.Slice(byID, func(i, j int) bool {
		a, b := minID[byID[i]], minID[byID[j]]
		return a < b || a == b && byID[i] < byID[j]
	})
	pos := make(map[int]int32, len(live))
	for i, si := range live {
		pos[si] = int32(i)
	}
	cl := make([]aggCluster, len(live))
	for r, si := range byID {
		cl[pos[si]].key = int32(r)
	}
	for i, si := range live {
		s := c.stories[si]
		x := &cl[i]
		x.centroid, x.n, x.into, x.members = c.topicTerms(s.centroid), max(s.n, 1), -1, []int32{int32(si)}
		seen := map[int32]bool{int32(i): true}
		for _, m := range s.members {
			for _, nb := range c.articles[m].nbrs {
				j := pos[c.articles[nb.to].story]
				if !seen[j] {
					seen[j] = true
					x.nb = append(x.nb, j)
				}
			}
		}
	}
	score := func(text, _ float64, x, y *aggCluster) float64 { return text / float64(x.n*y.n) }
	groups := c.merge(cl, c.initPairs(cl, score, c.opt.Topic), score, c.opt.Topic)
	ids := keepIDs(groups, func(m int32) int32 { return int32(c.stories[m].topic) })
	// topics that kept no group are gone
	kept := map[int32]bool{}
	for _, id := range ids {
		if id >= 0 {
			kept[id] = true
		}
	}
	for _, t := range c.topics {
		if !kept[int32(t.idx)] {
			t.dead, t.members, t.Stories = true, nil, nil
		}
	}
	for gi := range groups {
		g := &groups[gi]
		var t *Topic
		if ids[gi] >= 0 {
			t = c.topics[ids[gi]]
		} else {
			t = &Topic{ID: "t" + itoa(len(c.topics)+1), idx: len(c.topics)}
			c.topics = append(c.topics, t)
		}
		t.dead = false
		t.members = t.members[:0]
		t.Stories = t.Stories[:0]
		for _, m := range g.members {
			s := c.stories[m]
			if s.topic != t.idx {
				c.touchStory(s) // its row names its topic
			}
			s.topic = t.idx
			t.members = append(t.members, int(m))
			t.Stories = append(t.Stories, s.ID)
		}
		t.Label = c.label(g.centroid, 3)
		g.centroid = nil
	}
}

// topicCentroidTerms is how many of a story's strongest content terms
// compare it with other stories for topics: what kind of event it is.
const topicCentroidTerms = 200

// topicTerms returns the strongest content terms of a story centroid,
// sorted by id.
func (c *Clusterer) topicTerms(centroid []term) []term {
	text := make([]term, 0, len(centroid))
	for _, t := range centroid {
		if !c.ent[t.id] {
			text = append(text, t)
		}
	}
	if len(text) > topicCentroidTerms {
		text = topTerms(text, topicCentroidTerms)
		c.sortByID(text)
	}
	return text
}

// label names a centroid by its n strongest content words.
func (c *Clusterer) label(centroid []term, n int) string {
	var text []term
	for _, t := range centroid {
		if !c.isEntity(t.id) {
			text = append(text, t)
		}
	}
	var b strings.Builder
	for i, t := range topTerms(text, n) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.words[t.id])
	}
	return b.String()
}

// keepIDs decides which earlier group each new group continues: the one
// it shares most members with (old gives a member's earlier group, -1 for
// none), greedily, most shared members first, ties by the earlier group's
// index then the new group's; each earlier group is continued at most
// once. It returns the earlier group of each new group, -1 for a new one.
func keepIDs(groups []aggCluster, old func(m int32) int32) []int32 {
	type overlap struct {
		n      int
		cl, st int32
	}
	var ovs []overlap
	cnt := map[int32]int{}
	for ci, g := range groups {
		clear(cnt)
		for _, m := range g.members {
			if o := old(m); o >= 0 {
				cnt[o]++
			}
		}
		for st, n := range cnt {
			ovs = append(ovs, overlap{n, int32(ci), st})
		}
	}
	sort.Slice(ovs, func(i, j int) bool {
		a, b := ovs[i], ovs[j]
		if a.n != b.n {
			return a.n > b.n
		}
		if a.st != b.st {
			return a.st < b.st
		}
		return a.cl < b.cl
	})
	out := make([]int32, len(groups))
	for i := range out {
		out[i] = -1
	}
	taken := map[int32]bool{}
	for _, o := range ovs {
		if out[o.cl] < 0 && !taken[o.st] {
			out[o.cl], taken[o.st] = o.st, true
		}
	}
	return out
}

// Topics returns the topics in creation order, each with its stories.
func (c *Clusterer) Topics() []*Topic {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]*Topic, 0, len(c.topics))
	for _, t := range c.topics {
		if !t.dead {
			out = append(out, t)
		}
	}
	return out
}
