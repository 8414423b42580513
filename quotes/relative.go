package quotes

import "github.com/verbatim-news/verbatim"

// relativeClause makes the content of an attribution inside a relative
// clause: "a wall, which he said Mexico should pay for", "what officials
// called a hate crime". PolNeAR annotates the clause from its relative
// pronoun (token b) to where the clause ends (a comma, semicolon, colon,
// dash, parenthesis or the sentence end) as the content. A clause with
// fewer than two words after the cue phrase ("which he claimed") gives none.
func (st *state) relativeClause(b int, a attr, hi int) (verbatim.Quote, bool) {
	e := a.after
	words := 0
	quoted := false
	for ; e < hi; e++ {
		if st.isWord(e) {
			words++
		} else if st.mark(e) == 0 && (st.isPunct(e, ",") || st.isPunct(e, ";") || st.isPunct(e, ":") || st.isPunct(e, "(") || st.isDash(e)) {
			break
		}
		if st.inQ[e] >= 0 {
			quoted = true
		}
	}
	for e > a.after && st.toks[e-1].Kind == verbatim.Punct && st.mark(e-1) == 0 {
		e-- // the sentence-final period
	}
	if words < 2 || e <= a.after {
		return verbatim.Quote{}, false
	}
	return st.reported(a, b, e, quoted), true
}

// relativeSubject returns the token of a relative pronoun that is the
// speaker of the cue at k ("who endorsed Clinton"), or -1.
func (st *state) relativeSubject(a attr, k int) int {
	if a.speaker.Empty() || a.participle {
		return -1
	}
	r := k - 1
	for r >= 0 && st.isWord(r) && adverbs[st.low(r)] {
		r--
	}
	if r < 0 || st.toks[r].Span != a.speaker || !relatives[st.low(r)] {
		return -1
	}
	return r
}

// relativeEnd ends the content [start, end) of a cue whose subject is the
// relative pronoun at r: at the comma closing a clause set off by commas
// ("The mayor, who endorsed Clinton, left"), and for an object cue before
// the main clause's verb ("voters who support Sanders are young").
func (st *state) relativeEnd(r int, c uint8, start, end int) int {
	nonRestrictive := r > 0 && st.isPunct(r-1, ",")
	for j := start + 1; j < end; j++ {
		if st.inQ[j] >= 0 {
			continue
		}
		if nonRestrictive && st.isPunct(j, ",") {
			return j
		}
		if c&cueObject != 0 && st.isWord(j) && (auxAfterThat[st.low(j)] || beForms[st.low(j)]) {
			return j
		}
	}
	return end
}
