package eval_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/verbatim-news/verbatim/eval"
)

func TestKFolds(t *testing.T) {
	fs := eval.KFolds(7, 3)
	want := [][]int{{0, 3, 6}, {1, 4}, {2, 5}}
	if len(fs) != 3 {
		t.Fatalf("%d folds", len(fs))
	}
	for i, f := range fs {
		if !reflect.DeepEqual(f.Docs, want[i]) {
			t.Errorf("fold %d: %v, want %v", i, f.Docs, want[i])
		}
	}
	if n := len(eval.KFolds(2, 10)); n != 2 {
		t.Errorf("2 docs in 10 folds gave %d folds, want 2 (no empty fold)", n)
	}
}

func TestSourceFolds(t *testing.T) {
	docs := []eval.TimeMLDoc{{ID: "wsj_0006"}, {ID: "APW19980213.1380"}, {ID: "CNN19980126.1600.1104"}, {ID: "NYT19980206.0460"},
		{ID: "WSJ900813-0157"}, {ID: "AP900815-0044"}, {ID: "VOA19980305.1800.2603"}}
	got := map[string][]int{}
	for _, f := range eval.SourceFolds(docs) {
		got[f.Name] = f.Docs
	}
	want := map[string][]int{"WSJ": {0, 4}, "AP wires": {1, 5}, "broadcast": {2, 6}, "other press": {3}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("source folds %v, want %v", got, want)
	}
}

func TestSpreadOf(t *testing.T) {
	s := eval.SpreadOf([]float64{0.8, 0.9, 1.0})
	if math.Abs(s.Mean-0.9) > 1e-9 || math.Abs(s.SD-0.1) > 1e-9 || s.Min != 0.8 || s.Max != 1.0 {
		t.Errorf("spread %+v", s)
	}
}

// TestSelect: a choice better on the training folds is chosen for each
// fold and scored on the held-out fold only.
func TestSelect(t *testing.T) {
	right := eval.DateScore{PRF: eval.PRF{TP: 1}, ValueOK: 1}
	wrong := eval.DateScore{PRF: eval.PRF{TP: 1}}
	// "a" is right on docs 0-2 and wrong on 3; "b" the reverse.
	cs := []eval.Choice{
		{Name: "a", Per: []eval.DateScore{right, right, right, wrong}},
		{Name: "b", Per: []eval.DateScore{wrong, wrong, wrong, right}},
	}
	sel := eval.Select(cs, eval.KFolds(4, 4))
	if !reflect.DeepEqual(sel.Chosen, []string{"a", "a", "a", "a"}) {
		t.Errorf("chosen %v", sel.Chosen)
	}
	// held out: a on every doc, so 3 right values of 4
	if sel.Held.TP != 4 || sel.Held.ValueOK != 3 {
		t.Errorf("held-out score %+v", sel.Held)
	}
}
