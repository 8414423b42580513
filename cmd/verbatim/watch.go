package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/queue"
	"github.com/verbatim-news/verbatim/watch"
)

func init() {
	var db, natsURL, stream, state string
	var every, gap time.Duration
	var once bool
	cmd := &cobra.Command{
		Use:   "watch [--db FILE|URL | --queue nats://…] FEEDS.txt",
		Short: "Poll RSS/Atom feeds (or pages) listed one URL a line, fetch each new item's page and store or queue it; never fetches twice, survives restarts",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			urls, err := watch.ReadList(args[0])
			if err != nil {
				return err
			}
			if state == "" {
				state = args[0] + ".state"
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			w := &watch.Watcher{StatePath: state, Interval: every, HostGap: gap, Log: os.Stderr}
			var after func(context.Context) error // once a poll is done
			if natsURL != "" {
				nc, js, err := queue.Connect(natsURL, "verbatim watch")
				if err != nil {
					return err
				}
				defer nc.Close()
				if _, err := queue.Ensure(ctx, js, stream, 0); err != nil {
					return err
				}
				p := queue.NewPublisher(js, stream)
				w.Emit = func(ctx context.Context, a verbatim.Article) error {
					if err := p.Publish(a); err != nil {
						return err
					}
					return p.Wait(ctx) // seen only once the queue has it
				}
			} else {
				st, err := openLibrary(ctx, db, false)
				if err != nil {
					return err
				}
				defer st.Close()
				sk := librarySink(st, true)
				pl := pipeline.New()
				w.Emit = func(ctx context.Context, a verbatim.Article) error {
					d, err := pl.Analyze(a)
					if err != nil {
						// the same page would fail again: report it, go on
						fmt.Fprintf(os.Stderr, "verbatim watch: %s: %v\n", a.Source, err)
						return nil
					}
					_, err = sk.put(ctx, []*verbatim.Doc{d})
					return err
				}
				if sk.group != nil {
					after = func(ctx context.Context) error { _, err := sk.group(ctx); return err }
				}
			}
			poll := func() error {
				n, err := w.Poll(ctx, urls)
				if err == nil && n > 0 && after != nil {
					err = after(ctx)
				}
				if n > 0 || once {
					fmt.Fprintf(os.Stderr, "watch: %d new articles from %d URLs\n", n, len(urls))
				}
				return err
			}
			if once {
				return poll()
			}
			for {
				if err := poll(); err != nil {
					return err
				}
				select {
				case <-ctx.Done():
					return nil
				case <-time.After(time.Second):
				}
				if errors.Is(ctx.Err(), context.Canceled) {
					return nil
				}
			}
		},
	}
	cmd.Flags().StringVar(&db, "db", "verbatim.db", dbHelp)
	cmd.Flags().StringVar(&natsURL, "queue", "", "publish the articles to this NATS JetStream server for verbatim worker instead of storing them")
	cmd.Flags().StringVar(&stream, "stream", defaultStream, "the JetStream stream of --queue")
	cmd.Flags().StringVar(&state, "state", "", "state file: validators, back-off, URLs fetched (default FEEDS.txt.state)")
	cmd.Flags().DurationVar(&every, "every", 5*time.Minute, "poll each feed this often")
	cmd.Flags().DurationVar(&gap, "host-gap", time.Second, "least time between two requests to one host")
	cmd.Flags().BoolVar(&once, "once", false, "poll once and exit (for cron)")
	root.AddCommand(cmd)
}
