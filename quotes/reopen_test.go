package quotes_test

import "testing"

func TestQuotationReopenedBeforeItCloses(t *testing.T) {
	// Paragraphs run together: a quotation that never closes before a new
	// opening mark ends there, and the reopening is a new (floating)
	// statement of the same speaker, not the rest of the first.
	check(t, `Olsen said: "The shifts are not safe and we will stay out. "Two of our members were injured in March alone."`,
		want{"The shifts are not safe and we will stay out.", "direct", "Olsen", "said", "", ""},
		want{"Two of our members were injured in March alone.", "direct", "Olsen", "", "", ""})
	check(t, `"We will not go back," Olsen said. "The board has had a year to act. "Nobody believes its promises now."`,
		want{`We will not go back," Olsen said. "The board has had a year to act.`, "direct", "Olsen", "said", "", ""},
		want{"Nobody believes its promises now.", "direct", "Olsen", "", "", ""})
}

func TestClosingMarkAfterSentenceIsNoReopening(t *testing.T) {
	// a closing mark follows its sentence's punctuation directly; one
	// after a space but before a space closes too
	check(t, `"The shifts are not safe." Olsen said the strike would go on.`,
		want{"the strike would go on", "indirect", "Olsen", "said", "", ""})
	check(t, `Olsen said: "The shifts are not safe. " The board did not answer.`,
		want{"The shifts are not safe.", "direct", "Olsen", "said", "", ""})
}

func TestQuotationNotSplitByItsAttributionIsNew(t *testing.T) {
	// only an attribution between two quotations makes them one statement;
	// a quotation that follows a closed one with nothing between is a new
	// paragraph's (paragraphs run together)
	check(t, `Olsen said: "The shifts are not safe and we will stay out." "Two of our members were injured in March alone."`,
		want{"The shifts are not safe and we will stay out.", "direct", "Olsen", "said", "", ""},
		want{"Two of our members were injured in March alone.", "direct", "Olsen", "", "", ""})
}

func TestFloatingQuoteTakesTheNearestSpeaker(t *testing.T) {
	// a floating quotation continues the nearest attribution before it,
	// reported speech included, not the last direct quote
	check(t, `"We will stay out," Olsen said. Mr Berg warned that the port could close. "If the ships go, the town goes with them."`,
		want{"We will stay out", "direct", "Olsen", "said", "", ""},
		want{"the port could close", "indirect", "Mr Berg", "warned", "", ""},
		want{"If the ships go, the town goes with them.", "direct", "Mr Berg", "", "", ""})
}
