// Direct quotes: quote-mark regions attributed by a cue beside them, split
// around their attribution, and floating paragraphs that continue a speaker.

package quotes

import (
	"slices"
	"sort"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
)

func (st *state) direct() {
	// paragraph -> index in st.out of its last attributed direct quote,
	// -1 for none (a slice: a map of a big document's paragraphs cost
	// more per paragraph as it grew, issue 20)
	paras := 0
	for i := range st.d.Sentences {
		paras = max(paras, st.d.Sentences[i].Para+1)
	}
	lastSpeaker := make([]int32, paras)
	for i := range lastSpeaker {
		lastSpeaker[i] = -1
	}
	// the quotes found here: about one a region
	st.out = slices.Grow(st.out, len(st.regs))
	prevPara := -1
	prevParaLast := -1
	skipNext := false
	for ri := range st.regs {
		g := &st.regs[ri]
		if skipNext {
			skipNext = false
			continue
		}
		if g.content.Empty() {
			continue
		}
		para := -1
		if st.sentOf[g.open] >= 0 {
			para = st.d.Sentences[st.sentOf[g.open]].Para
		}
		if para != prevPara {
			if prevPara >= 0 {
				prevParaLast = int(lastSpeaker[prevPara])
			}
			prevPara = para
		}
		lo, hi := st.sentence(g.open)
		if g.open == lo && (lo == 0 || st.sentOf[lo-1] < 0 || st.d.Sentences[st.sentOf[lo-1]].Para != para) {
			if _, _, ok := st.transcriptLabel(lo, hi); ok && st.mark(lo) != 0 {
				continue // "“PENCE: …": a transcript turn (transcript)
			}
		}
		endTok := g.close
		if endTok < 0 {
			endTok = g.open
			for endTok+1 < len(st.toks) && st.inQ[endTok+1] == int32(ri) {
				endTok++
			}
		}
		_, shi := st.sentence(endTok)
		// Is the quote the whole sentence (apart from its attribution)?
		startsSentence := g.open == lo
		q := verbatim.Quote{Span: g.content, Type: verbatim.Direct, Speaker: -1}
		found := false
		// 1. attribution before: "Trump told reporters: “…”", "saying that “…”"
		if !startsSentence && g.words >= 2 {
			p := g.open - 1
			colon := false
			if st.isPunct(p, ":") || st.isPunct(p, ",") {
				colon = st.isPunct(p, ":") || st.cue(p-1) != 0
				p--
			}
			that := false
			if st.isWord(p) && st.low(p) == "that" {
				that = true
				p--
			}
			// the cue within a few tokens before, with an addressee between
			for k := p; k >= lo && k >= p-5; k-- {
				if !st.isWord(k) || st.inQ[k] >= 0 {
					break
				}
				c := st.cue(k)
				if c == 0 {
					continue
				}
				if c&cueSpeech == 0 && !colon && !that {
					break
				}
				if k != p && c&cueTell == 0 {
					break // "said the compromise was “…”" is mixed speech
				}
				reachesEnd := st.reachesEnd(endTok, shi)
				if !reachesEnd && !colon {
					break
				}
				a, ok := st.speakerOf(k, lo, hi)
				if !ok {
					break
				}
				st.fill(&q, a, 0.9)
				st.usedCue[k] = true
				found = true
				break
			}
			if !found && st.isPunct(g.open-1, ":") {
				// a name and a colon: "… - Carl Bialik: “One of the biggest …”"
				if sp, ok := st.colonLabel(g.open-1, lo); ok {
					st.fill(&q, attr{speaker: sp, cue: st.toks[g.open-1].Span}, 0.8)
					found = true
				}
			}
		}
		// 2. attribution after: "“…,” Trump said", "“…,” said the source"
		invites := g.close >= 0 && st.quoteInvites(ri)
		if !found && g.close >= 0 && (invites || g.words >= 3) && !st.titleQuoted(ri, lo) {
			j := g.close + 1
			if st.isPunct(j, ",") {
				j++
			}
			_, ahi := st.sentence(j)
			if j < len(st.toks) && st.sentOf[j] >= 0 && ahi > j {
				lim := j + 8
				for k := j; k < ahi && k <= lim; k++ {
					if !st.isWord(k) || st.inQ[k] >= 0 {
						if st.isPoss(k) || st.isPunct(k, "-") {
							continue
						}
						if c := st.appositiveEnd(j, k, ahi); c > 0 && lim == j+8 {
							// "“…,” Eric Woolson, a strategist in Iowa, said"
							k, lim = c, c+3
							continue
						}
						break
					}
					if st.cue(k) == 0 {
						continue
					}
					if st.low(k) == "according" {
						break
					}
					a, ok := st.speakerOf(k, j, ahi)
					if !ok {
						break
					}
					if k > j && !st.npPrefix(j, a.speaker.Start) && (a.via.Empty() || a.via.Start != st.toks[j].Start) {
						break // the speaker phrase directly follows the quote
					}
					if !invites {
						// "“…” Weaver said." — only a bare attribution
						e := a.after
						for e < ahi && st.isWord(e) && (adverbs[st.low(e)] || st.toks[e].Kind == verbatim.Number) {
							e++
						}
						if e < ahi && !(st.isPunct(e, ".") || st.isPunct(e, ",")) {
							break
						}
					}
					st.fill(&q, a, 0.9)
					st.usedCue[k] = true
					found = true
					if !startsSentence {
						st.fromClauseStart(&q, lo, g.open)
					}
					// a sandwich: "“Q1,” said X, “q2.”" — one statement
					e := a.after
					if st.isPunct(e, ",") && ri+1 < len(st.regs) && st.regs[ri+1].open == e+1 &&
						st.sentOf[e+1] == st.sentOf[e] && !st.regs[ri+1].content.Empty() {
						joinPart(&q, st.regs[ri+1].content)
						st.regs[ri+1].used = true
						skipNext = true
					}
					break
				}
			}
		}
		// 2b. a signature after a dash: "“…” ― Mara Olsen" (byline.go)
		if !found && g.close >= 0 && g.words >= 3 {
			if a, ok := st.dashSpeaker(*g); ok {
				st.fill(&q, a, 0.8)
				found = true
			}
		}
		// 3. continuation of the previous speaker
		if !found && startsSentence && g.words >= 3 {
			prev := -1
			li := -1
			if para >= 0 {
				li = int(lastSpeaker[para])
			}
			if li >= 0 {
				prev = li
				if st.joinsPrevious(li, *g) { // merge.go
					g.used = true
					continue
				}
			} else if prevParaLast >= 0 && st.d.Paragraphs[para].Start == st.toks[g.open].Start {
				prev = prevParaLast
			}
			if prev >= 0 {
				// a floating quote: its speaker is that of the nearest
				// attribution before it, direct or reported, which the
				// continuations find once the reported ones are known
				// (`"…," Gardner said. Mr Dunn warned that … "If …"`)
				st.later = append(st.later, ri)
				continue
			}
		}
		if !found {
			if startsSentence && g.words >= 3 {
				st.later = append(st.later, ri)
			}
			continue
		}
		g.used = true
		st.out = append(st.out, q)
		if para >= 0 {
			lastSpeaker[para] = int32(len(st.out) - 1)
		}
		if !q.SpeakerAt.Empty() && st.sentOf[g.open] >= 0 {
			st.subj[int(st.sentOf[g.open])] = st.clauseSubject(q.SpeakerAt)
		}
	}
}

// titleQuoted reports whether quote region ri names a title inside its
// sentence rather than quoting anyone: a short run of capitalised words
// after a word or a possessive ("on Fox News channel’s “Sunday Morning
// Futures,” Rep. Darrell Issa said …").
func (st *state) titleQuoted(ri, lo int) bool {
	g := st.regs[ri]
	if g.open <= lo || g.close < 0 || g.words == 0 || g.words > 6 || !(st.isWord(g.open-1) || st.isPoss(g.open-1)) {
		return false
	}
	for k := g.open + 1; k < g.close; k++ {
		if st.isWord(k) && !st.isCap(k) && !(stops[st.low(k)] && len(st.low(k)) <= 4) {
			return false
		}
	}
	return true
}

// appositiveEnd returns the comma closing an appositive that the comma at
// token k opens after a name starting at token j ("Eric Woolson[, a
// strategist in Iowa,] said"), or -1.
func (st *state) appositiveEnd(j, k, hi int) int {
	if k == j || !st.isPunct(k, ",") || !st.isCap(k-1) {
		return -1
	}
	for c := k + 1; c < hi && c < k+25; c++ {
		if c > k+1 && c < k+12 && st.cue(c) != 0 && !st.isCap(k+1) && (st.in(k+1, setRole|setDet) || st.low(k+1) == "from") {
			// left open: "“…,” Paul Goosens, head of Preventon told"
			return c - 1
		}
		if st.mark(c) != 0 || st.isPunct(c, ".") || st.inQ[c] >= 0 {
			return -1
		}
		if st.isPunct(c, ",") {
			if c == k+1 {
				return -1
			}
			return c
		}
	}
	return -1
}

// npPrefix reports whether the tokens from j up to offset start could open
// the speaker phrase ("farmer" in "farmer Jonas Lind said", "Marsh chief
// executive" before "Michael Cherkasky said").
func (st *state) npPrefix(j, start int) bool {
	n, titled := 0, 0
	for ; j < len(st.toks) && st.toks[j].Start < start; j++ {
		if !st.isWord(j) || stops[st.low(j)] || cues[st.low(j)] != 0 || n >= 2 && n-titled >= 2 || n >= 5 {
			return false
		}
		if st.isCap(j) || names.IsRoleWord(st.low(j)) {
			titled++ // a title: "Marsh chief executive Michael Cherkasky"
		}
		n++
	}
	return true
}

// paraOf returns the index of the paragraph holding offset off, or -1.
func (st *state) paraOf(off int) int {
	ps := st.d.Paragraphs
	i := sort.Search(len(ps), func(i int) bool { return ps[i].End > off })
	if i < len(ps) && ps[i].Start <= off {
		return i
	}
	return -1
}

// continuations gives an unattributed quote opening a sentence the speaker
// of the attribution before it, direct or reported, in its paragraph or —
// when it opens its paragraph — in the paragraph before.
func (st *state) continuations() {
	for _, ri := range st.later {
		g := st.regs[ri]
		at := st.toks[g.open].Start
		para := st.paraOf(at)
		if para < 0 {
			continue
		}
		covered := false
		prev := -1
		for i, o := range st.out {
			if o.Span.Overlaps(g.content) {
				covered = true
				break
			}
			if o.Start < at && !o.SpeakerAt.Empty() && (prev < 0 || o.Start > st.out[prev].Start) {
				prev = i
			}
		}
		if covered || prev < 0 {
			continue
		}
		for i, o := range st.out {
			if o.Start < st.out[prev].Start && st.inAttribution(o, st.out[prev]) && !o.SpeakerAt.Empty() {
				// "“…,” said an engineer, who said she … “…”": the quote
				// whose attribution holds it is the one continued
				prev = i
				break
			}
		}
		pp := st.paraOf(st.out[prev].Start)
		if !(pp == para || pp == para-1 && st.d.Paragraphs[para].Start == at) {
			continue
		}
		p := st.out[prev]
		st.out = append(st.out, verbatim.Quote{Span: g.content, Type: verbatim.Direct, Speaker: -1,
			SpeakerAt: p.SpeakerAt, Via: p.Via, Confidence: 0.55})
	}
}

// reachesEnd reports whether the quote ending at token e closes its
// sentence (only punctuation follows before the sentence end hi).
func (st *state) reachesEnd(e, hi int) bool {
	for k := e + 1; k < hi; k++ {
		if st.isWord(k) {
			return false
		}
	}
	return true
}

// quoteInvites reports whether a closed quote ends in a way that calls for
// an attribution after it: “…,” “…?” “…!” or ”, or it is followed by words
// in the same sentence.
func (st *state) quoteInvites(ri int) bool {
	g := st.regs[ri]
	c := g.close
	if st.tok(c) == "'" {
		c--
	}
	if c-1 >= 0 && st.toks[c-1].Kind == verbatim.Punct {
		switch st.tok(c - 1) {
		case ",", "?", "!", "—", "-", "…":
			return true
		case ".":
			return false
		}
	}
	if st.isPunct(g.close+1, ",") {
		return true
	}
	return false
}

func (st *state) fill(q *verbatim.Quote, a attr, conf float64) {
	q.Cue = a.cue
	q.SpeakerAt = a.speaker
	if c := st.lows[a.cue.Start:a.cue.End]; hearsay[c] || c == "asked" && st.opensSentence(a.cue) {
		// "Clinton has reportedly amassed …", "Asked whether …, Johnson
		// demurred" name no source
		q.SpeakerAt = verbatim.Span{}
	}
	q.Addressee = a.addressee
	q.Via = a.via
	q.Confidence = conf
	if !a.speaker.Empty() {
		if st.isPronounSpan(a.speaker) {
			q.Confidence *= 0.95
		}
	}
}

// ---- indirect and mixed speech ------------------------------------------
