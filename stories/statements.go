package stories

import (
	"slices"
	"sort"
)

// quoteShingles appends to c.shingles the distinct hashes of the word
// 3-shingles of a quote (the whole word sequence as one shingle when it has
// fewer than three words), sorted, and returns where they start and the
// quote's number of words.
func (c *Clusterer) quoteShingles(s string) (int32, int) {
	hs := c.hbuf[:0]
	c.wbuf = wordIter(s, c.wbuf, func(_ []byte, h uint64, _ int) { hs = append(hs, h) })
	c.hbuf = hs
	n := len(hs)
	start := int32(len(c.shingles))
	if n == 0 {
		return start, 0
	}
	if n < 3 {
		h := uint64(7)
		for _, x := range hs {
			h = mix(h ^ x)
		}
		c.shingles = append(c.shingles, h)
		return start, n
	}
	c.shingles = room(c.shingles, n-2)
	for i := 0; i+3 <= n; i++ {
		c.shingles = append(c.shingles, mix(hs[i]*31^hs[i+1]*17^hs[i+2]))
	}
	sh := c.shingles[start:]
	slices.Sort(sh)
	c.shingles = c.shingles[:int(start)+len(slices.Compact(sh))]
	return start, n
}

// shingleOf returns the 3-shingle hashes of quote k (computed now for a
// quote loaded from a snapshot).
func (c *Clusterer) shingleOf(k int32) []uint64 {
	r := c.quote(k)
	if r.nsh < 0 {
		r.sh, _ = c.quoteShingles(r.Text)
		r.nsh = int32(len(c.shingles)) - r.sh
	}
	return c.shingles[r.sh : r.sh+r.nsh]
}

func (c *Clusterer) find(q int32) int32 {
	for c.parent[q] != q {
		c.parent[q] = c.parent[c.parent[q]]
		q = c.parent[q]
	}
	return q
}

func (c *Clusterer) union(a, b int32) {
	ra, rb := c.find(a), c.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	c.parent[rb] = ra // the earliest report is the root
}

// addQuotes records the quotes of an article and links each to the reports
// of the same statement already in the story: verbatim, truncated or partial
// quotes share most of the shorter one's 3-shingles. Quotes whose speakers
// resolve to different identities are never linked.
func (c *Clusterer) addQuotes(s *Story, ai int, f *Features) {
	a := c.articles[ai]
	if len(f.Quotes) > 0 {
		c.touchStatements(s)
		a.qs = make([]QuoteRef, 0, len(f.Quotes))
	}
	for qi, q := range f.Quotes {
		text := q.Text
		sh, n := c.quoteShingles(text)
		if n == 0 {
			continue
		}
		ref := QuoteRef{Article: a.ID, Quote: qi, Text: text, SaidOn: q.SaidOn, Outlet: a.Outlet,
			Via: q.Via, Syndicated: a.CopyOf != "", Story: s.ID, words: n, sh: sh, nsh: int32(len(c.shingles)) - sh}
		if ref.SaidOn == "" {
			ref.SaidOn = a.Published
		}
		if q.Speaker >= 0 && q.Speaker < len(f.Entities) {
			ref.SpeakerName = f.Entities[q.Speaker].Name
			if q.Speaker < len(a.Entities) {
				ref.Speaker = a.Entities[q.Speaker]
			}
		}
		k := int32(len(c.parent))
		a.qs = append(a.qs, ref)
		c.parent = append(room(c.parent, 1), k)
		c.qart = append(room(c.qart, 1), int32(ai))
		c.linkQuote(s, k)
	}
}

// qadd indexes quote k under 3-shingle h of story s. A shingle of one
// quote (most of them) maps to the quote itself; one of several quotes maps
// to -(i+1), i the index of its list in s.qmore: a map slot then takes 16
// bytes instead of the 40 of a slice beside the key.
func (s *Story) qadd(h uint64, k int32) {
	addCompact(s.qindex, &s.qmore, h, k, 0)
}

// indexedShingles is the number of 3-shingles a story's quotes must reach
// before they are indexed by shingle (Story.qindex): below it, a new quote is
// compared with each of the story's quotes by merging sorted shingle lists,
// which costs less than looking up each of its shingles in the index.
const indexedShingles = 1024

// linkQuote links quote k to the reports of the same statement among the
// quotes of story s, then adds it to s.
func (c *Clusterer) linkQuote(s *Story, k int32) {
	sh := c.shingleOf(k)
	ref := c.quote(k)
	n := ref.words
	if s.nsh < 0 { // loaded from a snapshot: count its quotes' shingles
		s.nsh = 0
		for _, o := range s.quoteIDs {
			s.nsh += len(c.shingleOf(o))
		}
	}
	if s.qindex == nil && s.nsh >= indexedShingles {
		s.qindex = make(map[uint64]int32, s.nsh)
		for _, o := range s.quoteIDs {
			for _, h := range c.shingleOf(o) {
				s.qadd(h, o)
			}
		}
	}
	// count shared shingles per earlier quote in a dense scratch array
	// (cleared through the touched list): the order of the unions below does
	// not matter, the resulting partition is the same
	if len(c.qcount) < len(c.parent) {
		c.qcount = append(c.qcount, make([]int32, len(c.parent)-len(c.qcount))...)
	}
	twin := false
	if s.qindex != nil {
		touched := c.touched[:0]
		for _, h := range sh {
			v, ok := s.qindex[h]
			if !ok {
				continue
			}
			one := [1]int32{v}
			qs := one[:]
			if v < 0 {
				qs = s.qmore[-v-1]
			}
			for _, o := range qs {
				if c.qcount[o] == 0 {
					touched = append(touched, o)
				}
				c.qcount[o]++
			}
		}
		c.touched = touched
		ks := c.quoteSpeaker(k)
		for _, o := range touched {
			cnt := int(c.qcount[o])
			c.qcount[o] = 0
			if os := c.quoteSpeaker(o); ks != 0 && os != 0 && ks != os {
				continue // different speakers: never one statement (as sameStatement)
			}
			other := c.quote(o)
			if c.sameStatement(ref, other, len(sh), cnt) {
				c.union(o, k)
				// the same words by the same speaker, now one statement:
				// every later quote links to both or to neither, so k
				// need not be indexed (a statement repeated by every
				// outlet would make its postings grow with each report)
				twin = twin || cnt == len(sh) && int(other.nsh) == len(sh) && other.words == n && other.Speaker == ref.Speaker
			}
		}
	} else {
		// compared one by one: a comparison stops as soon as the shingles
		// left cannot make the two quotes one statement
		for _, o := range s.quoteIDs {
			other := c.quote(o)
			if ref.Speaker != "" && other.Speaker != "" && ref.Speaker != other.Speaker {
				continue
			}
			if n < 3 || other.words < 3 {
				if n == other.words && commonAtLeast(sh, c.shingleOf(o), 1) {
					c.union(o, k)
				}
				continue
			}
			osh := c.shingleOf(o)
			if commonAtLeast(sh, osh, c.linkCount(min(len(sh), len(osh)))) {
				c.union(o, k)
			}
		}
	}
	if s.qindex != nil && !twin {
		for _, h := range sh {
			s.qadd(h, k)
		}
	}
	s.nsh += len(sh)
	s.quoteIDs = append(s.quoteIDs, k)
	c.links++
	s.linkedAt = c.links
}

// quoteSpeaker returns the dense id of quote k's speaker identity (0: none),
// numbered on first use; a quote's speaker never changes once it is added.
func (c *Clusterer) quoteSpeaker(k int32) int32 {
	for len(c.qspk) <= int(k) {
		c.qspk = append(c.qspk, -1)
	}
	if v := c.qspk[k]; v >= 0 {
		return v
	}
	var id int32
	if sp := c.quote(k).Speaker; sp != "" {
		if c.spkIDs == nil {
			c.spkIDs = map[string]int32{}
		}
		if id = c.spkIDs[sp]; id == 0 {
			id = int32(len(c.spkIDs) + 1)
			c.spkIDs[sp] = id
		}
	}
	c.qspk[k] = id
	return id
}

// sameStatement reports whether quote ref (of nsh shingles) and other,
// sharing cnt shingles, report one statement: quotes of different speakers
// never do; short quotes (under three words, one shingle) must match
// whole; longer ones must share at least two shingles and QuoteOverlap of
// the shorter quote's.
func (c *Clusterer) sameStatement(ref, other *QuoteRef, nsh, cnt int) bool {
	if ref.Speaker != "" && other.Speaker != "" && ref.Speaker != other.Speaker {
		return false
	}
	if ref.words < 3 || other.words < 3 {
		return ref.words == other.words && cnt == 1
	}
	return cnt >= 2 && float64(cnt) >= c.opt.QuoteOverlap*float64(min(nsh, int(other.nsh)))
}

// linkCount is the fewest shared shingles that make two quotes of three
// words or more one statement when the shorter has small shingles (as
// sameStatement decides).
func (c *Clusterer) linkCount(small int) int {
	k := 2
	for float64(k) < c.opt.QuoteOverlap*float64(small) {
		k++
	}
	return k
}

// commonAtLeast reports whether two sorted lists have at least need values
// in common; it stops as soon as the values left cannot reach need (need 1
// with one-value lists: the same value).
func commonAtLeast(a, b []uint64, need int) bool {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		if n+min(len(a)-i, len(b)-j) < need {
			return false
		}
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n >= need
}

// room returns s with room for n more elements, growing its capacity by a
// quarter. (Doubling it halved the copies but left up to half of the
// clusterer's per-quote arrays unused: a library's are loaded at their size
// and the first new article doubled them; +1,000 articles into a 10k
// library peaked 545 -> 500 MB with a quarter, when the quotes' reports
// were such an array.)
func room[T any](s []T, n int) []T {
	if cap(s)-len(s) < n {
		s = slices.Grow(s, max(n, len(s)/4))
	}
	return s
}

// Statement is one statement and all its reports across articles and outlets.
type Statement struct {
	ID          string     `json:"id"`
	Story       string     `json:"story"`
	Speaker     string     `json:"speaker,omitempty"` // identity id
	SpeakerName string     `json:"speaker_name,omitempty"`
	Text        string     `json:"text"`              // the longest report
	SaidOn      string     `json:"said_on,omitempty"` // the earliest date given by a report
	Outlets     []string   `json:"outlets,omitempty"` // independent outlets reporting it (syndicated copies excluded)
	Reports     []QuoteRef `json:"reports"`
	Count       int        `json:"-"` // number of reports
}

// statements groups the quotes selected by keep into statements ordered by
// date (undated last), then by first report.
func (c *Clusterer) statements(keep func(*QuoteRef) bool) []Statement {
	out, firstSeen := c.group(nil, keep, nil)
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := out[idx[a]].SaidOn, out[idx[b]].SaidOn
		if (x == "") != (y == "") {
			return x != ""
		}
		if x != y {
			return x < y
		}
		return firstSeen[idx[a]] < firstSeen[idx[b]]
	})
	sorted := make([]Statement, len(out))
	for i, k := range idx {
		sorted[i] = out[k]
	}
	return sorted
}

// Summaries returns every statement as Statements does, but in no
// particular order and without copying its reports: Reports is nil and
// Count is their number. It calls report with each report, in the order
// they were added, and the index of its statement in the returned slice (a
// library stores that, not the reports).
func (c *Clusterer) Summaries(report func(r *QuoteRef, statement int)) []Statement {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, _ := c.group(nil, func(*QuoteRef) bool { return true }, report)
	return out
}

// group gathers the quotes selected by keep (nil: all) among qs (sorted;
// nil: every quote) into statements in the order of their first report,
// which it also returns per statement. Without a report function, each
// statement gets copies of its reports; with one, report is called
// instead.
func (c *Clusterer) group(qs []int32, keep func(*QuoteRef) bool, report func(*QuoteRef, int)) ([]Statement, []int32) {
	byRoot := map[int32]int{}
	var out []Statement
	var firstSeen []int32
	n := len(c.parent)
	if qs != nil {
		n = len(qs)
	}
	defer c.unloadQuotes()
	for x := range n {
		i := x
		if qs != nil {
			i = int(qs[x])
		}
		if len(c.qloaded) >= quoteCache {
			c.unloadQuotes()
		}
		r := c.quote(int32(i))
		r.Story = c.stories[c.articles[c.qart[i]].story].ID
		if keep != nil && !keep(r) {
			continue
		}
		root := c.find(int32(i))
		k, ok := byRoot[root]
		if !ok {
			k = len(out)
			byRoot[root] = k
			out = append(out, Statement{ID: "q" + itoa(int(root)+1), Story: r.Story})
			firstSeen = append(firstSeen, int32(i))
		}
		st := &out[k]
		st.Count++
		if report != nil {
			report(r, k)
		} else {
			st.Reports = append(st.Reports, *r)
		}
		if len(r.Text) > len(st.Text) {
			st.Text = r.Text
		}
		if st.Speaker == "" && r.Speaker != "" {
			st.Speaker, st.SpeakerName = r.Speaker, r.SpeakerName
		}
		if r.SaidOn != "" && (st.SaidOn == "" || r.SaidOn < st.SaidOn) {
			st.SaidOn = r.SaidOn
		}
		if !r.Syndicated && r.Outlet != "" {
			dup := false
			for _, o := range st.Outlets {
				dup = dup || o == r.Outlet
			}
			if !dup {
				st.Outlets = append(st.Outlets, r.Outlet)
			}
		}
	}
	return out, firstSeen
}

// Timeline returns the statements of a story in order of the date they were
// made, each with all its reports (outlet, relay, syndicated flag).
func (c *Clusterer) Timeline(story string) []Statement {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.statements(func(r *QuoteRef) bool { return r.Story == story })
}

// PersonTimeline returns the statements attributed to an identity (an id of
// the Resolver) across all stories, in date order.
func (c *Clusterer) PersonTimeline(person string) []Statement {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.statements(func(r *QuoteRef) bool { return r.Speaker == person })
}

// Statements returns every statement of every story in date order.
func (c *Clusterer) Statements() []Statement {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.statements(func(*QuoteRef) bool { return true })
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
