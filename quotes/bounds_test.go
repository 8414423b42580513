package quotes_test

import (
	"strings"
	"testing"
)

func TestJoinPartsPastLongAttribution(t *testing.T) {
	// a continuation after an attribution with an appositive or a relative
	// clause joins its first part; one going on into ", when …" does not
	// (TestSplitQuoteAndContinuation)
	check(t, "“The bridge is safe,” said the engineer, who has inspected it for the county since 2009. “We checked every cable.”",
		want{"The bridge is safe,” said the engineer, who has inspected it for the county since 2009. “We checked every cable.", "direct", "the engineer", "said", "", ""})
	check(t, "“The bridge is safe,” Anna Berg, the county engineer, told reporters at the river on Friday. “We checked every cable.”",
		want{"The bridge is safe,” Anna Berg, the county engineer, told reporters at the river on Friday. “We checked every cable.", "direct", "Anna Berg", "told", "reporters", ""})
}

func TestContentRunsThroughItsQuote(t *testing.T) {
	// reported speech running into a quote of several sentences is one
	// content up to the quote's close
	check(t, "The mayor, Ida Holm, added that the city was “ready for the storm. We have sandbags on every corner.” Then she left.",
		want{"the city was “ready for the storm. We have sandbags on every corner.”", "mixed", "Ida Holm", "added", "", ""})
}

func TestQuotedFragmentAttributedAfterTakesItsClause(t *testing.T) {
	// a quoted fragment inside a clause attributed after it: the speaker
	// asserts the whole clause
	check(t, "The new director is “not a team player,” Carla Mendes said.",
		want{"The new director is “not a team player", "mixed", "Carla Mendes", "said", "", ""})
	// a quote opening its sentence stays the quote alone
	check(t, "“The director is not a team player,” Carla Mendes said.",
		want{"The director is not a team player", "direct", "Carla Mendes", "said", "", ""})
}

func TestJoinPartsOverAttributionClause(t *testing.T) {
	// a reported clause inside the attribution does not keep the parts apart
	check(t, "“The bridge is safe,” said an engineer, who said she feared for her job. “We checked every cable.”",
		want{"The bridge is safe,” said an engineer, who said she feared for her job. “We checked every cable.", "direct", "an engineer", "said", "", ""},
		want{"she feared for her job", "indirect", "who", "said", "", ""})
}

func TestLooseObjectEndsBeforeClause(t *testing.T) {
	check(t, "The senator criticized the new budget plan, because it cuts school funding.",
		want{"the new budget plan", "indirect", "The senator", "criticized", "", ""})
	check(t, "The governor opposed it as a candidate.",
		want{"it", "indirect", "The governor", "opposed", "", ""})
	// a list goes on after its comma
	check(t, "The senator criticized the budget, the tax bill and the farm plan.",
		want{"the budget, the tax bill and the farm plan", "indirect", "The senator", "criticized", "", ""})
}

func TestJoinPartsFloatingParagraph(t *testing.T) {
	// a paragraph that is only a quote is a new statement of the same
	// speaker (a floating quote), not a part of the one before: joined,
	// its opening mark would stand inside the text
	check(t, "“The harvest was poor,” farmer Jonas Lind said.\n\n“Prices will go up again next winter, no doubt about it.”\n",
		want{"The harvest was poor", "direct", "Jonas Lind", "said", "", ""},
		want{"Prices will go up again next winter, no doubt about it.", "direct", "Jonas Lind", "", "", ""})
}

func TestInvertedAttributionAppositiveIsNoContent(t *testing.T) {
	check(t, "New tariffs will not bring the factory jobs back, said Dana Ortiz, a professor of economics at the state university.",
		want{"New tariffs will not bring the factory jobs back", "indirect", "Dana Ortiz", "said", "", ""})
}

func TestQuotedFragmentsInClauseAttributedAfter(t *testing.T) {
	// earlier unattributed fragments belong to the same clause
	check(t, "Her “family values” voters are “not out to punish anyone,” Dana Ortiz said.",
		want{"Her “family values” voters are “not out to punish anyone", "mixed", "Dana Ortiz", "said", "", ""})
}

func TestJoinedQuoteKeepsItsParts(t *testing.T) {
	for _, c := range []struct {
		text  string
		parts []string
	}{
		{"“The water is rising,” Chief Marek Nowak said. “We expect it to peak tonight.”",
			[]string{"The water is rising", "We expect it to peak tonight."}},
		{"“We will not sign,” said Olsen, “until the shifts are safe.”",
			[]string{"We will not sign", "until the shifts are safe."}},
		{"“The bridge held,” said the engineer, who asked not to be named. “The ramps did not.”",
			[]string{"The bridge held", "The ramps did not."}},
	} {
		d := analyse(t, c.text)
		if len(d.Quotes) != 1 {
			t.Fatalf("%s: %d quotes, want 1", c.text, len(d.Quotes))
		}
		q := d.Quotes[0]
		var got []string
		for _, p := range q.Parts {
			got = append(got, d.Word(p))
			if p.Start < q.Start || p.End > q.End {
				t.Errorf("%s: part %v outside the quote %v", c.text, p, q.Span)
			}
		}
		if strings.Join(got, "|") != strings.Join(c.parts, "|") {
			t.Errorf("%s: parts %q, want %q", c.text, got, c.parts)
		}
	}
	d := analyse(t, "“The water is rising,” Chief Marek Nowak said.")
	if len(d.Quotes) != 1 || d.Quotes[0].Parts != nil {
		t.Errorf("a quote in one piece has no parts: %+v", d.Quotes)
	}
}
