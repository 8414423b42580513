package clean

import "testing"

// spaceControls turns exactly tab, CR, LF, VT and FF into spaces, whatever
// their neighbours (every byte value at every offset of a word of eight).
func TestSpaceControls(t *testing.T) {
	base := "line one\nline two\r\n\tindented: “quoted” \x7f\x80 end"
	for c := 0; c < 256; c++ {
		for at := 0; at < 12; at++ {
			s := base[:at] + string([]byte{byte(c)}) + base[at:]
			got := []byte(s)
			spaceControls(got)
			want := []byte(s)
			for i, b := range want {
				if b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == '\v' {
					want[i] = ' '
				}
			}
			if string(got) != string(want) {
				t.Fatalf("spaceControls(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

// splitLines cuts at every LF, dropping a CR before it; a last line without
// a break is kept, an empty one after a final break is not.
func TestSplitLines(t *testing.T) {
	text := "a\r\nbb\n\nccc\r\rd\n"
	want := []line{{start: 0, end: 1}, {start: 3, end: 5}, {start: 6, end: 6}, {start: 7, end: 13}}
	got := splitLines(text)
	if len(got) != len(want) {
		t.Fatalf("splitLines: %d lines, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].start != want[i].start || got[i].end != want[i].end {
			t.Errorf("line %d: [%d,%d), want [%d,%d)", i, got[i].start, got[i].end, want[i].start, want[i].end)
		}
	}
	if got := splitLines("x\ny"); len(got) != 2 || got[1].start != 2 || got[1].end != 3 {
		t.Errorf("last line without a break: %+v", got)
	}
}
