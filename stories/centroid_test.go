package stories

import (
	"math/rand"
	"slices"
	"testing"
)

// TestTopTermsAndSortedCentroids checks the heap top-n against a full sort
// (ties by id included) and the id-sorted add/dot against maps.
func TestTopTermsAndSortedCentroids(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for round := 0; round < 50; round++ {
		ma, mb := map[int32]float32{}, map[int32]float32{}
		for i := 0; i < r.Intn(300); i++ {
			ma[int32(r.Intn(500))] = float32(r.Intn(20)) / 4 // many ties
		}
		for i := 0; i < r.Intn(300); i++ {
			mb[int32(r.Intn(500))] = float32(r.Intn(20)) / 4
		}
		a, b := sortedTerms(ma), sortedTerms(mb)
		for _, n := range []int{1, 20, 400} {
			want := slices.Clone(a)
			slices.SortFunc(want, func(x, y term) int {
				if strongerTerm(x, y) {
					return -1
				}
				return 1
			})
			want = want[:min(n, len(want))]
			if got := topTerms(a, n); !slices.Equal(got, want) {
				t.Fatalf("topTerms(%d) = %v, want %v", n, got, want)
			}
		}
		sum := map[int32]float32{}
		var dot float64
		for id, w := range ma {
			sum[id] += w
			dot += float64(w) * float64(mb[id])
		}
		for id, w := range mb {
			sum[id] += w
		}
		if got, want := addSorted(a, b), sortedTerms(sum); !slices.Equal(got, want) {
			t.Fatalf("addSorted = %v, want %v", got, want)
		}
		c := &Clusterer{words: make([]string, 500), ent: make([]bool, 500)}
		c.place(a)
		if got, _ := c.dotPlaced(a, b); got != dot {
			t.Fatalf("dotPlaced = %v, want %v", got, dot)
		}
		c.unplace(a)
		if slices.ContainsFunc(c.vpos, func(p int32) bool { return p != 0 }) {
			t.Fatal("unplace left positions")
		}
	}
}

func sortedTerms(m map[int32]float32) []term {
	var ts []term
	for id, w := range m {
		ts = append(ts, term{id, w})
	}
	slices.SortFunc(ts, func(x, y term) int { return int(x.id - y.id) })
	return ts
}

// sortByWeight orders as the comparison (stronger first, ties by id) does,
// ties and small and large weights included.
func TestSortByWeight(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	c := &Clusterer{}
	for round := 0; round < 50; round++ {
		var ts []term
		for id := range int32(r.Intn(400)) {
			if r.Intn(3) > 0 {
				ts = append(ts, term{id, float32(r.Intn(8)+1) / float32(1+r.Intn(1000))})
			}
		}
		r.Shuffle(len(ts), func(i, j int) { ts[i], ts[j] = ts[j], ts[i] })
		want := slices.Clone(ts)
		slices.SortFunc(want, func(a, b term) int {
			if strongerTerm(a, b) {
				return -1
			}
			return 1
		})
		c.sortByWeight(ts)
		if !slices.Equal(ts, want) {
			t.Fatalf("round %d: sortByWeight differs from the comparison sort", round)
		}
	}
}
