package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim/internal/benchdata"
)

func TestBenchCountsAndReports(t *testing.T) {
	dir := t.TempDir()
	arts := benchdata.Articles(1, 5)
	var size int64
	for _, a := range arts {
		if err := os.WriteFile(filepath.Join(dir, a.ID+".txt"), []byte(a.Text), 0o644); err != nil {
			t.Fatal(err)
		}
		size += int64(len(a.Text))
	}
	r, err := runBench(benchOptions{paths: []string{dir}, cpus: 1, repeat: 3})
	if err != nil {
		t.Fatal(err)
	}
	if r.articles != 15 || r.failed != 0 {
		t.Fatalf("got %d articles, %d failed; want 15, 0", r.articles, r.failed)
	}
	if r.bytes != 3*size {
		t.Fatalf("got %d bytes, want %d", r.bytes, 3*size)
	}
	if r.maxprocs != 1 {
		t.Fatalf("--cpus 1 ran with GOMAXPROCS=%d", r.maxprocs)
	}
	if r.outBytes == 0 {
		t.Fatal("no output records serialised")
	}
	var out bytes.Buffer
	r.print(&out)
	for _, want := range []string{"articles/s", "MB/s", "per core", "clean", "quotes", "dates", "peak RSS", "gc "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestBenchFailsOnNothing(t *testing.T) {
	if _, err := runBench(benchOptions{paths: []string{filepath.Join(t.TempDir(), "missing")}, cpus: 1}); err == nil {
		t.Fatal("no error when every input fails")
	}
}
