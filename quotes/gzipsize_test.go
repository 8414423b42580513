package quotes

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

// gzipSize finds the size a gzip stream records, and none of a reader
// that cannot seek.
func TestGzipSize(t *testing.T) {
	data := []byte(strings.Repeat("weights ", 5000))
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
