package sized

import (
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadAllSizeHint reads whole inputs whatever the size hint says (the
// file may have grown or shrunk since it was examined), never past limit.
func TestReadAllSizeHint(t *testing.T) {
	data := strings.Repeat("abcdefghij", 100) // 1000 bytes
	for _, tc := range []struct {
		size, limit int64
		want        int
	}{
		{1000, 2000, 1000}, {0, 2000, 1000}, {10, 2000, 1000}, {999, 2000, 1000}, {1001, 2000, 1000},
		{5000, 2000, 1000}, {1000, 501, 501}, {100, 501, 501}, {500, 501, 501},
	} {
		got, err := ReadAll(iotest.OneByteReader(strings.NewReader(data)), tc.size, tc.limit)
		if err != nil || string(got) != data[:tc.want] {
			t.Errorf("size %d limit %d: got %d bytes (err %v), want %d", tc.size, tc.limit, len(got), err, tc.want)
		}
		got, err = ReadAll(strings.NewReader(data), tc.size, tc.limit)
		if err != nil || string(got) != data[:tc.want] {
			t.Errorf("size %d limit %d (one read): got %d bytes (err %v), want %d", tc.size, tc.limit, len(got), err, tc.want)
		}
	}
}
