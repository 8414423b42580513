package input

import (
	"math/rand"
	"testing"
)

// binaryShareSlow is binaryShare byte by byte, as it was written first.
func binaryShareSlow(data []byte) int {
	n := min(len(data), 8192)
	ctl, nul := countControls(data[:n])
	if n == 0 {
		return 0
	}
	share := (ctl*100 + n - 1) / n
	if nul || ctl*20 > n {
		return max(share, 1)
	}
	return 0
}

// The eight-bytes-at-a-time scan counts exactly what a byte-by-byte one
// does, whatever the mix of text, controls, DEL and high bytes.
func TestBinaryShareMatchesByteScan(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alphabet := []byte("abcXYZ 019\n\t\r\f\x00\x01\x1f\x7f\x80\xe2\x99\xff ~`")
	for trial := 0; trial < 2000; trial++ {
		b := make([]byte, r.Intn(300))
		for i := range b {
			if r.Intn(4) == 0 {
				b[i] = alphabet[r.Intn(len(alphabet))]
			} else {
				b[i] = byte('a' + r.Intn(26))
			}
		}
		if got, want := binaryShare(b), binaryShareSlow(b); got != want {
			t.Fatalf("%q: binaryShare %d, byte scan %d", b, got, want)
		}
	}
	big := make([]byte, 10000)
	for i := range big {
		big[i] = 'a'
	}
	big[9000] = 0 // past the first 8 KB: not read
	if got := binaryShare(big); got != 0 {
		t.Errorf("a NUL past 8 KB: %d, want 0", got)
	}
	big[8000] = 0
	if got := binaryShare(big); got != 1 {
		t.Errorf("a NUL in the first 8 KB: %d, want 1", got)
	}
}
