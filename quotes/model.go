package quotes

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/sized"
)

// The cue model finds attribution cues the lexicons miss ("declined to
// affirm", "has long admired", "plan to deport"): an averaged perceptron over
// hashed features of a word and its neighbours, trained on PolNeAR train by
//
//	go run ./cmd/verbatim train quotes --polnear ../shared/data/polnear/train --out quotes/data/cue.model.gz
//
// A word it scores at or above the threshold stored with the model is a cue
// of class cueWeak|cueLoose; at or above the object threshold its object
// alone is the content (cueObject). The rules then find the speaker and the
// content as for a lexicon cue.

//go:embed data/cue.model.gz
var cueModelGz []byte

// cueModel is a binary linear classifier over hashed features.
type cueModel struct {
	bits       uint
	w          []float32
	thr, objTh float32
	heads      map[string]bool // words seen heading a cue in training; only they are scored
}

var theCueModel = func() *cueModel {
	m, err := readCueModel(bytes.NewReader(cueModelGz))
	if err != nil {
		return nil // no model: the rules alone
	}
	return m
}()

const cueModelMagic = "VQCUE1\n"

func readCueModel(r io.Reader) (*cueModel, error) {
	bits, head, w, tail, err := readWeights(r, cueModelMagic, 2)
	if err != nil {
		return nil, fmt.Errorf("quotes: cue model: %w", err)
	}
	m := &cueModel{bits: bits, thr: head[0], objTh: head[1], w: w}
	m.heads = map[string]bool{}
	for _, w := range bytes.Fields(tail) {
		m.heads[string(w)] = true
	}
	return m, nil
}

// write stores the model gzipped without compression: inflating stored
// blocks is a copy, where the compressed megabyte of weights took a quarter
// of the program's start-up (60 M instructions) to inflate; the file is
// 1 MB instead of 0.37 MB.
func (m *cueModel) write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.NoCompression)
	if err != nil {
		return err
	}
	var hdr [12]byte
	binary.LittleEndian.PutUint32(hdr[:], uint32(m.bits))
	binary.LittleEndian.PutUint32(hdr[4:], math.Float32bits(m.thr))
	binary.LittleEndian.PutUint32(hdr[8:], math.Float32bits(m.objTh))
	buf := make([]byte, 0, len(cueModelMagic)+12+4*len(m.w))
	buf = append(buf, cueModelMagic...)
	buf = append(buf, hdr[:]...)
	for _, x := range m.w {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
	}
	heads := make([]string, 0, len(m.heads))
	for w := range m.heads {
		heads = append(heads, w)
	}
	sort.Strings(heads)
	for _, w := range heads {
		buf = append(append(buf, w...), '\n')
	}
	if _, err := zw.Write(buf); err != nil {
		return err
	}
	return zw.Close()
}

// modelCue returns the cue class the model gives the word at token k, 0 when
// it is no cue. Only words the lexicons do not know are asked.
func (st *state) modelCue(k int) uint8 {
	m := theCueModel
	if m == nil || st.isWord(k) && !st.info(k).head {
		return 0 // (the cheap test first: a word the model never saw head a cue)
	}
	wi, ok := st.cueCandidate(k)
	if !ok || !wi.head {
		return 0
	}
	s := st.cueScore(k, wi)
	switch {
	case s >= m.objTh:
		return cueWeak | cueLoose | cueObject
	case s >= m.thr:
		return cueWeak | cueLoose
	}
	return 0
}

// handCues are the words of data/cues.txt: their classes are chosen by hand
// (O where a short object is content), the model does not widen them.
var handCues = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range lines("cues.txt") {
		m[strings.ToLower(strings.Fields(l)[0])] = true
	}
	return m
}()

// modelObject reports whether the model is sure enough of the cue at token k
// (a learned lexicon cue too) that its object alone, however short, is the
// content.
// An object that a participle cue's statement follows ("acknowledged Trump's
// efforts, saying that …") is only its preamble: the statement is the
// content.
func (st *state) modelObject(k, end int) bool {
	m := theCueModel
	if m == nil || handCues[st.low(k)] {
		return false
	}
	wi, ok := st.cueCandidate(k)
	if !ok {
		return false
	}
	if st.isPunct(end, ",") && st.isWord(end+1) {
		if w := st.low(end + 1); len(w) > 4 && w[len(w)-3:] == "ing" && cues[w] != 0 {
			return false
		}
	}
	return st.cueScore(k, wi) >= m.objTh
}

func (m *cueModel) score(fs []uint64) float32 {
	mask := uint64(len(m.w) - 1)
	var s float32
	for _, f := range fs {
		s += m.w[f&mask]
	}
	return s
}

// cueCandidate: a lower-case word outside quotes, not a stop word, not inside
// a capitalised name.
// It returns what the lexicons say of the word.
func (st *state) cueCandidate(k int) (wordInfo, bool) {
	if !st.isWord(k) || st.inQ[k] >= 0 || st.toks[k].Kind != verbatim.Word {
		return wordInfo{}, false
	}
	w := st.low(k)
	if len(w) < 3 || w == "according" {
		return wordInfo{}, false
	}
	wi := st.info(k)
	return wi, !wi.stop && !st.capMid(k)
}

const nCueFeats = 19

// feature hashing (FNV-1a over a template id and strings)
const (
	fnvOff   = 14695981039346656037
	fnvPrime = 1099511628211
)

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// wordInfo is what the lexicons say of a lower-case word, in one look-up:
// its coarse class for kindOf and its learned P(cue|word) in 20ths.
type wordInfo struct {
	kind, lp, cue byte
	stop, head    bool   // a stop word; a word seen heading a cue in training
	fin           bool   // a finite verb form (verify.go)
	known         bool   // set in the per-token cache (cueMemo.infos)
	sets          uint32 // the word lists of the hot loops holding the word (inSets)
	hw            int32  // 1 + index of the head's weights in cueTabs.words, 0 when none
}

// inSets are word lists that the hot loops ask of a token through its
// cached wordInfo (st.in) rather than by a map look-up: wordInfo.sets has
// the bit set of each list holding the word.
var inSets = map[uint32]map[string]bool{setAdverb: adverbs, setOpener: clauseOpeners, setContrastive: contrastives,
	setPrepING: prepING, setPast: pastForms, setModal: modals, setDet: dets, setNegation: negations, setBe: beForms,
	setPronoun: pronouns, setFinding: findings, setRelative: relatives, setSpeakerOpener: openers, setRole: roles,
	setRaising: raising, setState: states, setParticiple: participles,
	setDocument: documents, setSpeechComplement: speechComplements, setHandCue: handCues, setTime: times,
	setWeekday: weekdays, setKindOfCue: kindOfCueWords}

// kindOfCueWords are the words kindOfCue knows: a token's bit spares the
// map look-up of the others.
var kindOfCueWords = func() map[string]bool {
	m := make(map[string]bool, len(kindOfCue))
	for w := range kindOfCue {
		m[w] = true
	}
	return m
}()

const (
	setAdverb uint32 = 1 << iota
	setOpener
	setContrastive
	setPrepING
	setPast
	setModal
	setDet
	setNegation
	setBe
	setPronoun
	setFinding
	setRelative
	setSpeakerOpener // openers, not clauseOpeners (setOpener)
	setRole
	setRaising
	setState
	setParticiple
	setDocument
	setSpeechComplement
	setHandCue
	setTime
	setWeekday
	setKindOfCue // a key of kindOfCue
)

// in reports whether token i's lower-case word is in inSets[set]: the
// map look-up, answered from the per-token cache.
func (st *state) in(i int, set uint32) bool { return st.info(i).sets&set != 0 }

var wordInfos = map[string]wordInfo{}

func init() { // after lexicon.go's init (file order): cues are loaded
	for w, c := range cues {
		wordInfos[w] = wordInfo{kind: 'c', cue: c}
	}
	if theCueModel != nil {
		for w := range theCueModel.heads {
			wi := wordInfos[w]
			wi.head = true
			wordInfos[w] = wi
		}
	}
	for w, p := range learnedP {
		wi := wordInfos[w]
		wi.lp = byte(p * 20)
		wordInfos[w] = wi
	}
	for _, m := range []struct {
		set  map[string]bool
		kind byte
	}{{dets, 'd'}, {pronouns, 'p'}} {
		for w := range m.set {
			wi := wordInfos[w]
			wi.kind = m.kind
			wordInfos[w] = wi
		}
	}
	for w := range stops {
		wi := wordInfos[w]
		wi.stop = true
		wordInfos[w] = wi
	}
	for set, words := range inSets {
		for w, ok := range words {
			if ok {
				wi := wordInfos[w]
				wi.sets |= set
				wordInfos[w] = wi
			}
		}
	}
	for _, w := range []string{"that", "to"} {
		wi := wordInfos[w]
		wi.kind = map[string]byte{"that": 't', "to": 'o'}[w]
		wordInfos[w] = wi
	}
	buildCueTables(theCueModel) // cuescore.go
	wordTab = newWordTable(wordInfos)
}

var wordTab *wordTable // wordInfos for look-ups on the hot path (cuescore.go)

// kindOf is a coarse class of token i: pronoun, determiner, capitalised,
// "that", "to", a quote mark, comma, colon, other punctuation, a cue, other
// word; 'B' outside [lo, hi). Computed once per token.
func (st *state) kindOf(i, lo, hi int) byte {
	if i < lo || i >= hi {
		return 'B'
	}
	if k := st.kinds[i]; k != 0 {
		return k // (asked again; prepare made st.memo)
	}
	return st.kindMemo(i)
}

// kindMemo is kindOf computed the first time.
func (st *state) kindMemo(i int) byte {
	m := st.cueMemo()
	if k := m.kinds[i]; k != 0 {
		return k
	}
	k := st.kindNow(i)
	m.kinds[i] = k
	return k
}

// cueMemo caches per token what the cue model asks of it more than once.
type cueMemo struct {
	kinds []byte     // kindOf, 0 until asked
	hash  []uint64   // hash of the lower-case word, 0 until asked
	infos []wordInfo // wordInfos of the lower-case word, known once asked
}

var memoPool = sync.Pool{New: func() any { return new(cueMemo) }}

func (st *state) cueMemo() *cueMemo {
	if st.memo != nil {
		return st.memo
	}
	return st.newMemo()
}

func (st *state) newMemo() *cueMemo {
	if st.memo == nil {
		n := len(st.toks)
		m := memoPool.Get().(*cueMemo)
		if cap(m.kinds) < n {
			m.kinds, m.hash, m.infos = make([]byte, n), make([]uint64, n), make([]wordInfo, n)
		}
		m.kinds, m.hash, m.infos = m.kinds[:n], m.hash[:n], m.infos[:n]
		clear(m.kinds)
		clear(m.hash)
		clear(m.infos)
		st.memo = m
		st.kinds, st.hashes, st.infos = m.kinds, m.hash, m.infos
	}
	return st.memo
}

// info returns wordInfos of word token i, looked up once per token.
func (st *state) info(i int) wordInfo {
	if wi := st.infos[i]; wi.known {
		return wi // (inlined: asked again; prepare made st.memo)
	}
	return st.lookInfo(i)
}

// lookInfo is info looked up the first time.
func (st *state) lookInfo(i int) wordInfo {
	m := st.cueMemo()
	w := st.low(i)
	h := hstr(fnvOff, w)
	if m.hash[i] == 0 && st.mark(i) == 0 {
		m.hash[i] = h // what wordHash computes of a token that is no quote mark
	}
	wi := wordTab.getHashed(w, h)
	wi.known = true
	m.infos[i] = wi
	return wi
}

// releaseMemo gives the document's cache back for the next one.
func (st *state) releaseMemo() {
	if st.memo != nil {
		memoPool.Put(st.memo)
		st.memo = nil
		st.kinds, st.hashes, st.infos = nil, nil, nil
	}
}

var hBOS, hEOS, hQuote = hstr(fnvOff, "<s>"), hstr(fnvOff, "</s>"), hstr(fnvOff, "<q>")

// wordHash is the hash of wordAt(i, lo, hi), computed once per token.
func (st *state) wordHash(i, lo, hi int) uint64 {
	if i >= lo && i < hi {
		if h := st.hashes[i]; h != 0 {
			return h // (asked again; prepare made st.memo)
		}
	}
	return st.hashMemo(i, lo, hi)
}

// hashMemo is wordHash computed the first time.
func (st *state) hashMemo(i, lo, hi int) uint64 {
	switch {
	case i < lo:
		return hBOS
	case i >= hi:
		return hEOS
	}
	m := st.cueMemo()
	h := hQuote
	if st.mark(i) == 0 {
		h = hstr(fnvOff, st.low(i))
	}
	m.hash[i] = h
	return h
}

// mix combines a feature's parts (a template, hashes, small values).
func mix(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ b
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	return h ^ h>>32
}

func (st *state) kindNow(i int) byte {
	if st.toks[i].Kind == verbatim.Punct {
		switch {
		case st.markOf(i) != 0:
			return 'Q'
		case st.tok(i) == ",":
			return ','
		case st.tok(i) == ":":
			return ':'
		}
		return '.'
	}
	k := st.info(i).kind
	switch {
	case k == 't' || k == 'o' || k == 'p' || k == 'd':
		return k
	case st.isCap(i):
		return 'C'
	case k == 'c':
		return 'c'
	}
	return 'w'
}

// cueFeatures fills fs with the hashed features of token k.
func (st *state) cueFeatures(k int, wi wordInfo, fs *[nCueFeats]uint64) []uint64 {
	lo, hi := st.sentence(k)
	w0 := st.low(k)
	h0 := st.wordHash(k, lo, hi)
	hm1, hp1 := st.wordHash(k-1, lo, hi), st.wordHash(k+1, lo, hi)
	hm2, hp2 := st.wordHash(k-2, lo, hi), st.wordHash(k+2, lo, hi)
	km1, kp1 := uint64(st.kindOf(k-1, lo, hi)), uint64(st.kindOf(k+1, lo, hi))
	km2, kp2 := uint64(st.kindOf(k-2, lo, hi)), uint64(st.kindOf(k+2, lo, hi))
	suf := w0
	if len(suf) > 3 {
		suf = suf[len(suf)-3:]
	}
	hs := hstr(fnvOff, suf)
	// is there a subject-like word (pronoun, name) in the 4 words before?
	var subj uint64 = '-'
	for i := k - 1; i >= lo && i >= k-4; i-- {
		if c := st.kindOf(i, lo, hi); c == 'p' || c == 'C' {
			subj = uint64(c)
			break
		}
	}
	lp := uint64(wi.lp)
	pos := uint64(k - lo)
	if pos > 6 {
		pos = 6
	}
	f := fs[:0]
	f = append(f,
		mix(0, 0),
		mix(1, h0),
		mix(2, hm1),
		mix(3, hp1),
		mix(mix(4, hm1), h0),
		mix(mix(5, h0), hp1),
		mix(6, hm2),
		mix(7, hp2),
		mix(8, hs),
		mix(9, km1<<8|kp1),
		mix(10, km2<<24|km1<<16|kp1<<8|kp2),
		mix(mix(11, h0), kp1),
		mix(mix(12, h0), km1),
		mix(13, subj<<8|kp1),
		mix(14, lp),
		mix(15, lp<<8|kp1),
		mix(16, pos<<8|subj),
		mix(mix(17, hs), kp1),
		mix(18, uint64(wi.cue)),
	)
	return f
}

// readWeights reads a gzipped model file as the quotes stage writes them:
// the magic line, the table's size in bits (uint32), nhead float32 header
// values (thresholds), 1<<bits float32 weights, all little-endian, and
// whatever follows (returned as tail).
func readWeights(r io.Reader, magic string, nhead int) (bits uint, head, w []float32, tail []byte, err error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return 0, nil, nil, nil, err
	}
	defer zr.Close()
	b, err := sized.ReadAll(zr, int64(gzipSize(r)), math.MaxInt64)
	if err != nil {
		return 0, nil, nil, nil, err
	}
	if !bytes.HasPrefix(b, []byte(magic)) || len(b) < len(magic)+4+4*nhead {
		return 0, nil, nil, nil, errors.New("not a model of this kind")
	}
	b = b[len(magic):]
	bits = uint(binary.LittleEndian.Uint32(b))
	b = b[4:]
	head = make([]float32, nhead)
	for i := range head {
		head[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	b = b[4*nhead:]
	if bits < 8 || bits > 24 || len(b) < 4<<bits {
		return 0, nil, nil, nil, errors.New("model size")
	}
	w = make([]float32, 1<<bits)
	decodeFloats(w, b[:4<<bits])
	return bits, head, w, b[4<<bits:], nil
}

// gzipSize returns the uncompressed size a gzip stream read from r records
// in its last four bytes (ISIZE), when r can tell its size and read there
// (an embedded model: bytes.Reader), else 0. It is only a hint.
func gzipSize(r io.Reader) int {
	ra, ok := r.(interface {
		io.ReaderAt
		Size() int64
	})
	if !ok || ra.Size() < 4 {
		return 0
	}
	var t [4]byte
	if _, err := ra.ReadAt(t[:], ra.Size()-4); err != nil {
		return 0
	}
	return int(min(binary.LittleEndian.Uint32(t[:]), 1<<28))
}

// littleEndian: the host stores a float32 as the model files do.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// decodeFloats fills w from the little-endian float32s of b (4*len(w)
// bytes): one copy on a little-endian host, where decoding them one by one
// cost 6.5 M instructions of the cue model's start-up.
func decodeFloats(w []float32, b []byte) {
	if littleEndian && len(w) > 0 {
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&w[0])), 4*len(w)), b)
		return
	}
	decodeFloatsPlain(w, b)
}

// decodeFloatsPlain is decodeFloats one float at a time (tests compare them).
func decodeFloatsPlain(w []float32, b []byte) {
	for i := range w {
		w[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
}
