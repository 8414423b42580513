// "According to X, CLAUSE" and "CLAUSE, according to X": the source after
// the cue, with the prepositional phrase it may end with ("a study by
// Harvard").

package quotes

import (
	"github.com/verbatim-news/verbatim"
)

// accordingTo handles "according to X, CLAUSE" and "CLAUSE, according to X".
func (st *state) accordingTo(k, lo, hi int) (verbatim.Quote, bool) {
	sp, next, ok := st.rightNP(k+2, hi)
	if !ok {
		// "according to early returns", "according to recent polls from
		// Quinnipiac": the source is the phrase up to the comma or the end
		j := k + 2
		for j < hi && j < k+2+25 && st.isWord(j) && !st.isPunct(j, ",") {
			j++
		}
		if j == k+2 || (j < hi && !st.isPunct(j, ",") && st.toks[j].Kind != verbatim.Punct) {
			return verbatim.Quote{}, false
		}
		sp, next = verbatim.Span{Start: st.toks[k+2].Start, End: st.toks[j-1].End}, j
	}
	npSpan, npNext := sp, next
	if !ok {
		npNext = -1
	}
	// the source is the whole phrase up to the comma or the sentence end
	// ("according to officials familiar with the system", "according to a
	// memo released Friday by the agency's watchdog")
	e := next
	for e < hi && e < k+2+25 && !st.isPunct(e, ",") && !st.isPunct(e, ";") && !st.isPunct(e, ":") && !st.isPunct(e, "(") && !st.isDash(e) && st.mark(e) == 0 && st.inQ[e] < 0 {
		e++
	}
	for e > next && st.toks[e-1].Kind == verbatim.Punct {
		e--
	}
	if e > next && e < k+2+25 && (e >= hi || st.toks[e].Kind == verbatim.Punct) {
		sp.End = st.toks[e-1].End
		next = e
	}
	a := attr{speaker: sp, cue: verbatim.Span{Start: st.toks[k].Start, End: st.toks[k+1].End}}
	var start, end int
	if k == lo || (k-1 >= lo && st.toks[k-1].Kind == verbatim.Punct && st.mark(k-1) == 0 && k-1 == lo) {
		// According to X, CLAUSE.
		j := next
		for j < hi && !st.isPunct(j, ",") {
			j++
		}
		start, end = j+1, hi
		if j >= hi && npNext > k+2 {
			// no comma: "According to the official news agency most of
			// the cafes were closed": the clause after the noun phrase
			// and its prepositional phrases ("recent polls from Quinnipiac")
			for st.isWord(npNext) && sourcePreps[st.low(npNext)] {
				pp, n, ok := st.rightNP(npNext+1, hi)
				if !ok {
					break
				}
				npSpan.End, npNext = pp.End, n
			}
			if st.wordsIn(npNext, hi) >= 3 {
				a.speaker, start = npSpan, npNext
			}
		}
	} else {
		p := k - 1
		// a closing mark: ” or a straight " that closes its region
		closing := st.mark(p) == 2 || st.mark(p) != 0 && st.inQ[p] >= 0 && st.regs[st.inQ[p]].close == p
		if !st.isPunct(p, ",") && !closing {
			return verbatim.Quote{}, false
		}
		start, end = lo, p
		if closing {
			end = p + 1
		}
		if st.isPunct(next, ",") && st.wordsIn(next+1, hi) >= 3 && !(st.isWord(next+1) && relatives[st.low(next+1)]) {
			// a parenthetical attribution: "At the heart of the trouble,
			// according to Dennis Ross, was a decision …" is one content;
			// after a short opener ("In addition, according to the
			// department, …") the clause after it is. A relative clause
			// after the comma is the source's ("according to the League,
			// which said …"): the content is before.
			if st.wordsIn(lo, p) < 4 {
				start = next + 1
			}
			end = hi
		}
	}
	for end-1 > start && st.toks[end-1].Kind == verbatim.Punct && st.mark(end-1) == 0 {
		end--
	}
	if start >= end || end > hi {
		return verbatim.Quote{}, false
	}
	words, quoted := 0, false
	for j := start; j < end; j++ {
		if st.isWord(j) {
			words++
		}
		if st.inQ[j] >= 0 {
			quoted = true
		}
	}
	if words < 3 {
		return verbatim.Quote{}, false
	}
	return st.reported(a, start, end, quoted), true
}

// sourcePreps open a prepositional phrase that may end a source's noun
// phrase ("polls from Quinnipiac", "a study by Harvard").
var sourcePreps = map[string]bool{"from": true, "by": true, "at": true, "in": true, "for": true, "of": true}

// wordsIn counts the word tokens in [from, to).
func (st *state) wordsIn(from, to int) int {
	n := 0
	for j := from; j < to && j < len(st.toks); j++ {
		if st.isWord(j) {
			n++
		}
	}
	return n
}
