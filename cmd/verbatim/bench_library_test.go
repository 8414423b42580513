package main

import (
	"slices"
	"testing"
)

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("10000, 50k,1M")
	if err != nil || !slices.Equal(got, []int{10000, 50000, 1000000}) {
		t.Fatalf("parseSizes = %v, %v", got, err)
	}
	for _, bad := range []string{"", "x", "-5", "10q"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) took it", bad)
		}
	}
	if s := humanCount(100000) + humanCount(2000000) + humanCount(1234); s != "100k2M1234" {
		t.Errorf("humanCount: %s", s)
	}
}
