package storekit

import (
	"sort"
	"strings"
)

// Role is a role with the number of statements it came with.
type Role struct {
	Text string
	N    int
}

// roleKey is what a role means, for comparing spellings: lower case,
// without dots and with single spaces ("U.S. President" and "US
// president" are "us president").
func roleKey(r string) string {
	r = strings.ToLower(strings.ReplaceAll(r, ".", ""))
	return strings.Join(strings.Fields(r), " ")
}

// MergeRoles gives a person's roles one line per meaning. Spellings of one
// role are one (the most frequent spelling names it), and a role whose
// words stand inside a longer one is part of it ("President" goes with "US
// President", "envoy" with "Ukraine envoy"). The most frequent come first.
func MergeRoles(roles []Role) []string {
	type group struct {
		key      string
		words    []string
		n        int
		spelling map[string]int
		first    int
	}
	var gs []*group
	by := map[string]*group{}
	for i, r := range roles {
		k := roleKey(r.Text)
		if k == "" {
			continue
		}
		g := by[k]
		if g == nil {
			g = &group{key: k, words: strings.Fields(k), spelling: map[string]int{}, first: i}
			by[k] = g
			gs = append(gs, g)
		}
		g.n += r.N
		g.spelling[r.Text] += r.N
	}
	// the longest first: a shorter role joins the longest one holding it
	sort.SliceStable(gs, func(i, j int) bool { return len(gs[i].words) > len(gs[j].words) })
	var kept []*group
	for _, g := range gs {
		var into *group
		for _, k := range kept {
			if holds(k.words, g.words) && (into == nil || k.n > into.n) {
				into = k
			}
		}
		if into != nil {
			into.n += g.n
			continue
		}
		kept = append(kept, g)
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].n != kept[j].n {
			return kept[i].n > kept[j].n
		}
		return kept[i].first < kept[j].first
	})
	out := make([]string, 0, len(kept))
	for _, g := range kept {
		best, bn := "", -1
		for sp, n := range g.spelling {
			if n > bn || (n == bn && sp < best) {
				best, bn = sp, n
			}
		}
		out = append(out, best)
	}
	return out
}

// holds reports whether the words of short stand, in order and together,
// inside long (and long is longer).
func holds(long, short []string) bool {
	if len(short) >= len(long) {
		return false
	}
	for i := 0; i+len(short) <= len(long); i++ {
		ok := true
		for j := range short {
			if long[i+j] != short[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
