package quotes_test

import "testing"

func TestFindingsInAPoll(t *testing.T) {
	// the poll framing the sentence is the source of the clause after it
	check(t, "In a harbour survey released Monday, most dockers backed the strike over night shifts.",
		want{"most dockers backed the strike over night shifts", "indirect", "a harbour survey released Monday", "In", "", ""})
	// a poll noun modifying another or in a clause of its own is no source
	check(t, "In a visit to the polling places, the mayor opened a new road to the harbour.")
	check(t, "In the hours after polls closed Tuesday, the union held a party for its members.")
}
