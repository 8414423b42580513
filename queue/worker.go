package queue

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/metrics"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/postgres"
	"github.com/verbatim-news/verbatim/stories"
)

// Worker consumes a stream's articles, analyses them and stores them.
type Worker struct {
	JS       jetstream.JetStream
	Stream   string
	DB       *postgres.DB
	Pipeline *verbatim.Pipeline
	// MaxAttempts is K: an article that failed this many deliveries goes
	// to the dead-letter subject (default 3).
	MaxAttempts int
	Batch       int           // articles fetched and stored per transaction (default 256)
	CPUs        int           // analysis goroutines (0: all cores)
	AckWait     time.Duration // redelivery after this long without an acknowledgement (default 30s)
	// NoGroup: never lead the grouping of stories (another worker does).
	NoGroup bool
	// GroupEvery is how often the grouping leader looks for articles to
	// group (default 5s: each step writes the rows that changed, but finds
	// them by going over the whole grouping state).
	GroupEvery time.Duration
	// GroupBusyEvery is how often it groups while a backlog waits in the
	// queue — a batch or more not yet stored (default 60s):
	// each step costs the whole grouping state however few articles it
	// adds, so during a burst the workers' CPU goes to the burst and the
	// stories lag by up to this long.
	GroupBusyEvery time.Duration
	Metrics        *metrics.Registry // nil: none kept
	Log            io.Writer         // one line per failure and dead letter (nil: none)

	stored, dups, failed, dead atomic.Int64
	consP                      atomic.Pointer[jetstream.Consumer]
}

func (w *Worker) cons() jetstream.Consumer { return *w.consP.Load() }

// Counts says what a worker did.
type Counts struct{ Stored, Duplicates, Failed, Dead int64 }

// Counts returns what the worker did so far.
func (w *Worker) Counts() Counts {
	return Counts{w.stored.Load(), w.dups.Load(), w.failed.Load(), w.dead.Load()}
}

func (w *Worker) logf(format string, v ...any) {
	if w.Log != nil {
		fmt.Fprintf(w.Log, "verbatim worker: "+format+"\n", v...)
	}
}

func (w *Worker) count(name string, v float64, labels ...string) {
	if w.Metrics != nil {
		w.Metrics.Add(name, v, labels...)
	}
}

// DescribeMetrics names the worker's metrics in a registry.
func DescribeMetrics(m *metrics.Registry) {
	m.Describe("verbatim_articles_total", "counter", "articles taken from the queue, by outcome (stored, duplicate, failed, dead)")
	m.Describe("verbatim_errors_total", "counter", "errors by kind (analysis, store, decode, queue, grouping)")
	m.Describe("verbatim_queue_lag", "gauge", "articles in the stream not yet acknowledged (pending + being processed)")
	m.Describe("verbatim_articles_per_second", "gauge", "articles stored per second over the last 10 seconds")
	m.Describe("verbatim_grouped_total", "counter", "articles this worker added to the stories as grouping leader")
}

// Run consumes until ctx is cancelled. A NATS or PostgreSQL outage makes
// it wait and retry; only a stream that cannot be set up is an error.
func (w *Worker) Run(ctx context.Context) error {
	if w.MaxAttempts <= 0 {
		w.MaxAttempts = 3
	}
	if w.Batch <= 0 {
		w.Batch = 256
	}
	if w.GroupEvery <= 0 {
		w.GroupEvery = 5 * time.Second
	}
	if w.GroupBusyEvery <= 0 {
		w.GroupBusyEvery = time.Minute
	}
	for {
		cons, err := Ensure(ctx, w.JS, w.Stream, w.AckWait)
		if err == nil {
			w.consP.Store(&cons)
			break
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		w.logf("%v; retrying", err)
		w.count("verbatim_errors_total", 1, "kind", "queue")
		time.Sleep(time.Second)
	}
	done := make(chan struct{})
	if !w.NoGroup {
		go func() { defer close(done); w.lead(ctx) }()
	} else {
		close(done)
	}
	go w.rate(ctx)
	defer func() { <-done }()
	for ctx.Err() == nil {
		batch, err := w.cons().Fetch(w.Batch, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			w.wait(ctx, err)
			continue
		}
		var msgs []jetstream.Msg
		for m := range batch.Messages() {
			msgs = append(msgs, m)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && len(msgs) == 0 {
			w.wait(ctx, err)
			continue
		}
		if len(msgs) > 0 {
			w.process(ctx, msgs)
		}
	}
	return nil
}

func (w *Worker) wait(ctx context.Context, err error) {
	if ctx.Err() != nil {
		return
	}
	w.count("verbatim_errors_total", 1, "kind", "queue")
	w.logf("queue: %v; retrying", err)
	select {
	case <-ctx.Done():
	case <-time.After(500 * time.Millisecond):
	}
}

type job struct {
	msg      jetstream.Msg
	seq      uint64
	attempts uint64
	art      verbatim.Article
}

// process analyses and stores one fetched batch, acknowledging each
// article after the commit that stored it.
func (w *Worker) process(ctx context.Context, msgs []jetstream.Msg) {
	var jobs []*job
	for _, m := range msgs {
		md, err := m.Metadata()
		if err != nil {
			w.deadLetter(m, 0, 0, "no JetStream metadata: "+err.Error())
			continue
		}
		j := &job{msg: m, seq: md.Sequence.Stream, attempts: md.NumDelivered}
		if j.attempts > uint64(w.MaxAttempts) {
			// delivered K times without an outcome: each time the worker
			// holding it stopped (a crash, kill -9, out of memory)
			w.deadLetter(m, j.seq, j.attempts, fmt.Sprintf("no worker finished it in %d attempts (each stopped while analysing or storing it)", w.MaxAttempts))
			continue
		}
		if j.art, err = Decode(m.Data()); err != nil {
			w.count("verbatim_errors_total", 1, "kind", "decode")
			w.deadLetter(m, j.seq, j.attempts, err.Error())
			continue
		}
		jobs = append(jobs, j)
	}
	if len(jobs) == 0 {
		return
	}
	in := make(chan pipeline.Item, len(jobs))
	for _, j := range jobs {
		in <- pipeline.Item{Article: j.art}
	}
	close(in)
	var docs []*verbatim.Doc
	var ords []int64
	var ok []*job
	i := 0
	for it := range pipeline.Run(w.Pipeline, in, w.CPUs) {
		j := jobs[i]
		i++
		if it.Err != nil {
			w.count("verbatim_errors_total", 1, "kind", "analysis")
			w.fail(j, "analysis: "+it.Err.Error())
			continue
		}
		docs, ords, ok = append(docs, it.Doc), append(ords, int64(j.seq)), append(ok, j)
	}
	if len(docs) == 0 {
		return
	}
	out, err := w.DB.PutOrdered(ctx, docs, ords)
	if err != nil {
		// one by one, to name the culprit and keep the rest
		for k, d := range docs {
			o, err := w.DB.PutOrdered(ctx, []*verbatim.Doc{d}, ords[k:k+1])
			if err != nil {
				w.count("verbatim_errors_total", 1, "kind", "store")
				w.fail(ok[k], "store: "+err.Error())
				continue
			}
			w.done(ok[k], o[0])
		}
		return
	}
	for k, o := range out {
		w.done(ok[k], o)
	}
}

// done acknowledges an article whose transaction committed.
func (w *Worker) done(j *job, o verbatim.PutOutcome) {
	if o.Stored {
		w.stored.Add(1)
		w.count("verbatim_articles_total", 1, "outcome", "stored")
	} else {
		w.dups.Add(1)
		w.count("verbatim_articles_total", 1, "outcome", "duplicate")
	}
	if err := j.msg.Ack(); err != nil {
		// the queue will deliver it again; the library holds it, so the
		// next delivery finds a duplicate and is acknowledged then
		w.count("verbatim_errors_total", 1, "kind", "queue")
	}
}

// fail asks for a later delivery, or dead-letters the article after its
// K-th failure.
func (w *Worker) fail(j *job, reason string) {
	w.failed.Add(1)
	w.count("verbatim_articles_total", 1, "outcome", "failed")
	if j.attempts >= uint64(w.MaxAttempts) {
		w.deadLetter(j.msg, j.seq, j.attempts, reason)
		return
	}
	w.logf("%s (attempt %d of %d): %s", sourceOf(j.art), j.attempts, w.MaxAttempts, reason)
	j.msg.NakWithDelay(time.Duration(j.attempts) * time.Second)
}

func sourceOf(a verbatim.Article) string {
	if a.Source != "" {
		return a.Source
	}
	return a.ID
}

// deadLetter publishes the message with its reason to the dead-letter
// subject, then acknowledges it.
func (w *Worker) deadLetter(m jetstream.Msg, seq, attempts uint64, reason string) {
	dl := &nats.Msg{Subject: Dead(w.Stream), Data: m.Data(), Header: nats.Header{}}
	dl.Header.Set(HeaderReason, reason)
	dl.Header.Set(HeaderSeq, strconv.FormatUint(seq, 10))
	dl.Header.Set(HeaderAttempts, strconv.FormatUint(attempts, 10))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := w.JS.PublishMsg(ctx, dl); err != nil {
		// not acknowledged: delivered again, dead-lettered again
		w.count("verbatim_errors_total", 1, "kind", "queue")
		w.logf("dead letter of message %d not published: %v", seq, err)
		return
	}
	w.dead.Add(1)
	w.count("verbatim_articles_total", 1, "outcome", "dead")
	w.logf("message %d to %s after %d attempts: %s", seq, Dead(w.Stream), attempts, reason)
	m.Ack()
}

// lead groups stories while this worker is the grouping leader: articles
// join the stories in stream order, up to the consumer's acknowledgement
// floor (every article at or below it is stored, a duplicate, or dead), so
// that the stories are those of one process reading the stream in order.
// It groups every GroupEvery, and every GroupBusyEvery while a backlog
// waits in the queue.
func (w *Worker) lead(ctx context.Context) {
	var g *postgres.Grouper
	var release func()
	defer func() {
		if release != nil {
			// the next leader continues from here
			sctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			g.Snapshot(sctx)
			release()
		}
	}()
	t := time.NewTicker(w.GroupEvery)
	defer t.Stop()
	last := time.Now() // the last step
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if release == nil {
			r, ok, err := w.DB.TryLead(ctx)
			if err != nil || !ok {
				continue
			}
			release, g = r, w.DB.Grouper(stories.Options{})
		}
		info, err := w.cons().Info(ctx)
		if err != nil {
			continue
		}
		if w.Metrics != nil {
			w.Metrics.Set("verbatim_queue_lag", float64(info.NumPending+uint64(info.NumAckPending)))
		}
		if info.NumPending+uint64(info.NumAckPending) >= uint64(w.Batch) && time.Since(last) < w.GroupBusyEvery {
			continue
		}
		last = time.Now()
		for ctx.Err() == nil {
			n, more, err := g.Step(ctx, int64(info.AckFloor.Stream))
			if err != nil {
				w.count("verbatim_errors_total", 1, "kind", "grouping")
				w.logf("grouping: %v", err)
				break
			}
			w.count("verbatim_grouped_total", float64(n))
			if !more {
				break
			}
		}
	}
}

// rate keeps the articles/s gauge and the queue lag up to date.
func (w *Worker) rate(ctx context.Context) {
	if w.Metrics == nil {
		return
	}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	var hist [11]int64
	i := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		hist[i%len(hist)] = w.stored.Load()
		old := hist[(i+1)%len(hist)]
		if i+1 < len(hist) {
			old = hist[0]
		}
		span := min(i, len(hist)-1)
		if span > 0 {
			w.Metrics.Set("verbatim_articles_per_second", float64(hist[i%len(hist)]-old)/float64(span))
		}
		i++
		if info, err := w.cons().Info(ctx); err == nil {
			w.Metrics.Set("verbatim_queue_lag", float64(info.NumPending+uint64(info.NumAckPending)))
		}
	}
}

// Busy reports whether the stream has articles pending or unacknowledged,
// or the library articles not yet grouped.
func (w *Worker) Busy(ctx context.Context) (bool, error) {
	if w.consP.Load() == nil {
		return true, nil
	}
	info, err := w.cons().Info(ctx)
	if err != nil {
		return true, err
	}
	if info.NumPending > 0 || info.NumAckPending > 0 {
		return true, nil
	}
	if w.NoGroup {
		return false, nil
	}
	n, err := w.DB.Ungrouped(ctx)
	return n > 0, err
}
