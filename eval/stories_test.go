package eval_test

import (
	"encoding/json"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/internal/shared"
)

func TestBCubed(t *testing.T) {
	gold := map[string]string{"a": "x", "b": "x", "c": "y", "d": "y"}
	perfect := eval.ScoreBCubed(gold, map[string]string{"a": "1", "b": "1", "c": "2", "d": "2"})
	if perfect.P != 1 || perfect.R != 1 {
		t.Fatalf("perfect: %+v", perfect)
	}
	one := eval.ScoreBCubed(gold, map[string]string{"a": "1", "b": "1", "c": "1", "d": "1"})
	if one.P != 0.5 || one.R != 1 {
		t.Fatalf("one cluster: %+v", one)
	}
	single := eval.ScoreBCubed(gold, map[string]string{}) // all missing: singletons
	if single.P != 1 || single.R != 0.5 {
		t.Fatalf("singletons: %+v", single)
	}
	mixed := eval.ScoreBCubed(gold, map[string]string{"a": "1", "b": "2", "c": "2", "d": "3"})
	// a: P1 R.5; b: P.5 R.5; c: P.5 R.5; d: P1 R.5
	if math.Abs(mixed.P-0.75) > 1e-9 || math.Abs(mixed.R-0.5) > 1e-9 || math.Abs(mixed.F1()-0.6) > 1e-9 {
		t.Fatalf("mixed: %+v F1 %v", mixed, mixed.F1())
	}
}

func TestWikiRefLabel(t *testing.T) {
	for in, want := range map[string]string{
		"x/malaysia.airlines.flight.10.txt": "malaysia.airlines.flight",
		"ParisAttacks2015 (12).txt":         "ParisAttacks2015",
		"U2.149.txt":                        "U2",
		"NBA.draft.2.txt":                   "NBA.draft",
	} {
		if got := eval.WikiRefLabel(in); got != want {
			t.Errorf("WikiRefLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestStoriesAgreeWithPythonScorer scores one grouping of ECB+'s articles
// (some left out, as a prediction may) with eval.ScoreStories and with
// ../shared/tools/score_stories.py and requires the same numbers.
func TestStoriesAgreeWithPythonScorer(t *testing.T) {
	goldPath := shared.Path(t, "data/ecbplus/gold_topics.jsonl")
	tool := shared.Path(t, "tools/score_stories.py")
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not available")
	}
	gold, err := eval.LoadStoryGold(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < 700 {
		t.Fatalf("%d gold articles", len(gold))
	}
	// a grouping that mixes sub-topics of a topic and splits others: by
	// topic, then by the parity of the article's number, one in nine left
	// out
	pred := map[string]string{}
	groups := map[string][]string{}
	i := 0
	for _, id := range slices.Sorted(maps.Keys(gold)) {
		i++
		if i%9 == 0 {
			continue
		}
		g := gold[id].Topic + "/" + strconv.Itoa(i%2)
		if i%5 == 0 {
			g = gold[id].Topic
		}
		pred[id] = g
		groups[g] = append(groups[g], id)
	}
	out := filepath.Join(t.TempDir(), "stories.jsonl")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for _, g := range slices.Sorted(maps.Keys(groups)) {
		enc.Encode(map[string]any{"story": g, "articles": groups[g]})
	}
	f.Close()
	res, err := exec.Command(py, tool, goldPath, out).Output()
	if err != nil {
		t.Fatalf("score_stories.py: %v", err)
	}
	var ref struct {
		Documents int `json:"documents"`
		Clusters  int `json:"predicted_clusters"`
		Subtopic  struct {
			P  float64 `json:"B3_P"`
			R  float64 `json:"B3_R"`
			F1 float64 `json:"B3_F1"`
		} `json:"subtopic"`
		Topic struct {
			P  float64 `json:"B3_P"`
			R  float64 `json:"B3_R"`
			F1 float64 `json:"B3_F1"`
		} `json:"topic"`
	}
	if err := json.Unmarshal(res, &ref); err != nil {
		t.Fatal(err)
	}
	s := eval.ScoreStories(gold, pred)
	r4 := func(x float64) float64 { return math.Round(x*1e4) / 1e4 }
	got := []float64{float64(s.Subtopic.Items), float64(s.Clusters), r4(s.Subtopic.P), r4(s.Subtopic.R), r4(s.Subtopic.F1()), r4(s.Topic.P), r4(s.Topic.R), r4(s.Topic.F1())}
	want := []float64{float64(ref.Documents), float64(ref.Clusters), ref.Subtopic.P, ref.Subtopic.R, ref.Subtopic.F1, ref.Topic.P, ref.Topic.R, ref.Topic.F1}
	if !slices.Equal(got, want) {
		t.Fatalf("go %v, python %v (%s)", got, want, res)
	}
}
