package eval

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim/internal/shared"
)

func TestNormWords(t *testing.T) {
	got := NormWords("Mélanie JOLY’s “soften” U.S.-Russia, 100-day")
	want := []string{"melanie", "joly's", "soften", "u", "s", "russia", "100", "day"}
	if len(got) != len(want) {
		t.Fatalf("%q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%q, want %q", got, want)
		}
	}
}

func TestOverlapAndPerson(t *testing.T) {
	if o := Overlap([]string{"a", "b", "b", "c"}, []string{"b", "b", "d"}); o != 0.5 {
		t.Errorf("overlap %v", o)
	}
	if !SamePerson("Donald Trump", "Trump") || !SamePerson("President Trump", "Donald Trump") {
		t.Error("same person")
	}
	if SamePerson("Ivanka Trump", "Donald Trump") || SamePerson("", "Trump") {
		t.Error("different persons")
	}
}

func TestScoreQuotesOneToOneBestFirst(t *testing.T) {
	str := func(s string) *string { return &s }
	gold := map[string][]GoldQuote{"d": {{"we will end the war soon", "Donald Trump"}, {"the talks were productive", "Karoline Leavitt"}}}
	pred := map[string][]PredQuote{"d": {
		{Text: "we will end the war soon", Speaker: str("Trump")},
		{Text: "we will end the war", Speaker: str("Trump")}, // a second match for the same gold: FP
		{Text: "the talks were productive", Speaker: str("Putin")},
	}}
	s := ScoreQuotes("seeds", gold, pred, 0.3)
	if s.TP != 2 || s.Pred != 3 || s.SpeakerOK != 1 {
		t.Errorf("%+v", s)
	}
}

func TestSpeakersRule(t *testing.T) {
	str := func(s string) *string { return &s }
	gold := map[string][]GoldQuote{"d": {
		{"the firm would recover", "Daiwa Securities"},
		{"rates will rise", "a spokesman for Ofcom"},
		{"prices fell sharply", "analysts"},
		{"the plan is dead", "Gordon Brown"},
		{"no comment at all", "Gordon Brown"},
	}}
	pred := map[string][]PredQuote{"d": {
		{Text: "the firm would recover", Speaker: str("Daiwa")},                       // organisation inside the gold name
		{Text: "rates will rise", Speaker: str("Ofcom's")},                            // possessive stripped, inside
		{Text: "prices fell sharply", Speaker: nil, SpeakerMention: "analysts"},       // unnamed: compared by mention
		{Text: "the plan is dead", Speaker: str(""), SpeakerMention: "Mr Brown"},      // empty name: mention
		{Text: "no comment at all", Speaker: str("Nick Brown"), SpeakerMention: "he"}, // other first name
	}}
	s := ScoreQuotes("speakers", gold, pred, 0.3)
	if s.TP != 5 || s.SpeakerOK != 4 {
		t.Errorf("%+v", s)
	}
	// the seeds rule reads names the same way
	if !SamePerson("Daiwa", "Daiwa Securities") || SamePerson("Daiwa Bank", "Daiwa Securities") {
		t.Error("organisation names")
	}
}

// TestAgreesWithPythonScorer scores the same predictions with the Go scorer
// and ../shared/tools/score_quotes.py (skipped without python3), on the seeds
// and on the speakers dev gold.
func TestAgreesWithPythonScorer(t *testing.T) {
	for _, c := range []struct{ kind, gold string }{
		{"seeds", "seeds/gold.jsonl"},
		{"speakers", "data/speakers/dev.jsonl"},
	} {
		t.Run(c.kind, func(t *testing.T) { agreesWithPython(t, c.kind, c.gold) })
	}
}

func agreesWithPython(t *testing.T, kind, goldRel string) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	script := shared.Path(t, "tools/score_quotes.py")
	goldPath := shared.Path(t, goldRel)
	gold, err := LoadSeedGold(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	// predictions derived from the gold itself, perturbed: truncated, merged,
	// wrong speakers, missing ones, extra ones.
	str := func(s string) *string { return &s }
	pred := map[string][]PredQuote{}
	var lines []byte
	k := 0
	for id, qs := range gold {
		var ps []PredQuote
		for i, q := range qs {
			k++
			words := NormWords(q.Text)
			switch k % 5 {
			case 0:
				continue // missed
			case 1:
				if len(words) > 3 {
					words = words[:len(words)/2]
				}
			case 2:
				words = append(words, "and", "more", "words", "here")
			}
			text := ""
			for _, w := range words {
				text += w + " "
			}
			sp, mention := str(q.Speaker), "x"
			switch {
			case i%3 == 2:
				sp = str("Somebody Else")
			case i%7 == 6:
				sp = nil
			case i%11 == 4: // no name: the mention decides
				sp, mention = nil, q.Speaker
			case i%13 == 5: // one word of the name, possessive
				if w := NormWords(q.Speaker); len(w) > 0 {
					sp = str(w[0] + "'s")
				}
			case i%17 == 7:
				sp, mention = str(""), ""
			}
			ps = append(ps, PredQuote{Text: text, Speaker: sp, SpeakerMention: mention})
		}
		ps = append(ps, PredQuote{Text: "an invented quote nobody said in this story"})
		pred[id] = ps
		b, _ := json.Marshal(map[string]any{"id": id, "quotes": ps})
		lines = append(append(lines, b...), '\n')
	}
	pf := filepath.Join(t.TempDir(), "pred.jsonl")
	if err := os.WriteFile(pf, lines, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, script, kind, goldPath, pf).Output()
	if err != nil {
		t.Fatalf("python scorer: %v", err)
	}
	var res map[string]any
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	r := ScoreQuoteRun(kind, gold, pred)
	for _, x := range []struct {
		key string
		s   QuoteScore
	}{{"lenient@0.3", r.Lenient}, {"strict@0.8", r.Strict}} {
		m := res[x.key].(map[string]any)
		for name, v := range map[string]float64{"P": x.s.P, "R": x.s.R, "F1": x.s.F1, "speaker_acc": x.s.SpeakerAcc, "end_to_end_F1": x.s.EndToEndF1} {
			pv := m[name].(float64)
			if d := pv - round3(v); d > 1e-9 || d < -1e-9 {
				t.Errorf("%s %s: go %.3f python %.3f", x.key, name, v, pv)
			}
		}
		if int(m["gold"].(float64)) != x.s.Gold || int(m["pred"].(float64)) != x.s.Pred {
			t.Errorf("%s counts: go %d/%d python %v/%v", x.key, x.s.Gold, x.s.Pred, m["gold"], m["pred"])
		}
	}
}

func round3(v float64) float64 {
	return float64(int64(v*1000+0.5)) / 1000
}

// TestReadRecordIDs: gold and predictions are keyed by the record's id,
// else by the stem of its file; blank lines are skipped; a bad line fails.
func TestReadRecordIDs(t *testing.T) {
	p := filepath.Join(t.TempDir(), "gold.jsonl")
	src := `{"id": "a1", "file": "x/ignored.txt", "quotes": [{"text": "we will", "speaker": "Ann Lee"}]}

  {"file": "dir/b2.txt", "quotes": []}
`
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	gold, err := LoadSeedGold(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 2 || len(gold["a1"]) != 1 || gold["a1"][0] != (GoldQuote{"we will", "Ann Lee"}) || gold["b2"] == nil {
		t.Errorf("gold %+v", gold)
	}
	pred, err := ReadPredictions(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(pred) != 2 || len(pred["a1"]) != 1 || pred["a1"][0].Text != "we will" || len(pred["b2"]) != 0 {
		t.Errorf("pred %+v", pred)
	}
	if _, err := ReadPredictions(strings.NewReader("{\"id\": \"a\"}\n{bad\n")); err == nil {
		t.Error("a bad line read without error")
	}
}
