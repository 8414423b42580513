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

func TestPhraseBetweenCueAndContent(t *testing.T) {
	check(t, "The union leader says of the board, “If they get the chance, they will sell the harbour.”",
		want{"If they get the chance, they will sell the harbour.", "direct", "The union leader", "says", "", ""})
	check(t, "Olsen says at a rally in Bergen, Norway, that the ferry must keep running all winter.",
		want{"the ferry must keep running all winter", "indirect", "Olsen", "says", "", ""})
	check(t, "Olsen said after the meeting she would not accept the board's offer.",
		want{"she would not accept the board's offer", "indirect", "Olsen", "said", "", ""})
	// "it" opens the clause when a verb follows it, not a phrase's object
	check(t, "The harbour board said in a statement it is investigating the fire.",
		want{"it is investigating the fire", "indirect", "The harbour board", "said", "", ""})
}

func TestDemandsAndPromises(t *testing.T) {
	check(t, "The mayor called for reducing the harbour fees to five percent.",
		want{"reducing the harbour fees to five percent", "indirect", "The mayor", "called", "", ""})
	check(t, "Olsen called the offer “outrageous” and called for compensation to be paid to every docker.",
		want{"the offer “outrageous”", "mixed", "Olsen", "called", "", ""},
		want{"compensation to be paid to every docker", "indirect", "Olsen", "called", "", ""})
	check(t, "Olsen walked along the picket line on Monday, promising to keep the strike going until spring.",
		want{"to keep the strike going until spring", "indirect", "Olsen", "promising", "", ""})
}

func TestParticipleWithQuestion(t *testing.T) {
	check(t, "“We cannot sell the past,” Olsen said, emphasizing why the old harbour matters to the town today.",
		want{"We cannot sell the past", "direct", "Olsen", "said", "", ""},
		want{"why the old harbour matters to the town today", "indirect", "Olsen", "emphasizing", "", ""})
}

func TestLongOpenerBeforeSubject(t *testing.T) {
	check(t, "During a long speech at the harbour earlier in the day, Olsen attacked the board, saying, \"They are selling the town.\"",
		want{"the board", "indirect", "Olsen", "attacked", "", ""},
		want{"They are selling the town.", "direct", "Olsen", "saying", "", ""})
}

func TestLooseObjectEndsBeforeParticipleClause(t *testing.T) {
	// the reporter's participle clause is no part of the ruling
	check(t, "A federal court ruled against the harbour board's plan to sell the terminal, dealing a blow to the mayor.",
		want{"the harbour board's plan to sell the terminal", "indirect", "A federal court", "ruled", "", ""})
}

func TestLooseObjectEndsBeforeSubordinateClause(t *testing.T) {
	check(t, "The council condemned the sale of the northern terminal while the mayor was abroad.",
		want{"the sale of the northern terminal", "indirect", "The council", "condemned", "", ""})
}

func TestQuotedTitleIsNoQuote(t *testing.T) {
	check(t, "Sunday on the radio station’s “Harbour Morning Show,” Mara Olsen said the strike would go on until spring.",
		want{"the strike would go on until spring", "indirect", "Mara Olsen", "said", "", ""})
}

func TestParentheticalAccordingTo(t *testing.T) {
	check(t, "At the heart of the dispute, according to a former harbour master, was a decision to sell the northern terminal.",
		want{"At the heart of the dispute, according to a former harbour master, was a decision to sell the northern terminal", "indirect", "a former harbour master", "according to", "", ""})
	check(t, "In addition, according to the ministry, nine ferries will stop running in the winter.",
		want{"nine ferries will stop running in the winter", "indirect", "the ministry", "according to", "", ""})
}

func TestAccordingToWithoutComma(t *testing.T) {
	check(t, "The strike ended. According to the harbour authority most of the ferries were cancelled.",
		want{"most of the ferries were cancelled", "indirect", "the harbour authority", "According to", "", ""})
	check(t, "The strike ended. According to recent figures from the ministry the night ferries were cancelled.",
		want{"the night ferries were cancelled", "indirect", "recent figures from the ministry", "According to", "", ""})
}

func TestLightVerbCuePhrase(t *testing.T) {
	// a light verb and a speech noun or "clear" make one cue, and a
	// statement
	d := analyse(t, "The strike ended. The mayor made it clear that the ferry would run all winter.")
	q := find(d, "the ferry would run all winter")
	if q == nil || d.Word(q.Cue) != "made it clear" || q.Kind != "statement" {
		t.Fatalf("made it clear: got %+v", q)
	}
	d = analyse(t, "The strike ended. The show's director issued a warning that the pier was unsafe for children.")
	q = find(d, "the pier was unsafe for children")
	if q == nil || d.Word(q.Cue) != "issued a warning" || q.Kind != "statement" {
		t.Fatalf("issued a warning: got %+v", q)
	}
	if len(d.Quotes) != 1 {
		t.Errorf("a noun before its possessive is no cue: %d quotes", len(d.Quotes))
	}
	// a cue verb keeps its own cue: "denied claims that"
	check(t, "The strike ended. Olsen denied claims that the union had been paid.",
		want{"the union had been paid", "indirect", "Olsen", "denied", "", ""})
}

func TestRepeatedClaimIsAStatement(t *testing.T) {
	// a verb of repetition with a noun of saying as its object says the
	// claim again: a statement of its subject, whatever the model scores
	for _, c := range []struct{ text, content string }{
		{"The strike ended. Olsen also repeated past claims that the harbour would have stayed open had she been in charge.", "the harbour would have stayed open had she been in charge"},
		{"The strike ended. The mayor reiterated his warning that the pier would close for the winter.", "the pier would close for the winter"},
	} {
		d := analyse(t, c.text)
		q := find(d, c.content)
		if q == nil || q.Kind != "statement" {
			t.Errorf("%q: got %+v", c.text, q)
		}
	}
}
