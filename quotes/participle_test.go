package quotes_test

import "testing"

// A participle of speech after an object or a place speaks for the
// subject of its clause, not for the noun phrase just before it.

func TestParticipleAfterObjectSpeaksForSubject(t *testing.T) {
	speakerCheck(t, "Mara Olsen cancelled a visit to the new harbour terminal saying she was too ill to travel.",
		"she was too ill to travel", "Mara Olsen", "Mara Olsen")
	speakerCheck(t, "Peter Lind also quit the harbour board saying the new terminal was far too costly.",
		"the new terminal was far too costly", "Peter Lind", "Peter Lind")
	speakerCheck(t, "Mara Olsen stayed in the old farmhouse saying she would not leave the valley.",
		"she would not leave the valley", "Mara Olsen", "Mara Olsen")
}

func TestGerundSubjectKeepsItsSpeech(t *testing.T) {
	// "despite X saying", "of X saying": X is who speaks
	speakerCheck(t, "The vote went ahead despite Peter Lind saying the board had no quorum.",
		"the board had no quorum", "Peter Lind", "Peter Lind")
}

func TestSubjectReadsOverBracketedAbbreviation(t *testing.T) {
	speakerCheck(t, "Harbour operator (HO) Nordlink also joined the talks saying the terminal would bring new jobs.",
		"the terminal would bring new jobs", "Harbour operator (HO) Nordlink", "Nordlink")
}

func TestQuotedAsSayingAfterQuote(t *testing.T) {
	src := "“The harbour will be closed for a month,” the agency quoted harbour master Jonas Lind as saying."
	speakerCheck(t, src, "The harbour will be closed for a month", "harbour master Jonas Lind", "Jonas Lind")
	d := analyseNamed(t, src)
	if q := find(d, "The harbour will be closed for a month"); q == nil || d.Word(q.Via) != "the agency" {
		t.Errorf("relay: got %+v", q)
	}
}

func TestCoordinatedCueKeepsTheFirstSubject(t *testing.T) {
	// a later cue inside the first verb phrase ("recommended") does not
	// replace the clause's subject for "and said"
	speakerCheck(t, "But the union's lawyer Peter Lind called the five-year recommended sentence “harsh” and said his client was innocent.",
		"his client was innocent", "Peter Lind", "Peter Lind")
}

func TestSubjectPhraseDoesNotStartWithOf(t *testing.T) {
	speakerCheck(t, "The board met on Friday. A number of large Nordlink shareholders expressed anger at the offer, saying that it was far too low.",
		"it was far too low", "A number of large Nordlink shareholders", "")
}

func TestPercentageSubject(t *testing.T) {
	speakerCheck(t, "Most passengers were happy with the ferries. Only 18% of all commuters say the timetable suits them.",
		"the timetable suits them", "Only 18% of all commuters", "")
}
