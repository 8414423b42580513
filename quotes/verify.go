package quotes

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// The verifier is the stage's second step: a logistic regression over
// hashed features of each attribution the rules found (its content, cue,
// speaker, type and the rule that made it) scores the probability that it
// is a real attribution. Its score becomes the quote's Confidence, and a
// quote scoring below the threshold stored with the model is dropped. It is
// trained on PolNeAR train (the threshold chosen by 10-fold cross-validation
// on it; 0, dropping nothing, unless that gains at least 0.002 F1) by
//
//	go run ./cmd/verbatim train verify --out quotes/data/verify.model.gz
//
// Direct quotes in quote marks with a lexicon cue are never dropped. The
// committed model's threshold is 0: after the recall rules of 23 Nov, the
// best threshold (0.34) gained 0.0004 F1 in cross-validation and lost 0.003
// on PolNeAR dev.

//go:embed data/verify.model.gz
var verifyModelGz []byte

// Verifier is a binary logistic regression over hashed features.
type Verifier struct {
	bits  uint
	w     []float32
	thr   float32 // least probability of a quote kept
	magic string  // the file's first line: verifyModelMagic or statementModelMagic
}

var theVerifier = func() *Verifier {
	m, err := readModel(bytes.NewReader(verifyModelGz), verifyModelMagic)
	if err != nil {
		return nil // no model: every candidate kept with the rules' confidence
	}
	return m
}()

const verifyModelMagic = "VQVER1\n"

// readModel reads a logistic regression written by Verifier.write with
// this magic line (the verifier's, the statement model's).
func readModel(r io.Reader, magic string) (*Verifier, error) {
	bits, head, w, tail, err := readWeights(r, magic, 1)
	if err != nil {
		return nil, fmt.Errorf("quotes: %s model: %w", strings.TrimSpace(magic), err)
	}
	if len(tail) != 0 {
		return nil, fmt.Errorf("quotes: %s model size", strings.TrimSpace(magic))
	}
	m := &Verifier{bits: bits, thr: head[0], w: w, magic: magic}
	return m, nil
}

// write stores the model gzipped without compression (see cueModel.write):
// inflating it at start-up is a copy.
func (m *Verifier) write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.NoCompression)
	if err != nil {
		return err
	}
	magic := m.magic
	if magic == "" {
		magic = verifyModelMagic
	}
	buf := make([]byte, 0, len(magic)+8+4*len(m.w))
	buf = append(buf, magic...)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(m.bits))
	buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(m.thr))
	for _, x := range m.w {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
	}
	if _, err := zw.Write(buf); err != nil {
		return err
	}
	return zw.Close()
}

// prob is the model's probability for the features fs and more.
func (m *Verifier) prob(fs []uint64, more ...[]uint64) float64 {
	mask := uint64(len(m.w) - 1)
	var s float32
	for _, f := range fs {
		s += m.w[f&mask]
	}
	for _, fs := range more {
		for _, f := range fs {
			s += m.w[f&mask]
		}
	}
	return 1 / (1 + math.Exp(-float64(s)))
}

// VerifyCandidate is one attribution the rules found, before the verifier:
// what `verbatim train verify` labels and learns from.
type VerifyCandidate struct {
	Quote     verbatim.Quote
	Protected bool    // never dropped: a direct quote in quote marks with a lexicon cue
	Origin    string  // where its cue comes from: none, according, hand, learned, model
	Prob      float64 // the verifier's probability (NaN without a verifier)
	// StatementForm: the cue's class is no belief, intention, perception or
	// act, and the content is a quotation or a clause (not a bare noun
	// phrase): what a PolNeAR attribution needs to count as a statement
	// when training the statement model.
	StatementForm bool
	NoStatement   bool // the cue lexicon rules out a statement (kind.go)
	LexStatement  bool // the cue lexicon makes it a statement, whatever the model says (kind.go)
	f             [nVerifyFeats]uint64
	sf            [nStmtFeats]uint64
}

// Candidates runs the stage over d without the verifier and returns every
// attribution the rules found, with its features; d.Quotes is set as
// Process would without a verifier.
func Candidates(d *verbatim.Doc) []VerifyCandidate {
	var out []VerifyCandidate
	process(d, &out)
	return out
}

// verify scores the quotes (speakers resolved), sets their Confidence to the
// verifier's probability and drops those below its threshold. With collect
// set it keeps them all and records them there instead.
func (st *state) verify(out []verbatim.Quote) []verbatim.Quote {
	m, sm := theVerifier, theStatementModel
	var fs [nVerifyFeats]uint64
	var sf [nStmtFeats]uint64
	st.cands = append(st.cands[:0], out...)
	st.kept = append(st.kept[:0], make([]bool, len(out))...)
	if len(out) > smallIndex { // indexes for verifyFeatures
		st.near.reset()
		st.byCue = st.byCue[:0]
		for i := range out {
			st.near.add(out[i].Span, i)
			if c := out[i].Cue; !c.Empty() {
				st.byCue = append(st.byCue, cueID{c, int32(i)})
			}
		}
		st.byCue.sort()
	}
	w := 0
	for i := range out {
		st.nKept = w
		q := &out[i]
		protected, origin := st.verifyFeatures(out, i, &fs)
		p := math.NaN()
		if m != nil {
			p = m.prob(fs[:])
		}
		lex, shape, gov, head := st.statementFeatures(q, p, &sf)
		lexStmt := st.lexiconStatement(q, lex, shape, gov, head)
		if st.collect != nil {
			_, forced := lexiconKind(q, lex)
			form := shape != shapeNP && !nonSpeech(lex) && lex != lexOther && !nonSpeech(gov)
			*st.collect = append(*st.collect, VerifyCandidate{Quote: *q, Protected: protected, Origin: originNames[origin],
				Prob: p, StatementForm: form, NoStatement: forced, LexStatement: lexStmt, f: fs, sf: sf})
			out[w] = *q
			w++
			st.kept[i] = true
			continue
		}
		if m != nil {
			if p < float64(m.thr) && !protected {
				continue
			}
			q.Confidence = math.Round(p*1000) / 1000
		}
		ps, thr := math.NaN(), float32(0)
		if sm != nil {
			ps, thr = sm.prob(fs[:], sf[:]), sm.thr
		}
		decideKind(q, ps, thr, lex, shape, gov, lexStmt)
		out[w] = *q
		w++
		st.kept[i] = true
	}
	clear(out[w:])
	return out[:w]
}

const nVerifyFeats = 40

func init() { // after model.go's init (file order): wordInfos is complete
	for w := range wordSet("finite.txt") {
		wi := wordInfos[w]
		wi.fin = true
		wordInfos[w] = wi
	}
	wordTab = newWordTable(wordInfos)
}

// tokenAt returns the index of the first token ending after byte off.
func (st *state) tokenAt(off int) int {
	// sort.Search without its closure call per step (the same answer)
	lo, hi := 0, len(st.toks)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if st.toks[h].End > off {
			hi = h
		} else {
			lo = h + 1
		}
	}
	return lo
}

// cue origins
const (
	originNone = iota
	originAccording
	originHand    // data/cues.txt
	originLearned // data/cues_learned.txt
	originModel   // the cue model
	originOther
)

var originNames = [...]string{"none", "according", "hand", "learned", "model", "other"}

// speaker mention kinds
const (
	spkNone = iota
	spkPronoun
	spkRelative
	spkName
	spkDescriptor
	spkCap // capitalised, no name found in it
)

// first-word classes of a content
const (
	firstOther = iota
	firstTo
	firstThat
	firstWh // whether, if, why, how, what, who, when
	firstQuote
	firstCap
	firstPronoun
	firstDet
	firstIng
)

// verifyFeatures fills fs with the hashed features of q and reports whether
// q is protected (a direct quote in quote marks with a lexicon cue).
func (st *state) verifyFeatures(out []verbatim.Quote, qi int, fs *[nVerifyFeats]uint64) (bool, int) {
	q := &out[qi]
	// the other candidates: overlapping this one, sharing its cue
	var near uint64
	cands := st.cands // out as verify found it; out itself when called alone
	if len(cands) != len(out) {
		cands = out
	}
	visit := func(j int) bool {
		// out[j] as it was before verify overwrote out[:kept] with the
		// quotes it keeps: the quotes before q it dropped are seen only
		// where no kept quote has taken their place yet
		o := &cands[j]
		if j == qi || j < qi && j < st.nKept && !st.kept[j] || !o.Overlaps(q.Span) && (o.Cue.Empty() || o.Cue != q.Cue) {
			return true
		}
		switch {
		case !o.Cue.Empty() && o.Cue == q.Cue:
			near |= 1
		case o.Span.Contains(q.Span):
			near |= 2
		case q.Span.Contains(o.Span):
			near |= 4
		default:
			near |= 8
		}
		if o.Type == verbatim.Direct {
			near |= 16
		}
		return near != 31 // every bit set: nothing to add
	}
	// the candidates that overlap q, then those sharing its cue (a bit
	// set twice is set once)
	if len(out) <= smallIndex {
		for j := range out {
			if !visit(j) {
				break
			}
		}
	} else {
		st.near.each(q.Start, q.End, visit)
	}
	if !q.Cue.Empty() && len(out) > smallIndex {
		for j := st.byCue.first(q.Cue); j < len(st.byCue) && st.byCue[j].cue == q.Cue; j++ {
			visit(int(st.byCue[j].id))
		}
	}
	// the content
	cs, ce := st.contentTokens(q)
	words, fin, past, inner := 0, 0, 0, 0
	for i := cs; i < ce && words < 40; i++ { // bucket's last bound
		if st.isWord(i) {
			words++
			if i-cs < 20 && st.inQ[i] < 0 {
				wi := st.info(i)
				if wi.fin {
					fin++
				}
				if wi.cue != 0 {
					inner++
				}
				if w := st.low(i); len(w) > 4 && w[len(w)-2:] == "ed" {
					past++
				}
			}
		}
	}
	first, hFirst, hFirst2 := firstOther, hBOS, hBOS
	if cs < len(st.toks) {
		hFirst = hstr(fnvOff, st.low(cs))
		if cs+1 < ce {
			hFirst2 = hstr(hFirst, st.low(cs+1))
		}
		switch w := st.low(cs); {
		case st.mark(cs) != 0 || cs > 0 && st.mark(cs-1) != 0 && st.inQ[cs] >= 0:
			first = firstQuote
		case w == "to":
			first = firstTo
		case w == "that":
			first = firstThat
		case w == "whether" || w == "if" || w == "why" || w == "how" || w == "what" || w == "who" || w == "when":
			first = firstWh
		case st.isWord(cs) && st.info(cs).kind == 'p': // pronouns[w]
			first = firstPronoun
		case st.isWord(cs) && st.info(cs).kind == 'd': // dets[w]
			first = firstDet
		case st.isCap(cs):
			first = firstCap
		case len(w) > 4 && w[len(w)-3:] == "ing":
			first = firstIng
		}
	}
	lastQ := uint64(0) // the content ends in a question mark
	if ce-1 >= cs && ce-1 < len(st.toks) && st.isPunct(ce-1, "?") || ce < len(st.toks) && st.isPunct(ce, "?") {
		lastQ = 1
	}
	lenB := uint64(bucket(words, 1, 2, 3, 4, 5, 7, 10, 15, 25, 40))
	quoted := uint64(0)
	if st.hasQuote(q.Span) {
		quoted = 1
	}
	sentLo, sentHi := 0, 0
	para := 0
	if cs < len(st.toks) && st.sentOf[cs] >= 0 {
		s := st.d.Sentences[st.sentOf[cs]]
		sentLo, para = s.First, s.Para
		if ce-1 < len(st.toks) && st.sentOf[ce-1] >= 0 {
			sentHi = st.d.Sentences[st.sentOf[ce-1]].Last
		}
	}
	atStart := uint64(0)
	if cs == sentLo || cs == sentLo+1 && !st.isWord(sentLo) {
		atStart = 1
	}
	atEnd := uint64(0)
	if ce >= sentHi-1 {
		atEnd = 1
	}
	sents := uint64(0)
	if cs < len(st.toks) && ce-1 < len(st.toks) && ce > cs {
		sents = uint64(min(int(st.sentOf[ce-1]-st.sentOf[cs]), 2))
	}

	// the cue
	origin, cueClass := originNone, uint8(0)
	hCue, hBefore, hAfter := hBOS, hBOS, hBOS
	score := uint64(0)
	cuePos, cueDist := uint64(0), uint64(0)
	lp := uint64(0)
	if !q.Cue.Empty() {
		k := st.tokenAt(q.Cue.Start)
		if st.isWord(k) {
			lp = 1 + uint64(st.info(k).lp)
		}
		cw := st.lows[q.Cue.Start:q.Cue.End]
		hCue = hstr(fnvOff, cw)
		if k > 0 {
			hBefore = st.wordHash(k-1, 0, len(st.toks))
		}
		if ke := st.tokenAt(q.Cue.End - 1); ke+1 < len(st.toks) {
			hAfter = st.wordHash(ke+1, 0, len(st.toks))
		}
		lexicon := k >= len(st.toks) || st.toks[k].Span != q.Cue || st.info(k).cue != 0 || handCues[cw] // else cues[cw] == 0
		switch {
		case cw == "according to":
			origin = originAccording
		case !lexicon:
			origin = originModel
			if theCueModel == nil {
				origin = originOther
			}
		case handCues[cw]:
			origin, cueClass = originHand, cues[cw]
		case cues[cw] != 0:
			origin, cueClass = originLearned, cues[cw]
		case k < len(st.toks) && theCueModel != nil:
			origin = originModel
		default:
			origin = originOther
		}
		if origin == originModel || origin == originLearned {
			if wi, ok := st.cueCandidate(k); ok && theCueModel != nil {
				s := st.cueScore(k, wi)
				score = uint64(1 + max(-4, min(8, int(math.Floor(float64(s)*2)))) + 4)
			}
		}
		switch {
		case q.Cue.End <= q.Start:
			cuePos, cueDist = 1, uint64(bucket(cs-k, 1, 2, 3, 4, 6, 10))
		case q.Cue.Start >= q.End:
			cuePos, cueDist = 2, uint64(bucket(k-ce, 0, 1, 2, 3, 5, 10))
		default:
			cuePos = 3
		}
	}

	// the speaker
	spk := spkNone
	ent := uint64(0)
	spkPos := uint64(0)
	if !q.SpeakerAt.Empty() {
		sw := st.lows[q.SpeakerAt.Start:q.SpeakerAt.End]
		switch {
		case pronouns[sw]:
			spk = spkPronoun
		case relatives[sw] || sw == "which" || sw == "what" || sw == "that":
			spk = spkRelative
		default:
			spk = spkDescriptor
			k := st.tokenAt(q.SpeakerAt.End - 1)
			if st.isCap(k) {
				spk = spkCap
			}
			if st.nameEndingAt(q.SpeakerAt) >= 0 {
				spk = spkName
			}
		}
		switch {
		case q.SpeakerAt.End <= q.Start:
			spkPos = 1
		case q.SpeakerAt.Start >= q.End:
			spkPos = 2
		default:
			spkPos = 3
		}
	}
	if q.Speaker >= 0 && q.Speaker < len(st.d.Entities) {
		ent = 1 + entityHash(st.d.Entities[q.Speaker].Type)
	}
	typ := typeCode(q.Type)
	rule := uint64(math.Round(q.Confidence * 1000))
	extra := uint64(0)
	if !q.Via.Empty() {
		extra |= 1
	}
	if !q.Addressee.Empty() {
		extra |= 2
	}
	if len(q.Parts) > 0 {
		extra |= 4
	}
	paraB := uint64(min(para, 3))
	fo := uint64(first)

	f := fs[:0]
	f = append(f,
		mix(100, 0),
		mix(101, typ),
		mix(102, rule),
		mix(103, rule<<4|typ),
		mix(104, hCue),
		mix(105, uint64(origin)<<8|uint64(cueClass)),
		mix(106, uint64(origin)<<8|score),
		mix(mix(107, hCue), typ),
		mix(108, lenB),
		mix(109, fo),
		mix(110, hFirst),
		mix(mix(111, hCue), fo),
		mix(112, uint64(spk)),
		mix(113, ent),
		mix(mix(114, hCue), uint64(spk)),
		mix(115, cuePos<<8|cueDist),
		mix(116, spkPos<<4|cuePos),
		mix(117, quoted<<4|typ),
		mix(118, atStart<<4|atEnd),
		mix(119, paraB),
		mix(120, extra),
		mix(mix(121, hCue), hAfter),
		mix(mix(122, hCue), hBefore),
		mix(123, lastQ<<4|typ),
		mix(124, lenB<<4|typ),
		mix(125, uint64(spk)<<4|typ),
		mix(126, sents<<4|typ),
		mix(127, score<<8|fo),
		mix(128, hFirst2),
		mix(129, uint64(origin)<<8|fo<<4|typ),
		mix(130, uint64(spk)<<8|uint64(origin)),
		mix(mix(131, hCue), lenB),
		mix(132, lp),
		mix(133, lp<<8|fo),
		mix(134, uint64(min(fin, 2))<<8|typ),
		mix(135, uint64(min(fin, 1))<<8|uint64(min(past, 1))<<4|fo),
		mix(136, uint64(min(inner, 2))<<4|typ),
		mix(137, uint64(min(fin, 1))<<8|lenB),
		mix(138, near<<4|typ),
		mix(139, near<<8|uint64(origin)),
	)
	protected := q.Type == verbatim.Direct && quoted == 1 && (origin == originHand || origin == originLearned)
	return protected, origin
}

// typeCode is a quote type as a feature value.
func typeCode(t verbatim.QuoteType) uint64 {
	switch t {
	case verbatim.Indirect:
		return 1
	case verbatim.Mixed:
		return 2
	}
	return 0
}

// contentTokens returns the tokens [cs, ce) of q's content.
func (st *state) contentTokens(q *verbatim.Quote) (cs, ce int) {
	cs = st.tokenAt(q.Start)
	ce = cs
	if cs < len(st.toks) && st.toks[cs].Start < q.End {
		ce = st.tokenAt(q.End-1) + 1 // the first token from q.End
	}
	return cs, ce
}

// entityHash is hstr(fnvOff, string(t)), computed once per type.
func entityHash(t verbatim.EntityType) uint64 {
	for i, et := range entityTypes {
		if et == t {
			return entityHashes[i]
		}
	}
	return hstr(fnvOff, string(t))
}

var entityTypes = [...]verbatim.EntityType{verbatim.Person, verbatim.Organization, verbatim.Place, verbatim.Group, verbatim.Misc}

var entityHashes = func() (h [len(entityTypes)]uint64) {
	for i, t := range entityTypes {
		h[i] = hstr(fnvOff, string(t))
	}
	return h
}()

// bucket returns the index of the first bound above n (len(bounds) when none).
func bucket(n int, bounds ...int) int {
	for i, b := range bounds {
		if n < b {
			return i
		}
	}
	return len(bounds)
}
