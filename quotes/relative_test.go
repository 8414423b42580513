package quotes_test

import "testing"

func TestRelativeClauseAttribution(t *testing.T) {
	// the relative clause holding the cue is the content
	check(t, "The town built a new bridge over the river, which the mayor said would last a hundred years.",
		want{"which the mayor said would last a hundred years", "indirect", "the mayor", "said", "", ""})
	// it ends at a comma
	check(t, "The town built a new bridge over the river, which the mayor said would last a century, in 1990.",
		want{"which the mayor said would last a century", "indirect", "the mayor", "said", "", ""})
	// without a complement there is no content
	check(t, "The town built a new bridge over the river, which the mayor claimed.")
	// inside another attribution's content the clause is part of it
	check(t, "The mayor said the bridge was safe, which he claimed had been doubted by the old council.",
		want{"the bridge was safe, which he claimed had been doubted by the old council", "indirect", "The mayor", "said", "", ""})
}

func TestRelativeSubjectContentEnds(t *testing.T) {
	// a relative pronoun as the cue's subject: the content ends with the clause
	check(t, "The mayor, who endorsed Ramos, left the party on Monday.",
		want{"Ramos", "indirect", "who", "endorsed", "", ""})
	check(t, "Most dockers who supported the strike were young.",
		want{"the strike", "indirect", "who", "supported", "", ""})
}
