package quotes

import (
	"math"
	"os"
	"strings"
	"testing"
)

// cueScore must give every candidate word the very score of
// score(cueFeatures): the precomputed weights only save the hashing.
func TestCueScoreExact(t *testing.T) {
	var texts []string
	for _, f := range []string{"../examples/harbour-strike.txt", "../examples/river-flood.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	texts = append(texts,
		"The council approved a budget: “we will build,” Mayor Olsen said, and he has long admired the plan.\n\nOfficials declined to affirm it; “Never,” they insisted. She plans to deport them, voted to close it.",
		"approved\n\nHe admired it. “Approved” — she said — ‘fine’, 'ok' (vowed) [claimed]; warned!",
	)
	n := 0
	for _, s := range texts {
		st := prepared(s)
		for k := range st.toks {
			if st.isWord(k) || st.mark(k) != 0 {
				if c := st.kindNow(k); !strings.ContainsRune(cueKinds, rune(c)) {
					t.Fatalf("kind %q of %q is not in cueKinds", c, st.tok(k))
				}
			}
			wi, ok := st.cueCandidate(k)
			if !ok {
				continue
			}
			var fs [nCueFeats]uint64
			want := theCueModel.score(st.cueFeatures(k, wi, &fs))
			if got := st.cueScore(k, wi); math.Float32bits(got) != math.Float32bits(want) {
				t.Errorf("%q: cueScore %v, score %v", st.tok(k), got, want)
			}
			if wi.hw != 0 {
				n++
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d head words scored", n)
	}
}
