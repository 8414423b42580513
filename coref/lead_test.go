package coref_test

import (
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
)

// resolveIn resolves the head of a source phrase as the quote stage hands
// it over: the words after the last name ("leader" of "the Liberal
// Democrat leader"), the whole phrase in the context.
func resolveIn(t *testing.T, d *verbatim.Doc, phrase, head string) int {
	t.Helper()
	ph := find(t, d, phrase, 0)
	sp := ph
	sp.Start = ph.End - len(head)
	return coref.Resolve(d, sp, coref.Context{Phrase: ph})
}

func TestDescriptorCutAfterItsName(t *testing.T) {
	d := analyze(t, "Voters will have a clear choice, said Charles Kennedy.\n\nIn his New Year message the Liberal Democrat leader said Labour was wrong.")
	if e := resolveIn(t, d, "the Liberal Democrat leader", "leader"); name(d, e) != "Charles Kennedy" {
		t.Errorf("the Liberal Democrat [leader] -> %s, want Charles Kennedy", name(d, e))
	}
	// without the phrase, the bare head refers to no one
	d = analyze(t, "Voters will have a clear choice, said Charles Kennedy.\n\nIn his New Year message the Liberal Democrat leader said Labour was wrong.")
	sp := find(t, d, "leader", 0)
	if e := resolve(d, sp); e >= 0 {
		t.Errorf("a bare head resolved to %s", name(d, e))
	}
}

func TestLeadDocumentNamedAfter(t *testing.T) {
	d := analyze(t, "Gaming on the move is growing fast in India, says a report.\n\nThe market is expected to grow, according to the Pew Research Center.")
	if e := resolve(d, find(t, d, "a report", 0)); name(d, e) != "Pew Research Center" {
		t.Errorf("a report -> %s, want Pew Research Center", name(d, e))
	}
}

func TestLeadPersonNamedAfter(t *testing.T) {
	d := analyze(t, "Labour MP praises Tory campaign\n\nThe Conservatives have been smarter, a senior Labour MP has said.\n\nDerek Wyatt said the campaign turned off voters.")
	if e := resolve(d, find(t, d, "a senior Labour MP", 0)); name(d, e) != "Derek Wyatt" {
		t.Errorf("a senior Labour MP -> %s, want Derek Wyatt", name(d, e))
	}
	// an unnamed source stays unnamed though a person is named next
	d = analyze(t, "Talks stall\n\nThe talks have stalled, a spokesman has said.\n\nDerek Wyatt said the campaign turned off voters.")
	if e := resolve(d, find(t, d, "a spokesman", 0)); e >= 0 {
		t.Errorf("a spokesman -> %s, want none", name(d, e))
	}
	// a descriptor of one gender skips a person of the other
	d = analyze(t, "Book row\n\nThe plot is nonsense, a clergyman has said.\n\nMary Smith wrote it. John Brown said it was false.")
	if e := resolve(d, find(t, d, "a clergyman", 0)); name(d, e) == "Mary Smith" {
		t.Errorf("a clergyman -> Mary Smith")
	}
}

func TestDoerDescriptorInFocus(t *testing.T) {
	d := analyze(t, "Tom Hanks said that the new film had an elegant message. \"Christmas is special,\" added the two-time Academy Award winner.")
	q := verbatim.Quote{Type: verbatim.Indirect, Speaker: -1}
	hanks := resolve(d, find(t, d, "Tom Hanks", 0))
	q.Speaker, q.SpeakerAt = hanks, find(t, d, "Tom Hanks", 0)
	c := coref.Context{Prior: []verbatim.Quote{q}}
	if e := coref.Resolve(d, find(t, d, "the two-time Academy Award winner", 0), c); e != hanks || e < 0 {
		t.Errorf("the two-time Academy Award winner -> %s, want Tom Hanks", name(d, e))
	}
	// a thing is no one: "the book" is not the person in focus
	if e := coref.Resolve(d, find(t, d, "the new film", 0), c); e >= 0 {
		t.Errorf("the new film -> %s, want none", name(d, e))
	}
}

// TestUnnamedSpokesman checks that a spokesman no one was named as stays
// unnamed rather than taking the person in focus.
func TestUnnamedSpokesman(t *testing.T) {
	d := analyze(t, "Marshall Mathers said on Monday that he was sorry. The rapper's spokesperson said the clip was a joke.")
	if e := resolve(d, find(t, d, "The rapper's spokesperson", 0)); e >= 0 {
		t.Errorf("The rapper's spokesperson: %s, want none", name(d, e))
	}
	if e := resolve(d, find(t, d, "The rapper", 0)); name(d, e) != "Marshall Mathers" {
		t.Errorf("The rapper: %s, want Marshall Mathers", name(d, e))
	}
}

// A definite role descriptor in the lead that no one has yet is the
// person the article names next.
func TestLeadRoleNamedAfter(t *testing.T) {
	d := analyze(t, "Video games should carry clearer labels, the trade and industry secretary has said.\n\nPatricia Hewitt is expected to call for a change in the law.")
	if e := resolve(d, find(t, d, "the trade and industry secretary", 0)); name(d, e) != "Patricia Hewitt" {
		t.Errorf("the trade and industry secretary -> %s, want Patricia Hewitt", name(d, e))
	}
}

// "a chief constable", "a Labour backbencher": the lead describes whom the
// article names next.
func TestLeadConstableAndBackbencher(t *testing.T) {
	for _, c := range []struct{ text, desc, want string }{
		{"Pub hours row\n\nLonger opening hours will help, a chief constable has said.\n\nDorset police chief Alan Greaves said the change was welcome.", "a chief constable", "Alan Greaves"},
		{"Budget row\n\nThe budget is a mistake, a Labour backbencher has said.\n\nMartin Crewe said the cuts went too far.", "a Labour backbencher", "Martin Crewe"},
	} {
		d := analyze(t, c.text)
		if e := resolve(d, find(t, d, c.desc, 0)); name(d, e) != c.want {
			t.Errorf("%s -> %s, want %s", c.desc, name(d, e), c.want)
		}
	}
}
