package coref

import (
	"bytes"
	"strings"
	"testing"
)

// Fit learns to put first the candidate that the examples mark right, and
// the weights survive a write and read.
func TestFitLearnsTheRightFeature(t *testing.T) {
	var ex []Example
	for i := 0; i < 20; i++ {
		var a, b Candidate
		a.X[fLastSpeaker] = 1 // right: the last speaker
		b.X[fSalience] = float64(i%3) + 1
		ex = append(ex, Example{Cands: []Candidate{b, a}, Right: []bool{false, true}})
	}
	w := Fit(ex, Weights{}, 0, 200)
	if w[fLastSpeaker] <= 0 || w[fSalience] >= 0 || Accuracy(ex, w) != 1 {
		t.Errorf("weights %v, accuracy %v", w, Accuracy(ex, w))
	}
	if p := Fit(ex, seedWeights, 100, 200); p != p || dist(p, seedWeights) > 0.05 {
		t.Errorf("a strong prior moved the weights to %v", p)
	}
	var buf bytes.Buffer
	if err := WriteWeights(&buf, w, "test"); err != nil {
		t.Fatal(err)
	}
	r, err := ReadWeights(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i := range w {
		if d := r[i] - w[i]; d > 1e-4 || d < -1e-4 {
			t.Errorf("feature %s: wrote %v, read %v", featureNames[i], w[i], r[i])
		}
	}
}

func TestReadWeightsRejectsBadFiles(t *testing.T) {
	for _, s := range []string{"last_speaker 1\n", "nonsense 1\n", "last_speaker x\n", "a b c\n"} {
		if _, err := ReadWeights(strings.NewReader(s)); err == nil {
			t.Errorf("%q read without error", s)
		}
	}
}

// The committed weights are read: they have every feature.
func TestCommittedWeightsLoad(t *testing.T) {
	if loadErr != nil {
		t.Fatalf("data/weights.txt: %v (retrain with `go run ./cmd/verbatim train coref`)", loadErr)
	}
	if weights == seedWeights {
		t.Error("the committed weights are the seed weights")
	}
}

func dist(a, b Weights) float64 {
	d := 0.0
	for i := range a {
		d = max(d, a[i]-b[i], b[i]-a[i])
	}
	return d
}
