package quotes

// shortObject reports whether a loose cue's short object (3–4 words,
// tokens [start, end)) is a clause or a small clause rather than a plain noun
// phrase, so that it is content without the cue model: a clause or small
// clause opened by a subject pronoun or object pronoun ("called him divisive", "think they are
// right") or by a name that is no possessor ("show Trump trailing Cruz";
// but "acknowledged Trump's efforts" reports no statement).
func (st *state) shortObject(start, end int) bool {
	if start+1 >= end || !st.isWord(start) || !st.isWord(start+1) {
		return false
	}
	w := st.low(start)
	switch {
	case pronouns[w] || objectPronouns[w]:
		return true
	case st.isCap(start) && !dets[w]:
		n := start + 1
		for n < end && st.isCap(n) {
			n++ // the whole name: "Hillary Clinton taking a lead"
		}
		return n < end && st.isWord(n) && !st.isPoss(n)
	}
	return false
}
