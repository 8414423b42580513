package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file scores quote attribution with exactly the rules of
// ../shared/tools/score_quotes.py: words are NFKD-normalised, stripped of
// combining marks, lower-cased and matched by the multiset overlap over the
// longer of the two; pairs are matched one-to-one, best first; speakers are
// compared by surname (and first name where both give one) or, for PolNeAR,
// by the predicted mention overlapping the gold Source.

// GoldQuote is one gold attribution: its content and its speaker (a
// canonical name for the seeds, the Source mention for PolNeAR).
type GoldQuote struct {
	Text, Speaker string
}

// PredQuote is the part of an output quote the scorer reads.
type PredQuote struct {
	Text           string  `json:"text"`
	Speaker        *string `json:"speaker"`
	SpeakerMention string  `json:"speaker_mention"`
}

// QuoteScore is the outcome at one threshold.
type QuoteScore struct {
	P, R, F1, SpeakerAcc, EndToEndF1 float64
	Gold, Pred, TP, SpeakerOK        int
}

// QuoteReport is the scorer's output for one run.
type QuoteReport struct {
	Docs, DocsMissing int
	Lenient, Strict   QuoteScore
}

// NormWords splits s into normalised words as the Python scorer does.
func NormWords(s string) []string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= 0x300 && norm.NFD.PropertiesString(string(r)).CCC() != 0 {
			continue
		}
		if r == '\u2019' || r == '\u2018' {
			r = '\''
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	var out []string
	cur := -1
	t := b.String()
	for i, r := range t {
		if isPyWord(r) {
			if cur < 0 {
				cur = i
			}
			continue
		}
		if cur >= 0 {
			out = append(out, t[cur:i])
			cur = -1
		}
	}
	if cur >= 0 {
		out = append(out, t[cur:])
	}
	return out
}

// isPyWord matches Python's [\w'] on str.
func isPyWord(r rune) bool {
	return r == '_' || r == '\'' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Nl, unicode.No)
}

// Overlap is the multiset overlap of g and p over the longer of the two.
func Overlap(g, p []string) float64 {
	if len(g) == 0 || len(p) == 0 {
		return 0
	}
	cg := map[string]int{}
	for _, w := range g {
		cg[w]++
	}
	inter := 0
	for _, w := range p {
		if cg[w] > 0 {
			cg[w]--
			inter++
		}
	}
	m := len(g)
	if len(p) > m {
		m = len(p)
	}
	return float64(inter) / float64(m)
}

func nameTokens(s string) []string {
	var out []string
	for _, t := range NormWords(s) {
		t = strings.TrimSuffix(t, "'s")
		switch t {
		case "mr", "mrs", "ms", "dr", "the", "president", "sir":
			continue
		}
		out = append(out, t)
	}
	return out
}

// SamePerson is the scorer's canonical-name agreement: same surname and,
// where both give one, same first name; or, for organisations and unnamed
// sources, the words of one name all inside the other's ("Daiwa" / "Daiwa
// Securities", "Ofcom" / "a spokesman for Ofcom").
func SamePerson(pred, gold string) bool {
	p, g := nameTokens(pred), nameTokens(gold)
	if len(p) == 0 || len(g) == 0 {
		return false
	}
	if p[len(p)-1] != g[len(g)-1] {
		return subset(p, g) || subset(g, p)
	}
	if len(p) >= 2 && len(g) >= 2 && p[0] != g[0] {
		return false
	}
	return true
}

// subset reports whether every word of a is among the words of b.
func subset(a, b []string) bool {
	for _, x := range a {
		in := false
		for _, y := range b {
			if x == y {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	return true
}

func mentionAgrees(q PredQuote, goldSource string) bool {
	gs := NormWords(goldSource)
	if len(gs) == 0 {
		return false
	}
	if pm := NormWords(q.SpeakerMention); len(pm) > 0 && Overlap(gs, pm) >= 0.5 {
		return true
	}
	if q.Speaker == nil {
		return false
	}
	pn := nameTokens(*q.Speaker)
	if len(pn) == 0 {
		return false
	}
	for _, w := range gs {
		if w == pn[len(pn)-1] {
			return true
		}
	}
	return false
}

// MatchQuotes pairs the gold and predicted quotes of one document whose word
// overlap is at least thr, one-to-one, best first: [gold index, predicted
// index] pairs in the order matched.
func MatchQuotes(gold []GoldQuote, pred []PredQuote, thr float64) [][2]int {
	gt := make([][]string, len(gold))
	for i, g := range gold {
		gt[i] = NormWords(g.Text)
	}
	pt := make([][]string, len(pred))
	for j, p := range pred {
		pt[j] = NormWords(p.Text)
	}
	type pair struct {
		s    float64
		i, j int
	}
	var pairs []pair
	for i := range gt {
		for j := range pt {
			pairs = append(pairs, pair{Overlap(gt[i], pt[j]), i, j})
		}
	}
	// Python: sorted(..., reverse=True) over (score, i, j) tuples
	sort.Slice(pairs, func(a, b int) bool {
		x, y := pairs[a], pairs[b]
		if x.s != y.s {
			return x.s > y.s
		}
		if x.i != y.i {
			return x.i > y.i
		}
		return x.j > y.j
	})
	gi, pj := map[int]bool{}, map[int]bool{}
	var out [][2]int
	for _, p := range pairs {
		if p.s < thr {
			break
		}
		if gi[p.i] || pj[p.j] {
			continue
		}
		gi[p.i], pj[p.j] = true, true
		out = append(out, [2]int{p.i, p.j})
	}
	return out
}

// ScoreQuotes scores predictions against gold at threshold thr. kind is
// "seeds", "speakers" (resolved names: a quote without a speaker name is
// compared by its mention, so an unnamed source stays right) or "polnear"
// (the mention against the gold Source).
func ScoreQuotes(kind string, gold map[string][]GoldQuote, pred map[string][]PredQuote, thr float64) QuoteScore {
	var tp, fp, fn, spkOK, spkN int
	docs := make([]string, 0, len(gold))
	for d := range gold {
		docs = append(docs, d)
	}
	sort.Strings(docs)
	for _, doc := range docs {
		gitems := gold[doc]
		pitems := pred[doc]
		pairs := MatchQuotes(gitems, pitems, thr)
		n := len(pairs)
		for _, p := range pairs {
			gs := gitems[p[0]].Speaker
			q := pitems[p[1]]
			spkN++
			var ok bool
			if gs != "" {
				if kind == "polnear" {
					ok = mentionAgrees(q, gs)
				} else {
					sp := q.SpeakerMention
					if q.Speaker != nil && *q.Speaker != "" {
						sp = *q.Speaker
					}
					ok = SamePerson(sp, gs)
				}
			} else {
				ok = (q.Speaker == nil || *q.Speaker == "") && q.SpeakerMention == ""
			}
			if ok {
				spkOK++
			}
		}
		tp += n
		fp += len(pitems) - n
		fn += len(gitems) - n
	}
	c := PRF{TP: tp, FP: fp, FN: fn}
	sc := QuoteScore{P: c.P(), R: c.R(), F1: c.F1(), Gold: tp + fn, Pred: tp + fp, TP: tp, SpeakerOK: spkOK}
	if spkN > 0 {
		sc.SpeakerAcc = float64(spkOK) / float64(spkN)
	}
	var ep, er float64
	if tp+fp > 0 {
		ep = float64(spkOK) / float64(tp+fp)
	}
	if tp+fn > 0 {
		er = float64(spkOK) / float64(tp+fn)
	}
	if ep+er > 0 {
		sc.EndToEndF1 = 2 * ep * er / (ep + er)
	}
	return sc
}

// ScoreQuoteRun scores at both thresholds, as the Python scorer prints.
func ScoreQuoteRun(kind string, gold map[string][]GoldQuote, pred map[string][]PredQuote) QuoteReport {
	r := QuoteReport{Docs: len(gold)}
	for d := range gold {
		if _, ok := pred[d]; !ok {
			r.DocsMissing++
		}
	}
	r.Lenient = ScoreQuotes(kind, gold, pred, 0.3)
	r.Strict = ScoreQuotes(kind, gold, pred, 0.8)
	return r
}

// LoadSeedGold reads seeds/gold.jsonl or a speakers split
// (data/speakers/dev.jsonl): doc id (the record's "id", else the stem of its
// "file") -> quotes.
func LoadSeedGold(path string) (map[string][]GoldQuote, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]GoldQuote{}
	err = readRecords(f, 1<<26, func(id string, d *struct {
		recordID
		Quotes []struct {
			Text    string `json:"text"`
			Speaker string `json:"speaker"`
		} `json:"quotes"`
	}) {
		qs := []GoldQuote{}
		for _, q := range d.Quotes {
			qs = append(qs, GoldQuote{q.Text, q.Speaker})
		}
		out[id] = qs
	})
	return out, err
}

// LoadPolNeARGold reads a PolNeAR split folder (attributions/*.ann), one
// annotator per article as the Python scorer does: article -> attributions
// (Content text, Source text).
func LoadPolNeARGold(dir string) (map[string][]GoldQuote, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	sort.Strings(anns)
	out := map[string][]GoldQuote{}
	for _, a := range anns {
		base := filepath.Base(a)
		art := base
		if k := strings.LastIndex(base, "_"); k >= 0 {
			art = base[:k]
		}
		if _, seen := out[art]; seen {
			continue
		}
		b, err := os.ReadFile(a)
		if err != nil {
			return nil, err
		}
		type span struct{ label, text string }
		spans := map[string]span{}
		var rels []map[string]string
		cur := ""
		for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			line = strings.TrimRight(line, "\r")
			switch {
			case strings.HasPrefix(line, "T"):
				parts := strings.Split(line, "\t")
				if len(parts) >= 3 {
					spans[parts[0]] = span{strings.Split(parts[1], " ")[0], parts[2]}
					cur = parts[0]
				}
			case strings.HasPrefix(line, "E"):
				cur = ""
				r := map[string]string{}
				parts := strings.Split(line, "\t")
				if len(parts) >= 2 {
					for _, x := range strings.Split(parts[1], " ") {
						if k := strings.Index(x, ":"); k >= 0 {
							r[x[:k]] = x[k+1:]
						}
					}
				}
				rels = append(rels, r)
			case cur != "" && !strings.HasPrefix(line, "#"):
				s := spans[cur]
				s.text += " " + line
				spans[cur] = s
			}
		}
		items := []GoldQuote{}
		for _, r := range rels {
			c, ok := r["Content"]
			if !ok || c == "" {
				continue
			}
			cs, ok := spans[c]
			if !ok {
				continue
			}
			src := ""
			if s, ok := spans[r["Source"]]; ok {
				src = s.text
			}
			items = append(items, GoldQuote{cs.text, src})
		}
		out[art] = items
	}
	return out, nil
}

// ReadPredictions reads JSON Lines output (id, quotes) into the scorer's form.
func ReadPredictions(r io.Reader) (map[string][]PredQuote, error) {
	out := map[string][]PredQuote{}
	err := readRecords(r, 1<<28, func(id string, d *struct {
		recordID
		Quotes []PredQuote `json:"quotes"`
	}) {
		out[id] = d.Quotes
	})
	return out, err
}

// recordID is how a JSON Lines record names its article: its "id", else
// the stem of its "file".
type recordID struct {
	ID   string `json:"id"`
	File string `json:"file"`
}

func (r *recordID) key() string {
	if r.ID != "" {
		return r.ID
	}
	b := filepath.Base(r.File)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// readRecords decodes every non-blank line of the JSON Lines r (lines up
// to max bytes) into a new T and calls fn with it and its article id.
func readRecords[T any, PT interface {
	*T
	key() string
}](r io.Reader, max int, fn func(id string, d PT)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), max)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		d := PT(new(T))
		if err := json.Unmarshal(line, d); err != nil {
			return err
		}
		fn(d.key(), d)
	}
	return sc.Err()
}

// Table prints a report as the eval commands do.
func (r QuoteReport) Table(w io.Writer, name string) {
	fmt.Fprintf(w, "%s: %d docs (%d missing)\n", name, r.Docs, r.DocsMissing)
	fmt.Fprintf(w, "%-10s %6s %6s %6s %6s %8s %6s %6s\n", "threshold", "P", "R", "F1", "spk", "e2e-F1", "gold", "pred")
	for _, x := range []struct {
		n string
		s QuoteScore
	}{{"lenient@0.3", r.Lenient}, {"strict@0.8", r.Strict}} {
		fmt.Fprintf(w, "%-10s %6.3f %6.3f %6.3f %6.3f %8.3f %6d %6d\n", x.n, x.s.P, x.s.R, x.s.F1, x.s.SpeakerAcc, x.s.EndToEndF1, x.s.Gold, x.s.Pred)
	}
}
