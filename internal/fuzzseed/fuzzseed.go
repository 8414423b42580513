// Package fuzzseed holds what the fuzz tests of the analysis stages share:
// seed texts written for the purpose (realistic news prose with the noise,
// quotation marks and dates that break parsers), and a runner that builds a
// Doc, runs the standard stages in order without panic recovery, and checks
// the invariants every stage promises (same-length cleaned text, spans
// inside the text, indexes inside their slices).
package fuzzseed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/pipeline"
)

// Seeds are short texts in the shapes the stages meet: wire copy with
// datelines, mastheads and captions, curly and straight quotes (balanced,
// unbalanced, nested), reported speech, relative and absolute dates, lists,
// hard line wraps, and junk.
var Seeds = []string{
	"LISBON - Portugal's fisheries minister, Ana Ribeiro, said on Tuesday that the new quota deal \"protects the boats that feed our coastal towns\" and would be signed next month.\n\n\"We did not give away a single tonne,\" Ribeiro told reporters after the talks in Brussels.\n",
	"% Coastal Times\n\n20 YEARS OF NEWS\n\nQuota deal signed\n Ana Ribeiro. Photo: J. Silva\n\nThe minister said on Sunday that members of her\nadministration were already in talks with Spanish\nofficials. “We will sign it,” she said. “It is done.”\n\n12/03/2024, 09:30 https://ledger.example/quota 1/3\n",
	"Key points\n- Ribeiro wants Madrid's support\n- Madrid acknowledges the effort\nMADRID: Spain's minister Luis Ortega told El País on 12 March 2024 that “the deal is ‘fair’ for both fleets,” according to Reuters.\n",
	"He said \"it is \"nested\" and 'odd'.\n\"Unbalanced opening\nand never closed.\n“Curly open ‘single” wrong close’.\n»Guillemets« and «French style» quotes, — dashes — too.\n",
	"The talks, which began last week, ended on Monday, March 11. Officials expect a vote in 2025, possibly by the second quarter, or next year at the latest. A spokesman for the U.S. State Dept. said Mr. Smith would visit on Jan. 3rd.\n",
	"Trump said Sunday he would speak to Putin \"very soon\". Kellogg, the U.S. envoy, told Fox News that the president \"wants the war to end\". According to the Kremlin, Putin \"acknowledges\" the effort; Peskov said talks were \"possible\".\n",
	"",
	" ",
	"\"",
	"“”‘’\"\"''",
	"said said said, he said. She told them: \"",
	"\x00\x01\xff\xfe binary \xc3\x28 junk \xe2\x82 here",
	"ＵＮＩＣＯＤＥ full width “引用” and émigré naïve café — Zoë said “Ça va” on 3 décembre.\r\nWindows\r\nline ends\r\n",
	"1. First item\n2. Second item\n\n\n\n\nPage 2 of 3\n\nMonday\n\n2024-03-12\n\n'",
}

// Fuzz is the fuzz test of a stage, the upto-th: it adds Seeds (published
// 2025-02-03), an undated sentence and the (text, published) pairs extra
// to f's corpus, then runs every input with Run.
func Fuzz(f *testing.F, upto int, extra ...[2]string) {
	for _, s := range Seeds {
		f.Add(s, "2025-02-03")
	}
	f.Add("Officials met on Monday.", "")
	for _, e := range extra {
		f.Add(e[0], e[1])
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		Run(t, text, published, upto)
	})
}

// Run builds a document of text published on pub and runs the first upto
// standard stages on it (clean, text, names, quotes, dates) with no panic
// recovery, checking the invariants after each stage.
func Run(t *testing.T, text, pub string, upto int) *verbatim.Doc {
	t.Helper()
	stages := pipeline.Stages()
	if upto > len(stages) {
		upto = len(stages)
	}
	d := verbatim.NewDoc(verbatim.Article{ID: "fuzz", Text: text, Published: pub})
	t0 := time.Now()
	for _, s := range stages[:upto] {
		s.Process(d)
		if err := Check(d); err != nil {
			t.Fatalf("after stage %s: %v\ntext: %q", s.Name(), err, text)
		}
	}
	if el := time.Since(t0); el > 5*time.Second && len(text) < 100_000 {
		t.Fatalf("%d bytes took %v (super-linear?)\ntext: %q", len(text), el, text)
	}
	r := d.Result()
	var std bytes.Buffer
	enc := json.NewEncoder(&std)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatalf("result does not marshal: %v", err)
	}
	if b, err := r.AppendJSON(nil); err != nil || !bytes.Equal(append(b, '\n'), std.Bytes()) {
		t.Fatalf("Result.AppendJSON differs from encoding/json (err %v)\n got: %s\nwant: %s", err, b, std.Bytes())
	}
	return d
}

// Check verifies the layers present in d.
func Check(d *verbatim.Doc) error {
	n := len(d.Text)
	span := func(what string, i int, s verbatim.Span) error {
		if s.Start < 0 || s.End > n || s.Start > s.End {
			return fmt.Errorf("%s %d: span [%d,%d) outside text of %d bytes", what, i, s.Start, s.End, n)
		}
		return nil
	}
	opt := func(what string, i int, s verbatim.Span) error {
		if s.Empty() {
			return nil
		}
		return span(what, i, s)
	}
	if d.Clean != "" || n == 0 {
		if len(d.Clean) != n {
			return fmt.Errorf("cleaned text has %d bytes, text %d", len(d.Clean), n)
		}
		if utf8.ValidString(d.Text) && !utf8.ValidString(d.Clean) {
			return fmt.Errorf("cleaning broke UTF-8")
		}
	}
	for i, s := range d.Noise {
		if err := span("noise", i, s); err != nil {
			return err
		}
	}
	for i, s := range d.Paragraphs {
		if err := span("paragraph", i, s); err != nil {
			return err
		}
	}
	prev := 0
	for i, tk := range d.Tokens {
		if err := span("token", i, tk.Span); err != nil {
			return err
		}
		if tk.Empty() {
			return fmt.Errorf("token %d is empty", i)
		}
		if tk.Start < prev {
			return fmt.Errorf("token %d [%d,%d) overlaps or precedes the previous one", i, tk.Start, tk.End)
		}
		prev = tk.End
	}
	for i, s := range d.Sentences {
		if err := span("sentence", i, s.Span); err != nil {
			return err
		}
		if s.First < 0 || s.Last > len(d.Tokens) || s.First > s.Last {
			return fmt.Errorf("sentence %d: tokens [%d,%d) of %d", i, s.First, s.Last, len(d.Tokens))
		}
		if len(d.Paragraphs) > 0 && (s.Para < 0 || s.Para >= len(d.Paragraphs)) {
			return fmt.Errorf("sentence %d: paragraph %d of %d", i, s.Para, len(d.Paragraphs))
		}
	}
	for i, m := range d.Mentions {
		if err := span("mention", i, m.Span); err != nil {
			return err
		}
		if m.Entity < -1 || m.Entity >= len(d.Entities) {
			return fmt.Errorf("mention %d: entity %d of %d", i, m.Entity, len(d.Entities))
		}
	}
	for i, e := range d.Entities {
		for _, m := range e.Mentions {
			if m < 0 || m >= len(d.Mentions) {
				return fmt.Errorf("entity %d: mention %d of %d", i, m, len(d.Mentions))
			}
		}
	}
	for i, q := range d.Quotes {
		if err := span("quote", i, q.Span); err != nil {
			return err
		}
		if q.Speaker < -1 || q.Speaker >= len(d.Entities) {
			return fmt.Errorf("quote %d: speaker %d of %d entities", i, q.Speaker, len(d.Entities))
		}
		for _, s := range []verbatim.Span{q.SpeakerAt, q.Cue, q.Addressee, q.Via, q.SaidOnAt} {
			if err := opt("quote part", i, s); err != nil {
				return err
			}
		}
	}
	for i, dt := range d.Dates {
		if err := span("date", i, dt.Span); err != nil {
			return err
		}
	}
	return nil
}
