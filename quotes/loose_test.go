package quotes_test

import "testing"

// Loose cues: stance, intention and belief verbs whose clause or object
// follows without "that" (PolNeAR marks these as attributions).

func TestLooseStanceCue(t *testing.T) {
	check(t, "The senator called the new tax plan a disaster for families.",
		want{"the new tax plan a disaster for families", "indirect", "The senator", "called", "", ""})
}

func TestLooseCalledFor(t *testing.T) {
	check(t, "The union called for the resignation of the transport minister.",
		want{"the resignation of the transport minister", "indirect", "The union", "called", "", ""})
}

func TestObjectCueShortObject(t *testing.T) {
	check(t, "The governor endorsed Ramos.",
		want{"Ramos", "indirect", "The governor", "endorsed", "", ""})
}

func TestBeliefWithoutThat(t *testing.T) {
	check(t, "Some officials think the mayor is at risk of losing the primary.",
		want{"the mayor is at risk of losing the primary", "indirect", "Some officials", "think", "", ""})
}

func TestRelayCueWithoutThat(t *testing.T) {
	check(t, "The firm reported it sold $30 million in goods in the quarter.",
		want{"it sold $30 million in goods in the quarter", "indirect", "The firm", "reported", "", ""})
}

func TestLooseObjectEndsAtSecondPredicate(t *testing.T) {
	check(t, "The senator denounced the new tax plan for working families and accused the governor of lying.",
		want{"the new tax plan for working families", "indirect", "The senator", "denounced", "", ""},
		want{"the governor of lying", "indirect", "The senator", "accused", "", ""})
}

func TestInWhichHeSays(t *testing.T) {
	check(t, "The ad includes a clip of an interview, in which he says he will build a new wall.",
		want{"he will build a new wall", "indirect", "he", "says", "", ""})
}

func TestLooseCueBeforeGerundIsActivity(t *testing.T) {
	check(t, "Both armies continued trading heavy strikes through the weekend.")
}

func TestAccordingToPhraseSource(t *testing.T) {
	check(t, "Late Sunday, the mayor won the primary in the north, according to early returns.",
		want{"Late Sunday, the mayor won the primary in the north", "indirect", "early returns", "according to", "", ""})
}

func TestCoordinatedSpeechCue(t *testing.T) {
	check(t, "Ms. Lind said she had met the builder twice but said neither builder played a role in the deal.",
		want{"she had met the builder twice", "indirect", "Ms. Lind", "said", "", ""},
		want{"neither builder played a role in the deal", "indirect", "Ms. Lind", "said", "", ""})
}

func TestTalkingAboutTopic(t *testing.T) {
	check(t, "The candidate was talking about the working class in every town.",
		want{"the working class in every town", "indirect", "The candidate", "talking", "", ""})
}

func TestColonAfterPhraseQuoteInNextParagraph(t *testing.T) {
	check(t, "Headline\n\nLater the senator wrote on Facebook:\n\n“We will win this race in November.”\n",
		want{"We will win this race in November.", "direct", "the senator", "wrote", "", ""})
}
