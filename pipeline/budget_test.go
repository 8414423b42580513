package pipeline

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
)

// TestRunBudget: a document whose analysis outlasts the budget comes out
// with an OverBudgetError, in its place, and the documents after it are
// analysed; the abandoned analysis runs none of its later stages.
func TestRunBudget(t *testing.T) {
	var later atomic.Int32
	slow := verbatim.StageFunc{N: "slow", F: func(d *verbatim.Doc) {
		if d.ID == "slow" {
			time.Sleep(300 * time.Millisecond)
		}
	}}
	count := verbatim.StageFunc{N: "count", F: func(d *verbatim.Doc) {
		if d.ID == "slow" {
			later.Add(1)
		}
	}}
	p := verbatim.NewPipeline(slow, count)
	in := make(chan Item, 3)
	for _, id := range []string{"a", "slow", "b"} {
		in <- Item{Article: verbatim.Article{ID: id, Text: "Some text."}}
	}
	close(in)
	var got []string
	for it := range RunBudget(p, in, 2, 50*time.Millisecond) {
		var ob *OverBudgetError
		switch {
		case it.Article.ID == "slow":
			if !errors.As(it.Err, &ob) || ob.Budget != 50*time.Millisecond || ob.Bytes != len("Some text.") {
				t.Fatalf("slow document: err %v, want an OverBudgetError of 50ms", it.Err)
			}
		case it.Err != nil || it.Doc == nil:
			t.Fatalf("%s: %v", it.Article.ID, it.Err)
		}
		got = append(got, it.Article.ID)
	}
	if len(got) != 3 || got[0] != "a" || got[1] != "slow" || got[2] != "b" {
		t.Fatalf("order %v", got)
	}
	time.Sleep(400 * time.Millisecond) // the abandoned analysis ends its stage
	if n := later.Load(); n != 0 {
		t.Errorf("the abandoned analysis ran %d later stages", n)
	}
	// within budget, or with none, the result is Analyze's
	for _, b := range []time.Duration{0, time.Minute} {
		d, err := AnalyzeWithin(New(), verbatim.Article{ID: "x", Text: "“We will win,” she said."}, b)
		if err != nil || len(d.Quotes) != 1 {
			t.Fatalf("budget %v: %v, %d quotes", b, err, len(d.Quotes))
		}
	}
}
