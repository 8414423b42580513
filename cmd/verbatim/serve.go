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
	"github.com/verbatim-news/verbatim/postgres"
)

func init() {
	var db, addr string
	var maxMB int
	cmd := &cobra.Command{
		Use:   "serve [--db FILE|URL] [--addr 127.0.0.1:8080]",
		Short: "Serve the library: JSON API (/api/quotes, /api/speakers, /api/articles, /api/stories, /api/topics) and the web UI",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openLibrary(context.Background(), db, false)
			if err != nil {
				return err
			}
			defer st.Close()
			srv := vhttp.New(st, pipeline.New())
			srv.MaxBody = int64(maxMB) << 20
			// posted articles join the library's stories as ingest's do;
			// articles stored meanwhile by others are grouped first
			if srv.Ingest, err = ingester(context.Background(), st); err != nil {
				return fmt.Errorf("stories: %v", err)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			name := db
			if postgres.IsURL(db) {
				name = postgres.Redact(db)
			}
			fmt.Fprintf(os.Stderr, "verbatim: serving %s on http://%s/ (/healthz, /readyz, /metrics)\n", name, ln.Addr())
			err = srv.Serve(ctx, ln)
			fmt.Fprintln(os.Stderr, "verbatim: stopped")
			return err
		},
	}
	cmd.Flags().StringVar(&db, "db", "verbatim.db", dbHelp)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().IntVar(&maxMB, "max-mb", 20, "largest POST body, in MB")
	root.AddCommand(cmd)
}
