package coref

import (
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// TestCanonical checks that a speaker resolved to one name of an
// organisation is reported under the name the article uses most.
func TestCanonical(t *testing.T) {
	org, misc, per := verbatim.Organization, verbatim.Misc, verbatim.Person
	d := &verbatim.Doc{Entities: []verbatim.Entity{
		{Name: "Tory", Type: misc, Mentions: []int{0, 1, 2, 3}},            // 0: the adjective
		{Name: "Conservatives", Type: org, Mentions: []int{4, 5}},          // 1
		{Name: "Conservative Party", Type: org, Mentions: []int{6}},        // 2
		{Name: "S&P", Type: org, Mentions: []int{7, 8, 9}},                 // 3
		{Name: "Standard & Poor", Type: org, Mentions: []int{10}},          // 4
		{Name: "Liberal Democrat", Type: org, Mentions: []int{11}},         // 5
		{Name: "Liberal Democrats", Type: org, Mentions: []int{12, 13}},    // 6
		{Name: "Lib Dem", Type: per, Mentions: []int{14}},                  // 7: mistyped
		{Name: "Sam Pearson", Type: per, Mentions: []int{15}},              // 8
		{Name: "UK Independence Party", Type: org, Mentions: []int{16}},    // 9
		{Name: "UKIP", Type: org, Mentions: []int{17, 18}},                 // 10
		{Name: "Friends of the Earth", Type: org, Mentions: []int{19, 20}}, // 11
	}}
	for _, c := range []struct{ e, want int }{
		{0, 1},   // Tory: the Conservatives, used more than the Conservative Party
		{2, 1},   // Conservative Party: the same
		{1, 1},   // the Conservatives themselves
		{3, 4},   // S&P: Standard & Poor
		{5, 6},   // Liberal Democrat: Liberal Democrats
		{7, 6},   // Lib Dem, even typed a person
		{8, 8},   // a person is not an acronym's expansion
		{10, 10}, // UKIP: used more than its full name
		{9, 10},
		{11, 11}, // no other name
		{-1, -1},
	} {
		if got := canonical(d, c.e); got != c.want {
			name := "<none>"
			if c.e >= 0 {
				name = d.Entities[c.e].Name
			}
			t.Errorf("canonical(%s) = %d, want %d", name, got, c.want)
		}
	}
	if initials("Standard & Poor") != "S&P" || initials("UK Independence Party") != "UKIP" || initials("Labour") != "" || initials("United States Anti-Doping Agency") != "USADA" {
		t.Errorf("initials: %q %q", initials("Standard & Poor"), initials("UK Independence Party"))
	}
}

// An acronym the article spells out in brackets is that organisation's,
// though its initials differ ("People" has none in RNID).
func TestAcronymDefinedInBrackets(t *testing.T) {
	org := verbatim.Organization
	text := "The North Sea Fishermen's Federation Limited (NSFF) said quotas would fall. The NSFF said"
	full := verbatim.Span{Start: 4, End: strings.Index(text, " (")}
	a1 := strings.Index(text, "NSFF")
	a2 := strings.LastIndex(text, "NSFF")
	d := &verbatim.Doc{Clean: text,
		Mentions: []verbatim.Mention{{Span: full, Entity: 0}, {Span: verbatim.Span{Start: a1, End: a1 + 4}, Entity: 1}, {Span: verbatim.Span{Start: a2, End: a2 + 4}, Entity: 1}},
		Entities: []verbatim.Entity{
			{Name: "North Sea Fishermen's Federation Limited", Type: org, Mentions: []int{0}},
			{Name: "NSFF", Type: org, Mentions: []int{1, 2}},
		}}
	if got := canonical(d, 1); got != 0 {
		t.Errorf("canonical(NSFF) = %d, want 0 (its spelt-out name)", got)
	}
	d.Clean = strings.Replace(text, "(NSFF)", "(NSF)", 1)
	if got := canonical(d, 1); got != 1 {
		t.Errorf("canonical(NSFF) = %d with another acronym in brackets, want 1", got)
	}
}
