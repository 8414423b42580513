package eval_test

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/dates"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/text"
)

func TestParseTimeML(t *testing.T) {
	p := writeTemp(t, "x.tml", `<?xml version="1.0" ?>
<TimeML><DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-06" temporalFunction="false">02/06/1998</TIMEX3></DCT>
<TEXT>Prices &amp; wages rose <TIMEX3 tid="t1" type="DATE" value="1998-02-05">Thursday</TIMEX3>, <EVENT eid="e1">said</EVENT> officials
at <TIMEX3 tid="t2" type="TIME" value="1998-02-05T10:00">10 a.m.</TIMEX3> and <TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">now</TIMEX3>.</TEXT></TimeML>`)
	d, err := eval.ParseTimeML(p)
	if err != nil {
		t.Fatal(err)
	}
	if d.Published != "1998-02-06" || d.ID != "x" {
		t.Errorf("published %q id %q", d.Published, d.ID)
	}
	if !strings.HasPrefix(d.Text, "Prices & wages rose Thursday, said officials") {
		t.Errorf("text %q", d.Text)
	}
	if len(d.Gold) != 2 {
		t.Fatalf("gold %+v, want 2 DATEs (TIME excluded)", d.Gold)
	}
	if got := d.Text[d.Gold[0].Start:d.Gold[0].End]; got != "Thursday" || d.Gold[0].Value != "1998-02-05" {
		t.Errorf("gold[0] %q %q", got, d.Gold[0].Value)
	}
	if got := d.Text[d.Gold[1].Start:d.Gold[1].End]; got != "now" || d.Gold[1].Value != "PRESENT_REF" {
		t.Errorf("gold[1] %q %q", got, d.Gold[1].Value)
	}
}

func TestDateScoreAdd(t *testing.T) {
	gold := []eval.GoldDate{
		{Span: verbatim.Span{Start: 0, End: 6}, Value: "2025-02-02"},
		{Span: verbatim.Span{Start: 10, End: 20}, Value: "2025-01"},
		{Span: verbatim.Span{Start: 30, End: 34}, Value: "2014"},
	}
	pred := []verbatim.DateOut{
		{Start: 0, End: 6, Value: "2025-02-02"}, // match, right
		{Start: 15, End: 25, Value: "2024-12"},  // overlaps gold 2, wrong value
		{Start: 16, End: 18, Value: "2025-01"},  // overlaps gold 2 too, but it is taken: false alarm
		{Start: 40, End: 44, Value: "PAST_REF"}, // false alarm
	}
	var s eval.DateScore
	s.Add(gold, pred)
	if s.TP != 2 || s.FP != 2 || s.FN != 1 || s.ValueOK != 1 {
		t.Fatalf("counts %+v", s)
	}
	if math.Abs(s.ValueAcc()-0.5) > 1e-9 {
		t.Errorf("value acc %v", s.ValueAcc())
	}
	// value P = 1/4, value R = 1/3
	if want := 2 * 0.25 * (1.0 / 3) / (0.25 + 1.0/3); math.Abs(s.ValueF1()-want) > 1e-9 {
		t.Errorf("value F1 %v, want %v", s.ValueF1(), want)
	}
}

// TestDatesAgreeWithPythonScorer scores the dates stage on TimeBank with
// eval.Dates and with ../shared/tools/score_dates.py and requires the same
// numbers (and the same input texts: the records of `score_dates.py make`).
func TestDatesAgreeWithPythonScorer(t *testing.T) {
	dir := shared.Path(t, "data/tempeval3/TimeBank")
	tool := shared.Path(t, "tools/score_dates.py")
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not available")
	}
	docs, err := eval.LoadTimeBank(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Same records as the reference's "make".
	out, err := exec.Command(py, tool, "make", dir).Output()
	if err != nil {
		t.Fatalf("score_dates.py make: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(docs) {
		t.Fatalf("%d records from python, %d docs", len(lines), len(docs))
	}
	for i, l := range lines {
		var r struct{ ID, Text, Published string }
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if r.ID != docs[i].ID || r.Text != docs[i].Text || r.Published != docs[i].Published {
			t.Fatalf("record %d (%s) differs from the python reading", i, r.ID)
		}
	}
	p := verbatim.NewPipeline(clean.Stage, text.Stage, dates.Stage)
	s, _, err := eval.Dates(docs, p.Analyze)
	if err != nil {
		t.Fatal(err)
	}
	// Predictions for the python scorer.
	pred := filepath.Join(t.TempDir(), "pred.jsonl")
	f, err := os.Create(pred)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for _, td := range docs {
		d, err := p.Analyze(verbatim.Article{ID: td.ID, Text: td.Text, Published: td.Published})
		if err != nil {
			t.Fatal(err)
		}
		if err := enc.Encode(d.Result()); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	out, err = exec.Command(py, tool, "score", dir, pred).Output()
	if err != nil {
		t.Fatalf("score_dates.py score: %v", err)
	}
	var ref struct {
		P, R, F1, ValueAcc, ValueF1 float64
		Gold                        int
	}
	var raw map[string]float64
	if err := json.Unmarshal(out, &raw); err != nil {
		t.Fatal(err)
	}
	ref.P, ref.R, ref.F1, ref.ValueAcc, ref.ValueF1, ref.Gold = raw["P"], raw["R"], raw["F1"], raw["value_acc"], raw["value_F1"], int(raw["gold"])
	r3 := func(x float64) float64 { return math.Round(x*1000) / 1000 }
	got := []float64{r3(s.P()), r3(s.R()), r3(s.F1()), r3(s.ValueAcc()), r3(s.ValueF1()), float64(s.TP + s.FN)}
	want := []float64{ref.P, ref.R, ref.F1, ref.ValueAcc, ref.ValueF1, float64(ref.Gold)}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Errorf("go %v, python %s", got, out)
			break
		}
	}
	t.Logf("TimeBank: %s", s)
}
