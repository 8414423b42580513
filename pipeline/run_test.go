package pipeline

import (
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
)

// slowPipeline takes a time that depends on the article, so that workers
// finish out of order.
func slowPipeline() *verbatim.Pipeline {
	return verbatim.NewPipeline(verbatim.StageFunc{N: "slow", F: func(d *verbatim.Doc) {
		n := 0
		fmt.Sscanf(d.ID, "%d", &n)
		time.Sleep(time.Duration((n*7919)%5) * 100 * time.Microsecond)
		d.Title = "done " + d.ID
	}})
}

func TestRunKeepsInputOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 4, 8} {
		in := make(chan Item)
		const n = 500
		go func() {
			for i := 0; i < n; i++ {
				it := Item{Article: verbatim.Article{ID: fmt.Sprint(i), Text: "x"}}
				if i%37 == 0 {
					it.Err = errors.New("bad input")
				}
				in <- it
			}
			close(in)
		}()
		i := 0
		for it := range Run(slowPipeline(), in, workers) {
			if it.Article.ID != fmt.Sprint(i) {
				t.Fatalf("workers=%d: item %d has id %s: order lost", workers, i, it.Article.ID)
			}
			if i%37 == 0 {
				if it.Err == nil || it.Doc != nil {
					t.Fatalf("workers=%d: input error of item %d not passed through (err %v, doc %v)", workers, i, it.Err, it.Doc != nil)
				}
			} else if it.Err != nil || it.Doc == nil || it.Doc.Title != "done "+it.Article.ID {
				t.Fatalf("workers=%d: item %d not analysed: %v", workers, i, it.Err)
			}
			i++
		}
		if i != n {
			t.Fatalf("workers=%d: got %d items, want %d", workers, i, n)
		}
	}
}

// TestRunBoundedWindow checks that Run does not read ahead of a slow
// consumer by more than a fixed window, whatever the stream length.
func TestRunBoundedWindow(t *testing.T) {
	const workers = 4
	var sent atomic.Int64
	in := make(chan Item)
	stop := make(chan struct{})
	go func() {
		defer close(in)
		for i := 0; ; i++ {
			select {
			case in <- Item{Article: verbatim.Article{ID: fmt.Sprint(i)}}:
				sent.Add(1)
			case <-stop:
				return
			}
		}
	}()
	p := verbatim.NewPipeline(verbatim.StageFunc{N: "noop", F: func(*verbatim.Doc) {}})
	out := Run(p, in, workers)
	received := 0
	for round := 0; round < 5; round++ {
		time.Sleep(20 * time.Millisecond) // the consumer stalls
		ahead := sent.Load() - int64(received)
		if limit := int64(WindowSize(workers)); ahead > limit {
			t.Fatalf("round %d: %d items read ahead of the consumer, window is %d", round, ahead, limit)
		}
		for k := 0; k < 1000; k++ {
			it := <-out
			if it.Article.ID != fmt.Sprint(received) {
				t.Fatalf("item %d has id %s", received, it.Article.ID)
			}
			received++
		}
	}
	close(stop)
	for range out {
	}
}

func TestRunRecoversPanics(t *testing.T) {
	p := verbatim.NewPipeline(verbatim.StageFunc{N: "boom", F: func(d *verbatim.Doc) {
		if d.ID == "1" {
			panic("boom")
		}
	}})
	in := make(chan Item, 3)
	for i := 0; i < 3; i++ {
		in <- Item{Article: verbatim.Article{ID: fmt.Sprint(i)}}
	}
	close(in)
	var got []string
	for it := range Run(p, in, 2) {
		var pe *verbatim.PanicError
		if it.Article.ID == "1" {
			if !errors.As(it.Err, &pe) || pe.Stage != "boom" {
				t.Fatalf("panic not reported as PanicError: %v", it.Err)
			}
		} else if it.Err != nil {
			t.Fatalf("item %s: %v", it.Article.ID, it.Err)
		}
		got = append(got, it.Article.ID)
	}
	if fmt.Sprint(got) != "[0 1 2]" {
		t.Fatalf("got %v", got)
	}
}

func TestRunDefaultWorkers(t *testing.T) {
	in := make(chan Item, 1)
	in <- Item{Article: verbatim.Article{ID: "a", Text: "He said \"yes\"."}}
	close(in)
	n := 0
	for it := range Run(New(), in, 0) {
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		n++
	}
	if n != 1 || runtime.GOMAXPROCS(0) < 1 {
		t.Fatalf("got %d items", n)
	}
}
