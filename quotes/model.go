package quotes

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"io"
	"math"

	"github.com/verbatim-news/verbatim"
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
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(b, []byte(cueModelMagic)) || len(b) < len(cueModelMagic)+12 {
		return nil, errors.New("quotes: not a cue model")
	}
	b = b[len(cueModelMagic):]
	m := &cueModel{bits: uint(binary.LittleEndian.Uint32(b))}
	m.thr = math.Float32frombits(binary.LittleEndian.Uint32(b[4:]))
	m.objTh = math.Float32frombits(binary.LittleEndian.Uint32(b[8:]))
	b = b[12:]
	if m.bits < 8 || m.bits > 24 || len(b) != 4<<m.bits {
		return nil, errors.New("quotes: cue model size")
	}
	m.w = make([]float32, 1<<m.bits)
	for i := range m.w {
		m.w[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return m, nil
}

func (m *cueModel) write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
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
	if _, err := zw.Write(buf); err != nil {
		return err
	}
	return zw.Close()
}

// modelCue returns the cue class the model gives the word at token k, 0 when
// it is no cue. Only words the lexicons do not know are asked.
func (st *state) modelCue(k int) uint8 {
	m := theCueModel
	if m == nil || !st.cueCandidate(k) {
		return 0
	}
	var fs [nCueFeats]uint64
	s := m.score(st.cueFeatures(k, &fs))
	switch {
	case s >= m.objTh:
		return cueWeak | cueLoose | cueObject
	case s >= m.thr:
		return cueWeak | cueLoose
	}
	return 0
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
func (st *state) cueCandidate(k int) bool {
	if !st.isWord(k) || st.inQ[k] >= 0 || st.toks[k].Kind != verbatim.Word {
		return false
	}
	w := st.low(k)
	return len(w) >= 3 && !stops[w] && !st.capMid(k) && w != "according"
}

const nCueFeats = 18

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

func hb(h uint64, b byte) uint64 {
	h ^= uint64(b)
	h *= fnvPrime
	return h
}

func ftmpl(id byte) uint64 { return hb(fnvOff, id) }

// wordAt is token i lower-cased, or a boundary symbol outside [lo, hi).
func (st *state) wordAt(i, lo, hi int) string {
	if i < lo {
		return "<s>"
	}
	if i >= hi {
		return "</s>"
	}
	if st.mark(i) != 0 {
		return "<q>"
	}
	return st.low(i)
}

// wordInfo is what the lexicons say of a lower-case word, in one look-up:
// its coarse class for kindOf and its learned P(cue|word) in 20ths.
type wordInfo struct{ kind, lp byte }

var wordInfos = map[string]wordInfo{}

func init() { // after lexicon.go's init (file order): cues are loaded
	for w := range cues {
		wordInfos[w] = wordInfo{kind: 'c'}
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
	for _, w := range []string{"that", "to"} {
		wi := wordInfos[w]
		wi.kind = map[string]byte{"that": 't', "to": 'o'}[w]
		wordInfos[w] = wi
	}
}

// kindOf is a coarse class of token i: pronoun, determiner, capitalised,
// "that", "to", a quote mark, comma, colon, other punctuation, a cue, other
// word; 'B' outside [lo, hi). Computed once per token.
func (st *state) kindOf(i, lo, hi int) byte {
	if i < lo || i >= hi {
		return 'B'
	}
	if st.kinds == nil {
		st.kinds = make([]byte, len(st.toks))
	}
	if k := st.kinds[i]; k != 0 {
		return k
	}
	k := st.kindNow(i)
	st.kinds[i] = k
	return k
}

func (st *state) kindNow(i int) byte {
	switch {
	case st.mark(i) != 0:
		return 'Q'
	case st.isPunct(i, ","):
		return ','
	case st.isPunct(i, ":"):
		return ':'
	case !st.isWord(i):
		return '.'
	}
	k := wordInfos[st.low(i)].kind
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
func (st *state) cueFeatures(k int, fs *[nCueFeats]uint64) []uint64 {
	lo, hi := st.sentence(k)
	w0 := st.low(k)
	wm1, wp1 := st.wordAt(k-1, lo, hi), st.wordAt(k+1, lo, hi)
	wm2, wp2 := st.wordAt(k-2, lo, hi), st.wordAt(k+2, lo, hi)
	km1, kp1 := st.kindOf(k-1, lo, hi), st.kindOf(k+1, lo, hi)
	km2, kp2 := st.kindOf(k-2, lo, hi), st.kindOf(k+2, lo, hi)
	suf := w0
	if len(suf) > 3 {
		suf = suf[len(suf)-3:]
	}
	// is there a subject-like word (pronoun, name) in the 4 words before?
	var subj byte = '-'
	for i := k - 1; i >= lo && i >= k-4; i-- {
		if c := st.kindOf(i, lo, hi); c == 'p' || c == 'C' {
			subj = c
			break
		}
	}
	lp := wordInfos[w0].lp
	pos := byte(k - lo)
	if pos > 6 {
		pos = 6
	}
	f := fs[:0]
	f = append(f,
		ftmpl(0),
		hstr(ftmpl(1), w0),
		hstr(ftmpl(2), wm1),
		hstr(ftmpl(3), wp1),
		hstr(hb(hstr(ftmpl(4), wm1), ' '), w0),
		hstr(hb(hstr(ftmpl(5), w0), ' '), wp1),
		hstr(ftmpl(6), wm2),
		hstr(ftmpl(7), wp2),
		hstr(ftmpl(8), suf),
		hb(hb(ftmpl(9), km1), kp1),
		hb(hb(hb(hb(ftmpl(10), km2), km1), kp1), kp2),
		hb(hstr(ftmpl(11), w0), kp1),
		hb(hstr(ftmpl(12), w0), km1),
		hb(hb(ftmpl(13), subj), kp1),
		hb(ftmpl(14), lp),
		hb(hb(ftmpl(15), lp), kp1),
		hb(hb(ftmpl(16), pos), subj),
		hb(hstr(ftmpl(17), suf), kp1),
	)
	return f
}
