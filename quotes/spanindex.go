package quotes

import (
	"cmp"
	"slices"
	"sort"

	"github.com/verbatim-news/verbatim"
)

// spanIndex finds the spans that overlap a query without a scan over all
// of them (issue 20: per-candidate scans over every quote made a document
// of many quotes cost its square). Spans are kept sorted by start with the
// running maximum of their ends, so that a query walks back from its end
// only while some earlier span still reaches it.
type spanIndex struct {
	spans  []verbatim.Span
	ids    []int32
	maxEnd []int // maxEnd[i] = max(spans[:i+1].End)
}

// reset empties the index, keeping its storage.
func (x *spanIndex) reset() {
	x.spans, x.ids, x.maxEnd = x.spans[:0], x.ids[:0], x.maxEnd[:0]
}

// add inserts sp with its id. Spans added in order of start cost O(1).
func (x *spanIndex) add(sp verbatim.Span, id int) {
	n := len(x.spans)
	p := n
	for p > 0 && x.spans[p-1].Start > sp.Start {
		p--
	}
	if p < n-64 { // far from the end: find it by halves
		p = sort.Search(n, func(i int) bool { return x.spans[i].Start > sp.Start })
	}
	x.spans = append(x.spans, verbatim.Span{})
	x.ids = append(x.ids, 0)
	x.maxEnd = append(x.maxEnd, 0)
	copy(x.spans[p+1:], x.spans[p:n])
	copy(x.ids[p+1:], x.ids[p:n])
	copy(x.maxEnd[p+1:], x.maxEnd[p:n]) // the maxima before sp was added
	x.spans[p], x.ids[p] = sp, int32(id)
	x.maxEnd[p] = sp.End
	if p > 0 {
		x.maxEnd[p] = max(sp.End, x.maxEnd[p-1])
	}
	for i := p + 1; i <= n && x.maxEnd[i] < sp.End; i++ {
		x.maxEnd[i] = sp.End
	}
}

// each calls f with the id of every span s with s.Start < hi and s.End >
// lo (the spans that overlap [lo, hi)), in no particular order, until f
// returns false.
func (x *spanIndex) each(lo, hi int, f func(id int) bool) {
	p := sort.Search(len(x.spans), func(i int) bool { return x.spans[i].Start >= hi })
	for j := p - 1; j >= 0 && x.maxEnd[j] > lo; j-- {
		if x.spans[j].End > lo && !f(int(x.ids[j])) {
			return
		}
	}
}

// smallIndex is the size up to which a plain pass serves better than an
// index (a news article: a few dozen mentions, quotes, quote marks).
const smallIndex = 64

// endingAt calls f with the index of every mention ending at end, in
// order, until f returns false.
func (st *state) endingAt(end int, f func(i int) bool) {
	ms := st.d.Mentions
	if len(ms) <= 4*smallIndex {
		for i := range ms {
			if ms[i].End == end && !f(i) {
				return
			}
		}
		return
	}
	x := st.mentions()
	for j := x.byEnd.first(end); j < len(x.byEnd) && x.byEnd[j].at == end; j++ {
		if !f(int(x.byEnd[j].id)) {
			return
		}
	}
	for _, i := range x.extraEnd[end] {
		if !f(int(i)) {
			return
		}
	}
}

// within calls f with the index of every mention starting in [lo, hi),
// until f returns false.
func (st *state) within(lo, hi int, f func(i int) bool) {
	ms := st.d.Mentions
	if len(ms) <= 4*smallIndex {
		for i := range ms {
			if ms[i].Start >= lo && ms[i].Start < hi && !f(i) {
				return
			}
		}
		return
	}
	st.mentions().within(lo, hi, f)
}

// offsetID is a mention's index with one of its offsets.
type offsetID struct {
	at int
	id int32
}

// offsetIDs is sorted by offset, then index.
type offsetIDs []offsetID

// first returns the position of the first entry at or after offset at.
func (o offsetIDs) first(at int) int {
	return sort.Search(len(o), func(j int) bool { return o[j].at >= at })
}

// sort sorts o by offset, keeping the order of equal ones (usually it is
// sorted already).
func (o offsetIDs) sort() {
	for i := 1; i < len(o); i++ {
		if o[i].at < o[i-1].at {
			slices.SortStableFunc(o, func(a, b offsetID) int { return cmp.Compare(a.at, b.at) })
			return
		}
	}
}

// cueID is a candidate's index with its cue.
type cueID struct {
	cue verbatim.Span
	id  int32
}

// cueIDs is sorted by cue (start, then end), then index.
type cueIDs []cueID

func cmpSpan(a, b verbatim.Span) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.End, b.End)
}

// sort sorts c by cue, keeping the order of equal ones.
func (c cueIDs) sort() {
	for i := 1; i < len(c); i++ {
		if cmpSpan(c[i].cue, c[i-1].cue) < 0 {
			slices.SortStableFunc(c, func(a, b cueID) int { return cmpSpan(a.cue, b.cue) })
			return
		}
	}
}

// first returns the position of the first entry with a cue at or after cue.
func (c cueIDs) first(cue verbatim.Span) int {
	return sort.Search(len(c), func(j int) bool { return cmpSpan(c[j].cue, cue) >= 0 })
}

// mentionIndex finds a document's mentions by where they end and by where
// they start, for the speaker phrase lookups (head, nameEndingAt). The
// mentions present at the first query are held in two sorted arrays (a
// map of that size cost more to fill than all the lookups: issue 20);
// mentions are only ever appended (coref adds the ones it resolves), and
// those go to two small maps, until they outnumber the arrays, which are
// then rebuilt with them.
type mentionIndex struct {
	n        int       // len(d.Mentions) indexed
	base     int       // len(d.Mentions) in the arrays
	byEnd    offsetIDs // the first base mentions by end
	byStart  offsetIDs // the first base mentions by start
	extraEnd map[int][]int32
	extraSt  map[int][]int32
}

// sortedBy returns the indexes of ms with the offset key gives, sorted by
// offset then index (names come in order of start: usually no sort).
func sortedBy(ms []verbatim.Mention, key func(m *verbatim.Mention) int) offsetIDs {
	o := make(offsetIDs, len(ms))
	sorted := true
	for i := range ms {
		o[i] = offsetID{key(&ms[i]), int32(i)}
		if i > 0 && o[i].at < o[i-1].at {
			sorted = false
		}
	}
	if !sorted {
		sort.SliceStable(o, func(a, b int) bool { return o[a].at < o[b].at })
	}
	return o
}

// mentions returns the index of st.d.Mentions, brought up to date.
func (st *state) mentions() *mentionIndex {
	ms := st.d.Mentions
	x := st.mx
	if x == nil || x.n > len(ms) || len(ms)-x.base > x.base {
		x = &mentionIndex{
			n: len(ms), base: len(ms),
			byEnd:   sortedBy(ms, func(m *verbatim.Mention) int { return m.End }),
			byStart: sortedBy(ms, func(m *verbatim.Mention) int { return m.Start }),
		}
		st.mx = x
		return x
	}
	if x.n < len(ms) && x.extraEnd == nil {
		x.extraEnd, x.extraSt = map[int][]int32{}, map[int][]int32{}
	}
	for i := x.n; i < len(ms); i++ {
		x.extraEnd[ms[i].End] = append(x.extraEnd[ms[i].End], int32(i))
		x.extraSt[ms[i].Start] = append(x.extraSt[ms[i].Start], int32(i))
	}
	x.n = len(ms)
	return x
}

// within calls f with the index of every mention starting in [lo, hi), in
// order of start then index, until f returns false.
func (x *mentionIndex) within(lo, hi int, f func(i int) bool) {
	j := x.byStart.first(lo)
	if len(x.extraSt) == 0 {
		for ; j < len(x.byStart) && x.byStart[j].at < hi; j++ {
			if !f(int(x.byStart[j].id)) {
				return
			}
		}
		return
	}
	// the appended mentions have the greater indexes: after those of
	// the arrays at each start
	for p := lo; p < hi; p++ {
		for ; j < len(x.byStart) && x.byStart[j].at == p; j++ {
			if !f(int(x.byStart[j].id)) {
				return
			}
		}
		for _, i := range x.extraSt[p] {
			if !f(int(i)) {
				return
			}
		}
	}
}

// syncOut adds the quotes appended to st.out since the last call to
// st.outIdx, the ones that are not indirect: what an indirect candidate
// may duplicate. The quotes found before the first call (the direct ones,
// all over the text) and those found after it (sentence by sentence) go to
// two indexes, each filled in order of start at little cost.
func (st *state) syncOut() {
	if st.outN == 0 && st.outBase == 0 {
		st.outBase = len(st.out) + 1 // +1: set even when st.out is empty
	}
	for ; st.outN < len(st.out); st.outN++ {
		if o := &st.out[st.outN]; o.Type != verbatim.Indirect {
			if st.outN < st.outBase-1 {
				st.outIdx.add(o.Span, st.outN)
			} else {
				st.outIdx2.add(o.Span, st.outN)
			}
		}
	}
}

// allRegs returns the indexes of every quote region, in order.
func (st *state) allRegs() []int {
	all := make([]int, len(st.regs))
	for i := range all {
		all[i] = i
	}
	return all
}
