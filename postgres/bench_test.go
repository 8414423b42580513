package postgres

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/stories"
)

// serverCPU is the CPU time of the PostgreSQL backends serving database db
// on this machine (the server's side of a benchmark whose connections stay
// open while it runs; other databases' work on a shared server is left
// out).
func serverCPU(db string) time.Duration {
	ents, _ := os.ReadDir("/proc")
	var ticks int64
	for _, e := range ents {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 || !strings.Contains(s[:i], "(postgres") {
			continue
		}
		if cmd, err := os.ReadFile("/proc/" + e.Name() + "/cmdline"); err != nil || !strings.Contains(string(cmd), " "+db+" ") {
			continue
		}
		f := strings.Fields(s[i+2:])
		for _, k := range []int{11, 12} { // utime stime
			v, _ := strconv.ParseInt(f[k], 10, 64)
			ticks += v
		}
	}
	return time.Duration(ticks) * 10 * time.Millisecond // USER_HZ 100
}

// selfCPU is this process' CPU time (user + system).
func selfCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPut measures storing analysed BBC articles (analysis excluded),
// 256 per transaction as a worker stores them, then grouping them. It
// reports CPU per article, this process' and the server's, for each: on a
// shared machine CPU time says more than wall time.
// go test ./postgres -run XX -bench Put -benchtime 3x -cpu 1
func BenchmarkPut(b *testing.B) {
	docs := benchdata.Prepare(benchdata.Corpus(b, "data/bbc"), pipeline.Stages())
	ctx := context.Background()
	var putC, putS, groupC, groupS time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := open(b)
		b.StartTimer()
		name := db.pool.Config().ConnConfig.Database
		c0, s0 := selfCPU(), serverCPU(name)
		for k := 0; k < len(docs); k += 256 {
			if _, err := db.Put(ctx, docs[k:min(k+256, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		c1, s1 := selfCPU(), serverCPU(name)
		if _, err := db.Grouper(stories.Options{}).GroupAll(ctx); err != nil {
			b.Fatal(err)
		}
		c2, s2 := selfCPU(), serverCPU(name)
		putC, putS, groupC, groupS = putC+c1-c0, putS+s1-s0, groupC+c2-c1, groupS+s2-s1
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	n := float64(b.N * len(docs))
	for _, m := range []struct {
		d    time.Duration
		unit string
	}{{putC, "put-client-µs/art"}, {putS, "put-server-µs/art"}, {groupC, "group-client-µs/art"}, {groupS, "group-server-µs/art"}} {
		b.ReportMetric(float64(m.d.Microseconds())/n, m.unit)
	}
}
