// Reported speech: "X said (that) …", "… , X said", with the content's
// bounds, and the relay of a reported statement ("according to X, …" is
// according.go's).

package quotes

import (
	"slices"
	"sort"
	"strings"

	"github.com/verbatim-news/verbatim"
)

func (st *state) indirect() {
	cand := st.tables.cand[:0] // per sentence, reused (pooled: quotes.go)
	defer func() {
		clear(cand)
		st.tables.cand = cand[:0]
	}()
	var relayCue, drop []bool
	for si, sen := range st.d.Sentences {
		lo, hi := sen.First, sen.Last
		if hi > len(st.toks) || lo >= hi {
			continue
		}
		if sen.Para == st.titlePara || st.titlePara < 0 && sen.Para == 0 && si == 0 {
			// the headline names no source, but for a labelled one:
			// "Kasich: ‘We Are Going All The Way To Cleveland’", or a
			// speaker before a cue: "Sanders Says He’s …" (headline.go)
			if q, ok := st.transcript(si); ok {
				st.out = append(st.out, q)
				continue
			}
			if q, ok := st.headline(lo, hi); ok {
				st.out = append(st.out, q)
				continue
			}
			if sen.Para == st.titlePara {
				continue
			}
		}
		cand, relayCue = cand[:0], relayCue[:0]
		var inRelative []int // candidates from relative clauses (relative.go)
		if q, ok := st.transcript(si); ok {
			st.out = append(st.out, q)
			continue
		}
		for k := lo; k < hi; k++ {
			if st.usedCue[k] || st.inQ[k] >= 0 || !st.isWord(k) {
				continue
			}
			w := st.low(k)
			if w == "according" && st.isWord(k+1) && st.low(k+1) == "to" {
				if q, ok := st.accordingTo(k, lo, hi); ok {
					cand = append(cand, q)
					relayCue = append(relayCue, false)
				}
				continue
			}
			if k == lo && w == "in" {
				if q, ok := st.inPoll(k, lo, hi); ok { // polls.go
					cand = append(cand, q)
					relayCue = append(relayCue, false)
					continue
				}
			}
			if len(w) >= 3 && w[0] == 'a' && w[1] == 's' && asking[w] { // (a map look-up only for "as…" words)
				if q, ok := st.askedQuestion(k, lo, hi); ok { // asked.go
					cand = append(cand, q)
					relayCue = append(relayCue, false)
					continue
				}
			}
			wi := st.info(k) // looked up once per token (model.go)
			c := wi.cue      // cues[w]
			if c == 0 && wi.head {
				c = st.modelCue(k) // model.go: cues the lexicons miss (only words seen heading a cue)
			}
			if c == 0 || st.capMid(k) || st.isPoss(k+1) || st.notVerbCue(k) {
				continue // (a noun before its possessive: "the show's director"; wordclass.go)
			}
			// Attribution reaches at most maxReach tokens from its cue: real
			// sentences are far shorter, and a run-on line of junk stays linear.
			wlo, whi := lo, hi
			if k-wlo > maxReach {
				wlo = k - maxReach
			}
			if whi-k > maxReach {
				whi = k + maxReach
			}
			a, ok := st.speakerOf(k, wlo, whi)
			if !ok {
				// a long subject ("Another worshipper who did not want to be
				// named said he …"): the sentence subject, if content follows
				// a verb in the past ("…, which …, said that", "officials familiar with it confirmed that")
				thatNext := k+1 < whi && st.isWord(k+1) && st.low(k+1) == "that" && (c&cueSpeech != 0 || len(w) > 3 && w[len(w)-2:] == "ed")
				if (c&cueSpeech == 0 && !thatNext) || k-wlo < 3 || (st.isPunct(k-1, ",") && !thatNext) || st.mark(k-1) != 0 {
					continue
				}
				sub, ok2 := st.subject(wlo, whi)
				if !ok2 || sub.End > st.toks[k].Start {
					continue
				}
				a = st.withAddressee(attr{cue: st.toks[k].Span, after: k + 1}, sub, k, whi)
				if q, ok := st.forward(k, a, c, wlo, whi); ok {
					q.Confidence *= 0.7
					cand = append(cand, q)
					relayCue = append(relayCue, false)
				}
				continue
			}
			// a relative clause without complement: "which he claimed", "claims that Putin repeated"
			if !a.participle && !a.speaker.Empty() && a.speaker.End <= st.toks[k].Start {
				b := k - 1
				for b >= wlo && st.toks[b].Start >= a.speaker.Start {
					b--
				}
				if b >= wlo && st.isWord(b) {
					n := k + 1
					clause := n < whi && st.isWord(n) && (pronouns[st.low(n)] || dets[st.low(n)] || st.low(n) == "that") && st.low(n) != "it"
					if pw := st.low(b); (pw == "which" || pw == "what" || pw == "who" || pw == "whom") && !(pw == "which" && b-1 >= wlo && st.isWord(b-1) && clauseOpeners[st.low(b-1)] && clause) {
						// "which the paper said could be announced" (but "in which he says he will …"): the relative clause is the content (relative.go)
						if q, ok := st.relativeClause(b, a, whi); ok {
							inRelative = append(inRelative, len(cand))
							cand = append(cand, q)
							relayCue = append(relayCue, false)
						}
						continue
					}
				}
			}
			if _, seen := st.subj[si]; !seen && !a.participle && !a.speaker.Empty() && !st.possessive(a.speaker) {
				// (a possessor is no subject: "decried Trump's calls to …,
				// noting"; and the first is the clause's: "X called the
				// recommended term outrageous and said")
				st.subj[si] = st.clauseSubject(a.speaker)
			}
			// forward content: CUE [ADDRESSEE] [PP] [that] CLAUSE
			if q, ok := st.forward(k, a, c, wlo, whi); ok {
				cand = append(cand, q)
				relayCue = append(relayCue, c&cueRelay != 0)
				continue
			}
			// backward: CLAUSE, SPEAKER CUE.
			if q, ok := st.backward(k, a, c, wlo, whi); ok {
				cand = append(cand, q)
				relayCue = append(relayCue, false)
			}
		}
		// nested attributions: a relay gives way to the inner one; other
		// nested ones are dropped.
		drop = append(drop[:0], make([]bool, len(cand))...)
		for i := range cand {
			for j := range cand {
				if i == j || drop[i] || drop[j] {
					continue
				}
				if cand[i].Span.Contains(cand[j].Span) && cand[i].Span != cand[j].Span && cand[i].Span.Contains(cand[j].Cue) {
					if relayCue[i] {
						drop[i] = true
						if cand[j].Via.Empty() {
							cand[j].Via = cand[i].SpeakerAt
						}
					} else if slices.Contains(inRelative, j) {
						drop[j] = true // the content of the outer attribution runs on over the clause
					} else if c := st.commaBetween(cand[i].Start, innerStart(cand[j])); c >= 0 {
						// "it would reroute cargo, while shop owners said …"
						cand[i].End = c
						for cand[i].End > cand[i].Start && st.s[cand[i].End-1] == ' ' {
							cand[i].End--
						}
						if cand[i].Type == verbatim.Mixed && !st.hasQuote(cand[i].Span) {
							cand[i].Type = verbatim.Indirect
						}
					} else {
						drop[j] = true
					}
				}
			}
		}
		for i, q := range cand {
			if drop[i] {
				continue
			}
			// a direct quote already covering it
			dup := false
			isDup := func(i int) bool {
				o := &st.out[i]
				dup = o.Span.Overlaps(q.Span) && o.Type != verbatim.Indirect && o.Span.Len()*2 > q.Span.Len()
				return !dup
			}
			if len(st.out) <= smallIndex && st.outN == 0 {
				for i := range st.out {
					if !isDup(i) {
						break
					}
				}
			} else {
				st.syncOut()
				st.outIdx.each(q.Start, q.End, isDup)
				if !dup {
					st.outIdx2.each(q.Start, q.End, isDup)
				}
			}
			if !dup {
				st.out = append(st.out, q)
			}
		}
	}
}

// hasQuote reports whether a quote mark region overlaps sp.
func (st *state) hasQuote(sp verbatim.Span) bool {
	found := false
	test := func(ri int) bool {
		g := &st.regs[ri]
		found = st.toks[g.open].Start < sp.End && (g.content.End > sp.Start || g.content.Empty() && st.toks[g.open].Start >= sp.Start)
		return !found
	}
	if len(st.regs) <= smallIndex {
		for ri := range st.regs {
			if !test(ri) {
				break
			}
		}
		return found
	}
	st.quoted.each(sp.Start, sp.End, test)
	return found
}

// innerStart is where an attribution's own words begin: its speaker, or its
// cue when the speaker is elsewhere.
func innerStart(q verbatim.Quote) int {
	if !q.SpeakerAt.Empty() && q.SpeakerAt.Start < q.Cue.Start && q.SpeakerAt.Start >= q.Start {
		return q.SpeakerAt.Start
	}
	return q.Cue.Start
}

// commaBetween returns the offset of the last comma outside quotes in
// [from, to), or -1.
func (st *state) commaBetween(from, to int) int {
	c := -1
	for i := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start > from }); i < len(st.toks); i++ {
		t := st.toks[i]
		if t.Start >= to {
			break
		}
		if t.Start > from && st.inQ[i] < 0 && t.Kind == verbatim.Punct && st.s[t.Start:t.End] == "," {
			c = t.Start
		}
	}
	return c
}

// forward finds content after the cue at k.
func (st *state) forward(k int, a attr, c uint8, lo, hi int) (verbatim.Quote, bool) {
	i := a.after
	// skip time words and prepositional phrases up to "that" ("said Sunday
	// that", "told CNN in a televised interview that")
	that := -1
	win := 3 // "said Sunday that", "said last week that"
	if !a.addressee.Empty() || st.isWord(i) && st.in(i, setOpener) {
		win = 10 // "said in one of a series of messages that"
	}
	colonAt := -1
	cueEnd := -1 // the last word of a cue phrase: "issued a warning", "made it clear"
	for j := i; j < hi && j <= i+win; j++ {
		if !st.isWord(j) {
			if st.mark(j) != 0 && !a.addressee.Empty() {
				continue // told ABC's “Good Morning America” that
			}
			if j > i && st.isPunct(j, ":") {
				colonAt = j // "wrote on Facebook: …"
			}
			if j > i && st.isPunct(j, ",") && st.in(i, setOpener) {
				// a phrase set off by commas: "says of Clinton, “…”",
				// "says at a stop in Toledo, Ohio, that …"
				if st.isWord(j+1) && st.low(j+1) == "that" {
					that = j + 1
				} else if j+1 < hi && (st.mark(j+1) == 1 || st.mark(j+1) == 3) {
					colonAt = j
				} else if st.isCap(j + 1) {
					continue
				}
			}
			break
		}
		if st.low(j) == "that" {
			that = j
			break
		}
		if st.info(j).cue != 0 { // cues[st.low(j)]
			// "repeated past claims that", "issued a warning that": a cue
			// noun inside the window, part of the cue
			if st.isWord(j+1) && st.low(j+1) == "that" {
				st.usedCue[j] = true
				if st.cueNounOf(k, j) {
					cueEnd = j
				}
				continue
			}
			break
		}
		if w := st.low(j); strings.HasPrefix(st.low(k), "ma") && speechComplements[w] && st.isWord(j+1) && st.low(j+1) == "that" {
			cueEnd = j // "made it clear that", "makes plain that"
		}
	}
	start := i
	colon := false
	if that >= 0 {
		start = that + 1
		if start < hi && st.isWord(start) && auxAfterThat[st.low(start)] {
			start = that // "say that will not happen": a demonstrative subject
		}
	} else if st.isPunct(i, ":") {
		start = i + 1
		colon = true
	} else if colonAt >= 0 {
		start = colonAt + 1
		colon = true
	} else if !a.addressee.Empty() {
		// "told reporters aboard Air Force One he was …": skip a PP to a pronoun
		for j := i; j < hi && j <= i+7; j++ {
			if st.isWord(j) && pronouns[st.low(j)] && st.low(j) != "it" {
				start = j
				break
			}
			if !st.isWord(j) {
				break
			}
		}
	}
	if start >= hi && colon && hi < len(st.toks) && st.mark(hi) != 0 {
		// "He told his audience, to rowdy applause:" and the quote opens the
		// next sentence or paragraph
		var at []int
		if len(st.regs) <= smallIndex {
			at = st.allRegs()
		} else {
			for j := st.regsAt.first(hi); j < len(st.regsAt) && st.regsAt[j].at == hi; j++ {
				at = append(at, int(st.regsAt[j].id))
			}
		}
		for _, ri := range at {
			if r := st.regs[ri]; r.open == hi && !r.content.Empty() && !r.used {
				q := verbatim.Quote{Span: r.content, Type: verbatim.Direct, Speaker: -1}
				st.fill(&q, a, 0.8)
				return q, true
			}
		}
	}
	if start >= hi {
		return verbatim.Quote{}, false
	}
	if that < 0 && !colon {
		if c&(cueSpeech|cueLoose) == 0 && st.mark(start) == 0 {
			return verbatim.Quote{}, false
		}
		if !st.isWord(start) && st.mark(start) == 0 {
			return verbatim.Quote{}, false
		}
		prep := false
		if c&cueLoose != 0 && start+1 < hi && st.isWord(start) && (st.low(start) == "for" || st.low(start) == "on" || st.low(start) == "about" || st.low(start) == "against") && st.isWord(start+1) {
			start++ // "called for the impeachment of …", "called on Muslims to …", "talking about the working class"
			prep = true
		}
		if c&cueSpeech != 0 && st.isWord(start) && st.in(start, setOpener) && !st.isCap(start) {
			// "said after the convention he would not …": a phrase, then
			// the clause from its subject pronoun
			for j := start + 1; j < hi && j <= start+6 && st.isWord(j); j++ {
				if w := st.low(j); pronouns[w] && (w != "it" && w != "you" || st.isWord(j+1) && auxAfterThat[st.low(j+1)]) && st.isWord(j+1) && !pronouns[st.low(j+1)] {
					// ("said in a statement it is investigating …", but
					// "said in it")
					start = j
					break
				}
			}
		}
		demonstrative := st.low(start) == "this" && start+1 < hi && st.isWord(start+1) && auxAfterThat[st.low(start+1)] // "say this is a rough patch"
		if st.isWord(start) && st.in(start, setOpener) && !(c&cueLoose != 0 && st.low(start) == "to") && !demonstrative {
			return verbatim.Quote{}, false
		}
		// (a coordinated speech verb takes any clause: "… but said neither Manafort nor Gates …")
		// (and a speech participle: ", saying airstrikes have been inadequate")
		if a.participle && c&cueSpeech == 0 && st.isWord(start) && !pronouns[st.low(start)] && !objects[st.low(start)] && !st.in(start, setDet) && !st.isCap(start) && !prep && !(c&cueLoose != 0 && (st.infinitive(start) || st.low(start) == "how" || st.low(start) == "why" || st.low(start) == "what" || st.low(start) == "whether")) {
			return verbatim.Quote{}, false
		}
	}
	end := hi
	// cut before ", <participle cue>" or ", according to" that starts another attribution
	for j := start + 1; j < hi; j++ {
		if st.isPunct(j, ",") || (st.mark(j) == 2 && st.isPunct(j-1, ",")) {
			n := j + 1
			if st.mark(j) == 2 {
				n = j + 1
			} else if n < hi && st.mark(n) == 2 {
				n++
			}
			for n < hi && st.isWord(n) && st.in(n, setAdverb) {
				n++
			}
			// ", claims that …": an appositive restating the content ends it
			m := n
			if m < hi && st.isWord(m) && st.in(m, setDet) {
				m++
			}
			if m+1 < hi && st.isWord(m) && !st.isCap(m) && st.isWord(m+1) && st.low(m+1) == "that" {
				end = j
				break
			}
			if n < hi && st.isWord(n) {
				w := st.low(n)
				if (len(w) > 4 && w[len(w)-3:] == "ing" && (st.info(n).cue != 0 || c&cueSpeech == 0 && !st.in(n, setPrepING) && st.inQ[n] < 0 && !st.isCap(n))) || (w == "according" && st.isWord(n+1) && st.low(n+1) == "to") {
					end = j
					if st.mark(j) == 2 {
						end = j + 1
					}
					break
				}
			}
		}
	}
	for j := start + 1; j+1 < end; j++ {
		if st.inQ[j] < 0 && st.isWord(j) && (st.low(j) == "but" || st.low(j) == "and") {
			n := j + 1
			for n < end && st.isWord(n) && st.in(n, setAdverb) {
				n++
			}
			if n < end && st.cue(n)&(cueSpeech|cueWeak) != 0 && (st.info(n).cue&cueSpeech != 0 || st.isWord(n+1) && st.low(n+1) == "that") {
				end = j
				break
			}
			if n < end && st.cue(n) != 0 && strings.HasSuffix(st.low(n), "ed") && st.isWord(n+1) {
				// a second predicate of the speaker's: "tweeted that Machado
				// was “disgusting” and encouraged Americans to …"
				end = j
				break
			}
			if m := st.clauseSubjectEnd(n, end); m > n && m < end && st.cue(m)&(cueSpeech|cueWeak) != 0 && (st.info(m).cue&cueSpeech != 0 || st.isWord(m+1) && st.low(m+1) == "that") {
				// a second attribution: "… — and he noted that …", "… and
				// Democrats accused the GOP of …"
				end = j
				break
			}
		}
	}
	if that < 0 && !colon && c&cueSpeech == 0 && st.mark(start) == 0 {
		// a loose cue's object ends where a second predicate starts
		// ("called him divisive and accused him of …", "agreed to pay …,
		// and he put …", "insist the tide is turning — and the Senate …")
		for j := start + 1; j < end; j++ {
			if st.inQ[j] >= 0 {
				continue
			}
			if st.isPunct(j, ";") || st.isDash(j) {
				end = j
				break
			}
			if j > start+2 && st.isWord(j) && st.in(j, setContrastive) {
				// "condemned the missile launch while the leaders met …"
				end = j
				break
			}
			if st.isWord(j) && (st.low(j) == "and" || st.low(j) == "but") && j+1 < end && st.isWord(j+1) {
				n := st.low(j + 1)
				if st.isPunct(j-1, ",") || st.info(j+1).cue != 0 || len(n) > 4 && n[len(n)-2:] == "ed" {
					end = j
					break
				}
			}
		}
	}
	if a.participle && a.speaker.Start > st.toks[start].Start && a.speaker.Start < st.toks[end-1].End {
		// an opening participle: "Declaring that X, the mayor left": the
		// content ends before its subject
		for end > start+1 && st.toks[end-1].Start >= a.speaker.Start {
			end--
		}
	}
	if r := st.relativeSubject(a, k); r >= 0 {
		// "The mayor, who endorsed Clinton, left …", "voters who support
		// Sanders are young": the relative clause ends the content
		end = st.relativeEnd(r, c, start, end)
	}
	end = st.throughQuote(start, end)
	// trim trailing punctuation (but keep a closing quote mark)
	for end-1 > start && st.toks[end-1].Kind == verbatim.Punct && st.mark(end-1) == 0 && st.tok(end-1) != ")" {
		end--
	}
	words, quoted, allQuoted := 0, false, true
	for j := start; j < end; j++ {
		if st.inQ[j] >= 0 {
			quoted = true
		} else if st.isWord(j) {
			allQuoted = false
		}
		if st.isWord(j) {
			words++
		}
	}
	if words < 3 && (c&cueObject == 0 || words == 0) {
		return verbatim.Quote{}, false
	}
	loose := that < 0 && !colon && c&cueSpeech == 0 && !quoted
	if loose && words < 5 && c&cueObject == 0 && !st.shortObject(start, end) && !st.modelObject(k, end) { // model.go, short.go
		return verbatim.Quote{}, false // "acknowledged Trump's efforts" reports no statement
	}
	if loose && st.isWord(start) && !st.isCap(start) && len(st.low(start)) > 4 && st.low(start)[len(st.low(start))-3:] == "ing" && !(start > a.after && st.isWord(start-1) && st.low(start-1) == "for") {
		return verbatim.Quote{}, false // "continued trading strikes" is an activity, not a statement
	}
	q := verbatim.Quote{Span: verbatim.Span{Start: st.toks[start].Start, End: st.toks[end-1].End}, Type: verbatim.Indirect, Speaker: -1}
	if loose {
		st.markObject(q.Span, k, start, end)
	}
	conf := 0.8
	if loose {
		conf = 0.5
	}
	if that < 0 {
		conf = 0.7
	}
	if a.participle {
		conf -= 0.05
	}
	if quoted {
		q.Type = verbatim.Mixed
		if allQuoted {
			q.Type = verbatim.Direct
			if r := st.inQ[start]; r >= 0 && !st.regs[r].content.Empty() {
				q.Span = st.regs[r].content
			}
		}
	}
	st.fill(&q, a, conf)
	if cueEnd >= 0 && cueEnd < start {
		q.Cue.End = st.toks[cueEnd].End
	}
	return q, true
}

// cueNounOf reports whether cue word j is the noun object of a light verb
// at k that is no cue of its own, a few words after it with no verb,
// pronoun or preposition between: the cue is then the phrase ("issued a
// warning"; not "said he accepted", "refused to discuss reports", "denied
// claims").
func (st *state) cueNounOf(k, j int) bool {
	w := st.low(j)
	if v := st.low(k); cues[v] != 0 || kindOfCue[v] != "" {
		return false // the verb is the cue: "denied claims that", "backed demands that"
	}
	if j-k > 4 || pastForms[w] || participles[w] || strings.HasSuffix(w, "ed") {
		return false
	}
	return st.plainBetween(k, j)
}

// plainBetween reports whether the tokens strictly between k and j are
// words of a noun phrase: no verb, pronoun, clause opener or cue word
// ("repeated past claims", "issued a warning").
func (st *state) plainBetween(k, j int) bool {
	for i := k + 1; i < j; i++ {
		if !st.isWord(i) || pronouns[st.low(i)] || clauseOpeners[st.low(i)] || st.info(i).cue != 0 || st.info(i).fin { // cues[st.low(i)]
			return false
		}
	}
	return true
}

// speechComplements make a cue of "make" ("made it clear that", "make
// plain that"): kind.go takes them for the head of the cue.
var speechComplements = map[string]bool{"clear": true, "plain": true}

// backward finds content before the cue: "CLAUSE, sources said." or
// "CLAUSE, said the source."
func (st *state) backward(k int, a attr, c uint8, lo, hi int) (verbatim.Quote, bool) {
	if st.relativeAt(a.speaker) >= 0 {
		return verbatim.Quote{}, false // "…, the coal company, which filed suit": the clause before is no content
	}
	// a parenthetical attribution: "In any case, Mr. X said, the industry …"
	paren := st.isPunct(a.after, ",")
	appositive := paren && st.speakerAppositive(a, k)
	if appositive {
		paren = false // "…, said David Autor, a professor at M.I.T., who …"
	}
	// only a short tail may follow the cue phrase ("said on Tuesday.")
	tail := 0
	for j := a.after; j < hi; j++ {
		if st.isWord(j) {
			tail++
			if st.low(j) == "that" && !paren {
				return verbatim.Quote{}, false
			}
		}
		if !paren && (st.isPunct(j, ",") || st.isPunct(j, ":")) {
			break
		}
	}
	if tail > 6 && !paren && !appositive {
		return verbatim.Quote{}, false
	}
	// the comma before the speaker (or before the cue when inverted)
	first := k
	if !a.speaker.Empty() && a.speaker.Start < st.toks[k].Start {
		for first > lo && st.toks[first-1].Start >= a.speaker.Start {
			first--
		}
	}
	p := first - 1
	for p >= lo && st.isWord(p) && adverbs[st.low(p)] {
		p--
	}
	if p >= lo && st.isWord(p) && !a.speaker.Empty() && a.speaker.Start < st.toks[k].Start && tail <= 2 && !paren && (c&(cueSpeech|cueRelay) != 0 || findings[st.low(k-1)]) {
		// the speaker phrase has modifiers its head left out: "…, a USA
		// TODAY analysis of newly filed campaign-finance reports shows."
		if c := st.subjectComma(p, lo); c >= 0 {
			a.speaker.Start = st.toks[c+1].Start
			p = c
		}
	}
	if p < lo || !(st.isPunct(p, ",") || st.mark(p) == 2) {
		return verbatim.Quote{}, false
	}
	end := p
	if st.mark(p) == 2 {
		end = p + 1
	}
	start := lo
	for start < end && st.toks[start].Kind == verbatim.Punct && st.mark(start) == 0 {
		start++
	}
	words := 0
	quoted := false
	for j := start; j < end; j++ {
		if st.isWord(j) {
			words++
		}
		if st.inQ[j] >= 0 {
			quoted = true
		}
	}
	if paren && tail >= 3 {
		// the content runs on after the attribution: take the sentence
		e := hi
		for e-1 > a.after && st.toks[e-1].Kind == verbatim.Punct && st.mark(e-1) == 0 {
			e--
		}
		if st.toks[e-1].End > st.toks[a.after].Start {
			end = e
			words += tail
			for j := a.after; j < e; j++ {
				if st.inQ[j] >= 0 {
					quoted = true
				}
			}
		}
	}
	if words < 4 {
		return verbatim.Quote{}, false
	}
	return st.reported(a, start, end, quoted), true
}

// clauseSubjectEnd returns the token after a short subject starting at
// token n (a pronoun, or up to four words opened by a determiner or a
// capital), adverbs skipped, or -1.
func (st *state) clauseSubjectEnd(n, end int) int {
	if n >= end || !st.isWord(n) {
		return -1
	}
	m := n
	if w := st.low(n); pronouns[w] && w != "it" {
		m = n + 1
	} else if dets[w] || st.isCap(n) {
		m = n + 1
		for m < end && m < n+4 && st.isWord(m) && cues[st.low(m)] == 0 && !stops[st.low(m)] {
			m++
		}
	} else {
		return -1
	}
	for m < end && st.isWord(m) && adverbs[st.low(m)] {
		m++
	}
	return m
}

// subjectComma returns the comma that a noun phrase ending at token p opens
// after (up to eight words, none a speech verb, the first a determiner, a
// capitalised word or a noun), or -1.
func (st *state) subjectComma(p, lo int) int {
	c := p
	for c >= lo && p-c < 8 && (st.isWord(c) || st.isPunct(c, "-")) && st.cue(c)&cueSpeech == 0 {
		if w := st.low(c); st.isWord(c) && (subordinators[w] || relatives[w] || pronouns[w] || w == "while" || w == "where") {
			return -1
		}
		c--
	}
	if c < lo || !st.isPunct(c, ",") || !st.isWord(c+1) {
		return -1
	}
	w := st.low(c + 1)
	if !(dets[w] || st.isCap(c+1) || plausibleNoun(w)) || subordinators[w] || relatives[w] || pronouns[w] || cues[w] != 0 || stops[w] && !dets[w] {
		return -1
	}
	return c
}

// reported makes the quote of reported speech over tokens [start, end):
// indirect, or mixed when quote marks lie inside it.
func (st *state) reported(a attr, start, end int, quoted bool) verbatim.Quote {
	q := verbatim.Quote{Span: verbatim.Span{Start: st.toks[start].Start, End: st.toks[end-1].End}, Type: verbatim.Indirect, Speaker: -1}
	if quoted {
		q.Type = verbatim.Mixed
	}
	st.fill(&q, a, 0.75)
	return q
}
