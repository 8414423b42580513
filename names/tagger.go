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
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// The tagger is a greedy averaged perceptron over BIO labels with hashed
// features (word, shape, affixes, a ±2 window, previous labels, gazetteers,
// document-level case evidence). It is trained by `verbatim train ner` on
// CoNLL-2003 and embedded compressed (int16 weights).

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

const modelMagic = "VBNER1"

//go:embed ner.model.gz
var embeddedModel []byte

// tagger is the trained sequence tagger.
type tagger struct {
	bits    uint
	mask    uint64
	weights []float32 // (1<<bits) * nLabels, while training
	q       []int16   // the same, quantised, once read from a model file

	// The compact form of q used for tagging (see compact): only its rows
	// with a nonzero weight, found through a bitmap with per-word ranks.
	nzBits []uint64 // bit r is set when row r has a nonzero weight
	nzRank []uint32 // number of set bits in nzBits before word k
	rows   []int16  // the nonzero rows, nLabels weights each, in row order
	scale  float32  // q[i]*scale is the weight
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
			t.compact()
			theModel = t
		}
	})
	return theModel
}

func newTagger(bits uint) *tagger {
	return &tagger{bits: bits, mask: 1<<bits - 1, weights: make([]float32, (1<<bits)*nLabels)}
}

// writeModel stores the weights quantised to int16, gzip-compressed.
func (t *tagger) write(w io.Writer) error {
	var mx float32
	for _, v := range t.weights {
		mx = max(mx, float32(math.Abs(float64(v))))
	}
	scale := mx / 32767
	if scale == 0 {
		scale = 1
	}
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	hdr := make([]byte, 0, 16)
	hdr = append(hdr, modelMagic...)
	hdr = append(hdr, byte(t.bits))
	hdr = binary.LittleEndian.AppendUint32(hdr, math.Float32bits(scale))
	if _, err := zw.Write(hdr); err != nil {
		return err
	}
	buf := make([]byte, 2*len(t.weights))
	for i, v := range t.weights {
		binary.LittleEndian.PutUint16(buf[2*i:], uint16(int16(math.Round(float64(v/scale)))))
	}
	if _, err := zw.Write(buf); err != nil {
		return err
	}
	return zw.Close()
}

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
	bits := uint(hdr[len(modelMagic)])
	if bits < 8 || bits > 26 {
		return nil, errors.New("names: bad model size")
	}
	scale := math.Float32frombits(binary.LittleEndian.Uint32(hdr[len(modelMagic)+1:]))
	t := &tagger{bits: bits, mask: 1<<bits - 1, q: make([]int16, (1<<bits)*nLabels), scale: scale}
	buf := make([]byte, 2*len(t.q))
	if _, err := io.ReadFull(zr, buf); err != nil {
		return nil, err
	}
	for i := range t.q {
		t.q[i] = int16(binary.LittleEndian.Uint16(buf[2*i:]))
	}
	return t, nil
}

// sentFeats holds the per-token observations of one sentence.
type sentFeats struct {
	words  []string
	lower  []string
	shapes []string
	gaz    []uint8 // gazetteer tag: 0 none, else type*2-1 (begin) or type*2 (inside)
	seenLC []bool  // capitalised word seen lower-case elsewhere in the document
	upper  bool    // a headline in capitals: most letters upper-case
	lex    []uint8 // lexicon flags of the lower-cased words
	plain  []bool  // no upper-case letter and no digit: O unless inside a name
}

// Lexicon flags of a lower-case word, looked up once per token.
const (
	lexFirst = 1 << iota // a first name of known gender
	lexHead              // a role head ("president")
	lexRole              // a role word ("foreign")
	lexHonor             // an honorific ("mr")
	lexOrg               // a word ending organisation names ("party")
	lexStop              // a function word
)

var lexFlags = map[string]uint8{}

// initLexFlags is called by the lexicon's init once the word lists are read.
func initLexFlags() {
	add := func(w string, f uint8) { lexFlags[w] |= f }
	for w := range male {
		if genderOfFirst(w) != 0 {
			add(w, lexFirst)
		}
	}
	for w := range female {
		if genderOfFirst(w) != 0 {
			add(w, lexFirst)
		}
	}
	for w := range roleHeads {
		add(w, lexHead)
	}
	for w := range roleWords {
		add(w, lexRole)
	}
	for w, g := range honorifics {
		if g != 0 {
			add(w, lexHonor)
		}
	}
	for w := range orgWords {
		add(w, lexOrg)
	}
	for w := range stopWords {
		add(w, lexStop)
	}
}

// shape maps a word to a compressed character-class shape ("Xx", "X.X.", "d-d").
func shape(w string, buf []byte) []byte {
	buf = buf[:0]
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			if r < utf8.RuneSelf {
				c = byte(r)
			} else {
				c = '*'
			}
		}
		if c != last || (c != 'x' && c != 'd' && c != 'X') {
			buf = append(buf, c)
		}
		last = c
	}
	return buf
}

var gazTypeCode = map[verbatim.EntityType]uint8{verbatim.Person: 1, verbatim.Organization: 2, verbatim.Place: 3, verbatim.Group: 4, verbatim.Misc: 5}

// prepare fills the per-token observations of a sentence.
func (f *sentFeats) prepare(words []string, lcDoc map[string]bool) {
	n := len(words)
	f.words = words
	f.lower = resizeS(f.lower, n)
	f.shapes = resizeS(f.shapes, n)
	f.gaz = resizeB(f.gaz, n)
	f.seenLC = resizeBool(f.seenLC, n)
	f.lex = resizeB(f.lex, n)
	f.plain = resizeBool(f.plain, n)
	var buf []byte
	for i, w := range words {
		f.lower[i] = lowerASCII(w)
		f.lex[i] = lexFlags[f.lower[i]]
		buf = shape(w, buf)
		f.shapes[i] = internShape(buf)
		f.seenLC[i] = lcDoc != nil && isCap(w) && lcDoc[f.lower[i]]
		f.plain[i] = isPlain(w)
	}
	for i := range n {
		f.gaz[i] = 0
	}
	up, lo := 0, 0
	for _, w := range words {
		for j := 0; j < len(w); j++ {
			if c := w[j]; 'A' <= c && c <= 'Z' {
				up++
			} else if 'a' <= c && c <= 'z' {
				lo++
			}
		}
	}
	f.upper = up > 2*lo && up > 3
	for i := 0; i < n; {
		if !isCap(words[i]) {
			i++
			continue
		}
		if !strings.Contains(words[i], " ") && !gazFirst()[words[i]] {
			i++ // no gazetteer name starts with this word: skip the joins
			continue
		}
		adv := 1
		for k := min(gazMaxTokens, n-i); k >= 1; k-- {
			buf = buf[:0]
			for j := i; j < i+k; j++ {
				if j > i {
					buf = append(buf, ' ')
				}
				buf = append(buf, words[j]...)
			}
			if e, ok := gaz[string(buf)]; ok {
				c := gazTypeCode[e.Type]
				f.gaz[i] = c*2 - 1
				for j := i + 1; j < i+k; j++ {
					f.gaz[j] = c * 2
				}
				adv = k
				break
			}
		}
		i += adv
	}
}

// gazFirst is the set of first words (up to the first space) of the
// gazetteer's names, built once after the lexicons are loaded: a word
// outside it starts no gazetteer name.
var gazFirst = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, len(gaz))
	for k := range gaz {
		if i := strings.IndexByte(k, ' '); i >= 0 {
			k = k[:i]
		}
		m[k] = true
	}
	return m
})

var (
	shapeMu    sync.RWMutex
	shapeTable = map[string]string{}
)

// internShape returns a shared string for a shape (shapes repeat a lot).
func internShape(b []byte) string {
	shapeMu.RLock()
	s, ok := shapeTable[string(b)]
	shapeMu.RUnlock()
	if ok {
		return s
	}
	s = string(b)
	if len(s) <= 12 {
		shapeMu.Lock()
		if len(shapeTable) < 50000 {
			shapeTable[s] = s
		}
		shapeMu.Unlock()
	}
	return s
}

// isPlain reports whether w has no upper-case letter and no digit.
func isPlain(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			for _, r := range w[i:] {
				if unicode.IsUpper(r) || unicode.IsDigit(r) {
					return false
				}
			}
			return true
		}
		if 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			return false
		}
	}
	return true
}

// lowerASCII lower-cases w, allocating only when it has upper-case letters.
func lowerASCII(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
		if 'A' <= c && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

func resizeS(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	return s[:n]
}
func resizeB(s []uint8, n int) []uint8 {
	if cap(s) < n {
		return make([]uint8, n)
	}
	return s[:n]
}
func resizeBool(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	return s[:n]
}

// hashing (FNV-1a 64).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0xff
	h *= fnvPrime
	return h
}

func hbyte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	h *= fnvPrime
	return h
}

func tmpl(id byte) uint64 { return hbyte(fnvOffset, id) }

// features appends the feature hashes of token i given the two previous labels.
func (f *sentFeats) features(i, p1, p2 int, dst []uint64) []uint64 {
	n := len(f.words)
	w, lw, sh := f.words[i], f.lower[i], f.shapes[i]
	word := func(k int) string {
		if k < 0 {
			return "<s>"
		}
		if k >= n {
			return "</s>"
		}
		return f.lower[k]
	}
	shp := func(k int) string {
		if k < 0 {
			return "<s>"
		}
		if k >= n {
			return "</s>"
		}
		return f.shapes[k]
	}
	gz := func(k int) byte {
		if k < 0 || k >= n {
			return 255
		}
		return f.gaz[k]
	}
	dst = append(dst, tmpl(0),
		hstr(tmpl(1), w),
		hstr(tmpl(2), lw),
		hstr(tmpl(3), sh),
		hstr(tmpl(4), word(i-1)),
		hstr(tmpl(5), word(i+1)),
		hstr(tmpl(6), word(i-2)),
		hstr(tmpl(7), word(i+2)),
		hstr(hstr(tmpl(8), word(i-1)), lw),
		hstr(hstr(tmpl(9), lw), word(i+1)),
		hstr(tmpl(10), shp(i-1)),
		hstr(tmpl(11), shp(i+1)),
		hstr(hstr(tmpl(12), shp(i-1)), sh),
		hstr(hstr(tmpl(13), sh), shp(i+1)),
		hbyte(tmpl(14), byte(p1)),
		hbyte(hbyte(tmpl(15), byte(p1)), byte(p2)),
		hstr(hbyte(tmpl(16), byte(p1)), lw),
		hstr(hbyte(tmpl(17), byte(p1)), sh),
		hbyte(tmpl(18), gz(i)),
		hbyte(hbyte(tmpl(19), gz(i-1)), gz(i)),
		hbyte(hbyte(tmpl(20), gz(i)), gz(i+1)),
		hstr(hbyte(tmpl(29), gz(i)), sh),
	)
	// Affixes.
	for k := 1; k <= 4; k++ {
		if k <= len(lw) {
			dst = append(dst, hstr(hbyte(tmpl(21), byte(k)), lw[:k]), hstr(hbyte(tmpl(22), byte(k)), lw[len(lw)-k:]))
		}
	}
	// Position and document evidence.
	var flags byte
	if i == 0 {
		flags |= 1
	}
	if f.seenLC[i] {
		flags |= 2
	}
	if f.lex[i]&lexFirst != 0 {
		flags |= 4
	}
	if f.lex[i]&lexHead != 0 {
		flags |= 8
	}
	if f.lex[i]&lexOrg != 0 {
		flags |= 16
	}
	if f.lex[i]&lexStop != 0 {
		flags |= 32
	}
	if f.upper {
		flags |= 64
	}
	dst = append(dst, hbyte(tmpl(23), flags), hstr(hbyte(tmpl(24), flags), sh),
		hstr(hstr(tmpl(27), word(i-1)), word(i+1)),
		hstr(hbyte(tmpl(28), flags&64), lw))
	if i > 0 {
		var pf byte
		if f.lex[i-1]&(lexHead|lexRole) != 0 {
			pf |= 1
		}
		if f.lex[i-1]&lexHonor != 0 {
			pf |= 2
		}
		if f.lex[i-1]&lexFirst != 0 {
			pf |= 4
		}
		dst = append(dst, hbyte(hstr(tmpl(25), sh), pf))
	}
	if i+1 < n {
		var nf byte
		if f.lex[i+1]&lexOrg != 0 {
			nf |= 1
		}
		if isCap(f.words[i+1]) {
			nf |= 2
		}
		dst = append(dst, hbyte(hstr(tmpl(26), sh), nf))
	}
	return dst
}

// compact replaces the quantised table q by its nonzero rows, addressed
// through a rank bitmap: 92 % of the hashed rows of the trained model are
// zero, and reading the dense table (18 MB) costs a cache miss per feature;
// the compact one is 1.5 MB, its bitmap 128 KB. Scores are unchanged.
func (t *tagger) compact() {
	n := len(t.q) / nLabels
	t.nzBits = make([]uint64, (n+63)/64)
	t.nzRank = make([]uint32, len(t.nzBits))
	var rows []int16
	for r := 0; r < n; r++ {
		row := t.q[r*nLabels : (r+1)*nLabels]
		for _, v := range row {
			if v != 0 {
				t.nzBits[r>>6] |= 1 << (r & 63)
				rows = append(rows, row...)
				break
			}
		}
	}
	var c uint32
	for k, w := range t.nzBits {
		t.nzRank[k] = c
		c += uint32(bits.OnesCount64(w))
	}
	t.rows = rows
	t.q = nil
}

// score adds the weights of feats into sc.
// Quantised models sum integers: the common scale does not change the
// best label.
func (t *tagger) score(feats []uint64, sc *[nLabels]float32) {
	*sc = [nLabels]float32{}
	if t.rows != nil {
		var acc [nLabels]int32
		for _, h := range feats {
			r := h & t.mask
			w, bit := t.nzBits[r>>6], uint64(1)<<(r&63)
			if w&bit == 0 {
				continue // a zero row adds nothing
			}
			k := int(t.nzRank[r>>6]) + bits.OnesCount64(w&(bit-1))
			row := t.rows[k*nLabels:][:nLabels]
			for l := range nLabels {
				acc[l] += int32(row[l])
			}
		}
		for l := range nLabels {
			sc[l] = float32(acc[l])
		}
		return
	}
	if t.q != nil {
		var acc [nLabels]int32
		for _, h := range feats {
			row := t.q[(h&t.mask)*nLabels:][:nLabels]
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
		row := t.weights[(h&t.mask)*nLabels:][:nLabels]
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
	for i := range f.words {
		if p1 == 0 && f.plain[i] {
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
	lc    map[string]bool
	f     sentFeats
	words []string
	out   []int
	feats []uint64
}

var spanBufs = sync.Pool{New: func() any { return &spanBuf{lc: map[string]bool{}} }}

// spans tags the document's sentences and returns its typed names.
func (t *tagger) spans(d *verbatim.Doc) []tokSpan {
	b := spanBufs.Get().(*spanBuf)
	defer func() {
		clear(b.lc)
		spanBufs.Put(b)
	}()
	lc := b.lc
	for _, tk := range d.Tokens {
		w := d.Clean[tk.Start:tk.End]
		if tk.Kind == verbatim.Word && !isCap(w) {
			lc[w] = true
		}
	}
	f, words, out, feats := &b.f, b.words, b.out, b.feats
	defer func() { b.words, b.out, b.feats = words[:0], out[:0], feats[:0] }()
	var res []tokSpan
	for _, s := range d.Sentences {
		if s.Last <= s.First || s.Last > len(d.Tokens) {
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
		feats = t.tagSentence(f, out, feats)
		res = appendSpans(res, out, s.First)
	}
	return res
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
