package eval

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// DatesPerDoc is Dates with one score per document, in the order of docs:
// the unit cross-validation is made of.
func DatesPerDoc(docs []TimeMLDoc, analyze func(verbatim.Article) (*verbatim.Doc, error)) ([]DateScore, error) {
	out := make([]DateScore, len(docs))
	for i, td := range docs {
		d, err := analyze(verbatim.Article{ID: td.ID, Text: td.Text, Published: td.Published})
		if err != nil {
			return nil, fmt.Errorf("%s: %v", td.ID, err)
		}
		out[i].Add(td.Gold, d.Result().Dates)
	}
	return out, nil
}

// Plus adds the counts of o to s.
func (s *DateScore) Plus(o DateScore) {
	s.TP += o.TP
	s.FP += o.FP
	s.FN += o.FN
	s.ValueOK += o.ValueOK
}

// A Fold is a named set of documents (indexes into the corpus).
type Fold struct {
	Name string
	Docs []int
}

// KFolds splits n documents (sorted by name) into k folds, document i into
// fold i mod k, so that every fold mixes the corpus's sources.
func KFolds(n, k int) []Fold {
	k = max(1, min(k, n))
	fs := make([]Fold, k)
	for i := range fs {
		fs[i].Name = fmt.Sprintf("fold %d", i+1)
	}
	for i := 0; i < n; i++ {
		fs[i%k].Docs = append(fs[i%k].Docs, i)
	}
	return fs
}

// SourceFolds groups TimeBank documents by where they come from, told by
// the file name: the Wall Street Journal (wsj_, WSJ), the AP wires (AP,
// APW), broadcast transcripts (ABC, CNN, PRI, VOA) and the rest (NYT, SJMN,
// ea, ed). Leaving one source out measures what a new outlet's news gets:
// 134 of the 183 files are WSJ 1989, mostly earnings reports.
func SourceFolds(docs []TimeMLDoc) []Fold {
	group := func(id string) string {
		up := strings.ToUpper(id)
		switch {
		case strings.HasPrefix(up, "WSJ"):
			return "WSJ"
		case strings.HasPrefix(up, "AP"):
			return "AP wires"
		case strings.HasPrefix(up, "ABC"), strings.HasPrefix(up, "CNN"), strings.HasPrefix(up, "PRI"), strings.HasPrefix(up, "VOA"):
			return "broadcast"
		}
		return "other press"
	}
	idx := map[string]int{}
	var fs []Fold
	for i, d := range docs {
		g := group(d.ID)
		j, ok := idx[g]
		if !ok {
			j = len(fs)
			idx[g] = j
			fs = append(fs, Fold{Name: g})
		}
		fs[j].Docs = append(fs[j].Docs, i)
	}
	sort.Slice(fs, func(a, b int) bool { return fs[a].Name < fs[b].Name })
	return fs
}

// FoldScore is the score of the documents of one fold.
func FoldScore(per []DateScore, f Fold) DateScore {
	var t DateScore
	for _, i := range f.Docs {
		t.Plus(per[i])
	}
	return t
}

// Spread summarises a value over folds: mean, sample standard deviation,
// smallest and largest.
type Spread struct{ Mean, SD, Min, Max float64 }

// SpreadOf returns the spread of xs.
func SpreadOf(xs []float64) Spread {
	if len(xs) == 0 {
		return Spread{}
	}
	s := Spread{Min: math.Inf(1), Max: math.Inf(-1)}
	for _, x := range xs {
		s.Mean += x
		s.Min, s.Max = min(s.Min, x), max(s.Max, x)
	}
	s.Mean /= float64(len(xs))
	if len(xs) > 1 {
		for _, x := range xs {
			s.SD += (x - s.Mean) * (x - s.Mean)
		}
		s.SD = math.Sqrt(s.SD / float64(len(xs)-1))
	}
	return s
}

func (s Spread) String() string {
	return fmt.Sprintf("%.3f ± %.3f (%.3f–%.3f)", s.Mean, s.SD, s.Min, s.Max)
}

// Choice is one way of resolving dates under comparison: a name and the
// per-document scores it gets.
type Choice struct {
	Name string
	Per  []DateScore
}

// Selection is the outcome of choosing among Choices by cross-validation.
type Selection struct {
	Chosen []string  // per fold: the choice with the best value F1 on the other folds
	Held   DateScore // the chosen choices' scores on their held-out folds, summed
}

// Select chooses, for every fold, the choice with the best value F1 on the
// other folds (the first of equals), and scores it on the fold: an honest
// estimate of making the choice on data, and a record of whether the
// choice is stable (the same in every fold).
func Select(cs []Choice, folds []Fold) Selection {
	var sel Selection
	for _, f := range folds {
		in := make([]bool, len(cs[0].Per))
		for _, i := range f.Docs {
			in[i] = true
		}
		best, bestF := 0, -1.0
		for ci, c := range cs {
			var train DateScore
			for i, s := range c.Per {
				if !in[i] {
					train.Plus(s)
				}
			}
			if v := train.ValueF1(); v > bestF+1e-12 {
				best, bestF = ci, v
			}
		}
		sel.Chosen = append(sel.Chosen, cs[best].Name)
		sel.Held.Plus(FoldScore(cs[best].Per, f))
	}
	return sel
}
