package pipeline_test

import (
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/pipeline"
)

// Fragments that were made speakers in real use (issue 17): a heading, a
// squad list, a possessive first name, "Nobody", a constituency before
// "MP". The texts are written for this test; each names who must not speak.
func TestFragmentsAreNoSpeakers(t *testing.T) {
	p := pipeline.New()
	for _, c := range []struct{ text, notSpeaker string }{
		{"Wireless: the new phones will ship in March, the company said.\n", "Wireless"},
		{"England named their side on Monday.\n\nBacks: Jason Robinson, Josh Lewsey, Mark Cueto, Charlie Hodgson.\n\nForwards: Andrew Sheridan, Steve Thompson.\n", "Backs"},
		{"\"It is over,\" said one of Tony's cronies. Tony's cronies say the plan is dead.\n", "Tony"},
		{"\"Nobody will be left behind,\" Nobody said at the rally.\n", "Nobody"},
		{"The Sittingbourne and Sheppey MP said the station should stay open.\n", "MP"},
		{"The Sittingbourne and Sheppey MP said the station should stay open.\n", "Sittingbourne and Sheppey"},
	} {
		d, err := p.Analyze(verbatim.Article{ID: "t", Text: c.text})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range d.Quotes {
			if q.Speaker >= 0 && d.Entities[q.Speaker].Name == c.notSpeaker {
				t.Errorf("%q: %q speaks %q", c.text, c.notSpeaker, d.Word(q.Span))
			}
		}
	}
}
