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
