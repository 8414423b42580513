package main

import (
	"encoding/json"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/stories"
)

// TestEvalPersonsAgreesWithScorePersons scores ECB+ with `verbatim eval
// persons` and with ../shared/tools/score_persons.py on the extract and
// --merges output of the same analysis: every number must agree.
func TestEvalPersonsAgreesWithScorePersons(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	script := shared.Path(t, "tools/score_persons.py")
	dir := shared.Path(t, "data/ecbplus")
	docs, _ := analyzeAll([]string{filepath.Join(dir, "articles.jsonl")}, input.Options{}, 0, io.Discard)
	gold := filepath.Join(dir, "gold_persons.jsonl")
	s, err := scorePersons(gold, docs)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	var ext, mer strings.Builder
	for _, d := range docs {
		b, _ := json.Marshal(d.Result())
		ext.Write(append(b, '\n'))
	}
	writeStories(&mer, stories.Batch(docs, stories.Options{}), "jsonl", true)
	ef, mf := filepath.Join(tmp, "ext.jsonl"), filepath.Join(tmp, "merges.out")
	if err := os.WriteFile(ef, []byte(ext.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mf, []byte(mer.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, script, gold, ef, mf).Output()
	if err != nil {
		t.Fatalf("score_persons.py: %v", err)
	}
	var res map[string]float64
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	round := func(v float64) float64 { return math.Round(v*1e4) / 1e4 }
	for k, v := range map[string]float64{
		"units": float64(s.Units), "gold_people": float64(s.GoldPeople), "found": round(float64(s.Found) / float64(s.Units)),
		"found_without_identity_line": float64(s.NoIdentity), "predicted_identities": float64(s.Identities),
		"B3_P": round(s.P), "B3_R": round(s.R), "B3_F1": round(s.F1()),
		"xdoc_links_gold": float64(s.LinksGold), "xdoc_links_pred": float64(s.LinksPred),
		"xdoc_link_P": round(s.LinkP()), "xdoc_link_R": round(s.LinkR()), "xdoc_link_F1": round(s.LinkF1()),
	} {
		if math.Abs(res[k]-v) > 1e-9 {
			t.Errorf("%s: eval persons %v, score_persons.py %v", k, v, res[k])
		}
	}
	if s.Units < 500 || s.F1() < 0.5 {
		t.Errorf("implausible score on ECB+: %+v", s)
	}
}
