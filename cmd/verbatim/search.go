package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/export"
)

func init() {
	var db, format, kinds, stype string
	var q verbatim.QuoteQuery
	var articles bool
	cmd := &cobra.Command{
		Use:   "search [--db FILE] [--speaker NAME] [--speaker-type person|organization] [--outlet X] [--type T] [--story ID] [--kind K] [--min-confidence P] [--named] [--since DATE] [--until DATE] [--sort relevance|newest|oldest] [--format text|jsonl|csv] [--articles] QUERY",
		Short: "Search stored quotes, or articles with --articles; csv and jsonl stream every match",
		Long: `Search the library's quotes (or, with --articles, its articles' titles and text).

QUERY takes ` + verbatim.SearchSyntax + `.
Article search also takes title:word. Filters are flags, not part of QUERY.

--speaker is one speaker: a name as written ("Tony Blair", "Mr Blair",
"President Trump") or an id from 'verbatim speakers'. A name several
speakers answer to lists them (and exits 1): give the full name or the id.

--format text prints one page (--limit, default 20, at most 1000; --offset);
csv and jsonl stream every match (or --limit of them), with the columns:
  quotes:   ` + strings.Join(export.QuoteColumns, ", ") + `
  articles: ` + strings.Join(export.ArticleColumns, ", ") + `
start and end are byte offsets of the quote in the article's text.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var exp export.Format
			if format != "text" {
				f, err := export.ParseFormat(format)
				if err != nil {
					return fmt.Errorf("unknown format %q (text, jsonl or csv)", format)
				}
				exp = f
			}
			q.Text = strings.Join(args, " ")
			var err error
			if q.Kinds, err = verbatim.ParseKinds(kinds); err != nil {
				return fmt.Errorf("--kind: %v", err)
			}
			if q.SpeakerType, err = verbatim.ParseSpeakerType(stype); err != nil {
				return fmt.Errorf("--speaker-type: %v", err)
			}
			if articles && (q.Speaker != "" || q.SpeakerType != "" || q.Type != "" || q.Story != "" || q.Kinds != nil || q.MinConfidence != 0 || q.NamedOnly) {
				return fmt.Errorf("--speaker, --speaker-type, --type, --story, --kind, --min-confidence and --named select quotes, not articles")
			}
			aq := verbatim.ArticleQuery{Text: q.Text, Outlet: q.Outlet, Since: q.Since, Until: q.Until, Sort: q.Sort, Limit: q.Limit, Offset: q.Offset}
			// the same checks, and messages, as the API's
			if articles {
				err = aq.Check(exp != "")
			} else {
				err = q.Check(exp != "")
			}
			if err != nil {
				return err
			}
			st, err := openLibrary(context.Background(), db, true)
			if err != nil {
				return err
			}
			defer st.Close()
			w := bufio.NewWriter(os.Stdout)
			defer w.Flush()
			ctx := context.Background()
			if exp != "" {
				return exportSearch(ctx, st, w, exp, articles, q, aq)
			}
			hl := isTerminal(os.Stdout)
			if articles {
				res, err := st.Articles(ctx, aq)
				if err != nil {
					return err
				}
				writeArticles(w, res, aq, hl)
				return nil
			}
			res, err := st.Quotes(ctx, q)
			if err != nil {
				return err
			}
			writeHits(w, res, q, hl)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&db, "db", "verbatim.db", "library file")
	f.StringVar(&format, "format", "text", "output format: text (one page), jsonl or csv (every match)")
	f.StringVar(&q.Speaker, "speaker", "", `speaker: a name as written ("Tony Blair", "Mr Blair", "President Trump") or an id from 'verbatim speakers'; a name several speakers answer to lists them`)
	f.StringVar(&stype, "speaker-type", "", "speakers of one type: person or organization")
	f.StringVar(&q.Outlet, "outlet", "", "outlet, or part of its name (case and accents ignored)")
	f.StringVar(&q.Type, "type", "", "quote type: direct, indirect or mixed (several: direct,mixed)")
	f.StringVar(&q.Story, "story", "", "quotes of this story (its id)")
	f.StringVar(&q.Since, "since", "", "statements made on or after this date (YYYY-MM-DD, YYYY-MM, YYYY)")
	f.StringVar(&q.Until, "until", "", "statements made on or before this date")
	f.StringVar(&q.Sort, "sort", "", "newest (the default for quotes), relevance (the default for --articles with a QUERY), oldest or added")
	f.StringVar(&kinds, "kind", "", "kinds of attribution: statement (default), belief, intention, perception, other, several joined by commas, or all")
	f.Float64Var(&q.MinConfidence, "min-confidence", 0, "quotes whose confidence is at least this (0 to 1)")
	f.BoolVar(&q.NamedOnly, "named", false, "quotes attributed to a named source only")
	f.BoolVar(&articles, "articles", false, "search articles (title and text; with --since/--until on the publication date) instead of quotes")
	f.IntVar(&q.Limit, "limit", 0, "results: a page of 1 to 1000 for text (0: 20); for csv and jsonl 0 streams every match")
	f.IntVar(&q.Offset, "offset", 0, "skip this many results")
	root.AddCommand(cmd)
}

// exportSearch streams every match as CSV or JSON Lines.
func exportSearch(ctx context.Context, st verbatim.Store, w io.Writer, f export.Format, articles bool, q verbatim.QuoteQuery, aq verbatim.ArticleQuery) error {
	if articles {
		x, err := export.New(w, f, export.ArticleColumns)
		if err != nil {
			return err
		}
		if err := st.EachArticle(ctx, aq, x.Article); err != nil {
			return err
		}
		return x.Flush()
	}
	x, err := export.New(w, f, export.QuoteColumns)
	if err != nil {
		return err
	}
	if err := st.EachQuote(ctx, q, x.Quote); err != nil {
		return err
	}
	return x.Flush()
}

// pageNote says which results a page shows when it is not all of them.
func pageNote(offset, n, total int) string {
	if n == total {
		return ""
	}
	if n == 0 {
		return fmt.Sprintf("; none from %d", offset+1)
	}
	return fmt.Sprintf("; %d-%d shown", offset+1, offset+n)
}

// marked returns text with its highlights in bold for a terminal.
func marked(text string, hs []verbatim.Span, on bool) string {
	if !on || len(hs) == 0 {
		return text
	}
	var b strings.Builder
	at := 0
	for _, h := range hs {
		if h.Start < at || h.End > len(text) {
			continue
		}
		b.WriteString(text[at:h.Start])
		b.WriteString("\x1b[1m" + text[h.Start:h.End] + "\x1b[0m")
		at = h.End
	}
	return b.String() + text[at:]
}

// source names an article for a reader: outlet, "title", date, and its id
// with the byte range cited.
func source(outlet, title, published, id string, span string) string {
	var parts []string
	if outlet != "" {
		parts = append(parts, outlet)
	}
	if title != "" {
		parts = append(parts, fmt.Sprintf("%q", title))
	}
	if published != "" {
		parts = append(parts, published)
	}
	ref := "[" + id + span + "]"
	if len(parts) == 0 {
		return ref
	}
	return strings.Join(parts, ", ") + " " + ref
}

func writeHits(w io.Writer, res verbatim.QuoteResults, q verbatim.QuoteQuery, hl bool) {
	one, many := "statement", "statements"
	if q.Kinds != nil && !(len(q.Kinds) == 1 && q.Kinds[0] == verbatim.Statement) {
		one, many = "attribution", "attributions"
	}
	fmt.Fprintf(w, "%s (%s%s)\n", plural(res.Total, one, many), verbatim.SortLabel(res.Sort),
		pageNote(max(q.Offset, 0), len(res.Quotes), res.Total))
	for _, h := range res.Quotes {
		day := h.Day() // "undated" when undated
		sp := h.Speaker
		if sp == "" {
			sp = "(unattributed)"
			if h.Mention != "" {
				sp += " " + h.Mention
			}
		}
		fmt.Fprintf(w, "\n%s  %s", day, sp)
		if h.Via != "" {
			fmt.Fprintf(w, " (via %s)", h.Via)
		}
		kind := ""
		if h.Kind != verbatim.Statement && h.Kind != "" {
			kind = string(h.Kind) + ", "
		}
		fmt.Fprintf(w, " [%s%s, confidence %.2f]\n  %s\n  — %s\n", kind, h.Type, h.Confidence, marked(h.Text, h.Highlights, hl),
			source(h.Outlet, h.Title, string(h.Published), h.ArticleID, fmt.Sprintf(" @%d-%d", h.Start, h.End)))
	}
}

func writeArticles(w io.Writer, res verbatim.ArticleResults, q verbatim.ArticleQuery, hl bool) {
	fmt.Fprintf(w, "%s (%s%s)\n", plural(res.Total, "article", "articles"), verbatim.SortLabel(res.Sort),
		pageNote(max(q.Offset, 0), len(res.Articles), res.Total))
	for _, h := range res.Articles {
		day := h.Published // "undated" when undated
		title := h.Title
		if title == "" {
			title = "(untitled)"
		}
		fmt.Fprintf(w, "\n%s  %s\n", day, title)
		if h.Snippet != "" {
			fmt.Fprintf(w, "  %s\n", marked(h.Snippet, h.Highlights, hl))
		}
		fmt.Fprintf(w, "  %s — %s", plural(h.Quotes, "statement", "statements"), source(h.Outlet, "", "", h.ID, ""))
		if h.Story != "" {
			fmt.Fprintf(w, " · story %s", h.Story)
		}
		fmt.Fprintln(w)
	}
}
