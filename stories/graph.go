package stories

import (
	"math"
	"slices"
)

// The article graph: each article's nearest earlier articles (its
// neighbours, found through an inverted index of the articles' strongest
// terms), and the similarities that compare articles and stories.

// edge links two neighbouring articles with their content and
// participants cosines.
type edge struct {
	to        int32
	text, ent float32
}

// edgeFloor is the least similarity (content and participants mixed) of
// two neighbouring articles. It does not depend on the options, so that the
// neighbours (the resolver's context) are the same whatever threshold
// groups the stories.
const edgeFloor = 0.04

// probeEntities is how many of an article's strongest entity terms index
// it and look up its neighbours (besides ProbeTerms content terms).
const probeEntities = 5

// probes reports whether the i-th term of a weight-sorted article vector
// whose entity part starts at k is one it is indexed and looked up under.
func (c *Clusterer) probes(i, k int) bool {
	return i < min(c.opt.ProbeTerms, k) || i >= k && i < k+probeEntities
}

// sortedCopy returns a copy of v sorted by term id.
func (c *Clusterer) sortedCopy(v []term) []term {
	out := slices.Clone(v)
	c.sortByID(out)
	return out
}

// index lists article ai under its probe terms.
func (c *Clusterer) index(ai int, v []term, k int) {
	for i, t := range v {
		if c.probes(i, k) {
			c.apost[t.id] = keepLast(append(c.apost[t.id], int32(ai)), c.opt.MaxPostings)
		}
	}
}

// neighbours finds the nearest earlier articles of article ai (vector v,
// weight-sorted, entity part from k): the articles sharing its probe terms
// (the most recent MaxPostings of each term) are ranked by the weight of
// the terms they share, the best Candidates scored exactly, and the
// Neighbours most similar (at least edgeFloor) become its neighbours, and
// it theirs.
func (c *Clusterer) neighbours(ai int, v []term, k int) {
	c.resetAcc(len(c.articles))
	for i, t := range v {
		if !c.probes(i, k) {
			continue
		}
		post := c.apost[t.id]
		if len(post) > c.opt.MaxPostings {
			post = post[len(post)-c.opt.MaxPostings:]
		}
		for _, o := range post {
			c.score(o, t.w)
		}
	}
	if len(c.accUsed) == 0 {
		return
	}
	type cand struct {
		j         int32
		w         float64
		text, ent float32
	}
	byWeight := func(a, b cand) int {
		if a.w != b.w {
			if a.w > b.w {
				return -1
			}
			return 1
		}
		return int(a.j - b.j)
	}
	// the Candidates heaviest, kept in a min-heap (the lightest at the root)
	// rather than sorting them all
	n := c.opt.Candidates
	cands := make([]cand, 0, min(n, len(c.accUsed)))
	lighter := func(i, j int) bool { return byWeight(cands[i], cands[j]) > 0 }
	down := func(i int) {
		for {
			l, r, m := 2*i+1, 2*i+2, i
			if l < len(cands) && lighter(l, m) {
				m = l
			}
			if r < len(cands) && lighter(r, m) {
				m = r
			}
			if m == i {
				return
			}
			cands[i], cands[m] = cands[m], cands[i]
			i = m
		}
	}
	for _, j := range c.accUsed {
		cd := cand{j: j, w: float64(c.acc[j])}
		if len(cands) < n {
			cands = append(cands, cd)
			for i := len(cands) - 1; i > 0 && lighter(i, (i-1)/2); i = (i - 1) / 2 {
				cands[i], cands[(i-1)/2] = cands[(i-1)/2], cands[i]
			}
			continue
		}
		if byWeight(cd, cands[0]) < 0 {
			cands[0] = cd
			down(0)
		}
	}
	c.scatter(v)
	keep := cands[:0]
	for _, cd := range cands {
		ct, ce := c.cosine(c.vecOf(int(cd.j)), v, k)
		if sim := c.mix(ct, ce); sim >= edgeFloor {
			keep = append(keep, cand{cd.j, sim, float32(ct), float32(ce)})
		}
	}
	c.unscatter(v)
	slices.SortFunc(keep, byWeight)
	if len(keep) > c.opt.Neighbours {
		keep = keep[:c.opt.Neighbours]
	}
	a := c.articles[ai]
	a.nbrs = make([]edge, len(keep), len(keep)+2)
	for i, cd := range keep {
		a.nbrs[i] = edge{cd.j, cd.text, cd.ent}
		o := c.articles[cd.j]
		o.nbrs = append(o.nbrs, edge{int32(ai), cd.text, cd.ent})
	}
}

// keepLast returns the list, its first entries dropped once it holds twice
// n: only its last n are ever scanned, and it stays bounded.
// addCompact adds v under key k of a compact multimap (the LSH buckets,
// a story's quotes by shingle): a key of one value maps to the value itself,
// a key of several to -(i+1), i the index of their list in more, which keeps
// its last keep values (all when keep <= 0).
func addCompact(m map[uint64]int32, more *[][]int32, k uint64, v int32, keep int) {
	old, ok := m[k]
	switch {
	case !ok:
		m[k] = v
	case old >= 0:
		m[k] = int32(-len(*more) - 1)
		*more = append(*more, []int32{old, v})
	default:
		(*more)[-old-1] = keepLast(append((*more)[-old-1], v), keep)
	}
}

func keepLast(list []int32, n int) []int32 {
	if n > 0 && len(list) >= 2*n {
		list = append(list[:0], list[len(list)-n:]...)
	}
	return list
}

// resetAcc empties the candidate accumulator and sizes it for n articles.
func (c *Clusterer) resetAcc(n int) {
	for _, k := range c.accUsed {
		c.acc[k] = 0
	}
	c.accUsed = c.accUsed[:0]
	if len(c.acc) < n {
		c.acc = append(c.acc, make([]float32, n-len(c.acc))...)
	}
}

// score adds w to the candidate score of article k.
func (c *Clusterer) score(k int32, w float32) {
	if c.acc[k] == 0 {
		c.accUsed = append(c.accUsed, k)
	}
	c.acc[k] += w
}

// mix is the similarity of content cosine text and participants cosine ent,
// before time is taken into account.
func (c *Clusterer) mix(text, ent float64) float64 {
	w := max(c.opt.Entities, 0)
	return (1-w)*text + w*ent
}

// eventSim is the similarity of two groups of articles about an event (an
// article and a story, or two stories), from their content similarity, their
// participants' similarity and their date spans ([first, last], -1 when
// undated). Far apart in time they are not one event, unless one follows
// the other up (follow: it gives a date within the other's span); one dated
// and one undated are one event only when their participants agree, never
// on words alone.
func (c *Clusterer) eventSim(text, ent float64, first, last, first2, last2 int, follow bool) float64 {
	sim := c.mix(text, ent)
	switch {
	case follow:
	case first >= 0 && first2 >= 0:
		gap := 0
		if first2 > last {
			gap = first2 - last
		} else if first > last2 {
			gap = first - last2
		}
		if gap > c.opt.DateWindow {
			sim *= math.Exp(-float64(gap-c.opt.DateWindow) / c.opt.DateDecay)
		}
	case first >= 0 || first2 >= 0:
		if ent < c.opt.Participants || sim < c.opt.Undated {
			return 0
		}
	}
	return sim
}

// followDays is how far from a span a date given by an article may fall
// and still refer to it.
const followDays = 2

// follows reports whether one of the days refs falls within [first, last]
// (give or take followDays).
func follows(refs []int32, first, last int) bool {
	if first < 0 {
		return false
	}
	for _, r := range refs {
		if int(r) >= first-followDays && int(r) <= last+followDays {
			return true
		}
	}
	return false
}

// maxRefs is the most dates an article or a group keeps to tell whether it
// follows another up.
const maxRefs = 32

// mergeRefs returns the sorted union of two sorted date lists, cut to
// maxRefs (the latest).
func mergeRefs(a, b []int32) []int32 {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]int32, 0, len(a)+len(b))
	out = append(append(out, a...), b...)
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) > maxRefs {
		out = out[len(out)-maxRefs:]
	}
	return out
}

// cosine is the dot product of the id-sorted list b and v (scattered into
// c.vpos by scatter), over content terms (v[:k]) and over entity terms
// (v[k:]). The products are summed in v's order, as a lookup per term of v
// would.
func (c *Clusterer) cosine(b []term, v []term, k int) (text, ent float64) {
	prod := c.prod[:len(v)]
	clear(prod)
	for _, t := range b {
		if p := c.vpos[t.id]; p > 0 {
			prod[p-1] = float64(v[p-1].w) * float64(t.w)
		}
	}
	for _, x := range prod[:k] {
		text += x
	}
	for _, x := range prod[k:] {
		ent += x
	}
	return text, ent
}

// storyCosine is the group-average similarity of v to story s: its mean
// cosine to the story's (non-copy) articles, through the centroid sum.
// Unlike the cosine to the centroid it does not grow with a story's size,
// so a broad story cannot absorb everything that shares its vocabulary.
func (c *Clusterer) storyCosine(s *Story, v []term, k int) (text, ent float64) {
	if s.n == 0 {
		return 0, 0
	}
	text, ent = c.cosine(s.centroid, v, k)
	return text / float64(s.n), ent / float64(s.n)
}

// scatter records the positions of v's terms in c.vpos for cosine; unscatter
// clears them.
func (c *Clusterer) scatter(v []term) {
	if cap(c.prod) < len(v) {
		c.prod = make([]float64, len(v))
	}
	c.place(v)
}

func (c *Clusterer) unscatter(v []term) { c.unplace(v) }

// place records the positions of the terms of ts in c.vpos (dotPlaced);
// unplace clears them.
func (c *Clusterer) place(ts []term) {
	if len(c.vpos) < len(c.words) {
		c.vpos = append(c.vpos, make([]int32, len(c.words)-len(c.vpos))...)
	}
	for i, t := range ts {
		c.vpos[t.id] = int32(i + 1)
	}
}

func (c *Clusterer) unplace(ts []term) {
	for _, t := range ts {
		c.vpos[t.id] = 0
	}
}

// dotPlaced is the dot product of the term list placed in c.vpos and the
// id-sorted list b, its products summed in id order: over content terms and
// over entity terms.
func (c *Clusterer) dotPlaced(placed, b []term) (text, ent float64) {
	for _, t := range b {
		if p := c.vpos[t.id]; p > 0 {
			x := float64(placed[p-1].w) * float64(t.w)
			if c.ent[t.id] {
				ent += x
			} else {
				text += x
			}
		}
	}
	return text, ent
}

// dotSorted is the dot product of two id-sorted term lists, over content
// terms and over entity terms.
func (c *Clusterer) dotSorted(a, b []term) (text, ent float64) {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			x := float64(a[i].w) * float64(b[j].w)
			if c.ent[a[i].id] {
				ent += x
			} else {
				text += x
			}
			i++
			j++
		}
	}
	return text, ent
}

// addToCentroid returns the centroid sum plus the id-sorted vector v, cut
// to the StoryTerms strongest terms when it has grown past twice that. The
// centroid's storage is reused while it is large enough.
func (c *Clusterer) addToCentroid(centroid, v []term) []term {
	c.mbuf = appendSum(c.mbuf[:0], centroid, v)
	centroid = append(centroid[:0], c.mbuf...)
	return c.trim(centroid)
}

// trim cuts an id-sorted centroid to its StoryTerms strongest terms when it
// has more than twice that.
func (c *Clusterer) trim(centroid []term) []term {
	if len(centroid) > 2*c.opt.StoryTerms {
		keep := topTerms(centroid, c.opt.StoryTerms)
		c.sortByID(keep)
		centroid = append(centroid[:0], keep...)
	}
	return centroid
}

// addSorted returns the sum of two id-sorted term lists, sorted by id.
func addSorted(a, b []term) []term {
	return appendSum(make([]term, 0, len(a)+len(b)), a, b)
}

// appendSum appends the sum of two id-sorted term lists (sorted by id) to
// out, which must not share storage with a or b.
func appendSum(out, a, b []term) []term {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			out = append(out, a[i])
			i++
		case a[i].id > b[j].id:
			out = append(out, term{b[j].id, 0 + b[j].w})
			j++
		default:
			out = append(out, term{a[i].id, a[i].w + b[j].w})
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	for ; j < len(b); j++ {
		out = append(out, term{b[j].id, 0 + b[j].w})
	}
	return out
}
