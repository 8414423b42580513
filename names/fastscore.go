package names

import (
	"encoding/binary"
	"math/bits"
)

// Tagging with the compact tables, in parts that are computed once: the
// features of a token that do not depend on its neighbours nor on the
// previous labels (its word as written, lower-cased, its shape and affixes,
// and its document flags) are summed once per word and kept in a cache of
// the tagger's buffers (wordCache), shared by the documents a worker tags;
// the bias and the features of the previous labels alone are a table
// (tagger.lab). Their sums are integers, as score's are: the labels chosen
// are those of tagSentence's plain path, feature for feature
// (TestFastTagging).

// labTable sums, for each pair of previous labels (p1*nLabels+p2), the
// rows of the bias feature and of the label features (templates 0, 14, 15).
type labTable [nLabels * nLabels][nLabels]int32

// prepareFast fills the tables of the fast path from the compact rows.
func (t *tagger) prepareFast() {
	if t.rows == nil {
		return
	}
	t.lab = new(labTable)
	for p1 := range nLabels {
		for p2 := range nLabels {
			l1, l2 := uint64(p1), uint64(p2)
			feats := []uint64{fmix(tmplKey[0]), f1(14, l1), f1(15, l1|l2<<8)}
			t.sumRows(feats, &t.lab[p1*nLabels+p2])
		}
	}
}

// wcBits sets the size of the word cache: 2^wcBits entries.
const wcBits = 12

// wcEntry holds the sums of the word features of one word in one context.
type wcEntry struct {
	hw  uint64 // hash of the word as written
	tag uint16 // 0x100 | the context flags (wordFlags), 0 when empty
	a   [nLabels]int32
	b   [nLabels]int32 // features 16 and 17 after an O label (p1 = 0)
}

// wordCache is a direct-mapped cache of word feature sums.
type wordCache struct {
	e []wcEntry
}

// ctxFlags returns the flags of features() that do not come from the word:
// first token (1), seen lower-case (2), headline in capitals (64), in Title
// Case (128).
func (f *sentFeats) ctxFlags(i int) uint64 {
	var flags uint64
	if i == 0 {
		flags |= 1
	}
	if f.tok[i]&tokSeenLC != 0 {
		flags |= 2
	}
	if f.upper {
		flags |= 64
	}
	if f.title {
		flags |= 128
	}
	return flags
}

// wordFeatures appends the features of token i that depend only on its
// word and ctx (ctxFlags): templates 1, 2, 3, 21, 22, 23, 24 and 28 of
// features().
func (f *sentFeats) wordFeatures(i int, ctx uint64, dst []uint64) []uint64 {
	w, lw, sh := f.hw[i], f.hl[i], f.hs[i]
	dst = append(dst, f1(1, w), f1(2, lw), f1(3, sh))
	dst = f.affixFeatures(i, dst)
	flags := ctx | lexFlagBits(f.lexOf(i))
	return append(dst, f1(23, flags), f2(24, flags, sh), f2(28, flags&192, lw))
}

// contextFeatures appends the other features of token i given the previous
// label p1 (templates 4 to 13, 18 to 20, 25 to 27, 29 to 31, and 16 and 17
// unless p1 is O).
func (f *sentFeats) contextFeatures(i, p1 int, dst []uint64) []uint64 {
	lw, sh := f.hl[i], f.hs[i]
	wp, wn := f.wordAt(i-1), f.wordAt(i+1)
	sp, sn := f.shapeAt(i-1), f.shapeAt(i+1)
	g := f.gazAt(i)
	dst = append(dst,
		f1(4, wp),
		f1(5, wn),
		f1(6, f.wordAt(i-2)),
		f1(7, f.wordAt(i+2)),
		f2(8, wp, lw),
		f2(9, lw, wn),
		f1(10, sp),
		f1(11, sn),
		f2(12, sp, sh),
		f2(13, sh, sn),
		f1(18, g),
		f1(19, f.gazAt(i-1)<<8|g),
		f1(20, g<<8|f.gazAt(i+1)),
		f2(29, g, sh),
		f2(27, wp, wn),
		f2(30, f.cityAt(i), sh),
		f1(31, f.cityAt(i-1)<<8|f.cityAt(i)<<4|f.cityAt(i+1)),
	)
	if p1 != 0 {
		l1 := uint64(p1)
		dst = append(dst, f2(16, l1, lw), f2(17, l1, sh))
	}
	return f.neighbourFeatures(i, sh, dst)
}

// tagFast is tagSentence with the compact tables, the label table and the
// word cache wc.
func (t *tagger) tagFast(f *sentFeats, out []int, feats []uint64, wc *wordCache) []uint64 {
	if wc.e == nil {
		wc.e = make([]wcEntry, 1<<wcBits)
	}
	mask := uint64(len(wc.e) - 1) // a power of two
	n := f.n
	p1, p2 := 0, 0
	for i := range n {
		if f.skip(i, p1) {
			out[i] = 0
			p2, p1 = p1, 0
			continue
		}
		for k := max(0, i-2); k <= min(n-1, i+2); k++ {
			f.ensure(k)
		}
		ctx := f.ctxFlags(i)
		hw := f.hw[i]
		tag := uint16(0x100 | ctx)
		e := &wc.e[(hw^hw>>32^ctx*k1)&mask]
		if e.hw != hw || e.tag != tag {
			e.hw, e.tag = hw, tag
			e.a, e.b = [nLabels]int32{}, [nLabels]int32{}
			feats = f.wordFeatures(i, ctx, feats[:0])
			t.sumRows(feats, &e.a)
			lw, sh := f.hl[i], f.hs[i]
			feats = append(feats[:0], f2(16, 0, lw), f2(17, 0, sh))
			t.sumRows(feats, &e.b)
		}
		acc := t.lab[p1*nLabels+p2]
		for l := range nLabels {
			acc[l] += e.a[l]
		}
		if p1 == 0 {
			for l := range nLabels {
				acc[l] += e.b[l]
			}
		}
		feats = f.contextFeatures(i, p1, feats[:0])
		t.sumRows(feats, &acc)
		l := bestInt(&acc, p1)
		out[i] = l
		p2, p1 = p1, l
	}
	return feats
}

// bestInt is best over integer sums.
func bestInt(sc *[nLabels]int32, p int) int {
	b := 0
	for l := 1; l < nLabels; l++ {
		if validAfter(p, l) && sc[l] > sc[b] {
			b = l
		}
	}
	return b
}

// sumRows adds to acc the sums of the compact rows of at most maxFeats
// features. The rows are the tagger's cache misses: their offsets are
// found first (the bitmap is small), then the rows are read, so that the
// reads of all features are in flight together. A row's first eight
// weights are added two words at a time, in 32-bit lanes (even and odd
// weights apart): biased weights are below 2^16, so maxFeats of them do
// not carry out of a lane; the bias is taken off at the end.
func (t *tagger) sumRows(feats []uint64, acc *[nLabels]int32) {
	var buf [maxFeats]uint32
	offs := buf[:len(feats)]
	for i, h := range feats {
		r := h >> t.shift
		e := &t.nz[r>>6]
		on := e.bits >> (r & 63) & 1
		offs[i] = uint32((e.rank + uint64(bits.OnesCount64(e.bits&(1<<(r&63)-1))) + 1) * on * rowBytes)
	}
	const lanes = 0x0000FFFF0000FFFF
	var e0, o0, e1, o1, a8 uint64
	rows := t.rows
	for _, o := range offs {
		row := rows[o:][:rowBytes]
		x0 := binary.LittleEndian.Uint64(row[0:8])
		x1 := binary.LittleEndian.Uint64(row[8:16])
		e0 += x0 & lanes
		o0 += x0 >> 16 & lanes
		e1 += x1 & lanes
		o1 += x1 >> 16 & lanes
		a8 += uint64(binary.LittleEndian.Uint16(row[16:18]))
	}
	bias := int64(len(feats)) << 15
	lane := func(x uint64) int32 { return int32(int64(x&0xFFFFFFFF) - bias) }
	acc[0] += lane(e0)
	acc[1] += lane(o0)
	acc[2] += lane(e0 >> 32)
	acc[3] += lane(o0 >> 32)
	acc[4] += lane(e1)
	acc[5] += lane(o1)
	acc[6] += lane(e1 >> 32)
	acc[7] += lane(o1 >> 32)
	acc[8] += lane(a8)
}
