package storekit

import (
	"math/rand"
	"strings"
	"testing"
)

// foldReference is what Fold does to an ASCII string, written the slow way.
func foldReference(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// TestFoldASCII: the one-pass fold of ASCII names gives what lower-casing
// and collapsing the spaces gives, on hand-picked and random strings.
func TestFoldASCII(t *testing.T) {
	cases := []string{"", " ", "a", "A", "Anna Berg", "anna berg", " anna berg", "anna berg ",
		"anna  berg", "ANNA\tBERG", "anna\nberg\r", "\v\fx\f", "O'Neil-Smith Jr.", "a b c d", "  "}
	rng := rand.New(rand.NewSource(7))
	alphabet := "aZ z\t\n\v\f\r.-'0"
	for range 2000 {
		b := make([]byte, rng.Intn(12))
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := Fold(s), foldReference(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFoldFoldedNoAlloc: a name folded already comes back without a copy
// (stored mentions are folded once per entity and alias).
func TestFoldFoldedNoAlloc(t *testing.T) {
	s := "anna berg of the harbour board"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold of a folded name: %v allocations, want 0", n)
	}
	if got := Fold("Mélanie  Joly"); got != "melanie joly" {
		t.Errorf("Fold(non-ASCII) = %q", got)
	}
}
