package quotes

import "github.com/verbatim-news/verbatim"

var (
	asking    = wordSet("asking.txt")    // forms of "ask"
	questions = wordSet("questions.txt") // "whether", "if", "how", …
)

// askedQuestion makes the indirect question after a form of "ask" at token
// k the content: "A reporter asked Sanders how he was feeling", "Asked
// whether he would run, Ryan said no", "Christie said when asked whether he
// would issue a quarantine". Up to eight words (an addressee, "by the
// host", "on Monday") may lie between the cue and the question word. The
// question runs to the sentence end or to a comma that does not open a
// relative clause ("…, where the virus has spread" stays in, and so does the
// rest after the comma closing it). The questioner
// is the subject before the cue; there is none when the cue opens the
// sentence or a clause ("Asked …", "when asked …", "…, asked …") or is
// passive without "by".
func (st *state) askedQuestion(k, lo, hi int) (verbatim.Quote, bool) {
	w := k + 1
	for ; w < hi && w <= k+9; w++ {
		if !st.isWord(w) || st.inQ[w] >= 0 {
			if st.isPoss(w) || st.isPunct(w, "-") || st.isPunct(w, ".") && w+1 < hi && st.isCap(w+1) {
				continue
			}
			return verbatim.Quote{}, false
		}
		if questions[st.low(w)] {
			break
		}
		if st.low(w) == "that" || cues[st.low(w)] != 0 && w > k+1 && !st.isCap(w) {
			return verbatim.Quote{}, false
		}
	}
	if w >= hi || w > k+9 || !questions[st.low(w)] {
		return verbatim.Quote{}, false
	}
	e := w + 1
	quoted, inRelative := false, false
	for ; e < hi; e++ {
		if st.inQ[e] >= 0 {
			quoted = true
			continue
		}
		if st.isPunct(e, ";") || st.isPunct(e, ":") || st.isDash(e) {
			break
		}
		if st.isPunct(e, ",") {
			if st.isWord(e+1) && (relatives[st.low(e+1)] || st.low(e+1) == "where" || st.low(e+1) == "whose") {
				inRelative = true
			} else if inRelative {
				inRelative = false // the comma closing it
			} else {
				break
			}
		}
	}
	for e > w+1 && st.toks[e-1].Kind == verbatim.Punct && st.mark(e-1) == 0 && st.tok(e-1) != "?" {
		e--
	}
	words := 0
	for j := w + 1; j < e; j++ {
		if st.isWord(j) {
			words++
		}
	}
	if words < 3 {
		return verbatim.Quote{}, false
	}
	a := attr{cue: st.toks[k].Span, after: k + 1}
	p := k - 1
	for p >= lo && st.isWord(p) && adverbs[st.low(p)] {
		p--
	}
	opens := p < lo || !st.isWord(p) || subordinators[st.low(p)] || st.low(p) == "when"
	if !opens {
		if st.sourceless(k, lo) {
			if st.isWord(k+1) && st.low(k+1) == "by" {
				if sp, _, ok := st.rightNP(k+2, w); ok {
					a.speaker = sp
				}
			}
		} else if sp, ok := st.leftNP(k, lo); ok {
			a.speaker = sp
		}
	}
	if a.speaker.Empty() && st.answerQuoted(e, hi) {
		return verbatim.Quote{}, false
	}
	return st.reported(a, w, e, quoted), true
}

// answerQuoted reports whether the rest of the sentence after an unnamed
// question (tokens [e, hi)) quotes the answer: "When asked whether …, Trump
// told reporters: “I don't want to say that.”" reports the answer, and the
// question only frames it.
func (st *state) answerQuoted(e, hi int) bool {
	for j := e; j < hi; j++ {
		if st.inQ[j] >= 0 {
			return true
		}
	}
	return false
}
