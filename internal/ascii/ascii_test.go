package ascii

import "testing"

func TestIsDigits(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, "0": true, "1996": true, "12a": false, " 12": false, "1.5": false,
		"-3": false, "١٢": false, "/": false, ":": false, "0123456789": true,
	} {
		if got := IsDigits(s); got != want {
			t.Errorf("IsDigits(%q) = %v", s, got)
		}
		if got := IsDigits([]byte(s)); got != want {
			t.Errorf("IsDigits([]byte(%q)) = %v", s, got)
		}
	}
}

// AppendLower lowers exactly the bytes A-Z, whatever their neighbours
// (every byte value at every offset of a word of eight).
func TestAppendLower(t *testing.T) {
	slow := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	base := "Mr SMITH said: “We’ll see.” 1999 @[`{ ZAaz"
	for c := 0; c < 256; c++ {
		for at := 0; at < 12; at++ {
			s := base[:at] + string([]byte{byte(c)}) + base[at:]
			if got, want := string(AppendLower([]byte("X"), s)), "X"+slow(s); got != want {
				t.Fatalf("AppendLower(%q) = %q, want %q", s, got, want)
			}
		}
	}
}
