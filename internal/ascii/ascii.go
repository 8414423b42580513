// Package ascii holds byte tests on text that need no decoding.
package ascii

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
