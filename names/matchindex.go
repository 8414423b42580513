package names

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// matchIndex finds the entities a name may refer to by their keys, so that
// grouping a document's mentions does not test every entity for every
// mention (issue 20: a document naming thousands of people cost the square
// of its names). It indexes every name an entity has had; the candidates
// are tested as match would test them, in entity order, so the answer is
// the one the scan over all entities gives.
type matchIndex struct {
	named   []string           // the name each entity was last indexed under
	byKey   map[string][]int32 // entKey.key
	byLast  map[string][]int32 // entKey.last
	byAcr   map[string][]int32 // entKey.acr
	byBare  map[string][]int32 // entKey.bareFirst of one-word names
	byFirst map[string][]int32 // entKey.first of names of several words ("Sir Edward")
	byLow   map[fuzzyKey][]int32
	cand    []int32
}

// fuzzyKey is what two surnames similarLower may join share: the first
// letter and the length (in letters) within a fifth.
type fuzzyKey struct {
	first rune
	n     int
}

func lowKey(s string) (fuzzyKey, bool) {
	r, _ := utf8.DecodeRuneInString(s)
	n := len(s)
	if !isASCII(s) {
		n = utf8.RuneCountInString(s)
	}
	return fuzzyKey{r, n}, n >= 5
}

func newMatchIndex() *matchIndex {
	return &matchIndex{byKey: map[string][]int32{}, byLast: map[string][]int32{}, byAcr: map[string][]int32{},
		byBare: map[string][]int32{}, byFirst: map[string][]int32{}, byLow: map[fuzzyKey][]int32{}}
}

// refresh indexes entity ei under its current name if it has changed.
func (mt *matcher) refresh(d *verbatim.Doc, ei int) {
	x := mt.idx
	for len(x.named) <= ei {
		x.named = append(x.named, "\x00")
	}
	c := mt.get(d, ei)
	if x.named[ei] == c.name {
		return
	}
	x.named[ei] = c.name
	add := func(m map[string][]int32, k string) {
		if l := m[k]; len(l) == 0 || l[len(l)-1] != int32(ei) {
			m[k] = append(l, int32(ei))
		}
	}
	add(x.byKey, c.key)
	add(x.byLast, c.last)
	add(x.byAcr, c.acr)
	if c.n == 1 {
		add(x.byBare, c.bareFirst)
	} else {
		add(x.byFirst, c.first)
	}
	if k, ok := lowKey(c.lowLast); ok {
		if l := x.byLow[k]; len(l) == 0 || l[len(l)-1] != int32(ei) {
			x.byLow[k] = append(l, int32(ei))
		}
	}
}

// matchIndexed is match over the indexed entities (the name's keys in
// mt.q).
func (mt *matcher) matchIndexed(d *verbatim.Doc, t verbatim.EntityType) int {
	x := mt.idx
	q := &mt.q
	cand := append(x.cand[:0], x.byKey[q.key]...)
	cand = append(cand, x.byLast[q.last]...)
	if q.n == 1 {
		cand = append(cand, x.byAcr[q.bareFirst]...)
		if mt.at > 0 && knightBefore(d.Clean[:mt.at]) {
			cand = append(cand, x.byFirst[q.first]...)
		}
	}
	if q.acr != "" {
		cand = append(cand, x.byBare[q.acr]...)
	}
	slices.Sort(cand)
	cand = slices.Compact(cand)
	for _, ei := range cand {
		switch mt.test(d, int(ei), t) {
		case matchYes:
			x.cand = cand
			return int(ei)
		case matchNearest:
			x.cand = cand
			return nearestNamed(d, mt, int(ei), q.last)
		}
	}
	// no entity matches: the first with a similar surname
	best := -1
	if q.n == 1 && q.capFirst {
		cand = cand[:0]
		if k, ok := lowKey(q.lowLast); ok {
			for n := k.n * 4 / 5; n <= k.n*5/4+1; n++ {
				cand = append(cand, x.byLow[fuzzyKey{k.first, n}]...)
			}
		}
		for _, ei := range cand {
			if (best < 0 || int(ei) < best) && mt.test(d, int(ei), t) == matchSimilar {
				best = int(ei)
			}
		}
	}
	x.cand = cand
	return best
}

// surnamed returns the entities from ei on that may have the surname key
// last, in order: all of them without an index.
func (mt *matcher) surnamed(d *verbatim.Doc, ei int, last string) []int {
	ks := mt.ks[:0]
	if mt.idx == nil {
		for k := ei; k < len(d.Entities); k++ {
			ks = append(ks, k)
		}
	} else {
		for _, k := range mt.idx.byLast[last] {
			if int(k) >= ei {
				ks = append(ks, int(k))
			}
		}
		slices.Sort(ks)
		ks = slices.Compact(ks)
	}
	mt.ks = ks
	return ks
}

// foldKey maps s to a form two strings share exactly when strings.EqualFold
// holds for them: every rune replaced by the least rune of its case-folding
// orbit (ASCII: upper case, the least of "k", "K" and the Kelvin sign).
func foldKey(s string) string {
	ascii, upper := true, true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 {
			ascii = false
			break
		} else if c >= 'a' && c <= 'z' {
			upper = false
		}
	}
	if ascii {
		if upper {
			return s
		}
		return strings.ToUpper(s)
	}
	b := make([]rune, 0, len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b = append(b, m)
	}
	return string(b)
}
