package coref_test

import (
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
)

// A document speaks for the organisation the article names with it, not
// for the organisation ranked first.
func TestDocumentSpeaksForItsAuthor(t *testing.T) {
	for _, c := range []struct{ text, mention, want string }{
		// named with the document before it, another organisation nearer
		{"A survey conducted by Forrester Research has revealed that many Britons are unhappy. The survey found that Vodafone and Orange have been dissuading customers.",
			"The survey", "Forrester Research"},
		{"In the Bank of Japan's December survey, the balance was 22. Toyota said sales grew. Nonetheless, the survey found the pace is quickening.",
			"the survey", "Bank of Japan"},
		// named with the document after it
		{"Older people are protecting their computers, according to a two-year study. The study, for net security firm Preventon, shows that Microsoft messages reach surfers.",
			"a two-year study", "Preventon"},
		{"Mobiles are not ready, said the report. But the Gartner report on mobile TV broadcasting in Europe suggests Nokia will have to wait.",
			"the report", "Gartner"},
		// a bare plural document: the one named after it
		{"Text messaging rose again, with latest figures showing that 26 billion texts were sent. The figures collected by the Mobile Data Association showed a rise at Vodafone.",
			"latest figures", "Mobile Data Association"},
		// the author's acronym in brackets before the document word
		{"Mill output grew for the 9th month in a row, official figures show. The Institute for Paper Making (IPM) index rose to 53.1 in May.",
			"official figures", "Institute for Paper Making"},
		// a book: its title, then its author
		{"The row came after the publication of a new book, Harbour Days by Peter Lindqvist. Mr Berg denied it. The book claims the mayor went back on his pledge.",
			"The book", "Peter Lindqvist"},
		// its own author, a person the organisation only describes
		{"Mr Berg has denied the claims. The book, by Vikstad Post journalist Peter Lindqvist and serialised in the paper, said the pair had fallen out.",
			"The book", "Peter Lindqvist"},
	} {
		d := analyze(t, c.text)
		if e := resolve(d, find(t, d, c.mention, 0)); name(d, e) != c.want {
			t.Errorf("%q in %q -> %s, want %s", c.mention, c.text, name(d, e), c.want)
		}
	}
}

// "It" after a document that spoke is the document, which speaks for its
// author, a person too.
func TestItAfterADocument(t *testing.T) {
	d := analyze(t, "Book row\n\nThe book, by journalist Peter Lindqvist, said the pair had fallen out.\n\nIt claims the mayor felt betrayed.")
	book := find(t, d, "The book", 0)
	e := resolve(d, book)
	prior := []verbatim.Quote{{Span: find(t, d, "the pair had fallen out", 0), Type: verbatim.Indirect, Speaker: e, SpeakerAt: book}}
	if e := coref.Resolve(d, word(t, d, "It claims"), coref.Context{Prior: prior}); name(d, e) != "Peter Lindqvist" {
		t.Errorf("It -> %s, want Peter Lindqvist", name(d, e))
	}
}

// A document a person put out speaks for that person, not for the
// organisation named in the apposition between them.
func TestDocumentSpeaksForWhoIssuedIt(t *testing.T) {
	d := analyze(t, "Mara Olsen, head of the Nordvik School, released a statement on Monday. \"We are sorry for the delay,\" the statement said.")
	if e := resolve(d, find(t, d, "the statement", 0)); name(d, e) != "Mara Olsen" {
		t.Errorf("the statement -> %s, want Mara Olsen", name(d, e))
	}
	d = analyze(t, "Gray's principal, Matthew Lind of the Nordvik School of Design, wrote a heartfelt letter describing the teen. \"Kimani made great strides this year,\" the letter read.")
	if e := resolve(d, find(t, d, "the letter", 0)); name(d, e) != "Matthew Lind" {
		t.Errorf("the letter -> %s, want Matthew Lind", name(d, e))
	}
}
