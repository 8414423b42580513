package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
	vhttp "github.com/verbatim-news/verbatim/http"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/sqlite"
	"github.com/verbatim-news/verbatim/stories"
)

func init() {
	var db, addr string
	var maxMB int
	cmd := &cobra.Command{
		Use:   "serve [--db FILE] [--addr 127.0.0.1:8080]",
		Short: "Serve the library: JSON API (/api/quotes, /api/speakers, /api/articles, /api/stories, /api/topics) and the web UI",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := sqlite.Open(db)
			if err != nil {
				return err
			}
			defer st.Close()
			srv := vhttp.New(st, pipeline.New())
			srv.MaxBody = int64(maxMB) << 20
			// posted articles join the library's stories as ingest's do;
			// articles stored meanwhile by others are grouped first
			in, err := st.Ingester(context.Background(), stories.Options{})
			if err != nil {
				return fmt.Errorf("stories: %v", err)
			}
			srv.Ingest = in.Put
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			fmt.Fprintf(os.Stderr, "verbatim: serving %s on http://%s/\n", db, ln.Addr())
			err = srv.Serve(ctx, ln)
			fmt.Fprintln(os.Stderr, "verbatim: stopped")
			return err
		},
	}
	cmd.Flags().StringVar(&db, "db", "verbatim.db", "database file")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().IntVar(&maxMB, "max-mb", 20, "largest POST body, in MB")
	root.AddCommand(cmd)
}
