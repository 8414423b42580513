// The source of an attribution: the noun phrase before or after a cue that
// names or describes who spoke, its addressee and relay. Its noun phrases
// are built in nounphrase.go, apposition around them is apposition.go's,
// the name inside them speakerhead.go's; which entity that mention refers
// to is package coref's to decide (resolve, called from finish).

package quotes

import (
	"sort"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// leftNP finds the speaker noun phrase ending just before token k, not
// before token lo. It skips adverbs and auxiliaries ("Trump also said",
// "has said") and appositives (", who recently met Putin,").
func (st *state) leftNP(k, lo int) (verbatim.Span, bool) {
	i := k - 1
	for i >= lo && st.isWord(i) && st.in(i, setAdverb) && !st.endsName(i) {
		i-- // (but "Brian May said": a name's last word)
	}
	if i-1 >= lo && st.isWord(i) && st.in(i, setTime) && st.isWord(i-1) {
		if w := st.low(i - 1); w == "last" || w == "this" || w == "that" || w == "next" {
			// "a poll conducted last week found", "Police had last month charged"
			for i -= 2; i >= lo && st.isWord(i) && st.in(i, setAdverb); i-- {
			}
		}
	}
	if i-2 >= lo && st.isWord(i) && st.in(i, setWeekday) {
		// "a poll released Friday shows", "polls released on Sunday showed"
		p := i - 1
		if st.isWord(p) && st.low(p) == "on" {
			p--
		}
		if p-1 >= lo && st.isWord(p) && (participles[st.low(p)] || len(st.low(p)) > 4 && strings.HasSuffix(st.low(p), "ed")) && st.isWord(p-1) {
			if sp, ok := st.npEndingAt(p-1, lo); ok && !st.isPronounSpan(sp) {
				return verbatim.Span{Start: sp.Start, End: st.toks[i].End}, true
			}
		}
	}
	if st.isPoss(i) && i-1 >= lo && st.in(i-1, setPronoun) && st.toks[i-1].End == st.toks[i].Start {
		i-- // "he's said", "She’s hoping": the contraction of has/is
	}
	if st.isDash(i) {
		// "Gerry Conlon - who was wrongly convicted - said"
		for c := i - 1; c >= lo && c > i-30; c-- {
			if st.isDash(c) {
				if c-1 >= lo && st.isWord(c-1) {
					return st.npEndingAt(c-1, lo)
				}
				break
			}
			if st.mark(c) != 0 || st.isPunct(c, ".") {
				break
			}
		}
		return verbatim.Span{}, false
	}
	if st.isPunct(i, ")") {
		// "Sen. Mitch McConnell (R-Ky.) said": skip the brackets
		for j := i - 1; j >= lo && j > i-12; j-- {
			if st.isPunct(j, "(") {
				if j-1 < lo || !st.isWord(j-1) {
					break
				}
				if sp, ok := st.npEndingAt(j-1, lo); ok {
					// (with what it ends: "A spokesman [for the
					// International Atomic Energy Agency] (IAEA) said")
					return st.withPostmodifiers(sp, lo), true
				}
				break
			}
		}
	}
	if i < lo {
		return verbatim.Span{}, false
	}
	if st.isPunct(i, ",") {
		// an appositive or relative clause: "X, who …, told"
		if sp, ok := st.longRelative(i, lo); ok {
			// (first: the clause may hold commas of its own, "The
			// actor, whose films include A, B and C, said")
			return sp, true
		}
		for c := i - 1; c >= lo; c-- {
			if st.isPunct(c, ",") {
				// "the agency's chief hydrologist, Piet Janssen, told": the name
				if c+1 < i && i-c-1 <= 4 {
					allCap := true
					for m := c + 1; m < i; m++ {
						if !st.isCap(m) {
							allCap = false
						}
					}
					if allCap {
						return verbatim.Span{Start: st.toks[c+1].Start, End: st.toks[i-1].End}, true
					}
				}
				if c+1 < i && i-c-1 <= 8 && st.isWord(c+1) && st.personEndsAt(st.toks[c+1].Start, st.toks[i-1].End) && (st.isCap(c+1) || st.in(c+1, setDet)) {
					// "…, the MDA's chairman Mike Short, has predicted"
					return verbatim.Span{Start: st.toks[c+1].Start, End: st.toks[i-1].End}, true
				}
				if c+1 < i && st.isWord(c+1) {
					w := st.low(c + 1)
					if w != "and" && w != "but" && w != "or" && !adverbs[w] && (cues[w] == 0 || st.reducedRelative(c+1)) {
						j := c - 1
						for j >= lo && st.isWord(j) && st.in(j, setAdverb) {
							j--
						}
						if j-1 > lo && st.toks[j].Kind == verbatim.Number && st.isPunct(j-1, ",") {
							// an age: "Marley Anderson, 21, a student, said"
							if sp, ok := st.npEndingAt(j-2, lo); ok {
								return sp, true
							}
						}
						if j >= lo && st.isWord(j) {
							return st.npEndingAt(j, lo)
						}
					}
				}
				break
			}
			if st.mark(c) != 0 || st.isPunct(c, ".") && !st.inWord(c) || i-c > 20 {
				break
			}
		}
		return verbatim.Span{}, false
	}
	if !st.isWord(i) {
		return verbatim.Span{}, false
	}
	if sp, ok := st.npEndingAt(i, lo); ok && !st.in(i, setRelative) {
		sp = st.withPostmodifiers(sp, lo)
		if ant, ok := st.openRelative(sp, lo); ok {
			return ant, true
		}
		return sp, true
	}
	if st.in(i, setRelative) {
		// "Alan Berger, who said …", "those who say …": the relative pronoun
		// is the mention (the speaker is its antecedent, see head)
		if _, ok := st.antecedent(i, lo); ok {
			return st.toks[i].Span, true
		}
		return verbatim.Span{}, false
	}
	return st.npEndingAt(i, lo)
}

// antecedent finds the noun phrase a relative pronoun at token i refers to:
// "Alan Berger, who", "the voters who", not before token lo.
func (st *state) antecedent(i, lo int) (verbatim.Span, bool) {
	e := i - 1
	comma := st.isPunct(e, ",")
	if comma {
		e--
	}
	if e < lo || !st.isWord(e) || (!comma && st.low(i) != "who") {
		return verbatim.Span{}, false
	}
	sp, ok := st.npEndingAt(e, lo)
	if !ok || st.isPronounSpan(sp) {
		return verbatim.Span{}, false
	}
	if comma {
		b := e
		for b > lo && st.toks[b-1].Start >= sp.Start {
			b--
		}
		if b > lo && st.isPunct(b-1, ",") {
			return verbatim.Span{}, false // "in May, which …": not a speaker
		}
	}
	return sp, true
}

// opensSentence reports whether sp starts the first token of its sentence.
func (st *state) opensSentence(sp verbatim.Span) bool {
	i := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= sp.Start })
	return i < len(st.toks) && st.sentOf[i] >= 0 && st.d.Sentences[st.sentOf[i]].First == i
}

// possessive reports whether sp ends in a possessive 's ("Trump’s").
func (st *state) possessive(sp verbatim.Span) bool {
	r := st.s[sp.Start:sp.End]
	return strings.HasSuffix(r, "'s") || strings.HasSuffix(r, "’s")
}

// relativeAt returns the token index of a relative pronoun spanning sp, or -1.
func (st *state) relativeAt(sp verbatim.Span) int {
	if sp.End-sp.Start > 5 || !relatives[st.lows[sp.Start:sp.End]] {
		return -1
	}
	i := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= sp.Start })
	if i < len(st.toks) && st.toks[i].Span == sp {
		return i
	}
	return -1
}

// clauseSubject is what a later participle in the sentence refers to: the
// speaker, or the antecedent of a relative pronoun.
func (st *state) clauseSubject(sp verbatim.Span) verbatim.Span {
	if i := st.relativeAt(sp); i >= 0 {
		lo, _ := st.sentence(i)
		if ant, ok := st.antecedent(i, lo); ok {
			return ant
		}
	}
	return sp
}

func (st *state) isDash(i int) bool {
	return st.isPunct(i, "-") || st.isPunct(i, "—") || st.isPunct(i, "–")
}

// infinitive reports whether token i is "to" opening an infinitive ("to
// lift regulations"), not a preposition before a noun phrase ("to the
// conflict", "to Ukraine", "to him", "to 5 percent").
func (st *state) infinitive(i int) bool {
	if !st.isWord(i) || st.low(i) != "to" || !st.isWord(i+1) {
		return false
	}
	w := st.low(i + 1)
	return !dets[w] && !pronouns[w] && !st.isCap(i+1) && st.toks[i+1].Kind != verbatim.Number && !st.isPoss(i+2)
}

// subject finds the subject of sentence [lo, hi): the speaker found
// earlier in it, or its first noun phrase (after an opening adverbial
// phrase: "In Moscow, Putin …").
func (st *state) subject(lo, hi int) (verbatim.Span, bool) {
	if lo < 0 || lo >= len(st.toks) {
		return verbatim.Span{}, false
	}
	if sp, ok := st.subj[int(st.sentOf[lo])]; ok {
		return sp, true
	}
	i := lo
	for i < hi && st.mark(i) != 0 {
		i++
	}
	first := i < hi && st.sentOf[i] >= 0 && st.d.Sentences[st.sentOf[i]].First == lo
	if w := st.low(i); i < hi && st.isWord(i) && (w == "but" || w == "and" || w == "yet") && st.isWord(i+1) && st.in(i+1, setPronoun) {
		i++ // "But he left the club claiming …": a conjunction alone
	} else if i < hi && st.isWord(i) && (stops[w] || adverbs[w] || first && openers[w]) {
		// skip the opener up to its comma
		c := i
		for c < hi && c-i < 12 && !st.isPunct(c, ",") {
			c++
		}
		if c < hi && st.isPunct(c, ",") {
			i = c + 1
		} else if st.in(i, setAdverb) {
			i++ // "Even the organizer of the rally said …"
		}
	} else if first && len(w) > 4 && (w[len(w)-3:] == "ing" || w[len(w)-2:] == "ed") && st.isWord(i+1) && (!st.isCap(i+1) || cues[w] != 0) && st.info(i+1).cue == 0 {
		// a participial opener: "Declaring that …, the mayor", "Buoyed by …, the party"
		c := i
		for c < hi && c-i < 40 && !(st.isPunct(c, ",") && st.inQ[c] < 0) {
			c++
		}
		if c < hi && st.isPunct(c, ",") {
			i = c + 1
		}
	}
	for i < hi && st.isWord(i) && st.in(i, setAdverb) {
		i++ // ", even a top strategist said"
	}
	sp, _, ok := st.rightNP(i, hi)
	if !ok {
		return sp, false
	}
	// possessor heads ("Trump's envoy") are fine as they are; a pronoun too.
	return sp, true
}

// ---- attribution around one cue ----------------------------------------

type attr struct {
	speaker, cue, addressee, via verbatim.Span
	after                        int // first token after the cue phrase (addressee included)
	participle                   bool
}

// nounOpeners are the articles after which a cue word is a noun or an
// adjective, not a verb ("the report", "a claim"). (A possessive may open
// an attribution by a noun: "his promises to cut taxes".)
var nounOpeners = map[string]bool{"the": true, "a": true, "an": true, "another": true}

// speakerOf finds the speaker of the cue at token k in sentence [lo, hi).
func (st *state) speakerOf(k, lo, hi int) (attr, bool) {
	a := attr{cue: st.toks[k].Span, after: k + 1}
	w := st.low(k)
	if k-1 >= lo && st.isWord(k-1) && nounOpeners[st.low(k-1)] {
		// "The report comes a week after …", "the confident 23-year-old":
		// after an article the cue word is a noun or an adjective, no
		// verb with a source
		return a, false
	}
	// "Reuters cited Trump as saying", "Trump was quoted as saying"
	if (w == "saying" || w == "telling") && k-1 >= lo && st.low(k-1) == "as" {
		p := k - 2
		if p >= lo && st.isWord(p) && (st.low(p) == "quoted" || st.low(p) == "cited") {
			sp, ok := st.leftNP(p, lo)
			if ok {
				a.speaker = sp
				return a, true
			}
		}
		sp, ok := st.leftNP(k-1, lo)
		if ok {
			// "Nordlink was cited by Reuters as saying"
			j := k - 2
			for j >= lo && j > k-10 && st.isWord(j) && st.low(j) != "by" {
				j--
			}
			if j-1 >= lo && st.isWord(j) && st.low(j) == "by" && st.isWord(j-1) && (st.low(j-1) == "cited" || st.low(j-1) == "quoted") {
				if real, ok := st.leftNP(j-1, lo); ok {
					a.speaker = real
					a.via = verbatim.Span{Start: st.toks[j+1].Start, End: sp.End}
					return a, true
				}
			}
			a.speaker = sp
			// the relay: "<via> cited/quoted <speaker> as saying"
			j = k - 2
			for j >= lo && st.toks[j].Start >= sp.Start {
				j--
			}
			if j >= lo && st.isWord(j) && st.info(j).cue&cueRelay != 0 {
				if via, ok := st.leftNP(j, lo); ok {
					a.via = via
				}
			}
			return a, true
		}
	}
	if (w == "quoted" || w == "cited") && !st.isPunct(k-1, ",") {
		// "AP quoted prosecutor Russell McGuire as saying": the quoted
		// one speaks, the subject relays
		if sp, next, ok := st.rightNP(k+1, hi); ok && next+1 < hi && st.isWord(next) && st.low(next) == "as" &&
			st.isWord(next+1) && (st.low(next+1) == "saying" || st.low(next+1) == "telling") && !st.isPronounSpan(sp) {
			a.speaker, a.after = sp, next+2
			if via, ok := st.leftNP(k, lo); ok {
				a.via = via
			}
			return a, true
		}
	}
	if st.sourceless(k, lo) {
		// "Sanders was declared the winner", "He is expected to attend",
		// "Trump appears to have learned": the subject is not a source
		// (though a later participle refers to it); "was criticised by the
		// union" names it
		if sub, ok := st.leftNP(k, lo); ok && st.sentOf[k] >= 0 {
			si := int(st.sentOf[k])
			if _, seen := st.subj[si]; !seen {
				st.subj[si] = st.clauseSubject(sub)
			}
		}
		if st.isWord(k+1) && st.low(k+1) == "by" {
			if sp, next, ok := st.rightNP(k+2, hi); ok {
				a.speaker = sp
				a.after = next
			}
		}
		return a, true
	}
	participle := len(w) > 4 && w[len(w)-3:] == "ing"
	// skip adverbs to see whether a comma precedes: ", saying that"
	i := k - 1
	for i >= lo && st.isWord(i) && st.in(i, setAdverb) {
		i--
	}
	ci := i
	if ci >= lo && st.mark(ci) != 0 && st.isPunct(ci-1, ",") {
		ci-- // ",” adding that"
	}
	coord := i >= lo && st.isWord(i) && (st.low(i) == "and" || st.low(i) == "but")
	if k-1 >= lo && st.isWord(k-1) && (st.low(k-1) == "don't" || st.low(k-1) == "don’t") && (i < lo || st.isPunct(i, ",") || coord && (i == lo || st.isPunct(i-1, ","))) {
		return a, true // an imperative: "But don't expect a new tone"
	}
	if coord || participle && (i < lo || st.isPunct(ci, ",") || st.isPunct(i, "—")) {
		a.participle = true
		if sp, ok := st.subject(lo, hi); ok {
			a.speaker = sp
			return a, true
		}
		return a, false
	}
	if c := st.cue(k); !participle && i >= lo && st.isPunct(i, ",") && c&cueSpeech != 0 && c&(cueTell|cueObject) == 0 {
		// "CLAUSE, outstripping Y, said market analysts Chart-Track.": a
		// noun phrase that ends the sentence after a speech verb that
		// takes no addressee or object is its speaker, whatever commas
		// stand before it
		if sp, next, ok := st.rightNP(k+1, hi); ok && st.endsSentence(next, hi) {
			a.speaker = sp
			a.after = next
			return a, true
		}
	}
	if sp, ok := st.leftNP(k, lo); ok {
		if name, ok := st.appositiveName(sp, lo); ok {
			sp = name
		}
		if participle && st.inDocument(sp, lo) {
			// "In a statement announcing the move the company said …":
			// the statement is where the subject that follows speaks
			return a, false
		}
		if participle {
			// "Gowdy released a statement saying …": the issuer speaks;
			// so does the subject of a clause whose object or
			// prepositional phrase stands before a participle of speech ("Lopez
			// cancelled an appearance at the premiere saying …", "Plus.net
			// backed the proposals saying …"), but not the subject of a
			// gerund ("despite his allies saying", "footage of Trump
			// saying")
			b := k - 1
			for b > lo && st.toks[b-1].Start >= sp.Start {
				b--
			}
			if b > lo && st.isWord(b-1) && !subordinators[st.low(b-1)] && (documents[st.lows[st.toks[k-1].Start:st.toks[k-1].End]] || !st.isPronounSpan(sp) && st.objectBefore(b, lo)) {
				if sub, ok := st.subject(lo, hi); ok && sub.End <= sp.Start {
					a.participle = true
					a.speaker = sub
					return a, true
				}
			}
		}
		// a relative clause without complement: "which he claimed"
		return st.withAddressee(a, sp, k, hi), true
	}
	if participle && i >= lo && st.isWord(i) && (st.low(i) == "of" || st.info(i).stop) {
		// "Trump stopped short of calling …", "despite admitting …": the
		// participle's subject is the sentence's
		if sp, ok := st.subject(lo, hi); ok && sp.End <= st.toks[k].Start {
			a.participle = true
			a.speaker = sp
			return a, true
		}
	}
	// inverted: "…,” said Trump", "…, said the source."
	if i < lo || st.isPunct(i, ",") || st.mark(i) == 2 || st.mark(i) == 3 {
		// (not the subject of the content: "…, has said the referendum
		// could be held")
		if sp, next, ok := st.rightNP(k+1, hi); ok && !(next < hi && st.isWord(next) && auxAfterThat[st.low(next)]) {
			a.speaker = sp
			a.after = next
			if name, end, ok := st.nameAfterRole(next, hi); ok {
				a.speaker, a.after = name, end
			}
			return a, true
		}
	}
	return a, false
}

// inDocument reports whether the noun phrase sp is a document after "in"
// that opens its sentence ("In a statement announcing …").
func (st *state) inDocument(sp verbatim.Span, lo int) bool {
	k := st.tokenAt(sp.End - 1)
	if k < 0 || k >= len(st.toks) || !st.in(k, setDocument) {
		return false
	}
	b := k
	for b > lo && st.toks[b-1].Start >= sp.Start {
		b--
	}
	return b-1 == lo && st.isWord(b-1) && st.low(b-1) == "in"
}

// objectBefore reports whether the noun phrase starting at token b stands
// where an object does: after a verb in the past ("backed the proposals"),
// or after a preposition of place or direction ("in the house", "wrote to
// the watchdog"), also through "of" ("at the premiere of her new movie").
func (st *state) objectBefore(b, lo int) bool {
	for n := 0; n < 3 && b > lo && st.isWord(b-1); n++ {
		w := st.low(b - 1)
		switch w {
		case "in", "at", "to", "on", "into", "from":
			return true
		case "of":
			h, ok := st.npEndingAt(b-2, lo)
			if b-2 < lo || !st.isWord(b-2) || !ok || st.isPronounSpan(h) {
				return false
			}
			for b--; b > lo && st.toks[b-1].Start >= h.Start; b-- {
			}
			continue
		}
		return len(w) > 4 && w[len(w)-2:] == "ed" || pastForms[w]
	}
	return false
}

// endsSentence reports whether only closing punctuation lies in [k, hi).
func (st *state) endsSentence(k, hi int) bool {
	for ; k < hi; k++ {
		if st.isWord(k) || st.mark(k) == 1 || st.isPunct(k, ",") {
			return false
		}
	}
	return true
}

// sourceless reports whether the cue at token k leaves its subject no source:
// a passive participle after "be" ("was told that", "is expected to", but
// not a state of mind: "are worried that") or a raising verb not followed
// by a cue ("appears to be", but "appeared to suggest that" keeps it).
func (st *state) sourceless(k, lo int) bool {
	w, wi := st.low(k), st.info(k)
	if wi.sets&setRaising != 0 {
		n := k + 1
		if st.isWord(n) && st.low(n) == "to" {
			n++
			for st.isWord(n) && st.in(n, setAdverb) && !st.in(n, setBe) && st.low(n) != "have" {
				n++
			}
			return !(st.isWord(n) && st.info(n).cue != 0)
		}
		// "seemed eager to", "appears likely", but "appeared at a hearing"
		return !(st.isWord(n) && st.in(n, setOpener))
	}
	if wi.sets&setState != 0 || !(wi.sets&setParticiple != 0 || len(w) > 4 && w[len(w)-2:] == "ed") {
		return false
	}
	for i := k - 1; i >= lo && i > k-4 && st.isWord(i); i-- {
		p := st.low(i)
		if st.in(i, setBe) {
			return true
		}
		if !st.in(i, setAdverb) || p == "has" || p == "have" || p == "had" {
			return false
		}
	}
	return false
}

func (st *state) withAddressee(a attr, sp verbatim.Span, k, hi int) attr {
	a.speaker = sp
	if st.info(k).cue&cueTell != 0 {
		if ad, next, ok := st.rightPhrase(k+1, hi, false); ok && !st.isPronounSpan(ad) {
			a.addressee = ad
			a.after = next
		}
	}
	return a
}

func (st *state) isPronounSpan(sp verbatim.Span) bool {
	w := st.s[sp.Start:sp.End]
	return len(w) <= 4 && pronouns[lowerASCII(w)]
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
