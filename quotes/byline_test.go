package quotes_test

import "testing"

func TestDashSignature(t *testing.T) {
	check(t, "“The harbour is our life and we will not sell it.” ― Mara Olsen\n“Nobody asked the fishermen what they think.”― Edwin G. Monroy.",
		want{"The harbour is our life and we will not sell it.", "direct", "Mara Olsen", "―", "", ""},
		want{"Nobody asked the fishermen what they think.", "direct", "Edwin G. Monroy", "―", "", ""})
	// a closing mark typed for the opening one still opens the quote
	check(t, "”The ferry must keep running all winter long.” ― Anna Berg",
		want{"The ferry must keep running all winter long.", "direct", "Anna Berg", "―", "", ""})
}

func TestDashAfterQuoteInProseIsNoSignature(t *testing.T) {
	d := analyse(t, "The plan was called “a betrayal of the town” — Olsen said it twice at the meeting.")
	for _, q := range d.Quotes {
		if d.Word(q.Cue) == "—" {
			t.Errorf("quote %q signed by %q", d.Word(q.Span), d.Word(q.SpeakerAt))
		}
	}
}

func TestQuotedTranscriptTurns(t *testing.T) {
	// an interview printed inside quote marks, one turn a paragraph: each
	// turn is its speaker's, without the label
	check(t, "Partial transcript as follows:\n\n\"WALLACE: Let’s start with the news on the harbour strike tonight.\n\n\"OLSEN: Well, the question really should be why the board sold the terminal.\n\n\"WALLACE: Do you really see those two as equivalent?\"\n",
		want{"Let’s start with the news on the harbour strike tonight.", "direct", "WALLACE", ":", "", ""},
		want{"Well, the question really should be why the board sold the terminal.", "direct", "OLSEN", ":", "", ""},
		want{"Do you really see those two as equivalent?", "direct", "WALLACE", ":", "", ""})
}

func TestLabelledHeadline(t *testing.T) {
	// "NAME: words" as a headline reports the named speaker's words
	check(t, "Olsen: ‘We Will Not Sell The Harbour.’\n\nThe union leader Mara Olsen spoke on Monday at the harbour gate.\n",
		want{"‘We Will Not Sell The Harbour.’", "direct", "Olsen", ":", "", ""})
}

func TestPollHeadline(t *testing.T) {
	// "Poll: …" as a headline reports the poll's finding; in the body the
	// label is a section label
	check(t, "Poll: Dockers Back the Harbour Strike by Two to One\n\nThe union leader Mara Olsen spoke on Monday at the harbour gate.\n",
		want{"Dockers Back the Harbour Strike by Two to One", "direct", "Poll", ":", "", ""})
	check(t, "Harbour News\n\nThe union leader Mara Olsen spoke on Monday at the harbour gate.\n\nPoll: Dockers Back the Harbour Strike by Two to One\n")
}

func TestSpeakerCueHeadline(t *testing.T) {
	// a title-case headline naming its speaker before a cue word
	check(t, "Mara Olsen Says the Union Will Never Sell the Harbour\n\nThe union leader spoke on Monday at the harbour gate.\n",
		want{"the Union Will Never Sell the Harbour", "indirect", "Mara Olsen", "Says", "", ""})
	// a passive ("… Was Spotted …") reports no statement
	check(t, "Mara Olsen Was Spotted Walking Into the Harbour Office\n\nThe union leader spoke on Monday at the harbour gate.\n")
}

func TestNameColonQuote(t *testing.T) {
	// a name and a colon before a quote, after a dash, name its speaker
	check(t, "Headline\n\nThe strike may end soon - Mara Olsen: “We are ready to talk to the board any day.”\n",
		want{"We are ready to talk to the board any day.", "direct", "Mara Olsen", ":", "", ""})
	// a lowercase phrase is no name
	d := analyse(t, "Headline\n\nThe sign read as follows: “We are ready to talk to the board any day.”\n")
	for _, q := range d.Quotes {
		if !q.SpeakerAt.Empty() {
			t.Errorf("speaker %q for a sign", d.Word(q.SpeakerAt))
		}
	}
}
