package stories

import (
	"sort"
)

// quoteShingles returns the hashes of the word 3-shingles of a quote (the
// whole word sequence as one shingle when it has fewer than three words) and
// its number of words.
func (c *Clusterer) quoteShingles(s string) ([]uint64, int) {
	var hs []uint64
	c.wbuf = wordIter(s, c.wbuf, func(w []byte) { hs = append(hs, hashWord(w)) })
	n := len(hs)
	if n == 0 {
		return nil, 0
	}
	if n < 3 {
		h := uint64(7)
		for _, x := range hs {
			h = mix(h ^ x)
		}
		return []uint64{h}, n
	}
	out := make([]uint64, 0, n-2)
	seen := make(map[uint64]bool, n)
	for i := 0; i+3 <= n; i++ {
		h := mix(hs[i]*31 ^ hs[i+1]*17 ^ hs[i+2])
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out, n
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
func (c *Clusterer) addQuotes(s *Story, a *Article, f *Features) {
	for qi, q := range f.Quotes {
		text := q.Text
		sh, n := c.quoteShingles(text)
		if n == 0 {
			continue
		}
		ref := QuoteRef{Article: a.ID, Quote: qi, Text: text, SaidOn: q.SaidOn, Outlet: a.Outlet,
			Via: q.Via, Syndicated: a.CopyOf != "", Story: s.ID, words: n, shingle: sh}
		if ref.SaidOn == "" {
			ref.SaidOn = a.Published
		}
		if q.Speaker >= 0 && q.Speaker < len(f.Entities) {
			ref.SpeakerName = f.Entities[q.Speaker].Name
			if q.Speaker < len(a.Entities) {
				ref.Speaker = a.Entities[q.Speaker]
			}
		}
		ref.story = s.idx
		k := int32(len(c.quotes))
		c.quotes = append(c.quotes, ref)
		c.parent = append(c.parent, k)
		c.linkQuote(s, k)
	}
}

// linkQuote links quote k to the reports of the same statement among the
// quotes of story s, then indexes it under s.
func (c *Clusterer) linkQuote(s *Story, k int32) {
	ref := &c.quotes[k]
	sh, n := ref.shingle, ref.words
	// count shared shingles per earlier quote in a dense scratch array
	// (cleared through the touched list): the order of the unions below does
	// not matter, the resulting partition is the same
	if len(c.qcount) < len(c.quotes) {
		c.qcount = append(c.qcount, make([]int32, len(c.quotes)-len(c.qcount))...)
	}
	touched := c.touched[:0]
	for _, h := range sh {
		for _, o := range s.quotes[h] {
			if c.qcount[o] == 0 {
				touched = append(touched, o)
			}
			c.qcount[o]++
		}
	}
	c.touched = touched
	for _, o := range touched {
		cnt := int(c.qcount[o])
		c.qcount[o] = 0
		other := &c.quotes[o]
		if ref.Speaker != "" && other.Speaker != "" && ref.Speaker != other.Speaker {
			continue
		}
		small := min(len(sh), len(other.shingle))
		if n < 3 || other.words < 3 {
			if n == other.words && cnt == 1 {
				c.union(o, k)
			}
			continue
		}
		if cnt >= 2 && float64(cnt) >= c.opt.QuoteOverlap*float64(small) {
			c.union(o, k)
		}
	}
	for _, h := range sh {
		s.quotes[h] = append(s.quotes[h], k)
	}
	s.quoteIDs = append(s.quoteIDs, k)
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
}

// statements groups the quotes selected by keep into statements ordered by
// date (undated last), then by first report.
func (c *Clusterer) statements(keep func(*QuoteRef) bool) []Statement {
	byRoot := map[int32]int{}
	var out []Statement
	var firstSeen []int32
	for i := range c.quotes {
		r := &c.quotes[i]
		r.Story = c.stories[c.alive(r.story)].ID
		if !keep(r) {
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
		st.Reports = append(st.Reports, *r)
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
