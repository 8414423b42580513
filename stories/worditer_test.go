package stories

import (
	"math/rand"
	"slices"
	"testing"
)

// wordIterByte is wordIter as it was written first, a byte at a time: the
// table-driven one must give the same words, hashes and ends.
func wordIterByte(s string, f func(w []byte, end int)) {
	var buf []byte
	i := 0
	flush := func() {
		if len(buf) > 0 {
			f(buf, i)
			buf = buf[:0]
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			buf = append(buf, c)
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+32)
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80:
			flush()
			i += 2
		case c == 0xC2 && i+1 < len(s) && (s[i+1] == 0xA0 || s[i+1] == 0xAB || s[i+1] == 0xBB):
			flush()
			i++
		case c >= 0x80:
			buf = append(buf, c)
		case c == '\'' || c == '.' && len(buf) > 0 && len(buf) <= 2 && i+1 < len(s) && s[i+1] >= 'A' && s[i+1] <= 'Z':
			if c == '\'' && i+1 < len(s) && s[i+1] == 's' && (i+2 >= len(s) || !isAlnum(s[i+2])) {
				flush()
				i++
			}
		default:
			flush()
		}
	}
	flush()
}

type iterWord struct {
	w   string
	h   uint64
	end int
}

func TestWordIterMatchesByteLoop(t *testing.T) {
	texts := []string{
		"", "a", "U.S. officials said Trump's plan won't work — “really”…",
		"Mr. Blair's 3.5% rise, the U.K.'s A.B.C. and 100,000 people\u00a0in «Kyiv» at 10:30",
		"ends with 's", "ends with '", "\xe2\x80", "\xc2", "café Zürich ÉTÉ",
	}
	alphabet := []string{"a", "Z", "0", " ", ".", "'", "s", "S", "U", "\xe2\x80\x99", "\xe2\x80", "\xe2", "\xc2\xa0", "\xc2\xab", "\xc2", "é", "\xff", "-", ","}
	r := rand.New(rand.NewSource(1))
	for range 5000 {
		var b []byte
		for range r.Intn(40) {
			b = append(b, alphabet[r.Intn(len(alphabet))]...)
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		var want, got []iterWord
		wordIterByte(s, func(w []byte, end int) { want = append(want, iterWord{string(w), hashWord(w), end}) })
		wordIter(s, nil, func(w []byte, h uint64, end int) { got = append(got, iterWord{string(w), h, end}) })
		if !slices.Equal(got, want) {
			t.Fatalf("%q: got %v, want %v", s, got, want)
		}
	}
}
