package names

import (
	"encoding/binary"
	"math/bits"
)

// Tagging with the compact tables, in parts that are computed once. A
// token's score is the sum of the rows of its features; sums of rows are
// kept as lanes (the rows' biased weights added in 32-bit lanes, see
// addRows), so that adding a sum kept from before costs five additions:
//   - the bias and the features of the previous labels alone: a table
//     (tagger.lab);
//   - the features of the token that do not depend on its neighbours nor
//     on the previous labels (its word as written, lower-cased, its shape
//     and affixes, its document flags, its gazetteer and place classes):
//     summed once per word in a cache of the tagger's buffers (wordCache),
//     shared by the documents a worker tags;
//   - the gazetteer and place classes of the token and its neighbours
//     (templates 19, 20, 31): tables of every combination (tagger.gz).
//
// Their sums are integers, as score's are: the labels chosen are those of
// tagSentence's plain path, feature for feature (TestFastTagging,
// TestFastScores).

// lanes is a sum of rows: the biased weights of labels 0, 2 (e0), 1, 3
// (o0), 4, 6 (e1), 5, 7 (o1) in 32-bit lanes and label 8 (a8), and n, the
// number of rows. Biased weights are below 2^16: 2^16 rows do not carry
// out of a lane.
type lanes struct {
	e0, o0, e1, o1, a8, n uint64
}

func (a *lanes) add(b *lanes) {
	a.e0 += b.e0
	a.o0 += b.o0
	a.e1 += b.e1
	a.o1 += b.o1
	a.a8 += b.a8
	a.n += b.n
}

// sums returns the weight sums of a, the bias taken off.
func (a *lanes) sums() (acc [nLabels]int32) {
	bias := int64(a.n) << 15
	lane := func(x uint64) int32 { return int32(int64(x&0xFFFFFFFF) - bias) }
	acc[0] = lane(a.e0)
	acc[1] = lane(a.o0)
	acc[2] = lane(a.e0 >> 32)
	acc[3] = lane(a.o0 >> 32)
	acc[4] = lane(a.e1)
	acc[5] = lane(a.o1)
	acc[6] = lane(a.e1 >> 32)
	acc[7] = lane(a.o1 >> 32)
	acc[8] = int32(int64(a.a8) - bias)
	return acc
}

// labTable sums, for each pair of previous labels (p1*nLabels+p2), the
// rows of the bias feature and of the label features (templates 0, 14, 15).
type labTable [nLabels * nLabels]lanes

// Classes of the gazetteer (0, begin or inside of a type: 1 to 10, and
// the sentence's edges) and place tags (0, 1, 2 and the edges) that the
// tables of templates 19, 20 and 31 hold (gzTables).
const (
	nGaz  = 12 // gazAt: 0..10, 255 -> 11
	nCity = 4  // cityAt: 0..2, 15 -> 3
)

// gzTables holds the rows of templates 19, 20 and 31 for every
// combination of classes.
type gzTables struct {
	t19, t20 [nGaz][nGaz]lanes // (gaz before, gaz), (gaz, gaz after)
	t31      [nCity][nCity][nCity]lanes
}

// gazIndex and cityIndex map gazAt and cityAt values to table indices; ok
// is false for a value no table holds.
func gazIndex(g uint64) (int, bool) {
	if g <= 10 {
		return int(g), true
	}
	return nGaz - 1, g == 255
}

func cityIndex(c uint64) (int, bool) {
	if c <= 2 {
		return int(c), true
	}
	return nCity - 1, c == 15
}

// gazValue and cityValue are the inverses of gazIndex and cityIndex.
func gazValue(k int) uint64 {
	if k == nGaz-1 {
		return 255
	}
	return uint64(k)
}

func cityValue(k int) uint64 {
	if k == nCity-1 {
		return 15
	}
	return uint64(k)
}

// prepareFast fills the tables of the fast path from the compact rows.
func (t *tagger) prepareFast() {
	if t.rows == nil {
		return
	}
	t.lab = new(labTable)
	for p1 := range nLabels {
		for p2 := range nLabels {
			l1, l2 := uint64(p1), uint64(p2)
			t.addRows([]uint64{fmix(tmplKey[0]), f1(14, l1), f1(15, l1|l2<<8)}, &t.lab[p1*nLabels+p2])
		}
	}
	t.gz = new(gzTables)
	for a := range nGaz {
		for b := range nGaz {
			ga, gb := gazValue(a), gazValue(b)
			t.addRows([]uint64{f1(19, ga<<8|gb)}, &t.gz.t19[a][b])
			t.addRows([]uint64{f1(20, ga<<8|gb)}, &t.gz.t20[a][b])
		}
	}
	for a := range nCity {
		for b := range nCity {
			for c := range nCity {
				t.addRows([]uint64{f1(31, cityValue(a)<<8|cityValue(b)<<4|cityValue(c))}, &t.gz.t31[a][b][c])
			}
		}
	}
}

// wcBits sets the size of the word cache: 2^wcBits entries.
const wcBits = 13

// wcEntry holds the sums of the word features of one word in one context.
type wcEntry struct {
	hw  uint64 // hash of the word as written
	tag uint32 // 1<<16 | the context flags (wordFlags) | gazetteer and place classes, 0 when empty
	a   lanes
	b   lanes // features 16 and 17 after an O label (p1 = 0)
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

// classFeatures appends the features of token i that depend on its shape
// and its own gazetteer and place classes: templates 18, 29 and 30.
func (f *sentFeats) classFeatures(i int, dst []uint64) []uint64 {
	sh, g := f.hs[i], f.gazAt(i)
	return append(dst, f1(18, g), f2(29, g, sh), f2(30, f.cityAt(i), sh))
}

// contextFeatures appends the features of token i that depend on its
// neighbours' words, and on p1: templates 4 to 13, 25 to 27, and 16 and 17
// unless p1 is O. (The others are the word's, classFeatures', the label
// table's and the class tables'.)
func (f *sentFeats) contextFeatures(i, p1 int, dst []uint64) []uint64 {
	lw, sh := f.hl[i], f.hs[i]
	wp, wn := f.wordAt(i-1), f.wordAt(i+1)
	sp, sn := f.shapeAt(i-1), f.shapeAt(i+1)
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
		f2(27, wp, wn),
	)
	if p1 != 0 {
		l1 := uint64(p1)
		dst = append(dst, f2(16, l1, lw), f2(17, l1, sh))
	}
	return f.neighbourFeatures(i, sh, dst)
}

// scoreFast returns the scores of token i of f (ensured with its ±2
// window) after labels p1 and p2, as score would sum them over features().
func (t *tagger) scoreFast(f *sentFeats, i, p1, p2 int, feats []uint64, wc *wordCache) ([nLabels]int32, []uint64) {
	gi, gok := gazIndex(f.gazAt(i))
	gp, pok := gazIndex(f.gazAt(i - 1))
	gn, nok := gazIndex(f.gazAt(i + 1))
	ci, cok := cityIndex(f.cityAt(i))
	cp, cpok := cityIndex(f.cityAt(i - 1))
	cn, cnok := cityIndex(f.cityAt(i + 1))
	if !(gok && pok && nok && cok && cpok && cnok) {
		// a class no table holds (none, with the gazetteer's five types)
		return t.scorePlain(f, i, p1, p2, feats)
	}
	ctx := f.ctxFlags(i)
	hw := f.hw[i]
	tag := uint32(1<<16 | ctx | uint64(gi)<<8 | uint64(ci)<<12)
	e := &wc.e[(hw^hw>>32^uint64(tag)*k1)&uint64(len(wc.e)-1)]
	if e.hw != hw || e.tag != tag {
		e.hw, e.tag = hw, tag
		e.a, e.b = lanes{}, lanes{}
		feats = f.wordFeatures(i, ctx, feats[:0])
		feats = f.classFeatures(i, feats)
		t.addRows(feats, &e.a)
		lw, sh := f.hl[i], f.hs[i]
		feats = append(feats[:0], f2(16, 0, lw), f2(17, 0, sh))
		t.addRows(feats, &e.b)
	}
	acc := t.lab[p1*nLabels+p2]
	acc.add(&e.a)
	if p1 == 0 {
		acc.add(&e.b)
	}
	acc.add(&t.gz.t19[gp][gi])
	acc.add(&t.gz.t20[gi][gn])
	acc.add(&t.gz.t31[cp][ci][cn])
	feats = f.contextFeatures(i, p1, feats[:0])
	t.addRows(feats, &acc)
	return acc.sums(), feats
}

// scorePlain returns the scores of token i summed over features().
func (t *tagger) scorePlain(f *sentFeats, i, p1, p2 int, feats []uint64) ([nLabels]int32, []uint64) {
	feats = f.features(i, p1, p2, feats[:0])
	var acc lanes
	t.addRows(feats, &acc)
	return acc.sums(), feats
}

// tagFast is tagSentence with the compact tables, the label table and the
// word cache wc.
func (t *tagger) tagFast(f *sentFeats, out []int, feats []uint64, wc *wordCache) []uint64 {
	if wc.e == nil {
		wc.e = make([]wcEntry, 1<<wcBits)
	}
	n := f.n
	p1, p2 := 0, 0
	for i := range n {
		if f.skip(i, p1) {
			out[i] = 0
			p2, p1 = p1, 0
			continue
		}
		for k := max(0, i-2); k <= min(n-1, i+2); k++ {
			if f.tok[k]&tokReady == 0 {
				f.ensure(k)
			}
		}
		var acc [nLabels]int32
		acc, feats = t.scoreFast(f, i, p1, p2, feats, wc)
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

// sumRows adds to acc the sums of the compact rows of feats.
func (t *tagger) sumRows(feats []uint64, acc *[nLabels]int32) {
	var s lanes
	t.addRows(feats, &s)
	for l, v := range s.sums() {
		acc[l] += v
	}
}

// addRows adds the compact rows of feats to acc. The rows are the
// tagger's cache misses: their offsets are found first (the bitmap is
// small), then the rows are read, so that the reads of all features (up
// to rowChunk) are in flight together. A row's first eight weights are
// added two words at a time, in 32-bit lanes (even and odd weights apart).
func (t *tagger) addRows(feats []uint64, acc *lanes) {
	for len(feats) > rowChunk {
		t.addRows(feats[:rowChunk], acc)
		feats = feats[rowChunk:]
	}
	var buf [rowChunk]uint32
	offs := buf[:len(feats)]
	for i, h := range feats {
		r := h >> t.shift
		e := &t.nz[r>>6]
		on := e.bits >> (r & 63) & 1
		offs[i] = uint32((e.rank + uint64(bits.OnesCount64(e.bits&(1<<(r&63)-1))) + 1) * on * rowBytes)
	}
	const mask = 0x0000FFFF0000FFFF
	e0, o0, e1, o1, a8 := acc.e0, acc.o0, acc.e1, acc.o1, acc.a8
	rows := t.rows
	for _, o := range offs {
		row := rows[o:][:rowBytes]
		x0 := binary.LittleEndian.Uint64(row[0:8])
		x1 := binary.LittleEndian.Uint64(row[8:16])
		e0 += x0 & mask
		o0 += x0 >> 16 & mask
		e1 += x1 & mask
		o1 += x1 >> 16 & mask
		a8 += uint64(binary.LittleEndian.Uint16(row[16:18]))
	}
	acc.e0, acc.o0, acc.e1, acc.o1, acc.a8 = e0, o0, e1, o1, a8
	acc.n += uint64(len(offs))
}

// rowChunk is the most rows addRows reads together.
const rowChunk = 16
