package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/pipeline"
)

func init() {
	var o benchOptions
	cmd := &cobra.Command{
		Use:   "bench [--cpus N] [--repeat K] [--profile FILE] [--memprofile FILE] PATH...",
		Short: "Measure the full extraction over a corpus: articles/s, MB/s, per-stage time share, peak memory, GC",
		Long: `bench streams the inputs through the full pipeline exactly as extract does
(read → analyse → JSON output record, discarded), never holding the corpus in
memory, and prints throughput, the share of time of each stage, peak RSS and GC
statistics. --cpus N runs N workers with GOMAXPROCS=N (--cpus 1 measures one
core). --repeat K streams the inputs K times (memory must stay flat).

  verbatim bench --cpus 1 ../shared/data/bbc
  verbatim bench --cpus 2 --repeat 20 ../shared/data/bbc
  verbatim bench --cpus 1 --profile cpu.out ../shared/data/bbc && go tool pprof -top cpu.out`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.paths = args
			r, err := runBench(o)
			if err != nil {
				return err
			}
			r.print(os.Stdout)
			return nil
		},
	}
	cmd.Flags().IntVar(&o.cpus, "cpus", 0, "workers, and GOMAXPROCS (default: all cores)")
	cmd.Flags().IntVar(&o.repeat, "repeat", 1, "stream the inputs this many times")
	cmd.Flags().StringVar(&o.profile, "profile", "", "write a pprof CPU profile to this file")
	cmd.Flags().StringVar(&o.memprofile, "memprofile", "", "write a pprof heap profile (at the end) to this file")
	cmd.Flags().BoolVar(&o.noOutput, "no-output", false, "skip building and serialising the output records")
	root.AddCommand(cmd)
	benchCmd = cmd
}

// benchCmd is the bench command (bench library is its subcommand).
var benchCmd *cobra.Command

type benchOptions struct {
	paths               []string
	cpus, repeat        int
	profile, memprofile string
	noOutput            bool
}

type benchResult struct {
	cpus, workers, repeat int
	maxprocs              int
	articles, failed      int64
	bytes, outBytes       int64
	wall                  time.Duration
	stages                []string
	stageTime             []time.Duration
	outTime, readTime     time.Duration
	// CPU time of the thread running each stage, read and output (Linux):
	// unlike wall time, not inflated by other processes on a busy machine.
	// Samples during which the goroutine changed threads are left out;
	// cpuN counts the samples kept per stage.
	stageCPU, stageCPUN []int64
	outCPU, readCPU     time.Duration
	outCPUN, readCPUN   int64
	peakRSS, startRSS   int64 // bytes, from /proc/self/status (0 when unavailable)
	mem                 runtime.MemStats
	gcPause             time.Duration
	startCPU, runCPU    time.Duration // process CPU time before the run (start-up: package init) and during it
	slow                *slowest      // the documents that took longest
}

// runBench streams the inputs through the pipeline and measures it.
func runBench(o benchOptions) (*benchResult, error) {
	if o.repeat < 1 {
		o.repeat = 1
	}
	cpus := o.cpus
	if cpus > 0 {
		prev := runtime.GOMAXPROCS(cpus)
		defer runtime.GOMAXPROCS(prev)
	} else {
		cpus = runtime.GOMAXPROCS(0)
	}
	p := pipeline.New()
	res := &benchResult{cpus: cpus, workers: cpus, repeat: o.repeat, maxprocs: runtime.GOMAXPROCS(0), slow: newSlowest(5)}
	stageNanos := make([]atomic.Int64, len(p.Stages))
	cpuNanos, cpuN := make([]atomic.Int64, len(p.Stages)), make([]atomic.Int64, len(p.Stages))
	for i, s := range p.Stages {
		res.stages = append(res.stages, s.Name())
		p.Stages[i] = cpuTimed{s, &cpuNanos[i], &cpuN[i], res.slow}
	}
	p.Timings = func(i int, d time.Duration) { stageNanos[i].Add(int64(d)) }

	if o.profile != "" {
		f, err := os.Create(o.profile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
		defer pprof.StopCPUProfile()
	}
	res.startCPU = cpuTime()
	runtime.GC()
	res.startRSS = procStatus("VmRSS")
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	var inBytes, readNanos, readCPU, readCPUN atomic.Int64
	in := make(chan pipeline.Item, 64)
	go func() {
		defer close(in)
		// Reading time excludes the time spent waiting for the pipeline.
		last := time.Now()
		tid0, cpu0, _ := threadCPU()
		for k := 0; k < o.repeat; k++ {
			input.Read(o.paths, input.Options{}, func(a verbatim.Article, err error) error {
				readNanos.Add(int64(time.Since(last)))
				if tid, cpu, ok := threadCPU(); ok && tid == tid0 {
					readCPU.Add(int64(cpu - cpu0))
					readCPUN.Add(1)
				}
				inBytes.Add(int64(len(a.Text)))
				in <- pipeline.Item{Article: a, Err: err}
				last = time.Now()
				tid0, cpu0, _ = threadCPU()
				return nil
			})
		}
	}()
	cw := &countWriter{}
	w := bufio.NewWriterSize(cw, 1<<16)
	var line []byte
	var rb verbatim.ResultBuffer
	t0 := time.Now()
	for it := range pipeline.Run(p, in, cpus) {
		if it.Err != nil {
			res.failed++
			continue
		}
		res.articles++
		res.slow.done(it.Doc, it.Article)
		if !o.noOutput {
			t := time.Now()
			tid0, cpu0, _ := threadCPU()
			r := it.Doc.ResultIn(&rb)
			if !input.Verbatim(it.Article) {
				r.Text = it.Doc.Text
			}
			line, _ = r.AppendJSON(line[:0])
			w.Write(append(line, '\n'))
			pipeline.Recycle(it.Doc)
			res.outTime += time.Since(t)
			if tid, cpu, ok := threadCPU(); ok && tid == tid0 {
				res.outCPU += cpu - cpu0
				res.outCPUN++
			}
		}
	}
	w.Flush()
	res.wall = time.Since(t0)
	res.runCPU = cpuTime() - res.startCPU
	res.bytes = inBytes.Load()
	res.readTime = time.Duration(readNanos.Load())
	res.outBytes = cw.n
	for i := range stageNanos {
		res.stageTime = append(res.stageTime, time.Duration(stageNanos[i].Load()))
		res.stageCPU = append(res.stageCPU, cpuNanos[i].Load())
		res.stageCPUN = append(res.stageCPUN, cpuN[i].Load())
	}
	res.readCPU, res.readCPUN = time.Duration(readCPU.Load()), readCPUN.Load()
	res.peakRSS = procStatus("VmHWM")
	runtime.ReadMemStats(&res.mem)
	res.mem.NumGC -= before.NumGC
	res.mem.TotalAlloc -= before.TotalAlloc
	res.mem.Mallocs -= before.Mallocs
	res.gcPause = time.Duration(res.mem.PauseTotalNs - before.PauseTotalNs)
	if o.memprofile != "" {
		f, err := os.Create(o.memprofile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		runtime.GC()
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			return nil, err
		}
	}
	if res.articles == 0 && res.failed > 0 {
		return res, fmt.Errorf("all %d inputs failed", res.failed)
	}
	return res, nil
}

// cpuTimed runs a stage and adds the CPU time of its thread to a counter.
type cpuTimed struct {
	verbatim.Stage
	nanos, n *atomic.Int64
	slow     *slowest
}

func (c cpuTimed) Process(d *verbatim.Doc) {
	tid0, cpu0, ok := threadCPU()
	t0 := time.Now()
	c.Stage.Process(d)
	c.slow.add(d, time.Since(t0))
	if !ok {
		return
	}
	if tid, cpu, ok := threadCPU(); ok && tid == tid0 {
		c.nanos.Add(int64(cpu - cpu0))
		c.n.Add(1)
	}
}

// cpuTime is the user+system CPU time this process has used (0 when
// unavailable).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(b []byte) (int, error) { c.n += int64(len(b)); return len(b), nil }

// procStatus reads a memory figure ("VmHWM", "VmRSS", in kB) of this process
// from /proc/self/status, in bytes; 0 when unavailable (not Linux).
func procStatus(key string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range bytes.Split(b, []byte("\n")) {
		if k, v, ok := strings.Cut(string(l), ":"); ok && k == key {
			f := strings.Fields(v)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n << 10
			}
		}
	}
	return 0
}

func (r *benchResult) print(w io.Writer) {
	secs := r.wall.Seconds()
	if secs <= 0 {
		secs = 1e-9
	}
	mb := float64(r.bytes) / 1e6
	aps := float64(r.articles) / secs
	fmt.Fprintf(w, "machine     %s, %d cores (NumCPU), GOMAXPROCS=%d, %s\n", cpuModel(), runtime.NumCPU(), r.maxprocs, runtime.Version())
	fmt.Fprintf(w, "input       %d articles (%d failed), %.2f MB, repeat %d\n", r.articles, r.failed, mb, r.repeat)
	fmt.Fprintf(w, "wall        %.3f s with %d workers\n", secs, r.workers)
	fmt.Fprintf(w, "throughput  %.0f articles/s, %.2f MB/s\n", aps, mb/secs)
	fmt.Fprintf(w, "per core    %.0f articles/s, %.2f MB/s\n", aps/float64(r.cpus), mb/secs/float64(r.cpus))
	if c := r.runCPU.Seconds(); c > 0 {
		fmt.Fprintf(w, "cpu time    %.3f s during the run: %.0f articles per CPU-second, %.2f MB per CPU-second (robust on a busy machine)\n",
			c, float64(r.articles)/c, mb/c)
	}
	if r.startCPU > 0 {
		fmt.Fprintf(w, "start-up    %.3f s CPU before the run (package initialisation, lexicons, dependencies' regexps)\n", r.startCPU.Seconds())
	}
	var total time.Duration
	for _, d := range r.stageTime {
		total += d
	}
	total += r.outTime + r.readTime
	if total > 0 {
		fmt.Fprintf(w, "stages      (share of read+analysis+output time; µs per article, wall clock | CPU of the thread)\n")
		var cpuSum float64
		row := func(name string, d time.Duration, cpu time.Duration, n int64) {
			per := 0.0
			if r.articles > 0 {
				per = float64(d.Microseconds()) / float64(r.articles)
			}
			fmt.Fprintf(w, "  %-9s %5.1f%%  %8.1f µs", name, 100*float64(d)/float64(total), per)
			if n > 0 {
				c := float64(cpu.Nanoseconds()) / 1e3 / float64(n)
				cpuSum += c
				fmt.Fprintf(w, " | %8.1f µs CPU", c)
			}
			fmt.Fprintln(w)
		}
		row("read", r.readTime, r.readCPU, r.readCPUN)
		for i, n := range r.stages {
			row(n, r.stageTime[i], time.Duration(r.stageCPU[i]), r.stageCPUN[i])
		}
		row("output", r.outTime, r.outCPU, r.outCPUN)
		if cpuSum > 0 {
			fmt.Fprintf(w, "  %-9s %5s   %8s   | %8.1f µs CPU (the rest of the CPU time: GC, scheduling, start of the run)\n", "sum", "", "", cpuSum)
		}
	}
	if r.slow != nil {
		var analysis time.Duration
		for _, d := range r.stageTime {
			analysis += d
		}
		r.slow.print(w, analysis)
	}
	fmt.Fprintf(w, "output      %.2f MB of JSON Lines (discarded)\n", float64(r.outBytes)/1e6)
	if r.peakRSS > 0 {
		fmt.Fprintf(w, "memory      peak RSS %.1f MB (VmHWM; %.1f MB before the run)\n", float64(r.peakRSS)/1e6, float64(r.startRSS)/1e6)
	}
	fmt.Fprintf(w, "heap        %.1f MB allocated in total (%.1f KB/article), %d objects, heap now %.1f MB, sys %.1f MB\n",
		float64(r.mem.TotalAlloc)/1e6, float64(r.mem.TotalAlloc)/1e3/float64(max(r.articles, 1)), r.mem.Mallocs,
		float64(r.mem.HeapAlloc)/1e6, float64(r.mem.Sys)/1e6)
	fmt.Fprintf(w, "gc          %d cycles, %.1f ms total pause, GOGC=%s\n", r.mem.NumGC, float64(r.gcPause.Microseconds())/1e3, gogc())
}

func gogc() string {
	if v := os.Getenv("GOGC"); v != "" {
		return v
	}
	return "100"
}

// cpuModel is the CPU model name from /proc/cpuinfo ("" when unknown).
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}
