package pipeline_test

import (
	"bytes"
	"testing"

	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
)

// TestRecycle checks that documents analysed with the recycled buffers of
// earlier ones (larger and smaller) give the same output as fresh ones.
func TestRecycle(t *testing.T) {
	arts := benchdata.Articles(3, 12)
	var want [][]byte
	for _, a := range arts {
		d, err := pipeline.Analyze(a)
		if err != nil {
			t.Fatal(err)
		}
		r := d.Result()
		line, err := r.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, line)
	}
	for round := range 2 {
		for i, a := range arts {
			d, err := pipeline.Analyze(a)
			if err != nil {
				t.Fatal(err)
			}
			r := d.Result()
			got, err := r.AppendJSON(nil)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want[i]) {
				t.Fatalf("round %d, article %d: output with recycled buffers differs:\n%s\nwant\n%s", round, i, got, want[i])
			}
			if len(d.Mentions) == 0 {
				t.Fatalf("article %d has no mentions: the test checks nothing", i)
			}
			pipeline.Recycle(d)
			if d.Mentions != nil || d.Entities != nil || d.Tokens != nil {
				t.Fatal("Recycle left buffers in the document")
			}
		}
	}
}
