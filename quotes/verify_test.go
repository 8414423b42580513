package quotes

import (
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/names"
	"github.com/verbatim-news/verbatim/text"
)

const verifyText = `Harbour Strike Enters Second Week

Union leader Mara Olsen said the union would not go back until the night shifts were safe. "We are not going back," Olsen told reporters on Sunday. "Two of our members were injured in March alone."

The port authority, which declined the famous story, said it would reroute cargo to Bergvik.`

func analysed(t *testing.T) *verbatim.Doc {
	t.Helper()
	d, err := verbatim.NewPipeline(clean.Stage, text.Stage, names.Stage).Analyze(verbatim.Article{ID: "t", Text: verifyText})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// withVerifyThreshold runs f with the committed verifier's threshold set to thr.
func withVerifyThreshold(t *testing.T, thr float32, f func()) {
	t.Helper()
	if theVerifier == nil {
		t.Fatal("no verifier model embedded (data/verify.model.gz)")
	}
	old := theVerifier.thr
	theVerifier.thr = thr
	defer func() { theVerifier.thr = old }()
	f()
}

func TestVerifierModel(t *testing.T) {
	if theVerifier == nil {
		t.Fatal("no verifier model embedded (data/verify.model.gz)")
	}
	if theVerifier.thr < 0 || theVerifier.thr >= 1 {
		t.Errorf("threshold %v, want a probability in [0, 1)", theVerifier.thr)
	}
}

// The verifier's probability is each quote's confidence; a quote below the
// threshold is dropped unless it is a direct quote in marks with a lexicon
// cue.
func TestVerifyThreshold(t *testing.T) {
	cands := Candidates(analysed(t))
	protected := 0
	for _, c := range cands {
		if c.Protected {
			protected++
			if c.Quote.Type != verbatim.Direct {
				t.Errorf("protected %s quote at %d", c.Quote.Type, c.Quote.Start)
			}
		}
	}
	if protected == 0 || protected == len(cands) {
		t.Fatalf("%d candidates, %d protected: the text should have both kinds", len(cands), protected)
	}
	withVerifyThreshold(t, 0, func() {
		d := analysed(t)
		Process(d)
		if len(d.Quotes) != len(cands) {
			t.Errorf("threshold 0: %d quotes, want all %d candidates", len(d.Quotes), len(cands))
		}
		for _, q := range d.Quotes {
			if q.Confidence <= 0 || q.Confidence >= 1 {
				t.Errorf("confidence %v is no probability", q.Confidence)
			}
		}
	})
	withVerifyThreshold(t, 1.01, func() {
		d := analysed(t)
		Process(d)
		if len(d.Quotes) != protected {
			t.Errorf("threshold above 1: %d quotes, want the %d protected", len(d.Quotes), protected)
		}
		for _, q := range d.Quotes {
			if q.Type != verbatim.Direct || q.Cue.Empty() {
				t.Errorf("kept %s quote %q (cue %q)", q.Type, d.Word(q.Span), d.Word(q.Cue))
			}
		}
	})
}

// Scoring a candidate allocates nothing.
func TestVerifyFeaturesNoAllocs(t *testing.T) {
	d := analysed(t)
	st := &state{d: d, s: d.Clean, toks: d.Tokens, titlePara: -1}
	st.prepare()
	st.direct()
	st.indirect()
	out := append([]verbatim.Quote(nil), st.out...)
	if len(out) == 0 {
		t.Fatal("no candidates")
	}
	var fs [nVerifyFeats]uint64
	n := testing.AllocsPerRun(100, func() {
		for i := range out {
			st.verifyFeatures(out, i, &fs)
			theVerifier.prob(fs[:])
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per document", n)
	}
}

// A noun-phrase object of an odd cue ("declined the famous story") is less
// likely an attribution than a clause after "said".
func TestVerifyRanks(t *testing.T) {
	d := analysed(t)
	p := map[string]float64{}
	for _, c := range Candidates(d) {
		p[d.Word(c.Quote.Span)] = theVerifier.Prob(&c)
	}
	np, clause := p["the famous story"], p["it would reroute cargo to Bergvik"]
	if np == 0 || clause == 0 || np >= clause {
		t.Errorf("P(declined the famous story) %.3f, P(said it would reroute …) %.3f", np, clause)
	}
}
