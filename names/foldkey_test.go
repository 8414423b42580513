package names

import (
	"strings"
	"testing"
)

// TestFoldKey: two words share a foldKey exactly when strings.EqualFold
// holds (repairSpans looks full-name words up by it).
func TestFoldKey(t *testing.T) {
	words := []string{"Kim", "KIM", "kim", "\u212aim", "Straße", "STRASSE", "straße", "ſtraße", "Łukasz", "łukasz", "Kimi", "", "\xff", "\xfe", "Ωmega", "ωmega", "Ω", "ω"}
	for _, a := range words {
		for _, b := range words {
			if got, want := foldKey(a) == foldKey(b), strings.EqualFold(a, b); got != want {
				t.Errorf("foldKey(%q) == foldKey(%q) is %v, EqualFold %v", a, b, got, want)
			}
		}
	}
}
