// Apposition around a speaker: a name with its role after a comma ("Chris
// Panayis, managing director of Freedom2surf, said"), where the role
// phrase, or the organisation ending it, is no speaker of its own.

package quotes

import (
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
)

// appositiveName returns the name that the role phrase sp, found before a
// cue, stands in apposition to: "Chris Panayis, managing director of ISP
// Freedom2surf said", "Fred Hasson, head of Tiga, which represents
// developers, said" give the name, not the organisation nor the role. The
// name must open its clause and the role phrase hold a lower-case role
// word.
func (st *state) appositiveName(sp verbatim.Span, lo int) (verbatim.Span, bool) {
	b := st.tokenAt(sp.Start)
	if b >= len(st.toks) || b <= lo {
		return verbatim.Span{}, false
	}
	if b-2 >= lo && st.toks[b].End == sp.End && names.IsDegree(st.low(b)) && st.isPunct(b-1, ",") {
		return st.nameBefore(b-2, lo) // "J. James Rohack, MD, said": a degree
	}
	if np, ok := st.speakerBeforePlace(sp, b, lo); ok {
		return np, true
	}
	comma := false // (a comma must stand a few words before: most phrases have none)
	for c := b - 1; c >= lo && c >= b-12 && !comma; c-- {
		comma = st.isPunct(c, ",")
	}
	if !comma {
		return verbatim.Span{}, false
	}
	// left over the modifiers of the organisation ("harbour firm
	// Nordlink") and over "of ORG", "at ORG": the role's postmodifiers
	for n := 0; n < 3 && b-2 >= lo && st.isWord(b-1); n++ {
		m := b
		for m-1 > lo && m > b-4 && st.isWord(m-1) && !roleLinks[st.low(m-1)] && !st.in(m-1, setDet|setPronoun|setAdverb) && !st.info(m-1).stop && st.info(m-1).cue == 0 {
			m--
		}
		if m-2 < lo || !roleLinks[st.low(m-1)] {
			break
		}
		b = m
		h, ok := st.npEndingAt(b-2, lo)
		if !ok || st.isPronounSpan(h) {
			return verbatim.Span{}, false
		}
		b = st.tokenAt(h.Start)
	}
	if b-3 >= lo && st.isWord(b-1) && st.low(b-1) == "from" && st.isPunct(b-2, ",") {
		// "Jeff Joseph, from the Consumer Electronics Association, told"
		return st.nameBefore(b-3, lo)
	}
	for h := b; b-1 > lo && b > h-3 && st.isWord(b-1) && !st.isCap(b-1) && !st.in(b-1, setPronoun|setAdverb) && !st.info(b-1).stop && st.info(b-1).cue == 0; {
		b-- // "managing director"
	}
	r := b // the role phrase's first word: "managing", "head", "a"
	if st.isWord(r) && st.in(r, setDet) {
		r++
	}
	if !st.isWord(r) || !st.roleWithin(r, sp.End) {
		return verbatim.Span{}, false
	}
	if b-2 < lo || !st.isPunct(b-1, ",") {
		return verbatim.Span{}, false
	}
	return st.nameBefore(b-2, lo) // the name's last word, before the comma
}

// speakerBeforePlace returns the noun phrase before "in PLACE, PLACE" when
// the phrase sp found before a cue is that last place: "the U.S.
// Geological Survey in Golden, Colo., said", "a spokesman for the club in
// Leeds, England, said" (b is sp's first token).
func (st *state) speakerBeforePlace(sp verbatim.Span, b, lo int) (verbatim.Span, bool) {
	if mi := st.nameEndingAt(sp); mi < 0 || st.d.Mentions[mi].Type != verbatim.Place || st.d.Mentions[mi].Start != sp.Start ||
		b-3 < lo || !st.isPunct(b-1, ",") || !st.isCap(b-2) {
		return verbatim.Span{}, false
	}
	if mi := st.nameEndingAt(verbatim.Span{Start: st.toks[max(lo, b-5)].Start, End: st.toks[b-2].End}); mi < 0 || st.d.Mentions[mi].Type != verbatim.Place {
		return verbatim.Span{}, false // "allies in Congress, Washington backed out"
	}
	p := b - 2
	for p > lo && p > b-6 && st.isWord(p) && st.isCap(p) {
		p--
	}
	if p-1 < lo || !st.isWord(p) || !placePrepositions[st.low(p)] || !st.isWord(p-1) {
		return verbatim.Span{}, false
	}
	np, ok := st.leftNP(p, lo) // the phrase as before a cue: "A spokesman for the club"
	if !ok || st.isPronounSpan(np) {
		return verbatim.Span{}, false
	}
	return np, true
}

// placePrepositions put a speaker in a place: "the club in Leeds".
var placePrepositions = map[string]bool{"in": true, "at": true, "near": true}

// nameBefore returns the noun phrase ending at token e when it ends in a
// name and opens its clause: the one an appositive after it describes.
func (st *state) nameBefore(e, lo int) (verbatim.Span, bool) {
	if e < lo || !st.isCap(e) {
		return verbatim.Span{}, false
	}
	np, ok := st.npEndingAt(e, lo)
	if !ok || st.isPronounSpan(np) || st.nameEndingAt(np) < 0 {
		return verbatim.Span{}, false
	}
	s := st.tokenAt(np.Start)
	if s > lo && st.isWord(s-1) && !subordinators[st.low(s-1)] {
		return verbatim.Span{}, false // "… met Chris Panayis, head of …": an object
	}
	return np, true
}

// roleLinks join a role to its organisation: "head of Tiga", "an
// economist at Lehman Brothers".
var roleLinks = map[string]bool{"of": true, "at": true, "for": true}

// roleWithin reports whether a lower-case role word lies in tokens from r
// up to offset end ("managing director", "head", "member", "striker").
func (st *state) roleWithin(r, end int) bool {
	for ; r < len(st.toks) && st.toks[r].End <= end; r++ {
		if st.isWord(r) && !st.isCap(r) && (st.in(r, setRole) || st.low(r) == "member" || names.IsRoleHead(st.low(r))) {
			return true
		}
	}
	return false
}

// reducedRelative reports whether the cue word at token i opens a reduced
// relative clause rather than an attribution: a participle in -ed before
// a preposition ("The lawsuit, filed in Los Angeles, says").
func (st *state) reducedRelative(i int) bool {
	w := st.low(i)
	if len(w) < 5 || w[len(w)-2:] != "ed" || !st.isWord(i+1) {
		return false
	}
	switch st.low(i + 1) {
	case "in", "on", "at", "by", "with", "last", "earlier", "this":
		return true
	}
	return false
}

// inWord reports whether punctuation token i joins two words with no
// space ("OptInRealBig.com", "U.S").
func (st *state) inWord(i int) bool {
	return i > 0 && i+1 < len(st.toks) && st.toks[i-1].End == st.toks[i].Start &&
		st.toks[i].End == st.toks[i+1].Start && st.isWord(i-1) && st.isWord(i+1)
}

// longRelative finds the speaker before a relative clause that the comma
// at token i closes, a clause that may hold commas and quotations of its
// own: "Jack Straw, who argues the treaty is a “British vision”, has
// said", "The actor, whose films include A, B and C, said".
func (st *state) longRelative(i, lo int) (verbatim.Span, bool) {
	for c := i - 1; c > lo && c > i-60; c-- {
		if st.isPunct(c, ".") && !st.inWord(c) || st.isPunct(c, ";") {
			break
		}
		if !st.isWord(c) || !st.isPunct(c-1, ",") {
			continue
		}
		if w := st.low(c); w != "who" && w != "whose" {
			continue
		}
		e := c - 2
		if e-2 >= lo && st.toks[e].Kind == verbatim.Number && st.isPunct(e-1, ",") {
			e -= 2 // an age: "Schiff, 56, who"
		}
		if e < lo || !st.isWord(e) {
			return verbatim.Span{}, false
		}
		sp, ok := st.npEndingAt(e, lo)
		if !ok || st.isPronounSpan(sp) {
			return verbatim.Span{}, false
		}
		return sp, true
	}
	return verbatim.Span{}, false
}

// nameAfterRole finds the name that ends a sentence after a role read
// from the right, up to token next: "said BA director of commercial
// planning, Robert Boyle." gives Robert Boyle and the token after it.
func (st *state) nameAfterRole(next, hi int) (verbatim.Span, int, bool) {
	j := next
	for j < hi && j < next+3 && st.isWord(j) && !st.isCap(j) {
		j++ // the rest of the role: "planning"
	}
	if !st.isPunct(j, ",") || !st.isCap(j+1) {
		return verbatim.Span{}, next, false
	}
	sp, end, ok := st.rightNP(j+1, hi)
	if !ok || !st.endsSentence(end, hi) || !st.personEndsAt(sp.Start, sp.End) {
		return verbatim.Span{}, next, false
	}
	return sp, end, true
}

// openRelative finds the speaker before a relative clause that runs up to
// the cue with no comma to close it, sp being the clause's last noun
// phrase: "Mr Galloway, who on Thursday won £150,000 in libel damages
// from the Daily Telegraph said" gives Mr Galloway.
func (st *state) openRelative(sp verbatim.Span, lo int) (verbatim.Span, bool) {
	b := st.tokenAt(sp.Start)
	if f := max(lo, b-25); f >= b || !strings.Contains(st.lows[st.toks[f].Start:sp.Start], "who") {
		return verbatim.Span{}, false // (most phrases have no relative pronoun before them)
	}
	for c := b - 1; c > lo && c > b-25; c-- {
		if st.mark(c) != 0 || st.isPunct(c, ".") && !st.inWord(c) || st.isPunct(c, ";") || st.isPunct(c, ",") && !st.inWord(c) {
			return verbatim.Span{}, false
		}
		if !st.isWord(c) {
			continue
		}
		if w := st.low(c); (w == "who" || w == "whose") && st.isPunct(c-1, ",") {
			return st.longRelative(c+1, lo)
		}
	}
	return verbatim.Span{}, false
}
