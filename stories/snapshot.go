package stories

import (
	"errors"
	"maps"
	"math"
	"slices"

	"github.com/verbatim-news/verbatim/internal/binenc"
	"github.com/verbatim-news/verbatim/resolve"
)

// snapshotVersion is the first byte of a snapshot; a snapshot of another
// version is refused (the library then replays its stored features).
// Version 2: event stories (article vectors and neighbours, topics);
// version 3: an article's record (vector, signature) only when it is not
// kept apart (UseRecords), and the posting lists and LSH buckets written;
// version 4: the quotes' reports only when they are not kept apart
// (QuoteStore), their statements always.
const snapshotVersion = 4

// ErrSnapshot is returned for a snapshot that cannot be continued from: of
// another version, taken with other options, or corrupt.
var ErrSnapshot = errors.New("stories: unusable snapshot")

// AppendSnapshot appends the clusterer's whole state (vocabulary and
// document frequencies, articles with their vectors and neighbours, stories
// with their centroids, topics, signatures, quotes and their statements,
// and the resolver's identities) to buf. LoadSnapshot continues from it
// exactly as if every article had been added again; the resolver's
// decisions are not kept.
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
	buf = c.Resolver.WriteBinary(buf, part, flush)
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
		buf = binenc.AppendInt(buf, int64(a.day))
		buf = binenc.AppendUint(buf, uint64(len(a.refs)))
		for _, r := range a.refs {
			buf = binenc.AppendInt(buf, int64(r))
		}
		buf = binenc.AppendUint(buf, uint64(a.story))
		buf = binenc.AppendU64(buf, math.Float64bits(a.Similarity))
		buf = binenc.AppendUint(buf, uint64(a.copyOf+1))
		buf = binenc.AppendUint(buf, uint64(len(a.Entities)))
		for _, id := range a.Entities {
			buf = entity(buf, id)
		}
		buf = binenc.AppendUint(buf, uint64(len(a.people)))
		for _, p := range a.people {
			buf = entity(buf, p.id)
			buf = binenc.AppendUint(buf, uint64(p.n))
		}
		buf = binenc.AppendUint(buf, uint64(a.q0))
		buf = binenc.AppendUint(buf, uint64(a.nq))
		// its record (signature, vector) when it is not kept apart
		if i < c.flushed {
			buf = append(buf, 0)
		} else {
			buf = append(buf, 1)
			buf = appendRecord(buf, a.vec, a.sig, a.copyOf < 0)
		}
		if a.copyOf < 0 {
			// the neighbours it found (earlier articles); the later ones
			// that found it are restored from theirs
			found := 0
			for found < len(a.nbrs) && int(a.nbrs[found].to) < i {
				found++
			}
			buf = binenc.AppendUint(buf, uint64(found))
			for _, nb := range a.nbrs[:found] {
				buf = binenc.AppendUint(buf, uint64(nb.to))
				buf = binenc.AppendU32(buf, math.Float32bits(nb.text))
				buf = binenc.AppendU32(buf, math.Float32bits(nb.ent))
			}
		}
		more()
	}
	// the posting lists and the LSH buckets (their last entries, the only
	// ones scanned), by key
	tids := slices.Sorted(maps.Keys(c.apost))
	buf = binenc.AppendUint(buf, uint64(len(tids)))
	for _, t := range tids {
		buf = binenc.AppendUint(buf, uint64(t))
		buf = appendList(buf, c.apost[t], c.opt.MaxPostings)
		more()
	}
	keys := slices.Sorted(maps.Keys(c.lsh))
	buf = binenc.AppendUint(buf, uint64(len(keys)))
	for _, k := range keys {
		buf = binenc.AppendU64(buf, k)
		buf = appendList(buf, c.bucket(k), lshScan)
		more()
	}
	buf = binenc.AppendUint(buf, uint64(len(c.stories)))
	var pids []string
	for _, s := range c.stories {
		buf = binenc.AppendStr(buf, s.ID)
		buf = binenc.AppendStr(buf, s.Title)
		dead := byte(0)
		if s.dead {
			dead = 1
		}
		buf = append(buf, dead)
		buf = binenc.AppendInt(buf, int64(s.topic))
		buf = binenc.AppendInt(buf, int64(s.first))
		buf = binenc.AppendInt(buf, int64(s.last))
		buf = binenc.AppendUint(buf, uint64(s.dated))
		buf = binenc.AppendUint(buf, uint64(s.n))
		buf = binenc.AppendUint(buf, uint64(len(s.members)))
		for _, m := range s.members {
			buf = binenc.AppendUint(buf, uint64(m))
		}
		buf = appendTerms(buf, s.centroid)
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
	buf = binenc.AppendUint(buf, uint64(len(c.dirty)))
	for _, s := range c.dirty {
		buf = binenc.AppendUint(buf, uint64(s))
	}
	buf = binenc.AppendUint(buf, uint64(len(c.topics)))
	for _, t := range c.topics {
		buf = binenc.AppendStr(buf, t.ID)
		buf = binenc.AppendStr(buf, t.Label)
		dead := byte(0)
		if t.dead {
			dead = 1
		}
		buf = append(buf, dead)
		buf = binenc.AppendUint(buf, uint64(len(t.members)))
		for _, m := range t.members {
			buf = binenc.AppendUint(buf, uint64(m))
		}
	}
	more()
	// the quotes: each one's statement, then the reports of the articles
	// whose quotes are not kept apart (FlushQuotes)
	buf = binenc.AppendUint(buf, uint64(len(c.parent)))
	for i := range c.parent {
		buf = binenc.AppendUint(buf, uint64(c.find(int32(i))))
		if i%4096 == 4095 {
			more()
		}
	}
	buf = binenc.AppendUint(buf, uint64(c.qflushed))
	for _, a := range c.articles[c.qflushed:] {
		for i := range a.qs {
			q := &a.qs[i]
			buf = binenc.AppendUint(buf, uint64(q.Quote))
			buf = binenc.AppendStr(buf, q.Text)
			buf = entity(buf, q.Speaker)
			buf = binenc.AppendStr(buf, q.SpeakerName)
			buf = binenc.AppendStr(buf, q.SaidOn)
			buf = binenc.AppendStr(buf, q.Via)
			buf = binenc.AppendUint(buf, uint64(q.words))
		}
		more()
	}
	return buf
}

// appendList encodes the last n entries of an increasing list.
func appendList(buf []byte, list []int32, n int) []byte {
	if len(list) > n {
		list = list[len(list)-n:]
	}
	buf = binenc.AppendUint(buf, uint64(len(list)))
	prev := int32(-1)
	for _, x := range list {
		buf = binenc.AppendUint(buf, uint64(x-prev))
		prev = x
	}
	return buf
}

func appendOptions(buf []byte, o Options) []byte {
	for _, f := range []float64{o.Threshold, float64(o.DocTerms), float64(o.StoryTerms), float64(o.ProbeTerms),
		float64(o.MaxPostings), float64(o.Candidates), float64(o.Neighbours), float64(o.DateWindow), o.DateDecay, o.Syndicated,
		o.QuoteOverlap, o.IDFPower, o.Entities, o.Participants, o.Topic, o.Undated} {
		buf = binenc.AppendU64(buf, math.Float64bits(f))
	}
	return buf
}

// LoadSnapshot returns a clusterer in the state AppendSnapshot recorded.
// opt must be the options the snapshot was taken with (ErrSnapshot
// otherwise).
func LoadSnapshot(data []byte, opt Options) (*Clusterer, error) {
	return loadSnapshot(binenc.NewCloningDecoder(data), opt, nil)
}

// LoadSnapshotStream is LoadSnapshot of a snapshot of total bytes that
// next gives part by part (nil at the end; WriteSnapshot's parts): only the
// part being decoded is in memory besides the state.
func LoadSnapshotStream(total int, next func() []byte, opt Options) (*Clusterer, error) {
	return loadSnapshot(binenc.NewStreamDecoder(total, next), opt, nil)
}

// LoadSnapshotRecords is LoadSnapshotStream of a clusterer that keeps its
// records in st (UseRecords): the records the snapshot does not hold are
// read from st when needed.
func LoadSnapshotRecords(total int, next func() []byte, opt Options, st RecordStore) (*Clusterer, error) {
	return loadSnapshot(binenc.NewStreamDecoder(total, next), opt, st)
}

func loadSnapshot(d *binenc.Decoder, opt Options, st RecordStore) (*Clusterer, error) {
	opt.defaults()
	version := d.Byte()
	if version != snapshotVersion && version != 3 && version != 2 {
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
		c.ent = append(c.ent, len(c.words[i]) > 0 && c.words[i][0] == 1)
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
	terms := func() []term {
		ts := make([]term, d.Count())
		id := int32(0)
		for k := range ts {
			id += int32(d.Uint())
			if int(id) >= nw {
				d.Bad = true
				return nil
			}
			ts[k] = term{id, math.Float32frombits(d.U32())}
		}
		return ts
	}
	na := d.Count()
	c.articles = make([]*Article, 0, na)
	for i := 0; i < na && !d.Bad; i++ {
		a := &Article{ID: d.Str(), Title: d.Str(), Outlet: d.Str(), day: int(d.Int())}
		if nr := d.Count(); nr > 0 {
			a.refs = make([]int32, nr)
			for k := range a.refs {
				a.refs[k] = int32(d.Int())
			}
		}
		a.story, a.Similarity, a.copyOf = int(d.Uint()), math.Float64frombits(d.U64()), int(d.Uint())-1
		a.Published = dayString(a.day)
		if a.copyOf >= i {
			return nil, ErrSnapshot
		}
		if a.copyOf >= 0 {
			a.CopyOf = c.articles[a.copyOf].ID
		}
		if ne := d.Count(); ne > 0 {
			a.Entities = make([]string, ne)
			for k := range a.Entities {
				a.Entities[k] = entity()
			}
		}
		if np := d.Count(); np > 0 {
			a.people = make([]personWeight, np)
			for k := range a.people {
				a.people[k] = personWeight{entity(), int(d.Uint())}
			}
		}
		a.q0, a.nq = int32(d.Uint()), int32(d.Uint())
		inline := version == 2 || d.Byte() == 1
		if inline {
			// v2: 1 when a signature follows; v3: a record's flags, a
			// signature (1) and a vector (2, every article but copies)
			flags := d.Byte()
			if version == 2 && a.copyOf < 0 {
				flags |= 2
			}
			if flags&2 != 0 != (a.copyOf < 0) || flags > 3 {
				return nil, ErrSnapshot
			}
			if flags&1 != 0 {
				a.sig = new([sigLen]uint32)
				for k := range a.sig {
					a.sig[k] = d.U32()
				}
			}
			if flags&2 != 0 {
				a.vec = terms()
			}
		} else if i != c.kept || st == nil {
			return nil, ErrSnapshot // records kept apart come first, and need their store
		} else {
			c.kept++
		}
		if a.copyOf < 0 {
			found := d.Count()
			a.nbrs = make([]edge, found, found+2)
			for k := range a.nbrs {
				nb := edge{int32(d.Uint()), math.Float32frombits(d.U32()), math.Float32frombits(d.U32())}
				if int(nb.to) >= i {
					return nil, ErrSnapshot
				}
				a.nbrs[k] = nb
				o := c.articles[nb.to]
				o.nbrs = append(o.nbrs, edge{int32(i), nb.text, nb.ent})
			}
			if version == 2 {
				c.reindex(i, a.vec)
			}
		}
		c.byID[a.ID] = i
		c.articles = append(c.articles, a)
		if version == 2 && a.sig != nil {
			c.indexSig(i, a.sig)
		}
	}
	if version >= 3 {
		list := func(bound int) []int32 {
			out := make([]int32, d.Count())
			prev := int32(-1)
			for k := range out {
				prev += int32(d.Uint())
				if prev < 0 || int(prev) >= bound {
					d.Bad = true
					return nil
				}
				out[k] = prev
			}
			return out
		}
		for range d.Count() {
			t := d.Uint()
			if t >= uint64(nw) {
				return nil, ErrSnapshot
			}
			c.apost[int32(t)] = list(len(c.articles))
		}
		for range d.Count() {
			k := d.U64()
			for _, a := range list(len(c.articles)) {
				c.lshAdd(k, a)
			}
		}
	}
	c.flushed = c.kept
	c.recs = st
	c.qstore, _ = st.(QuoteStore)
	ns := d.Count()
	c.stories = make([]*Story, 0, ns)
	c.isDirty = make([]bool, 0, ns)
	for i := 0; i < ns && !d.Bad; i++ {
		s := &Story{ID: d.Str(), Title: d.Str(), idx: i, dead: d.Byte() == 1, topic: int(d.Int()), first: int(d.Int()),
			last: int(d.Int()), dated: int(d.Uint()), n: int(d.Uint())}
		s.members = make([]int, d.Count())
		s.Articles = make([]string, len(s.members))
		for k := range s.members {
			m := int(d.Uint())
			if m >= len(c.articles) {
				return nil, ErrSnapshot
			}
			s.members[k], s.Articles[k] = m, c.articles[m].ID
		}
		s.centroid = terms()
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
		c.stories = append(c.stories, s)
		c.isDirty = append(c.isDirty, false)
	}
	for _, a := range c.articles {
		if a.story >= len(c.stories) {
			return nil, ErrSnapshot
		}
		a.Story = c.stories[a.story].ID
	}
	nd := d.Count()
	for range nd {
		s := int(d.Uint())
		if s >= len(c.stories) {
			return nil, ErrSnapshot
		}
		c.markDirty(s)
	}
	nt := d.Count()
	for i := 0; i < nt && !d.Bad; i++ {
		t := &Topic{ID: d.Str(), Label: d.Str(), idx: i, dead: d.Byte() == 1}
		t.members = make([]int, d.Count())
		for k := range t.members {
			m := int(d.Uint())
			if m >= len(c.stories) {
				return nil, ErrSnapshot
			}
			t.members[k] = m
			t.Stories = append(t.Stories, c.stories[m].ID)
		}
		c.topics = append(c.topics, t)
	}
	for _, s := range c.stories {
		if s.topic >= len(c.topics) {
			return nil, ErrSnapshot
		}
	}
	// each article's quotes follow the previous article's
	nq := 0
	for _, a := range c.articles {
		if int(a.q0) != nq {
			return nil, ErrSnapshot
		}
		nq += int(a.nq)
	}
	if d.Count() != nq {
		return nil, ErrSnapshot
	}
	c.parent = make([]int32, nq)
	c.qart = make([]int32, 0, nq)
	c.qspk, c.spkIDs = nil, nil // quote numbers start again
	for ai, a := range c.articles {
		for range a.nq {
			c.qart = append(c.qart, int32(ai))
		}
	}
	quote := func(a *Article) QuoteRef {
		return QuoteRef{Article: a.ID, Quote: int(d.Uint()), Text: d.Str(), Speaker: entity(), SpeakerName: d.Str(),
			SaidOn: d.Str(), Via: d.Str(), Outlet: a.Outlet, Syndicated: a.CopyOf != "", words: int(d.Uint()), nsh: -1}
	}
	if version < 4 {
		// every quote in full, with its article, story and statement
		for i := 0; i < nq && !d.Bad; i++ {
			ai := int(d.Uint())
			if ai != int(c.qart[i]) {
				return nil, ErrSnapshot
			}
			a := c.articles[ai]
			if a.qs == nil {
				a.qs = make([]QuoteRef, 0, a.nq)
			}
			a.qs = append(a.qs, quote(a))
			if story := int(d.Uint()); story != a.story {
				return nil, ErrSnapshot
			}
			c.parent[i] = int32(d.Uint())
		}
	} else {
		for i := range c.parent {
			c.parent[i] = int32(d.Uint())
		}
		c.qflushed = int(min(d.Uint(), uint64(len(c.articles)+1)))
		if c.qflushed > len(c.articles) || c.qflushed > 0 && c.qstore == nil {
			return nil, ErrSnapshot // quotes kept apart need their store
		}
		c.qkept = c.qflushed
		for _, a := range c.articles[c.qflushed:] {
			if a.nq > 0 {
				a.qs = make([]QuoteRef, a.nq)
				for k := range a.qs {
					a.qs[k] = quote(a)
				}
			}
		}
	}
	for i, root := range c.parent {
		if root < 0 || root > int32(i) {
			return nil, ErrSnapshot
		}
	}
	if !d.Done() {
		return nil, ErrSnapshot
	}
	// a story's shingles are counted and indexed when an article joins it
	for _, s := range c.stories {
		for _, k := range s.quoteIDs {
			if int(k) >= len(c.parent) {
				return nil, ErrSnapshot
			}
		}
		s.nsh = -1
	}
	return c, nil
}

// reindex lists article ai (not a copy) under its probe terms, from its
// id-sorted vector: the strongest content and entity terms, as vector
// ordered them.
func (c *Clusterer) reindex(ai int, vec []term) {
	v := c.vecBuf[:0]
	e := c.entVec[:0]
	for _, t := range vec {
		if c.isEntity(t.id) {
			e = append(e, t)
		} else {
			v = append(v, t)
		}
	}
	c.sortByWeight(v)
	c.sortByWeight(e)
	k := len(v)
	v = append(v, e...)
	c.index(ai, v, k)
	c.vecBuf, c.entVec = v, e
}
