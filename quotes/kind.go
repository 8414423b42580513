package quotes

import (
	"bytes"
	_ "embed"
	"math"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// The kind of an attribution: a statement (something said, written,
// announced, or shown in a document) or a belief, intention, perception or
// act that is attributed without a speech act ("Trump believes …", "the firm
// wants to …", "voters saw …", "backed the nominee").
//
// Two things decide it, after the verifier:
//   - the cue lexicon (data/kinds.txt): a cue of belief, intention or
//     perception never makes a statement;
//   - the statement model, a logistic regression over the verifier's
//     features and the statement's own (the cue's kind class, the shape of
//     the content: quotation, that-clause, wh-clause, to-infinitive, clause
//     or bare noun phrase; modality, negation and form of the cue; what
//     governs it: "wants to say"), trained on the statements of
//     speakers/train against the attributions of polnear/train that are not
//     in a statement form, by
//
//	go run ./cmd/verbatim train statements --out quotes/data/statement.model.gz
//
// A quote the model scores below the threshold stored with it is no
// statement; its kind is then its cue's class, or what governs the cue, or
// "other".

//go:embed data/statement.model.gz
var statementModelGz []byte

const statementModelMagic = "VQSTM1\n"

var theStatementModel = func() *Verifier {
	if len(statementModelGz) == 0 {
		return nil
	}
	m, err := readModel(bytes.NewReader(statementModelGz), statementModelMagic)
	if err != nil {
		return nil // no model: the lexicon alone decides
	}
	return m
}()

// StatementModelMagic is the first line of a statement model file.
const StatementModelMagic = statementModelMagic

var (
	kindOfCue = func() map[string]verbatim.QuoteKind {
		m := map[string]verbatim.QuoteKind{}
		for _, l := range lines("kinds.txt") {
			f := strings.Fields(l)
			if len(f) != 2 {
				continue
			}
			k, ok := verbatim.ParseQuoteKind(f[1])
			if !ok {
				panic("quotes: data/kinds.txt: unknown kind " + f[1])
			}
			m[strings.ToLower(f[0])] = k
		}
		return m
	}()
	pastForms = wordSet("past.txt")
	subjects  = map[string]bool{"i": true, "we": true, "you": true, "he": true, "she": true, "it": true, "they": true, "there": true}
	modals    = map[string]bool{"will": true, "would": true, "could": true, "can": true, "may": true,
		"might": true, "should": true, "must": true, "shall": true, "'ll": true, "’ll": true, "'d": true, "’d": true}
	negations = map[string]bool{"not": true, "n't": true, "never": true, "no": true, "declined": true,
		"refused": true, "refuses": true, "declines": true, "nt": true}
)

// content shapes
const (
	shapeNone   = iota
	shapeQuote  // quoted, or mixed
	shapeThat   // "said that …"
	shapeWh     // "asked whether …"
	shapeTo     // "urged them to …"
	shapeClause // a finite verb in it
	shapeNP     // a bare noun phrase: "denied the allegations"
)

var shapeNames = [...]string{"none", "quote", "that", "wh", "to", "clause", "np"}

// kind classes of a cue, for the features
const (
	lexNone = iota
	lexSpeech
	lexWeak
	lexBelief
	lexIntention
	lexPerception
	lexOther
	lexAccording
)

func lexOfKind(k verbatim.QuoteKind) int {
	switch k {
	case verbatim.Belief:
		return lexBelief
	case verbatim.Intention:
		return lexIntention
	case verbatim.Perception:
		return lexPerception
	case verbatim.OtherKind:
		return lexOther
	}
	return lexNone
}

var lexKinds = [...]verbatim.QuoteKind{lexBelief: verbatim.Belief, lexIntention: verbatim.Intention,
	lexPerception: verbatim.Perception, lexOther: verbatim.OtherKind}

// cueHead returns the kind class of q's cue and the token of its head word
// (the first of its words with a kind or a cue class; -1 when none).
func (st *state) cueHead(q *verbatim.Quote) (int, int) {
	if q.Cue.Empty() {
		return lexNone, -1
	}
	k := st.tokenAt(q.Cue.Start)
	if k < len(st.toks) && st.low(k) == "according" {
		return lexAccording, k
	}
	head, lex := -1, lexNone
	for i := k; i < len(st.toks) && st.toks[i].Start < q.Cue.End; i++ {
		if !st.isWord(i) {
			continue
		}
		wi := st.info(i) // the maps' answers from the token's cache (model.go)
		if wi.sets&setKindOfCue != 0 {
			return lexOfKind(kindOfCue[st.low(i)]), i
		}
		if wi.sets&setSpeechComplement != 0 && i > k { // speechComplements[w]
			return lexWeak, i // "made it clear" (indirect.go), a hand-listed cue
		}
		if c := wi.cue; c != 0 && head < 0 { // cues[w]
			head, lex = i, lexWeak
			if c&cueSpeech != 0 {
				lex = lexSpeech
			}
		}
	}
	if head < 0 {
		head = k
	}
	return lex, head
}

// contentShape classifies q's content: quotation, that-clause, wh-clause,
// to-infinitive, clause (a finite verb in it) or bare noun phrase.
func (st *state) contentShape(q *verbatim.Quote, cs, ce int) int {
	if q.Type != verbatim.Indirect || st.hasQuote(q.Span) {
		return shapeQuote
	}
	if cs >= len(st.toks) || cs >= ce {
		return shapeNone
	}
	w := st.low(cs)
	prev := ""
	if cs > 0 && st.isWord(cs-1) {
		prev = st.low(cs - 1)
	}
	switch {
	case w == "that" || prev == "that":
		return shapeThat
	case w == "whether" || w == "if" || w == "why" || w == "how" || w == "what" || w == "who" || w == "when" || w == "where":
		return shapeWh
	case w == "to":
		return shapeTo
	}
	if subjects[w] {
		return shapeClause // "it expects to get …"
	}
	for i := cs; i < ce && i-cs < 40; i++ {
		if !st.isWord(i) || st.inQ[i] >= 0 {
			continue
		}
		lw := st.low(i)
		if wi := st.info(i); wi.fin || wi.sets&(setPast|setModal) != 0 || len(lw) > 3 && strings.HasSuffix(lw, "ed") && i > cs {
			return shapeClause
		}
		if i > cs && i+1 < ce && st.isWord(i+1) {
			next := st.low(i + 1)
			switch {
			case lw == "to" && !st.in(i+1, setDet) && !st.isCap(i+1): // "urged the club to reject …"
				return shapeClause
			case (lw == "of" || lw == "for" || lw == "about") && len(next) > 4 && strings.HasSuffix(next, "ing"): // "accused it of misusing …"
				return shapeClause
			}
		}
	}
	return shapeNP
}

const nStmtFeats = 20

// statementFeatures fills sf with the statement model's own features of q
// (the verifier's are vf, its probability vp) and returns the cue's kind
// class, the content's shape and the kind class of the word governing the
// cue ("wants" in "wants to say").
func (st *state) statementFeatures(q *verbatim.Quote, vp float64, sf *[nStmtFeats]uint64) (lex, shape, gov, head int) {
	cs, ce := st.contentTokens(q)
	shape = st.contentShape(q, cs, ce)
	lex, k := st.cueHead(q)
	// the cue's form and what stands before it
	form, modal, neg, be := uint64(0), uint64(0), uint64(0), uint64(0)
	hGov, hSpk := hBOS, hBOS
	gov = lexNone
	if k >= 0 && k < len(st.toks) {
		switch w := st.low(k); {
		case strings.HasSuffix(w, "ing"):
			form = 1
		case strings.HasSuffix(w, "ed") || st.in(k, setPast|setParticiple): // pastForms[w] || participles[w]
			form = 2
		case strings.HasSuffix(w, "s"):
			form = 3
		default:
			form = 4
		}
		lo, _ := st.sentence(k)
		for i := k - 1; i >= lo && i >= k-4; i-- {
			if !st.isWord(i) {
				break
			}
			w, sets := st.low(i), st.info(i).sets
			switch {
			case sets&setModal != 0: // modals[w]
				modal = 1 + hstr(fnvOff, w)%7
			case sets&setNegation != 0: // negations[w]
				neg = 1
			case sets&setBe != 0: // beForms[w]
				be = 1
			case w == "to" && i > lo && st.isWord(i-1):
				g := i - 1
				if g > lo && adverbs[st.low(g)] && st.isWord(g-1) {
					g--
				}
				hGov = hstr(fnvOff, st.low(g))
				if kd, ok := kindOfCue[st.low(g)]; ok {
					gov = lexOfKind(kd)
				} else {
					gov = lexWeak
				}
			}
			if w == "to" {
				break
			}
		}
	}
	spkDoc := uint64(0)
	if !q.SpeakerAt.Empty() {
		e := st.tokenAt(q.SpeakerAt.End - 1)
		if e < len(st.toks) && st.isWord(e) {
			w := st.low(e)
			hSpk = hstr(fnvOff, w)
			if st.in(e, setFinding|setDocument) { // findings[w] || documents[w]
				spkDoc = 1
			}
		}
	}
	words := 0
	for i := cs; i < ce && words < 40; i++ {
		if st.isWord(i) {
			words++
		}
	}
	lenB := uint64(bucket(words, 2, 3, 5, 8, 13, 21))
	vb := uint64(min(int(vp*10), 9))
	typ := typeCode(q.Type)
	hCue := hBOS
	if k >= 0 && k < len(st.toks) {
		hCue = hstr(fnvOff, st.low(k))
	}
	sh, lx, gv := uint64(shape), uint64(lex), uint64(gov)
	f := sf[:0]
	f = append(f,
		mix(200, 0),
		mix(201, lx),
		mix(202, sh),
		mix(203, sh<<4|lx),
		mix(204, sh<<4|typ),
		mix(205, gv),
		mix(mix(206, hGov), lx),
		mix(207, modal<<4|lx),
		mix(208, neg<<4|lx),
		mix(209, form<<8|be<<4|lx),
		mix(mix(210, hCue), sh),
		mix(mix(211, hCue), form),
		mix(212, hSpk),
		mix(213, spkDoc<<4|lx),
		mix(214, lenB<<4|sh),
		mix(215, vb<<4|typ),
		mix(216, vb<<4|lx),
		mix(mix(217, hCue), be<<1|neg),
		mix(mix(218, hSpk), lx),
		mix(219, gv<<4|sh),
	)
	return lex, shape, gov, k
}

// lexiconStatement reports whether the lexicon alone makes q a statement:
// its cue a speech verb, a hand-listed cue of saying or writing, or
// "according to", and its content a quotation or a clause.
func (st *state) lexiconStatement(q *verbatim.Quote, lex, shape, gov, head int) bool {
	if shape == shapeThat && st.repeatsClaims(q, head) {
		return true
	}
	if lex != lexWeak || head < 0 || head >= len(st.toks) || !st.in(head, setHandCue|setSpeechComplement) || nonSpeech(gov) {
		return false
	}
	if shape == shapeQuote {
		return q.Type == verbatim.Mixed || q.Type == verbatim.Direct
	}
	if shape != shapeThat && shape != shapeClause {
		return false
	}
	// the content right after the cue ("boasted (that) he could …"), with
	// a finite auxiliary or a modal among its first words
	cs := st.tokenAt(q.Start)
	if q.Cue.End > q.Start || cs-st.tokenAt(q.Cue.End-1) > 2 {
		return false
	}
	for i := cs; i < len(st.toks) && i < cs+12 && st.toks[i].Start < q.End; i++ {
		if st.isWord(i) && st.inQ[i] < 0 && (st.info(i).fin || st.in(i, setModal)) { // modals[w]
			return true
		}
	}
	return false
}

// repetitions are the verbs that say a claim again: "repeated past claims
// that …", "reiterated his warning that …" — the subject says it, unlike
// "denied claims that …" or "dismissed reports that …".
var repetitions = map[string]bool{"repeat": true, "repeats": true, "repeated": true, "repeating": true,
	"reiterate": true, "reiterates": true, "reiterated": true, "reiterating": true,
	"renew": true, "renews": true, "renewed": true, "renewing": true}

// repeatsClaims reports whether q's cue is a verb of repetition whose object,
// the last word before the content's "that", is a noun of saying (a cue
// word: "claims", "warning", "call"), with no verb, pronoun or clause
// opener between: "Trump also repeated past claims that Russia …".
func (st *state) repeatsClaims(q *verbatim.Quote, head int) bool {
	if head < 0 || head >= len(st.toks) || !repetitions[st.low(head)] {
		return false
	}
	cs := st.tokenAt(q.Start)
	that := cs - 1
	if that <= head+1 || that-head > 5 || st.low(that) != "that" || !st.isWord(that-1) || st.info(that-1).cue == 0 {
		return false
	}
	return st.plainBetween(head, that-1)
}

// lexiconKind is the kind the cue lexicon forces on q, if any: a belief,
// intention or perception when its cue is one and its content is not a
// quotation (a quotation is said, whatever its cue: "“…,” he thinks").
func lexiconKind(q *verbatim.Quote, lex int) (verbatim.QuoteKind, bool) {
	if q.Type == verbatim.Indirect && nonSpeech(lex) {
		return lexKinds[lex], true
	}
	return "", false
}

func nonSpeech(l int) bool { return l == lexBelief || l == lexIntention || l == lexPerception }

// decideKind sets q.Kind from the lexicon and the statement model's
// probability ps (NaN when there is no model; then a bare noun phrase after
// a cue that is no speech verb is no statement either).
func decideKind(q *verbatim.Quote, ps float64, thr float32, lex, shape, gov int, lexStmt bool) {
	if k, ok := lexiconKind(q, lex); ok {
		q.Kind = k
		return
	}
	switch {
	case lexStmt:
		q.Kind = verbatim.Statement
	case !math.IsNaN(ps) && ps < float64(thr):
		switch {
		case lex == lexOther:
			q.Kind = verbatim.OtherKind
		case nonSpeech(gov):
			q.Kind = lexKinds[gov]
		default:
			q.Kind = verbatim.OtherKind
		}
	case math.IsNaN(ps) && shape == shapeNP && lex != lexSpeech && lex != lexAccording:
		q.Kind = verbatim.OtherKind
	default:
		q.Kind = verbatim.Statement
	}
}
