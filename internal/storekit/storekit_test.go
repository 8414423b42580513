package storekit

import (
	"strings"
	"testing"
)

// TestHighlightSpans: the words a query matched are found as the index
// finds them — case and accents ignored, prefixes, phrases in a row as one
// range — and what follows NOT, operators and column names are not marked.
func TestHighlightSpans(t *testing.T) {
	text := "Mélanie Dubois said the ceasefire was within reach; taxes, not tax cuts, within the reach of all."
	for q, want := range map[string]string{
		"melanie":                       "[Mélanie] Dubois",
		"tax*":                          "said the ceasefire was within reach; [taxes], not [tax] cuts",
		`"within reach"`:                "was [within reach]; taxes",
		"ceasefire NOT war":             "the [ceasefire] was",
		"title:dubois OR (reach AND x)": "Mélanie [Dubois] said the ceasefire was within [reach]; taxes, not tax cuts, within the [reach] of all.",
		`"U.S."`:                        "Mélanie Dubois said",
	} {
		got, at := "", 0
		for _, h := range HighlightSpans(text, QueryTerms(q)) {
			got += text[at:h.Start] + "[" + text[h.Start:h.End] + "]"
			at = h.End
		}
		got += text[at:]
		if !strings.Contains(got, want) {
			t.Errorf("%s: %s", q, got)
		}
	}
}

func TestMergeRoles(t *testing.T) {
	for _, c := range []struct {
		in   []Role
		want string
	}{
		{[]Role{{"U.S. President", 2}, {"US President", 1}, {"President", 5}}, "U.S. President"},
		{[]Role{{"envoy", 1}, {"Ukraine envoy", 1}, {"former general", 3}}, "former general|Ukraine envoy"},
		{[]Role{{"Minister", 1}}, "Minister"},
		{nil, ""},
	} {
		if got := strings.Join(MergeRoles(c.in), "|"); got != c.want {
			t.Errorf("%v: %q, want %q", c.in, got, c.want)
		}
	}
}
