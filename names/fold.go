package names

import (
	"strings"
	"unicode/utf8"
)

// Allocation-free lower-casing for the lexicon look-ups of the names stage:
// most words are short ASCII, which is lowered into a stack buffer; other
// words fall back to strings.ToLower (same result).

// lowerBytes returns the lower case of s, in buf when s is ASCII and fits.
func lowerBytes(buf []byte, s string) []byte {
	if len(s) > len(buf) {
		return []byte(strings.ToLower(s))
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return []byte(strings.ToLower(s))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b
}

// lowerIn returns m[strings.ToLower(s)] without allocating for ASCII words.
func lowerIn[V any](m map[string]V, s string) V {
	var a [48]byte
	return m[string(lowerBytes(a[:], s))]
}

// asciiSpace marks the bytes strings.Fields splits on below 0x80.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// appendFields appends the fields of s (as strings.Fields splits them) to dst.
func appendFields(dst []string, s string) []string {
	if !isASCII(s) {
		return append(dst, strings.Fields(s)...)
	}
	start := -1
	for i := 0; i < len(s); i++ {
		if asciiSpace[s[i]] {
			if start >= 0 {
				dst = append(dst, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

// numFields returns len(strings.Fields(s)) without allocating for ASCII s.
func numFields(s string) int {
	if !isASCII(s) {
		return len(strings.Fields(s))
	}
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := asciiSpace[s[i]]
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// joinedLen returns len(strings.Join(w, " ")).
func joinedLen(w []string) int {
	if len(w) == 0 {
		return 0
	}
	n := len(w) - 1
	for _, x := range w {
		n += len(x)
	}
	return n
}

// upperForm reports whether strings.ToUpper(s) == s, without building the
// upper case of an ASCII word.
func upperForm(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return strings.ToUpper(s) == s
		case 'a' <= c && c <= 'z':
			return false
		}
	}
	return true
}
