package quotes

import "github.com/verbatim-news/verbatim"

// headline handles a headline in title case that names its speaker before
// a cue word: "Bernie Sanders Says He’s Already Started Writing His
// Inaugural Address", "Conservative Icon Morton Blackwell Endorses Ted
// Cruz". The speaker is the run of capitalised words (at most six) that
// opens sentence [lo, hi), the cue the first cue word after it, the rest of
// the sentence (at least two words) the content.
func (st *state) headline(lo, hi int) (verbatim.Quote, bool) {
	k := lo
	for k < hi && k-lo < 7 && st.isWord(k) && st.isCap(k) && cues[st.low(k)] == 0 {
		if w := st.low(k); beForms[w] {
			return verbatim.Quote{}, false // "Megyn Kelly Was Just Spotted …" reports no statement
		}
		k++
	}
	if k == lo || k >= hi || k-lo > 6 || !st.isWord(k) || !st.isCap(k) || cues[st.low(k)] == 0 {
		return verbatim.Quote{}, false
	}
	end := hi
	for end-1 > k+1 && st.toks[end-1].Kind == verbatim.Punct && st.mark(end-1) == 0 {
		end--
	}
	if st.wordsIn(k+1, end) < 2 {
		return verbatim.Quote{}, false
	}
	quoted := false
	for j := k + 1; j < end; j++ {
		if st.inQ[j] >= 0 {
			quoted = true
		}
		if st.isPunct(j, ":") || st.isPunct(j, ";") {
			return verbatim.Quote{}, false
		}
	}
	a := attr{speaker: verbatim.Span{Start: st.toks[lo].Start, End: st.toks[k-1].End}, cue: st.toks[k].Span, after: k + 1}
	return st.reported(a, k+1, end, quoted), true
}
