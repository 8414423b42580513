// Package jsonstr writes JSON strings without reflection, escaped as
// encoding/json escapes them with SetEscapeHTML(false): the one encoder of
// the output records and of the JSON the stores build by hand.
package jsonstr

import "unicode/utf8"

const hexDigits = "0123456789abcdef"

// safeASCII marks the bytes written as they are: ASCII from space up, but
// the quote and the backslash.
var safeASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// Append appends s as a JSON string, escaped as encoding/json does without
// HTML escaping: quote, backslash and control characters; invalid UTF-8
// becomes U+FFFD; U+2028 and U+2029 are escaped. Where s is valid UTF-8
// without U+2028 and U+2029 that is also the text SQLite's json_array gives.
func Append[S ~string | ~[]byte](b []byte, s S) []byte {
	b = append(b, '"')
	start := 0
	for i, next := 0, 0; i < len(s); {
		if i >= next {
			// eight bytes at a time while all are written as they are
			// (most text); else the next eight byte by byte
			for i+8 <= len(s) && safe8(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
				uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56) {
				i += 8
			}
			next = i + 8
			if i >= len(s) {
				break
			}
		}
		c := s[i]
		if safeASCII[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		var head [utf8.UTFMax]byte
		r, size := utf8.DecodeRune(head[:copy(head[:], s[i:])])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// safe8 reports whether the eight bytes of w are all safeASCII: none at or
// above 0x80, below 0x20, a quote or a backslash (SWAR: x has a zero byte
// when (x-ones)&^x&highs is not 0, a byte below 0x20 when (x-lows)&^x&highs).
func safe8(w uint64) bool {
	const (
		ones   = 0x0101010101010101
		lows   = 0x2020202020202020
		highs  = 0x8080808080808080
		quote  = 0x2222222222222222
		bslash = 0x5c5c5c5c5c5c5c5c
	)
	q, k := w^quote, w^bslash
	return (w|(w-lows)&^w|(q-ones)&^q|(k-ones)&^k)&highs == 0
}
