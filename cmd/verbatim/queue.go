package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	stdhttp "net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	vhttp "github.com/verbatim-news/verbatim/http"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/metrics"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/postgres"
	"github.com/verbatim-news/verbatim/queue"
)

const defaultStream = queue.DefaultStream

// publish reads articles and publishes them to the queue's stream, in
// input order; unreadable inputs are named on errw and make the exit
// status 1.
func publish(ctx context.Context, url, stream string, paths []string, opt input.Options, errw io.Writer) error {
	if ctx == nil {
		ctx = context.Background()
	}
	nc, js, err := queue.Connect(url, "verbatim ingest")
	if err != nil {
		return err
	}
	defer nc.Close()
	if _, err := queue.Ensure(ctx, js, stream, 0); err != nil {
		return err
	}
	t0 := time.Now()
	p := queue.NewPublisher(js, stream)
	n, failed := 0, 0
	err = input.Read(paths, opt, func(a verbatim.Article, err error) error {
		if err != nil {
			failed++
			fmt.Fprintln(errw, "verbatim:", err)
			return nil
		}
		n++
		return p.Publish(a)
	})
	if err == nil {
		err = p.Wait(ctx)
	}
	if err != nil {
		return fmt.Errorf("queue %s: %v", url, err)
	}
	el := time.Since(t0).Seconds()
	fmt.Fprintf(errw, "ingest: %d articles queued on stream %s (%s), %d unreadable — %.1fs, %.0f/s\n", n, stream, url, failed, el, float64(n)/max(el, 1e-9))
	if failed > 0 {
		exitCode = 1
	}
	return nil
}

func init() {
	var natsURL, db, stream, addr string
	var batch, cpus, attempts int
	var ackWait, idle, groupEvery, groupBusy time.Duration
	var noGroup bool
	cmd := &cobra.Command{
		Use:   "worker --queue nats://… --db postgres://…",
		Short: "Consume queued articles (verbatim ingest --queue), analyse them and store them in a PostgreSQL library; run any number of them",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if natsURL == "" || !postgres.IsURL(db) {
				return errors.New("worker needs --queue nats://host:4222 and --db postgres://… (workers share a PostgreSQL library)")
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			st, err := postgres.Open(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			nc, js, err := queue.Connect(natsURL, "verbatim worker")
			if err != nil {
				return err
			}
			defer nc.Close()
			m := metrics.New()
			queue.DescribeMetrics(m)
			w := &queue.Worker{JS: js, Stream: stream, DB: st, Pipeline: pipeline.New(), MaxAttempts: attempts, Batch: batch,
				CPUs: cpus, AckWait: ackWait, NoGroup: noGroup, GroupEvery: groupEvery, GroupBusyEvery: groupBusy, Metrics: m, Log: os.Stderr}
			if addr != "" {
				ln, err := net.Listen("tcp", addr)
				if err != nil {
					return err
				}
				srv := &stdhttp.Server{Handler: vhttp.Ops(m, func(ctx context.Context) error {
					if !nc.IsConnected() {
						return errors.New("queue not connected")
					}
					return st.Ping(ctx)
				}), ReadHeaderTimeout: 5 * time.Second}
				go srv.Serve(ln)
				defer srv.Close()
				fmt.Fprintf(os.Stderr, "verbatim worker: /healthz, /readyz and /metrics on http://%s/\n", ln.Addr())
			}
			if idle > 0 {
				// stop once the stream has been empty and the stories
				// caught up for this long (benchmarks, batch jobs)
				wctx, cancel := context.WithCancel(ctx)
				defer cancel()
				go stopWhenIdle(wctx, cancel, nc, w, stream, idle)
				ctx = wctx
			}
			t0 := time.Now()
			err = w.Run(ctx)
			c := w.Counts()
			el := time.Since(t0).Seconds()
			fmt.Fprintf(os.Stderr, "worker: %d stored, %d duplicates, %d failed deliveries, %d dead letters — %.1fs, %.0f stored/s\n",
				c.Stored, c.Duplicates, c.Failed, c.Dead, el, float64(c.Stored)/max(el, 1e-9))
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		},
	}
	cmd.Flags().StringVar(&natsURL, "queue", "", "the NATS JetStream server (nats://host:4222)")
	cmd.Flags().StringVar(&db, "db", "", "the PostgreSQL library (postgres://user@host:5432/db)")
	cmd.Flags().StringVar(&stream, "stream", defaultStream, "the JetStream stream")
	cmd.Flags().IntVar(&batch, "batch", 256, "articles per fetch and transaction")
	cmd.Flags().IntVar(&cpus, "cpus", 0, "analysis goroutines (default: all cores)")
	cmd.Flags().IntVar(&attempts, "attempts", 3, "deliveries before an article that keeps failing goes to the dead-letter subject")
	cmd.Flags().DurationVar(&ackWait, "ack-wait", 30*time.Second, "redeliver an article not acknowledged within this time")
	cmd.Flags().DurationVar(&idle, "exit-when-idle", 0, "exit once the stream has been empty and the stories caught up for this long (0: run until stopped)")
	cmd.Flags().BoolVar(&noGroup, "no-group", false, "never lead story grouping (another worker does)")
	cmd.Flags().DurationVar(&groupEvery, "group-every", 5*time.Second, "as grouping leader, add the stored articles to the stories this often")
	cmd.Flags().DurationVar(&groupBusy, "group-busy-every", time.Minute, "as grouping leader, this often while a backlog waits in the queue (each step goes over every story)")
	cmd.Flags().StringVar(&addr, "addr", "", "serve /healthz, /readyz and /metrics on this address")
	root.AddCommand(cmd)
}

// stopWhenIdle cancels once the stream's consumer has had nothing pending
// and nothing unacknowledged, and the library nothing left to group, for
// the whole of idle.
func stopWhenIdle(ctx context.Context, cancel func(), nc *nats.Conn, w *queue.Worker, stream string, idle time.Duration) {
	var since time.Time
	t := time.NewTicker(idle / 4)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		busy, err := w.Busy(ctx)
		if err != nil || busy {
			since = time.Time{}
			continue
		}
		if since.IsZero() {
			since = time.Now()
		} else if time.Since(since) >= idle {
			cancel()
			return
		}
	}
}
