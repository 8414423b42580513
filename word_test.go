package verbatim

import "testing"

// Word collapses line breaks, tabs and runs of spaces to one space, and
// returns a span without them as it is.
func TestWordCollapsesSpaces(t *testing.T) {
	d := &Doc{Clean: "the U.S.\npresident  said\t\tit \r\n ends. Plain words, é and “marks”"}
	for _, c := range []struct {
		sp   Span
		want string
	}{
		{Span{0, 18}, "the U.S. president"},
		{Span{9, 28}, "president said it"},
		{Span{9, 24}, "president said"}, // two spaces, nothing else
		{Span{9, 37}, "president said it ends."},
		{Span{38, 69}, "Plain words, é and “marks”"},
		{Span{4, 4}, ""},
		{Span{-1, 3}, ""},
	} {
		if got := d.Word(c.sp); got != c.want {
			t.Errorf("Word(%v) = %q, want %q", c.sp, got, c.want)
		}
	}
}
