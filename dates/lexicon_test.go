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

// TestMayStart checks lookup's inlined filter against the lexicon's
// first two letters: it rejects a word exactly when its first two bytes,
// lower-cased, begin no lexicon word (and never one of a non-ASCII first
// byte or of fewer than two bytes), and lookup finds the words it passes.
func TestMayStart(t *testing.T) {
	for a := range 256 {
		for b := range 256 {
			w := string([]byte{byte(a), byte(b)}) + "x"
			want := a >= 0x80 || startsWith(lower(byte(a)), lower(byte(b)))
			if got := mayStart(w); got != want {
				t.Fatalf("mayStart(%q) = %v, want %v", w, got, want)
			}
		}
	}
	if !mayStart("") || !mayStart("Z") {
		t.Fatal("mayStart rejects a word of fewer than two bytes")
	}
	for _, w := range []string{"Tuesday", "tuesday", "TUESDAY", "Sept.", "yesterday", "year-end", "the"} {
		if !mayStart(w) || lookup(w) == nil {
			t.Fatalf("%q not found", w)
		}
	}
	for _, w := range []string{"Blair", "xylophone", "Zq", "Qatar"} {
		if lookup(w) != nil {
			t.Fatalf("%q found in the lexicon", w)
		}
	}
}
