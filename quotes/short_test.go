package quotes_test

import "testing"

func TestShortSmallClauseObject(t *testing.T) {
	// a loose cue's short small clause is content without the cue model
	check(t, "Sen. Bernie Sanders called him divisive on Sunday.",
		want{"him divisive on Sunday", "indirect", "Sen. Bernie Sanders", "called", "", ""})
	check(t, "The senator called Cruz a liar.",
		want{"Cruz a liar", "indirect", "The senator", "called", "", ""})
	check(t, "The governor criticized the new budget.",
		want{"the new budget", "indirect", "The governor", "criticized", "", ""})
	// an object opened by a possessed name is not
	d := analyse(t, "The minister acknowledged Trump's diplomatic efforts.")
	if len(d.Quotes) != 0 {
		t.Errorf("a possessed object is content: %q", d.Word(d.Quotes[0].Span))
	}
}

func TestSpeechParticipleTakesBareClause(t *testing.T) {
	check(t, "Other senators want ground forces in Syria, saying airstrikes have been inadequate.",
		want{"ground forces in Syria", "indirect", "Other senators", "want", "", ""},
		want{"airstrikes have been inadequate", "indirect", "Other senators", "saying", "", ""})
}

func TestParticipleTakesObjectPronoun(t *testing.T) {
	// a loose participle cue takes an object pronoun and what it is called
	d := analyse(t, "The senator met the mayor on Monday, calling him a total stiff and a loser.")
	found := false
	for _, q := range d.Quotes {
		if d.Word(q.Span) == "him a total stiff and a loser" && d.Word(q.Cue) == "calling" {
			found = true
		}
	}
	if !found {
		t.Errorf("no content 'him a total stiff and a loser': %d quotes", len(d.Quotes))
	}
}
