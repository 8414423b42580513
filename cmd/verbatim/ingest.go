package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/gcfloor"
	"github.com/verbatim-news/verbatim/pipeline"
)

// gcFloor is the collector's headroom while the live heap is small. One-core
// BBC ingest (callgrind, the collector's instructions): 1.84 G by default,
// 0.79 G at 128 MB, 0.38 G at 192 MB, 0.36 G at 256 MB; peak RSS 285, 315,
// 330-400 and 450 MB. A library whose live heap passes the floor (10k
// articles and more) peaks as by default.
const gcFloor = 192 << 20

func init() {
	var db, published, queue, stream string
	var cpus, batch, maxMB, headroomMB int
	var progress, noStories bool
	var cpuProfile, memProfile string
	cmd := &cobra.Command{
		Use:   "ingest [--db FILE|URL] [--queue nats://…] PATH...",
		Short: "Analyse articles and store them, their quotes, entities and dates in the library (idempotent: stored articles are skipped)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if published != "" {
				if _, err := verbatim.ParseDate(published); err != nil {
					return fmt.Errorf("--published: %v", err)
				}
			}
			if queue != "" {
				return publish(cmd.Context(), queue, stream, args, input.Options{Published: published, MaxBytes: int64(maxMB) << 20}, os.Stderr)
			}
			if cpuProfile != "" {
				f, err := os.Create(cpuProfile)
				if err != nil {
					return err
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
			// the live heap grows from nothing: collect it every 192 MB
			// of allocation at least (not every time it doubles) until it
			// is that large, then as by default (see internal/gcfloor)
			// --gc-headroom: past that much live, the heap grows by it
			// between collections instead of doubling (a library's
			// grouping state grows with it)
			gcfloor.StartRange(gcFloor, uint64(max(headroomMB, 0))<<20)
			ctx := context.Background()
			st, err := openLibrary(ctx, db, false)
			if err != nil {
				return err
			}
			defer st.Close()
			show := noProgress
			switch {
			case isTerminal(os.Stderr):
				show = ttyProgress
			case progress:
				show = lineProgress
			}
			// new articles join the library's stories (SQLite: as they are
			// stored, only the rows that change are written)
			sk := librarySink(st, !noStories)
			sum, err := ingest(ctx, sk, pipeline.New(), args,
				input.Options{Published: published, MaxBytes: int64(maxMB) << 20}, cpus, batch, show, os.Stderr)
			if err != nil {
				return err
			}
			if sk.group != nil {
				t0 := time.Now()
				n, err := sk.group(ctx)
				if err != nil {
					return fmt.Errorf("stories: %v", err)
				}
				if sum.Stored > 0 {
					fmt.Fprintf(os.Stderr, "ingest: %s in the library (grouped as stored; changes written in %.1fs)\n", plural(n, "story", "stories"), time.Since(t0).Seconds())
				}
			}
			if memProfile != "" {
				// what is live once the stories are written (the grouper's state)
				if err := writeHeapProfile(memProfile); err != nil {
					return err
				}
				runtime.KeepAlive(sk)
			}
			if sum.Failed > 0 {
				exitCode = 1
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&db, "db", "verbatim.db", dbHelp)
	cmd.Flags().StringVar(&queue, "queue", "", "publish the articles to this NATS JetStream server (nats://host:4222) for verbatim worker instead of analysing them")
	cmd.Flags().StringVar(&stream, "stream", defaultStream, "the JetStream stream of --queue")
	cmd.Flags().StringVar(&published, "published", "", "publication date for inputs that carry none (YYYY-MM-DD)")
	cmd.Flags().IntVar(&maxMB, "max-mb", input.MaxBytes>>20, "largest input file or record read, in MB")
	cmd.Flags().IntVar(&cpus, "cpus", 0, "analysis goroutines (default: all cores)")
	cmd.Flags().IntVar(&batch, "batch", 256, "articles per transaction")
	cmd.Flags().DurationVar(&budget, "budget", pipeline.DefaultBudget, budgetHelp)
	cmd.Flags().IntVar(&headroomMB, "gc-headroom", 0, "once the live heap is larger than this many MB, let it grow by this much between collections instead of doubling: a lower peak for more collections (0: double)")
	cmd.Flags().BoolVar(&noStories, "no-stories", false, "do not group the new articles into the library's stories (the next ingest, or verbatim stories --db, does)")
	cmd.Flags().BoolVar(&progress, "progress", false, "show progress even when stderr is not a terminal (a line every 5 s)")
	cmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the ingest to this file")
	cmd.Flags().MarkHidden("cpuprofile")
	cmd.Flags().StringVar(&memProfile, "memprofile", "", "write a heap profile of what is live at the end of the ingest to this file")
	cmd.Flags().MarkHidden("memprofile")
	root.AddCommand(cmd)
}

// progressMode is how ingest shows its progress.
type progressMode int

const (
	noProgress   progressMode = iota
	lineProgress              // a line every 5 s (a log, a pipe)
	ttyProgress               // one line rewritten in place (a terminal)
)

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// ingestSummary counts what an ingest did.
type ingestSummary struct {
	Stored, Duplicates, Failed int
	Undated                    int // stored articles without a publication date
	Elapsed                    time.Duration
}

// countArticles estimates the number of articles for the ETA: one per
// file, one per line of a JSON Lines file (a crawler's dump is often one
// file). It reads the JSON Lines files, so ingest runs it alongside.
func countArticles(paths []string) int {
	n := 0
	buf := make([]byte, 1<<16)
	for _, p := range paths {
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".jsonl", ".ndjson":
				n += countLines(path, buf)
			default:
				n++
			}
			return nil
		})
	}
	return n
}

// countLines counts the non-empty lines of a file (0 if unreadable).
func countLines(path string, buf []byte) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	n, last := 0, byte('\n')
	for {
		k, err := f.Read(buf)
		for _, c := range buf[:k] {
			if c == '\n' && last != '\n' {
				n++
			}
			last = c
		}
		if err != nil {
			break
		}
	}
	if last != '\n' {
		n++
	}
	return n
}

// ingest reads, analyses and stores articles (through g when not nil, so
// that they join the stories); articles whose content is already stored are
// skipped before analysis. Each failure is reported on
// errw with its reason; a one-line summary ends the run.
func ingest(ctx context.Context, sk sink, p *verbatim.Pipeline, paths []string, opt input.Options, cpus, batch int,
	progress progressMode, errw io.Writer) (ingestSummary, error) {
	var sum ingestSummary
	t0 := time.Now()
	if batch <= 0 {
		batch = 256
	}
	known, err := sk.hashes(ctx)
	if err != nil {
		return sum, err
	}
	var total atomic.Int64 // known once counted (0 until then)
	if progress != noProgress {
		go func() { total.Store(int64(countArticles(paths))) }()
	}
	var skipped atomic.Int64
	in := readItems(paths, opt, func(a verbatim.Article) bool {
		if len(known) > 0 && known[verbatim.ContentHash(a.Text)] {
			skipped.Add(1)
			return true
		}
		return false
	})
	reasons := map[string]int{}
	fail := func(src string, err error) {
		sum.Failed++
		msg := err.Error()
		if !strings.HasPrefix(msg, src) {
			msg = src + ": " + msg
		}
		if progress == ttyProgress {
			fmt.Fprint(errw, "\r\033[K")
		}
		fmt.Fprintln(errw, "verbatim:", msg)
		r := err.Error()
		if ie, ok := err.(*input.ItemError); ok {
			r = ie.Reason
		} else if pe, ok := err.(*verbatim.PanicError); ok {
			r = "analysis failed in " + pe.Stage
		}
		if len(r) > 40 {
			r = r[:40] + "…"
		}
		reasons[r]++
	}
	var docs []*verbatim.Doc
	lastShow := time.Now()
	put := sk.put
	flush := func() error {
		if len(docs) == 0 {
			return nil
		}
		out, err := put(ctx, docs)
		if err != nil {
			// store the batch one by one to name the culprit and keep the rest
			out = out[:0]
			kept := docs[:0]
			for _, d := range docs {
				o, err := put(ctx, []*verbatim.Doc{d})
				if err != nil {
					fail(d.Source, fmt.Errorf("store: %w", err))
					continue
				}
				out = append(out, o[0])
				kept = append(kept, d)
			}
			docs = kept
		}
		for i, o := range out {
			if o.Stored {
				sum.Stored++
				if docs[i].Published == "" {
					sum.Undated++
				}
			} else {
				sum.Duplicates++
			}
		}
		docs = docs[:0]
		return nil
	}
	show := func(final bool) {
		done := sum.Stored + sum.Duplicates + sum.Failed + int(skipped.Load()) + len(docs)
		el := time.Since(t0).Seconds()
		rate := float64(done) / max(el, 1e-9)
		line := fmt.Sprintf("%s, %.0f/s", plural(done, "article", "articles"), rate)
		if total := int(total.Load()); total > 0 && done < total && rate > 0 {
			line += fmt.Sprintf(", %d%%, ETA %s", done*100/total, (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second))
		}
		switch {
		case progress == lineProgress && !final:
			fmt.Fprintln(errw, "ingest:", line)
		case progress == ttyProgress && final:
			fmt.Fprint(errw, "\r\033[K")
		case progress == ttyProgress:
			fmt.Fprint(errw, "\r\033[K"+line)
		}
	}
	every := map[progressMode]time.Duration{lineProgress: 5 * time.Second, ttyProgress: 200 * time.Millisecond}[progress]
	for it := range pipeline.RunBudget(p, in, cpus, budget) {
		if it.Err != nil {
			src := it.Article.Source
			if src == "" {
				src = it.Article.ID
			}
			fail(src, it.Err)
			continue
		}
		docs = append(docs, it.Doc)
		if len(docs) >= batch {
			if err := flush(); err != nil {
				return sum, err
			}
		}
		if every > 0 && time.Since(lastShow) > every {
			show(false)
			lastShow = time.Now()
		}
	}
	if err := flush(); err != nil {
		return sum, err
	}
	show(true)
	sum.Duplicates += int(skipped.Load())
	sum.Elapsed = time.Since(t0)
	n := sum.Stored + sum.Duplicates + sum.Failed
	line := fmt.Sprintf("ingest: %d stored, %d skipped as %s, %d failed", sum.Stored, sum.Duplicates,
		map[bool]string{true: "a duplicate", false: "duplicates"}[sum.Duplicates == 1], sum.Failed)
	if len(reasons) > 0 {
		var rs []string
		for r, c := range reasons {
			rs = append(rs, fmt.Sprintf("%d %s", c, r))
		}
		line += " (" + strings.Join(rs, "; ") + ")"
	}
	line += fmt.Sprintf(" — %s in %.1fs, %.0f/s", plural(n, "article", "articles"), sum.Elapsed.Seconds(), float64(n)/max(sum.Elapsed.Seconds(), 1e-9))
	fmt.Fprintln(errw, line)
	if sum.Undated > 0 {
		fmt.Fprintln(errw, undatedAdvice(sum.Undated, sum.Stored))
	}
	return sum, nil
}

// undatedAdvice tells how many stored articles have no publication date,
// what that means for their statements, and how to give dates.
func undatedAdvice(undated, stored int) string {
	return fmt.Sprintf("ingest: %d of %d stored articles have no publication date, so their statements are undated "+
		"(\"Sunday\" or \"last week\" cannot be placed); give dates with --published YYYY-MM-DD, a \"published\" field in "+
		"JSON records, or a dateline at the top of the text (\"3 February 2025\" on its own line, or \"WASHINGTON, Feb. 3, 2025 -\")",
		undated, stored)
}

// writeHeapProfile writes a heap profile after a collection.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
