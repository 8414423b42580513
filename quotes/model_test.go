package quotes

import (
	"bytes"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/text"
)

// modelCueOf returns the class the cue model gives word w in sentence s.
func modelCueOf(t *testing.T, s, w string) (lexicon, model uint8) {
	t.Helper()
	st := prepared(s)
	for k := range st.toks {
		if st.tok(k) == w {
			return cues[w], st.modelCue(k)
		}
	}
	t.Fatalf("%q not in %q", w, s)
	return 0, 0
}

func TestCueModel(t *testing.T) {
	if theCueModel == nil {
		t.Fatal("the embedded cue model does not load")
	}
	for _, c := range []struct {
		s, w string
		cue  bool
	}{
		{"The council approved a budget for the new schools in the harbour district.", "approved", true},
		{"The union issued a statement on the night shifts late on Monday.", "issued", true},
		{"The council voted to close the old ferry terminal in March.", "voted", true},
		{"The ship sailed into the harbour at dawn with a cargo of timber.", "sailed", false},
		{"The ferry arrived in Bergvik two hours late on Monday.", "arrived", false},
	} {
		lex, m := modelCueOf(t, c.s, c.w)
		if lex != 0 {
			t.Errorf("%q is a lexicon cue: the test should ask about a word the lexicons miss", c.w)
		}
		if (m != 0) != c.cue {
			t.Errorf("%q in %q: model cue %v, want %v", c.w, c.s, m != 0, c.cue)
		}
	}
}

func TestCueModelRoundTrip(t *testing.T) {
	m := &cueModel{bits: 8, w: make([]float32, 256), thr: 0.5, objTh: 3}
	for i := range m.w {
		m.w[i] = float32(i%7) - 3
	}
	var b bytes.Buffer
	if err := m.write(&b); err != nil {
		t.Fatal(err)
	}
	r, err := readCueModel(&b)
	if err != nil {
		t.Fatal(err)
	}
	if r.bits != 8 || r.thr != 0.5 || r.objTh != 3 || len(r.w) != 256 || r.w[10] != m.w[10] {
		t.Errorf("round trip: %+v", r)
	}
	if _, err := readCueModel(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("garbage read as a model")
	}
}

// A short object is content when the model is sure of its cue, but not when
// the statement follows in a participle clause.
func TestModelShortObject(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"The mayor accused Olsen of lying.", true},
		{"The mayor accused Olsen of lying, saying that the port must stay open.", false},
	} {
		st := prepared(c.s)
		if got := st.modelObject(2, 6); got != c.want {
			t.Errorf("%q: short object %v, want %v", c.s, got, c.want)
		}
	}
}

// prepared returns the quotes stage's state over s after cleaning and
// tokens, prepared as Process prepares it (tables are not released).
func prepared(s string) *state {
	d := verbatim.NewDoc(verbatim.Article{ID: "t", Text: s})
	clean.Process(d)
	text.Process(d)
	st := &state{d: d, s: d.Clean, toks: d.Tokens, titlePara: -1}
	st.prepare()
	return st
}
