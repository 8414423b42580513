// Whether a lower-case word can head a speaker's noun phrase.

package quotes

// plausibleNoun rejects lower-case words that are obviously not a noun head.
func plausibleNoun(w string) bool {
	if len(w) < 2 {
		return false
	}
	n := len(w)
	if n > 4 && (w[n-2:] == "ly" || w[n-3:] == "ing" || w[n-2:] == "ed") {
		return false
	}
	return !stops[w] && !adverbs[w] && !dets[w]
}

// plausibleNounAt is plausibleNoun(st.low(i)), its word lists read from the
// per-token cache.
func (st *state) plausibleNounAt(i int) bool {
	w := st.low(i)
	if len(w) < 2 {
		return false
	}
	n := len(w)
	if n > 4 && (w[n-2:] == "ly" || w[n-3:] == "ing" || w[n-2:] == "ed") {
		return false
	}
	wi := st.info(i)
	return !wi.stop && wi.sets&(setAdverb|setDet) == 0
}
