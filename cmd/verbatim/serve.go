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
	var db, addr, logTo string
	var maxMB int
	var create bool
	cmd := &cobra.Command{
		Use:   "serve [--db FILE|URL] [--addr 127.0.0.1:8080] [--create] [--log FILE|-]",
		Short: "Serve the library: JSON API (/api/quotes, /api/speakers, /api/articles, /api/stories, /api/topics) and the web UI",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			// a mistyped file name is refused, not served as a new, empty
			// library, unless --create says so
			st, err := openLibrary(context.Background(), db, !create)
			if err != nil && !create && !postgres.IsURL(db) {
				return fmt.Errorf("%v; --create serves a new, empty one", err)
			}
			if err != nil {
				return err
			}
			defer st.Close()
			srv := vhttp.New(st, pipeline.New())
			srv.MaxBody = int64(maxMB) << 20
			switch logTo {
			case "":
			case "-":
				srv.AccessLog = os.Stderr
			default:
				f, err := os.OpenFile(logTo, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
				if err != nil {
					return fmt.Errorf("--log: %v", err)
				}
				defer f.Close()
				srv.AccessLog = f
			}
			// posted articles join the library's stories as ingest's do;
			// articles stored meanwhile by others are grouped first
			if srv.Ingest, err = ingester(context.Background(), st); err != nil {
				return fmt.Errorf("stories: %v", err)
			}
			if w, ok := st.(interface{ Warm(context.Context) error }); ok {
				go w.Warm(context.Background()) // what the first search would wait for
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
	cmd.Flags().BoolVar(&create, "create", false, "create the library when the file does not exist (articles can then be POSTed)")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().StringVar(&logTo, "log", "", "write an access log (one line per request, Common Log Format and the time taken) to FILE, or - for stderr")
	cmd.Flags().IntVar(&maxMB, "max-mb", 20, "largest POST body, in MB")
	root.AddCommand(cmd)
}
