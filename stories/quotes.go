package stories

import (
	"errors"
	"fmt"

	"github.com/verbatim-news/verbatim/internal/binenc"
)

// Quotes kept apart: an article's quotes (their texts, speakers, dates) are
// needed only when a new quote is linked to the statements of its story
// (the story must be open, or reopen), when the rows of its story's
// statements are built again, or when every statement is listed. A
// clusterer whose RecordStore is also a QuoteStore hands each article's
// quotes to its caller with its record (FlushQuotes), and once they are
// kept (RecordsKept) holds them in memory only while the article's story
// keeps its linking state (an open story: release.go); the others are read
// back when needed and dropped again. What stays in memory per quote is its
// article and its statement (the union-find), 8 bytes. The decisions are
// the ones a clusterer holding every quote gives: a quote read back is the
// quote written.

// QuoteStore reads back the quotes a clusterer flushed (FlushQuotes). A
// RecordStore that is also a QuoteStore keeps the quotes apart too.
type QuoteStore interface {
	// Quotes returns the quotes of the article at index i (clusterer
	// order), as FlushQuotes handed them out.
	Quotes(i int) ([]byte, error)
}

// quoteCache is how many articles' quotes read back for listing (group)
// are held at once before they are dropped.
const quoteCache = 1024

// quote returns quote k, reading its article's quotes back if they are not
// in memory.
func (c *Clusterer) quote(k int32) *QuoteRef {
	ai := c.qart[k]
	a := c.articles[ai]
	if a.qs == nil {
		c.loadQuotes(int(ai))
	}
	return &a.qs[k-a.q0]
}

var errQuotes = errors.New("stories: corrupt quotes of an article")

// loadQuotes reads the quotes of article ai back from the store.
func (c *Clusterer) loadQuotes(ai int) {
	a := c.articles[ai]
	var err error
	if c.qstore == nil || ai >= c.qkept {
		err = errQuotes // in memory until kept: cannot be missing
	} else {
		var data []byte
		if data, err = c.qstore.Quotes(ai); err == nil {
			a.qs, err = decodeQuotes(data, a)
		}
	}
	if err != nil {
		if c.recErr == nil {
			c.recErr = fmt.Errorf("quotes of article %d: %w", ai, err)
		}
		// the decisions are wrong from here on, and RecordsErr says so:
		// empty quotes keep the clusterer going
		a.qs = make([]QuoteRef, a.nq)
		for i := range a.qs {
			a.qs[i].nsh = -1
		}
	}
	c.qloaded = append(c.qloaded, int32(ai))
}

// quotesNeeded reports whether article ai's quotes must stay in memory: not
// kept apart yet, or of a story whose linking state is in memory.
func (c *Clusterer) quotesNeeded(ai int) bool {
	return ai >= c.qkept || c.stories[c.articles[ai].story].nsh >= 0
}

// unloadQuotes drops the quotes read back that are not needed.
func (c *Clusterer) unloadQuotes() {
	for _, ai := range c.qloaded {
		if !c.quotesNeeded(int(ai)) {
			c.dropQuotes(c.articles[ai])
		}
	}
	c.qloaded = c.qloaded[:0]
}

// dropQuotes drops an article's quotes from memory (their shingles go at
// the next compactShingles).
func (c *Clusterer) dropQuotes(a *Article) {
	a.qs = nil
}

// FlushQuotes hands the quotes of the articles whose quotes are not yet
// kept to put, in order, one article at a time (an article without
// quotes too), when the clusterer's store is a QuoteStore (none
// otherwise). They stay in memory until RecordsKept.
func (c *Clusterer) FlushQuotes(put func(i int, quotes []byte) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.qstore == nil {
		return nil
	}
	if err := c.flushFrom(c.qkept, appendQuotes, put); err != nil {
		return err
	}
	c.qflushed = len(c.articles)
	return nil
}

// QuotesKept returns the number of articles whose quotes are kept apart
// (the first ones).
func (c *Clusterer) QuotesKept() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.qkept
}

// quotesKept drops the quotes FlushQuotes handed out that are not needed
// (RecordsKept).
func (c *Clusterer) quotesKept() {
	if c.qstore == nil {
		return
	}
	from := c.qkept
	c.qkept = c.qflushed
	for i := from; i < c.qkept; i++ {
		if !c.quotesNeeded(i) {
			c.dropQuotes(c.articles[i])
		}
	}
}

// QuotesInMemory returns the number of quotes whose reports are in memory
// (for tests and measurements).
func (c *Clusterer) QuotesInMemory() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, a := range c.articles {
		n += len(a.qs)
	}
	return n
}

// appendQuotes encodes the quotes of an article (what its article does not
// give of them).
func appendQuotes(buf []byte, a *Article) []byte {
	buf = binenc.AppendUint(buf, uint64(len(a.qs)))
	for i := range a.qs {
		q := &a.qs[i]
		buf = binenc.AppendUint(buf, uint64(q.Quote))
		buf = binenc.AppendStr(buf, q.Text)
		buf = binenc.AppendStr(buf, q.Speaker)
		buf = binenc.AppendStr(buf, q.SpeakerName)
		buf = binenc.AppendStr(buf, q.SaidOn)
		buf = binenc.AppendStr(buf, q.Via)
		buf = binenc.AppendUint(buf, uint64(q.words))
	}
	return buf
}

// decodeQuotes decodes the quotes appendQuotes encoded of article a.
func decodeQuotes(data []byte, a *Article) ([]QuoteRef, error) {
	d := binenc.NewDecoder(data)
	n := d.Count()
	if n != int(a.nq) {
		return nil, errQuotes
	}
	qs := make([]QuoteRef, n)
	for i := range qs {
		qs[i] = QuoteRef{Article: a.ID, Quote: int(d.Uint()), Text: d.Str(), Speaker: d.Str(), SpeakerName: d.Str(),
			SaidOn: d.Str(), Via: d.Str(), words: int(d.Uint()), Outlet: a.Outlet, Syndicated: a.CopyOf != "", nsh: -1}
	}
	if !d.Done() {
		return nil, errQuotes
	}
	return qs, nil
}
