package quotes_test

import (
	"strings"
	"testing"
)

// A cue word used as a noun or an adjective heads no attribution; used as a
// verb it still does.
func TestCueWordAsNounOrAdjective(t *testing.T) {
	for _, c := range []struct {
		text string
		none []string // no attribution's content starts with these words
		want []string // an attribution has this content
	}{
		{"The actress hosted her own reality show “Nordvik Nights” in 2005. The hourlong show came in fourth among the contenders.",
			[]string{"“Nordvik", "came in fourth"}, nil},
		{"His accused killer, Eric Lind, appeared in court on Monday. The woman accused had just been escorted from the building.",
			[]string{"killer", "had just been escorted"}, nil},
		{"The brother of a woman found dead in Nordvik has been charged. Police found her after a search of the harbour.",
			[]string{"dead in Nordvik", "her after a search"}, nil},
		{"Police seized 99 alleged Mafia members on Tuesday. A ballistics report is yet to be made public.",
			[]string{"Mafia members", "is yet to be made public"}, nil},
		{"Olsen added 16 points for the Harbour Hawks on Saturday. It's safe to say Olsen exceeded every hope.",
			[]string{"16 points", "Olsen exceeded"}, nil},
		{"Olsen added that the club would appeal, and Lind said he would stay.",
			nil, []string{"the club would appeal", "he would stay"}},
		{"The dimpled back and waterproof casing at least add more durability than before.",
			[]string{"more durability"}, nil},
		{"In the case of Lind, rest assured that the club wants him.",
			[]string{"the club wants him"}, nil},
		{"Official figures show. Polling averages show Olsen with a narrow lead, and the inquiry found that the harbour had been closed unlawfully.",
			nil, []string{"Olsen with a narrow lead", "the harbour had been closed unlawfully"}},
	} {
		d := analyse(t, c.text)
		for _, q := range d.Quotes {
			for _, n := range c.none {
				if strings.HasPrefix(d.Word(q.Span), n) {
					t.Errorf("%q: attribution %q", c.text, d.Word(q.Span))
				}
			}
		}
		for _, w := range c.want {
			if find(d, w) == nil {
				t.Errorf("%q: no attribution %q", c.text, w)
			}
		}
	}
}

// Acts are no statements: "allowed observers to …", "suspended a candidate".
func TestActsAreNoStatements(t *testing.T) {
	for _, c := range []struct{ text, content string }{
		{"The vote was held on Sunday in Nordvik. For the first time, the government allowed international observers to supervise the elections in Nordvik.", "international observers to supervise the elections"},
		{"The news came after the party suspended a candidate for allegedly suggesting the harbour should be closed.", "a candidate for allegedly suggesting"},
	} {
		d := analyse(t, c.text)
		for _, q := range d.Quotes {
			if q.Kind == "statement" && strings.HasPrefix(d.Word(q.Span), strings.Fields(c.content)[0]) {
				t.Errorf("%q: statement %q", c.text, d.Word(q.Span))
			}
		}
	}
}

// A cue word opening the text has no word before it.
func TestCueWordOpensTheText(t *testing.T) {
	for _, text := range []string{"accused of lying, the mayor resigned.", "Show organizers said the host would return.", "alleged members were held.", "report is due."} {
		analyse(t, text) // must not panic
	}
}
