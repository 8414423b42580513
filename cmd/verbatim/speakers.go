package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/sqlite"
)

func init() {
	var db, typ, format string
	var limit int
	cmd := &cobra.Command{
		Use:   "speakers [--db FILE] [--type person|organization] [--limit N] [--format text|jsonl] [NAME]",
		Short: "List the quoted speakers, most quoted first: one row per person or organisation, with the counts its page and a search by it show; NAME keeps those with a name form starting so",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "jsonl" {
				return fmt.Errorf("unknown format %q (text or jsonl)", format)
			}
			t, err := verbatim.ParseSpeakerType(typ)
			if err != nil {
				return fmt.Errorf("--type: %v", err)
			}
			if _, err := os.Stat(db); err != nil {
				return fmt.Errorf("no library at %s (run verbatim ingest first): %v", db, err)
			}
			st, err := sqlite.Open(db)
			if err != nil {
				return err
			}
			defer st.Close()
			sp, err := st.Speakers(context.Background(), verbatim.SpeakerQuery{Text: strings.Join(args, " "), Type: t, Limit: limit})
			if err != nil {
				return err
			}
			w := bufio.NewWriter(os.Stdout)
			defer w.Flush()
			for _, s := range sp {
				if format == "jsonl" {
					b, _ := json.Marshal(s)
					w.Write(append(b, '\n'))
					continue
				}
				fmt.Fprintf(w, "%6d  %-30s  %-12s  %d articles, %s – %s  (%s)\n", s.Quotes, s.Name, s.Type, s.Articles, s.First, s.Last, s.ID)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&db, "db", "verbatim.db", "database file")
	f.StringVar(&typ, "type", "", "person or organization (default: every speaker)")
	f.StringVar(&format, "format", "text", "output format: text or jsonl")
	f.IntVar(&limit, "limit", 50, "speakers (max 1000)")
	root.AddCommand(cmd)
}
