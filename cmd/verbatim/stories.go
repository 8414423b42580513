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
	var format, published, db, sortBy, q, topic string
	var cpus, limit int
	var threshold float64
	var merges, rebuild bool
	cmd := &cobra.Command{
		Use:   "stories [--format jsonl|text] PATH... | --db FILE [--rebuild] [--sort recent|size] [--limit N] [--q WORDS] [--topic ID]",
		Short: "Group articles into stories (one event each) and stories into topics; flag syndicated copies, link one statement across outlets, print timelines",
		Long: `Analyse the articles and group them into stories: one developing event each
(what happened, to whom, where and when), whatever the order they come in;
stories of one kind form topics.

jsonl prints one line per story:
  {"story", "title", "topic", "topic_label", "articles" (ids, arrival order;
  with --db publication order), "first", "last" (publication dates),
  "copies" (syndicated copy -> original), "people" (resolved identity ids,
  most mentioned first)}.
text prints each story with its articles and its timeline of statements
(one line per statement: date, speaker, independent outlets, reports).
--merges also prints every cross-article entity resolution decision.

With --db, the stories of a library (after verbatim ingest) are listed as
stored, latest first (--sort size: largest first), --limit at a time
(0: all), selected by --q (words of their articles) or --topic; --rebuild
first groups every stored article again.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && db == "" {
				return fmt.Errorf("give PATH... to analyse, or --db FILE to list a library's stories")
			}
			if len(args) > 0 && db != "" {
				return fmt.Errorf("give PATH... or --db FILE, not both")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "jsonl" && format != "text" {
				return fmt.Errorf("unknown format %q (jsonl or text)", format)
			}
			if db != "" {
				return libraryStories(db, stories.Options{Threshold: threshold}, rebuild, format,
					verbatim.StoryQuery{Text: q, Topic: topic, Sort: sortBy, Limit: limit})
			}
			docs, failed := analyzeAll(args, input.Options{Published: published}, cpus, os.Stderr)
			c := stories.Batch(docs, stories.Options{Threshold: threshold})
			w := bufio.NewWriterSize(os.Stdout, 1<<16)
			defer w.Flush()
			writeStories(w, c, format, merges)
			if failed > 0 {
				fmt.Fprintf(os.Stderr, "verbatim: %s failed\n", plural(failed, "input", "inputs"))
				exitCode = 1
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl or text")
	cmd.Flags().StringVar(&published, "published", "", "publication date for inputs that carry none (YYYY-MM-DD)")
	cmd.Flags().IntVar(&cpus, "cpus", 0, "worker goroutines for analysis (default: all cores)")
	cmd.Flags().Float64Var(&threshold, "threshold", 0, "event similarity that keeps articles in one story (default: the clusterer's)")
	cmd.Flags().StringVar(&db, "db", "", "list the stories of this library (after verbatim ingest) instead of reading PATHs")
	cmd.Flags().BoolVar(&rebuild, "rebuild", false, "with --db: first group every stored article again (stories, persons, statements)")
	cmd.Flags().StringVar(&sortBy, "sort", "recent", "with --db: recent (latest first) or size (largest first)")
	cmd.Flags().IntVar(&limit, "limit", 0, "with --db: list at most N stories (0: all)")
	cmd.Flags().StringVar(&q, "q", "", "with --db: only stories with an article matching these words (words, OR, NOT, prefix*)")
	cmd.Flags().StringVar(&topic, "topic", "", "with --db: only the stories of this topic (t12)")
	cmd.Flags().BoolVar(&merges, "merges", false, "also print the cross-article entity resolution decisions")
	root.AddCommand(cmd)
}

// libraryStories lists the stories of a library as stored (after a
// rebuild when asked), a page of the store at a time.
func libraryStories(path string, opt stories.Options, rebuild bool, format string, q verbatim.StoryQuery) error {
	ctx := context.Background()
	st, err := openLibrary(ctx, path, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if rebuild {
		var n int
		switch st := st.(type) {
		case *sqlite.DB:
			n, err = st.RebuildStories(ctx, opt)
		case *postgres.DB:
			// a shared library is grouped in place, by one process at a
			// time: the articles not grouped yet join its stories
			n, err = st.Grouper(opt).GroupAll(ctx)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "verbatim: %s in %s (grouped)\n", plural(n, "story", "stories"), path)
	}
	arts, _ := st.(interface {
		StoryArticles(ctx context.Context, id string) ([]string, map[string]string, error)
	})
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	want := q.Limit
	q.Offset, q.Limit = 0, 500
	listed, total := 0, 0
	for want <= 0 || listed < want {
		if want > 0 {
			q.Limit = min(500, want-listed)
		}
		res, err := st.Stories(ctx, q)
		if err != nil {
			return err
		}
		total = res.Total
		for _, s := range res.Stories {
			var ids []string
			var copies map[string]string
			if arts != nil {
				if ids, copies, err = arts.StoryArticles(ctx, s.ID); err != nil {
					return err
				}
			}
			if format == "jsonl" {
				line := storyLine{Story: s.ID, Title: s.Title, Topic: s.Topic, TopicLabel: s.TopicLabel, First: string(s.First), Last: string(s.Last),
					Articles: ids, Copies: copies}
				for _, p := range s.People {
					line.People = append(line.People, p.ID)
				}
				enc.Encode(line)
				continue
			}
			fmt.Fprintf(w, "== %s  %s  (%s, %s", s.ID, s.Title, plural(s.Articles, "article", "articles"), plural(s.Outlets, "outlet", "outlets"))
			if sp := storySpan(string(s.First), string(s.Last)); sp != "" {
				fmt.Fprintf(w, ", %s", sp)
			}
			fmt.Fprintln(w, ")")
			if s.TopicLabel != "" {
				fmt.Fprintf(w, "   topic %s: %s\n", s.Topic, s.TopicLabel)
			}
			if len(s.People) > 0 {
				names := make([]string, 0, len(s.People))
				for _, p := range s.People {
					names = append(names, p.Name)
				}
				fmt.Fprintf(w, "   people: %s\n", strings.Join(names, ", "))
			}
			fmt.Fprintf(w, "   %s\n", strings.Join(ids, " "))
		}
		listed += len(res.Stories)
		q.Offset += len(res.Stories)
		if len(res.Stories) == 0 || q.Offset >= res.Total {
			break
		}
	}
	if format == "text" {
		fmt.Fprintf(w, "%d of %s\n", listed, plural(total, "story", "stories"))
	}
	return nil
}

func storySpan(first, last string) string {
	if first == last {
		return first
	}
	return first + " – " + last
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
	Story      string            `json:"story"`
	Title      string            `json:"title"`
	Topic      string            `json:"topic,omitempty"`
	TopicLabel string            `json:"topic_label,omitempty"`
	Articles   []string          `json:"articles"`
	First      string            `json:"first,omitempty"`
	Last       string            `json:"last,omitempty"`
	Copies     map[string]string `json:"copies,omitempty"`
	People     []string          `json:"people,omitempty"`
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
	labels := map[string]string{}
	for _, t := range c.Topics() {
		labels[t.ID] = t.Label
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, s := range c.Stories() {
		if format == "jsonl" {
			enc.Encode(storyLine{s.ID, s.Title, s.Topic, labels[s.Topic], s.Articles, s.First, s.Last, copies[s.ID], s.People})
			continue
		}
		fmt.Fprintf(w, "== %s  %s  (%s", s.ID, s.Title, plural(len(s.Articles), "article", "articles"))
		if span := storySpan(s.First, s.Last); span != "" {
			fmt.Fprintf(w, ", %s", span)
		}
		fmt.Fprintln(w, ")")
		if s.Topic != "" {
			fmt.Fprintf(w, "   topic %s: %s\n", s.Topic, labels[s.Topic])
		}
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
