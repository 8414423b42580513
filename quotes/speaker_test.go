package quotes_test

import (
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
)

// Speaker choice: which mention a quote is attributed to, and who it
// resolves to (names run too).

func analyseNamed(t *testing.T, s string) *verbatim.Doc {
	t.Helper()
	return analyseThrough(s, names.Process)
}

// speakerCheck asserts the mention and the resolved name ("" for none) of
// the quote with the given content.
func speakerCheck(t *testing.T, src, content, mention, name string) {
	t.Helper()
	d := analyseNamed(t, src)
	q := find(d, content)
	if q == nil {
		var got []string
		for _, q := range d.Quotes {
			got = append(got, d.Word(q.Span))
		}
		t.Fatalf("%q: no quote %q; got %q", src, content, got)
	}
	if g := d.Word(q.SpeakerAt); g != mention {
		t.Errorf("%q: mention %q, want %q", content, g, mention)
	}
	got := ""
	if q.Speaker >= 0 {
		got = d.Entities[q.Speaker].Name
	}
	if got != name {
		t.Errorf("%q: speaker %q, want %q", content, got, name)
	}
}

func TestRelativePronounResolvesToAntecedent(t *testing.T) {
	speakerCheck(t, "The mayor met Omar Haddad, who said the park would double in size.",
		"the park would double in size", "who", "Omar Haddad")
	speakerCheck(t, "Only the voters who say the economy is getting worse back the challenger.",
		"the economy is getting worse back the challenger", "who", "")
}

func TestRelativeClauseTakesNoContentBefore(t *testing.T) {
	d := analyse(t, "The storm flooded the yards of the builders in the old harbour district, which filed a claim.")
	for _, q := range d.Quotes {
		t.Errorf("quote %q by %q", d.Word(q.Span), d.Word(q.SpeakerAt))
	}
}

func TestPassiveCueHasNoSource(t *testing.T) {
	speakerCheck(t, "The harbour board is expected to approve the new terminal next month.",
		"to approve the new terminal next month", "", "")
	speakerCheck(t, "Later that night the mayor was told that the bridge would stay closed.",
		"the bridge would stay closed", "", "")
}

func TestPassiveByNamesTheSource(t *testing.T) {
	speakerCheck(t, "The mayor was told by the harbour police that the bridge would stay closed.",
		"the bridge would stay closed", "the harbour police", "")
}

func TestStateOfMindKeepsItsSubject(t *testing.T) {
	speakerCheck(t, "Local traders are worried that the new terminal will take their customers.",
		"the new terminal will take their customers", "Local traders", "")
}

func TestRaisingVerbHasNoSource(t *testing.T) {
	speakerCheck(t, "Mara Olsen met the board on Monday. Olsen appears to have won over most of its members.",
		"to have won over most of its members", "", "")
	speakerCheck(t, "Mara Olsen met the board on Monday. Olsen appeared to suggest that the strike could end soon.",
		"the strike could end soon", "Olsen", "Mara Olsen")
}

func TestContractedAuxiliaryIsNoSpeaker(t *testing.T) {
	check(t, "Mara Olsen spoke in Bergvik. She's predicted that the strike will end by May.",
		want{"the strike will end by May", "indirect", "She", "predicted", "", ""})
	check(t, "The dockers don't believe that the harbour board will keep its promise.",
		want{"the harbour board will keep its promise", "indirect", "The dockers", "believe", "", ""})
}

func TestAgeAppositiveIsSkipped(t *testing.T) {
	check(t, "Marta Lind, 58, a nurse from Bergvik, said the clinic had run out of beds.",
		want{"the clinic had run out of beds", "indirect", "Marta Lind", "said", "", ""})
}

func TestImperativeHasNoSpeaker(t *testing.T) {
	check(t, "But don't expect the harbour board to change its mind next week.",
		want{"the harbour board to change its mind next week", "indirect", "", "expect", "", ""})
}

func TestSpeakerOfOrganisation(t *testing.T) {
	speakerCheck(t, "“The port cannot wait another year,” said Lena Fisk of the Harbour Institute.",
		"The port cannot wait another year", "Lena Fisk of the Harbour Institute", "Lena Fisk")
}

func TestSpeakerTakesItsPostmodifiers(t *testing.T) {
	check(t, "Dock workers in the northern ports said the strike would go on.",
		want{"the strike would go on", "indirect", "Dock workers in the northern ports", "said", "", ""})
	check(t, "The vote was close, and one in five said the harbour should stay public.",
		want{"the harbour should stay public", "indirect", "one in five", "said", "", ""})
}

func TestAccordingToTakesTheWholeSource(t *testing.T) {
	check(t, "The terminal will open in May, according to officials familiar with the harbour plans.",
		want{"The terminal will open in May", "indirect", "officials familiar with the harbour plans", "according to", "", ""})
	check(t, "According to a memo released on Friday by the port authority, the terminal will open in May.",
		want{"the terminal will open in May", "indirect", "a memo released on Friday by the port authority", "According to", "", ""})
}

func TestTimePhraseBeforeCueIsSkipped(t *testing.T) {
	check(t, "The harbour union last week said that the strike would go on.",
		want{"the strike would go on", "indirect", "The harbour union", "said", "", ""})
}

func TestHedgedQuantitySubject(t *testing.T) {
	check(t, "The vote was close. About 4 in 10 said the harbour should stay public.",
		want{"the harbour should stay public", "indirect", "4 in 10", "said", "", ""})
}

func TestContractedPronounMention(t *testing.T) {
	check(t, "The dockers met on Monday. They’ve suggested that the strike could end soon.",
		want{"the strike could end soon", "indirect", "They", "suggested", "", ""})
}

func TestParticipleSubjectIsNoPossessor(t *testing.T) {
	d := analyse(t, "Lena Fisk, who grew up in Bergvik, also denounced the mayor's repeated calls to sell the harbour, noting that the port had been public for a century.")
	q := find(d, "the port had been public for a century")
	if q == nil || d.Word(q.SpeakerAt) != "Lena Fisk" {
		t.Errorf("got %+v", q)
	}
}

func TestSubjectAfterOpeningPhrase(t *testing.T) {
	d := analyse(t, "Declaring that the port would never be sold, the mayor was cheered by the crowd.")
	q := find(d, "the port would never be sold")
	if q == nil || d.Word(q.SpeakerAt) != "the mayor" {
		t.Errorf("participle opener: got %+v", q)
	}
	d = analyse(t, "Instead, the union leaders were firm, insisting that the strike would go on.")
	q = find(d, "the strike would go on")
	if q == nil || d.Word(q.SpeakerAt) != "the union leaders" {
		t.Errorf("adverb opener: got %+v", q)
	}
}

func TestDirectQuoteThenAppositiveSpeaker(t *testing.T) {
	check(t, "“We are not going back until the night shifts are safe,” Mara Olsen, the leader of the dockers' union, said on Friday.",
		want{"We are not going back until the night shifts are safe", "direct", "Mara Olsen", "said", "", ""})
}

func TestHearsayNamesNoSource(t *testing.T) {
	d := analyse(t, "The harbour board has reportedly agreed to sell the northern terminal to a shipping group.")
	if len(d.Quotes) != 1 || !d.Quotes[0].SpeakerAt.Empty() {
		for _, q := range d.Quotes {
			t.Errorf("quote %q by %q", d.Word(q.Span), d.Word(q.SpeakerAt))
		}
		if len(d.Quotes) != 1 {
			t.Errorf("%d quotes, want 1", len(d.Quotes))
		}
	}
}

func TestAskedOpeningHasNoSource(t *testing.T) {
	d := analyse(t, "Asked whether the strike would end soon, the union leader shrugged.")
	for _, q := range d.Quotes {
		if !q.SpeakerAt.Empty() {
			t.Errorf("quote %q by %q", d.Word(q.Span), d.Word(q.SpeakerAt))
		}
	}
	if len(d.Quotes) == 0 {
		t.Errorf("no quote")
	}
}

func TestCapitalisedCommonNounIsNoSpeakerName(t *testing.T) {
	d := analyseNamed(t, "Analysts at the Bank of England said the rate would stay at five percent.")
	q := find(d, "the rate would stay at five percent")
	if q == nil {
		t.Fatal("no quote")
	}
	if d.Word(q.SpeakerAt) != "Analysts at the Bank of England" {
		t.Errorf("mention %q", d.Word(q.SpeakerAt))
	}
	if q.Speaker >= 0 && d.Entities[q.Speaker].Name == "Analysts" {
		t.Errorf("'Analysts' made a speaker entity")
	}
}

func TestSpeakerWithParticipleAndNumberModifiers(t *testing.T) {
	check(t, "The vote was close. A mere 9 percent said the harbour should be sold.",
		want{"the harbour should be sold", "indirect", "A mere 9 percent", "said", "", ""})
	check(t, "The retired dockworker said the harbour should stay public.",
		want{"the harbour should stay public", "indirect", "The retired dockworker", "said", "", ""})
	check(t, "The port is busy. Yet Bergvik officials say the terminal is too small.",
		want{"the terminal is too small", "indirect", "Bergvik officials", "say", "", ""})
}

func TestCoordinatedSpeakerPhrase(t *testing.T) {
	check(t, "The port is busy. Mara Olsen and her deputies said the terminal was too small.",
		want{"the terminal was too small", "indirect", "Mara Olsen and her deputies", "said", "", ""})
	check(t, "Dockers and even some shipowners say the terminal is too small.",
		want{"the terminal is too small", "indirect", "Dockers and even some shipowners", "say", "", ""})
}

func TestParticipleAfterPrepositionTakesTheSubject(t *testing.T) {
	d := analyse(t, "The mayor stopped short of saying that the strike was illegal.")
	q := find(d, "the strike was illegal")
	if q == nil || d.Word(q.SpeakerAt) != "The mayor" {
		t.Errorf("got %+v", q)
	}
}

func TestIssuerOfAStatementSpeaks(t *testing.T) {
	// (the content may be the statement itself or what it says)
	d := analyse(t, "On Monday, the harbour board had put out a statement saying the terminal would open in May.")
	n := 0
	for _, q := range d.Quotes {
		if strings.Contains(d.Word(q.Span), "the terminal would open in May") {
			n++
			if d.Word(q.SpeakerAt) != "the harbour board" {
				t.Errorf("%q by %q", d.Word(q.Span), d.Word(q.SpeakerAt))
			}
		}
	}
	if n == 0 {
		t.Errorf("no quote")
	}
}

// A pronoun that stands for an unnamed source reports the phrase that
// describes it, not "he": the reader learns who spoke.
func TestPronounOfAnUnnamedSourceReportsItsPhrase(t *testing.T) {
	src := "Jonas Lind chairs the harbour board. A spokesman for the ferry operator said the crossings would resume on Monday.\n\n" +
		"“We have checked every vessel,” he added."
	speakerCheck(t, src, "We have checked every vessel", "A spokesman for the ferry operator", "")
	// a pronoun for a named person keeps its own mention
	speakerCheck(t, "Jonas Lind chairs the harbour board. “We have checked every vessel,” he said.",
		"We have checked every vessel", "he", "Jonas Lind")
}

// After an article or a possessive a cue word is a noun: "The report" is
// the source of "forecast", never "The" the source of "report".
func TestCueWordAfterArticleIsNoun(t *testing.T) {
	d := analyse(t, "Ferry use will double by 2030, according to a study by the harbour board. The report comes a week after the strike ended. The report forecast that the port will need two new berths.")
	for _, q := range d.Quotes {
		if sp := d.Word(q.SpeakerAt); sp == "The" || sp == "the" {
			t.Errorf("quote %q by %q (cue %q)", d.Word(q.Span), sp, d.Word(q.Cue))
		}
	}
}

// "the report" is the report the article gave before, whose source was
// found then, not the organisation named last.
func TestReportKeepsItsSource(t *testing.T) {
	speakerCheck(t, "Ferry use is rising fast, says a report.\n\nDemand will double by 2030, according to analysts Northwind Research. Traffic grew by 4% in May, according to the Harbour Board of Vikstad.\n\nMost of the growth is tourism, according to the report.",
		"Most of the growth is tourism", "the report", "Northwind Research")
}

// A statement "from" someone speaks for whoever issued it, not for the
// one that spoke before in a statement of its own.
func TestStatementFromItsIssuer(t *testing.T) {
	speakerCheck(t, "Harbour aide admits fraud\n\nCounty prosecutor Anna Lindqvist said harbour clerk Peter Holm had pleaded guilty. \"We regret it,\" Nordlink said in a statement.\n\nAccording to a statement from Ms Lindqvist's office, the Nordlink clerk admitted he forged the bids.",
		"the Nordlink clerk admitted he forged the bids", "a statement from Ms Lindqvist's office", "Anna Lindqvist")
}

// "one of the … agencies" is an organisation not yet named: the one the
// article names next; figures "released on Tuesday by" a body are its.
func TestUnnamedOrganisationNamedAfter(t *testing.T) {
	speakerCheck(t, "Vikstad gets blessing\n\nVikstad's debt is no longer a risky investment, one of the world's leading credit rating agencies says.\n\nThe Northwind Rating Agency has classed the city's bonds as investment grade.",
		"Vikstad's debt is no longer a risky investment", "one of the world's leading credit rating agencies", "Northwind Rating Agency")
	speakerCheck(t, "Ferry use rose by 3% last year, according to new figures released on Tuesday by the Harbour Board of Vikstad.",
		"Ferry use rose by 3% last year", "new figures released on Tuesday by the Harbour Board of Vikstad", "Harbour Board of Vikstad")
}

// "In a statement announcing …" is where the subject that follows speaks,
// not the source of "announcing".
func TestStatementInWhichOneSpeaks(t *testing.T) {
	speakerCheck(t, "Nordlink Group lost its case against Vikstad. In a statement announcing the ruling the company said it would appeal.",
		"it would appeal", "the company", "Nordlink Group")
}

// A participle of saying after an object speaks for the clause's subject,
// also after a lone "But": not for the object.
func TestParticipleAfterObjectTakesSubject(t *testing.T) {
	speakerCheck(t, "Mara Olsen led the union for ten years. But she left the union claiming she needed a break, though many believed she was upset.",
		"she needed a break", "she", "Mara Olsen")
}

// A described organisation in the lead is the one the next sentence opens
// with, named there first, not one named before.
func TestLeadOrganisationNamedNext(t *testing.T) {
	speakerCheck(t, "Fraud clampdown urged\n\nHarbour Union members are failing to report fraud in Harbour Union funds, the country's public spending watchdog has said.\n\nThe Nordic Audit Office said the harbour had no common definition of fraud.",
		"Harbour Union members are failing to report fraud in Harbour Union funds", "the country's public spending watchdog", "Nordic Audit Office")
}

// "They" after an unnamed group ("union officials said") is that group,
// reported by its phrase; "they" after a named organisation stays with it.
func TestTheyForAnUnnamedGroup(t *testing.T) {
	speakerCheck(t, "Union officials said the strike would go ahead on Monday.\n\nThey added that talks with the harbour board had failed.",
		"talks with the harbour board had failed", "Union officials", "")
	speakerCheck(t, "Critics say the new terminal is too big for the town. They argue that the money would be better spent on schools.",
		"the money would be better spent on schools", "Critics", "")
}

// An adjective between the determiner and the rest stays in the phrase.
func TestAdjectiveAfterDeterminerStaysInPhrase(t *testing.T) {
	check(t, "Three leading Nordic ferry companies said the plan was flawed.",
		want{"the plan was flawed", "indirect", "Three leading Nordic ferry companies", "said", "", ""})
	check(t, "Ferry use will double by 2030, the first minister said.",
		want{"Ferry use will double by 2030", "indirect", "the first minister", "said", "", ""})
}

// An unnamed kind of source in the article's first sentence is the person
// the next sentence opens with, named there first.
func TestLeadExpertNamedNext(t *testing.T) {
	speakerCheck(t, "Ferry film 'a disaster'\n\nA PR expert has told the harbour inquiry that the ferry film was a disaster.\n\nAnna Lindqvist told the inquiry she was hired to manage the fallout.",
		"the ferry film was a disaster", "A PR expert", "Anna Lindqvist")
}

func TestDescriptorOfAnUnnamedSourceStaysUnnamed(t *testing.T) {
	// "The instructor" after "A former Boeing instructor pilot said" is
	// that unnamed pilot, not the person in focus
	speakerCheck(t, "Prime Minister Mara Olsen said on Monday that no one survived. A former Boeing instructor pilot, who spoke on the condition that he not be identified, said, \"Heading select mode is dumb.\"\n\nThe instructor, who has trained Boeing pilots at airlines around the world, said that in that mode the plane would fly on.",
		"in that mode the plane would fly on", "The instructor", "")
}

func TestIndefiniteDescriptorIsSomeoneNew(t *testing.T) {
	// "An official" is someone the article has not named: not the minister
	// named before
	speakerCheck(t, "Police led 414 raids across the country over three nights, Interior Minister Bernard Lind said on Tuesday.\n\nThe suspect entered Turkey in 2013. An official said he was in contact with the organiser.",
		"he was in contact with the organiser", "An official", "")
}
