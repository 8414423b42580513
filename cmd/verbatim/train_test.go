package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/verbatim-news/verbatim/internal/shared"
)

// The committed cue model is what `verbatim train quotes` makes today from
// PolNeAR train: a change to the stages it reads through (cleaning, tokens,
// the quotes stage's candidates) must come with the retrained model.
func TestTrainQuotesReproducesCommittedModel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model (a few seconds)")
	}
	dir := shared.Path(t, "data/polnear/train")
	out := filepath.Join(t.TempDir(), "cue.model.gz")
	if _, stderr, code := runVerbatim(t, "train", "quotes", "--polnear", dir, "--out", out); code != 0 {
		t.Fatalf("train quotes: exit %d\n%s", code, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../quotes/data/cue.model.gz")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("trained model (%d bytes) differs from quotes/data/cue.model.gz (%d bytes): retrain with `go run ./cmd/verbatim train quotes` and commit it", len(got), len(want))
	}
}

// The committed name model is what `verbatim train ner` makes from CoNLL-2003
// train with its default settings.
func TestTrainNERReproducesCommittedModel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model (a few seconds)")
	}
	conll := shared.Path(t, "data/conll2003/train.txt")
	out := filepath.Join(t.TempDir(), "ner.model.gz")
	if _, stderr, code := runVerbatim(t, "train", "ner", "--conll", conll, "--out", out); code != 0 {
		t.Fatalf("train ner: exit %d\n%s", code, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../names/ner.model.gz")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("trained model (%d bytes) differs from names/ner.model.gz (%d bytes): retrain with `go run ./cmd/verbatim train ner` and commit it", len(got), len(want))
	}
}
