package quotes

// Fast scoring for the cue model. cueFeatures hashes 19 features per word
// and score looks each up in a weight table of 2^bits floats (a cache miss
// apiece). Most features depend only on the word itself and on the coarse
// classes (kindOf) of its neighbours, so their weights are looked up once at
// start-up: per head word, and per combination of classes. cueScore then adds
// exactly the same float32 weights in the same order as score(cueFeatures), so
// every decision is unchanged; only the neighbour-word features are hashed.

// cueKinds lists the values of kindOf and of cueFeatures' subject flag ('-').
const cueKinds = "BQ,:.topdCcw-"

const nKinds = len(cueKinds)

// kindIndex maps a kindOf byte to its index in cueKinds.
var kindIndex = func() (t [256]uint8) {
	for i := 0; i < nKinds; i++ {
		t[cueKinds[i]] = uint8(i)
	}
	return t
}()

// wordWeights are a head word's weights of the features that depend only on
// it (and on one neighbour's class).
type wordWeights struct {
	w1, w8, w14, w18   float32
	f11, f12, f15, f17 [nKinds]float32
}

// cueTables are the model's weights looked up ahead for cueScore.
type cueTables struct {
	w0    float32
	f9    [nKinds * nKinds]float32
	f10   [nKinds * nKinds * nKinds * nKinds]float32
	f13   [nKinds * nKinds]float32
	f16   [7 * nKinds]float32
	words []wordWeights
}

var cueTabs *cueTables

// buildCueTables fills cueTabs from m and sets wordInfos[w].hw for the head
// words. It runs after wordInfos is complete (lp and cue enter features).
func buildCueTables(m *cueModel) {
	if m == nil {
		return
	}
	mask := uint64(len(m.w) - 1)
	w := func(f uint64) float32 { return m.w[f&mask] }
	t := &cueTables{w0: w(mix(0, 0))}
	for a := 0; a < nKinds; a++ {
		ka := uint64(cueKinds[a])
		for b := 0; b < nKinds; b++ {
			kb := uint64(cueKinds[b])
			t.f9[a*nKinds+b] = w(mix(9, ka<<8|kb))
			t.f13[a*nKinds+b] = w(mix(13, ka<<8|kb))
			for c := 0; c < nKinds; c++ {
				kc := uint64(cueKinds[c])
				for d := 0; d < nKinds; d++ {
					kd := uint64(cueKinds[d])
					t.f10[((a*nKinds+b)*nKinds+c)*nKinds+d] = w(mix(10, ka<<24|kb<<16|kc<<8|kd))
				}
			}
		}
	}
	for pos := 0; pos < 7; pos++ {
		for a := 0; a < nKinds; a++ {
			t.f16[pos*nKinds+a] = w(mix(16, uint64(pos)<<8|uint64(cueKinds[a])))
		}
	}
	for word := range m.heads {
		wi := wordInfos[word]
		h0 := hstr(fnvOff, word)
		suf := word
		if len(suf) > 3 {
			suf = suf[len(suf)-3:]
		}
		hs := hstr(fnvOff, suf)
		lp := uint64(wi.lp)
		ww := wordWeights{w1: w(mix(1, h0)), w8: w(mix(8, hs)), w14: w(mix(14, lp)), w18: w(mix(18, uint64(wi.cue)))}
		for a := 0; a < nKinds; a++ {
			ka := uint64(cueKinds[a])
			ww.f11[a] = w(mix(mix(11, h0), ka))
			ww.f12[a] = w(mix(mix(12, h0), ka))
			ww.f15[a] = w(mix(15, lp<<8|ka))
			ww.f17[a] = w(mix(mix(17, hs), ka))
		}
		t.words = append(t.words, ww)
		wi.hw = int32(len(t.words))
		wordInfos[word] = wi
	}
	cueTabs = t
}

// cueScore is theCueModel.score(st.cueFeatures(k, wi, …)), bit for bit.
func (st *state) cueScore(k int, wi wordInfo) float32 {
	m, t := theCueModel, cueTabs
	if wi.hw == 0 || t == nil {
		var fs [nCueFeats]uint64
		return m.score(st.cueFeatures(k, wi, &fs))
	}
	ww := &t.words[wi.hw-1]
	lo, hi := st.sentence(k)
	// wordHash and kindOf of k and its neighbours, their memo read here (the
	// calls, not inlined, cost more than the reads); k is in [lo, hi)
	hashes, kinds := st.hashes, st.kinds
	h0 := hashes[k]
	if h0 == 0 {
		h0 = st.hashMemo(k, lo, hi)
	}
	hm1, hp1, hm2, hp2 := hBOS, hEOS, hBOS, hEOS
	km1, kp1, km2, kp2 := byte('B'), byte('B'), byte('B'), byte('B')
	if k-1 >= lo {
		if hm1 = hashes[k-1]; hm1 == 0 {
			hm1 = st.hashMemo(k-1, lo, hi)
		}
		if km1 = kinds[k-1]; km1 == 0 {
			km1 = st.kindMemo(k - 1)
		}
		if k-2 >= lo {
			if hm2 = hashes[k-2]; hm2 == 0 {
				hm2 = st.hashMemo(k-2, lo, hi)
			}
			if km2 = kinds[k-2]; km2 == 0 {
				km2 = st.kindMemo(k - 2)
			}
		}
	}
	if k+1 < hi {
		if hp1 = hashes[k+1]; hp1 == 0 {
			hp1 = st.hashMemo(k+1, lo, hi)
		}
		if kp1 = kinds[k+1]; kp1 == 0 {
			kp1 = st.kindMemo(k + 1)
		}
		if k+2 < hi {
			if hp2 = hashes[k+2]; hp2 == 0 {
				hp2 = st.hashMemo(k+2, lo, hi)
			}
			if kp2 = kinds[k+2]; kp2 == 0 {
				kp2 = st.kindMemo(k + 2)
			}
		}
	}
	subj := int(kindIndex['-'])
	for i := k - 1; i >= lo && i >= k-4; i-- {
		c := kinds[i]
		if c == 0 {
			c = st.kindMemo(i)
		}
		if c == 'p' || c == 'C' {
			subj = int(kindIndex[c])
			break
		}
	}
	ikm1, ikp1, ikm2, ikp2 := int(kindIndex[km1]), int(kindIndex[kp1]), int(kindIndex[km2]), int(kindIndex[kp2])
	pos := k - lo
	if pos > 6 {
		pos = 6
	}
	mask := uint64(len(m.w) - 1)
	var s float32
	s += t.w0
	s += ww.w1
	s += m.w[mix(2, hm1)&mask]
	s += m.w[mix(3, hp1)&mask]
	s += m.w[mix(mix(4, hm1), h0)&mask]
	s += m.w[mix(mix(5, h0), hp1)&mask]
	s += m.w[mix(6, hm2)&mask]
	s += m.w[mix(7, hp2)&mask]
	s += ww.w8
	s += t.f9[ikm1*nKinds+ikp1]
	s += t.f10[((ikm2*nKinds+ikm1)*nKinds+ikp1)*nKinds+ikp2]
	s += ww.f11[ikp1]
	s += ww.f12[ikm1]
	s += t.f13[subj*nKinds+ikp1]
	s += ww.w14
	s += ww.f15[ikp1]
	s += t.f16[pos*nKinds+subj]
	s += ww.f17[ikp1]
	s += ww.w18
	return s
}

// wordTable is wordInfos as an open-addressing table: a look-up mostly
// touches one cache line of 32-bit tags (a word the lexicons do not know
// stops there) where a Go map touches a few.
type wordTable struct {
	mask uint32
	tags []uint32 // hash | 1, 0 for an empty slot
	keys []string
	vals []wordInfo
}

// The table is keyed by hstr(fnvOff, w), the hash the cue model gives a
// word (wordHash): a token's look-up hashes it once for both.
func newWordTable(m map[string]wordInfo) *wordTable {
	n := uint32(16)
	for n < uint32(len(m))*3 {
		n *= 2
	}
	t := &wordTable{mask: n - 1, tags: make([]uint32, n), keys: make([]string, n), vals: make([]wordInfo, n)}
	for w, wi := range m {
		h64 := hstr(fnvOff, w)
		h, i := uint32(h64)|1, uint32(h64>>32)&t.mask
		for t.tags[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.tags[i], t.keys[i], t.vals[i] = h, w, wi
	}
	return t
}

// get returns what the lexicons say of w (the zero wordInfo when nothing).
func (t *wordTable) get(w string) wordInfo { return t.getHashed(w, hstr(fnvOff, w)) }

// getHashed is get of w whose hstr(fnvOff, w) is h64.
func (t *wordTable) getHashed(w string, h64 uint64) wordInfo {
	h := uint32(h64) | 1
	for i := uint32(h64>>32) & t.mask; ; i = (i + 1) & t.mask {
		switch t.tags[i] {
		case 0:
			return wordInfo{}
		case h:
			if t.keys[i] == w {
				return t.vals[i]
			}
		}
	}
}
