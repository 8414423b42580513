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
