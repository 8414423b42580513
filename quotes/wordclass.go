package quotes

import "github.com/verbatim-news/verbatim"

// A cue word used as a noun or an adjective heads no attribution: "the
// hourlong show", "her reality show “Taradise”", "his accused killer", "The
// woman accused had just been escorted", "was found dead", "the SWAT team
// found her".

// showSubjects are the subjects before which "show" is a verb though they
// do not end in -s ("we show", "they show").
var showSubjects = map[string]bool{"i": true, "we": true, "you": true, "they": true, "these": true, "those": true,
	"to": true, "do": true, "does": true, "did": true, "data": true, "people": true}

// showNext are the words after a noun "show" that a verb "show" seldom
// has after it.
var showNext = map[string]bool{"in": true, "on": true, "at": true, "for": true, "with": true, "about": true,
	"from": true, "host": true, "hosts": true, "set": true}

// safeToSay are the words before "to say" that make it the writer's own
// hedge: "it's safe to say", "needless to say".
var safeToSay = map[string]bool{"safe": true, "fair": true, "needless": true, "suffice": true, "hard": true,
	"difficult": true, "true": true, "accurate": true, "unfair": true}

// nounCues are cue words that are nouns after a determiner: "A ballistics
// report is yet to be made public" reports nothing.
var nounCues = map[string]bool{"report": true, "reports": true, "estimate": true, "estimates": true,
	"claim": true, "claims": true, "warning": true, "statement": true}

// foundState are the words after "found" that make it a finding of a thing
// or a person, not of a fact: "found dead", "found her".
var foundState = map[string]bool{"dead": true, "guilty": true, "innocent": true, "alive": true, "unconscious": true,
	"injured": true, "hanged": true, "lying": true, "buried": true, "shot": true, "stabbed": true, "murdered": true,
	"killed": true, "missing": true, "her": true, "him": true, "them": true, "me": true, "us": true, "himself": true,
	"herself": true, "themselves": true, "itself": true}

// auxAfterNoun are the words after a noun "show" or adjective "accused"
// that begin their clause's verb ("the show will", "the woman accused had").
var auxAfterNoun = map[string]bool{"had": true, "has": true, "have": true, "was": true, "were": true, "is": true,
	"are": true, "will": true, "would": true, "could": true, "can": true, "may": true, "might": true}

// notVerbCue reports whether the cue word at token k is used as a noun or
// an adjective there.
func (st *state) notVerbCue(k int) bool {
	w := st.low(k)
	if w != "show" && w != "accused" && w != "found" && w != "alleged" && w != "say" && w != "added" && w != "add" && w != "adds" &&
		w != "assured" && !nounCues[w] {
		return false
	}
	prev, next, prevDet, prevNum := "", "", false, k > 0 && st.toks[k-1].Kind == verbatim.Number
	if k > 0 && st.isWord(k-1) {
		prev, prevDet = st.low(k-1), st.in(k-1, setDet)
	}
	if k+1 < len(st.toks) {
		if st.isWord(k + 1) {
			next = st.low(k + 1)
		} else if st.mark(k+1) != 0 {
			next = "“"
		}
	}
	switch w {
	case "show":
		if prevDet && !showSubjects[prev] {
			return true // "the show", "her show"
		}
		// after a noun "show" its clause's verb, a preposition, a title or
		// the end: "the hourlong show came", "show “Taradise” on E!"
		if next == "" { // "official figures show."
			return !(showSubjects[prev] || len(prev) > 3 && prev[len(prev)-1] == 's' && prev[len(prev)-2] != 's')
		}
		return next == "“" || auxAfterNoun[next] || showNext[next] || st.in(k+1, setPast)
	case "say":
		// "it's safe to say Luck exceeded them": the writer's own words
		return prev == "to" && k > 1 && st.isWord(k-2) && safeToSay[st.low(k-2)]
	case "assured":
		return prev == "rest" // "rest assured that the Sox want him"
	case "added", "add", "adds":
		// "Hillis added 101 yards", "shares added 2%", "the casing adds
		// more durability": a quantity, not words
		return k+1 < len(st.toks) && st.toks[k+1].Kind == verbatim.Number || next == "more" || next == "extra"
	case "alleged":
		// "one of 99 alleged Mafia members", "the alleged victim"
		return prevDet || prevNum || prev == "of" || prev == "for" || prev == "with" || prev == "by"
	case "accused":
		return prevDet || prevNum || auxAfterNoun[next]
	case "found":
		return foundState[next]
	default: // a noun of saying after its determiner, with no content after it
		// (or two words after it: "A ballistics report is yet to be made public")
		det := prevDet || k > 1 && prev != "" && !st.isCap(k-1) && st.isWord(k-2) && st.in(k-2, setDet)
		return det && (next == "" || auxAfterNoun[next] || showNext[next])
	}
}
