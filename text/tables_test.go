package text

import (
	"strings"
	"testing"
	"unicode"
)

// The byte tables say what the tests they replace said.
func TestByteTables(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Errorf("isSpace(%U) = %v", r, isSpace(r))
		}
	}
	for c := 0; c < 128; c++ {
		if innerJoiner[c] != strings.ContainsRune("'-.,&:/", rune(c)) {
			t.Errorf("innerJoiner[%q] = %v", rune(c), innerJoiner[c])
		}
		want := uint8(0)
		switch {
		case '0' <= c && c <= '9':
			want = classDigit
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			want = classLetter
		}
		if asciiClass[c] != want {
			t.Errorf("asciiClass[%q] = %d, want %d", rune(c), asciiClass[c], want)
		}
	}
	for c := 128; c < 256; c++ {
		if asciiClass[c] != 0 {
			t.Errorf("asciiClass[%#x] = %d, want 0", c, asciiClass[c])
		}
	}
}
