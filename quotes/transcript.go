// Transcript turns: "NAME: words" labels of interviews and hearings.

package quotes

import (
	"strings"

	"github.com/verbatim-news/verbatim"
)

// transcript finds "NAME: words…" opening a paragraph (interviews,
// transcripts): the speaker is the name, the content the rest of the
// paragraph.
func (st *state) transcript(si int) (verbatim.Quote, bool) {
	sen := st.d.Sentences[si]
	if si > 0 && st.d.Sentences[si-1].Para == sen.Para {
		return verbatim.Quote{}, false
	}
	lo, c, ok := st.transcriptLabel(sen.First, sen.Last)
	if !ok {
		return verbatim.Quote{}, false
	}
	// the paragraph's last token
	end := sen.Last
	for k := si + 1; k < len(st.d.Sentences) && st.d.Sentences[k].Para == sen.Para; k++ {
		end = st.d.Sentences[k].Last
	}
	start := c + 1
	words := 0
	for j := start; j < end; j++ {
		if st.isWord(j) {
			words++
		}
	}
	if words < 4 || start >= end {
		return verbatim.Quote{}, false
	}
	if lo > sen.First && st.mark(end-1) != 0 {
		end-- // "“PENCE: Well, …”": the marks enclose the turn, label included
	}
	q := verbatim.Quote{Span: verbatim.Span{Start: st.toks[start].Start, End: st.toks[end-1].End}, Type: verbatim.Direct, Speaker: -1}
	if r := st.inQ[start]; r >= 0 && st.regs[r].close == end-1 && lo == sen.First {
		q.Span = st.regs[r].content
	}
	st.fill(&q, attr{speaker: verbatim.Span{Start: st.toks[lo].Start, End: st.toks[c-1].End}, cue: st.toks[c].Span}, 0.6)
	return q, true
}

// colonLabel finds a speaker's name before the colon at token c that
// introduces a quote: one to four capitalised words (initials and "and"
// between names allowed) opening the sentence [lo, …) or following a dash.
func (st *state) colonLabel(c, lo int) (verbatim.Span, bool) {
	b := c
	for b-1 >= lo && c-b < 6 && (st.isCap(b-1) && !labels[st.low(b-1)] || st.isPunct(b-1, ".") && b-2 >= lo && st.isCap(b-2) || b-1 > lo && st.isWord(b-1) && st.low(b-1) == "and" && st.isCap(b-2)) {
		b--
	}
	if b == c || c-b >= 6 || !st.isCap(b) {
		return verbatim.Span{}, false
	}
	if b > lo && !st.isDash(b-1) && !st.isPunct(b-1, "-") {
		return verbatim.Span{}, false
	}
	return verbatim.Span{Start: st.toks[b].Start, End: st.toks[c-1].End}, true
}

// transcriptLabel finds the speaker label opening a transcript turn in
// tokens [first, last): up to four capitalised words and a colon, outside
// quotes ("PENCE:", "JAKE TAPPER:") or right after the quote mark that
// opens the turn ("“WALLACE: Let’s start …"). It returns the label's first
// token and the colon.
func (st *state) transcriptLabel(first, last int) (lo, colon int, ok bool) {
	lo = first
	inside := lo < last && st.mark(lo) != 0
	if inside {
		lo++
	}
	c := lo
	// the headline, or the first line where none was recognised
	title := false
	if si := st.sentOf[first]; si >= 0 {
		p := st.d.Sentences[si].Para
		title = p == st.titlePara || p == 0 && st.titlePara < 0
	}
	for c < last && c-lo < 4 && st.isCap(c) && (!labels[st.low(c)] || title && c == lo && headlineSources[st.low(c)]) {
		c++
	}
	if c == lo || c >= last || !st.isPunct(c, ":") || st.inQ[c] >= 0 && !(inside && st.inQ[c] == st.inQ[first]) {
		return 0, 0, false
	}
	if inside {
		// a quoted label is a speaker's only when written in capitals
		for k := lo; k < c; k++ {
			if t := st.tok(k); strings.ToUpper(t) != t {
				return 0, 0, false
			}
		}
	}
	return lo, c, true
}
