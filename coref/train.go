// Learning the ranking weights from gold speakers.

package coref

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// Candidate is one ranked antecedent of a mention: the entity and its
// features.
type Candidate struct {
	Entity int
	X      [nFeatures]float64
}

// observer, when set, receives every ranking (training only: see Observe).
var observer func(d *verbatim.Doc, sp verbatim.Span, cands []Candidate)

// Observe makes every ranking call f with the mention and its candidates,
// ranked with the seed weights, until Observe(nil). For training: it is not
// safe while documents are analysed concurrently.
func Observe(f func(d *verbatim.Doc, sp verbatim.Span, cands []Candidate)) { observer = f }

// weights rank the candidates: data/weights.txt, learnt by `verbatim train
// coref` from speakers/train.
var weights = seedWeights

func init() {
	b, err := dataFS.ReadFile("data/weights.txt")
	if err != nil {
		return // a tree without a trained model ranks with the seed weights
	}
	if w, err := ReadWeights(strings.NewReader(string(b))); err == nil {
		weights = w
	} else {
		loadErr = err // a stale file (features changed): seed weights until retrained
	}
}

// loadErr is why data/weights.txt was not used, if it was not.
var loadErr error

// Weights are the ranking weights, one per feature.
type Weights = [nFeatures]float64

// ReadWeights reads "name value" lines (# comments allowed).
func ReadWeights(r io.Reader) (Weights, error) {
	var w Weights
	seen := 0
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Fields(l)
		if len(f) != 2 {
			return w, fmt.Errorf("bad line %q", l)
		}
		k := -1
		for i, n := range featureNames {
			if n == f[0] {
				k = i
			}
		}
		if k < 0 {
			return w, fmt.Errorf("unknown feature %q", f[0])
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return w, fmt.Errorf("feature %s: %v", f[0], err)
		}
		w[k] = v
		seen++
	}
	if seen != nFeatures {
		return w, fmt.Errorf("%d of %d features given", seen, nFeatures)
	}
	return w, sc.Err()
}

// WriteWeights writes w as ReadWeights reads it.
func WriteWeights(out io.Writer, w Weights, comment string) error {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(comment), "\n") {
		b.WriteString("# " + l + "\n")
	}
	for i, n := range featureNames {
		fmt.Fprintf(&b, "%s %s\n", n, strconv.FormatFloat(w[i], 'f', 4, 64))
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// Example is one mention to learn from: its candidates and which of them
// are right (at least one is).
type Example struct {
	Cands []Candidate
	Right []bool
}

// Fit learns weights that put a right candidate first: the conditional
// logit of the right candidates among each example's (softmax over the
// candidates), with an L2 penalty l2 on the distance to the prior weights
// (the seed weights: a large l2 keeps them), by full-batch gradient ascent
// from the prior (deterministic).
func Fit(ex []Example, prior Weights, l2 float64, iters int) Weights {
	w := prior
	lr := 0.5 / (1 + l2)
	for it := 0; it < iters; it++ {
		var g Weights
		for _, e := range ex {
			// p_i = softmax(w.x_i); gradient of log sum_{right} p_i
			m := math.Inf(-1)
			sc := make([]float64, len(e.Cands))
			for i, c := range e.Cands {
				sc[i] = dot(&w, &c.X)
				m = max(m, sc[i])
			}
			var z, zr float64
			for i := range sc {
				sc[i] = math.Exp(sc[i] - m)
				z += sc[i]
				if e.Right[i] {
					zr += sc[i]
				}
			}
			for i, c := range e.Cands {
				coef := -sc[i] / z
				if e.Right[i] {
					coef += sc[i] / zr
				}
				for k, v := range c.X {
					g[k] += coef * v
				}
			}
		}
		for k := range w {
			w[k] += lr * (g[k]/float64(len(ex)) - l2*(w[k]-prior[k]))
		}
	}
	return w
}

// Accuracy is the share of examples whose best-ranked candidate is right.
func Accuracy(ex []Example, w Weights) float64 {
	if len(ex) == 0 {
		return 0
	}
	ok := 0
	for _, e := range ex {
		best, bs := -1, math.Inf(-1)
		for i, c := range e.Cands {
			if s := dot(&w, &c.X); s > bs {
				best, bs = i, s
			}
		}
		if best >= 0 && e.Right[best] {
			ok++
		}
	}
	return float64(ok) / float64(len(ex))
}

func dot(w *Weights, x *[nFeatures]float64) float64 {
	s := 0.0
	for i := range w {
		s += w[i] * x[i]
	}
	return s
}

// SeedWeights returns the weights that rank candidates while training
// collects them.
func SeedWeights() Weights { return seedWeights }
