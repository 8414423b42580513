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
)

func init() {
	var db, addr, logTo string
	var maxMB int
	var create bool
	cmd := &cobra.Command{
		Use:   "serve [--db FILE] [--addr 127.0.0.1:8080] [--create] [--log FILE|-]",
		Short: "Serve the library: JSON API (/api/quotes, /api/speakers, /api/articles, /api/stories) and the web UI",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var st *sqlite.DB
			var err error
			if create {
				st, err = sqlite.Open(db)
			} else if st, err = openLibrary(db); err != nil {
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
	cmd.Flags().StringVar(&db, "db", "verbatim.db", "library file (made by verbatim ingest)")
	cmd.Flags().BoolVar(&create, "create", false, "create the library when the file does not exist (articles can then be POSTed)")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().StringVar(&logTo, "log", "", "write an access log (one line per request, Common Log Format and the time taken) to FILE, or - for stderr")
	cmd.Flags().IntVar(&maxMB, "max-mb", 20, "largest POST body, in MB")
	root.AddCommand(cmd)
}
