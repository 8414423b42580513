// Package quotes finds who said what: direct quotes (in quote marks, split
// around their attribution, running over paragraphs, floating paragraphs that
// continue the previous speaker), indirect speech ("X said (that) …",
// "according to X, …", "X maintains that …"), mixed quotes (reported speech
// with quoted fragments) and relays ("Reuters cited X as saying …", "AFP
// reported that X told reporters …").
//
// It is rule-based over the tokens and sentences of package text, with its
// lexicons (cue verbs, skipped adverbs, determiners, role words) embedded
// from data/. The speaker is a mention span; package coref resolves it to an
// entity. Who the speaker of a cue is: speaker.go (the phrase before or after
// the cue, its addressee and relay), nounphrase.go (the noun phrases it is
// built of), apposition.go (a name with its role or relative clause beside
// it: "X, head of Y, said", "X, who …, said") and speakerhead.go (the name
// inside the phrase that coref resolves).
package quotes

import (
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
	"github.com/verbatim-news/verbatim/internal/ascii"
)

// Stage is this package's pipeline stage.
var Stage = verbatim.StageFunc{N: "quotes", F: Process}

// region is a stretch of text between quote marks.
type region struct {
	open, close int // token indexes of the marks; close = -1 when unclosed
	content     verbatim.Span
	words       int
	used        bool
	reopens     bool // opens while the quotation before is still open: a new one (regions.go)
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

	titlePara int        // paragraph holding the headline, -1 when none
	later     []int      // unattributed quote regions opening a sentence
	memo      *cueMemo   // the cue model's per-token cache (model.go)
	kinds     []byte     // memo.kinds, read without the pointer (kindOf stays inlined)
	hashes    []uint64   // memo.hash
	infos     []wordInfo // memo.infos
	tables    *tables    // pooled sentOf, inQ, usedCue

	objEnd map[verbatim.Span]int // loose object content -> where its object ends (bounds.go)

	mx      *mentionIndex // d.Mentions by start and end (spanindex.go)
	quoted  spanIndex     // the quote mark regions, for hasQuote
	regsAt  offsetIDs     // regions by opening mark token (spanindex.go)
	outIdx  spanIndex     // the quotes of st.out[:outN] that are not indirect (indirect.go)
	outIdx2 spanIndex     // the quotes of st.out from outBase-1 on, found after the first syncOut
	outN    int
	outBase int
	near    spanIndex        // verify: the candidates by span
	byCue   cueIDs           // verify: the candidates by cue (spanindex.go)
	cands   []verbatim.Quote // verify: the candidates as found
	kept    []bool           // verify: which of them it keeps
	nKept   int              // verify: how many it has kept so far

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
	st.cueMemo() // the per-token cache that info, kindOf and wordHash read
	b := ascii.AppendLower(st.tables.lows[:0], st.d.Clean)
	st.tables.lows = b
	// pooled: no string sliced from it outlives Process
	st.lows = unsafe.String(unsafe.SliceData(b), len(b))
	st.findRegions()
	if len(st.regs) <= smallIndex {
		return // hasQuote and forward pass over them all
	}
	st.quoted.reset()
	st.regsAt = st.regsAt[:0]
	for ri, g := range st.regs {
		at := st.toks[g.open].Start
		st.quoted.add(verbatim.Span{Start: at, End: max(g.content.End, at+1)}, ri)
		st.regsAt = append(st.regsAt, offsetID{g.open, int32(ri)})
	}
	st.regsAt.sort()
}

// maxPooledSubj is the most sentence subjects whose map is kept for the
// next document (a news article names a few dozen).
const maxPooledSubj = 256

// tables are a document's per-token tables, pooled across documents.
type tables struct {
	sentOf, inQ []int32
	usedCue     []bool
	out         []verbatim.Quote // st.out: finish copies it into d.Quotes
	lows        []byte           // st.lows
	regs        []region         // st.regs
	cands       []verbatim.Quote // st.cands (verify.go)
	cand        []verbatim.Quote // indirect's candidates of a sentence
	subj        map[int]verbatim.Span
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
	fillInt32(st.inQ, -1)
	fillInt32(st.sentOf, -1)
	for si, s := range st.d.Sentences {
		if lo, hi := max(s.First, 0), min(s.Last, n); lo < hi {
			fillInt32(st.sentOf[lo:hi], int32(si))
		}
	}
	if t.subj == nil {
		t.subj = map[int]verbatim.Span{}
	}
	clear(t.subj)
	st.subj, st.regs, st.cands = t.subj, t.regs[:0], t.cands[:0]
}

// fillInt32 sets every element of s to v: a few stores, then copies of
// what is set (memmove), where a loop over the elements cost an article's
// tokens several instructions each.
func fillInt32(s []int32, v int32) {
	if len(s) == 0 {
		return
	}
	if len(s) < 64 {
		for i := range s {
			s[i] = v
		}
		return
	}
	s[0] = v
	for k := 1; k < len(s); k *= 2 {
		copy(s[k:], s[:k])
	}
}

// releaseTables gives the per-token tables back for the next document.
func (st *state) releaseTables() {
	if st.tables != nil {
		clear(st.out) // hold no parts of this document
		st.tables.out = st.out[:0]
		clear(st.cands)
		st.tables.regs, st.tables.cands = st.regs[:0], st.cands[:0]
		if len(st.subj) > maxPooledSubj {
			st.tables.subj = nil // clearing a map costs its capacity: a long document's is not kept
		} else {
			clear(st.subj)
		}
		st.regs, st.cands, st.subj = nil, nil, nil
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
	if uint(i) >= uint(len(st.toks)) || st.toks[i].Kind == verbatim.Punct { // !st.isWord(i)
		return false
	}
	if t := &st.toks[i]; t.Start < t.End && st.s[t.Start] < utf8.RuneSelf {
		return st.s[t.Start]-'A' <= 'Z'-'A' // (the ASCII upper case letters are unicode.IsUpper's there)
	}
	return st.isCapRune(i)
}

// isCapRune is isCap of a word that starts with a multi-byte rune.
func (st *state) isCapRune(i int) bool {
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
	return st.info(i).cue // cues[st.low(i)]
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

var auxAfterThat = map[string]bool{"will": true, "would": true, "is": true, "was": true, "has": true, "had": true,
	"could": true, "can": true, "may": true, "might": true, "should": true, "must": true, "does": true, "did": true, "won't": true, "isn't": true, "wasn't": true}

var clauseOpeners = map[string]bool{"in": true, "on": true, "at": true, "with": true, "for": true, "to": true,
	"during": true, "after": true, "before": true, "last": true, "this": true, "earlier": true, "later": true,
	"from": true, "about": true, "of": true, "by": true, "as": true, "into": true, "over": true, "and": true,
	"or": true, "but": true, "so": true, "up": true, "out": true, "off": true, "down": true, "back": true}

// maxReach bounds how far (in tokens) an indirect attribution's speaker and
// content may lie from its cue.
const maxReach = 250

// maxPrior bounds the attributions before a speaker mention that coref
// reads (Context.Prior: who spoke before, the last attribution): the last
// 500 of them, more than a news article holds (BBC, PolNeAR dev: at most
// 73 statements), so that
// a transcript of thousands of turns costs no pass over all earlier turns
// per turn (issue 20).
const maxPrior = 500

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
	// Names inside quotation marks are kept from being antecedents through
	// the quotes found (Context.Prior): stray marks that do not pair up
	// would hide whole paragraphs of narration.
	ctx := coref.Context{}
	var bySpeaker map[verbatim.Span]int // a mention -> the entity of its last quote
	if len(out) > smallIndex {
		bySpeaker = make(map[verbatim.Span]int, len(out))
	}
	cr := coref.NewResolver(st.d)
	// a pronoun's mention -> the phrase of the unnamed source it stands for
	// ("a spokesman for the club" for the "he" after it)
	var sourceOf map[verbatim.Span]verbatim.Span
	for i := range out {
		q := &out[i]
		fitParts(q) // merge.go
		q.Speaker = -1
		if !q.SpeakerAt.Empty() {
			q.Speaker = -2
			if bySpeaker == nil {
				for j := i - 1; j >= 0; j-- {
					if out[j].SpeakerAt == q.SpeakerAt {
						q.Speaker = out[j].Speaker // one mention, one entity
						break
					}
				}
			} else if e, ok := bySpeaker[q.SpeakerAt]; ok {
				q.Speaker = e
			}
			if q.Speaker == -2 {
				ctx.Prior, ctx.Content, ctx.Parts, ctx.Direct = out[max(0, i-maxPrior):i], q.Span, q.Parts, q.Type == verbatim.Direct
				ctx.Phrase = q.SpeakerAt
				q.Speaker = resolve(cr, st.head(q.SpeakerAt), ctx)
				if u := cr.Unnamed(); q.Speaker < 0 && !u.Empty() {
					if sourceOf == nil {
						sourceOf = map[verbatim.Span]verbatim.Span{}
					}
					sourceOf[q.SpeakerAt] = u
				}
			}
			if bySpeaker != nil {
				bySpeaker[q.SpeakerAt] = q.Speaker
			}
		}
		if q.Speaker < 0 && q.SpeakerAt.Empty() {
			q.Confidence *= 0.5
		}
	}
	out = st.verify(out) // verify.go
	for i := range out {
		// an unnamed source is reported by the phrase that describes it,
		// not by the pronoun that stands for it (once the features that
		// read the attribution's own words are computed)
		if u, ok := sourceOf[out[i].SpeakerAt]; ok && out[i].Speaker < 0 {
			out[i].SpeakerAt = u
		}
	}
	st.d.Quotes = append(st.d.Quotes, out...)
}
