package quotes

import (
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/verbatim-news/verbatim"
)

// CueTrainDoc is one training document: a doc through the cleaning and text
// stages, and the byte spans of its gold attribution cues.
type CueTrainDoc struct {
	Doc  *verbatim.Doc
	Cues []verbatim.Span
}

// CueTrainOptions set the training of the cue model.
type CueTrainOptions struct {
	Epochs    int
	Bits      uint
	Seed      uint64
	Threshold float64 // least score of a cue
	ObjectThr float64 // least score of a cue whose object alone is content
	MinHead   int     // least times a word heads a cue in training to be scored
}

var auxiliaries = wordSet("auxiliaries.txt")

type cueExample struct {
	f [nCueFeats]uint64
	y bool
	w string
}

// cueExamples lists the model's examples in a document: every candidate the
// lexicons do not know, positive when it heads a gold cue (its first word
// that is no auxiliary or adverb).
func cueExamples(td CueTrainDoc) []cueExample {
	d := td.Doc
	if len(d.Tokens) == 0 || len(d.Clean) != len(d.Text) {
		return nil
	}
	st := &state{d: d, s: d.Clean, toks: d.Tokens, titlePara: -1}
	st.prepare() // its tables are never released: the examples may keep words of st.lows
	head := map[int]bool{}
	k := 0
	for _, c := range td.Cues {
		for k > 0 && st.toks[k-1].End > c.Start {
			k--
		}
		for k < len(st.toks) && st.toks[k].End <= c.Start {
			k++
		}
		for j := k; j < len(st.toks) && st.toks[j].Start < c.End; j++ {
			if !st.isWord(j) {
				continue
			}
			w := st.low(j)
			if auxiliaries[w] || adverbs[w] {
				continue
			}
			head[j] = true
			break
		}
	}
	var out []cueExample
	for i := range st.toks {
		wi, ok := st.cueCandidate(i)
		if !ok {
			continue
		}
		var e cueExample
		st.cueFeatures(i, wi, &e.f)
		e.y = head[i]
		e.w = st.low(i)
		out = append(out, e)
	}
	return out
}

// TrainCueModel trains the cue model (averaged perceptron) and writes it
// gzipped to w. dev, when not empty, is scored after each epoch (progress).
func TrainCueModel(train, dev []CueTrainDoc, opt CueTrainOptions, w io.Writer, log io.Writer) error {
	var ex []cueExample
	for _, td := range train {
		ex = append(ex, cueExamples(td)...)
	}
	var dex []cueExample
	for _, td := range dev {
		dex = append(dex, cueExamples(td)...)
	}
	pos := 0
	headN := map[string]int{}
	for _, e := range ex {
		if e.y {
			pos++
			headN[e.w]++
		}
	}
	heads := map[string]bool{}
	for w, n := range headN {
		if n >= opt.MinHead {
			heads[w] = true
		}
	}
	fmt.Fprintf(log, "train quotes: %d examples (%d cues, %d head words), %d dev examples\n", len(ex), pos, len(heads), len(dex))
	n := 1 << opt.Bits
	mask := uint64(n - 1)
	wt := make([]float32, n)
	acc := make([]float64, n) // sum of updates weighted by time
	var c float64 = 1
	rng := rand.New(rand.NewPCG(opt.Seed, 1))
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(ex), func(i, j int) { ex[i], ex[j] = ex[j], ex[i] })
		errs := 0
		for _, e := range ex {
			var s float32
			for _, f := range e.f {
				s += wt[f&mask]
			}
			y := float32(-1)
			if e.y {
				y = 1
			}
			if s*y <= 0 {
				errs++
				for _, f := range e.f {
					wt[f&mask] += y
					acc[f&mask] += float64(y) * c
				}
			}
			c++
		}
		fmt.Fprintf(log, "epoch %d: %d mistakes\n", ep+1, errs)
		if len(dex) > 0 {
			avg := averaged(wt, acc, c)
			m := &cueModel{bits: opt.Bits, w: avg, heads: heads}
			reportCue(log, m, dex)
		}
	}
	m := &cueModel{bits: opt.Bits, w: averaged(wt, acc, c), thr: float32(opt.Threshold), objTh: float32(opt.ObjectThr), heads: heads}
	return m.write(w)
}

func averaged(wt []float32, acc []float64, c float64) []float32 {
	out := make([]float32, len(wt))
	for i := range wt {
		out[i] = float32(float64(wt[i]) - acc[i]/c)
	}
	return out
}

func reportCue(log io.Writer, m *cueModel, dex []cueExample) {
	for _, thr := range []float32{-0.5, 0, 0.5, 1, 2} {
		tp, fp, fn := 0, 0, 0
		for _, e := range dex {
			p := m.heads[e.w] && m.score(e.f[:]) >= thr
			switch {
			case p && e.y:
				tp++
			case p:
				fp++
			case e.y:
				fn++
			}
		}
		fmt.Fprintf(log, "  thr %.1f: cue tokens P %.3f R %.3f (tp %d fp %d fn %d)\n", thr,
			float64(tp)/float64(max(tp+fp, 1)), float64(tp)/float64(max(tp+fn, 1)), tp, fp, fn)
	}
}
