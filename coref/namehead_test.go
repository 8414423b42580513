package coref_test

import "testing"

// An organisation the tagger cut words off keeps the fuller name the
// speaker phrase writes, unless the words before it are a title or name
// something else.
func TestFullerOrganisationName(t *testing.T) {
	d := analyze(t, "Farms are inspected. A further 40,000 farms are yet to be inspected, said the state's National Land Institute on Monday.")
	if e := resolve(d, find(t, d, "the state's National Land Institute", 0)); name(d, e) != "National Land Institute" {
		t.Errorf("the state's National Land Institute -> %s", name(d, e))
	}
	d = analyze(t, "Rates will stay on hold, the US Federal Reserve said on Tuesday.")
	if e := resolve(d, find(t, d, "the US Federal Reserve", 0)); name(d, e) == "US Federal Reserve" {
		t.Errorf("a place before the name joined it: %s", name(d, e))
	}
}
