// Package quotes finds who said what: direct quotes (in quote marks, split
// around their attribution, running over paragraphs, floating paragraphs that
// continue the previous speaker), indirect speech ("X said (that) …",
// "according to X, …", "X maintains that …"), mixed quotes (reported speech
// with quoted fragments) and relays ("Reuters cited X as saying …", "AFP
// reported that X told reporters …").
//
// It is rule-based over the tokens and sentences of package text, with its
// lexicons (cue verbs, skipped adverbs, determiners, role words) embedded
// from data/. The speaker is a mention span; package names resolves it to an
// entity.
package quotes

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
)

// Stage is this package's pipeline stage.
var Stage = verbatim.StageFunc{N: "quotes", F: Process}

// region is a stretch of text between quote marks.
type region struct {
	open, close int // token indexes of the marks; close = -1 when unclosed
	content     verbatim.Span
	words       int
	used        bool
}

type state struct {
	d       *verbatim.Doc
	s       string
	toks    []verbatim.Token
	sentOf  []int32 // token -> sentence
	inQ     []int32 // token -> region index, -1 outside quotes
	regs    []region
	usedCue []bool
	subj    map[int]verbatim.Span // sentence -> last speaker found in it
	out     []verbatim.Quote
	lows    string // d.Clean with ASCII letters lowered (same length)

	titlePara int      // paragraph holding the headline, -1 when none
	later     []int    // unattributed quote regions opening a sentence
	memo      *cueMemo // the cue model's per-token cache (model.go)
	tables    *tables  // pooled sentOf, inQ, usedCue

	objEnd map[verbatim.Span]int // loose object content -> where its object ends (bounds.go)

	collect *[]VerifyCandidate // training: the verifier's candidates (verify.go)
}

// Process adds d.Quotes. It never panics on any input (the pipeline would
// recover, but a stage must not rely on that).
func Process(d *verbatim.Doc) { process(d, nil) }

// process is Process; with collect set, the verifier records every candidate
// there and drops none (verify.go).
func process(d *verbatim.Doc, collect *[]VerifyCandidate) {
	if len(d.Tokens) == 0 || len(d.Sentences) == 0 || len(d.Clean) != len(d.Text) {
		return
	}
	st := &state{d: d, s: d.Clean, toks: d.Tokens, titlePara: -1, collect: collect}
	// the headline is not a quote source
	if d.Title != "" {
		for i := 0; i < len(d.Paragraphs) && i < 3; i++ {
			if d.Word(d.Paragraphs[i]) == d.Title {
				st.titlePara = i
				break
			}
		}
	}
	st.prepare()
	st.direct()
	st.indirect()
	st.continuations()
	st.finish()
	st.releaseMemo() // model.go
	st.releaseTables()
}

// prepare indexes the tokens, lower-cases the text once and finds the
// quote-mark regions: what every pass over the document reads.
func (st *state) prepare() {
	st.index()
	b := append(st.tables.lows[:0], st.d.Clean...)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	st.tables.lows = b
	// pooled: no string sliced from it outlives Process
	st.lows = unsafe.String(unsafe.SliceData(b), len(b))
	st.findRegions()
}

// tables are a document's per-token tables, pooled across documents.
type tables struct {
	sentOf, inQ []int32
	usedCue     []bool
	out         []verbatim.Quote // st.out: finish copies it into d.Quotes
	lows        []byte           // st.lows
}

var tablePool = sync.Pool{New: func() any { return new(tables) }}

func (st *state) index() {
	n := len(st.toks)
	t := tablePool.Get().(*tables)
	if cap(t.inQ) < n {
		t.sentOf, t.inQ, t.usedCue = make([]int32, n), make([]int32, n), make([]bool, n)
	}
	st.tables = t
	st.sentOf, st.inQ, st.usedCue, st.out = t.sentOf[:n], t.inQ[:n], t.usedCue[:n], t.out[:0]
	clear(st.usedCue)
	for i := range st.inQ {
		st.inQ[i] = -1
		st.sentOf[i] = -1
	}
	for si, s := range st.d.Sentences {
		for k := s.First; k < s.Last && k < n; k++ {
			st.sentOf[k] = int32(si)
		}
	}
	st.subj = map[int]verbatim.Span{}
}

// releaseTables gives the per-token tables back for the next document.
func (st *state) releaseTables() {
	if st.tables != nil {
		clear(st.out) // hold no parts of this document
		st.tables.out = st.out[:0]
		tablePool.Put(st.tables)
		st.tables, st.sentOf, st.inQ, st.usedCue, st.lows = nil, nil, nil, nil, ""
	}
}

// tok returns the text of token i.
func (st *state) tok(i int) string { return st.s[st.toks[i].Start:st.toks[i].End] }

// low returns token i lower-cased (ASCII letters), without allocating: a
// slice of the text lowered once per document.
func (st *state) low(i int) string {
	return st.lows[st.toks[i].Start:st.toks[i].End]
}

func (st *state) isWord(i int) bool {
	return i >= 0 && i < len(st.toks) && st.toks[i].Kind != verbatim.Punct
}

func (st *state) isCap(i int) bool {
	if !st.isWord(i) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(st.tok(i))
	return unicode.IsUpper(r)
}

func (st *state) isPunct(i int, p string) bool {
	return i >= 0 && i < len(st.toks) && st.toks[i].Kind == verbatim.Punct && st.tok(i) == p
}

func (st *state) isPoss(i int) bool {
	if !st.isWord(i) {
		return false
	}
	t := st.tok(i)
	return t == "'s" || t == "’s" || t == "'S" || t == "’S"
}

func (st *state) cue(i int) uint8 {
	if !st.isWord(i) || st.capMid(i) {
		return 0
	}
	return cues[st.low(i)]
}

func (st *state) sentence(i int) (lo, hi int) {
	if i < 0 || i >= len(st.toks) || st.sentOf[i] < 0 {
		return i, i + 1
	}
	s := st.d.Sentences[st.sentOf[i]]
	return s.First, s.Last
}

// capMid reports whether token i is capitalised inside its sentence
// ("Secretary of State Marco Rubio": "State" is no cue).
func (st *state) capMid(i int) bool {
	if !st.isCap(i) {
		return false
	}
	lo, _ := st.sentence(i)
	if i == lo {
		return false
	}
	for k := lo; k < i; k++ {
		if st.isWord(k) {
			return !st.isPunct(i-1, ":") && st.mark(i-1) == 0
		}
	}
	return false
}

// ---- quote marks -------------------------------------------------------

// markKind: 1 opening, 2 closing, 3 ambiguous (straight double quote).
func (st *state) mark(i int) int {
	if st.toks[i].Kind != verbatim.Punct {
		return 0
	}
	switch st.tok(i) {
	case "“", "«", "„":
		return 1
	case "”", "»":
		return 2
	case "\"":
		return 3
	case "`":
		if i+1 < len(st.toks) && st.tok(i+1) == "`" && st.toks[i+1].Start == st.toks[i].End {
			return 1
		}
	case "'":
		if i+1 < len(st.toks) && st.tok(i+1) == "'" && st.toks[i+1].Start == st.toks[i].End {
			return 3 // '' closes after `` and stands for both marks in NYT-style text
		}
	}
	return 0
}

// opensHere decides whether an ambiguous mark at token i opens a quote: it
// does when preceded by a space, the start or an opening bracket.
func (st *state) opensHere(i int) bool {
	p := st.toks[i].Start
	if p == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(st.s[:p])
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '—' || r == '-'
}

// paraRange returns the token range of each paragraph.
func (st *state) paraRanges() [][2]int {
	np := len(st.d.Paragraphs)
	out := make([][2]int, np)
	for i := range out {
		out[i] = [2]int{-1, -1}
	}
	for _, s := range st.d.Sentences {
		if s.Para < 0 || s.Para >= np {
			continue
		}
		if out[s.Para][0] < 0 {
			out[s.Para][0] = s.First
		}
		out[s.Para][1] = s.Last
	}
	return out
}

func (st *state) findRegions() {
	pending := -1 // region left open at the end of the previous paragraph
	for pi, pr := range st.paraRanges() {
		lo, hi := pr[0], pr[1]
		if pi == st.titlePara {
			continue
		}
		if lo < 0 || hi > len(st.toks) {
			continue
		}
		cur := -1
		for i := lo; i < hi; i++ {
			m := st.mark(i)
			if m == 0 {
				continue
			}
			step := 1
			if st.tok(i) == "`" || st.tok(i) == "'" {
				step = 2
			}
			if m == 1 && cur >= 0 && !st.opensHere(i) && st.tok(i) == "“" {
				m = 2 // “…,“ — an opening mark typed for a closing one
			}
			if m == 2 && cur < 0 && st.opensHere(i) && st.isWord(i+1) && st.toks[i+1].Start == st.toks[i].End {
				m = 1 // ” typed for “ where a quote opens: after a space, before a word
			}
			if m == 3 {
				if cur < 0 && st.opensHere(i) {
					m = 1
				} else if cur >= 0 {
					m = 2
				} else {
					continue
				}
			}
			if m == 1 {
				if cur >= 0 {
					// an opening mark inside an open quote: the previous
					// one was never closed; restart here.
					st.regs[cur].close = -1
				}
				if i == lo && pending >= 0 {
					// a quote running over paragraphs continues here
					cur = pending
					pending = -1
				} else {
					st.regs = append(st.regs, region{open: i, close: -1})
					cur = len(st.regs) - 1
				}
				i += step - 1
				continue
			}
			if cur >= 0 {
				st.regs[cur].close = i + step - 1
				st.setRegion(cur, i)
				cur = -1
			}
			i += step - 1
		}
		pending = -1
		if cur >= 0 {
			// unclosed at the paragraph end: the quote may continue in the
			// next paragraph (which opens with a quote mark).
			st.setRegion(cur, hi)
			pending = cur
		}
	}
	// Drop regions that never closed and never continued into a closed one:
	// keep them (a quote cut by the end of the text) only when long.
}

// setRegion records region r as ending before token end (exclusive), and
// marks its tokens.
func (st *state) setRegion(r, end int) {
	g := &st.regs[r]
	first := g.open + 1
	if t := st.tok(g.open); (t == "`" || t == "'") && first < len(st.toks) && st.tok(first) == t {
		first = g.open + 2
	}
	if end > len(st.toks) {
		end = len(st.toks)
	}
	for k := g.open; k < end; k++ {
		st.inQ[k] = int32(r)
	}
	if g.close >= 0 {
		st.inQ[g.close] = int32(r)
	}
	if first >= end {
		g.content = verbatim.Span{}
		g.words = 0
		return
	}
	last := end - 1
	// trim a trailing comma ("“Q,” he said")
	for last > first && st.toks[last].Kind == verbatim.Punct && (st.tok(last) == "," || st.tok(last) == "'" && last == end-1) {
		last--
	}
	g.content = verbatim.Span{Start: st.toks[first].Start, End: st.toks[last].End}
	w := 0
	for k := first; k < end; k++ {
		if st.toks[k].Kind != verbatim.Punct {
			w++
		}
	}
	g.words = w
}

// ---- noun phrases ------------------------------------------------------

// leftNP finds the speaker noun phrase ending just before token k, not
// before token lo. It skips adverbs and auxiliaries ("Trump also said",
// "has said") and appositives (", who recently met Putin,").
func (st *state) leftNP(k, lo int) (verbatim.Span, bool) {
	i := k - 1
	for i >= lo && st.isWord(i) && adverbs[st.low(i)] {
		i--
	}
	if i-1 >= lo && st.isWord(i) && times[st.low(i)] && st.isWord(i-1) {
		if w := st.low(i - 1); w == "last" || w == "this" || w == "that" || w == "next" {
			// "a poll conducted last week found", "Police had last month charged"
			for i -= 2; i >= lo && st.isWord(i) && adverbs[st.low(i)]; i-- {
			}
		}
	}
	if i-2 >= lo && st.isWord(i) && weekdays[st.low(i)] {
		// "a poll released Friday shows", "polls released on Sunday showed"
		p := i - 1
		if st.isWord(p) && st.low(p) == "on" {
			p--
		}
		if p-1 >= lo && st.isWord(p) && (participles[st.low(p)] || len(st.low(p)) > 4 && strings.HasSuffix(st.low(p), "ed")) && st.isWord(p-1) {
			if sp, ok := st.npEndingAt(p-1, lo); ok && !st.isPronounSpan(sp) {
				return verbatim.Span{Start: sp.Start, End: st.toks[i].End}, true
			}
		}
	}
	if st.isPoss(i) && i-1 >= lo && pronouns[st.low(i-1)] && st.toks[i-1].End == st.toks[i].Start {
		i-- // "he's said", "She’s hoping": the contraction of has/is
	}
	if st.isDash(i) {
		// "Gerry Conlon - who was wrongly convicted - said"
		for c := i - 1; c >= lo && c > i-30; c-- {
			if st.isDash(c) {
				if c-1 >= lo && st.isWord(c-1) {
					return st.npEndingAt(c-1, lo)
				}
				break
			}
			if st.mark(c) != 0 || st.isPunct(c, ".") {
				break
			}
		}
		return verbatim.Span{}, false
	}
	if st.isPunct(i, ")") {
		// "Sen. Mitch McConnell (R-Ky.) said": skip the brackets
		for j := i - 1; j >= lo && j > i-12; j-- {
			if st.isPunct(j, "(") {
				if j-1 < lo || !st.isWord(j-1) {
					break
				}
				if sp, ok := st.npEndingAt(j-1, lo); ok {
					return sp, true
				}
				break
			}
		}
	}
	if i < lo {
		return verbatim.Span{}, false
	}
	if st.isPunct(i, ",") {
		// an appositive or relative clause: "X, who …, told"
		for c := i - 1; c >= lo; c-- {
			if st.isPunct(c, ",") {
				// "the agency's chief hydrologist, Piet Janssen, told": the name
				if c+1 < i && i-c-1 <= 4 {
					allCap := true
					for m := c + 1; m < i; m++ {
						if !st.isCap(m) {
							allCap = false
						}
					}
					if allCap {
						return verbatim.Span{Start: st.toks[c+1].Start, End: st.toks[i-1].End}, true
					}
				}
				if c+1 < i && st.isWord(c+1) {
					w := st.low(c + 1)
					if w != "and" && w != "but" && w != "or" && !adverbs[w] && cues[w] == 0 {
						j := c - 1
						for j >= lo && st.isWord(j) && adverbs[st.low(j)] {
							j--
						}
						if j-1 > lo && st.toks[j].Kind == verbatim.Number && st.isPunct(j-1, ",") {
							// an age: "Marley Anderson, 21, a student, said"
							if sp, ok := st.npEndingAt(j-2, lo); ok {
								return sp, true
							}
						}
						if j >= lo && st.isWord(j) {
							return st.npEndingAt(j, lo)
						}
					}
				}
				break
			}
			if st.mark(c) != 0 || st.isPunct(c, ".") || i-c > 20 {
				break
			}
		}
		return verbatim.Span{}, false
	}
	if !st.isWord(i) {
		return verbatim.Span{}, false
	}
	if sp, ok := st.npEndingAt(i, lo); ok && !relatives[st.low(i)] {
		return st.withPostmodifiers(sp, lo), true
	}
	if relatives[st.low(i)] {
		// "Alan Berger, who said …", "those who say …": the relative pronoun
		// is the mention (the speaker is its antecedent, see head)
		if _, ok := st.antecedent(i, lo); ok {
			return st.toks[i].Span, true
		}
		return verbatim.Span{}, false
	}
	return st.npEndingAt(i, lo)
}

// withPostmodifiers extends a speaker phrase found before its cue to the
// left over the prepositional phrases it ends ("members [in competitive
// races]", "half [of voters]", "a mere 9 percent [of Democrats]").
func (st *state) withPostmodifiers(sp verbatim.Span, lo int) verbatim.Span {
	b := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= sp.Start })
	start := sp.Start
	for n := 0; n < 3; n++ {
		p := b - 1
		if p-1 > lo && st.isWord(p) && adverbs[st.low(p)] && st.isWord(p-1) && st.low(p-1) == "and" {
			p-- // "Politicians and even some technologists"
		}
		if p-1 < lo || !st.isWord(p) || !(postmodifiers[st.low(p)] || st.low(p) == "and") || st.isCap(p) || !st.isWord(p-1) {
			break
		}
		h, ok := st.npEndingAt(p-1, lo)
		if !ok && (dets[st.low(p-1)] || st.toks[p-1].Kind == verbatim.Number) {
			h, ok = st.toks[p-1].Span, true // a quantity: "one in five", "most of them"
		}
		if !ok || st.isPronounSpan(h) {
			break
		}
		start = h.Start
		for b > lo && st.toks[b-1].Start >= h.Start {
			b--
		}
	}
	// only a whole subject: the phrase opens its clause ("… , and half of
	// voters say", not "have seen him on the trail say")
	if start == sp.Start || !(b == lo || !st.isWord(b-1) || subordinators[st.low(b-1)] || hedges[st.low(b-1)]) {
		return sp
	}
	sp.Start = start
	return sp
}

// antecedent finds the noun phrase a relative pronoun at token i refers to:
// "Alan Berger, who", "the voters who", not before token lo.
func (st *state) antecedent(i, lo int) (verbatim.Span, bool) {
	e := i - 1
	comma := st.isPunct(e, ",")
	if comma {
		e--
	}
	if e < lo || !st.isWord(e) || (!comma && st.low(i) != "who") {
		return verbatim.Span{}, false
	}
	sp, ok := st.npEndingAt(e, lo)
	if !ok || st.isPronounSpan(sp) {
		return verbatim.Span{}, false
	}
	if comma {
		b := e
		for b > lo && st.toks[b-1].Start >= sp.Start {
			b--
		}
		if b > lo && st.isPunct(b-1, ",") {
			return verbatim.Span{}, false // "in May, which …": not a speaker
		}
	}
	return sp, true
}

// opensSentence reports whether sp starts the first token of its sentence.
func (st *state) opensSentence(sp verbatim.Span) bool {
	i := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= sp.Start })
	return i < len(st.toks) && st.sentOf[i] >= 0 && st.d.Sentences[st.sentOf[i]].First == i
}

// possessive reports whether sp ends in a possessive 's ("Trump’s").
func (st *state) possessive(sp verbatim.Span) bool {
	r := st.s[sp.Start:sp.End]
	return strings.HasSuffix(r, "'s") || strings.HasSuffix(r, "’s")
}

// relativeAt returns the token index of a relative pronoun spanning sp, or -1.
func (st *state) relativeAt(sp verbatim.Span) int {
	if sp.End-sp.Start > 5 || !relatives[st.lows[sp.Start:sp.End]] {
		return -1
	}
	i := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= sp.Start })
	if i < len(st.toks) && st.toks[i].Span == sp {
		return i
	}
	return -1
}

// clauseSubject is what a later participle in the sentence refers to: the
// speaker, or the antecedent of a relative pronoun.
func (st *state) clauseSubject(sp verbatim.Span) verbatim.Span {
	if i := st.relativeAt(sp); i >= 0 {
		lo, _ := st.sentence(i)
		if ant, ok := st.antecedent(i, lo); ok {
			return ant
		}
	}
	return sp
}

func (st *state) isDash(i int) bool {
	return st.isPunct(i, "-") || st.isPunct(i, "—") || st.isPunct(i, "–")
}

// npEndingAt builds the noun phrase whose head is token i.
func (st *state) npEndingAt(i, lo int) (verbatim.Span, bool) {
	w := st.low(i)
	if pronouns[w] {
		return st.toks[i].Span, true
	}
	if p := pronounStem(w); p > 0 {
		// "they’ve suggested", "I'd add": the pronoun without its auxiliary
		t := st.toks[i].Span
		t.End = t.Start + p
		return t, true
	}
	if !findings[w] && (stops[w] || cues[w] != 0 || adverbs[w] || w == "of") {
		return verbatim.Span{}, false
	}
	capHead := st.isCap(i)
	if !capHead && !plausibleNoun(w) && !findings[w] {
		return verbatim.Span{}, false
	}
	j := i
	n := 1
	for j-1 >= lo && n < 9 {
		p := j - 1
		if p-1 >= lo && (st.isPunct(p, "'") || st.isPunct(p, "’")) && capHead && st.isCap(p-1) && st.toks[p].Start == st.toks[p-1].End {
			// a plural possessive inside a name: "the Taxpayers' League"
			j = p - 1
			n += 2
			continue
		}
		if !st.isWord(p) {
			break
		}
		if st.isPoss(p) {
			if capHead || p-1 < lo || st.isCap(p-1) {
				break
			}
			j = p
			n++
			continue
		}
		pw := st.low(p)
		if dets[pw] {
			j = p
			break
		}
		if pw == "and" && p-1 >= lo && n < 4 && (capHead && st.isCap(p-1) || !capHead && st.isWord(p-1) && !st.isCap(p-1) && plausibleNoun(st.low(p-1))) {
			// "Blumenthal and Cohen said", "current and former officials said"
			j = p - 1
			n += 2
			continue
		}
		if pw == "of" && capHead && st.isCap(p-1) && st.isCap(p+1) {
			j = p
			n++
			continue
		}
		if stops[pw] || (cues[pw] != 0 && !st.isCap(p)) || pronouns[pw] || adverbs[pw] {
			break
		}
		if st.isCap(p) {
			if openers[pw] && (p == lo || !st.isWord(p-1)) {
				break // "Yet Democratic economists say"
			}
			j = p
			n++
			continue
		}
		if roles[pw] || (!capHead && n < 4 && (plausibleNoun(pw) || len(pw) > 4 && pw[len(pw)-2:] == "ed" || st.toks[p].Kind == verbatim.Number)) {
			// "registered voters", "9 percent"
			j = p
			n++
			continue
		}
		break
	}
	return verbatim.Span{Start: st.toks[j].Start, End: st.toks[i].End}, true
}

// pronounStem returns the length of the pronoun a contraction starts with
// ("they've", "I’d", "we're"), or 0.
func pronounStem(w string) int {
	for i := 1; i < len(w) && i <= 4; i++ {
		if w[i] == '\'' || w[i] == 0xe2 && strings.HasPrefix(w[i:], "’") {
			if pronouns[w[:i]] {
				return i
			}
			return 0
		}
	}
	return 0
}

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

// infinitive reports whether token i is "to" opening an infinitive ("to
// lift regulations"), not a preposition before a noun phrase ("to the
// conflict", "to Ukraine", "to him", "to 5 percent").
func (st *state) infinitive(i int) bool {
	if !st.isWord(i) || st.low(i) != "to" || !st.isWord(i+1) {
		return false
	}
	w := st.low(i + 1)
	return !dets[w] && !pronouns[w] && !st.isCap(i+1) && st.toks[i+1].Kind != verbatim.Number && !st.isPoss(i+2)
}

// rightNP finds a noun phrase starting at token k and not reaching hi
// ("said the source", "according to U.S. officials").
func (st *state) rightNP(k, hi int) (verbatim.Span, int, bool) {
	return st.rightPhrase(k, hi, true)
}

// rightPhrase is rightNP; with of false (an addressee) an "of" continues the
// phrase only before a capitalised word, with of true (a speaker) also
// before a noun ("Rahman of the Eurasia Group", "a survey of voters").
func (st *state) rightPhrase(k, hi int, of bool) (verbatim.Span, int, bool) {
	i := k
	last := -1
	for i < hi && i-k < 9 {
		if !st.isWord(i) {
			if st.isPunct(i, "-") && last >= 0 {
				i++
				continue
			}
			break
		}
		w := st.low(i)
		if st.isPoss(i) {
			i++
			continue
		}
		if dets[w] && last < 0 {
			i++
			continue
		}
		if w == "of" && !of && last >= 0 && st.isCap(i+1) {
			i++
			continue
		}
		if w == "of" && of {
			// "Mujtaba Rahman of the Eurasia Group", "a survey of voters"
			n := i + 1
			if st.isWord(n) && dets[st.low(n)] {
				n++
			}
			if i == k || !st.isWord(n) || !(st.isCap(n) || plausibleNoun(st.low(n))) {
				break
			}
			i = n
			continue
		}
		if stops[w] || (cues[w] != 0 && !st.isCap(i)) || adverbs[w] {
			break
		}
		if pronouns[w] {
			if last < 0 && i == k {
				return st.toks[i].Span, i + 1, true
			}
			break
		}
		if st.isCap(i) || plausibleNoun(w) || roles[w] {
			last = i
			i++
			continue
		}
		break
	}
	if last < 0 {
		return verbatim.Span{}, k, false
	}
	return verbatim.Span{Start: st.toks[k].Start, End: st.toks[last].End}, last + 1, true
}

// subject finds the subject of sentence [lo, hi): the speaker found
// earlier in it, or its first noun phrase (after an opening adverbial
// phrase: "In Moscow, Putin …").
func (st *state) subject(lo, hi int) (verbatim.Span, bool) {
	if lo < 0 || lo >= len(st.toks) {
		return verbatim.Span{}, false
	}
	if sp, ok := st.subj[int(st.sentOf[lo])]; ok {
		return sp, true
	}
	i := lo
	for i < hi && st.mark(i) != 0 {
		i++
	}
	first := i < hi && st.sentOf[i] >= 0 && st.d.Sentences[st.sentOf[i]].First == lo
	if w := st.low(i); i < hi && st.isWord(i) && (stops[w] || adverbs[w] || first && openers[w]) {
		// skip the opener up to its comma
		c := i
		for c < hi && c-i < 12 && !st.isPunct(c, ",") {
			c++
		}
		if c < hi && st.isPunct(c, ",") {
			i = c + 1
		} else if adverbs[st.low(i)] {
			i++ // "Even the organizer of the rally said …"
		}
	} else if first && len(w) > 4 && (w[len(w)-3:] == "ing" || w[len(w)-2:] == "ed") && st.isWord(i+1) && (!st.isCap(i+1) || cues[w] != 0) && cues[st.low(i+1)] == 0 {
		// a participial opener: "Declaring that …, the mayor", "Buoyed by …, the party"
		c := i
		for c < hi && c-i < 40 && !(st.isPunct(c, ",") && st.inQ[c] < 0) {
			c++
		}
		if c < hi && st.isPunct(c, ",") {
			i = c + 1
		}
	}
	for i < hi && st.isWord(i) && adverbs[st.low(i)] {
		i++ // ", even a top strategist said"
	}
	sp, _, ok := st.rightNP(i, hi)
	if !ok {
		return sp, false
	}
	// possessor heads ("Trump's envoy") are fine as they are; a pronoun too.
	return sp, true
}

// ---- attribution around one cue ----------------------------------------

type attr struct {
	speaker, cue, addressee, via verbatim.Span
	after                        int // first token after the cue phrase (addressee included)
	participle                   bool
}

// speakerOf finds the speaker of the cue at token k in sentence [lo, hi).
func (st *state) speakerOf(k, lo, hi int) (attr, bool) {
	a := attr{cue: st.toks[k].Span, after: k + 1}
	w := st.low(k)
	// "Reuters cited Trump as saying", "Trump was quoted as saying"
	if (w == "saying" || w == "telling") && k-1 >= lo && st.low(k-1) == "as" {
		p := k - 2
		if p >= lo && st.isWord(p) && (st.low(p) == "quoted" || st.low(p) == "cited") {
			sp, ok := st.leftNP(p, lo)
			if ok {
				a.speaker = sp
				return a, true
			}
		}
		sp, ok := st.leftNP(k-1, lo)
		if ok {
			// "Nordlink was cited by Reuters as saying"
			j := k - 2
			for j >= lo && j > k-10 && st.isWord(j) && st.low(j) != "by" {
				j--
			}
			if j-1 >= lo && st.isWord(j) && st.low(j) == "by" && st.isWord(j-1) && (st.low(j-1) == "cited" || st.low(j-1) == "quoted") {
				if real, ok := st.leftNP(j-1, lo); ok {
					a.speaker = real
					a.via = verbatim.Span{Start: st.toks[j+1].Start, End: sp.End}
					return a, true
				}
			}
			a.speaker = sp
			// the relay: "<via> cited/quoted <speaker> as saying"
			j = k - 2
			for j >= lo && st.toks[j].Start >= sp.Start {
				j--
			}
			if j >= lo && st.isWord(j) && cues[st.low(j)]&cueRelay != 0 {
				if via, ok := st.leftNP(j, lo); ok {
					a.via = via
				}
			}
			return a, true
		}
	}
	if st.sourceless(k, lo) {
		// "Sanders was declared the winner", "He is expected to attend",
		// "Trump appears to have learned": the subject is not a source
		// (though a later participle refers to it); "was criticised by the
		// union" names it
		if sub, ok := st.leftNP(k, lo); ok && st.sentOf[k] >= 0 {
			si := int(st.sentOf[k])
			if _, seen := st.subj[si]; !seen {
				st.subj[si] = st.clauseSubject(sub)
			}
		}
		if st.isWord(k+1) && st.low(k+1) == "by" {
			if sp, next, ok := st.rightNP(k+2, hi); ok {
				a.speaker = sp
				a.after = next
			}
		}
		return a, true
	}
	participle := len(w) > 4 && w[len(w)-3:] == "ing"
	// skip adverbs to see whether a comma precedes: ", saying that"
	i := k - 1
	for i >= lo && st.isWord(i) && adverbs[st.low(i)] {
		i--
	}
	ci := i
	if ci >= lo && st.mark(ci) != 0 && st.isPunct(ci-1, ",") {
		ci-- // ",” adding that"
	}
	coord := i >= lo && st.isWord(i) && (st.low(i) == "and" || st.low(i) == "but")
	if k-1 >= lo && st.isWord(k-1) && (st.low(k-1) == "don't" || st.low(k-1) == "don’t") && (i < lo || st.isPunct(i, ",") || coord && (i == lo || st.isPunct(i-1, ","))) {
		return a, true // an imperative: "But don't expect a new tone"
	}
	if coord || participle && (i < lo || st.isPunct(ci, ",") || st.isPunct(i, "—")) {
		a.participle = true
		if sp, ok := st.subject(lo, hi); ok {
			a.speaker = sp
			return a, true
		}
		return a, false
	}
	if sp, ok := st.leftNP(k, lo); ok {
		if participle && documents[st.lows[st.toks[k-1].Start:st.toks[k-1].End]] {
			// "Gowdy released a statement saying …": the issuer speaks
			b := k - 1
			for b > lo && st.toks[b-1].Start >= sp.Start {
				b--
			}
			if b > lo && st.isWord(b-1) && !subordinators[st.low(b-1)] {
				if sub, ok := st.subject(lo, hi); ok && sub.End <= sp.Start {
					a.participle = true
					a.speaker = sub
					return a, true
				}
			}
		}
		// a relative clause without complement: "which he claimed"
		return st.withAddressee(a, sp, k, hi), true
	}
	if participle && i >= lo && st.isWord(i) && (st.low(i) == "of" || stops[st.low(i)]) {
		// "Trump stopped short of calling …", "despite admitting …": the
		// participle's subject is the sentence's
		if sp, ok := st.subject(lo, hi); ok && sp.End <= st.toks[k].Start {
			a.participle = true
			a.speaker = sp
			return a, true
		}
	}
	// inverted: "…,” said Trump", "…, said the source."
	if i < lo || st.isPunct(i, ",") || st.mark(i) == 2 || st.mark(i) == 3 {
		if sp, next, ok := st.rightNP(k+1, hi); ok {
			a.speaker = sp
			a.after = next
			return a, true
		}
	}
	return a, false
}

// sourceless reports whether the cue at token k leaves its subject no source:
// a passive participle after "be" ("was told that", "is expected to", but
// not a state of mind: "are worried that") or a raising verb not followed
// by a cue ("appears to be", but "appeared to suggest that" keeps it).
func (st *state) sourceless(k, lo int) bool {
	w := st.low(k)
	if raising[w] {
		n := k + 1
		if st.isWord(n) && st.low(n) == "to" {
			n++
			for st.isWord(n) && adverbs[st.low(n)] && !beForms[st.low(n)] && st.low(n) != "have" {
				n++
			}
			return !(st.isWord(n) && cues[st.low(n)] != 0)
		}
		// "seemed eager to", "appears likely", but "appeared at a hearing"
		return !(st.isWord(n) && clauseOpeners[st.low(n)])
	}
	if states[w] || !(participles[w] || len(w) > 4 && w[len(w)-2:] == "ed") {
		return false
	}
	for i := k - 1; i >= lo && i > k-4 && st.isWord(i); i-- {
		p := st.low(i)
		if beForms[p] {
			return true
		}
		if !adverbs[p] || p == "has" || p == "have" || p == "had" {
			return false
		}
	}
	return false
}

func (st *state) withAddressee(a attr, sp verbatim.Span, k, hi int) attr {
	a.speaker = sp
	if cues[st.low(k)]&cueTell != 0 {
		if ad, next, ok := st.rightPhrase(k+1, hi, false); ok && !st.isPronounSpan(ad) {
			a.addressee = ad
			a.after = next
		}
	}
	return a
}

func (st *state) isPronounSpan(sp verbatim.Span) bool {
	w := st.s[sp.Start:sp.End]
	return len(w) <= 4 && pronouns[lowerASCII(w)]
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// ---- direct quotes ----------------------------------------------------

func (st *state) direct() {
	lastSpeaker := map[int]int{} // paragraph -> index in st.out of its last attributed direct quote
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
				if li, ok := lastSpeaker[prevPara]; ok {
					prevParaLast = li
				} else {
					prevParaLast = -1
				}
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
					if k > j && !st.npPrefix(j, a.speaker.Start) {
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
			if li, ok := lastSpeaker[para]; ok {
				prev = li
				if st.joinsPrevious(li, *g) { // merge.go
					g.used = true
					continue
				}
			} else if prevParaLast >= 0 && st.d.Paragraphs[para].Start == st.toks[g.open].Start {
				prev = prevParaLast
			}
			if prev >= 0 {
				p := st.out[prev]
				q.Speaker = p.Speaker
				q.SpeakerAt = p.SpeakerAt
				q.Via = p.Via
				q.Confidence = 0.6
				found = true
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
			lastSpeaker[para] = len(st.out) - 1
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
// the speaker phrase ("farmer" in "farmer Jonas Lind said").
func (st *state) npPrefix(j, start int) bool {
	n := 0
	for ; j < len(st.toks) && st.toks[j].Start < start; j++ {
		if !st.isWord(j) || stops[st.low(j)] || cues[st.low(j)] != 0 || n >= 2 {
			return false
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
			if o.Start < at && (prev < 0 || o.Start > st.out[prev].Start) {
				prev = i
			}
		}
		if covered || prev < 0 || st.out[prev].SpeakerAt.Empty() {
			continue
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

var auxAfterThat = map[string]bool{"will": true, "would": true, "is": true, "was": true, "has": true, "had": true,
	"could": true, "can": true, "may": true, "might": true, "should": true, "must": true, "does": true, "did": true, "won't": true, "isn't": true, "wasn't": true}

var clauseOpeners = map[string]bool{"in": true, "on": true, "at": true, "with": true, "for": true, "to": true,
	"during": true, "after": true, "before": true, "last": true, "this": true, "earlier": true, "later": true,
	"from": true, "about": true, "of": true, "by": true, "as": true, "into": true, "over": true, "and": true,
	"or": true, "but": true, "so": true, "up": true, "out": true, "off": true, "down": true, "back": true}

// maxReach bounds how far (in tokens) an indirect attribution's speaker and
// content may lie from its cue.
const maxReach = 250

func (st *state) indirect() {
	var cand []verbatim.Quote // per sentence, reused
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
			c := st.info(k).cue // cues[w], looked up once per token (model.go)
			if c == 0 {
				c = st.modelCue(k) // model.go: cues the lexicons miss
			}
			if c == 0 || st.capMid(k) {
				continue
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
			if !a.participle && !a.speaker.Empty() && !st.possessive(a.speaker) {
				// (a possessor is no subject: "decried Trump's calls to …, noting")
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
			for _, o := range st.out {
				if o.Span.Overlaps(q.Span) && o.Type != verbatim.Indirect && o.Span.Len()*2 > q.Span.Len() {
					dup = true
					break
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
	for _, g := range st.regs {
		if g.open >= 0 && st.toks[g.open].Start < sp.End && (g.content.End > sp.Start || g.content.Empty() && st.toks[g.open].Start >= sp.Start) {
			return true
		}
	}
	return false
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
	for i, t := range st.toks {
		if t.Start >= to {
			break
		}
		if t.Start > from && st.inQ[i] < 0 && t.Kind == verbatim.Punct && st.s[t.Start:t.End] == "," {
			c = t.Start
		}
	}
	return c
}

// transcript finds "NAME: words…" opening a paragraph (interviews,
// transcripts): the speaker is the name, the content the rest of the
// paragraph.
func (st *state) transcript(si int) (verbatim.Quote, bool) {
	sen := st.d.Sentences[si]
	if si > 0 && st.d.Sentences[si-1].Para == sen.Para {
		return verbatim.Quote{}, false
	}
	lo, c, ok := st.transcriptLabel(sen.First, sen.Last)
	if !ok {
		return verbatim.Quote{}, false
	}
	// the paragraph's last token
	end := sen.Last
	for k := si + 1; k < len(st.d.Sentences) && st.d.Sentences[k].Para == sen.Para; k++ {
		end = st.d.Sentences[k].Last
	}
	start := c + 1
	words := 0
	for j := start; j < end; j++ {
		if st.isWord(j) {
			words++
		}
	}
	if words < 4 || start >= end {
		return verbatim.Quote{}, false
	}
	if lo > sen.First && st.mark(end-1) != 0 {
		end-- // "“PENCE: Well, …”": the marks enclose the turn, label included
	}
	q := verbatim.Quote{Span: verbatim.Span{Start: st.toks[start].Start, End: st.toks[end-1].End}, Type: verbatim.Direct, Speaker: -1}
	if r := st.inQ[start]; r >= 0 && st.regs[r].close == end-1 && lo == sen.First {
		q.Span = st.regs[r].content
	}
	st.fill(&q, attr{speaker: verbatim.Span{Start: st.toks[lo].Start, End: st.toks[c-1].End}, cue: st.toks[c].Span}, 0.6)
	return q, true
}

// colonLabel finds a speaker's name before the colon at token c that
// introduces a quote: one to four capitalised words (initials and "and"
// between names allowed) opening the sentence [lo, …) or following a dash.
func (st *state) colonLabel(c, lo int) (verbatim.Span, bool) {
	b := c
	for b-1 >= lo && c-b < 6 && (st.isCap(b-1) && !labels[st.low(b-1)] || st.isPunct(b-1, ".") && b-2 >= lo && st.isCap(b-2) || b-1 > lo && st.isWord(b-1) && st.low(b-1) == "and" && st.isCap(b-2)) {
		b--
	}
	if b == c || c-b >= 6 || !st.isCap(b) {
		return verbatim.Span{}, false
	}
	if b > lo && !st.isDash(b-1) && !st.isPunct(b-1, "-") {
		return verbatim.Span{}, false
	}
	return verbatim.Span{Start: st.toks[b].Start, End: st.toks[c-1].End}, true
}

// transcriptLabel finds the speaker label opening a transcript turn in
// tokens [first, last): up to four capitalised words and a colon, outside
// quotes ("PENCE:", "JAKE TAPPER:") or right after the quote mark that
// opens the turn ("“WALLACE: Let’s start …"). It returns the label's first
// token and the colon.
func (st *state) transcriptLabel(first, last int) (lo, colon int, ok bool) {
	lo = first
	inside := lo < last && st.mark(lo) != 0
	if inside {
		lo++
	}
	c := lo
	// the headline, or the first line where none was recognised
	title := false
	if si := st.sentOf[first]; si >= 0 {
		p := st.d.Sentences[si].Para
		title = p == st.titlePara || p == 0 && st.titlePara < 0
	}
	for c < last && c-lo < 4 && st.isCap(c) && (!labels[st.low(c)] || title && c == lo && headlineSources[st.low(c)]) {
		c++
	}
	if c == lo || c >= last || !st.isPunct(c, ":") || st.inQ[c] >= 0 && !(inside && st.inQ[c] == st.inQ[first]) {
		return 0, 0, false
	}
	if inside {
		// a quoted label is a speaker's only when written in capitals
		for k := lo; k < c; k++ {
			if t := st.tok(k); strings.ToUpper(t) != t {
				return 0, 0, false
			}
		}
	}
	return lo, c, true
}

// forward finds content after the cue at k.
func (st *state) forward(k int, a attr, c uint8, lo, hi int) (verbatim.Quote, bool) {
	i := a.after
	// skip time words and prepositional phrases up to "that" ("said Sunday
	// that", "told CNN in a televised interview that")
	that := -1
	win := 3 // "said Sunday that", "said last week that"
	if !a.addressee.Empty() || st.isWord(i) && clauseOpeners[st.low(i)] {
		win = 10 // "said in one of a series of messages that"
	}
	colonAt := -1
	for j := i; j < hi && j <= i+win; j++ {
		if !st.isWord(j) {
			if st.mark(j) != 0 && !a.addressee.Empty() {
				continue // told ABC's “Good Morning America” that
			}
			if j > i && st.isPunct(j, ":") {
				colonAt = j // "wrote on Facebook: …"
			}
			if j > i && st.isPunct(j, ",") && clauseOpeners[st.low(i)] {
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
		if cues[st.low(j)] != 0 {
			// "repeated past claims that": a cue noun inside the window
			if st.isWord(j+1) && st.low(j+1) == "that" {
				st.usedCue[j] = true
				continue
			}
			break
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
		for ri := range st.regs {
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
		if c&cueSpeech != 0 && st.isWord(start) && clauseOpeners[st.low(start)] && !st.isCap(start) {
			// "said after the convention he would not …": a phrase, then
			// the clause from its subject pronoun
			for j := start + 1; j < hi && j <= start+6 && st.isWord(j); j++ {
				if w := st.low(j); pronouns[w] && w != "it" && w != "you" && st.isWord(j+1) && !pronouns[st.low(j+1)] {
					start = j
					break
				}
			}
		}
		demonstrative := st.low(start) == "this" && start+1 < hi && st.isWord(start+1) && auxAfterThat[st.low(start+1)] // "say this is a rough patch"
		if st.isWord(start) && clauseOpeners[st.low(start)] && !(c&cueLoose != 0 && st.low(start) == "to") && !demonstrative {
			return verbatim.Quote{}, false
		}
		// (a coordinated speech verb takes any clause: "… but said neither Manafort nor Gates …")
		// (and a speech participle: ", saying airstrikes have been inadequate")
		if a.participle && c&cueSpeech == 0 && st.isWord(start) && !pronouns[st.low(start)] && !objects[st.low(start)] && !dets[st.low(start)] && !st.isCap(start) && !prep && !(c&cueLoose != 0 && (st.infinitive(start) || st.low(start) == "how" || st.low(start) == "why" || st.low(start) == "what" || st.low(start) == "whether")) {
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
			for n < hi && st.isWord(n) && adverbs[st.low(n)] {
				n++
			}
			// ", claims that …": an appositive restating the content ends it
			m := n
			if m < hi && st.isWord(m) && dets[st.low(m)] {
				m++
			}
			if m+1 < hi && st.isWord(m) && !st.isCap(m) && st.isWord(m+1) && st.low(m+1) == "that" {
				end = j
				break
			}
			if n < hi && st.isWord(n) {
				w := st.low(n)
				if (len(w) > 4 && w[len(w)-3:] == "ing" && (cues[w] != 0 || c&cueSpeech == 0 && !prepING[w] && st.inQ[n] < 0 && !st.isCap(n))) || (w == "according" && st.isWord(n+1) && st.low(n+1) == "to") {
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
			for n < end && st.isWord(n) && adverbs[st.low(n)] {
				n++
			}
			if n < end && st.cue(n)&(cueSpeech|cueWeak) != 0 && (cues[st.low(n)]&cueSpeech != 0 || st.isWord(n+1) && st.low(n+1) == "that") {
				end = j
				break
			}
			if n < end && st.cue(n) != 0 && strings.HasSuffix(st.low(n), "ed") && st.isWord(n+1) {
				// a second predicate of the speaker's: "tweeted that Machado
				// was “disgusting” and encouraged Americans to …"
				end = j
				break
			}
			if m := st.clauseSubjectEnd(n, end); m > n && m < end && st.cue(m)&(cueSpeech|cueWeak) != 0 && (cues[st.low(m)]&cueSpeech != 0 || st.isWord(m+1) && st.low(m+1) == "that") {
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
			if w := st.low(j); j > start+2 && st.isWord(j) && contrastives[w] {
				// "condemned the missile launch while the leaders met …"
				end = j
				break
			}
			if st.isWord(j) && (st.low(j) == "and" || st.low(j) == "but") && j+1 < end && st.isWord(j+1) {
				n := st.low(j + 1)
				if st.isPunct(j-1, ",") || cues[n] != 0 || len(n) > 4 && n[len(n)-2:] == "ed" {
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
	return q, true
}

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

// accordingTo handles "according to X, CLAUSE" and "CLAUSE, according to X".
func (st *state) accordingTo(k, lo, hi int) (verbatim.Quote, bool) {
	sp, next, ok := st.rightNP(k+2, hi)
	if !ok {
		// "according to early returns", "according to recent polls from
		// Quinnipiac": the source is the phrase up to the comma or the end
		j := k + 2
		for j < hi && j < k+2+25 && st.isWord(j) && !st.isPunct(j, ",") {
			j++
		}
		if j == k+2 || (j < hi && !st.isPunct(j, ",") && st.toks[j].Kind != verbatim.Punct) {
			return verbatim.Quote{}, false
		}
		sp, next = verbatim.Span{Start: st.toks[k+2].Start, End: st.toks[j-1].End}, j
	}
	// the source is the whole phrase up to the comma or the sentence end
	// ("according to officials familiar with the system", "according to a
	// memo released Friday by the agency's watchdog")
	e := next
	for e < hi && e < k+2+25 && !st.isPunct(e, ",") && !st.isPunct(e, ";") && !st.isPunct(e, ":") && !st.isPunct(e, "(") && !st.isDash(e) && st.mark(e) == 0 && st.inQ[e] < 0 {
		e++
	}
	for e > next && st.toks[e-1].Kind == verbatim.Punct {
		e--
	}
	if e > next && e < k+2+25 && (e >= hi || st.toks[e].Kind == verbatim.Punct) {
		sp.End = st.toks[e-1].End
		next = e
	}
	a := attr{speaker: sp, cue: verbatim.Span{Start: st.toks[k].Start, End: st.toks[k+1].End}}
	var start, end int
	if k == lo || (k-1 >= lo && st.toks[k-1].Kind == verbatim.Punct && st.mark(k-1) == 0 && k-1 == lo) {
		// According to X, CLAUSE.
		j := next
		for j < hi && !st.isPunct(j, ",") {
			j++
		}
		start, end = j+1, hi
	} else {
		p := k - 1
		if !st.isPunct(p, ",") && st.mark(p) != 2 {
			return verbatim.Quote{}, false
		}
		start, end = lo, p
		if st.mark(p) == 2 {
			end = p + 1
		}
		if st.isPunct(next, ",") && st.wordsIn(next+1, hi) >= 3 {
			// a parenthetical attribution: "At the heart of the trouble,
			// according to Dennis Ross, was a decision …" is one content;
			// after a short opener ("In addition, according to the
			// department, …") the clause after it is
			if st.wordsIn(lo, p) < 4 {
				start = next + 1
			}
			end = hi
		}
	}
	for end-1 > start && st.toks[end-1].Kind == verbatim.Punct && st.mark(end-1) == 0 {
		end--
	}
	if start >= end || end > hi {
		return verbatim.Quote{}, false
	}
	words, quoted := 0, false
	for j := start; j < end; j++ {
		if st.isWord(j) {
			words++
		}
		if st.inQ[j] >= 0 {
			quoted = true
		}
	}
	if words < 3 {
		return verbatim.Quote{}, false
	}
	return st.reported(a, start, end, quoted), true
}

// wordsIn counts the word tokens in [from, to).
func (st *state) wordsIn(from, to int) int {
	n := 0
	for j := from; j < to && j < len(st.toks); j++ {
		if st.isWord(j) {
			n++
		}
	}
	return n
}

// finish resolves speakers, sorts the quotes and stores them.
func (st *state) finish() {
	sort.SliceStable(st.out, func(i, j int) bool { return st.out[i].Start < st.out[j].Start })
	// drop exact duplicates
	out := st.out[:0]
	for i, q := range st.out {
		if i > 0 && q.Span == out[len(out)-1].Span {
			continue
		}
		out = append(out, q)
	}
	out = st.joinParts(out)
	st.trimObjects(out)
	for i := range out {
		q := &out[i]
		fitParts(q) // merge.go
		q.Speaker = -1
		if !q.SpeakerAt.Empty() {
			q.Speaker = resolve(st.d, st.head(q.SpeakerAt))
		}
		if q.Speaker < 0 && q.SpeakerAt.Empty() {
			q.Confidence *= 0.5
		}
	}
	out = st.verify(out) // verify.go
	st.d.Quotes = append(st.d.Quotes, out...)
}

// nameEndingAt returns the index in d.Mentions of the longest name mention
// that ends where sp ends and lies inside it, -1 when there is none.
func (st *state) nameEndingAt(sp verbatim.Span) int {
	best := -1
	for i, m := range st.d.Mentions {
		if m.End == sp.End && m.Start >= sp.Start && m.Kind == verbatim.NameMention {
			if best < 0 || m.Start < st.d.Mentions[best].Start {
				best = i
			}
		}
	}
	return best
}

// head returns the part of a speaker noun phrase that names the speaker:
// the name mention ending it ("White House Press Secretary [Karoline
// Leavitt]"), or, for a descriptor, the words after its modifiers ("the U.S.
// [president]" keeps its determiner: "the president").
func (st *state) head(sp verbatim.Span) verbatim.Span {
	if i := st.relativeAt(sp); i >= 0 {
		lo, _ := st.sentence(i)
		if ant, ok := st.antecedent(i, lo); ok {
			return st.head(ant)
		}
	}
	if cut := st.beforePostmodifier(sp); cut != sp && st.namesOrDescribes(cut) {
		sp = cut
	}
	if best := st.nameEndingAt(sp); best >= 0 {
		return st.d.Mentions[best].Span
	}
	// a lower-case head with names inside: resolve the words after the last name
	cut := -1
	for _, m := range st.d.Mentions {
		if m.Start >= sp.Start && m.End < sp.End && m.End > cut {
			cut = m.End
		}
	}
	if cut < 0 {
		return sp
	}
	t := verbatim.Span{Start: cut, End: sp.End}
	r := st.s[cut:sp.End]
	for _, p := range []string{"'s", "’s"} {
		if len(r) >= len(p) && r[:len(p)] == p {
			t.Start += len(p)
			r = r[len(p):]
		}
	}
	for t.Start < t.End && r[0] == ' ' {
		t.Start++
		r = r[1:]
	}
	if t.Empty() {
		return sp
	}
	return t
}

// beforePostmodifier cuts a speaker phrase before its first postmodifier
// ("Stacey Plaskett [of the Virgin Islands]"), keeping an "of" inside a
// title ("Secretary of State Marco Rubio").
func (st *state) beforePostmodifier(sp verbatim.Span) verbatim.Span {
	if strings.IndexByte(st.s[sp.Start:sp.End], ' ') < 0 {
		return sp // one word
	}
	i := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= sp.Start })
	for j := i + 1; j < len(st.toks) && st.toks[j].End <= sp.End; j++ {
		if !st.isWord(j) || !postmodifiers[st.low(j)] || st.isCap(j) {
			continue
		}
		if st.low(j) == "of" && st.isCap(j+1) {
			continue
		}
		if !st.isWord(j-1) || st.isPoss(j-1) {
			break
		}
		return verbatim.Span{Start: sp.Start, End: st.toks[j-1].End}
	}
	return sp
}

// namesOrDescribes reports whether sp holds a name mention ("Gordon Brown")
// or ends in a lower-case descriptor ("A spokesman"), not a word capitalised
// only by its position ("Analysts").
func (st *state) namesOrDescribes(sp verbatim.Span) bool {
	for _, m := range st.d.Mentions {
		if m.Kind == verbatim.NameMention && m.Start >= sp.Start && m.End <= sp.End {
			return true
		}
	}
	i := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].End >= sp.End })
	return i < len(st.toks) && st.isWord(i) && !st.isCap(i)
}

// resolve calls names.Resolve, guarding against a panic there so that the
// quotes found are kept.
func resolve(d *verbatim.Doc, sp verbatim.Span) (e int) {
	defer func() {
		if recover() != nil {
			e = -1
		}
	}()
	return names.Resolve(d, sp)
}
