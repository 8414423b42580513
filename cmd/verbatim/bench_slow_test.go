package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
)

// TestSlowest: bench keeps the n documents whose stages took longest,
// slowest first, with their name and size.
func TestSlowest(t *testing.T) {
	s := newSlowest(2)
	for i, ms := range []int{5, 30, 1, 20, 2} {
		d := &verbatim.Doc{}
		s.add(d, time.Duration(ms)*time.Millisecond)
		s.add(d, time.Millisecond) // a second stage
		s.done(d, verbatim.Article{Source: "doc" + string(rune('a'+i)), Text: strings.Repeat("x", 1024*(i+1))})
	}
	var b bytes.Buffer
	s.print(&b, 100*time.Millisecond)
	out := b.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "31.0 ms") || !strings.HasSuffix(lines[1], "docb") ||
		!strings.Contains(lines[1], "2.0 KB") || !strings.HasSuffix(lines[2], "docd") || len(s.open) != 0 {
		t.Errorf("slowest:\n%s", out)
	}
}
