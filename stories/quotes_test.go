package stories

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sameGrouping fails the test at the first line where two clusterers'
// decisions differ.
func sameGrouping(t *testing.T, what string, got, want *Clusterer) {
	t.Helper()
	g, w := grouping(got), grouping(want)
	if g == w {
		return
	}
	gl, wl := strings.Split(g, "\n"), strings.Split(w, "\n")
	for i := range min(len(gl), len(wl)) {
		if gl[i] != wl[i] {
			t.Fatalf("%s: decisions differ at line %d:\ngot  %s\nwant %s", what, i, gl[i], wl[i])
		}
	}
	t.Fatalf("%s: decisions differ: %d lines, want %d", what, len(gl), len(wl))
}

// TestSnapshotV3Loads: a snapshot of version 3 (every quote in full; the
// fixture was written by that version from eventFeatures(7, 70, 23),
// consolidated after article 50) is continued from as the clusterer that
// took it, with or without a store that keeps the quotes apart.
func TestSnapshotV3Loads(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "snapshot_v3.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if data[0] != 3 {
		t.Fatalf("the fixture is of version %d", data[0])
	}
	fs := eventFeatures(7, 100, 23)
	want := New(Options{})
	for i, f := range fs[:70] {
		want.AddFeatures(f, fmt.Sprintf("a%d", i))
		if i == 50 {
			want.Consolidate()
		}
	}
	plain, err := LoadSnapshot(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := &mapStore{recs: map[int][]byte{}}
	apart, err := LoadSnapshotRecords(len(data), inParts(data, 1000), Options{}, st)
	if err != nil {
		t.Fatal(err)
	}
	// the quotes of a version 3 snapshot are in memory until flushed
	if err := apart.FlushRecords(st.put); err != nil {
		t.Fatal(err)
	}
	if err := apart.FlushQuotes(st.putQuotes); err != nil {
		t.Fatal(err)
	}
	apart.RecordsKept()
	if apart.QuotesKept() != 70 || len(st.quotes) != 70 {
		t.Fatalf("%d articles' quotes kept, %d flushed, want 70", apart.QuotesKept(), len(st.quotes))
	}
	for i, f := range fs[70:] {
		id := fmt.Sprintf("a%d", 70+i)
		want.AddFeatures(f, id)
		plain.AddFeatures(f, id)
		apart.AddFeatures(f, id)
	}
	for _, c := range []*Clusterer{want, plain, apart} {
		c.Consolidate()
	}
	if err := apart.RecordsErr(); err != nil {
		t.Fatal(err)
	}
	sameGrouping(t, "loaded from version 3", plain, want)
	sameGrouping(t, "loaded from version 3, quotes kept apart", apart, want)
	// and its snapshot is of the current version
	again, err := LoadSnapshot(plain.AppendSnapshot(nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameGrouping(t, "saved again", again, want)
}

// TestQuotesInMemoryBounded guards the memory curve of the quotes: kept
// apart in a store, four times the articles over four times the days hold
// about the same quotes in memory (the open stories' and the articles not
// kept yet); all in memory, four times as many.
func TestQuotesInMemoryBounded(t *testing.T) {
	state := func(n int, apart bool) int {
		c := New(Options{})
		st := &mapStore{recs: map[int][]byte{}}
		if apart {
			c.UseRecords(st)
		}
		for i, f := range eventFeatures(5, n, 0) {
			c.AddFeatures(f, fmt.Sprintf("a%d", i))
			if i%256 == 255 {
				c.Consolidate()
				if apart {
					if err := c.FlushRecords(st.put); err != nil {
						t.Fatal(err)
					}
					if err := c.FlushQuotes(st.putQuotes); err != nil {
						t.Fatal(err)
					}
					c.RecordsKept()
				}
				c.ReleaseClosed()
			}
		}
		c.Consolidate()
		// every statement listed: quotes read back are dropped again
		if got := len(c.Statements()); got == 0 {
			t.Fatal("no statements")
		}
		c.ReleaseClosed()
		if err := c.RecordsErr(); err != nil {
			t.Fatal(err)
		}
		return c.QuotesInMemory()
	}
	small, large := state(500, true), state(2000, true)
	ratio := float64(large) / float64(small)
	allRatio := float64(state(2000, false)) / float64(state(500, false))
	t.Logf("quotes in memory: 500 articles %d, 2,000 articles %d: ×%.2f (all in memory: ×%.2f)", small, large, ratio, allRatio)
	if allRatio < 3 {
		t.Fatalf("in memory, the quotes grow ×%.2f for 4× the articles: the test no longer measures growth", allRatio)
	}
	if ratio > 1.5 {
		t.Fatalf("4× the articles over 4× the days hold ×%.2f the quotes in memory (500: %d, 2,000: %d): quotes are not kept apart", ratio, small, large)
	}
}
