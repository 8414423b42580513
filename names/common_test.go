package names

import "testing"

func TestCommonWords(t *testing.T) {
	for w, want := range map[string]bool{"wireless": true, "Backs": true, "NOBODY": true, "Kills": true, "surgeon": true,
		"aardvark": true, "zygote": true, "Bush": false, "Brown": false, "May": false, "Tony": false, "Gupta": false,
		"it": false, "U.S.": false, "": false, "zzzz": false, "aaaa": false} {
		if got := isCommonWord(w); got != want {
			t.Errorf("%q: %v, want %v", w, got, want)
		}
	}
}
