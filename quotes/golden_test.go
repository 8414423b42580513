package quotes_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
)

type goldDoc struct {
	File      string `json:"file"`
	Published string `json:"published"`
	Quotes    []struct {
		Text      string `json:"text"`
		Type      string `json:"type"`
		Speaker   string `json:"speaker"`
		Cue       string `json:"cue"`
		Addressee string `json:"addressee"`
		Via       string `json:"via"`
	} `json:"quotes"`
}

// TestGoldenSeeds asserts every attribution of the seed reports (read from
// ../shared at test time): the content (word overlap >= 0.8 with one
// predicted quote), the speaker (same person), the cue, the addressee and
// the relay.
func TestGoldenSeeds(t *testing.T) {
	goldPath := shared.Path(t, "seeds/gold.jsonl")
	f, err := os.Open(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		var g goldDoc
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(filepath.Dir(goldPath), g.File))
		if err != nil {
			t.Fatal(err)
		}
		a, err := input.FromText(b, strings.TrimSuffix(g.File, ".txt"), input.Options{Published: g.Published})
		if err != nil {
			t.Fatal(err)
		}
		d, err := pipeline.Analyze(a)
		if err != nil {
			t.Fatal(err)
		}
		r := d.Result()
		used := map[int]bool{}
		for _, gq := range g.Quotes {
			n++
			gw := eval.NormWords(gq.Text)
			best, bs := -1, 0.0
			for j, q := range r.Quotes {
				if used[j] {
					continue
				}
				if s := eval.Overlap(gw, eval.NormWords(q.Text)); s > bs {
					best, bs = j, s
				}
			}
			name := g.File + ": " + gq.Text
			if best < 0 || bs < 0.8 {
				t.Errorf("%s: not found (best overlap %.2f)", name, bs)
				continue
			}
			used[best] = true
			q := r.Quotes[best]
			sp := ""
			if q.Speaker != nil {
				sp = *q.Speaker
			}
			if !eval.SamePerson(sp, gq.Speaker) {
				t.Errorf("%s: speaker %q (mention %q), want %q", name, sp, q.SpeakerMention, gq.Speaker)
			}
			if !strings.EqualFold(q.Cue, gq.Cue) {
				t.Errorf("%s: cue %q, want %q", name, q.Cue, gq.Cue)
			}
			if gq.Addressee != "" && q.Addressee != gq.Addressee {
				t.Errorf("%s: addressee %q, want %q", name, q.Addressee, gq.Addressee)
			}
			if gq.Via != "" && q.Via != gq.Via {
				t.Errorf("%s: via %q, want %q", name, q.Via, gq.Via)
			}
			if string(q.Type) != gq.Type && !(gq.Type == "mixed" && q.Type == verbatim.Direct) {
				t.Logf("%s: type %s, gold %s", name, q.Type, gq.Type)
			}
		}
		if extra := len(r.Quotes) - len(used); extra > 0 {
			t.Errorf("%s: %d quotes not in the gold", g.File, extra)
		}
	}
	if n != 28 {
		t.Errorf("%d gold attributions, want 28", n)
	}
}
