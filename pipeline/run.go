package pipeline

import (
	"runtime"
	"sync"
	"time"

	"github.com/verbatim-news/verbatim"
)

// Item is one unit of work or its outcome: an article to analyse, or an
// input error to pass through in order (a broken file, a malformed record).
type Item struct {
	Article verbatim.Article
	Err     error         // an input error: no analysis is done
	Doc     *verbatim.Doc // set on output when analysis succeeded
}

// WindowSize is the largest number of items Run holds at once with the given
// number of workers: items read from its input and not yet received from
// its output (queued, being analysed, or analysed and waiting for an earlier
// one to finish). Memory use is bounded by this many articles whatever the
// length of the stream.
func WindowSize(workers int) int {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return ahead(workers) + workers + 2
}

// ahead is how many items may be in analysis or waiting for their turn.
func ahead(workers int) int { return 4 * workers }

// Run analyses the items of in on workers goroutines (GOMAXPROCS when
// workers <= 0) and sends them on the returned channel in input order. It
// holds at most WindowSize(workers) items in memory. The output channel is
// closed after in is closed and every item has been sent. The caller must
// drain the output.
func Run(p *verbatim.Pipeline, in <-chan Item, workers int) <-chan Item {
	return RunBudget(p, in, workers, 0)
}

// RunBudget is Run with a time budget per document (AnalyzeWithin): a
// document over it comes out with an *OverBudgetError, and the next ones
// go on. A budget <= 0 is none.
func RunBudget(p *verbatim.Pipeline, in <-chan Item, workers int, budget time.Duration) <-chan Item {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		it  Item
		res chan Item
	}
	out := make(chan Item, workers)
	jobs := make(chan job, workers)
	// order carries each item's result slot in input order; its capacity
	// bounds how far analysis runs ahead of the oldest unfinished item.
	order := make(chan chan Item, ahead(workers))
	var wg sync.WaitGroup
	wg.Add(workers)
	for w := 0; w < workers; w++ {
		go func() {
			defer wg.Done()
			b := &budgeted{p: p, budget: budget}
			defer func() {
				if b.an != nil {
					close(b.an.jobs)
				}
			}()
			for j := range jobs {
				it := j.it
				if it.Err == nil {
					it.Doc, it.Err = b.analyze(it.Article)
				}
				j.res <- it
			}
		}()
	}
	go func() {
		for it := range in {
			res := make(chan Item, 1)
			order <- res
			jobs <- job{it, res}
		}
		close(jobs)
		close(order)
	}()
	go func() {
		for res := range order {
			out <- <-res
		}
		wg.Wait()
		close(out)
	}()
	return out
}
