package coref_test

import (
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
)

// A place the quote stage cut off as the name of "The MP for [Northfield
// East]" is the complement of a role: the source is the MP.
func TestRoleComplementIsNotTheSource(t *testing.T) {
	d := analyze(t, "Labour MP Derek Hollins criticised the plan in Leeds on Monday. The MP for Leeds said the council had not been consulted.")
	if e := resolveIn(t, d, "The MP for Leeds", "Leeds"); name(d, e) != "Derek Hollins" {
		t.Errorf("The MP for [Leeds] -> %s, want Derek Hollins", name(d, e))
	}
	// a spokesman for an organisation is an unnamed source, not the organisation
	d = analyze(t, "Sales fell in March. A spokesman for Brightline Foods said prices would rise.")
	if e := resolveIn(t, d, "A spokesman for Brightline Foods", "Brightline Foods"); e >= 0 {
		t.Errorf("a spokesman for [Brightline Foods] -> %s, want nobody", name(d, e))
	}
}

// "the [Russian]": a nationality the quote stage cut off as a name refers
// to the person in focus; "the [Conservatives]" stay a party.
func TestNationalityIsAPersonDescriptor(t *testing.T) {
	d := analyze(t, "Ivan Petrov beat Tom Ellis in straight sets in Moscow on Sunday. The Russian said he would rest before the final.")
	if e := resolveIn(t, d, "The Russian", "Russian"); name(d, e) != "Ivan Petrov" {
		t.Errorf("The [Russian] -> %s, want Ivan Petrov", name(d, e))
	}
}

// "Jane Holt of Brightline Capital": the quote stage may cut the
// organisation off as the name; the person before its "of" speaks.
func TestPersonOfOrganisation(t *testing.T) {
	d := analyze(t, "Shares rose on Monday. \"It was a good quarter,\" said Jane Holt of Brightline Capital.")
	if e := resolveIn(t, d, "Jane Holt of Brightline Capital", "Brightline Capital"); name(d, e) != "Jane Holt" {
		t.Errorf("Jane Holt of [Brightline Capital] -> %s, want Jane Holt", name(d, e))
	}
}

// "he" after "a spokesman for X said" is that unnamed spokesman: no one
// named before.
func TestHeAfterSpokesmanForOrganisation(t *testing.T) {
	s := "Peter Vance welcomed the word on Monday. A spokesman for the Brightline Press said it was new. \"It was the word of the year,\" he said."
	d := analyze(t, s)
	at := find(t, d, "A spokesman for the Brightline Press", 0)
	prior := []verbatim.Quote{{Span: find(t, d, "it was new", 0), Type: verbatim.Indirect, Speaker: -1, SpeakerAt: at}}
	if e := coref.Resolve(d, word(t, d, "he said"), coref.Context{Prior: prior}); e >= 0 {
		t.Errorf("he -> %s, want nobody (the unnamed spokesman)", name(d, e))
	}
	// and so is the "he" after that "he"
	s += " \"It is spreading,\" he added."
	d = analyze(t, s)
	at = find(t, d, "A spokesman for the Brightline Press", 0)
	prior = []verbatim.Quote{{Span: find(t, d, "it was new", 0), Type: verbatim.Indirect, Speaker: -1, SpeakerAt: at},
		{Span: find(t, d, "It was the word of the year,", 0), Type: verbatim.Direct, Speaker: -1, SpeakerAt: word(t, d, "he said")}}
	if e := coref.Resolve(d, word(t, d, "he added"), coref.Context{Prior: prior}); e >= 0 {
		t.Errorf("the second he -> %s, want nobody (the unnamed spokesman)", name(d, e))
	}
}

// "The Anti-Phishing Working group": capitalised words no name covers
// before a lower-case head are a name the tagger missed, not a reference
// back to the organisation named before.
func TestNameWithCommonHead(t *testing.T) {
	d := analyze(t, "Lycos Europe sells e-mail filters. The Harbour Signal Working group said attacks had doubled.")
	if e := resolve(d, find(t, d, "The Harbour Signal Working group", 0)); e >= 0 {
		t.Errorf("The Harbour Signal Working group -> %s, want nobody", name(d, e))
	}
	d = analyze(t, "Lycos Europe sells e-mail filters. The company said attacks had doubled.")
	if e := resolve(d, find(t, d, "The company", 0)); name(d, e) != "Lycos Europe" {
		t.Errorf("The company -> %s, want Lycos Europe", name(d, e))
	}
}

// "the committee" refers to an organisation named a committee, never to
// the broadcaster or party named before it; "the firm" to any firm.
func TestNamedBodyNeedsItsHead(t *testing.T) {
	d := analyze(t, "The BBC spent too much on new buildings, MPs have said. The committee said costs had doubled.")
	if e := resolve(d, find(t, d, "The committee", 0)); e >= 0 {
		t.Errorf("the committee -> %s, want nobody", name(d, e))
	}
	d = analyze(t, "The BBC spent too much, the Public Accounts Committee has said. The committee said costs had doubled.")
	if e := resolve(d, find(t, d, "The committee", 0)); name(d, e) != "Public Accounts Committee" {
		t.Errorf("the committee -> %s, want Public Accounts Committee", name(d, e))
	}
}

// A name after a title governed by a preposition ("by Riverside Club
// chairman Tom Hale") is no subject of its sentence: "the American" there
// is the subject of the sentence before.
func TestTitledObjectIsNoSubject(t *testing.T) {
	d := analyze(t, "World number one Jane Orr has criticised the club.\n\nReacting to a remark by Riverside Club chairman Tom Hale, the American said it was unfair.")
	if e := resolveIn(t, d, "the American", "American"); name(d, e) != "Jane Orr" {
		t.Errorf("the American -> %s, want Jane Orr", name(d, e))
	}
}
