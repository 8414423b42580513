package stories

import (
	"math"
	"sync"

	"github.com/verbatim-news/verbatim"
)

// termSet counts the distinct terms of one article in first-seen order: an
// open-addressing table over one byte arena, so that an article allocates
// its term list once instead of a string and a map entry per term. Sets are
// pooled (termScratch).
type termSet struct {
	slots  []int32  // term index+1 (0: empty); the length is a power of two
	hashes []uint64 // per term
	ends   []int32  // per term: the end of its bytes in arena (it starts where the previous ends)
	counts []int32
	arena  []byte
	wbuf   []byte          // wordIter's buffer
	shs    []uint64        // the text's shingles (FeaturesOf)
	spans  []verbatim.Span // the names of an article (FeaturesOf)
}

var termScratch = sync.Pool{New: func() any { return &termSet{slots: make([]int32, 1024)} }}

func (t *termSet) reset() {
	clear(t.slots)
	t.hashes, t.ends, t.counts, t.arena = t.hashes[:0], t.ends[:0], t.counts[:0], t.arena[:0]
}

func (t *termSet) term(i int32) []byte {
	start := int32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.arena[start:t.ends[i]]
}

// add counts k more of the term w.
func (t *termSet) add(w []byte, k int32) { t.addHashed(w, hashWord(w), k) }

// addHashed is add for a word whose hashWord is hw.
func (t *termSet) addHashed(w []byte, hw uint64, k int32) {
	h := mix(hw)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			t.slots[i] = int32(len(t.ends) + 1)
			break
		}
		if t.hashes[s-1] == h && string(t.term(s-1)) == string(w) {
			t.counts[s-1] += k
			return
		}
	}
	t.arena = append(t.arena, w...)
	t.ends = append(t.ends, int32(len(t.arena)))
	t.hashes = append(t.hashes, h)
	t.counts = append(t.counts, k)
	if 2*len(t.ends) > len(t.slots) { // at most half full
		t.slots = make([]int32, 2*len(t.slots))
		mask = uint64(len(t.slots) - 1)
		for k, h := range t.hashes {
			i := h & mask
			for t.slots[i] != 0 {
				i = (i + 1) & mask
			}
			t.slots[i] = int32(k + 1)
		}
	}
}

// terms returns the distinct terms (substrings of one string) and their
// counts, in first-seen order; nil when there are none.
func (t *termSet) terms() ([]string, []int32) {
	if len(t.ends) == 0 {
		return nil, nil
	}
	all := string(t.arena)
	terms := make([]string, len(t.ends))
	start := int32(0)
	for i, end := range t.ends {
		terms[i] = all[start:end]
		start = end
	}
	return terms, append([]int32(nil), t.counts...)
}

// wordSet is a fixed set of words looked up by hashWord (stop words: one
// lookup per word of every article).
type wordSet struct {
	slots []wordSlot
	mask  uint64
}

type wordSlot struct {
	h uint64
	w string
}

func newWordSet(words map[string]bool) wordSet {
	n := 16
	for n < 4*len(words) {
		n *= 2
	}
	s := wordSet{slots: make([]wordSlot, n), mask: uint64(n - 1)}
	for w := range words {
		h := mix(hashWord([]byte(w)))
		i := h & s.mask
		for s.slots[i].w != "" {
			i = (i + 1) & s.mask
		}
		s.slots[i] = wordSlot{h, w}
	}
	return s
}

// has reports whether w (of hashWord hw) is in the set.
func (s wordSet) has(w []byte, hw uint64) bool {
	h := mix(hw)
	for i := h & s.mask; ; i = (i + 1) & s.mask {
		sl := &s.slots[i]
		if sl.w == "" {
			return false
		}
		if sl.h == h && sl.w == string(w) {
			return true
		}
	}
}

// minhashEach sets sig to the MinHash signature of the shingles shs, one
// shingle at a time.
func minhashEach(sig *[sigLen]uint32, shs []uint64) {
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for _, sh := range shs {
		minhash(sig, sh)
	}
}

// minhash lowers each value of the signature to the shingle's hash under
// that value's seed. Unrolled by eight, with branch-free minima: a quarter
// faster than one value per iteration.
func minhash(sig *[sigLen]uint32, sh uint64) {
	const k = 0x9E3779B97F4A7C15
	s := &seeds
	for i := 0; i < sigLen; i += 8 {
		a0 := uint32(((sh ^ s[i]) * k) >> 32)
		a1 := uint32(((sh ^ s[i+1]) * k) >> 32)
		a2 := uint32(((sh ^ s[i+2]) * k) >> 32)
		a3 := uint32(((sh ^ s[i+3]) * k) >> 32)
		a4 := uint32(((sh ^ s[i+4]) * k) >> 32)
		a5 := uint32(((sh ^ s[i+5]) * k) >> 32)
		a6 := uint32(((sh ^ s[i+6]) * k) >> 32)
		a7 := uint32(((sh ^ s[i+7]) * k) >> 32)
		sig[i] = min(sig[i], a0)
		sig[i+1] = min(sig[i+1], a1)
		sig[i+2] = min(sig[i+2], a2)
		sig[i+3] = min(sig[i+3], a3)
		sig[i+4] = min(sig[i+4], a4)
		sig[i+5] = min(sig[i+5], a5)
		sig[i+6] = min(sig[i+6], a6)
		sig[i+7] = min(sig[i+7], a7)
	}
}
