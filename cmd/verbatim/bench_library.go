package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/internal/synthlib"
)

func init() {
	var o libBenchOptions
	cmd := &cobra.Command{
		Use:   "library --articles N[,N...] [--db FILE] [--add 1000] [--no-stories-too]",
		Short: "Measure ingest at library scale: synthetic unique articles from the BBC and WikiRef paragraphs",
		Long: `bench library generates a library of N synthetic articles (paragraphs of
../shared/data/bbc and ../shared/data/wikiref220 recombined into unique
reports of events, 30 outlets, dates over two years; deterministic for
--seed), ingests it with verbatim ingest in a child process at GOMAXPROCS=1
(--cpus 1), then ingests --add later articles into it and the same articles
into an empty library. It reports CPU seconds (user+sys) and peak RSS of each
child, and the library's size on disk. --no-stories-too repeats every size
with ingest --no-stories.

  verbatim bench library --articles 10000,50000,100000
  verbatim bench library --articles 100000 --db lib100k.db --add 0   # build a test library

--db keeps the library of the last size there (default: a temporary file,
removed). --shared DIR reads the corpora from DIR (default: ../shared).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLibraryBench(o, os.Stdout, os.Stderr)
		},
	}
	cmd.Flags().StringVar(&o.sizes, "articles", "10000", "library sizes, comma-separated (10k, 1M accepted)")
	cmd.Flags().StringVar(&o.db, "db", "", "keep the library of the last size in this SQLite file")
	cmd.Flags().IntVar(&o.add, "add", 1000, "later articles ingested into the library, and into an empty one (0: none)")
	cmd.Flags().Int64Var(&o.seed, "seed", 1, "generator seed")
	cmd.Flags().IntVar(&o.days, "days", 730, "the span of publication dates of a library")
	cmd.Flags().BoolVar(&o.noStoriesToo, "no-stories-too", false, "measure ingest --no-stories as well")
	cmd.Flags().BoolVar(&o.noStories, "no-stories", false, "measure ingest --no-stories only")
	cmd.Flags().IntVar(&o.queries, "queries", 0, "also measure query latency (bench queries) on each library with stories, this many requests per endpoint")
	cmd.Flags().StringVar(&o.shared, "shared", "", "the shared data directory (default: ../shared or $VERBATIM_SHARED)")
	cmd.Flags().StringVar(&o.jsonl, "jsonl", "", "only write the articles of the first size (then --add later ones to FILE.add.jsonl) as JSON Lines to this file")
	cmd.Flags().IntVar(&o.headroom, "gc-headroom", 0, "pass ingest --gc-headroom MB to every ingest")
	cmd.Flags().StringVar(&o.tmp, "tmp", "", "directory for the generated inputs and temporary libraries (default: the system's)")
	benchCmd.AddCommand(cmd)
}

type libBenchOptions struct {
	sizes, db, shared, tmp  string
	jsonl                   string
	add, days               int
	seed                    int64
	noStoriesToo, noStories bool
	queries                 int // requests per endpoint (bench queries) on each library with stories; 0: none
	headroom                int // ingest --gc-headroom (MB; 0: none)
}

// childCost is what one child process cost.
type childCost struct {
	cpu time.Duration
	rss int64 // peak, bytes
}

func (c childCost) String() string {
	return fmt.Sprintf("%.1f s / %.2f GB", c.cpu.Seconds(), float64(c.rss)/(1<<30))
}

// parseSizes reads "10000,50k,1M".
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		m := 1
		switch {
		case strings.HasSuffix(f, "k"):
			m, f = 1000, f[:len(f)-1]
		case strings.HasSuffix(f, "m"):
			m, f = 1000000, f[:len(f)-1]
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("--articles: bad size %q", f)
		}
		out = append(out, n*m)
	}
	return out, nil
}

func runLibraryBench(o libBenchOptions, w, logw io.Writer) error {
	sizes, err := parseSizes(o.sizes)
	if err != nil {
		return err
	}
	dir := o.shared
	if dir == "" {
		dir = shared.Dir()
	}
	if dir == "" {
		return fmt.Errorf("no shared data directory (give --shared DIR or set VERBATIM_SHARED)")
	}
	corpus, err := synthlib.Load(filepath.Join(dir, "data/bbc"), filepath.Join(dir, "data/wikiref220"))
	if err != nil {
		return err
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if o.jsonl != "" {
		g := synthlib.NewGenerator(corpus, o.seed, sizes[0], o.days, start)
		if err := g.WriteFile(o.jsonl, sizes[0]); err != nil {
			return err
		}
		if o.add > 0 {
			return g.WriteFile(strings.TrimSuffix(o.jsonl, ".jsonl")+".add.jsonl", o.add)
		}
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(o.tmp, "verbatim-benchlib-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	modes := []bool{false} // no-stories?
	switch {
	case o.noStories:
		modes = []bool{true}
	case o.noStoriesToo:
		modes = []bool{false, true}
	}
	var qsizes []int
	var qres [][]queryTiming
	defer func() { printLibraryQueries(w, qsizes, qres) }()
	fmt.Fprintf(w, "| library | stories | ingest CPU | ingest peak RSS | articles/CPU s | DB size | +%d: CPU / RSS | +%d into empty: CPU / RSS |\n", o.add, o.add)
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for si, n := range sizes {
		lib, add := filepath.Join(tmp, "library.jsonl"), filepath.Join(tmp, "add.jsonl")
		g := synthlib.NewGenerator(corpus, o.seed, n, o.days, start)
		if err := g.WriteFile(lib, n); err != nil {
			return err
		}
		if err := g.WriteFile(add, o.add); err != nil {
			return err
		}
		for _, noStories := range modes {
			db := filepath.Join(tmp, "library.db")
			keep := o.db != "" && si == len(sizes)-1 && noStories == modes[len(modes)-1]
			if keep {
				db = o.db
			}
			removeDB(db)
			fmt.Fprintf(logw, "bench library: ingesting %d articles (stories: %v)\n", n, !noStories)
			full, err := ingestChild(exe, db, lib, noStories, o.headroom, logw)
			if err != nil {
				return err
			}
			size := dbSize(db)
			if o.queries > 0 && !noStories {
				if err := libraryQueries(db, n, o.queries, &qsizes, &qres); err != nil {
					return err
				}
			}
			plus, empty := "—", "—"
			if o.add > 0 {
				c, err := ingestChild(exe, db, add, noStories, o.headroom, logw)
				if err != nil {
					return err
				}
				plus = c.String()
				edb := filepath.Join(tmp, "empty.db")
				removeDB(edb)
				c, err = ingestChild(exe, edb, add, noStories, o.headroom, logw)
				if err != nil {
					return err
				}
				removeDB(edb)
				empty = c.String()
			}
			if !keep {
				removeDB(db)
			}
			fmt.Fprintf(w, "| %s | %s | %.1f s | %.2f GB | %.0f | %.2f GB | %s | %s |\n", humanCount(n),
				map[bool]string{false: "yes", true: "no"}[noStories], full.cpu.Seconds(), float64(full.rss)/(1<<30),
				float64(n)/max(full.cpu.Seconds(), 1e-9), float64(size)/(1<<30), plus, empty)
		}
	}
	return nil
}

// ingestChild runs verbatim ingest on one core in a child process and
// returns its CPU time and peak RSS.
func ingestChild(exe, db, in string, noStories bool, headroom int, logw io.Writer) (childCost, error) {
	args := []string{"ingest", "--db", db, "--cpus", "1", in}
	if headroom > 0 {
		args = append(args, "--gc-headroom", strconv.Itoa(headroom))
	}
	if noStories {
		args = append(args, "--no-stories")
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	cmd.Stderr = logw
	if err := cmd.Run(); err != nil {
		return childCost{}, fmt.Errorf("verbatim %s: %v", strings.Join(args, " "), err)
	}
	ps := cmd.ProcessState
	c := childCost{cpu: ps.UserTime() + ps.SystemTime()}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		c.rss = int64(ru.Maxrss) * 1024 // KB on Linux
	}
	return c, nil
}

func removeDB(db string) {
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(db + s)
	}
}

func dbSize(db string) int64 {
	var n int64
	for _, s := range []string{"", "-wal"} {
		if fi, err := os.Stat(db + s); err == nil {
			n += fi.Size()
		}
	}
	return n
}

func humanCount(n int) string {
	switch {
	case n >= 1000000 && n%1000000 == 0:
		return fmt.Sprintf("%dM", n/1000000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}
