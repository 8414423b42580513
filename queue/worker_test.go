package queue

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/metrics"
	"github.com/verbatim-news/verbatim/internal/servicetest"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/postgres"
)

// setup returns a library in a new database and a JetStream context with
// a stream of this test's own, deleted when it ends.
func setup(t *testing.T) (*postgres.DB, jetstream.JetStream, string) {
	t.Helper()
	ctx := context.Background()
	db, err := postgres.Open(ctx, servicetest.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	nc, js, err := Connect(servicetest.NATS(t), "verbatim test")
	if err != nil {
		t.Fatal(err)
	}
	stream := servicetest.Unique("VTEST_")
	t.Cleanup(func() {
		js.DeleteStream(context.Background(), stream)
		js.DeleteStream(context.Background(), stream+"_DEAD")
		nc.Close()
	})
	return db, js, stream
}

func article(i int) verbatim.Article {
	return verbatim.Article{ID: fmt.Sprintf("a%02d", i), Outlet: "Wire", Published: "2025-03-03", Source: fmt.Sprintf("feed:%d", i),
		Text: fmt.Sprintf(`Harbour union leader Mara Olsen said on Monday: "We will not go back until shift %d is safe." The port authority declined to comment.`, i)}
}

// panicky is the standard pipeline with a stage that panics on one text,
// standing for an article that breaks analysis every time.
func panicky() *verbatim.Pipeline {
	p := pipeline.New()
	p.Stages = append(p.Stages, verbatim.StageFunc{N: "boom", F: func(d *verbatim.Doc) {
		if strings.Contains(d.Text, "BOOM") {
			panic("boom")
		}
	}})
	return p
}

// TestWorkerStoresOnceAndDeadLetters: every article is stored once,
// however often it is published; an article whose analysis panics every
// time, and a message that is no article, go to the dead-letter subject
// with their reason after K attempts and never block the others; the
// stories are grouped once the stream is drained.
func TestWorkerStoresOnceAndDeadLetters(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	db, js, stream := setup(t)
	if _, err := Ensure(ctx, js, stream, 2*time.Second); err != nil {
		t.Fatal(err)
	}
	p := NewPublisher(js, stream)
	for i := range 20 {
		if err := p.Publish(article(i)); err != nil {
			t.Fatal(err)
		}
	}
	bad := article(99)
	bad.Text = "A reporter wrote BOOM and the analysis broke."
	p.Publish(bad)
	p.Publish(article(3)) // a copy, dropped by the stream's duplicate window
	if err := p.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(ctx, Articles(stream), []byte("{not json")); err != nil {
		t.Fatal(err)
	}
	m := metrics.New()
	w := &Worker{JS: js, Stream: stream, DB: db, Pipeline: panicky(), MaxAttempts: 2, Batch: 8, AckWait: 2 * time.Second,
		GroupEvery: 100 * time.Millisecond, Metrics: m}
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	for {
		busy, err := w.Busy(ctx)
		if err == nil && !busy && w.Counts().Dead == 2 {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("not drained: %+v (busy %v, %v)", w.Counts(), busy, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	c := w.Counts()
	if c.Stored != 20 || c.Dead != 2 || c.Failed != 2 {
		t.Fatalf("counts %+v", c)
	}
	st, _ := db.Stats(ctx)
	if st.Articles != 20 {
		t.Fatalf("stats %+v", st)
	}
	if n, _ := db.Ungrouped(ctx); n != 0 || st.Stories == 0 {
		t.Fatalf("%d ungrouped, %d stories", n, st.Stories)
	}
	// the dead letters carry their reasons
	dead, err := js.Stream(ctx, stream+"_DEAD")
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for seq := uint64(1); seq <= 2; seq++ {
		msg, err := dead.GetMsg(ctx, seq)
		if err != nil {
			t.Fatal(err)
		}
		reasons = append(reasons, msg.Header.Get(HeaderReason))
	}
	all := strings.Join(reasons, " | ")
	if !strings.Contains(all, "not an article") || !strings.Contains(all, "panic in stage boom") {
		t.Fatalf("dead-letter reasons: %q", reasons)
	}
	if v := m.Value("verbatim_articles_total", "outcome", "dead"); v != 2 {
		t.Fatalf("metrics: %v dead", v)
	}
	// published again after the duplicate window (no message id here):
	// delivered, found stored, acknowledged
	data, _ := Encode(article(5))
	if _, err := js.Publish(ctx, Articles(stream), data); err != nil {
		t.Fatal(err)
	}
	w2 := &Worker{JS: js, Stream: stream, DB: db, Pipeline: pipeline.New(), AckWait: 2 * time.Second, GroupEvery: 100 * time.Millisecond}
	wctx, stop = context.WithCancel(ctx)
	go func() { done <- w2.Run(wctx) }()
	for ctx.Err() == nil {
		if busy, err := w2.Busy(ctx); err == nil && !busy {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	stop()
	<-done
	if st2, _ := db.Stats(ctx); st2.Articles != 20 || w2.Counts().Duplicates != 1 {
		t.Fatalf("after a redelivery: %+v, worker %+v", st2, w2.Counts())
	}
}

// TestLeaderWaitsOutABacklog: while a batch or more waits in the queue, the
// grouping leader does not group (each step goes over every story) until
// GroupBusyEvery has passed; once the queue is drained it groups within
// GroupEvery.
func TestLeaderWaitsOutABacklog(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	db, js, stream := setup(t)
	cons, err := Ensure(ctx, js, stream, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	p := NewPublisher(js, stream)
	for i := range 48 {
		if err := p.Publish(article(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	slow := pipeline.New() // about 2.5 s for the stream
	slow.Stages = append(slow.Stages, verbatim.StageFunc{N: "slow", F: func(*verbatim.Doc) { time.Sleep(50 * time.Millisecond) }})
	w := &Worker{JS: js, Stream: stream, DB: db, Pipeline: slow, Batch: 4, CPUs: 1,
		GroupEvery: 50 * time.Millisecond, GroupBusyEvery: time.Hour}
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	defer func() { stop(); <-done }()
	checked := 0
	for ctx.Err() == nil {
		stored := w.Counts().Stored
		info, err := cons.Info(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if info.NumPending < 4 {
			break
		}
		// the backlog has been there since the start: nothing grouped yet
		var grouped int
		if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM story_features WHERE group_pos IS NOT NULL`).Scan(&grouped); err != nil {
			t.Fatal(err)
		}
		if grouped != 0 {
			t.Fatalf("%d articles grouped with %d waiting in the queue (%d stored)", grouped, info.NumPending, stored)
		}
		if stored > 0 {
			checked++
		}
		time.Sleep(100 * time.Millisecond)
	}
	if checked == 0 {
		t.Fatal("no article stored while the backlog lasted")
	}
	for ctx.Err() == nil {
		if busy, err := w.Busy(ctx); err == nil && !busy {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n, _ := db.Ungrouped(ctx); n != 0 || w.Counts().Stored != 48 {
		t.Fatalf("after the backlog: %d ungrouped, %+v", n, w.Counts())
	}
}
