package coref_test

import (
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
	"github.com/verbatim-news/verbatim/internal/doctest"
)

// analyze runs cleaning, tokens and names; find gives the span of a
// string's n-th occurrence (package doctest).
var analyze, find = doctest.Names, doctest.Find

// word is find cut to the first word of sub ("he" of "he agreed").
func word(t testing.TB, d *verbatim.Doc, sub string) verbatim.Span {
	sp := find(t, d, sub, 0)
	sp.End = sp.Start + len(strings.Fields(sub)[0])
	return sp
}

// resolve is coref.Resolve without attribution context.
func resolve(d *verbatim.Doc, sp verbatim.Span) int { return coref.Resolve(d, sp, coref.Context{}) }

// entityOf returns the entity of the mention at sp, or nil.
func entityOf(d *verbatim.Doc, sp verbatim.Span) *verbatim.Entity {
	for _, m := range d.Mentions {
		if m.Span == sp && m.Entity >= 0 {
			return &d.Entities[m.Entity]
		}
	}
	return nil
}

func name(d *verbatim.Doc, e int) string {
	if e < 0 {
		return "<none>"
	}
	return d.Entities[e].Name
}

func TestPronounGender(t *testing.T) {
	d := analyze(t, "Angela Merkel met John Smith in Berlin on Tuesday. She said the meeting was useful, and he agreed.")
	she := resolve(d, find(t, d, "She", 0))
	if she < 0 || d.Entities[she].Name != "Angela Merkel" {
		t.Errorf("she -> %d, want Angela Merkel (%+v)", she, d.Entities)
	}
	sp := find(t, d, "he agreed", 0)
	sp.End = sp.Start + 2
	h := resolve(d, sp)
	if h < 0 || d.Entities[h].Name != "John Smith" {
		t.Errorf("he -> %d, want John Smith", h)
	}
	if e := entityOf(d, sp); e == nil || e.Name != "John Smith" {
		t.Errorf("the pronoun was not recorded as a mention of John Smith")
	}
}

func TestDescriptorByRole(t *testing.T) {
	d := analyze(t, "German Chancellor Olaf Scholz spoke to French President Emmanuel Macron on Monday. Later the French president said he was hopeful, and the German leader agreed.")
	fp := resolve(d, find(t, d, "the French president", 0))
	if fp < 0 || d.Entities[fp].Name != "Emmanuel Macron" {
		t.Errorf("the French president -> %d, want Emmanuel Macron (%+v)", fp, d.Entities)
	}
	gl := resolve(d, find(t, d, "the German leader", 0))
	if gl < 0 || d.Entities[gl].Name != "Olaf Scholz" {
		t.Errorf("the German leader -> %d, want Olaf Scholz", gl)
	}
	if r := resolve(d, find(t, d, "hopeful", 0)); r != -1 {
		t.Errorf("a common word resolved to %d", r)
	}
}

func TestOrganisationDescriptor(t *testing.T) {
	d := analyze(t, "The Russian Defence Ministry said on Monday that its forces had advanced. The ministry gave no details.")
	e := resolve(d, find(t, d, "The ministry", 0))
	if e < 0 || d.Entities[e].Type != verbatim.Organization || !strings.Contains(d.Entities[e].Name, "Ministry") {
		t.Errorf("the ministry -> %d (%+v)", e, d.Entities)
	}
}

func TestPronounPrefersSubject(t *testing.T) {
	d := analyze(t, "Earlier, Trump's envoy Steve Witkoff, who recently met Vladimir Putin for several hours, told CNN that he believed the talks would go well.")
	sp := find(t, d, "he believed", 0)
	sp.End = sp.Start + 2
	if e := resolve(d, sp); e < 0 || d.Entities[e].Name != "Steve Witkoff" {
		t.Errorf("he -> %d, want Steve Witkoff (%+v)", e, d.Entities)
	}
}

func TestResolveRejectsCapitalisedCommonWords(t *testing.T) {
	d := analyze(t, "Tobacco firms lost the case. They said supporters of the law were wrong. Supporters disagreed. It was over.")
	for _, w := range []string{"They", "Supporters", "It"} {
		if e := resolve(d, find(t, d, w, 0)); e >= 0 {
			t.Errorf("%q resolved to %+v", w, d.Entities[e])
		}
	}
}

func TestAccentedFirstNameGivesGender(t *testing.T) {
	d := analyze(t, "Canadian Foreign Minister Mélanie Joly met John Smith in Ottawa. Later she said the talks were useful.")
	sp := find(t, d, "she said", 0)
	sp.End = sp.Start + 3
	if e := resolve(d, sp); e < 0 || d.Entities[e].Name != "Mélanie Joly" || d.Entities[e].Gender != 'f' {
		t.Errorf("she -> %d (%+v)", e, d.Entities)
	}
}

func TestTheEnvoyByAppositiveRole(t *testing.T) {
	d := analyze(t, "Earlier, Trump's envoy for the Ukraine war, Steve Witkoff, met Putin. The envoy said talks went well.")
	if r := resolve(d, find(t, d, "The envoy", 0)); name(d, r) != "Steve Witkoff" {
		t.Errorf("'The envoy' resolved to %s, want Steve Witkoff", name(d, r))
	}
}

// A pronoun after a quotation is not one of the names inside it.
func TestPronounSkipsNamesInsideQuotation(t *testing.T) {
	s := `Opposition leader Michael Howard spoke in Bristol. "Mr Blair has failed," he said.`
	d := analyze(t, s)
	q := find(t, d, "Mr Blair has failed,", 0)
	ctx := coref.Context{Quoted: func(off int) bool { return q.Start <= off && off < q.End }}
	if e := coref.Resolve(d, word(t, d, "he said"), ctx); name(d, e) != "Michael Howard" {
		t.Errorf("he -> %s, want Michael Howard", name(d, e))
	}
}

// The speaker of the last attribution outranks a man named since as an object.
func TestPronounPrefersLastSpeaker(t *testing.T) {
	d := analyze(t, "Coach Steve McClaren said the side had improved. The goals came from Mark Viduka and Stewart Downing. He added that the team was confident.")
	said := find(t, d, "Steve McClaren", 0)
	e0 := resolve(d, said)
	prior := []verbatim.Quote{{Span: find(t, d, "the side had improved", 0), Speaker: e0, SpeakerAt: said}}
	if e := coref.Resolve(d, word(t, d, "He added"), coref.Context{Prior: prior}); name(d, e) != "Steve McClaren" {
		t.Errorf("He -> %s, want Steve McClaren", name(d, e))
	}
}

// "It" and organisation descriptors refer to organisations, never to a
// person or a place.
func TestItAndTheFirmAreOrganisations(t *testing.T) {
	d := analyze(t, "Security firm MessageLabs in London studied 40 million e-mails for Tony Smith. The firm said phishing was growing. It added that banks were the main target.")
	if e := resolve(d, find(t, d, "The firm", 0)); name(d, e) != "MessageLabs" {
		t.Errorf("the firm -> %s, want MessageLabs", name(d, e))
	}
	if e := resolve(d, word(t, d, "It added")); name(d, e) != "MessageLabs" {
		t.Errorf("It -> %s, want MessageLabs", name(d, e))
	}
}

// A report refers to the organisation behind it.
func TestReportIsItsOrganisation(t *testing.T) {
	d := analyze(t, "Forrester Research published its forecast on Monday. The report said PC sales in India would triple.")
	if e := resolve(d, find(t, d, "The report", 0)); name(d, e) != "Forrester Research" {
		t.Errorf("the report -> %s", name(d, e))
	}
}

// "the American", "the 24-year-old", "the actress": person descriptors
// take the person of the right gender.
func TestPersonDescriptors(t *testing.T) {
	d := analyze(t, "Lindsay Davenport beat Serena Williams in two sets. Later the American said prize money should be equal.")
	if e := resolve(d, find(t, d, "the American", 0)); e < 0 || d.Entities[e].Type != verbatim.Person {
		t.Errorf("the American -> %s, want a person", name(d, e))
	}
	d = analyze(t, "Kate Winslet and Johnny Depp arrived at the premiere. The actress said the film moved her.")
	if e := resolve(d, find(t, d, "The actress", 0)); name(d, e) != "Kate Winslet" {
		t.Errorf("the actress -> %s, want Kate Winslet", name(d, e))
	}
	d = analyze(t, "Striker Wayne Rooney scored twice. The 19-year-old said he was delighted.")
	if e := resolve(d, find(t, d, "The 19-year-old", 0)); name(d, e) != "Wayne Rooney" {
		t.Errorf("the 19-year-old -> %s, want Wayne Rooney", name(d, e))
	}
}

// "the Bishop of Durham" resolves by the role's head and its complement;
// "the prime minister" is not the deputy prime minister.
func TestRoleHeadBeforeComplement(t *testing.T) {
	d := analyze(t, "Deputy Prime Minister John Prescott and Prime Minister Tony Blair met in London. The Bishop of Durham, Tom Wright, was there. Later the prime minister said it went well.")
	if e := resolve(d, find(t, d, "the prime minister", 0)); name(d, e) != "Tony Blair" {
		t.Errorf("the prime minister -> %s, want Tony Blair", name(d, e))
	}
}

// I and we are the speaker of the quotation around them, or of the last
// attribution when its marks do not pair up; with none before, nobody.
func TestFirstPersonIsTheQuotationSpeaker(t *testing.T) {
	s := `Warren Gatland said the squad was ready. "I think we played well."`
	d := analyze(t, s)
	e0 := resolve(d, find(t, d, "Warren Gatland", 0))
	ctx := coref.Context{Prior: []verbatim.Quote{{Span: find(t, d, "the squad was ready", 0), Speaker: e0, SpeakerAt: find(t, d, "Warren Gatland", 0)}}}
	if e := coref.Resolve(d, word(t, d, "I think"), ctx); name(d, e) != "Warren Gatland" {
		t.Errorf("I -> %s, want Warren Gatland", name(d, e))
	}
	d = analyze(t, s)
	if e := resolve(d, word(t, d, "I think")); e >= 0 {
		t.Errorf("I with no attribution before -> %s", name(d, e))
	}
}

// A descriptor set off by a comma next to a name is that name's.
func TestAppositive(t *testing.T) {
	d := analyze(t, "Michael Lamberty, a Lufthansa spokesman, said flights were cancelled. The committee chairman, MP Edward Leigh, said the report was clear.")
	if e := resolve(d, find(t, d, "a Lufthansa spokesman", 0)); name(d, e) != "Michael Lamberty" {
		t.Errorf("a Lufthansa spokesman -> %s, want Michael Lamberty", name(d, e))
	}
	if e := resolve(d, find(t, d, "The committee chairman", 0)); name(d, e) != "Edward Leigh" {
		t.Errorf("the committee chairman -> %s, want Edward Leigh", name(d, e))
	}
	if e := resolve(d, find(t, d, "the report", 0)); e >= 0 && d.Entities[e].Type == verbatim.Person {
		t.Errorf("the report -> the person %s", name(d, e))
	}
}

// The speaker named between the two parts of a quotation is an antecedent
// (only the quoted parts are the speaker's words).
func TestSpeakerBetweenQuotedParts(t *testing.T) {
	s := `Skerry Lines will stop the crossings. "We have run at a loss," chief executive Ingrid Dahl told the Courier. "The council knew." "Nobody can ask that," she added.`
	d := analyze(t, s)
	said := find(t, d, "Ingrid Dahl", 0)
	e0 := resolve(d, said)
	p1, p2 := find(t, d, "We have run at a loss,", 0), find(t, d, "The council knew.", 0)
	prior := []verbatim.Quote{{Span: verbatim.Span{Start: p1.Start, End: p2.End}, Parts: []verbatim.Span{p1, p2},
		Type: verbatim.Direct, Speaker: e0, SpeakerAt: said, Cue: find(t, d, "told", 0)}}
	if e := coref.Resolve(d, word(t, d, "she added"), coref.Context{Prior: prior}); name(d, e) != "Ingrid Dahl" {
		t.Errorf("she -> %s, want Ingrid Dahl", name(d, e))
	}
}

// A new document ("a survey") names its author later in its sentence.
func TestNewDocumentAuthorAfter(t *testing.T) {
	d := analyze(t, "Call centres are failing. A survey of 1,000 callers for Dimension Data found that most hung up.")
	if e := resolve(d, find(t, d, "A survey", 0)); name(d, e) != "Dimension Data" {
		t.Errorf("a survey -> %s, want Dimension Data (%+v)", name(d, e), d.Entities)
	}
}

// A first name of the wide given-name list gives a gender too: "she" is
// not Clive Owen.
func TestGenderFromGivenNames(t *testing.T) {
	d := analyze(t, "Clive Owen and Imelda Staunton arrived at the Odeon on Sunday. Owen waved to the crowd. \"It's lovely to be here,\" she said.")
	if e := resolve(d, word(t, d, "she said")); name(d, e) != "Imelda Staunton" {
		t.Errorf("she -> %s, want Imelda Staunton", name(d, e))
	}
}
