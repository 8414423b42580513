package dates

import (
	"strings"
	"testing"
)

// TestLookupEveryWord checks the lookup table against the lexicon: every
// word is found in lower, upper and title case and with a final period, and
// words that only share a prefix with one are not.
func TestLookupEveryWord(t *testing.T) {
	for w, e := range lexicon {
		for _, form := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:], w + "."} {
			if strings.ContainsRune(w, '\'') || w != strings.ToLower(w) {
				continue
			}
			if got := lookup(form); got != e {
				t.Errorf("lookup(%q) = %v, want the entry of %q", form, got, w)
			}
		}
		if got := lookup(w + "zq"); got != nil && got.w != w+"zq" {
			t.Errorf("lookup(%q) = entry of %q", w+"zq", got.w)
		}
	}
	if lookup("Xyzzy") != nil || lookup("") != nil {
		t.Error("lookup of a word outside the lexicon")
	}
}
