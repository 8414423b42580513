package quotes_test

import (
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/quotes"
	"github.com/verbatim-news/verbatim/text"
)

// analyse runs cleaning, tokens and quotes (not names: speakers stay
// mention spans).
func analyse(t *testing.T, s string) *verbatim.Doc {
	t.Helper()
	return analyseThrough(s)
}

// analyseThrough runs cleaning, tokens, the given stages, then quotes.
func analyseThrough(s string, before ...func(*verbatim.Doc)) *verbatim.Doc {
	d := verbatim.NewDoc(verbatim.Article{ID: "t", Text: s})
	clean.Process(d)
	text.Process(d)
	for _, f := range before {
		f(d)
	}
	quotes.Process(d)
	return d
}

type want struct {
	content, typ, speaker, cue, addressee, via string
}

// find returns the quote whose content contains w.content's words.
func find(d *verbatim.Doc, content string) *verbatim.Quote {
	for i := range d.Quotes {
		if d.Word(d.Quotes[i].Span) == content {
			return &d.Quotes[i]
		}
	}
	return nil
}

func check(t *testing.T, src string, ws ...want) {
	t.Helper()
	d := analyse(t, src)
	for _, w := range ws {
		q := find(d, w.content)
		if q == nil {
			var got []string
			for _, q := range d.Quotes {
				got = append(got, d.Word(q.Span))
			}
			t.Errorf("%q: no quote %q; got %q", src, w.content, got)
			continue
		}
		if string(q.Type) != w.typ {
			t.Errorf("%q: type %s, want %s", w.content, q.Type, w.typ)
		}
		if g := d.Word(q.SpeakerAt); g != w.speaker {
			t.Errorf("%q: speaker %q, want %q", w.content, g, w.speaker)
		}
		if g := d.Word(q.Cue); g != w.cue {
			t.Errorf("%q: cue %q, want %q", w.content, g, w.cue)
		}
		if g := d.Word(q.Addressee); g != w.addressee {
			t.Errorf("%q: addressee %q, want %q", w.content, g, w.addressee)
		}
		if g := d.Word(q.Via); g != w.via {
			t.Errorf("%q: via %q, want %q", w.content, g, w.via)
		}
		if q.Confidence <= 0 || q.Confidence > 1 {
			t.Errorf("%q: confidence %v", w.content, q.Confidence)
		}
	}
	if len(d.Quotes) != len(ws) {
		var got []string
		for _, q := range d.Quotes {
			got = append(got, d.Word(q.Span))
		}
		t.Errorf("%q: %d quotes %q, want %d", src, len(d.Quotes), got, len(ws))
	}
}

func TestDirectAfter(t *testing.T) {
	check(t, "“The bridge will open in May,” the mayor said on Friday.",
		want{"The bridge will open in May", "direct", "the mayor", "said", "", ""})
}

func TestDirectInverted(t *testing.T) {
	check(t, "\"We have no plans to close the plant,\" said Anna Berg, a company spokeswoman.",
		want{"We have no plans to close the plant", "direct", "Anna Berg", "said", "", ""})
}

func TestDirectColonAddressee(t *testing.T) {
	check(t, "Asked about the strike, Olsen told journalists: “Nobody wants this to go on.”",
		want{"Nobody wants this to go on.", "direct", "Olsen", "told", "journalists", ""})
}

func TestSplitQuoteAndContinuation(t *testing.T) {
	// one statement split by its short attribution is one quote (as PolNeAR
	// annotates it); a continuation after a longer one stands alone with the
	// same speaker
	check(t, "“The water is rising,” Chief Marek Nowak said. “We expect it to peak tonight.”",
		want{"The water is rising,” Chief Marek Nowak said. “We expect it to peak tonight.", "direct", "Chief Marek Nowak", "said", "", ""})
	check(t, "“The water is rising,” Chief Marek Nowak said on Monday. “We expect it to peak tonight.”",
		want{"The water is rising,” Chief Marek Nowak said on Monday. “We expect it to peak tonight.", "direct", "Chief Marek Nowak", "said", "", ""})
	check(t, "“The water is rising,” Chief Marek Nowak said, when asked about the flood warnings. “We expect it to peak tonight.”",
		want{"The water is rising", "direct", "Chief Marek Nowak", "said", "", ""},
		want{"We expect it to peak tonight.", "direct", "Chief Marek Nowak", "", "", ""})
}

func TestQuoteOverParagraphs(t *testing.T) {
	// a quotation left open at a paragraph's end, the next paragraph
	// opening a new one (news style): two statements of one speaker, no
	// quote mark inside either text
	src := "The minister, Lena Fisk, said: “We will build two schools this year.\n\n“And we will hire forty teachers.”\n"
	d := analyse(t, src)
	if len(d.Quotes) != 2 {
		t.Fatalf("want a quote per paragraph, got %d", len(d.Quotes))
	}
	first, second := d.Slice(d.Quotes[0].Span), d.Slice(d.Quotes[1].Span)
	if first != "We will build two schools this year." || second != "And we will hire forty teachers." {
		t.Errorf("contents %q, %q", first, second)
	}
	if d.Quotes[0].Speaker < 0 || d.Quotes[1].Speaker != d.Quotes[0].Speaker {
		t.Errorf("speakers %d, %d: want Lena Fisk for both", d.Quotes[0].Speaker, d.Quotes[1].Speaker)
	}
}

func TestFloatingParagraphContinuesSpeaker(t *testing.T) {
	check(t, "Farmer Jonas Lind said the harvest was poor this year.\n\n“Prices will go up again next winter, no doubt about it.”\n",
		want{"the harvest was poor this year", "indirect", "Farmer Jonas Lind", "said", "", ""},
		want{"Prices will go up again next winter, no doubt about it.", "direct", "Farmer Jonas Lind", "", "", ""})
	// after a direct quote it is one content with it (bounds_test.go)
}

func TestIndirectThat(t *testing.T) {
	check(t, "Governor Ruth Mbeki said on Tuesday that the dam had been inspected twice.",
		want{"the dam had been inspected twice", "indirect", "Governor Ruth Mbeki", "said", "", ""})
}

func TestIndirectToldAddressee(t *testing.T) {
	check(t, "A senior official told Radio Nord that the talks would resume next week.",
		want{"the talks would resume next week", "indirect", "A senior official", "told", "Radio Nord", ""})
}

func TestIndirectNoThat(t *testing.T) {
	check(t, "The coach has said he will not resign.",
		want{"he will not resign", "indirect", "The coach", "said", "", ""})
}

func TestBeliefNeedsThat(t *testing.T) {
	check(t, "The union maintains that the contract was never signed. The union acknowledged the letter.",
		want{"the contract was never signed", "indirect", "The union", "maintains", "", ""})
}

func TestBackwardAttribution(t *testing.T) {
	check(t, "The factory will close by the end of the year, two workers said.",
		want{"The factory will close by the end of the year", "indirect", "two workers", "said", "", ""})
}

func TestAccordingTo(t *testing.T) {
	check(t, "The fire started in the kitchen, according to the fire brigade.",
		want{"The fire started in the kitchen", "indirect", "the fire brigade", "according to", "", ""})
}

func TestMixed(t *testing.T) {
	check(t, "Mayor Ines Duarte said the new tram line was “a gift to the city” and would open soon.",
		want{"the new tram line was “a gift to the city” and would open soon", "mixed", "Mayor Ines Duarte", "said", "", ""})
}

func TestParticipleTakesSubject(t *testing.T) {
	check(t, "Kovacs praised the volunteers, saying that they had worked through the night.",
		want{"they had worked through the night", "indirect", "Kovacs", "saying", "", ""})
}

func TestRelayCitedAsSaying(t *testing.T) {
	check(t, "Tass cited Volkov as saying “The convoy has already left the port.”",
		want{"The convoy has already left the port.", "direct", "Volkov", "saying", "", "Tass"})
}

func TestRelayReportedThat(t *testing.T) {
	check(t, "Kyodo reported that Tanaka told lawmakers he would not seek another term.",
		want{"he would not seek another term", "indirect", "Tanaka", "told", "lawmakers", "Kyodo"})
}

func TestAppositiveSpeaker(t *testing.T) {
	check(t, "The city's planner, Omar Haddad, who drew the first map, said the park would double in size.",
		want{"the park would double in size", "indirect", "Omar Haddad", "said", "", ""})
}

func TestPronounSpeaker(t *testing.T) {
	check(t, "Ms. Reyes left the room. “I have nothing more to add,” she said.",
		want{"I have nothing more to add", "direct", "she", "said", "", ""})
}

func TestScareQuotesAreNotQuotes(t *testing.T) {
	check(t, "The so-called “peace dividend” never arrived, and the “reform” stalled in parliament.")
}

func TestRelativeClauseIsNoAttribution(t *testing.T) {
	// "approved a budget …" may be an attribution of the council (PolNeAR
	// annotates such acts); "which she claimed" is none.
	d := analyse(t, "The council approved a budget which she claimed was too small for the schools.")
	for _, q := range d.Quotes {
		if d.Word(q.Cue) == "claimed" || d.Word(q.SpeakerAt) == "she" {
			t.Errorf("relative clause attributed: %q <- %q", d.Word(q.Span), d.Word(q.SpeakerAt))
		}
	}
}

func TestHeadlineNoSource(t *testing.T) {
	// a headline is no quote unless it names a speaker and a cue
	// (byline_test.go: "Olsen: …", "Mara Olsen Says …")
	d := analyse(t, "Mayor Rejects ‘Ugly’ New Tower\n\nThe city council met on Monday.\n")
	if len(d.Quotes) != 0 {
		t.Errorf("headline gave %d quotes", len(d.Quotes))
	}
	check(t, "Mayor Says ‘No’ to New Tower\n\nThe city council met on Monday.\n",
		want{"‘No’ to New Tower", "indirect", "Mayor", "Says", "", ""})
}

func TestSpansAreOffsetsIntoText(t *testing.T) {
	src := "Intro line.\r\n\r\n“Rain is coming,” said the forecaster Ana Lopes.\r\n"
	d := analyse(t, src)
	if len(d.Quotes) != 1 {
		t.Fatalf("got %d quotes", len(d.Quotes))
	}
	q := d.Quotes[0]
	if d.Text[q.Start:q.End] != "Rain is coming" {
		t.Errorf("content %q", d.Text[q.Start:q.End])
	}
	if d.Text[q.Cue.Start:q.Cue.End] != "said" {
		t.Errorf("cue %q", d.Text[q.Cue.Start:q.Cue.End])
	}
}

func TestCueLexiconIsEmbedded(t *testing.T) {
	for _, w := range []string{"said", "Told", "maintains", "according"} {
		isCue, _ := quotes.CueClass(w)
		if !isCue && w != "according" {
			t.Errorf("%s is not a cue", w)
		}
	}
	if ok, speech := quotes.CueClass("believes"); !ok || speech {
		t.Errorf("believes: cue %v speech %v, want weak cue", ok, speech)
	}
	if ok, _ := quotes.CueClass("table"); ok {
		t.Errorf("table is a cue")
	}
}

// Stages never panic: empty text, no sentences, unbalanced quotes, binary junk.
func TestNoPanicOnAdversarialInput(t *testing.T) {
	inputs := []string{
		"", " ", "\n\n\n", "“", "”", "\"", "''", "``", "“““", "”””", "\"\"\"\"\"",
		"said", "said.", ", said", "according to", "according to.", "told", "told:",
		"“unclosed quote said he", "he said “", "“a,” said", "“a,” said ,", ": “", "as saying",
		"cited as saying “x”", "“x” ” “ ” said the", "\x00\x01\x02\xff\xfe said \x80",
		strings.Repeat("“", 500), strings.Repeat("said that ", 300), strings.Repeat("\"a\" ", 400),
		"A,\n\n“B\n\n“C\n\n“D", "’s said", "'s said", "The U.S. said, “", "‘‘’’", "«»„",
	}
	for _, s := range inputs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("panic on %q: %v", s, r)
				}
			}()
			d := analyse(t, s)
			for _, q := range d.Quotes {
				if q.Start < 0 || q.End > len(s) || q.End < q.Start {
					t.Errorf("bad span %v on %q", q.Span, s)
				}
			}
		}()
	}
}

func TestTranscriptSpeaker(t *testing.T) {
	check(t, "The interview was recorded on Monday.\n\nHADDAD: We will open the school in autumn. Parents can register now.\n\nPhoto: The school in May, before the works began.\n",
		want{"We will open the school in autumn. Parents can register now.", "direct", "HADDAD", ":", "", ""})
}

func TestRelativeWhoSpeaker(t *testing.T) {
	check(t, "The plan was backed by Omar Haddad, who said the park would double in size.",
		want{"the park would double in size", "indirect", "who", "said", "", ""})
}

func TestCoordinatedSpeakers(t *testing.T) {
	check(t, "The mine will close in June, current and former managers said.",
		want{"The mine will close in June", "indirect", "current and former managers", "said", "", ""})
}

func TestDashParentheticalSpeaker(t *testing.T) {
	check(t, "Gerry Conlon - who was wrongly convicted - said the families were delighted with the apology.",
		want{"the families were delighted with the apology", "indirect", "Gerry Conlon", "said", "", ""})
}

func TestDemonstrativeThat(t *testing.T) {
	check(t, "But opposition parties say that will not happen in practice.",
		want{"that will not happen in practice", "indirect", "opposition parties", "say", "", ""})
}

func TestSandwichQuoteIsOneStatement(t *testing.T) {
	d := analyse(t, "“This used to be a quiet town,” said Lena Fisk, “but it is growing fast.”")
	if len(d.Quotes) != 1 {
		t.Fatalf("%d quotes", len(d.Quotes))
	}
	q := d.Quotes[0]
	if got := d.Word(q.Span); !strings.HasPrefix(got, "This used to be") || !strings.HasSuffix(got, "growing fast.") {
		t.Errorf("content %q", got)
	}
	if d.Word(q.SpeakerAt) != "Lena Fisk" {
		t.Errorf("speaker %q", d.Word(q.SpeakerAt))
	}
}
