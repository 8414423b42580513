package quotes_test

import "testing"

func TestAppositiveRoleGivesTheName(t *testing.T) {
	speakerCheck(t, "The board met on Monday. Jonas Lind, managing director of harbour firm Nordlink said that the terminal would open in May.",
		"the terminal would open in May", "Jonas Lind", "Jonas Lind")
	speakerCheck(t, "The board met on Monday. Mara Olsen, head of Nordlink, which runs the ferries, said that the terminal would open in May.",
		"the terminal would open in May", "Mara Olsen", "Mara Olsen")
	speakerCheck(t, "“The terminal will open in May,” Jonas Lind, head of Nordlink told reporters.",
		"The terminal will open in May", "Jonas Lind", "Jonas Lind")
}

func TestAppositiveKeepsAnObjectOut(t *testing.T) {
	// the name is an object here: the role phrase's organisation speaks
	speakerCheck(t, "The board thanked Jonas Lind, head of Nordlink, which said that the terminal would open in May.",
		"the terminal would open in May", "which", "Nordlink")
}

func TestSubjectBeforeLongAside(t *testing.T) {
	// an aside holding a web address, a reduced relative, a long relative
	// clause with a quotation: the subject before it speaks, not the
	// noun phrase after the cue
	speakerCheck(t, "Jonas Lind, the man behind nordlink.com and its ferry timetables, said storms had forced the firm to cancel sailings.",
		"storms had forced the firm to cancel sailings", "Jonas Lind", "Jonas Lind")
	speakerCheck(t, "The complaint, filed in Bergen on Monday, says the ferry was overloaded and its crew too small.",
		"the ferry was overloaded and its crew too small", "The complaint", "")
	speakerCheck(t, "Mara Olsen, who calls the terminal a “monument to waste” and wants “a full inquiry”, has said the project could still be stopped.",
		"the project could still be stopped", "Mara Olsen", "Mara Olsen")
	speakerCheck(t, "Mara Olsen, who lost her seat in the vote, afterwards said the party would recover.",
		"the party would recover", "Mara Olsen", "Mara Olsen")
}

func TestNameBeforeOfOrganisation(t *testing.T) {
	speakerCheck(t, "“The ferries will run again in May,” said economist Jonas Lind of Nordlink Partners.",
		"The ferries will run again in May", "economist Jonas Lind of Nordlink Partners", "Jonas Lind")
}

func TestSpeakerPhraseOverBracketedAbbreviation(t *testing.T) {
	speakerCheck(t, "A spokesman for the Nordic Ferry Operators Association (NFOA) said the ferries would run again in May.",
		"the ferries would run again in May", "A spokesman for the Nordic Ferry Operators Association", "")
}

func TestNameEndingInAFunctionWord(t *testing.T) {
	// a surname that is also an auxiliary or an adverb ends the name
	speakerCheck(t, "Drummer Lucy May said the band would tour again in March.",
		"the band would tour again in March", "Drummer Lucy May", "Lucy May")
	speakerCheck(t, "“We will tour again in March,” said drummer Lucy May.",
		"We will tour again in March", "drummer Lucy May", "Lucy May")
}

func TestNationalityAfterTheIsADescriptor(t *testing.T) {
	// "the Norwegian" describes a person of the article, it is no group
	speakerCheck(t, "Mara Olsen won the final in Madrid on Sunday. “I am so happy with the way I played,” the Norwegian said.",
		"I am so happy with the way I played", "the Norwegian", "Mara Olsen")
}

func TestRelativeClauseWithAList(t *testing.T) {
	// the clause holds commas of its own; an age may stand before it
	speakerCheck(t, "Mara Olsen opened the theatre on Monday. The acclaimed director, whose plays include Winter Light, Stone Harbour and Salt, said the theatre had changed her life.",
		"the theatre had changed her life", "The acclaimed director", "Mara Olsen")
	speakerCheck(t, "Jonas Lind, 56, who has sat on the harbour board for a decade, told reporters the terminal would open in May.",
		"the terminal would open in May", "Jonas Lind", "Jonas Lind")
}

func TestAppositivesLeftOpenOrRoleless(t *testing.T) {
	speakerCheck(t, "“The ferries are safe,” Mara Olsen, a Norwegian Labour member of the city council said in a statement.",
		"The ferries are safe", "Mara Olsen", "Mara Olsen")
	speakerCheck(t, "“The ferries are safe,” Jonas Lind, from the Nordic Ferry Association (NFA) told reporters.",
		"The ferries are safe", "Jonas Lind", "Jonas Lind")
	speakerCheck(t, "Looking further ahead, the port's chairman Jonas Lind, has predicted that the terminal will be full by May.",
		"the terminal will be full by May", "the port's chairman Jonas Lind", "Jonas Lind")
}

func TestSubjectStopsAtAVerb(t *testing.T) {
	speakerCheck(t, "The harbour master hit back by saying the ferries were safe.",
		"the ferries were safe", "The harbour master", "")
	speakerCheck(t, "An All Norway ferry spokesperson said the ferries were safe.",
		"the ferries were safe", "An All Norway ferry spokesperson", "")
}

func TestTitleBeforeNameAfterQuote(t *testing.T) {
	speakerCheck(t, "“It was the hardest year in our history,” Nordlink chief executive Jonas Lind said.",
		"It was the hardest year in our history", "Jonas Lind", "Jonas Lind")
}

func TestPossessorOfADocumentSpeaks(t *testing.T) {
	speakerCheck(t, "Jonas Lind resigned on Monday. Mr Lind's statement said the board had misled him.",
		"the board had misled him", "Mr Lind's statement", "Jonas Lind")
}

func TestSpeakerPhraseOverAStopWordInsideAName(t *testing.T) {
	speakerCheck(t, "The Reporters Without Limits group said the site had closed.",
		"the site had closed", "The Reporters Without Limits group", "Reporters Without Limits")
}

func TestInvertedRoleThenName(t *testing.T) {
	speakerCheck(t, "“The route no longer pays its way,” said Nordlink director of commercial planning, Jonas Lind.",
		"The route no longer pays its way", "Jonas Lind", "Jonas Lind")
	speakerCheck(t, "“The route no longer pays its way,” said the chairman of the harbour board, Mara Olsen.",
		"The route no longer pays its way", "Mara Olsen", "Mara Olsen")
}

func TestRelativeClauseLeftOpen(t *testing.T) {
	speakerCheck(t, "Jonas Lind, who on Monday won damages of £5,000 from the Bergen Post said he would stand for mayor.",
		"he would stand for mayor", "Jonas Lind", "Jonas Lind")
}

func TestDegreeAfterTheName(t *testing.T) {
	// "MD" after a comma is the speaker's degree, not Maryland
	speakerCheck(t, "The board met on Monday. Clinic director Mara Olsen, MD, said the ward would open in May.",
		"the ward would open in May", "Clinic director Mara Olsen", "Mara Olsen")
}

func TestPoliceRankBeforeTheName(t *testing.T) {
	// "Const." and "Insp" are ranks: no sentence ends at "Const.", and the
	// name after the rank is the person named in full before
	src := "Harbour police spokesman Constable Jonas Lind said the ferry had been searched. " +
		"“Nobody was hurt,” Const. Lind said. Inspector Mara Olsen said the port would reopen. " +
		"“We are confident,” Insp Olsen said."
	speakerCheck(t, src, "Nobody was hurt", "Const. Lind", "Jonas Lind")
	speakerCheck(t, src, "We are confident", "Insp Olsen", "Mara Olsen")
}

func TestSpeakerBeforeItsPlace(t *testing.T) {
	// "in Golden, Colo." places the speaker; the state is no speaker, nor is
	// a name after a body that is no place
	speakerCheck(t, "The quake struck on Sunday. The Nordic Geological Survey in Golden, Colo., said it was 6.1.",
		"it was 6.1", "The Nordic Geological Survey", "Nordic Geological Survey")
	speakerCheck(t, "The quake struck on Sunday. A spokesman for the club in Leeds, England, said the match was off.",
		"the match was off", "A spokesman for the club", "")
}
