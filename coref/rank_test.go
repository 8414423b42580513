package coref_test

import (
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
)

// A surname that is also a common word is the person the article names in
// full.
func TestSurnameCommonWord(t *testing.T) {
	d := analyze(t, "The song was written by radio DJ Mike Read last year.\n\nRead wrote the song before the storm. Singers will record it.")
	if e := resolve(d, word(t, d, "Read wrote")); name(d, e) != "Mike Read" {
		t.Errorf("Read -> %s, want Mike Read", name(d, e))
	}
}

// The subject of the sentence before a pronoun is a narration subject, not
// a name in what an attribution reports ("ignoring a ruling by Judge Lane,
// he said"), and an attribution inside another's words ("a ruling that …")
// does not make its source the last speaker.
func TestReportedNamesAreNotSubjects(t *testing.T) {
	s := "Tom Harwood spoke in Leeds on Monday about the cards. " +
		"Peter Lane had ruled that the cards broke the law, he said. " +
		"He added that the state was too big."
	d := analyze(t, s)
	tom := find(t, d, "Tom Harwood", 0)
	e0 := resolve(d, tom)
	lane := find(t, d, "Peter Lane", 0)
	e1 := resolve(d, lane)
	he := word(t, d, "he said")
	prior := []verbatim.Quote{
		{Span: find(t, d, "Peter Lane had ruled that the cards broke the law", 0), Speaker: e0, SpeakerAt: he},
		{Span: find(t, d, "the cards broke the law", 0), Speaker: e1, SpeakerAt: lane},
	}
	if e := coref.Resolve(d, word(t, d, "He added"), coref.Context{Prior: prior}); name(d, e) != "Tom Harwood" {
		t.Errorf("He -> %s, want Tom Harwood", name(d, e))
	}
}
