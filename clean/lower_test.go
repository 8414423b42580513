package clean

import (
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim/internal/ascii"
)

// TestLowerPrefix checks that the lowered window is long enough for every
// noise prefix and answers the prefix tests as the fully lowered line does.
func TestLowerPrefix(t *testing.T) {
	for _, p := range noisePrefixes {
		if len(p) > lowWindow {
			t.Fatalf("noise prefix %q is longer than lowWindow (%d)", p, lowWindow)
		}
	}
	lines := []string{"", "PAGE 4", "Page  12 of 40", "page x", "12", "12345", "HTTP://X.COM/A",
		"İstanbul Page 3", strings.Repeat("A", 200), "Ünïcödé " + strings.Repeat("b", 200)}
	for _, p := range noisePrefixes {
		lines = append(lines, strings.ToUpper(p)+" rest of the line", p, strings.ToUpper(p[:len(p)/2]))
	}
	var buf [lowWindow]byte
	for _, l := range lines {
		full := strings.ToLower(l)
		low := lowerPrefix(l, &buf)
		for _, p := range append(noisePrefixes, "http://", "https://", "www.", "page ") {
			if strings.HasPrefix(low, p) != strings.HasPrefix(full, p) {
				t.Errorf("line %q prefix %q: lowerPrefix %v, ToLower %v", l, p, !strings.HasPrefix(full, p), strings.HasPrefix(full, p))
			}
		}
		if isPageNumber(l, low) != isPageNumberOld(full) {
			t.Errorf("isPageNumber(%q) = %v", l, !isPageNumberOld(full))
		}
	}
}

// isPageNumberOld is the definition on the fully lowered line.
func isPageNumberOld(low string) bool {
	if strings.HasPrefix(low, "page ") {
		rest := strings.Fields(low[5:])
		if len(rest) >= 1 && ascii.IsDigits(rest[0]) {
			return true
		}
	}
	return ascii.IsDigits(low) && len(low) <= 4
}

func TestHasFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a b  c\t", "a\u00a0b", "x\xffy z", "one two three four five six"} {
		n := len(strings.Fields(s))
		for k := 0; k <= n+2; k++ {
			if hasFields(s, k) != (n >= k) {
				t.Errorf("hasFields(%q, %d) = %v, Fields has %d", s, k, !(n >= k), n)
			}
		}
	}
}

// A line with non-ASCII bytes is lowered only so far: a prefix of the whole
// line lowered, of lowWindow bytes at least (runes that lower to fewer
// bytes, such as the Kelvin sign, and invalid bytes included).
func TestLowerPrefixNonASCII(t *testing.T) {
	var buf [lowWindow]byte
	for _, l := range []string{
		"Ünïcödé " + strings.Repeat("B", 600),
		strings.Repeat("\u212a", 300) + "PAGE",        // Kelvin sign: 3 bytes -> "k"
		strings.Repeat("é", 500),                      // the cut falls inside a rune
		"é" + strings.Repeat("x\xe2\x80", 200) + " z", // truncated sequences
		"Ωmega " + strings.Repeat("\xff", 400),
		"short é",
	} {
		full := strings.ToLower(l)
		low := lowerPrefix(l, &buf)
		if !strings.HasPrefix(full, low) {
			t.Errorf("lowerPrefix(%.20q…) is no prefix of the line lowered", l)
		}
		if len(low) < min(len(full), lowWindow) {
			t.Errorf("lowerPrefix(%.20q…): %d bytes, want %d at least", l, len(low), min(len(full), lowWindow))
		}
	}
}
