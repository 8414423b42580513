package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	stdhttp "net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	vhttp "github.com/verbatim-news/verbatim/http"
	"github.com/verbatim-news/verbatim/pipeline"
)

// bench queries measures what a reader waits for: the library is served as
// verbatim serve serves it (loopback HTTP), and each endpoint is asked
// sequentially, the same request again and again, its latencies kept (after
// one untimed request: what a server builds once, as the day zone map of
// quotes, is not a query's cost).

func init() {
	var o queryBenchOptions
	var db string
	cmd := &cobra.Command{
		Use:   "queries [--db FILE|URL] [--n 100] [--word W] [--rare W]",
		Short: "Measure query latency through the HTTP API (loopback, sequential): p50/p99 per endpoint",
		Long: `bench queries serves the library on a loopback port, as verbatim serve does,
and asks each endpoint --n times in a row: quote search by a common and a rare
word, by the most quoted speaker, article search, the story listing, the
speaker list (a new limit each time: its cache never answers). It prints
p50/p99 per endpoint.

  go run ./cmd/verbatim bench queries --db verbatim.db`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openLibrary(context.Background(), db, true)
			if err != nil {
				return err
			}
			defer st.Close()
			rs, err := benchQueries(st, o)
			if err != nil {
				return err
			}
			printQueryBench(os.Stdout, rs)
			return nil
		},
	}
	cmd.Flags().StringVar(&db, "db", "verbatim.db", dbHelp)
	cmd.Flags().IntVar(&o.n, "n", 100, "requests per endpoint")
	cmd.Flags().StringVar(&o.word, "word", "people", "a common word")
	cmd.Flags().StringVar(&o.rare, "rare", "marathon", "a rare word")
	benchCmd.AddCommand(cmd)
}

type queryBenchOptions struct {
	n          int
	word, rare string
}

// queryTiming is one endpoint's latencies.
type queryTiming struct {
	Name     string
	Path     string
	P50, P99 time.Duration // wall time: what a reader waits
	CPU50    time.Duration // process CPU time (server and client): what a busy machine does not inflate
	CPU99    time.Duration
	N        int
}

// benchQueries serves st on loopback and times each endpoint.
func benchQueries(st verbatim.Store, o queryBenchOptions) ([]queryTiming, error) {
	if o.n < 1 {
		o.n = 100
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &stdhttp.Server{Handler: vhttp.New(st, pipeline.New()).Handler()}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	client := &stdhttp.Client{Timeout: 5 * time.Minute}
	get := func(path string) ([]byte, error) {
		resp, err := client.Get(base + path)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err == nil && resp.StatusCode != 200 {
			err = fmt.Errorf("%s: %s: %s", path, resp.Status, b)
		}
		return b, err
	}
	// the most quoted speaker
	b, err := get("/api/speakers?limit=1")
	if err != nil {
		return nil, err
	}
	var sp struct {
		Speakers []verbatim.SpeakerSummary `json:"speakers"`
	}
	if err := json.Unmarshal(b, &sp); err != nil {
		return nil, err
	}
	speaker := ""
	if len(sp.Speakers) > 0 {
		speaker = sp.Speakers[0].ID
	}
	w, r := url.QueryEscape(o.word), url.QueryEscape(o.rare)
	eps := []struct{ name, path string }{
		{"quotes ?q=" + o.word, "/api/quotes?q=" + w},
		{"quotes ?speaker=<most quoted>", "/api/quotes?speaker=" + url.QueryEscape(speaker)},
		{"articles ?q=" + o.word, "/api/articles?q=" + w},
		{"stories", "/api/stories"},
		{"speakers ?q= (uncached)", "/api/speakers?q=&limit="},
		{"quotes ?q=" + o.rare, "/api/quotes?q=" + r},
	}
	var out []queryTiming
	for _, ep := range eps {
		if speaker == "" && ep.name == "quotes ?speaker=<most quoted>" {
			continue
		}
		if _, err := get(strings.TrimSuffix(ep.path, "&limit=")); err != nil { // a first request, not timed: caches a server builds once
			return nil, err
		}
		ds := make([]time.Duration, 0, o.n)
		cs := make([]time.Duration, 0, o.n)
		for i := 0; i < o.n; i++ {
			p := ep.path
			if p == "/api/speakers?q=&limit=" {
				p += strconv.Itoa(100 + i%(verbatim.MaxPage-100)) // a new key: the cache cannot answer
			}
			t0, c0 := time.Now(), cpuTime()
			if _, err := get(p); err != nil {
				return nil, err
			}
			ds, cs = append(ds, time.Since(t0)), append(cs, cpuTime()-c0)
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		sort.Slice(cs, func(i, j int) bool { return cs[i] < cs[j] })
		out = append(out, queryTiming{Name: ep.name, Path: ep.path, P50: quantile(ds, 0.50), P99: quantile(ds, 0.99),
			CPU50: quantile(cs, 0.50), CPU99: quantile(cs, 0.99), N: len(ds)})
	}
	return out, nil
}

// quantile is the q-quantile of sorted durations (nearest rank).
func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	i := int(q*float64(len(ds))+0.5) - 1
	return ds[min(max(i, 0), len(ds)-1)]
}

func printQueryBench(w io.Writer, rs []queryTiming) {
	fmt.Fprintf(w, "%-32s %10s %10s %10s %10s %6s\n", "endpoint (loopback, sequential)", "p50", "p99", "CPU p50", "CPU p99", "n")
	for _, r := range rs {
		fmt.Fprintf(w, "%-32s %10s %10s %10s %10s %6d\n", r.Name, ms(r.P50), ms(r.P99), ms(r.CPU50), ms(r.CPU99), r.N)
	}
}

func ms(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 2, 64) + " ms" }

// libraryQueries measures the queries of the library in db (n articles)
// for bench library --queries.
func libraryQueries(db string, n, requests int, sizes *[]int, res *[][]queryTiming) error {
	st, err := openLibrary(context.Background(), db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	rs, err := benchQueries(st, queryBenchOptions{n: requests, word: "people", rare: "marathon"})
	if err != nil {
		return err
	}
	*sizes, *res = append(*sizes, n), append(*res, rs)
	return nil
}

// printLibraryQueries prints the query latencies of each library size: a
// row per endpoint, wall p50 / p99 and CPU p50 / p99 per size.
func printLibraryQueries(w io.Writer, sizes []int, res [][]queryTiming) {
	if len(sizes) == 0 {
		return
	}
	fmt.Fprint(w, "\n| endpoint: p50 / p99 (CPU p50 / p99) |")
	for _, n := range sizes {
		fmt.Fprintf(w, " %s |", humanCount(n))
	}
	fmt.Fprint(w, "\n|---|")
	for range sizes {
		fmt.Fprint(w, "---|")
	}
	fmt.Fprintln(w)
	for i, r := range res[0] {
		fmt.Fprintf(w, "| `%s` |", r.Name)
		for _, rs := range res {
			if i < len(rs) {
				fmt.Fprintf(w, " %s / %s (%s / %s) |", ms(rs[i].P50), ms(rs[i].P99), ms(rs[i].CPU50), ms(rs[i].CPU99))
			}
		}
		fmt.Fprintln(w)
	}
}
