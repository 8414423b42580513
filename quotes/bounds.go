package quotes

import (
	"sort"

	"github.com/verbatim-news/verbatim"
)

// joinParts joins a direct quote with the unattributed quote that continues
// it later in the same paragraph, past an attribution of any length:
// “A,” said the designer, who works for another brand. “B.” is one content
// in PolNeAR, as the short case joinsPrevious handles already is. The parts
// stay apart when the attribution goes on into a subordinate clause after a
// comma (“A,” Trump said, when asked about land. “B.”): the second part then
// answers the new context. out is sorted by start.
func (st *state) joinParts(out []verbatim.Quote) []verbatim.Quote {
	if len(out) < 2 {
		return out
	}
	w := 1
	last := 0 // the last part that may be continued
	for i := 1; i < len(out); i++ {
		p, q := &out[last], out[i]
		if st.continues(*p, q) {
			// quotes between lie inside the attribution ("said an adviser,
			// who declined to be identified")
			if len(q.Parts) > 0 {
				joinPart(p, q.Parts...)
			} else {
				joinPart(p, q.Span)
			}
			continue
		}
		out[w] = q
		if !st.inAttribution(*p, q) {
			last = w
		}
		w++
	}
	return out[:w]
}

// continues reports whether direct quote q carries on p: q has no cue of its
// own and p's speaker, both lie in one paragraph (a new paragraph that opens
// a quotation is a new one: its mark would stand inside the joined text),
// and no subordinate clause opens after a comma between them.
func (st *state) continues(p, q verbatim.Quote) bool {
	if p.Type != verbatim.Direct || q.Type != verbatim.Direct || p.Cue.Empty() || !q.Cue.Empty() ||
		p.SpeakerAt.Empty() || q.SpeakerAt != p.SpeakerAt || q.Start <= p.End || p.Cue.Start < p.End || p.Cue.End > q.Start {
		return false // only a quotation split by its own attribution is one
	}
	if st.paraOf(p.Start) != st.paraOf(q.Start) {
		return false
	}
	k := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= p.End })
	if r := st.regionAt(q.Start); r >= 0 && st.regs[r].reopens {
		return false // opened before p's quotation closed: a new one (regions.go)
	}
	for ; k < len(st.toks) && st.toks[k].Start < q.Start; k++ {
		if st.isPunct(k, ",") && k+1 < len(st.toks) && st.isWord(k+1) && subordinators[st.low(k+1)] {
			return false
		}
	}
	return true
}

// throughQuote returns the end of a content spanning tokens [start, end)
// that stops inside a quote opened within it: the content runs on to the
// quote's close in the same paragraph (“added that he was “fighting for the
// Constitution. I'll tell you this …”” is one content).
func (st *state) throughQuote(start, end int) int {
	r := st.inQ[end-1]
	if r < 0 {
		return end
	}
	g := st.regs[r]
	if g.close < end || g.open < start || g.content.Empty() || st.paraOf(st.toks[g.close].Start) != st.paraOf(st.toks[end-1].Start) {
		return end
	}
	return g.close + 1
}

// fromClauseStart extends a direct quote attributed after it ("“…,” X said")
// that opens at token open, inside the sentence starting at token lo, back to
// the sentence start: in 'Ms. Brainard is “not a backslapper,” Mr. Sperling
// said' the speaker asserts the whole clause, quoted words and all (and
// unattributed fragments before), and the quote is mixed.
func (st *state) fromClauseStart(q *verbatim.Quote, lo, open int) {
	words := 0
	for k := lo; k < open; k++ {
		if r := st.inQ[k]; r >= 0 && (st.regs[r].used || st.regs[r].content.Empty()) {
			return // an attributed quote before belongs to another statement
		}
		if st.isWord(k) {
			words++
		}
	}
	if words == 0 {
		return
	}
	q.Start = st.toks[lo].Start
	q.Type = verbatim.Mixed
}

// inAttribution reports whether reported quote q lies in the attribution
// after direct quote p, in its sentence ("“…,” said an adviser, who
// declined to be identified").
func (st *state) inAttribution(p, q verbatim.Quote) bool {
	if q.Type == verbatim.Direct || p.Type != verbatim.Direct || p.Cue.Empty() || q.SpeakerAt.Start < p.End {
		return false
	}
	k := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= p.Cue.Start })
	return k < len(st.toks) && st.sentOf[k] >= 0 && int(st.sentOf[k]) < len(st.d.Sentences) &&
		st.toks[st.d.Sentences[st.sentOf[k]].Last-1].End >= q.End
}

// markObject notes where the object of a loose cue at token k, content
// sp over tokens [start, end), ends, for trimObjects once the nested
// attributions are settled.
func (st *state) markObject(sp verbatim.Span, k, start, end int) {
	e := st.objectEnd(k, start, end)
	if e >= end {
		return
	}
	if st.objEnd == nil {
		st.objEnd = map[verbatim.Span]int{}
	}
	st.objEnd[sp] = st.toks[e-1].End
}

// objectEnd returns where the object of the loose cue at token k, starting
// at token start, ends (at most end): an object pronoun of an object cue is
// the whole object ("opposed it as a candidate"); otherwise it ends before a
// comma opening a subordinate or relative clause ("criticized the budget
// plan, because it cuts …", "backed Bush, who …"). PolNeAR's content is
// the object alone.
func (st *state) objectEnd(k, start, end int) int {
	if cues[st.low(k)]&cueObject != 0 && st.isWord(start) && objectPronouns[st.low(start)] {
		return start + 1
	}
	for j := start + 1; j < end; j++ {
		if st.inQ[j] >= 0 {
			continue
		}
		if st.isPunct(j, ",") && j+1 < end && st.isWord(j+1) && st.opensAdjunct(j+1) {
			return j
		}
	}
	return end
}

var objectPronouns = map[string]bool{"it": true, "him": true, "them": true, "me": true, "us": true,
	"himself": true, "herself": true, "themselves": true}

// trimObjects ends loose objects where markObject found them to end.
func (st *state) trimObjects(out []verbatim.Quote) {
	if len(st.objEnd) == 0 {
		return
	}
	for i := range out {
		if e, ok := st.objEnd[out[i].Span]; ok {
			out[i].End = e
		}
	}
}

// opensAdjunct reports whether word j, after a comma, opens a subordinate
// or relative clause rather than the next item of a list.
func (st *state) opensAdjunct(j int) bool {
	w := st.low(j)
	if w == "and" || w == "or" {
		return false
	}
	return subordinators[w] || relatives[w]
}

// speakerAppositive reports whether the comma after an inverted
// attribution ("…, said David Autor, a professor …") opens an appositive of
// its speaker rather than the rest of the content.
func (st *state) speakerAppositive(a attr, k int) bool {
	if a.speaker.Empty() || a.speaker.Start < st.toks[k].End {
		return false
	}
	n := a.after + 1
	return n < len(st.toks) && st.isWord(n) && (dets[st.low(n)] || relatives[st.low(n)])
}
