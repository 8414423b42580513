package quotes

// shortObject reports whether a loose cue's short object (3–4 words,
// tokens [start, end)) is content without the cue model. PolNeAR marks
// most such objects ("called him divisive", "called Cruz a liar", "backed
// the tax plan"), so all are taken but two kinds: an object opened by a
// name with a possessive ("acknowledged Trump's efforts", a gesture the
// seed reports do not count as a statement; PolNeAR train F1 is the same
// either way) and a negated infinitive ("asked not to be named").
func (st *state) shortObject(start, end int) bool {
	if start+1 >= end || !st.isWord(start) || !st.isWord(start+1) {
		return false
	}
	if st.low(start) == "not" {
		return false
	}
	return !st.isPoss(start + 1)
}
