package quotes

import "testing"

// The per-token cache answers as the lexicon maps do: a word's sets bits
// are exactly the lists holding it, and its cue class is cues[w], for every
// word the table knows and for words it does not.
func TestWordInfoMatchesLexicons(t *testing.T) {
	words := []string{"said", "the", "however", "while", "including", "would", "announced", "zzz", "", "Said", "é"}
	for w := range wordInfos {
		words = append(words, w)
	}
	for _, m := range inSets {
		for w := range m {
			words = append(words, w)
		}
	}
	for _, w := range words {
		wi := wordTab.get(w)
		if wi.cue != cues[w] {
			t.Errorf("%q: cue %d, cues[w] %d", w, wi.cue, cues[w])
		}
		for set, m := range inSets {
			if got := wi.sets&set != 0; got != m[w] {
				t.Errorf("%q: in set %d = %v, the map says %v", w, set, got, m[w])
			}
		}
	}
}
