package names

import (
	_ "embed"
	"strings"
)

// commonText is data/common.txt: common English words, sorted, one a line
// after the comment lines (scripts/commonwords).
//
//go:embed data/common.txt
var commonText string

// commonWords is commonText without its comment lines.
var commonWords = func() string {
	s := commonText
	for strings.HasPrefix(s, "#") {
		_, s, _ = strings.Cut(s, "\n")
	}
	return s
}()

// isCommonWord reports whether w, in any case, is a common English word that
// is never a name ("wireless", "kills", "surgeon"; not "Bush", "Brown" or
// "May"): a binary search of the sorted list, nothing loaded.
func isCommonWord(w string) bool {
	if i := strings.IndexByte(w, '-'); i > 0 && i < len(w)-1 { // "Game-Winning"
		for _, part := range strings.Split(w, "-") {
			if !isCommonWord(part) {
				return false
			}
		}
		return true
	}
	if len(w) < 3 || len(w) > 24 {
		return false
	}
	var a [24]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c < 'a' || c > 'z':
			return false
		}
		a[i] = c
	}
	key := string(a[:len(w)]) // does not escape: compared only
	s := commonWords
	lo, hi := 0, len(s)
	for lo < hi {
		mid := lo + (hi-lo)/2
		// the line that holds mid
		start := strings.LastIndexByte(s[lo:mid], '\n') + 1 + lo
		end := strings.IndexByte(s[mid:hi], '\n')
		if end < 0 {
			end = hi
		} else {
			end += mid
		}
		switch line := s[start:end]; {
		case line == key:
			return true
		case line < key:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}
