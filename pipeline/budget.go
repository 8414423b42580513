package pipeline

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/verbatim-news/verbatim"
)

// DefaultBudget is the time extract and ingest give one document by
// default: no document under the size limit should come near it (issue 20:
// 16 MB of the worst shapes takes seconds), so a document over it is a bug
// to report, not a reason to stall a batch.
const DefaultBudget = time.Minute

// OverBudgetError is the error of a document whose analysis took longer
// than its budget: it was abandoned.
type OverBudgetError struct {
	Budget time.Duration
	Bytes  int // the document's size
}

func (e *OverBudgetError) Error() string {
	return fmt.Sprintf("over budget: analysis abandoned after %v (%d bytes)", e.Budget.Round(time.Millisecond), e.Bytes)
}

// AnalyzeWithin is p.Analyze with a time budget: when the analysis takes
// longer than budget it returns an *OverBudgetError at once, and the
// analysis, left to run in the background, stops at its next stage. A
// budget <= 0 waits as long as it takes.
func AnalyzeWithin(p *verbatim.Pipeline, a verbatim.Article, budget time.Duration) (*verbatim.Doc, error) {
	if budget <= 0 {
		return p.Analyze(a)
	}
	var abandoned atomic.Bool
	q := &verbatim.Pipeline{Stages: make([]verbatim.Stage, len(p.Stages)), Timings: p.Timings}
	for i, s := range p.Stages {
		q.Stages[i] = verbatim.StageFunc{N: s.Name(), F: func(d *verbatim.Doc) {
			if !abandoned.Load() {
				s.Process(d)
			}
		}}
	}
	type result struct {
		d   *verbatim.Doc
		err error
	}
	done := make(chan result, 1)
	go func() {
		d, err := q.Analyze(a)
		done <- result{d, err}
	}()
	t := time.NewTimer(budget)
	defer t.Stop()
	select {
	case r := <-done:
		return r.d, r.err
	case <-t.C:
		abandoned.Store(true)
		return nil, &OverBudgetError{Budget: budget, Bytes: len(a.Text)}
	}
}

// analyst analyses documents on a goroutine of its own, which keeps its
// grown stack from one document to the next (a goroutine per document grew
// one each time: 5% of a BBC extract). RunBudget's workers each own one and
// wait for it within the budget; one over budget is left to finish its
// stage and end, and a new one takes its place.
type analyst struct {
	jobs chan analystJob
}

type analystJob struct {
	a         verbatim.Article
	abandoned *atomic.Bool
	done      chan analystResult
}

type analystResult struct {
	d   *verbatim.Doc
	err error
}

func newAnalyst(p *verbatim.Pipeline) *analyst {
	an := &analyst{jobs: make(chan analystJob)}
	var cur *atomic.Bool // the job in analysis: read on this goroutine only
	q := &verbatim.Pipeline{Stages: make([]verbatim.Stage, len(p.Stages)), Timings: p.Timings}
	for i, s := range p.Stages {
		q.Stages[i] = verbatim.StageFunc{N: s.Name(), F: func(d *verbatim.Doc) {
			if !cur.Load() {
				s.Process(d)
			}
		}}
	}
	go func() {
		for j := range an.jobs {
			cur = j.abandoned
			d, err := q.Analyze(j.a)
			j.done <- analystResult{d, err}
		}
	}()
	return an
}

// budgeted is one worker's analysis within a budget.
type budgeted struct {
	p      *verbatim.Pipeline
	budget time.Duration
	an     *analyst
	done   chan analystResult
}

func (b *budgeted) analyze(a verbatim.Article) (*verbatim.Doc, error) {
	if b.budget <= 0 {
		return b.p.Analyze(a)
	}
	if b.an == nil {
		b.an, b.done = newAnalyst(b.p), make(chan analystResult, 1)
	}
	abandoned := new(atomic.Bool)
	b.an.jobs <- analystJob{a, abandoned, b.done}
	t := time.NewTimer(b.budget)
	defer t.Stop()
	select {
	case r := <-b.done:
		return r.d, r.err
	case <-t.C:
		abandoned.Store(true)
		close(b.an.jobs) // it ends after this document, into its own done
		b.an, b.done = nil, nil
		return nil, &OverBudgetError{Budget: b.budget, Bytes: len(a.Text)}
	}
}
