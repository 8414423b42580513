package quotes

import "github.com/verbatim-news/verbatim"

var polls = wordSet("polls.txt") // "In a CNN poll released Monday, …"

// inPoll handles a finding framed by the poll it comes from: "In a CNN
// national poll released Monday, Hillary Clinton held a 24-point lead …".
// The sentence opens with "In", the phrase up to its comma (at most 20
// tokens) is headed by a poll noun (data/polls.txt), and the clause after
// the comma is the content, the phrase its source. A poll noun modifying
// another ("the polling places") or in a clause of its own ("as polls
// closed") is no source.
func (st *state) inPoll(k, lo, hi int) (verbatim.Quote, bool) {
	if k != lo || !st.isWord(k+1) {
		return verbatim.Quote{}, false
	}
	head := -1
	c := k + 1
	for ; c < hi && c < k+21 && !st.isPunct(c, ","); c++ {
		if !st.isWord(c) && !st.isPunct(c, "-") && !st.isPunct(c, "/") {
			return verbatim.Quote{}, false
		}
		w := st.low(c)
		if subordinators[w] || relatives[w] {
			return verbatim.Quote{}, false
		}
		if polls[w] && head < 0 {
			n := c + 1
			if !st.isPunct(n, ",") && !(st.isWord(n) && (stops[st.low(n)] || times[st.low(n)] || weekdays[st.low(n)] || len(st.low(n)) > 3 && st.low(n)[len(st.low(n))-2:] == "ed")) {
				return verbatim.Quote{}, false
			}
			head = c
		}
	}
	if head < 0 || c >= hi || !st.isPunct(c, ",") {
		return verbatim.Quote{}, false
	}
	end := hi
	for end-1 > c+1 && st.toks[end-1].Kind == verbatim.Punct && st.mark(end-1) == 0 {
		end--
	}
	if st.wordsIn(c+1, end) < 3 {
		return verbatim.Quote{}, false
	}
	quoted := false
	for j := c + 1; j < end; j++ {
		if st.inQ[j] >= 0 {
			quoted = true
		}
	}
	a := attr{speaker: verbatim.Span{Start: st.toks[k+1].Start, End: st.toks[c-1].End}, cue: st.toks[k].Span, after: c + 1}
	return st.reported(a, c+1, end, quoted), true
}
