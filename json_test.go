package verbatim_test

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"unsafe"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/pipeline"
)

// encodeStd is what extract wrote before AppendJSON: encoding/json's
// Encoder without HTML escaping, minus the newline.
func encodeStd(t *testing.T, r verbatim.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func checkSame(t *testing.T, r verbatim.Result) {
	t.Helper()
	want := encodeStd(t, r)
	got, err := r.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("AppendJSON differs from encoding/json\n got: %s\nwant: %s", got, want)
	}
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	for _, d := range benchdata.Prepare(benchdata.Gen(), pipeline.Stages()) {
		checkSame(t, d.Result())
	}
	s := func(v string) *string { return &v }
	i := func(v int) *int { return &v }
	tricky := "a\"b\\c\x00\x01\b\f\n\r\t\x1f<>&\u2028\u2029é😀\xff\xc3x\x7f"
	checkSame(t, verbatim.Result{})
	checkSame(t, verbatim.Result{ID: tricky, Title: tricky, Outlet: "o", URL: "http://x?a=1&b=<2>", Published: "2025-01-02", Text: tricky,
		Quotes: []verbatim.QuoteOut{
			{Text: tricky, Start: -1, End: 1 << 40, Type: verbatim.Mixed, Speaker: s(tricky), SpeakerMention: "he",
				SpeakerStart: i(0), SpeakerEnd: i(-7), SpeakerType: "person", Cue: "said", CueStart: i(3), CueEnd: i(4),
				Addressee: tricky, Via: "Reuters", Confidence: 0.7, SaidOn: "2025-01-01",
				Parts: []verbatim.SpanOut{{Text: tricky, Start: 0, End: 3}, {Text: "b", Start: 9, End: 10}}},
			{Type: verbatim.Direct, Parts: []verbatim.SpanOut{}},
		},
		Entities: []verbatim.EntityOut{{Name: tricky, Type: verbatim.Person, Roles: []string{"", tricky}, Mentions: []verbatim.MentionOut{{Text: tricky, Start: 1, End: 2}}},
			{Roles: []string{}, Mentions: []verbatim.MentionOut{}}, {}},
		Dates: []verbatim.DateOut{{Text: tricky, Value: "XXXX"}, {}}})
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, 1e-6, 9.99e-7, 1e-7, 1.5e-10, 1e20, 1e21, 1.234e25, -2.5e-9, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		checkSame(t, verbatim.Result{Quotes: []verbatim.QuoteOut{{Confidence: f}}})
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		r := verbatim.Result{Quotes: []verbatim.QuoteOut{{Confidence: f}}}
		if _, err := r.AppendJSON(nil); err == nil {
			t.Errorf("confidence %v: no error", f)
		}
	}
}

func FuzzAppendJSON(f *testing.F) {
	f.Add("plain", 0.5)
	f.Add("\x00\"\\\u2028\xff", 1e-9)
	f.Fuzz(func(t *testing.T, s string, c float64) {
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return
		}
		checkSame(t, verbatim.Result{ID: s, Quotes: []verbatim.QuoteOut{{Text: s, Speaker: &s, Confidence: c}},
			Entities: []verbatim.EntityOut{{Name: s, Roles: []string{s}, Mentions: []verbatim.MentionOut{{Text: s}}}},
			Dates:    []verbatim.DateOut{{Text: s, Value: s}}})
	})
}

// TestResultInReuses checks that records built one after another in one
// ResultBuffer (larger and smaller, with and without quotes) are written
// as records built afresh, and that the buffer's slices are reused.
func TestResultInReuses(t *testing.T) {
	docs := benchdata.Prepare(benchdata.Gen(), pipeline.Stages())
	docs = append(docs, verbatim.NewDoc(verbatim.Article{ID: "empty"}))
	var b verbatim.ResultBuffer
	last := &verbatim.Result{} // the record last built in b
	reused := 0
	for round := range 2 {
		for i, d := range docs {
			fresh := d.Result()
			want, err := fresh.AppendJSON(nil)
			if err != nil {
				t.Fatal(err)
			}
			var before *verbatim.EntityOut
			if cap(last.Entities) >= len(d.Entities) && len(d.Entities) > 0 {
				before = unsafe.SliceData(last.Entities)
			}
			r := d.ResultIn(&b)
			last = r
			got, err := r.AppendJSON(nil)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("round %d, doc %d: ResultIn differs from Result\n got: %s\nwant: %s", round, i, got, want)
			}
			if before != nil {
				if unsafe.SliceData(r.Entities) != before {
					t.Fatalf("doc %d: entities slice not reused", i)
				}
				reused++
			}
		}
	}
	if reused == 0 {
		t.Fatal("no slice reused: the test checks little")
	}
}
