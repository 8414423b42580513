package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// extractExample runs `verbatim extract` on a bundled example and returns
// its records (args add flags).
func extractExample(t *testing.T, name string, args ...string) []verbatim.Result {
	t.Helper()
	args = append(append([]string{"extract"}, args...), filepath.Join("..", "..", "examples", name))
	out, stderr, code := runVerbatim(t, args...)
	if code != 0 {
		t.Fatalf("extract %s: exit %d: %s", name, code, stderr)
	}
	var rs []verbatim.Result
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r verbatim.Result
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		rs = append(rs, r)
	}
	return rs
}

func findQuote(qs []verbatim.QuoteOut, sub string) *verbatim.QuoteOut {
	for i := range qs {
		if strings.Contains(qs[i].Text, sub) {
			return &qs[i]
		}
	}
	return nil
}

func TestExampleBudgetVote(t *testing.T) {
	rs := extractExample(t, "budget-vote.jsonl")
	qs := rs[0].Quotes
	// a quotation before "according to": the League's statement
	q := findQuote(qs, "papers over a structural gap")
	if q == nil || q.Cue != "according to" || q.SpeakerMention != "the Taxpayers' League" || !strings.HasPrefix(q.Text, "The budget") {
		t.Errorf("the League's statement: %+v", q)
	}
	// no finance director is named: the mayor holds another office
	if q := findQuote(qs, "small surplus"); q == nil || q.Speaker != nil || q.SpeakerMention != "The finance director" {
		t.Errorf("the finance director's statement: %+v", q)
	}
	// "Lind praised the council staff" says nothing: no statement, but an
	// attribution of another kind with --attributions all
	if q := findQuote(qs, "council staff"); q != nil {
		t.Errorf("printed as a statement: %+v", q)
	}
	if q := findQuote(qs, "through three nights"); q == nil || q.Kind != verbatim.Statement {
		t.Errorf("Lind's statement after praising: %+v", q)
	}
	all := extractExample(t, "budget-vote.jsonl", "--attributions", "all")[0].Quotes
	if q := findQuote(all, "council staff"); q == nil || q.Kind == verbatim.Statement || q.Kind == "" {
		t.Errorf("with --attributions all: %+v", q)
	}
	if len(all) <= len(qs) {
		t.Errorf("--attributions all gives %d quotes, statements %d", len(all), len(qs))
	}
}

func TestExampleRiverFloodParagraphs(t *testing.T) {
	// a quotation left open at a paragraph's end, and the next paragraph
	// opening another: two statements, the second's opening mark in
	// neither text
	qs := extractExample(t, "river-flood.txt")[0].Quotes
	for _, q := range qs {
		if strings.Contains(q.Text, "\n\n") {
			t.Errorf("a quote over two paragraphs: %q", q.Text)
		}
	}
	leave, buses := findQuote(qs, "please leave now"), findQuote(qs, "Buses will run")
	if leave == nil || buses == nil || leave == buses || strings.Contains(leave.Text, `"`+"\n") {
		t.Fatalf("want two statements, one per paragraph: %+v, %+v", leave, buses)
	}
	if buses.Speaker == nil || *buses.Speaker != "Ines Duarte" || !strings.HasPrefix(buses.Text, "Buses") {
		t.Errorf("the floating quote: %+v", buses)
	}
}

func TestExtractAttributionsFlag(t *testing.T) {
	if _, stderr, code := runVerbatim(t, "extract", "--attributions", "some", filepath.Join("..", "..", "examples")); code == 0 || !strings.Contains(stderr, "--attributions") {
		t.Errorf("a bad --attributions: exit %d, %q", code, stderr)
	}
	out, _, code := runVerbatim(t, "extract", "--format", "text", filepath.Join("..", "..", "examples", "budget-vote.jsonl"))
	if code != 0 || !strings.Contains(out, "confidence 0.") {
		t.Errorf("text output without confidence: %s", out)
	}
}
