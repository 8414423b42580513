package stories

import (
	"errors"
	"fmt"
	"math"

	"github.com/verbatim-news/verbatim/internal/binenc"
)

// Grouping records: what an article brings to grouping that never changes
// once it is added (its term vector and its MinHash signature) and is read
// only when the article is looked at again: as a candidate neighbour of a
// new article, as a member of a story being consolidated, or as the
// possible original of a syndicated copy. A clusterer with a RecordStore
// (UseRecords) hands the records of the articles added since its last
// flush to its caller (FlushRecords), which keeps them (a library: a
// table), and, once they are kept (RecordsKept), holds in memory only a
// bounded cache of them; the rest are read back when needed. Decisions are
// the ones a clusterer holding every record gives: a record read back is
// the record written, bit for bit.

// RecordStore reads back the records a clusterer flushed.
type RecordStore interface {
	// Record returns the record of the article at index i (clusterer
	// order), as FlushRecords handed it out.
	Record(i int) ([]byte, error)
}

// recordCache is how many records read back a clusterer keeps decoded:
// the articles a new one is compared with are mostly recent ones, which
// are kept as they are flushed.
var recordCache = 4096

// record is an article's grouping record decoded.
type record struct {
	vec []term
	sig *[sigLen]uint32
}

// UseRecords makes the clusterer keep its articles' records out of memory
// in st once they are flushed. Every article added before is flushed by the
// next FlushRecords.
func (c *Clusterer) UseRecords(st RecordStore) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.recs = st
	c.qstore, _ = st.(QuoteStore)
}

// FlushRecords hands the records of the articles not yet kept (index
// Kept() and above) to put, in order (none without UseRecords). They stay in memory until
// RecordsKept: should keeping them fail, nothing is lost.
func (c *Clusterer) FlushRecords(put func(i int, rec []byte) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.recs == nil {
		return nil // everything stays in memory
	}
	if err := c.flushFrom(c.kept, func(buf []byte, a *Article) []byte { return appendRecord(buf, a.vec, a.sig, a.copyOf < 0) }, put); err != nil {
		return err
	}
	c.flushed = len(c.articles)
	return nil
}

// flushFrom hands put what enc writes of each article from index from on,
// in order, in one reused buffer.
func (c *Clusterer) flushFrom(from int, enc func([]byte, *Article) []byte, put func(i int, data []byte) error) error {
	var buf []byte
	for i := from; i < len(c.articles); i++ {
		buf = enc(buf[:0], c.articles[i])
		if err := put(i, buf); err != nil {
			return err
		}
	}
	return nil
}

// RecordsKept tells the clusterer that the records FlushRecords handed out
// (and the quotes FlushQuotes handed out) are kept: it drops them from
// memory, but for the most recent records, which it caches, and the quotes
// of open stories.
func (c *Clusterer) RecordsKept() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.recs == nil {
		return
	}
	c.quotesKept()
	for i := c.kept; i < c.flushed; i++ {
		a := c.articles[i]
		if c.flushed-i <= recordCache {
			c.cacheRecord(int32(i), record{a.vec, a.sig})
		}
		a.vec, a.sig = nil, nil
	}
	c.kept = c.flushed
}

// Kept returns the number of articles whose records are kept out of
// memory (the first ones).
func (c *Clusterer) Kept() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.kept
}

// RecordsErr returns the first error reading a record back, if any: the
// decisions taken since may be wrong, and the state must not be written.
func (c *Clusterer) RecordsErr() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.recErr
}

func appendRecord(buf []byte, vec []term, sig *[sigLen]uint32, hasVec bool) []byte {
	flags := byte(0)
	if sig != nil {
		flags |= 1
	}
	if hasVec {
		flags |= 2
	}
	buf = append(buf, flags)
	if sig != nil {
		for _, v := range sig {
			buf = binenc.AppendU32(buf, v)
		}
	}
	if hasVec {
		buf = appendTerms(buf, vec)
	}
	return buf
}

// appendTerms encodes an id-sorted term list.
func appendTerms(buf []byte, ts []term) []byte {
	buf = binenc.AppendUint(buf, uint64(len(ts)))
	prev := int32(0)
	for _, t := range ts {
		buf = binenc.AppendUint(buf, uint64(t.id-prev))
		buf = binenc.AppendU32(buf, math.Float32bits(t.w))
		prev = t.id
	}
	return buf
}

var errRecord = errors.New("stories: corrupt grouping record")

func (c *Clusterer) decodeRecord(data []byte) (record, error) {
	d := binenc.NewDecoder(data)
	var r record
	flags := d.Byte()
	if flags&1 != 0 {
		r.sig = new([sigLen]uint32)
		for k := range r.sig {
			r.sig[k] = d.U32()
		}
	}
	if flags&2 != 0 {
		r.vec = make([]term, d.Count())
		id := int32(0)
		for k := range r.vec {
			id += int32(d.Uint())
			if int(id) >= len(c.words) {
				return record{}, errRecord
			}
			r.vec[k] = term{id, math.Float32frombits(d.U32())}
		}
	}
	if !d.Done() {
		return record{}, errRecord
	}
	return r, nil
}

// recordOf returns the record of article i: in memory while it is not
// kept, else from the cache or the store.
func (c *Clusterer) recordOf(i int) record {
	if i >= c.kept {
		a := c.articles[i]
		return record{a.vec, a.sig}
	}
	if r, ok := c.rcache[int32(i)]; ok {
		return r
	}
	var r record
	data, err := c.recs.Record(i)
	if err == nil {
		r, err = c.decodeRecord(data)
	}
	if err != nil {
		if c.recErr == nil {
			c.recErr = fmt.Errorf("article %d: %w", i, err)
		}
		return record{}
	}
	c.cacheRecord(int32(i), r)
	return r
}

// cacheRecord keeps a record decoded, evicting the one cached longest ago
// once the cache is full.
func (c *Clusterer) cacheRecord(i int32, r record) {
	if recordCache <= 0 {
		return
	}
	if c.rcache == nil {
		c.rcache = make(map[int32]record, recordCache)
	}
	if _, ok := c.rcache[i]; ok {
		return
	}
	if len(c.rring) < recordCache {
		c.rring = append(c.rring, i)
	} else {
		delete(c.rcache, c.rring[c.rnext])
		c.rring[c.rnext] = i
		c.rnext = (c.rnext + 1) % recordCache
	}
	c.rcache[i] = r
}

// vecOf returns the term vector of article i (nil for a copy).
func (c *Clusterer) vecOf(i int) []term { return c.recordOf(i).vec }

// sigOf returns the MinHash signature of article i (nil when too short).
func (c *Clusterer) sigOf(i int) *[sigLen]uint32 { return c.recordOf(i).sig }
