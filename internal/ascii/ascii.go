// Package ascii holds byte tests on text that need no decoding.
package ascii

import "encoding/binary"

// IsDigits reports whether s is one or more ASCII digits.
func IsDigits[S ~string | ~[]byte](s S) bool {
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// AppendLower appends s to dst with the ASCII letters A-Z lowered and every
// other byte as it is (the same length), eight bytes at a time.
func AppendLower(dst []byte, s string) []byte {
	n := len(dst)
	dst = append(dst, s...)
	b := dst[n:]
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:]) // one load, where the byte-wise form took sixteen instructions
		if u := upperBits(w); u != 0 {
			binary.LittleEndian.PutUint64(b[i:], w|u>>2) // 0x80 >> 2 = 0x20: 'A' -> 'a'
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return dst
}

// upperBits has the high bit of each byte of w that is an ASCII upper-case
// letter set, and no other bit (SWAR: the seven low bits of each byte plus
// a constant cross 0x80 at 'A' and past 'Z', with no carry between bytes).
func upperBits(w uint64) uint64 {
	const (
		low7  = 0x7f7f7f7f7f7f7f7f
		highs = 0x8080808080808080
		geA   = 0x3f3f3f3f3f3f3f3f // 0x80 - 'A': crosses 0x80 from 'A' up
		gtZ   = 0x2525252525252525 // 0x7f - 'Z': crosses 0x80 past 'Z'
	)
	h := w & low7
	return (h + geA) &^ (h + gtZ) &^ w & highs
}
