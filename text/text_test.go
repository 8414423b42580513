package text

import (
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

func sentences(s string) []string {
	d := verbatim.NewDoc(verbatim.Article{Text: s})
	d.Clean = s
	d.Paragraphs = []verbatim.Span{{Start: 0, End: len(s)}}
	Process(d)
	var out []string
	for _, x := range d.Sentences {
		out = append(out, s[x.Start:x.End])
	}
	return out
}

func eq(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sentence %d: %q, want %q", i, got[i], want[i])
		}
	}
}

func TestSentencesKeepAbbreviations(t *testing.T) {
	eq(t, sentences("Mr. Lind met U.S. officials on Monday. They agreed."),
		[]string{"Mr. Lind met U.S. officials on Monday.", "They agreed."})
}

func TestPartyLabelIsOneWord(t *testing.T) {
	// "(D-N.Y.)" neither splits its sentence nor its word
	eq(t, sentences("Rep. Gregory Meeks (D-N.Y.) said they agreed. The vote follows."),
		[]string{"Rep. Gregory Meeks (D-N.Y.) said they agreed.", "The vote follows."})
	s := "Meeks (D-N.Y.) said"
	var got []string
	for _, tk := range Tokenize(s, verbatim.Span{Start: 0, End: len(s)}, nil) {
		got = append(got, s[tk.Start:tk.End])
	}
	eq(t, got, []string{"Meeks", "(", "D-N.Y.", ")", "said"})
}

func TestClosingQuoteStaysWithSentence(t *testing.T) {
	eq(t, sentences("“We are ready.” The vote follows."),
		[]string{"“We are ready.”", "The vote follows."})
}

func TestStraightQuoteAfterSpaceOpensNextSentence(t *testing.T) {
	eq(t, sentences(`"It is late," she said. "Go home now."`),
		[]string{`"It is late," she said.`, `"Go home now."`})
}

func TestEllipsisBeforeLowerCaseContinues(t *testing.T) {
	eq(t, sentences("We are talking... already, yes. Fine."),
		[]string{"We are talking... already, yes.", "Fine."})
}

func TestTokens(t *testing.T) {
	s := "Trump’s U.S.-Russia talks cost $3.5 million, don't they?"
	var got []string
	for _, tk := range Tokenize(s, verbatim.Span{Start: 0, End: len(s)}, nil) {
		got = append(got, s[tk.Start:tk.End])
	}
	want := []string{"Trump", "’s", "U.S.", "-", "Russia", "talks", "cost", "$", "3.5", "million", ",", "don't", "they", "?"}
	eq(t, got, want)
}

func TestNoPanic(t *testing.T) {
	for _, s := range []string{"", ".", "...", "\"", "’s", "a.b.c.", "\xff\xfe", "U.S."} {
		sentences(s)
	}
}

func TestListMarkerDoesNotEndASentence(t *testing.T) {
	eq(t, sentences("2. Ines Varga of Hungary finished second. She was happy."),
		[]string{"2. Ines Varga of Hungary finished second.", "She was happy."})
	// a figure ending a sentence still ends it
	eq(t, sentences("The score was 2. Varga won."),
		[]string{"The score was 2.", "Varga won."})
}

func TestDecimalPointDoesNotEndASentence(t *testing.T) {
	eq(t, sentences("Lind is batting .341 this season. Varga is not."),
		[]string{"Lind is batting .341 this season.", "Varga is not."})
}

func TestStraightQuoteEndingAParagraphClosesIt(t *testing.T) {
	eq(t, sentences(`" We are ready , " she said . " The vote follows . "`),
		[]string{`" We are ready , " she said .`, `" The vote follows . "`})
}

// TestMaxSentence: a paragraph without sentence ends is cut into sentences
// of at most MaxSentence tokens that cover it in order, at a line break
// when there is one.
func TestMaxSentence(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		b.WriteString("and then they said ")
		if i%25 == 24 {
			b.WriteString("the talks went on\n")
		}
	}
	d := &verbatim.Doc{Article: verbatim.Article{Text: b.String()}}
	Process(d)
	if len(d.Sentences) < 3000*4/MaxSentence {
		t.Fatalf("%d sentences for %d tokens", len(d.Sentences), len(d.Tokens))
	}
	next := 0
	for _, s := range d.Sentences {
		if s.First != next || s.Last-s.First > MaxSentence || s.Last <= s.First {
			t.Fatalf("sentence [%d, %d) after %d", s.First, s.Last, next)
		}
		if s.First > 0 && !strings.Contains(d.Text[d.Tokens[s.First-1].End:d.Tokens[s.First].Start], "\n") {
			t.Errorf("sentence at token %d does not start a line", s.First)
		}
		next = s.Last
	}
	if next != len(d.Tokens) {
		t.Fatalf("sentences end at %d of %d tokens", next, len(d.Tokens))
	}
}
