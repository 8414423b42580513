package names

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"math/bits"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// The tagger is a greedy averaged perceptron over BIO labels with hashed
// features (word, shape, affixes, a ±2 window, previous labels, gazetteers,
// document-level case evidence). It is trained by `verbatim train ner` on
// CoNLL-2003 and embedded (int16 weights, only the nonzero rows). Tokens that cannot
// start a name are not scored (sentFeats.skip).

// labels of the tagger; index 0 is O.
var labels = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

const nLabels = 9

// labelType maps label index to its entity type.
func labelType(l int) verbatim.EntityType {
	switch (l + 1) / 2 {
	case 1:
		return verbatim.Person
	case 2:
		return verbatim.Organization
	case 3:
		return verbatim.Place
	case 4:
		return verbatim.Misc
	}
	return ""
}

// validAfter reports whether label l may follow label p (I-X only after B-X or I-X).
func validAfter(p, l int) bool {
	if l == 0 || l%2 == 1 {
		return true
	}
	return p == l || p == l-1
}

const modelMagic = "VBNER3" // 2: features mixed from word hashes (features.go); 3: only the nonzero rows

//go:embed ner.model.gz
var embeddedModel []byte

// tagger is the trained sequence tagger.
type tagger struct {
	bits    uint
	shift   uint      // a feature's row is its hash's top bits: h >> shift
	weights []float32 // (1<<bits) * nLabels, while training
	q       []int16   // the same, quantised (tests; compact replaces it)

	// The quantised weights used for tagging, as read from a model file
	// (see compact): only the rows with a nonzero weight, found through a
	// bitmap with per-word ranks.
	nz    []nzWord  // bitmap of the nonzero rows, 64 rows per word
	rows  []byte    // a zero row, then the nonzero rows in row order (rowBytes each, see compact)
	scale float32   // q[i]*scale is the weight
	lab   *labTable // sums of the bias and label features (fastscore.go)
	gz    *gzTables // sums of the gazetteer and place class features (fastscore.go)
}

var (
	modelOnce sync.Once
	theModel  *tagger
)

// model returns the embedded trained tagger (loaded once), or nil when
// none is embedded or it cannot be read.
func model() *tagger {
	modelOnce.Do(func() {
		if len(embeddedModel) == 0 {
			return
		}
		t, err := readModel(bytes.NewReader(embeddedModel))
		if err == nil {
			theModel = t
		}
	})
	return theModel
}

func newTagger(bits uint) *tagger {
	return &tagger{bits: bits, shift: 64 - bits, weights: make([]float32, (1<<bits)*nLabels)}
}

// write stores the weights quantised to int16, in a gzip stream, in the
// compact form the tagger uses: a bitmap of the rows with a nonzero weight
// (one little-endian uint64 per 64 rows), then those rows, nLabels int16
// each. Reading it back is a copy (the dense table would be 9 MB, 82 %
// zeros) straight into the tagger's tables. The gzip stream is stored, not
// compressed (1.8 MB instead of 0.5 MB; git compresses it anyway): inflating
// took 7 ms of every process's start, 3 µs per BBC article of an extract.
func (t *tagger) write(w io.Writer) error {
	var mx float32
	for _, v := range t.weights {
		mx = max(mx, float32(math.Abs(float64(v))))
	}
	scale := mx / 32767
	if scale == 0 {
		scale = 1
	}
	zw, _ := gzip.NewWriterLevel(w, gzip.NoCompression)
	hdr := make([]byte, 0, 16)
	hdr = append(hdr, modelMagic...)
	hdr = append(hdr, byte(t.bits))
	hdr = binary.LittleEndian.AppendUint32(hdr, math.Float32bits(scale))
	if _, err := zw.Write(hdr); err != nil {
		return err
	}
	n := len(t.weights) / nLabels
	bitmap := make([]uint64, (n+63)/64)
	var rows []byte
	var row [nLabels]int16
	for r := range n {
		nonzero := false
		for l := range nLabels {
			row[l] = int16(math.Round(float64(t.weights[r*nLabels+l] / scale)))
			nonzero = nonzero || row[l] != 0
		}
		if nonzero {
			bitmap[r>>6] |= 1 << (r & 63)
			for _, v := range row {
				rows = binary.LittleEndian.AppendUint16(rows, uint16(v))
			}
		}
	}
	buf := make([]byte, 0, 8*len(bitmap)+len(rows))
	for _, x := range bitmap {
		buf = binary.LittleEndian.AppendUint64(buf, x)
	}
	if _, err := zw.Write(append(buf, rows...)); err != nil {
		return err
	}
	return zw.Close()
}

// readModel reads a model written by write into the compact tables.
func readModel(r io.Reader) (*tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	hdr := make([]byte, len(modelMagic)+5)
	if _, err := io.ReadFull(zr, hdr); err != nil {
		return nil, err
	}
	if string(hdr[:len(modelMagic)]) != modelMagic {
		return nil, errors.New("names: not a tagger model")
	}
	nbits := uint(hdr[len(modelMagic)])
	if nbits < 8 || nbits > 26 {
		return nil, errors.New("names: bad model size")
	}
	scale := math.Float32frombits(binary.LittleEndian.Uint32(hdr[len(modelMagic)+1:]))
	t := &tagger{bits: nbits, shift: 64 - nbits, scale: scale, nz: make([]nzWord, ((1<<nbits)+63)/64)}
	buf := make([]byte, 8*len(t.nz))
	if _, err := io.ReadFull(zr, buf); err != nil {
		return nil, err
	}
	var c uint64
	for k := range t.nz {
		t.nz[k] = nzWord{bits: binary.LittleEndian.Uint64(buf[8*k:]), rank: c}
		c += uint64(bits.OnesCount64(t.nz[k].bits))
	}
	t.rows = make([]byte, rowBytes*(1+c))
	if _, err := io.ReadFull(zr, t.rows[rowBytes:]); err != nil {
		return nil, err
	}
	if n, _ := zr.Read(buf[:1]); n != 0 {
		return nil, errors.New("names: model longer than its bitmap")
	}
	biasRows(t.rows)
	t.prepareFast()
	return t, nil
}

// biasRows adds the bias of compact's rows to the little-endian 16-bit
// weights of rows (flips their top bits), eight bytes at a time.
func biasRows(rows []byte) {
	i := 0
	for ; i+8 <= len(rows); i += 8 {
		x := binary.LittleEndian.Uint64(rows[i:])
		binary.LittleEndian.PutUint64(rows[i:], x^0x8000800080008000)
	}
	for ; i+1 < len(rows); i += 2 {
		rows[i+1] ^= 0x80
	}
}

// quantum returns weight i (row i/nLabels, label i%nLabels) of the
// compact tables, in quanta of t.scale.
func (t *tagger) quantum(i int) int16 {
	r := uint64(i / nLabels)
	e := t.nz[r>>6]
	if e.bits>>(r&63)&1 == 0 {
		return 0
	}
	k := e.rank + uint64(bits.OnesCount64(e.bits&(1<<(r&63)-1))) + 1
	return int16(binary.LittleEndian.Uint16(t.rows[k*rowBytes+uint64(2*(i%nLabels)):]) ^ 0x8000)
}

// nzWord is one word of the bitmap of nonzero rows with its rank, side by
// side so that a look-up reads one cache line.
type nzWord struct {
	bits uint64 // bit j is set when row 64k+j has a nonzero weight
	rank uint64 // number of nonzero rows before row 64k
}

// rowBytes is the size of a compact row: nLabels weights of 16 bits.
const rowBytes = 2 * nLabels

// compact replaces the quantised table q by its nonzero rows, addressed
// through a rank bitmap: 82 % of the 2^19 hashed rows of the trained model
// are zero, and reading the dense table (9 MB) costs a cache miss per
// feature; the compact one is 1.7 MB (95 k rows), its bitmap 128 KB.
// A weight is stored biased (q+32768, little-endian 16 bits) so that score
// can add four of them at once in two 64-bit words. Scores are unchanged.
func (t *tagger) compact() {
	n := len(t.q) / nLabels
	t.nz = make([]nzWord, (n+63)/64)
	rows := make([]byte, 0, rowBytes*(1+n/8))
	rows = appendRow(rows, make([]int16, nLabels)) // row 0: the zero row
	for r := 0; r < n; r++ {
		row := t.q[r*nLabels : (r+1)*nLabels]
		for _, v := range row {
			if v != 0 {
				t.nz[r>>6].bits |= 1 << (r & 63)
				rows = appendRow(rows, row)
				break
			}
		}
	}
	var c uint64
	for k := range t.nz {
		t.nz[k].rank = c
		c += uint64(bits.OnesCount64(t.nz[k].bits))
	}
	t.rows = slices.Clip(rows)
	t.q = nil
	t.prepareFast()
}

// appendRow appends the weights of row biased by 32768.
func appendRow(dst []byte, row []int16) []byte {
	for _, v := range row {
		dst = binary.LittleEndian.AppendUint16(dst, uint16(v)^0x8000)
	}
	return dst
}

// maxFeats bounds the features of one token that score looks up at once
// (features appends at most 33).
const maxFeats = 64

// score adds the weights of feats into sc.
// Quantised models sum integers: the common scale does not change the
// best label.
func (t *tagger) score(feats []uint64, sc *[nLabels]float32) {
	*sc = [nLabels]float32{}
	if t.rows != nil {
		var acc [nLabels]int32
		for len(feats) > maxFeats {
			t.sumRows(feats[:maxFeats], &acc)
			feats = feats[maxFeats:]
		}
		t.sumRows(feats, &acc)
		for l := range nLabels {
			sc[l] = float32(acc[l])
		}
		return
	}
	if t.q != nil {
		var acc [nLabels]int32
		for _, h := range feats {
			row := t.q[(h>>t.shift)*nLabels:][:nLabels]
			for l := range nLabels {
				acc[l] += int32(row[l])
			}
		}
		for l := range nLabels {
			sc[l] = float32(acc[l])
		}
		return
	}
	for _, h := range feats {
		row := t.weights[(h>>t.shift)*nLabels:][:nLabels]
		for l := range nLabels {
			sc[l] += row[l]
		}
	}
}

// best returns the best label valid after p.
func best(sc *[nLabels]float32, p int) int {
	b := 0
	for l := 1; l < nLabels; l++ {
		if validAfter(p, l) && sc[l] > sc[b] {
			b = l
		}
	}
	return b
}

// tagSentence labels one prepared sentence greedily into out.
func (t *tagger) tagSentence(f *sentFeats, out []int, feats []uint64) []uint64 {
	p1, p2 := 0, 0
	var sc [nLabels]float32
	for i := range f.n {
		if f.skip(i, p1) {
			out[i] = 0
			p2, p1 = p1, 0
			continue
		}
		feats = f.features(i, p1, p2, feats[:0])
		t.score(feats, &sc)
		l := best(&sc, p1)
		out[i] = l
		p2, p1 = p1, l
	}
	return feats
}

// spanBuf holds the buffers of spans, reused across documents.
type spanBuf struct {
	lc    hashSet
	f     sentFeats
	words []string
	out   []int
	feats []uint64
	wc    wordCache
}

var spanBufs = sync.Pool{New: func() any { return &spanBuf{} }}

// spans tags the document's sentences and appends its typed names to res.
func (t *tagger) spans(d *verbatim.Doc, res []tokSpan) []tokSpan {
	res, _, _ = t.spansGaz(d, res, nil)
	return res
}

// spansGaz is spans that also appends to gz the gazetteer phrases of the
// document fixSpans wants (gazPhrase), found as the features were
// prepared; found is false when some sentence was not tagged.
func (t *tagger) spansGaz(d *verbatim.Doc, res, gz []tokSpan) (_, _ []tokSpan, found bool) {
	found = true
	b := spanBufs.Get().(*spanBuf)
	defer func() {
		b.lc.reset()
		spanBufs.Put(b)
	}()
	lc := &b.lc
	lowerWords(d, lc)
	if b.f.info == nil {
		b.f.info = newInfoCache()
	}
	f, words, out, feats := &b.f, b.words, b.out, b.feats
	defer func() { b.words, b.out, b.feats = words[:0], out[:0], feats[:0] }()
	for _, s := range d.Sentences {
		if s.Last <= s.First || s.Last > len(d.Tokens) {
			found = found && s.Last <= s.First
			continue
		}
		words = words[:0]
		for i := s.First; i < s.Last; i++ {
			words = append(words, tokText(d, i))
		}
		f.prepare(words, lc)
		if cap(out) < len(words) {
			out = make([]int, len(words))
		}
		out = out[:len(words)]
		if t.lab != nil {
			feats = t.tagFast(f, out, feats, &b.wc)
		} else {
			feats = t.tagSentence(f, out, feats)
		}
		res = appendSpans(res, out, s.First)
		gz = f.appendPhrases(gz, s.First)
	}
	return res, gz, found
}

// lowerWords puts into lc the hashes of the words of d that do not start
// upper-case, as far as prepare asks: lc is asked only for the lower-cased
// forms of capitalised words (tokSeenLC), so a word is hashed only when a
// capitalised word has its length, first letter and last letter (every
// word when a capitalised word is not ASCII): on BBC, 51 k distinct words
// per document summed, where length and first letter let 98 k through.
func lowerWords(d *verbatim.Doc, lc *hashSet) {
	var marks, lasts [64]uint32 // by length: bit c-'a' for a first (last) letter c
	all := false
	clean, toks := d.Clean, d.Tokens
	for i := range toks {
		s, e := toks[i].Start, toks[i].End
		if s >= e {
			continue
		}
		// startsUpper, inlined: an ASCII first letter is read here
		if c := clean[s]; c < utf8.RuneSelf {
			if c-'A' >= 26 {
				continue
			}
		} else if !isCapRune(clean[s:e]) {
			continue
		}
		w := clean[s:e]
		if !isASCII(w) {
			all = true
			break
		}
		n := min(len(w), 63)
		marks[n] |= 1 << (w[0] - 'A')
		lasts[n] |= lastBit(w[len(w)-1] | 0x20)
	}
	for i := range toks {
		tk := &toks[i]
		if tk.Kind != verbatim.Word || tk.Start >= tk.End {
			continue
		}
		w := clean[tk.Start:tk.End]
		if c := w[0] - 'a'; c < 26 {
			// a lower-case ASCII letter: not startsUpper
			n := min(len(w), 63)
			if all || marks[n]&(1<<c) != 0 && lasts[n]&lastBit(w[len(w)-1]) != 0 {
				lc.put(hashWord(w), 1)
			}
		} else if all && !startsUpper(w) {
			lc.put(hashWord(w), 1)
		}
	}
}

// lastBit returns the bit of lowerWords' last letters for byte c: c-'a'
// for a lower-case letter, else bit 26 (any other byte; an upper-case
// letter lowered by |0x20 lands among the letters or there too).
func lastBit(c byte) uint32 {
	if c >= 'a' && c <= 'z' {
		return 1 << (c - 'a')
	}
	return 1 << 26
}

// appendSpans converts BIO labels (of tokens starting at off) to spans.
func appendSpans(dst []tokSpan, out []int, off int) []tokSpan {
	start, typ := -1, 0
	for i := 0; i <= len(out); i++ {
		l := 0
		if i < len(out) {
			l = out[i]
		}
		if start >= 0 && (l == 0 || l%2 == 1 || (l+1)/2 != typ) {
			dst = append(dst, tokSpan{off + start, off + i, labelType(typ*2 - 1)})
			start = -1
		}
		if l != 0 && start < 0 {
			start, typ = i, (l+1)/2
		}
	}
	return dst
}
