package quotes_test

import "testing"

func TestSecondPredicateEndsContent(t *testing.T) {
	// "X said A and encouraged B", "X said A — and he noted that B": two
	// attributions, not one content over both
	check(t, "Olsen tweeted that the board was “disgusting” and encouraged dockers to join the march.",
		want{"the board was “disgusting”", "mixed", "Olsen", "tweeted", "", ""})
	check(t, "Olsen said the strike would go on for weeks and the mayor noted that the port was losing money.",
		want{"the strike would go on for weeks", "indirect", "Olsen", "said", "", ""},
		want{"the port was losing money", "indirect", "the mayor", "noted", "", ""})
}
