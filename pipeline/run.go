package pipeline

import (
	"runtime"
	"sync"

	"github.com/verbatim-news/verbatim"
)

// Item is one unit of work or its outcome: an article to analyse, or an
// input error to pass through in order (a broken file, a malformed record).
type Item struct {
	Article verbatim.Article
	Err     error         // an input error: no analysis is done
	Doc     *verbatim.Doc // set on output when analysis succeeded
}

// Run analyses the items of in on workers goroutines (GOMAXPROCS when
// workers <= 0) and sends them on the returned channel in input order. It
// holds at most a bounded window of items in memory.
func Run(p *verbatim.Pipeline, in <-chan Item, workers int) <-chan Item {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make(chan Item, workers*4)
	type job struct {
		it  Item
		res chan Item
	}
	jobs := make(chan job, workers*4)
	order := make(chan chan Item, workers*8)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				it := j.it
				if it.Err == nil {
					it.Doc, it.Err = p.Analyze(it.Article)
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
