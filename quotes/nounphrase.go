// Noun phrases around a cue: the phrase whose head is a given token, built
// leftwards over its modifiers ("registered voters", "the Taxpayers'
// League"), a phrase read rightwards from a token ("said the source"), and
// the prepositional phrases a subject ends with ("half [of voters]").

package quotes

import (
	"sort"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// withPostmodifiers extends a speaker phrase found before its cue to the
// left over the prepositional phrases it ends ("members [in competitive
// races]", "half [of voters]", "a mere 9 percent [of Democrats]").
func (st *state) withPostmodifiers(sp verbatim.Span, lo int) verbatim.Span {
	b := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= sp.Start })
	start := sp.Start
	for n := 0; n < 3; n++ {
		p := b - 1
		if p-1 > lo && st.isWord(p) && st.in(p, setAdverb) && st.isWord(p-1) && st.low(p-1) == "and" {
			p-- // "Politicians and even some technologists"
		}
		if p-1 < lo || !st.isWord(p) || !(postmodifiers[st.low(p)] || st.low(p) == "and") || st.isCap(p) || !st.isWord(p-1) && !st.isPunct(p-1, "%") {
			break
		}
		h, ok := st.npEndingAt(p-1, lo)
		if !ok && (st.in(p-1, setDet) || st.toks[p-1].Kind == verbatim.Number) {
			h, ok = st.toks[p-1].Span, true // a quantity: "one in five", "most of them"
		}
		if !ok && p-2 >= lo && st.isPunct(p-1, "%") && st.toks[p-2].Kind == verbatim.Number {
			h, ok = verbatim.Span{Start: st.toks[p-2].Start, End: st.toks[p-1].End}, true // "42% of them"
			if p-3 >= lo && st.isWord(p-3) && hedges[st.low(p-3)] {
				h.Start = st.toks[p-3].Start // "Only 42% of them"
			}
		}
		if !ok || st.isPronounSpan(h) {
			break
		}
		start = h.Start
		for b > lo && st.toks[b-1].Start >= h.Start {
			b--
		}
	}
	// only a whole subject: the phrase opens its clause ("… , and half of
	// voters say", not "have seen him on the trail say")
	if start == sp.Start || !(b == lo || !st.isWord(b-1) || subordinators[st.low(b-1)] || hedges[st.low(b-1)]) {
		return sp
	}
	sp.Start = start
	return sp
}

// npEndingAt builds the noun phrase whose head is token i.
func (st *state) npEndingAt(i, lo int) (verbatim.Span, bool) {
	w := st.low(i)
	wi := st.info(i) // the lexicon look-ups of w, cached per token
	if wi.sets&setPronoun != 0 {
		return st.toks[i].Span, true
	}
	if p := pronounStem(w); p > 0 {
		// "they’ve suggested", "I'd add": the pronoun without its auxiliary
		t := st.toks[i].Span
		t.End = t.Start + p
		return t, true
	}
	capHead := st.isCap(i)
	finding := wi.sets&setFinding != 0
	if !finding && (wi.stop || wi.cue != 0 && !capHead || wi.sets&setAdverb != 0 || w == "of") && !st.endsName(i) {
		// (but a name's last word: "Brian May said")
		// (a capitalised cue word before the cue is a name: "Mr Read said")
		return verbatim.Span{}, false
	}
	if !capHead && !st.plausibleNounAt(i) && !finding {
		return verbatim.Span{}, false
	}
	j := i
	n := 1
	for j-1 >= lo && n < 9 {
		p := j - 1
		if p-1 >= lo && (st.isPunct(p, "'") || st.isPunct(p, "’")) && capHead && st.isCap(p-1) && st.toks[p].Start == st.toks[p-1].End {
			// a plural possessive inside a name: "the Taxpayers' League"
			j = p - 1
			n += 2
			continue
		}
		if !st.isWord(p) {
			break
		}
		if st.isPoss(p) {
			if capHead || p-1 < lo || st.isCap(p-1) && !(n == 1 && documents[w]) {
				break // (but "Mr Tanzi's statement": whose the text is)
			}
			j = p
			n++
			continue
		}
		pw, pi := st.low(p), st.info(p)
		if pi.sets&setDet != 0 {
			j = p
			if p-1 >= lo && st.isCap(p) && st.isWord(p-1) && st.in(p-1, setDet) {
				j = p - 1 // "An All England club spokesperson"
			}
			break
		}
		if pw == "and" && p-1 >= lo && n < 4 && (capHead && st.isCap(p-1) || !capHead && st.isWord(p-1) && !st.isCap(p-1) && st.plausibleNounAt(p-1)) {
			// "Blumenthal and Cohen said", "current and former officials said"
			j = p - 1
			n += 2
			continue
		}
		if pw == "of" && capHead && st.isCap(p-1) && st.isCap(p+1) {
			j = p
			n++
			continue
		}

		if pi.stop && st.isCap(p) && st.insideName(p) {
			j = p // "The Reporters [Without] Borders group"
			n++
			continue
		}
		if pi.stop || (pi.cue != 0 && !st.isCap(p)) || pi.sets&(setPronoun|setAdverb) != 0 {
			break
		}
		if st.isCap(p) {
			if pi.sets&setSpeakerOpener != 0 && (p == lo || !st.isWord(p-1)) {
				break // "Yet Democratic economists say"
			}
			j = p
			n++
			continue
		}
		if pi.sets&setRole != 0 || (!capHead && n < 4 && (st.plausibleNounAt(p) || len(pw) > 4 && pw[len(pw)-2:] == "ed" || st.toks[p].Kind == verbatim.Number)) {
			// "registered voters", "9 percent"
			j = p
			n++
			continue
		}
		break
	}
	if p := j - 1; p-1 >= lo && j <= i && !st.in(j, setDet) && st.isWord(p) && !st.isCap(p) && st.isWord(p-1) && st.in(p-1, setDet) && st.modifierWord(p) {
		// an adjective the loop stops at, between a determiner and the
		// rest: "A further recent survey", "the first minister", "Three
		// leading UK video game companies"
		j = p - 1
	}
	if j > lo && j < i && st.low(j) == "of" && st.isWord(j-1) {
		// a phrase does not start with "of": "[A number] of large MCI
		// shareholders"
		if h, ok := st.npEndingAt(j-1, lo); ok && !st.isPronounSpan(h) {
			return verbatim.Span{Start: h.Start, End: st.toks[i].End}, true
		}
	}
	return verbatim.Span{Start: st.toks[j].Start, End: st.toks[i].End}, true
}

// modifierWord reports whether the lower-case word at token p may stand
// between a determiner and a noun: not a pronoun, a cue, a conjunction or
// a preposition ("first", "further", "leading", "other").
func (st *state) modifierWord(p int) bool {
	w := st.low(p)
	switch w {
	case "of", "and", "or", "but", "that", "to", "in", "on", "at", "by", "for", "from", "with", "as", "than", "is", "was", "are", "were", "has", "had", "have", "be":
		return false
	}
	return !st.in(p, setPronoun|setRelative) && st.cue(p) == 0 && !st.info(p).fin
}

// pronounStem returns the length of the pronoun a contraction starts with
// ("they've", "I’d", "we're"), or 0.
func pronounStem(w string) int {
	for i := 1; i < len(w) && i <= 4; i++ {
		if w[i] == '\'' || w[i] == 0xe2 && strings.HasPrefix(w[i:], "’") {
			if pronouns[w[:i]] {
				return i
			}
			return 0
		}
	}
	return 0
}

// rightNP finds a noun phrase starting at token k and not reaching hi
// ("said the source", "according to U.S. officials").
func (st *state) rightNP(k, hi int) (verbatim.Span, int, bool) {
	return st.rightPhrase(k, hi, true)
}

// rightPhrase is rightNP; with of false (an addressee) an "of" continues the
// phrase only before a capitalised word, with of true (a speaker) also
// before a noun ("Rahman of the Eurasia Group", "a survey of voters").
func (st *state) rightPhrase(k, hi int, of bool) (verbatim.Span, int, bool) {
	i := k
	last := -1
	for i < hi && i-k < 9 {
		if !st.isWord(i) {
			if st.isPunct(i, "-") && last >= 0 {
				i++
				continue
			}
			if c := st.bracketEnd(i, hi); c > 0 && last >= 0 && st.isCap(c+1) {
				i = c + 1 // "Internet service provider (ISP) Plus.net"
				continue
			}
			break
		}
		w, wi := st.low(i), st.info(i)
		if st.isPoss(i) {
			i++
			continue
		}
		if wi.sets&setDet != 0 && last < 0 {
			i++
			continue
		}
		if w == "of" && !of && last >= 0 && st.isCap(i+1) {
			i++
			continue
		}
		if w == "of" && of {
			// "Mujtaba Rahman of the Eurasia Group", "a survey of voters"
			n := i + 1
			if st.isWord(n) && st.in(n, setDet) {
				n++
			}
			if i == k || !st.isWord(n) || !(st.isCap(n) || st.plausibleNounAt(n)) {
				break
			}
			i = n
			continue
		}
		if (wi.stop || (wi.cue != 0 && !st.isCap(i) && wi.sets&setFinding == 0) || wi.sets&setAdverb != 0) && !st.endsName(i) {
			break // (but "said the report")
		}
		if wi.sets&setPronoun != 0 {
			if last < 0 && i == k {
				return st.toks[i].Span, i + 1, true
			}
			break
		}
		if last >= 0 && !st.isCap(i) && !st.isCap(last) && wi.sets&setPast != 0 {
			break // a verb in the past: "The foreign secretary [hit] back"
		}
		if st.isCap(i) || st.plausibleNounAt(i) || wi.sets&setRole != 0 {
			last = i
			i++
			continue
		}
		break
	}
	if last < 0 {
		return verbatim.Span{}, k, false
	}
	return verbatim.Span{Start: st.toks[k].Start, End: st.toks[last].End}, last + 1, true
}

// bracketEnd returns the ")" closing a short aside that "(" at token i
// opens ("(ISP)", "(R-Ky.)"), or -1.
func (st *state) bracketEnd(i, hi int) int {
	if !st.isPunct(i, "(") {
		return -1
	}
	for j := i + 1; j < hi && j <= i+4; j++ {
		if st.isPunct(j, ")") {
			if j == i+1 {
				return -1
			}
			return j
		}
		if !st.isWord(j) && !st.isPunct(j, "-") && !st.isPunct(j, ".") {
			return -1
		}
	}
	return -1
}
