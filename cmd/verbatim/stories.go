package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/postgres"
	"github.com/verbatim-news/verbatim/sqlite"
	"github.com/verbatim-news/verbatim/stories"
)

func init() {
	var format, published string
	var cpus int
	var threshold float64
	var merges bool
	var db string
	cmd := &cobra.Command{
		Use:   "stories [--format jsonl|text] PATH...",
		Short: "Group articles into stories; flag syndicated copies, link one statement across outlets, print timelines",
		Long: `Analyse the articles and group them online into developing stories.

jsonl prints one line per story: {"story", "title", "articles", "first", "last",
"copies" (syndicated copy -> original), "people" (resolved identity ids)}.
text prints each story with its articles and its timeline of statements
(one line per statement: date, speaker, independent outlets, reports).
--merges also prints every cross-article entity resolution decision.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && db == "" {
				return fmt.Errorf("give PATH... to analyse, or --db FILE to rebuild the library's stories")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "jsonl" && format != "text" {
				return fmt.Errorf("unknown format %q (jsonl or text)", format)
			}
			if db != "" {
				return rebuildLibraryStories(db, stories.Options{Threshold: threshold}, format)
			}
			docs, failed := analyzeAll(args, input.Options{Published: published}, cpus, os.Stderr)
			c := stories.Batch(docs, stories.Options{Threshold: threshold})
			w := bufio.NewWriterSize(os.Stdout, 1<<16)
			defer w.Flush()
			writeStories(w, c, format, merges)
			if failed > 0 {
				fmt.Fprintf(os.Stderr, "verbatim: %d input(s) failed\n", failed)
				exitCode = 1
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl or text")
	cmd.Flags().StringVar(&published, "published", "", "publication date for inputs that carry none (YYYY-MM-DD)")
	cmd.Flags().IntVar(&cpus, "cpus", 0, "worker goroutines for analysis (default: all cores)")
	cmd.Flags().Float64Var(&threshold, "threshold", 0, "similarity to join a story (default: the clusterer's)")
	cmd.Flags().StringVar(&db, "db", "", "rebuild the stories, persons and statements of this library (an SQLite file; a postgres:// library groups the articles not grouped yet) instead of reading PATHs")
	cmd.Flags().BoolVar(&merges, "merges", false, "also print the cross-article entity resolution decisions")
	root.AddCommand(cmd)
}

// rebuildLibraryStories recomputes the stories of a library and prints them.
func rebuildLibraryStories(path string, opt stories.Options, format string) error {
	ctx := context.Background()
	var st verbatim.Store
	var n int
	if postgres.IsURL(path) {
		// a shared library is grouped in place, by one process at a time:
		// the articles not grouped yet join its stories
		pg, err := postgres.Open(ctx, path)
		if err != nil {
			return err
		}
		defer pg.Close()
		if n, err = pg.Grouper(opt).GroupAll(ctx); err != nil {
			return err
		}
		st = pg
	} else {
		lite, err := sqlite.Open(path)
		if err != nil {
			return err
		}
		defer lite.Close()
		if n, err = lite.RebuildStories(ctx, opt); err != nil {
			return err
		}
		st = lite
	}
	ss, err := st.Stories(ctx)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, s := range ss {
		ids := make([]string, len(s.Articles))
		for i, a := range s.Articles {
			ids[i] = a.ID
		}
		if format == "jsonl" {
			enc.Encode(storyLine{Story: s.ID, Title: s.Title, Articles: ids})
		} else {
			fmt.Fprintf(w, "== %s  %s  (%d articles)\n   %s\n", s.ID, s.Title, len(ids), strings.Join(ids, " "))
		}
	}
	fmt.Fprintf(os.Stderr, "verbatim: %d stories in %s\n", n, path)
	return nil
}

// analyzeAll reads and analyses every input, in input order; failures are
// reported on errw and counted.
func analyzeAll(paths []string, opt input.Options, cpus int, errw io.Writer) (docs []*verbatim.Doc, failed int) {
	in := readItems(paths, opt, nil)
	for it := range pipeline.Run(pipeline.New(), in, cpus) {
		if it.Err != nil {
			failed++
			fmt.Fprintln(errw, "verbatim:", it.Err.Error())
			if it.Doc == nil {
				continue
			}
		}
		docs = append(docs, it.Doc)
	}
	return docs, failed
}

type storyLine struct {
	Story    string            `json:"story"`
	Title    string            `json:"title"`
	Articles []string          `json:"articles"`
	First    string            `json:"first,omitempty"`
	Last     string            `json:"last,omitempty"`
	Copies   map[string]string `json:"copies,omitempty"`
	People   []string          `json:"people,omitempty"`
}

func writeStories(w io.Writer, c *stories.Clusterer, format string, merges bool) {
	copies := map[string]map[string]string{}
	for _, a := range c.Articles() {
		if a.CopyOf != "" {
			if copies[a.Story] == nil {
				copies[a.Story] = map[string]string{}
			}
			copies[a.Story][a.ID] = a.CopyOf
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, s := range c.Stories() {
		if format == "jsonl" {
			enc.Encode(storyLine{s.ID, s.Title, s.Articles, s.First, s.Last, copies[s.ID], s.People})
			continue
		}
		span := s.First
		if s.Last != s.First {
			span += " – " + s.Last
		}
		fmt.Fprintf(w, "== %s  %s  (%d articles", s.ID, s.Title, len(s.Articles))
		if span != "" {
			fmt.Fprintf(w, ", %s", span)
		}
		fmt.Fprintln(w, ")")
		for _, id := range s.Articles {
			a := c.Article(id)
			fmt.Fprintf(w, "   %s", id)
			if a.Outlet != "" {
				fmt.Fprintf(w, " — %s", a.Outlet)
			}
			if a.Published != "" {
				fmt.Fprintf(w, " (%s)", a.Published)
			}
			if a.CopyOf != "" {
				fmt.Fprintf(w, " [syndicated copy of %s]", a.CopyOf)
			}
			fmt.Fprintf(w, "  sim %.2f\n", a.Similarity)
		}
		for _, st := range c.Timeline(s.ID) {
			who := st.SpeakerName
			if who == "" {
				who = "(unknown)"
			}
			date := verbatim.Day(st.SaidOn) // "undated" when undated
			text := st.Text
			if len(text) > 160 {
				text = strings.ToValidUTF8(text[:160], "") + "…"
			}
			fmt.Fprintf(w, "   %s  %s: %q", date, who, text)
			if len(st.Reports) > 1 {
				fmt.Fprintf(w, "  [%d reports; outlets: %s]", len(st.Reports), strings.Join(st.Outlets, ", "))
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w)
	}
	if merges {
		for _, d := range c.Resolver.Decisions {
			fmt.Fprintln(w, d.String())
		}
	}
}
