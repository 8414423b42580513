package eval_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/names"
	"github.com/verbatim-news/verbatim/text"
)

func TestReadCoNLLRebuildsText(t *testing.T) {
	p := writeTemp(t, "mini.txt", "-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\nsaw VBD B-VP O\nEU NNP B-NP B-ORG\n\nIn IN B-PP O\nBonn NNP B-NP B-LOC\n. . O O\n\n-DOCSTART- -X- -X- O\n\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n")
	docs, err := eval.ReadCoNLL(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Text != "Peter Blackburn saw EU\nIn Bonn ." || docs[1].Text != "German call" {
		t.Fatalf("docs %+v", docs)
	}
	want := []eval.NERSpan{{0, 15, "PER"}, {20, 22, "ORG"}, {26, 30, "LOC"}}
	if fmt.Sprint(docs[0].Gold) != fmt.Sprint(want) {
		t.Errorf("gold %v, want %v", docs[0].Gold, want)
	}
	// Scoring: one right, one wrong type, one on a MISC span (ignored).
	pred := map[string][]verbatim.EntityOut{
		"conll-0000": {{Name: "Peter Blackburn", Type: verbatim.Person, Mentions: []verbatim.MentionOut{{Start: 0, End: 15}}},
			{Name: "EU", Type: verbatim.Place, Mentions: []verbatim.MentionOut{{Start: 20, End: 22}}}},
		"conll-0001": {{Name: "German", Type: verbatim.Organization, Mentions: []verbatim.MentionOut{{Start: 0, End: 6}}}},
	}
	s := eval.ScoreNER(docs, pred)
	if s.All.TP != 1 || s.All.FP != 1 || s.All.FN != 2 {
		t.Errorf("counts %+v", s.All)
	}
}

// TestScoreNERAgreesWithPython scores the first documents of CoNLL valid with
// ScoreNER and with ../shared/tools/score_ner.py and compares the results.
func TestScoreNERAgreesWithPython(t *testing.T) {
	valid := shared.Path(t, "data/conll2003/valid.txt")
	scorer := shared.Path(t, "tools/score_ner.py")
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not available")
	}
	// The first 40 documents into a smaller CoNLL file.
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub.txt")
	fh, err := os.Open(valid)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	sc := bufio.NewScanner(fh)
	n := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "-DOCSTART-") {
			if n++; n > 40 {
				break
			}
		}
		b.WriteString(sc.Text() + "\n")
	}
	fh.Close()
	if err := os.WriteFile(sub, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := eval.ReadCoNLL(sub)
	if err != nil {
		t.Fatal(err)
	}
	p := verbatim.NewPipeline(verbatim.StageFunc{N: "lines", F: func(d *verbatim.Doc) {
		d.Clean = d.Text
		start := 0
		for i := 0; i <= len(d.Text); i++ {
			if i == len(d.Text) || d.Text[i] == '\n' {
				d.Paragraphs = append(d.Paragraphs, verbatim.Span{Start: start, End: i})
				start = i + 1
			}
		}
	}}, text.Stage, names.Stage)
	pred := map[string][]verbatim.EntityOut{}
	var out strings.Builder
	for _, nd := range docs {
		d, err := p.Analyze(verbatim.Article{ID: nd.ID, Text: nd.Text})
		if err != nil {
			t.Fatal(err)
		}
		r := d.Result()
		pred[nd.ID] = r.Entities
		j, _ := json.Marshal(r)
		out.Write(append(j, '\n'))
	}
	predFile := filepath.Join(dir, "pred.jsonl")
	if err := os.WriteFile(predFile, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := exec.Command(py, scorer, "score", sub, predFile).Output()
	if err != nil {
		t.Fatalf("score_ner.py: %v", err)
	}
	var ref map[string]float64
	if err := json.Unmarshal(res, &ref); err != nil {
		t.Fatalf("score_ner.py output %q: %v", res, err)
	}
	s := eval.ScoreNER(docs, pred)
	got := map[string]float64{"PER": s.Types["PER"].F1(), "ORG": s.Types["ORG"].F1(), "LOC": s.Types["LOC"].F1(),
		"P": s.All.P(), "R": s.All.R(), "F1": s.All.F1()}
	for k, v := range got {
		if fmt.Sprintf("%.3f", v) != fmt.Sprintf("%.3f", ref[k]) {
			t.Errorf("%s: ours %.4f, score_ner.py %.3f", k, v, ref[k])
		}
	}
	if s.All.TP == 0 {
		t.Error("nothing found")
	}
	t.Logf("40 valid documents: %s (python %v)", s.All, ref)
}
