package quotes_test

import "testing"

func TestJoinPartsPastLongAttribution(t *testing.T) {
	// a continuation after an attribution with an appositive or a relative
	// clause joins its first part; one going on into ", when …" does not
	// (TestSplitQuoteAndContinuation)
	check(t, "“The bridge is safe,” said the engineer, who has inspected it for the county since 2009. “We checked every cable.”",
		want{"The bridge is safe,” said the engineer, who has inspected it for the county since 2009. “We checked every cable.", "direct", "the engineer", "said", "", ""})
	check(t, "“The bridge is safe,” Anna Berg, the county engineer, told reporters at the river on Friday. “We checked every cable.”",
		want{"The bridge is safe,” Anna Berg, the county engineer, told reporters at the river on Friday. “We checked every cable.", "direct", "Anna Berg", "told", "reporters", ""})
}
