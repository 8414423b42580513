package names

import (
	"strings"
	"testing"
)

// refSimilar is the plain definition similar must agree with.
func refSimilar(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) < 5 || len(rb) < 5 || ra[0] != rb[0] {
		return false
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return 1-float64(prev[len(rb)])/float64(max(len(ra), len(rb))) >= 0.8
}

func TestSimilarMatchesDefinition(t *testing.T) {
	words := []string{"Kellog", "Kellogg", "Kellogs", "Kelly", "Keller", "Zelensky", "Zelenskyy", "Zelenskiy",
		"Müller", "Muller", "Mueller", "Müllers", "Schwarzenegger", "Schwarzeneger", "Smith", "Smyth", "SMITH",
		"Abcdefghij", "Abcdefghijkl", "Abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop", "Abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnoq", "Ab", "",
		"\xffbcdef", "\xfebcdef", "\xffbcdeg", "Ébcdef", "Èbcdef", "ébcdeg", "Ebcdef", "Ébc"}
	n := 0
	for _, a := range words {
		for _, b := range words {
			if got, want := similar(a, b), refSimilar(a, b); got != want {
				t.Errorf("similar(%q, %q) = %v, want %v", a, b, got, want)
			}
			if similar(a, b) {
				n++
			}
		}
	}
	if n <= len(words) {
		t.Errorf("only %d similar pairs: the test words exercise nothing", n)
	}
}

func TestFieldsHelpers(t *testing.T) {
	for _, s := range []string{"", " ", "Donald  Trump", "\tA\vB\fC\r\n", "Mélanie\u00a0Joly ", "x"} {
		want := strings.Fields(s)
		got := appendFields(nil, s)
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("appendFields(%q) = %q, want %q", s, got, want)
		}
		if numFields(s) != len(want) {
			t.Errorf("numFields(%q) = %d, want %d", s, numFields(s), len(want))
		}
		if joinedLen(want) != len(strings.Join(want, " ")) {
			t.Errorf("joinedLen(%q) wrong", want)
		}
	}
	if lowerIn(stopWords, "The") != stopWords["the"] || !lowerIn(map[string]bool{"émile": true}, "Émile") {
		t.Error("lowerIn does not lower-case like strings.ToLower")
	}
}
