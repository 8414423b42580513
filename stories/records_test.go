package stories

import (
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// mapStore keeps flushed records in a map and counts the reads.
type mapStore struct {
	recs       map[int][]byte
	quotes     map[int][]byte
	reads      int
	quoteReads int
	fail       bool
}

func (m *mapStore) put(i int, rec []byte) error {
	m.recs[i] = slices.Clone(rec)
	return nil
}

func (m *mapStore) putQuotes(i int, qs []byte) error {
	if m.quotes == nil {
		m.quotes = map[int][]byte{}
	}
	m.quotes[i] = slices.Clone(qs)
	return nil
}

// Quotes makes the store a QuoteStore.
func (m *mapStore) Quotes(i int) ([]byte, error) {
	m.quoteReads++
	if m.fail {
		return nil, errors.New("disk gone")
	}
	q, ok := m.quotes[i]
	if !ok {
		return nil, fmt.Errorf("no quotes %d", i)
	}
	return q, nil
}

func (m *mapStore) Record(i int) ([]byte, error) {
	m.reads++
	if m.fail {
		return nil, errors.New("disk gone")
	}
	r, ok := m.recs[i]
	if !ok {
		return nil, fmt.Errorf("no record %d", i)
	}
	return r, nil
}

// signed gives the event articles MinHash signatures, and makes every
// ninth article a syndicated copy of the one before (same words, another
// outlet).
func signed(fs []*Features, seed int64) []*Features {
	r := rand.New(rand.NewSource(seed))
	for i, f := range fs {
		if i%9 == 8 {
			cp := *fs[i-1]
			cp.Outlet = "wire"
			fs[i] = &cp
			continue
		}
		sig := new([sigLen]uint32)
		for k := range sig {
			sig[k] = r.Uint32()
		}
		f.Sig = sig
	}
	return fs
}

// TestRecordsKeptApartSameDecisions: a clusterer that keeps its articles'
// vectors and signatures in a store (read back through a small cache, and
// continued from snapshots that leave them out) decides every story,
// copy, statement and identity as one that holds them all.
func TestRecordsKeptApartSameDecisions(t *testing.T) {
	defer func(n int) { recordCache = n }(recordCache)
	recordCache = 16
	fs := signed(eventFeatures(5, 1200, 41), 5)
	whole := New(Options{})
	st := &mapStore{recs: map[int][]byte{}}
	apart := New(Options{})
	apart.UseRecords(st)
	snapshots := 0
	for i, f := range fs {
		id := fmt.Sprintf("a%d", i)
		whole.AddFeatures(f, id)
		apart.AddFeatures(f, id)
		if i%100 == 99 {
			whole.Consolidate()
			apart.Consolidate()
			if err := apart.FlushRecords(st.put); err != nil {
				t.Fatal(err)
			}
			if err := apart.FlushQuotes(st.putQuotes); err != nil {
				t.Fatal(err)
			}
			apart.RecordsKept()
			apart.ReleaseClosed()
		}
		if i%300 == 299 {
			snap := apart.AppendSnapshot(nil)
			if _, err := LoadSnapshot(snap, Options{}); err != ErrSnapshot {
				t.Fatalf("a snapshot whose records are kept apart loaded without them: %v", err)
			}
			l, err := LoadSnapshotRecords(len(snap), inParts(snap, 4093), Options{}, st)
			if err != nil {
				t.Fatalf("article %d: %v", i, err)
			}
			if again := l.AppendSnapshot(nil); string(again) != string(snap) {
				t.Fatalf("article %d: the loaded clusterer's snapshot differs", i)
			}
			apart = l
			snapshots++
		}
	}
	whole.Consolidate()
	apart.Consolidate()
	if err := apart.RecordsErr(); err != nil {
		t.Fatal(err)
	}
	if apart.Kept() < 1000 || apart.articles[0].vec != nil || st.reads == 0 {
		t.Fatalf("records not kept apart: %d kept, first vector in memory %v, %d reads", apart.Kept(), apart.articles[0].vec != nil, st.reads)
	}
	if inMem, all := apart.QuotesInMemory(), len(apart.parent); apart.QuotesKept() < 1000 || st.quoteReads == 0 || inMem > all/2 {
		t.Fatalf("quotes not kept apart: %d articles' kept, %d read back, %d of %d in memory", apart.QuotesKept(), st.quoteReads, inMem, all)
	}
	copies := 0
	for _, a := range apart.Articles() {
		if a.CopyOf != "" {
			copies++
		}
	}
	if copies < 100 {
		t.Fatalf("%d copies found, want the %d made", copies, len(fs)/9)
	}
	got, want := grouping(apart), grouping(whole)
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("decisions differ at line %d:\napart %s\nwhole %s", i, gl[i], wl[i])
			}
		}
		t.Fatalf("decisions differ: %d lines apart, %d whole", len(gl), len(wl))
	}
	t.Logf("%d records and %d articles' quotes read back, %d snapshots, %d copies", st.reads, st.quoteReads, snapshots, copies)

	// a record that cannot be read is reported, not taken as empty
	st.fail = true
	apart.rcache, apart.rring, apart.rnext = nil, nil, 0
	apart.AddFeatures(fs[3], "again")
	if apart.RecordsErr() == nil {
		t.Fatal("a failed read went unreported")
	}
}

// TestPostingsBounded: a term's posting list and an LSH bucket keep no
// more than twice the entries that are scanned.
func TestPostingsBounded(t *testing.T) {
	c := New(Options{MaxPostings: 5})
	n := 2*lshScan + 7
	for i := range n {
		// signatures sharing their first band only: not copies
		sig := new([sigLen]uint32)
		for k := rows; k < sigLen; k++ {
			sig[k] = uint32(i*sigLen + k)
		}
		c.AddFeatures(&Features{Title: "same words", Day: 100, Terms: []string{"same", "word"}, Counts: []int32{2, 1}, Sig: sig}, fmt.Sprint(i))
	}
	for id, post := range c.apost {
		if len(post) >= 10 || len(post) < 5 || post[len(post)-1] != int32(n-1) {
			t.Errorf("term %d: posting list %v", id, post)
		}
	}
	if b := c.bucket(bandKey(new([sigLen]uint32), 0)); len(b) >= 2*lshScan || len(b) < lshScan || b[len(b)-1] != int32(n-1) {
		t.Errorf("bucket of %d, last %d", len(b), b[len(b)-1])
	}
}
