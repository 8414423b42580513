package quotes

import (
	"bytes"
	"io"
	"math"
	"math/rand/v2"
)

// VerifyTrainOptions set the training of the verifier.
type VerifyTrainOptions struct {
	Epochs int
	Bits   uint
	Seed   uint64
	Rate   float64 // AdaGrad learning rate
	L2     float64 // L2 penalty per example
}

// TrainVerifier fits the verifier (logistic regression, AdaGrad with an L2
// penalty) to candidates labelled by match (match[i]: candidate i matches a
// gold attribution). Its threshold is 0 until SetThreshold.
func TrainVerifier(cands []VerifyCandidate, match []bool, opt VerifyTrainOptions) *Verifier {
	return trainLogistic(cands, match, nil, opt, false)
}

// TrainStatementModel fits the statement model (as TrainVerifier, over the
// verifier's features and the statement features) to candidates labelled
// by stmt (stmt[i]: candidate i is a statement), each counting weight[i]
// (1 when weight is nil).
func TrainStatementModel(cands []VerifyCandidate, stmt []bool, weight []float64, opt VerifyTrainOptions) *Verifier {
	m := trainLogistic(cands, stmt, weight, opt, true)
	m.magic = statementModelMagic
	return m
}

func trainLogistic(cands []VerifyCandidate, label []bool, weight []float64, opt VerifyTrainOptions, stmt bool) *Verifier {
	n := 1 << opt.Bits
	mask := uint64(n - 1)
	w := make([]float64, n)
	g2 := make([]float64, n) // AdaGrad: sum of squared gradients
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	var fsb []uint64
	feats := func(c *VerifyCandidate) []uint64 {
		fsb = append(fsb[:0], c.f[:]...)
		if stmt {
			fsb = append(fsb, c.sf[:]...)
		}
		return fsb
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 2))
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			fs := feats(&cands[i])
			var s float64
			for _, f := range fs {
				s += w[f&mask]
			}
			y := 0.0
			if label[i] {
				y = 1
			}
			g := 1/(1+math.Exp(-s)) - y
			if weight != nil {
				g *= weight[i]
			}
			for _, f := range fs {
				j := f & mask
				gj := g + opt.L2*w[j]
				g2[j] += gj * gj
				w[j] -= opt.Rate * gj / math.Sqrt(g2[j]+1e-8)
			}
		}
	}
	m := &Verifier{bits: opt.Bits, w: make([]float32, n)}
	for i, x := range w {
		m.w[i] = float32(x)
	}
	return m
}

// StatementProb is the statement model's probability that c is a statement.
func (m *Verifier) StatementProb(c *VerifyCandidate) float64 { return m.prob(c.f[:], c.sf[:]) }

// Prob is the verifier's probability that c is a real attribution.
func (m *Verifier) Prob(c *VerifyCandidate) float64 { return m.prob(c.f[:]) }

// SetThreshold sets the least probability of a quote kept.
func (m *Verifier) SetThreshold(t float64) { m.thr = float32(t) }

// Write writes the model gzipped, as quotes/data/verify.model.gz.
func (m *Verifier) Write(w io.Writer) error { return m.write(w) }

// CrossFitCandidates returns the verifier's candidates in each document as
// the stage finds them with a cue model that has not seen the document: the
// documents are split into folds (document i in fold i%folds) and each fold
// is run with a cue model trained on the others (opt). On unseen text the
// cue model proposes fewer and worse cues than on its own training text;
// the verifier must learn from the former. docs must have been through the
// names stage. It swaps the stage's cue model while it runs: nothing may
// call Process meanwhile.
func CrossFitCandidates(docs []CueTrainDoc, folds int, opt CueTrainOptions) ([][]VerifyCandidate, error) {
	orig := theCueModel
	defer useCueModel(orig)
	out := make([][]VerifyCandidate, len(docs))
	for f := 0; f < folds; f++ {
		var train []CueTrainDoc
		for i, d := range docs {
			if i%folds != f {
				train = append(train, d)
			}
		}
		var buf bytes.Buffer
		if err := TrainCueModel(train, nil, opt, &buf, io.Discard); err != nil {
			return nil, err
		}
		m, err := readCueModel(&buf)
		if err != nil {
			return nil, err
		}
		useCueModel(m)
		for i := f; i < len(docs); i += folds {
			out[i] = Candidates(docs[i].Doc)
		}
	}
	return out, nil
}

// useCueModel makes m the stage's cue model, with the look-up tables built
// from it (model.go's init does the same at start-up).
func useCueModel(m *cueModel) {
	for w, wi := range wordInfos {
		wi.head, wi.hw = false, 0
		wordInfos[w] = wi
	}
	theCueModel, cueTabs = m, nil
	if m != nil {
		for w := range m.heads {
			wi := wordInfos[w]
			wi.head = true
			wordInfos[w] = wi
		}
	}
	buildCueTables(m)
	wordTab = newWordTable(wordInfos)
}
