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
