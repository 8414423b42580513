package quotes

import "github.com/verbatim-news/verbatim"

// dashSpeaker finds the name signing a closed quote after a dash, as in
// collected reactions, epigraphs and embedded posts: “We are not going
// back.” ― Mara Olsen. The name is one to five capitalised words (initials
// included) that end the line: a period, a comma, a parenthesis ("(@handle)"),
// the next quote mark or the end of the text follows. Anything else ("“a
// disgrace” — Trump said") is prose, not a signature.
func (st *state) dashSpeaker(g region) (attr, bool) {
	j := g.close + 1
	if st.isPunct(j, ",") {
		j++
	}
	if j >= len(st.toks) || !(st.isDash(j) || st.isPunct(j, "―")) || st.inQ[j] >= 0 {
		return attr{}, false
	}
	first := j + 1
	e := first
	for e < len(st.toks) && e-first < 8 {
		if st.isCap(e) && !labels[st.low(e)] {
			e++
		} else if st.isPunct(e, ".") && e > first && len(st.tok(e-1)) == 1 {
			e++ // an initial: "Edwin G. Monroy"
		} else {
			break
		}
	}
	words := 0
	for k := first; k < e; k++ {
		if st.isWord(k) {
			words++
		}
	}
	if words == 0 || words > 5 {
		return attr{}, false
	}
	if e < len(st.toks) && !(st.isPunct(e, ".") || st.isPunct(e, ",") || st.isPunct(e, "(") || st.mark(e) != 0) {
		return attr{}, false
	}
	last := e - 1
	for last > first && !st.isWord(last) {
		last--
	}
	return attr{speaker: verbatim.Span{Start: st.toks[first].Start, End: st.toks[last].End}, cue: st.toks[j].Span, after: e}, true
}
