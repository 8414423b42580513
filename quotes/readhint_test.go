package quotes

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

// readAllHint reads everything whatever the hint (none, short, exact,
// long), and gzipSize finds the size a gzip stream records.
func TestReadAllHint(t *testing.T) {
	data := []byte(strings.Repeat("weights ", 5000))
	for _, hint := range []int{0, 1, 100, len(data) - 1, len(data), len(data) + 1, 10 * len(data)} {
		got, err := readAllHint(bytes.NewReader(data), hint)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("hint %d: %d bytes, err %v; want %d bytes", hint, len(got), err, len(data))
		}
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	if n := gzipSize(bytes.NewReader(gz.Bytes())); n != len(data) {
		t.Errorf("gzipSize = %d, want %d", n, len(data))
	}
	if n := gzipSize(io.LimitReader(bytes.NewReader(gz.Bytes()), 10)); n != 0 {
		t.Errorf("gzipSize of a plain reader = %d, want 0", n)
	}
}
