package resolve

import (
	"slices"
	"testing"
)

// TestAddReusesNoState: the buffers one article leaves behind change
// nothing for the next. A resolver that read a long article first resolves
// a shorter one as a resolver that did not would (same ids for the second
// article's names, bare surname before given name included), and one
// article's many candidates leave no candidate for the next mention.
func TestAddReusesNoState(t *testing.T) {
	long := doc("a1", "Pia Lund", "Ola Lund", "Eva Lund", "org:Harbour Board", "place:Tromsø", "Nils Dahl", "Kari Dahl")
	short := doc("a2", "Berg", "Anna Berg", "place:Tromsø")
	warm := New()
	warm.Add(long)
	got := warm.Add(short)

	cold := New()
	cold.Add(doc("a1", "Pia Lund", "Ola Lund", "Eva Lund", "org:Harbour Board", "place:Tromsø", "Nils Dahl", "Kari Dahl"))
	want := cold.Add(doc("a2", "Berg", "Anna Berg", "place:Tromsø"))
	if !slices.Equal(got, want) {
		t.Fatalf("second article after a longer one: %q, want %q", got, want)
	}
	// the bare surname, listed first, still waits for the full name of its
	// article: both are Anna Berg
	if got[0] != got[1] || got[1] != "person:anna-berg" {
		t.Errorf("bare \"Berg\" → %q, full \"Anna Berg\" → %q: want person:anna-berg for both", got[0], got[1])
	}
	// an unknown surname after an ambiguous one is a new identity
	if ids := warm.Add(doc("a3", "Ivar Strand")); ids[0] == "" || slices.Contains(got, ids[0]) {
		t.Errorf("new name after an ambiguous article: %q", ids[0])
	}
}

// TestPersonContextSet: a person's context is the other names of its
// articles, each once, in id order, never its own name, also when its name
// comes twice in an article.
func TestPersonContextSet(t *testing.T) {
	r := New()
	r.Add(doc("a1", "Anna Berg", "org:Harbour Board", "place:Tromsø", "org:Harbour Board", "Anna Berg"))
	r.Add(doc("a2", "place:Bodø", "Anna Berg", "place:Tromsø"))
	e := r.Get("person:anna-berg")
	if e == nil {
		t.Fatal("no identity person:anna-berg")
	}
	var want []int32
	for _, n := range []string{"harbour board", "tromsø", "bodø"} {
		id, ok := r.ctxIDs[Fold(n)]
		if !ok {
			t.Fatalf("no context id for %q", n)
		}
		want = append(want, id)
	}
	slices.Sort(want)
	if !slices.Equal(e.context, want) {
		t.Errorf("context of Anna Berg = %v, want %v (own name %d)", e.context, want, r.ctxIDs["anna berg"])
	}
}
