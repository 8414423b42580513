package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/verbatim-news/verbatim/internal/shared"
)

// The committed models are what `verbatim train` makes today with its
// default settings: a change to what training reads through (cleaning,
// tokens, candidates, features) must come with the retrained model.

func TestTrainQuotesReproducesCommittedModel(t *testing.T) {
	checkTrained(t, "quotes/data/cue.model.gz", "quotes", "--polnear", shared.Path(t, "data/polnear/train"))
}

func TestTrainVerifyReproducesCommittedModel(t *testing.T) {
	checkTrained(t, "quotes/data/verify.model.gz", "verify", "--polnear", shared.Path(t, "data/polnear/train"))
}

func TestTrainCorefReproducesCommittedWeights(t *testing.T) {
	checkTrained(t, "coref/data/weights.txt", "coref", "--speakers", shared.Path(t, "data/speakers/train.jsonl"))
}

func TestTrainStatementsReproducesCommittedModel(t *testing.T) {
	checkTrained(t, "quotes/data/statement.model.gz", "statements", "--polnear", shared.Path(t, "data/polnear/train"),
		"--speakers", shared.Path(t, "data/speakers"))
}

func TestTrainCuesReproducesCommittedLexicon(t *testing.T) {
	checkTrained(t, "quotes/data/cues_learned.txt", "cues", "--polnear", shared.Path(t, "data/polnear/train"))
}

func TestTrainNERReproducesCommittedModel(t *testing.T) {
	checkTrained(t, "names/ner.model.gz", "ner", "--conll", shared.Path(t, "data/conll2003/train.txt"))
}

// checkTrained runs `verbatim train KIND ARGS... --out TMP` and compares the
// model written with the committed one at model (relative to the repository).
func checkTrained(t *testing.T, model, kind string, args ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("trains a model (a few seconds)")
	}
	out := filepath.Join(t.TempDir(), filepath.Base(model))
	args = append([]string{"train", kind, "--out", out}, args...)
	if _, stderr, code := runVerbatim(t, args...); code != 0 {
		t.Fatalf("train %s: exit %d\n%s", kind, code, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", model))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("trained model (%d bytes) differs from %s (%d bytes): retrain with `go run ./cmd/verbatim train %s` and commit it",
			len(got), model, len(want), kind)
	}
}
