package main

import (
	"fmt"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/quotes"
)

// What the trainers of the quotes stage's logistic models (train verify,
// train statements) share: an article's labelled candidates, their
// held-out probabilities and the lenient score of the ones kept.

// candDoc is one training article: the candidates in it, what the scorer
// reads of each, their labels (whether each is a positive example) and
// its gold attributions.
type candDoc struct {
	cands []quotes.VerifyCandidate
	pred  []eval.PredQuote
	label []bool
	gold  []eval.GoldQuote
}

// labelCandidates returns the article of the candidates cands found in d,
// each labelled by whether it matches gold (the scorer's lenient rule, one
// to one).
func labelCandidates(d *verbatim.Doc, cands []quotes.VerifyCandidate, gold []eval.GoldQuote) candDoc {
	cd := candDoc{cands: cands, gold: gold}
	for j := range cd.cands {
		cd.pred = append(cd.pred, predOf(d, &cd.cands[j].Quote))
	}
	cd.label = make([]bool, len(cd.cands))
	for _, pr := range eval.MatchQuotes(gold, cd.pred, 0.3) {
		cd.label[pr[1]] = true
	}
	return cd
}

// predOf is what the scorer reads of a quote.
func predOf(d *verbatim.Doc, q *verbatim.Quote) eval.PredQuote {
	p := eval.PredQuote{Text: d.Slice(q.Span), SpeakerMention: d.Word(q.SpeakerAt)}
	if q.Speaker >= 0 && q.Speaker < len(d.Entities) {
		p.Speaker = &d.Entities[q.Speaker].Name
	}
	return p
}

// flatten returns the candidates of docs and their labels in one list.
func flatten(docs []candDoc) ([]quotes.VerifyCandidate, []bool) {
	var c []quotes.VerifyCandidate
	var y []bool
	for _, d := range docs {
		c = append(c, d.cands...)
		y = append(y, d.label...)
	}
	return c, y
}

// heldOutProbs returns the probability of every candidate of docs given by
// a model trained (by train) on the other folds: article i is in fold
// i%folds.
func heldOutProbs(docs []candDoc, folds int, train func([]candDoc) func(*quotes.VerifyCandidate) float64) [][]float64 {
	prob := make([][]float64, len(docs))
	for f := 0; f < folds; f++ {
		var rest []candDoc
		for i, d := range docs {
			if i%folds != f {
				rest = append(rest, d)
			}
		}
		p := train(rest)
		for i := f; i < len(docs); i += folds {
			prob[i] = make([]float64, len(docs[i].cands))
			for j := range docs[i].cands {
				prob[i][j] = p(&docs[i].cands[j])
			}
		}
	}
	return prob
}

// scoreKept scores (eval.ScoreQuotes of kind, lenient) the candidates of
// docs that keep(i, j) keeps, candidate j of article i, against their gold.
func scoreKept(kind string, docs []candDoc, keep func(i, j int) bool) eval.QuoteScore {
	gold := map[string][]eval.GoldQuote{}
	pred := map[string][]eval.PredQuote{}
	for i, d := range docs {
		gold[fmt.Sprint(i)] = d.gold
		ps := []eval.PredQuote{}
		for j := range d.cands {
			if keep(i, j) {
				ps = append(ps, d.pred[j])
			}
		}
		pred[fmt.Sprint(i)] = ps
	}
	return eval.ScoreQuotes(kind, gold, pred, 0.3)
}
