package synthlib

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim/internal/shared"
)

func corpus(t *testing.T) *Corpus {
	t.Helper()
	c, err := Load(shared.Path(t, "data/bbc"), shared.Path(t, "data/wikiref220"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGeneratorDeterministicUniqueDated(t *testing.T) {
	c := corpus(t)
	if c.Len() < 2000 {
		t.Fatalf("read %d source articles, want the BBC and WikiRef ones", c.Len())
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var a, b bytes.Buffer
	if err := NewGenerator(c, 3, 2000, 730, start).Write(&a, 2000); err != nil {
		t.Fatal(err)
	}
	NewGenerator(c, 3, 2000, 730, start).Write(&b, 2000)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same seed gave different articles")
	}
	var o bytes.Buffer
	NewGenerator(c, 4, 2000, 730, start).Write(&o, 10)
	if bytes.HasPrefix(a.Bytes(), o.Bytes()[:200]) {
		t.Fatal("another seed gave the same articles")
	}

	g := NewGenerator(c, 3, 1000, 730, start)
	texts, outlets, ids := map[string]bool{}, map[string]bool{}, map[string]bool{}
	first, last := "9999", ""
	for i := 0; i < 1000; i++ {
		x := g.Next()
		if texts[x.Text] || ids[x.ID] {
			t.Fatalf("article %d repeats a text or id", i)
		}
		texts[x.Text], ids[x.ID], outlets[x.Outlet] = true, true, true
		if strings.TrimSpace(x.Text) == "" || x.Title == "" {
			t.Fatalf("article %d has no text or title", i)
		}
		first, last = min(first, x.Published), max(last, x.Published)
	}
	if len(outlets) < 20 {
		t.Errorf("%d outlets, want varied outlets", len(outlets))
	}
	if first != "2024-01-01" || last < "2025-12-01" || last > "2026-01-03" {
		t.Errorf("dates %s..%s, want two years from 2024-01-01", first, last)
	}
	// later articles continue after the library's span
	if x := g.Next(); x.Published < "2025-12-29" {
		t.Errorf("article after the library dated %s", x.Published)
	}
}
