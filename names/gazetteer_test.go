package names

import (
	"testing"

	"github.com/verbatim-news/verbatim"
)

// TestCityListAndGivenNames checks the large gazetteers compiled from
// public data (data/cities.txt, data/given.txt): multi-word places are
// marked as one, accents folded, and given names carry their flag.
func TestCityListAndGivenNames(t *testing.T) {
	var f sentFeats
	words := []string{"Officials", "in", "Rio", "de", "Janeiro", "and", "Jalalabad", "met", "Yvonne", "in", "Gary"}
	f.prepare(words, nil)
	want := []uint8{0, 0, 1, 2, 2, 0, 1, 0, 0, 0, 1}
	for i, w := range want {
		if f.city[i] != w {
			t.Errorf("city tag of %q = %d, want %d (all %v)", words[i], f.city[i], w, f.city)
		}
	}
	for i := range words {
		f.ensure(i)
	}
	if f.lexOf(8)&lexGiven == 0 || f.lexOf(6)&lexGiven != 0 {
		t.Errorf("given-name flags: Yvonne %b, Jalalabad %b", f.lexOf(8), f.lexOf(6))
	}
}

// TestHeadlineModes checks the sentence-level casing flags the tagger
// conditions word identities on.
func TestHeadlineModes(t *testing.T) {
	var f sentFeats
	for _, c := range []struct {
		words        []string
		upper, title bool
	}{
		{[]string{"Yvonne", "Hiller", "Kills", "Two", "In", "Kraft", "Shooting"}, false, true},
		{[]string{"WINSTON", "BLACKMORE", "CHARGED", "IN", "CANADA"}, true, false},
		{[]string{"Yvonne", "Hiller", "killed", "two", "people", "at", "Kraft", "."}, false, false},
	} {
		f.prepare(c.words, nil)
		if f.upper != c.upper || f.title != c.title {
			t.Errorf("%q: upper %v title %v, want %v %v", c.words, f.upper, f.title, c.upper, c.title)
		}
	}
}

// TestPlacesAndTeamsStayApart checks that a city the tagger types as a
// place and the same word typed as an organisation (a team, a government)
// are two entities, and that a capitalised "NEW" keeps its place name.
func TestPlacesAndTeamsStayApart(t *testing.T) {
	if !beginsName("NEW") || !beginsName("New") || beginsName("Said") {
		t.Error("beginsName")
	}
	d := &verbatim.Doc{}
	d.Mentions = []verbatim.Mention{
		{Span: verbatim.Span{Start: 0, End: 7}, Text: "CHICAGO", Type: verbatim.Place, Entity: -1},
		{Span: verbatim.Span{Start: 20, End: 27}, Text: "Chicago", Type: verbatim.Organization, Entity: -1},
		{Span: verbatim.Span{Start: 40, End: 47}, Text: "Chicago", Type: verbatim.Organization, Entity: -1},
	}
	d.Text = string(make([]byte, 60))
	d.Clean = d.Text
	group(d)
	if len(d.Entities) != 2 {
		t.Fatalf("%d entities, want the city and the team: %+v", len(d.Entities), d.Entities)
	}
}
