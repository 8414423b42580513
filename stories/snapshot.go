package stories

import (
	"errors"
	"math"
	"slices"

	"github.com/verbatim-news/verbatim/internal/binenc"
	"github.com/verbatim-news/verbatim/resolve"
)

// snapshotVersion is the first byte of a snapshot; a snapshot of another
// version is refused (the library then replays its stored features).
const snapshotVersion = 1

// ErrSnapshot is returned for a snapshot that cannot be continued from: of
// another version, taken with other options, or corrupt.
var ErrSnapshot = errors.New("stories: unusable snapshot")

// AppendSnapshot appends the clusterer's whole state (vocabulary and
// document frequencies, articles, stories with their centroids and index
// terms, signatures, quotes and their statements, and the resolver's
// identities) to buf. LoadSnapshot continues from it exactly as if every
// article had been added again; the resolver's decisions are not kept.
func (c *Clusterer) AppendSnapshot(buf []byte) []byte {
	return c.WriteSnapshot(buf, 0, nil)
}

// WriteSnapshot is AppendSnapshot in parts: whenever buf holds part bytes
// or more, it is passed to flush, which returns the buffer to continue in
// (usually buf[:0]); the rest is returned. The parts and the rest, in
// order, are the bytes AppendSnapshot gives, and the state is never all in
// memory at once.
func (c *Clusterer) WriteSnapshot(buf []byte, part int, flush func([]byte) []byte) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	more := func() {
		if flush != nil && len(buf) >= part {
			buf = flush(buf)
		}
	}
	buf = append(buf, snapshotVersion)
	buf = appendOptions(buf, c.opt)
	buf = binenc.AppendUint(buf, uint64(c.nDF))
	buf = binenc.AppendUint(buf, uint64(len(c.words)))
	for i, w := range c.words {
		buf = binenc.AppendStr(buf, w)
		buf = binenc.AppendUint(buf, uint64(c.df[i]))
		more()
	}
	buf = c.Resolver.AppendBinary(buf)
	more()
	ents := make(map[string]int, len(c.Resolver.Entities))
	for i, e := range c.Resolver.Entities {
		ents[e.ID] = i
	}
	entity := func(buf []byte, id string) []byte {
		if id == "" {
			return binenc.AppendUint(buf, 0)
		}
		return binenc.AppendUint(buf, uint64(ents[id]+1))
	}
	buf = binenc.AppendUint(buf, uint64(len(c.articles)))
	for i, a := range c.articles {
		buf = binenc.AppendStr(buf, a.ID)
		buf = binenc.AppendStr(buf, a.Title)
		buf = binenc.AppendStr(buf, a.Outlet)
		buf = binenc.AppendStr(buf, a.Published)
		buf = binenc.AppendUint(buf, uint64(a.story))
		buf = binenc.AppendU64(buf, math.Float64bits(a.Similarity))
		copyOf := 0
		if a.CopyOf != "" {
			copyOf = c.byID[a.CopyOf] + 1
		}
		buf = binenc.AppendUint(buf, uint64(copyOf))
		buf = binenc.AppendUint(buf, uint64(len(a.Entities)))
		for _, id := range a.Entities {
			buf = entity(buf, id)
		}
		if sig := c.sigs[i]; sig == nil {
			buf = append(buf, 0)
		} else {
			buf = append(buf, 1)
			for _, v := range sig {
				buf = binenc.AppendU32(buf, v)
			}
		}
		more()
	}
	buf = binenc.AppendUint(buf, uint64(len(c.stories)))
	var pids []string
	for _, s := range c.stories {
		buf = binenc.AppendStr(buf, s.ID)
		buf = binenc.AppendStr(buf, s.Title)
		buf = binenc.AppendInt(buf, int64(s.into))
		buf = binenc.AppendInt(buf, int64(s.first))
		buf = binenc.AppendInt(buf, int64(s.last))
		buf = binenc.AppendUint(buf, uint64(s.n))
		buf = binenc.AppendU64(buf, math.Float64bits(s.norm))
		buf = binenc.AppendUint(buf, uint64(len(s.members)))
		for _, m := range s.members {
			buf = binenc.AppendUint(buf, uint64(m))
		}
		buf = binenc.AppendUint(buf, uint64(len(s.centroid)))
		prev := int32(0)
		for _, t := range s.centroid { // sorted by id
			buf = binenc.AppendUint(buf, uint64(t.id-prev))
			buf = binenc.AppendU32(buf, math.Float32bits(t.w))
			prev = t.id
		}
		idx := make([]int32, 0, len(s.indexed))
		for id := range s.indexed {
			idx = append(idx, id)
		}
		slices.Sort(idx)
		buf = binenc.AppendUint(buf, uint64(len(idx)))
		prev = 0
		for _, id := range idx {
			buf = binenc.AppendUint(buf, uint64(id-prev))
			prev = id
		}
		buf = binenc.AppendUint(buf, uint64(len(s.quoteIDs)))
		for _, k := range s.quoteIDs {
			buf = binenc.AppendUint(buf, uint64(k))
		}
		pids = pids[:0]
		for p := range s.people {
			pids = append(pids, p)
		}
		slices.Sort(pids)
		buf = binenc.AppendUint(buf, uint64(len(pids)))
		for _, p := range pids {
			buf = entity(buf, p)
			buf = binenc.AppendUint(buf, uint64(s.people[p]))
		}
		more()
	}
	terms := make([]int32, 0, len(c.postings))
	for t := range c.postings {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	buf = binenc.AppendUint(buf, uint64(len(terms)))
	for _, t := range terms {
		buf = binenc.AppendUint(buf, uint64(t))
		post := c.postings[t]
		buf = binenc.AppendUint(buf, uint64(len(post)))
		for _, s := range post {
			buf = binenc.AppendUint(buf, uint64(s))
		}
		more()
	}
	buf = binenc.AppendUint(buf, uint64(len(c.quotes)))
	for i := range c.quotes {
		q := &c.quotes[i]
		buf = binenc.AppendUint(buf, uint64(c.byID[q.Article]))
		buf = binenc.AppendUint(buf, uint64(q.Quote))
		buf = binenc.AppendStr(buf, q.Text)
		buf = entity(buf, q.Speaker)
		buf = binenc.AppendStr(buf, q.SpeakerName)
		buf = binenc.AppendStr(buf, q.SaidOn)
		buf = binenc.AppendStr(buf, q.Via)
		buf = binenc.AppendUint(buf, uint64(q.words))
		buf = binenc.AppendUint(buf, uint64(q.story))
		buf = binenc.AppendUint(buf, uint64(c.find(int32(i))))
		more()
	}
	return buf
}

func appendOptions(buf []byte, o Options) []byte {
	for _, f := range []float64{o.Threshold, float64(o.DocTerms), float64(o.StoryTerms), float64(o.ProbeTerms),
		float64(o.MaxPostings), float64(o.Candidates), float64(o.DateWindow), o.DateDecay, o.Syndicated,
		o.QuoteOverlap, o.IDFPower, o.Merge} {
		buf = binenc.AppendU64(buf, math.Float64bits(f))
	}
	return buf
}

// LoadSnapshot returns a clusterer in the state AppendSnapshot recorded.
// opt must be the options the snapshot was taken with (ErrSnapshot
// otherwise).
func LoadSnapshot(data []byte, opt Options) (*Clusterer, error) {
	opt.defaults()
	d := binenc.NewDecoder(data)
	if d.Byte() != snapshotVersion {
		return nil, ErrSnapshot
	}
	want := appendOptions(nil, opt)
	for i := 0; i < len(want); i += 8 {
		if v := d.U64(); v != binenc.NewDecoder(want[i:i+8]).U64() {
			return nil, ErrSnapshot
		}
	}
	c := New(opt)
	c.nDF = int(d.Uint())
	nw := d.Count()
	c.words, c.df = make([]string, nw), make([]int32, nw)
	for i := range nw {
		c.words[i] = d.Str()
		c.df[i] = int32(d.Uint())
		c.vocab[c.words[i]] = int32(i)
	}
	r, err := resolve.Decode(d)
	if err != nil {
		return nil, ErrSnapshot
	}
	c.Resolver = r
	entity := func() string {
		k := int(d.Uint())
		if k == 0 || k > len(r.Entities) {
			if k > 0 {
				d.Bad = true
			}
			return ""
		}
		return r.Entities[k-1].ID
	}
	na := d.Count()
	c.articles = make([]*Article, 0, na)
	c.sigs = make([]*[sigLen]uint32, 0, na)
	copyOf := make([]int, 0, na)
	for i := 0; i < na && !d.Bad; i++ {
		a := &Article{ID: d.Str(), Title: d.Str(), Outlet: d.Str(), Published: d.Str(), story: int(d.Uint()),
			Similarity: math.Float64frombits(d.U64())}
		copyOf = append(copyOf, int(d.Uint()))
		if ne := d.Count(); ne > 0 {
			a.Entities = make([]string, ne)
			for k := range a.Entities {
				a.Entities[k] = entity()
			}
		}
		var sig *[sigLen]uint32
		if d.Byte() == 1 {
			sig = new([sigLen]uint32)
			for k := range sig {
				sig[k] = d.U32()
			}
		}
		c.byID[a.ID] = i
		c.articles = append(c.articles, a)
		c.sigs = append(c.sigs, sig)
		if sig != nil {
			c.indexSig(i, sig)
		}
	}
	for i, o := range copyOf {
		if o > 0 {
			if o > len(c.articles) {
				return nil, ErrSnapshot
			}
			c.articles[i].CopyOf = c.articles[o-1].ID
		}
	}
	ns := d.Count()
	c.stories = make([]*Story, 0, ns)
	for i := 0; i < ns && !d.Bad; i++ {
		s := &Story{ID: d.Str(), Title: d.Str(), idx: i, into: int(d.Int()), first: int(d.Int()), last: int(d.Int()),
			n: int(d.Uint()), norm: math.Float64frombits(d.U64())}
		s.members = make([]int, d.Count())
		s.Articles = make([]string, len(s.members))
		for k := range s.members {
			m := int(d.Uint())
			if m >= len(c.articles) {
				return nil, ErrSnapshot
			}
			s.members[k], s.Articles[k] = m, c.articles[m].ID
		}
		s.centroid = make([]term, d.Count())
		id := int32(0)
		for k := range s.centroid {
			id += int32(d.Uint())
			s.centroid[k] = term{id, math.Float32frombits(d.U32())}
		}
		nx := d.Count()
		s.indexed = make(map[int32]bool, nx)
		id = 0
		for range nx {
			id += int32(d.Uint())
			s.indexed[id] = true
		}
		s.quoteIDs = make([]int32, d.Count())
		for k := range s.quoteIDs {
			s.quoteIDs[k] = int32(d.Uint())
		}
		np := d.Count()
		s.people = make(map[string]int, np)
		for range np {
			p := entity()
			s.people[p] = int(d.Uint())
		}
		if s.into >= 0 { // merged: holds nothing any more
			s.members, s.Articles, s.centroid, s.quoteIDs, s.people, s.indexed = nil, nil, nil, nil, nil, nil
		}
		c.stories = append(c.stories, s)
	}
	for _, s := range c.stories {
		if s.into >= len(c.stories) || s.into == s.idx {
			return nil, ErrSnapshot
		}
	}
	for _, a := range c.articles {
		if a.story >= len(c.stories) {
			return nil, ErrSnapshot
		}
		a.Story = c.stories[a.story].ID
	}
	nt := d.Count()
	for range nt {
		t := int32(d.Uint())
		post := make([]int32, d.Count())
		for k := range post {
			post[k] = int32(d.Uint())
			if int(post[k]) >= len(c.stories) {
				d.Bad = true
			}
		}
		c.postings[t] = post
	}
	nq := d.Count()
	c.quotes = make([]QuoteRef, 0, nq)
	c.parent = make([]int32, 0, nq)
	for i := 0; i < nq && !d.Bad; i++ {
		ai := int(d.Uint())
		if ai >= len(c.articles) {
			return nil, ErrSnapshot
		}
		a := c.articles[ai]
		q := QuoteRef{Article: a.ID, Quote: int(d.Uint()), Text: d.Str(), Speaker: entity(), SpeakerName: d.Str(),
			SaidOn: d.Str(), Via: d.Str(), Outlet: a.Outlet, Syndicated: a.CopyOf != "", words: int(d.Uint()), story: int(d.Uint()), nsh: -1}
		root := int32(d.Uint())
		if q.story >= len(c.stories) || root > int32(i) {
			return nil, ErrSnapshot
		}
		q.Story = c.stories[q.story].ID
		c.quotes = append(c.quotes, q)
		c.parent = append(c.parent, root)
	}
	if !d.Done() {
		return nil, ErrSnapshot
	}
	// a story's shingles are counted and indexed when an article joins it
	for _, s := range c.stories {
		for _, k := range s.quoteIDs {
			if int(k) >= len(c.quotes) {
				return nil, ErrSnapshot
			}
		}
		s.nsh = -1
	}
	return c, nil
}
