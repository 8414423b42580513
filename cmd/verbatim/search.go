package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
)

func init() {
	var db, format, kinds, stype string
	var q verbatim.QuoteQuery
	var articles bool
	cmd := &cobra.Command{
		Use:   "search [--db FILE] [--speaker NAME] [--speaker-type person|organization] [--outlet X] [--since DATE] [--until DATE] [--kind K] [--min-confidence P] [--named] [--format text|jsonl|csv] [--articles] QUERY",
		Short: "Search stored quotes, or articles with --articles (full-text: words, \"phrases\" (quotes only), OR, NOT, prefix*; accents and case ignored)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text", "jsonl", "csv":
			default:
				return fmt.Errorf("unknown format %q (text, jsonl or csv)", format)
			}
			st, err := openLibrary(context.Background(), db, true)
			if err != nil {
				return err
			}
			defer st.Close()
			q.Text = strings.Join(args, " ")
			if q.Kinds, err = verbatim.ParseKinds(kinds); err != nil {
				return fmt.Errorf("--kind: %v", err)
			}
			if q.SpeakerType, err = verbatim.ParseSpeakerType(stype); err != nil {
				return fmt.Errorf("--speaker-type: %v", err)
			}
			w := bufio.NewWriter(os.Stdout)
			defer w.Flush()
			if articles {
				if q.Speaker != "" {
					return fmt.Errorf("--speaker selects quotes, not articles")
				}
				res, err := st.Articles(context.Background(), verbatim.ArticleQuery{Text: q.Text, Outlet: q.Outlet,
					Since: q.Since, Until: q.Until, Limit: q.Limit, Offset: q.Offset})
				if err != nil {
					return err
				}
				return writeArticles(w, res, format)
			}
			res, err := st.Quotes(context.Background(), q)
			if err != nil {
				return err
			}
			return writeHits(w, res, format)
		},
	}
	f := cmd.Flags()
	f.StringVar(&db, "db", "verbatim.db", "database file")
	f.StringVar(&format, "format", "text", "output format: text, jsonl or csv")
	f.StringVar(&q.Speaker, "speaker", "", `speaker: a name as written ("Tony Blair", "Mr Blair", "President Trump") or an id from 'verbatim speakers'; a name several speakers answer to lists them`)
	f.StringVar(&stype, "speaker-type", "", "speakers of one type: person or organization")
	f.StringVar(&q.Outlet, "outlet", "", "outlet")
	f.StringVar(&q.Since, "since", "", "statements made on or after this date (YYYY-MM-DD, YYYY-MM, YYYY)")
	f.StringVar(&q.Until, "until", "", "statements made on or before this date")
	f.StringVar(&kinds, "kind", "", "kinds of attribution: statement (default), belief, intention, perception, other, several joined by commas, or all")
	f.Float64Var(&q.MinConfidence, "min-confidence", 0, "quotes whose confidence is at least this (0 to 1)")
	f.BoolVar(&q.NamedOnly, "named", false, "quotes attributed to a named source only")
	f.BoolVar(&articles, "articles", false, "search articles (title and text; with --since/--until on the publication date) instead of quotes")
	f.IntVar(&q.Limit, "limit", 20, "results (max 1000)")
	f.IntVar(&q.Offset, "offset", 0, "skip this many results")
	root.AddCommand(cmd)
}

func writeHits(w io.Writer, res verbatim.QuoteResults, format string) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, h := range res.Quotes {
			if err := enc.Encode(h); err != nil {
				return err
			}
		}
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"id", "said_on", "speaker", "type", "kind", "confidence", "text", "cue", "addressee", "via", "outlet", "published", "article_id", "title"})
		for _, h := range res.Quotes {
			cw.Write([]string{strconv.FormatInt(h.ID, 10), string(h.SaidOn), h.Speaker, string(h.Type), string(h.Kind),
				strconv.FormatFloat(h.Confidence, 'f', -1, 64), h.Text, h.Cue, h.Addressee, h.Via,
				h.Outlet, string(h.Published), h.ArticleID, h.Title})
		}
		cw.Flush()
		return cw.Error()
	default:
		fmt.Fprintf(w, "%d statements\n", res.Total)
		for _, h := range res.Quotes {
			day := h.SaidOn
			if day == "" {
				day = h.Published
			}
			sp := h.Speaker
			if sp == "" {
				sp = "(unknown)"
			}
			src := h.Outlet
			if src != "" {
				src += ", "
			}
			src += h.ArticleID
			fmt.Fprintf(w, "\n%s  %s", day, sp)
			if h.Via != "" {
				fmt.Fprintf(w, " (via %s)", h.Via)
			}
			kind := ""
			if h.Kind != verbatim.Statement && h.Kind != "" {
				kind = string(h.Kind) + ", "
			}
			fmt.Fprintf(w, " [%s%s, confidence %.2f]\n  %s\n  — %s\n", kind, h.Type, h.Confidence, h.Text, src)
		}
	}
	return nil
}

func writeArticles(w io.Writer, res verbatim.ArticleResults, format string) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, h := range res.Articles {
			if err := enc.Encode(h); err != nil {
				return err
			}
		}
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"id", "published", "outlet", "title", "quotes"})
		for _, h := range res.Articles {
			cw.Write([]string{h.ID, string(h.Published), h.Outlet, h.Title, strconv.Itoa(h.Quotes)})
		}
		cw.Flush()
		return cw.Error()
	default:
		fmt.Fprintf(w, "%d articles\n", res.Total)
		for _, h := range res.Articles {
			day := h.Published // "undated" when undated
			src := h.ID
			if h.Outlet != "" {
				src = h.Outlet + ", " + src
			}
			fmt.Fprintf(w, "\n%s  %s\n  %d quotes — %s\n", day, h.Title, h.Quotes, src)
		}
	}
	return nil
}
