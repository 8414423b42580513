package names

import (
	"bytes"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/text"
)

const benchText = `U.S. President Donald Trump said on Sunday that members of his administration were in talks with Russian officials. "We want to end that war," he told reporters at the White House.
Reuters reported that Secretary of State Marco Rubio would meet Ukrainian President Volodymyr Zelensky in Jeddah, Saudi Arabia, next week.
The European Union and NATO welcomed the talks, a spokeswoman for the European Commission said in Brussels.
Shares of Boeing Co fell 3 percent in New York after the company said its chief executive would step down.`

func doc(tb testing.TB, s string) *verbatim.Doc {
	d := verbatim.NewDoc(verbatim.Article{Text: s})
	d.Clean = s
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			d.Paragraphs = append(d.Paragraphs, verbatim.Span{Start: start, End: i})
			start = i + 1
		}
	}
	text.Process(d)
	return d
}

func TestModelEmbeddedAndRoundTrips(t *testing.T) {
	m := model()
	if m == nil {
		t.Fatal("no embedded model: run verbatim train ner")
	}
	// Round trip of a small model: weights survive int16 quantisation.
	small := newTagger(10)
	for i := range small.weights {
		small.weights[i] = float32(i%97) - 48
	}
	var buf bytes.Buffer
	if err := small.write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := readModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i := range small.weights {
		if d := small.weights[i] - float32(m2.q[i])*m2.scale; d > 0.01 || d < -0.01 {
			t.Fatalf("weight %d: %v read back as %v", i, small.weights[i], float32(m2.q[i])*m2.scale)
		}
	}
	d := doc(t, benchText)
	a := m.spans(d)
	got := map[string]verbatim.EntityType{}
	for _, s := range a {
		got[d.Word(verbatim.Span{Start: d.Tokens[s.First].Start, End: d.Tokens[s.Last-1].End})] = s.Type
	}
	for name, typ := range map[string]verbatim.EntityType{"Donald Trump": verbatim.Person, "Marco Rubio": verbatim.Person,
		"Jeddah": verbatim.Place, "NATO": verbatim.Organization, "Brussels": verbatim.Place} {
		if got[name] != typ {
			t.Errorf("%s tagged %q, want %s (all: %v)", name, got[name], typ, got)
		}
	}
	if _, err := readModel(strings.NewReader("not a model")); err == nil {
		t.Error("junk read as a model")
	}
}

func TestShapeAndSpans(t *testing.T) {
	for w, want := range map[string]string{"Trump": "Xx", "U.S.": "X.X.", "1996-08-30": "d-d-d", "McDonald": "XxXx", "G7": "Xd"} {
		if got := string(shape(w, nil)); got != want {
			t.Errorf("shape(%q) = %q, want %q", w, got, want)
		}
	}
	// O B-PER I-PER B-LOC B-LOC I-ORG(invalid start) O
	got := appendSpans(nil, []int{0, 1, 2, 5, 5, 4, 0}, 10)
	want := []tokSpan{{11, 13, verbatim.Person}, {13, 14, verbatim.Place}, {14, 15, verbatim.Place}, {15, 16, verbatim.Organization}}
	if len(got) != len(want) {
		t.Fatalf("spans %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("span %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// BenchmarkTagger measures the tagger alone (tokens/s on one core).
func BenchmarkTagger(b *testing.B) {
	m := model()
	if m == nil {
		b.Skip("no model")
	}
	d := doc(b, strings.Repeat(benchText+"\n", 20))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.spans(d)
	}
	b.ReportMetric(float64(len(d.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
