package quotes

import (
	"encoding/binary"
	"math"
	"slices"
	"sort"
	"testing"
)

// The fast paths of the quotes stage answer as the plain code they replace.

func TestDecodeFloatsMatchesPlain(t *testing.T) {
	vals := []float32{0, 1, -1, 0.5, -3.25e-7, math.MaxFloat32, float32(math.Inf(-1)), math.SmallestNonzeroFloat32}
	for n := 0; n <= 40; n++ {
		b := make([]byte, 0, 4*n+3)
		b = append(b, 1, 2, 3) // unaligned, as in a model file after its header
		for i := 0; i < n; i++ {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(vals[i%len(vals)]*float32(i+1)))
		}
		fast, plain := make([]float32, n), make([]float32, n)
		decodeFloats(fast, b[3:])
		decodeFloatsPlain(plain, b[3:])
		for i := range fast {
			if math.Float32bits(fast[i]) != math.Float32bits(plain[i]) {
				t.Fatalf("n=%d: float %d = %v, want %v", n, i, fast[i], plain[i])
			}
		}
	}
}

func TestFillInt32(t *testing.T) {
	for _, n := range []int{0, 1, 5, 63, 64, 65, 100, 1000} {
		s := make([]int32, n+2)
		for i := range s {
			s[i] = 7
		}
		fillInt32(s[1:n+1], -1)
		for i, v := range s {
			want := int32(-1)
			if i == 0 || i == n+1 {
				want = 7 // outside the slice filled
			}
			if v != want {
				t.Fatalf("n=%d: s[%d] = %d, want %d", n, i, v, want)
			}
		}
	}
}

func TestTokenAtMatchesSortSearch(t *testing.T) {
	st := prepared("He said, “We will go,” and left. Then she spoke again.")
	last := st.toks[len(st.toks)-1].End
	for off := -2; off <= last+2; off++ {
		want := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].End > off })
		if got := st.tokenAt(off); got != want {
			t.Fatalf("tokenAt(%d) = %d, want %d", off, got, want)
		}
	}
	st.toks = nil
	if got := st.tokenAt(3); got != 0 {
		t.Fatalf("tokenAt without tokens = %d", got)
	}
}

func TestIndexSentences(t *testing.T) {
	st := prepared("One sentence here. And a second one, longer than the first! “A third.”")
	want := make([]int32, len(st.toks))
	for i := range want {
		want[i] = -1
	}
	for si, s := range st.d.Sentences {
		for k := s.First; k < s.Last; k++ {
			want[k] = int32(si)
		}
	}
	if !slices.Equal(st.sentOf, want) {
		t.Fatalf("sentOf = %v, want %v", st.sentOf, want)
	}
}

// cueScore reads the per-token memo itself and fills it where empty: on a
// fresh document (nothing asked yet) it scores as score(cueFeatures) on
// another, in whichever order the words are asked.
func TestCueScoreFreshMemo(t *testing.T) {
	text := "Officials declined to affirm it; “Never,” they insisted. She plans to deport them, voted to close it.\n\n" +
		"The council approved a budget: “we will build,” Mayor Olsen said, and he has long admired the plan. Approved, he said."
	for _, backwards := range []bool{false, true} {
		fast, plain := prepared(text), prepared(text)
		n := 0
		for j := range fast.toks {
			k := j
			if backwards {
				k = len(fast.toks) - 1 - j
			}
			wi, ok := fast.cueCandidate(k)
			if !ok || wi.hw == 0 {
				continue
			}
			got := fast.cueScore(k, wi)
			var fs [nCueFeats]uint64
			want := theCueModel.score(plain.cueFeatures(k, wi, &fs))
			if math.Float32bits(got) != math.Float32bits(want) {
				t.Fatalf("%q (backwards %v): cueScore %v, score %v", fast.tok(k), backwards, got, want)
			}
			n++
		}
		if n < 5 {
			t.Fatalf("only %d head words scored", n)
		}
	}
}

// indirect asks modelCue only of words whose cached info has the head bit:
// modelCue gives every other word 0, so skipping the call loses no cue.
func TestModelCueOnlyOfHeads(t *testing.T) {
	text := "Officials declined to affirm it; they insisted. She plans to deport them and voted to close it.\n\n" +
		"The council approved a budget, Mayor Olsen said, and he has long admired the plan. Zorblat quibbed, she argued."
	st := prepared(text)
	heads, others := 0, 0
	for k := range st.toks {
		if !st.isWord(k) {
			continue
		}
		if st.info(k).head {
			heads++
			continue
		}
		others++
		if c := st.modelCue(k); c != 0 {
			t.Fatalf("%q: no head word, yet modelCue %d", st.tok(k), c)
		}
	}
	if heads < 3 || others < 3 {
		t.Fatalf("heads %d, others %d: the text tests too little", heads, others)
	}
}
