package coref_test

import (
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
)

// A descriptor by an office ("the finance director") is not the person in
// focus who holds another one (the mayor): with no holder named, the
// source stays unnamed. An occupation rules out no other ("the singer" for
// a guitarist).
func TestAnotherOfficeIsNotTheDescriptor(t *testing.T) {
	s := "The council approved the budget on Thursday.\n\n\"We listened,\" Mayor Oskar Brandt told the chamber.\n\nThe finance director maintains that the plan leaves a surplus."
	d := analyze(t, s)
	said := find(t, d, "Oskar Brandt", 0)
	e0 := resolve(d, said)
	prior := []verbatim.Quote{{Span: find(t, d, "We listened,", 0), Type: verbatim.Direct, Speaker: e0, SpeakerAt: said}}
	if e := coref.Resolve(d, find(t, d, "The finance director", 0), coref.Context{Prior: prior}); e >= 0 {
		t.Errorf("the finance director -> %s, want nobody (the mayor holds another office)", name(d, e))
	}
	s = "The band played in Leeds on Friday.\n\n\"We loved it,\" guitarist Tom Harker told the crowd.\n\nThe singer said the tour would go on."
	d = analyze(t, s)
	said = find(t, d, "Tom Harker", 0)
	e0 = resolve(d, said)
	prior = []verbatim.Quote{{Span: find(t, d, "We loved it,", 0), Type: verbatim.Direct, Speaker: e0, SpeakerAt: said}}
	if e := coref.Resolve(d, find(t, d, "The singer", 0), coref.Context{Prior: prior}); name(d, e) != "Tom Harker" {
		t.Errorf("the singer -> %s, want Tom Harker", name(d, e))
	}
}

// An office no one in the article is given is held by the one person the
// headline names, when no other office rules that person out.
func TestOfficeOfTheHeadlinePerson(t *testing.T) {
	d := analyze(t, "Lindqvist looks to election\n\nAnna Lindqvist's big speech kicked off the campaign. There was praise for Chancellor Erik Berg. Later the prime minister talked about a new manifesto.")
	if e := resolve(d, find(t, d, "the prime minister", 0)); name(d, e) != "Anna Lindqvist" {
		t.Errorf("the prime minister -> %s, want Anna Lindqvist", name(d, e))
	}
}

// "The judge" refers to the justice the article named.
func TestJudgeIsTheJustice(t *testing.T) {
	d := analyze(t, "Manhattan Supreme Court Justice Frank Nervo rejected the request on Thursday. Donald Trump had opposed it. The judge agreed that there was no reason to intrude.")
	if e := resolve(d, find(t, d, "The judge", 0)); name(d, e) != "Frank Nervo" {
		t.Errorf("The judge -> %s, want Frank Nervo", name(d, e))
	}
}
