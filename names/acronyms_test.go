package names_test

import (
	"slices"
	"testing"
)

// Capitalised words that spell the acronym in brackets after them are one
// organisation, which the acronym then names.
func TestNameSpeltByItsAcronym(t *testing.T) {
	d := analyze(t, "The team has been accused by the United States Anti-Cheating Agency (USACA) of being the source of the drug. The USACA claims that ten players were banned.\n")
	got := entities(d)
	if !slices.Contains(got, "United States Anti-Cheating Agency/organization") {
		t.Fatalf("no United States Anti-Cheating Agency/organization in %q", got)
	}
	for _, e := range d.Entities {
		if e.Name == "USACA" {
			t.Errorf("the acronym is an entity of its own: %q", got)
		}
	}
}
