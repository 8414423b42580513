package quotes_test

import "testing"

func TestInvertedAttributionAfterParticipleClause(t *testing.T) {
	// "CLAUSE, PARTICIPLE CLAUSE, said SOURCE.": the source is after the
	// cue, not the noun before the comma
	check(t, "Ferry traffic has tripled since March, overtaking the road bridge, said the harbour authority.",
		want{"Ferry traffic has tripled since March, overtaking the road bridge", "indirect", "the harbour authority", "said", "", ""})
	// an appositive before the cue still names the speaker
	check(t, "Olsen, speaking at a rally in Bergen, said the strike would go on.",
		want{"the strike would go on", "indirect", "Olsen", "said", "", ""})
}

func TestReportAfterItsCue(t *testing.T) {
	check(t, "Harbour fees must be cut first, said the report.",
		want{"Harbour fees must be cut first", "indirect", "the report", "said", "", ""})
}

func TestNameThatIsACueWord(t *testing.T) {
	// a capitalised cue word before the cue is a name
	check(t, "The strike ended on Monday. Mr Read said all the funds would go to the dockers' fund.",
		want{"all the funds would go to the dockers' fund", "indirect", "Mr Read", "said", "", ""})
}
