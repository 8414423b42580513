package stories

import (
	"slices"
	"sort"
)

// Consolidation: the stories that changed since the last consolidation,
// with the stories their articles neighbour, are regrouped from single
// articles by average-linkage agglomeration, so that a story does not
// depend on the order its articles came in.

// Consolidate regroups the stories changed since the last consolidation
// (articles joined them) together with the stories their articles
// neighbour: their articles are agglomerated from single articles,
// always merging the two most similar groups first (group-average event
// similarity, ties by article id), while that similarity reaches the
// threshold. The groups keep the ids of the stories they overlap most;
// statements are linked again in the stories whose articles changed.
func (c *Clusterer) Consolidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.consolidate()
}

// aggCluster is a group of articles during agglomeration.
type aggCluster struct {
	centroid    []term
	n           int
	first, last int
	dated       int
	refs        []int32 // the dates its articles give, sorted (follow-ups)
	members     []int32
	nb          []int32 // neighbouring clusters, for the first candidate merges (initPairs)
	ver         int32
	key         int32 // the smallest rank of its articles' ids (ties)
	into        int32 // the cluster it was merged into, -1 while alive
}

// aggPair is a candidate merge of clusters a and b (at versions va, vb).
type aggPair struct {
	sim    float64
	a, b   int32
	va, vb int32
	key    uint64
}

func (p aggPair) before(q aggPair) bool {
	return p.sim > q.sim || p.sim == q.sim && p.key < q.key
}

// pairHeap is a binary max-heap of candidate merges.
type pairHeap []aggPair

func (h *pairHeap) push(p aggPair) {
	*h = append(*h, p)
	s := *h
	for i := len(s) - 1; i > 0; {
		up := (i - 1) / 2
		if !s[i].before(s[up]) {
			break
		}
		s[i], s[up] = s[up], s[i]
		i = up
	}
}

func (h *pairHeap) pop() aggPair {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s = s[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(s) && s[l].before(s[m]) {
			m = l
		}
		if r < len(s) && s[r].before(s[m]) {
			m = r
		}
		if m == i {
			break
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
	*h = s
	return top
}

func (c *Clusterer) consolidate() {
	if len(c.dirty) == 0 {
		return
	}
	// the region: every story connected to a changed one through the
	// articles' event edges (its whole connected component, so that the
	// result is the one agglomerating every article at once would give)
	in := make([]bool, len(c.stories))
	visited := make([]bool, len(c.articles))
	var region []int32
	var queue []int
	addStory := func(s int) {
		if in[s] || c.stories[s].dead {
			return
		}
		in[s] = true
		region = append(region, int32(s))
		for _, m := range c.stories[s].members {
			if !visited[m] {
				visited[m] = true
				queue = append(queue, m)
			}
		}
	}
	for _, s := range c.dirty {
		addStory(int(s))
	}
	for len(queue) > 0 {
		a := c.articles[queue[len(queue)-1]]
		queue = queue[:len(queue)-1]
		for _, e := range a.nbrs {
			if c.eventEdge(a, e) {
				addStory(c.articles[e.to].story)
			}
		}
	}
	for _, s := range c.dirty {
		c.isDirty[s] = false
	}
	c.dirty = c.dirty[:0]
	slices.Sort(region)

	var arts []int32
	copies := map[int32][]int32{} // original -> its copies
	for _, s := range region {
		for _, m := range c.stories[s].members {
			if a := c.articles[m]; a.copyOf >= 0 {
				copies[int32(a.copyOf)] = append(copies[int32(a.copyOf)], int32(m))
			} else {
				arts = append(arts, int32(m))
			}
		}
	}
	slices.Sort(arts)
	clusters := c.agglomerate(arts)

	// each group keeps the id of the story it overlaps most; the others
	// become new stories
	storyOf := keepIDs(clusters, func(m int32) int32 { return int32(c.articles[m].story) })
	taken := map[int32]bool{}
	for _, st := range storyOf {
		if st >= 0 {
			taken[st] = true
		}
	}
	// new stories in the order of their first article
	order := make([]int, len(clusters))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return clusters[order[i]].members[0] < clusters[order[j]].members[0] })
	for _, ci := range order {
		if storyOf[ci] < 0 {
			storyOf[ci] = int32(c.newStory(int(clusters[ci].members[0])).idx)
		}
	}
	// rebuild the stories whose articles changed
	var relink []*Story
	for ci := range clusters {
		cl := &clusters[ci]
		s := c.stories[storyOf[ci]]
		members := make([]int, 0, len(cl.members))
		for _, m := range cl.members {
			members = append(members, int(m))
			for _, cp := range copies[m] {
				members = append(members, int(cp))
			}
		}
		slices.Sort(members)
		if slices.Equal(members, s.members) {
			continue
		}
		c.touchStatements(s) // before its id changes
		// a story is known by its first article
		s.ID = "s" + itoa(members[0]+1)
		s.members = members
		s.Articles = s.Articles[:0]
		s.first, s.last, s.dated = -1, -1, 0
		s.people = map[string]int{}
		for _, m := range members {
			a := c.articles[m]
			a.story, a.Story = s.idx, s.ID
			s.Articles = append(s.Articles, a.ID)
			s.addDay(a.day)
			for _, p := range a.people {
				s.people[p.id] += p.n
			}
		}
		s.Title = c.articles[members[0]].Title
		s.n = cl.n
		if cl.n == 1 {
			s.centroid = slices.Clone(cl.centroid) // not the article's own vector
		} else {
			s.centroid = cl.centroid
		}
		s.dead = false
		relink = append(relink, s)
	}
	for _, st := range region {
		if s := c.stories[st]; !taken[st] {
			c.touchStatements(s)
			s.dead = true
			s.members, s.Articles, s.centroid, s.people, s.n = nil, nil, nil, nil, 0
			s.quoteIDs, s.qindex, s.qmore, s.nsh = nil, nil, nil, 0
		}
	}
	// statements: the quotes of every rebuilt story are linked again (the
	// statements they were part of may be gone)
	for _, s := range relink {
		for _, m := range s.members {
			a := c.articles[m]
			for k := a.q0; k < a.q0+a.nq; k++ {
				c.changes.oldRoot(c.find(k))
			}
		}
	}
	for _, s := range relink {
		for _, m := range s.members {
			a := c.articles[m]
			for k := a.q0; k < a.q0+a.nq; k++ {
				c.parent[k] = k
			}
		}
	}
	for _, s := range relink {
		s.quoteIDs, s.qindex, s.qmore, s.nsh = s.quoteIDs[:0], nil, nil, 0
		for _, m := range s.members {
			a := c.articles[m]
			for k := a.q0; k < a.q0+a.nq; k++ {
				c.linkQuote(s, k)
			}
		}
	}
	c.regroupTopics()
}

// agglomerate groups the articles arts (sorted, no copies) by average
// linkage over their neighbour graph: the two most similar neighbouring
// groups (group-average event similarity through centroid sums; ties by
// the smallest article id rank) merge while that similarity reaches the
// threshold.
func (c *Clusterer) agglomerate(arts []int32) []aggCluster {
	if len(c.loc) < len(c.articles) {
		n := len(c.loc)
		c.loc = append(c.loc, make([]int32, len(c.articles)-n)...)
		for i := n; i < len(c.loc); i++ {
			c.loc[i] = -1
		}
	}
	// ranks of the article ids break ties, so that the result does not
	// depend on the order of arrival
	byID := slices.Clone(arts)
	slices.SortFunc(byID, func(a, b int32) int {
		x, y := c.articles[a].ID, c.articles[b].ID
		if x < y {
			return -1
		}
		if x > y {
			return 1
		}
		return int(a - b)
	})
	cl := make([]aggCluster, len(arts))
	for i, ai := range arts {
		c.loc[ai] = int32(i)
	}
	for r, ai := range byID {
		cl[c.loc[ai]].key = int32(r)
	}
	score := func(text, ent float64, x, y *aggCluster) float64 {
		nn := float64(x.n * y.n)
		follow := follows(x.refs, y.first, y.last) || follows(y.refs, x.first, x.last)
		return c.eventSim(text/nn, ent/nn, x.first, x.last, y.first, y.last, follow)
	}
	var h pairHeap
	for i, ai := range arts {
		a := c.articles[ai]
		x := &cl[i]
		x.centroid, x.n, x.first, x.last, x.into, x.refs = c.vecOf(int(ai)), 1, a.day, a.day, -1, a.refs
		if a.day >= 0 {
			x.dated = 1
		}
		x.members = []int32{ai}
	}
	// the pairs of neighbouring articles, scored by the similarities their
	// edge keeps
	for i, ai := range arts {
		x := &cl[i]
		a := c.articles[ai]
		for _, nb := range a.nbrs {
			if j := c.loc[nb.to]; j > int32(i) && c.eventEdge(a, nb) {
				y := &cl[j]
				if s := score(float64(nb.text), float64(nb.ent), x, y); s >= c.opt.Threshold {
					h.push(aggPair{s, int32(i), j, 0, 0, pairKey(x, y)})
				}
			}
		}
	}
	for _, ai := range arts {
		c.loc[ai] = -1
	}
	return c.merge(cl, h, score, c.opt.Threshold)
}

// eventEdge reports whether the edge e of article a links two articles
// that may be one event: their own event similarity (content,
// participants, dates) reaches half the threshold. Stories are grouped
// along these edges only.
func (c *Clusterer) eventEdge(a *Article, e edge) bool {
	b := c.articles[e.to]
	follow := follows(a.refs, b.day, b.day) || follows(b.refs, a.day, a.day)
	return c.eventSim(float64(e.text), float64(e.ent), a.day, a.day, b.day, b.day, follow) >= c.opt.Threshold/2
}

func pairKey(x, y *aggCluster) uint64 {
	a, b := x.key, y.key
	if a > b {
		a, b = b, a
	}
	return uint64(a)<<32 | uint64(b)
}

// initPairs returns the candidate merges of neighbouring clusters whose
// score reaches threshold.
func (c *Clusterer) initPairs(cl []aggCluster, score func(text, ent float64, x, y *aggCluster) float64, threshold float64) pairHeap {
	var h pairHeap
	for i := range cl {
		x := &cl[i]
		c.place(x.centroid)
		for _, j := range x.nb {
			if j > int32(i) {
				y := &cl[j]
				dt, de := c.dotPlaced(x.centroid, y.centroid)
				if s := score(dt, de, x, y); s >= threshold {
					h.push(aggPair{s, int32(i), j, 0, 0, pairKey(x, y)})
				}
			}
		}
		c.unplace(x.centroid)
	}
	return h
}

// merge agglomerates the clusters cl (each with its tie key) from the
// candidate merges h: the pair of the highest score (from the dot products
// of their centroid sums; ties by key) merges while it reaches threshold.
// A merge leaves the queued pairs of the two clusters as they were: when
// one of them comes up, the pair of the clusters they are now part of is
// scored again and queued anew (once per state of the two). Average linkage
// moves little when a cluster grows (a merged cluster's similarity to a
// third is a weighted mean of its parts'), so the stale scores order the
// queue well enough, and a growing story costs one score per candidate
// that comes up instead of one per neighbour at every merge. It returns the
// clusters left, each with its members sorted.
func (c *Clusterer) merge(cl []aggCluster, h pairHeap, score func(text, ent float64, x, y *aggCluster) float64, threshold float64) []aggCluster {
	find := func(i int32) int32 {
		r := i
		for cl[r].into >= 0 {
			r = cl[r].into
		}
		for cl[i].into >= 0 {
			next := cl[i].into
			cl[i].into = r
			i = next
		}
		return r
	}
	rescored := map[uint64]uint64{} // pair -> the versions it was last scored at
	for len(h) > 0 {
		p := h.pop()
		a, b := find(p.a), find(p.b)
		if a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		x, y := &cl[a], &cl[b]
		if a != p.a || b != p.b || x.ver != p.va || y.ver != p.vb {
			k, v := uint64(a)<<32|uint64(b), uint64(x.ver)<<32|uint64(y.ver)
			if old, ok := rescored[k]; ok && old == v {
				continue
			}
			rescored[k] = v
			dt, de := c.dotSorted(x.centroid, y.centroid)
			if s := score(dt, de, x, y); s >= threshold {
				h.push(aggPair{s, a, b, x.ver, y.ver, pairKey(x, y)})
			}
			continue
		}
		x.centroid = c.trim(appendSum(make([]term, 0, len(x.centroid)+len(y.centroid)), x.centroid, y.centroid))
		x.n += y.n
		x.dated += y.dated
		if y.first >= 0 && (x.first < 0 || y.first < x.first) {
			x.first = y.first
		}
		x.last = max(x.last, y.last)
		x.refs = mergeRefs(x.refs, y.refs)
		x.members = append(x.members, y.members...)
		x.key = min(x.key, y.key)
		x.ver++
		y.into = a
		y.nb, y.centroid, y.members = nil, nil, nil
	}
	out := cl[:0]
	for i := range cl {
		if cl[i].into < 0 {
			slices.Sort(cl[i].members)
			out = append(out, cl[i])
		}
	}
	return out
}
