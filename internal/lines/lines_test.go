package lines

import (
	"slices"
	"testing"
)

func TestHead(t *testing.T) {
	got := slices.Collect(Head("  Masthead \n\n\t\nHeadline\r\nBody one\nBody two", 3))
	if !slices.Equal(got, []string{"Masthead", "Headline", "Body one"}) {
		t.Errorf("%q", got)
	}
	for l := range Head("a\nb\nc", 5) {
		if l == "b" {
			break // stopping early is allowed
		}
	}
	if got := slices.Collect(Head("", 3)); len(got) != 0 {
		t.Errorf("empty text: %q", got)
	}
}
