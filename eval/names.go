package eval

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// NERDoc is one CoNLL-2003 document rebuilt as ../shared/tools/score_ner.py
// does: tokens joined by single spaces, a sentence a line, with the gold
// entity spans (byte offsets) and types (PER, ORG, LOC, MISC).
type NERDoc struct {
	ID   string
	Text string
	Gold []NERSpan
}

// NERSpan is a typed byte span.
type NERSpan struct {
	Start, End int
	Type       string
}

// ReadCoNLL reads a CoNLL-2003 IOB file into documents.
func ReadCoNLL(path string) ([]NERDoc, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	type tok struct{ w, tag string }
	var (
		docs []NERDoc
		doc  [][]tok
		sent []tok
	)
	flushSent := func() {
		if len(sent) > 0 {
			doc = append(doc, sent)
			sent = nil
		}
	}
	flushDoc := func() {
		flushSent()
		if len(doc) == 0 {
			return
		}
		var b strings.Builder
		var spans []NERSpan
		for si, s := range doc {
			if si > 0 {
				b.WriteByte('\n')
			}
			var cur *NERSpan
			for ti, t := range s {
				if ti > 0 {
					b.WriteByte(' ')
				}
				pos := b.Len()
				typ := ""
				if len(t.tag) > 2 {
					typ = t.tag[2:]
				}
				switch {
				case strings.HasPrefix(t.tag, "B-") || (strings.HasPrefix(t.tag, "I-") && (cur == nil || cur.Type != typ)):
					if cur != nil {
						spans = append(spans, *cur)
					}
					cur = &NERSpan{pos, pos + len(t.w), typ}
				case strings.HasPrefix(t.tag, "I-"):
					cur.End = pos + len(t.w)
				default:
					if cur != nil {
						spans = append(spans, *cur)
						cur = nil
					}
				}
				b.WriteString(t.w)
			}
			if cur != nil {
				spans = append(spans, *cur)
			}
		}
		docs = append(docs, NERDoc{ID: fmt.Sprintf("conll-%04d", len(docs)), Text: b.String(), Gold: spans})
		doc = nil
	}
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\n")
		switch {
		case strings.HasPrefix(line, "-DOCSTART-"):
			flushDoc()
		case strings.TrimSpace(line) == "":
			flushSent()
		default:
			p := strings.Split(line, " ")
			sent = append(sent, tok{p[0], p[len(p)-1]})
		}
	}
	flushDoc()
	return docs, sc.Err()
}

// nerTypes maps output entity types to CoNLL types, as score_ner.py does.
var nerTypes = map[string]string{"person": "PER", "per": "PER", "organization": "ORG", "organisation": "ORG", "org": "ORG",
	"place": "LOC", "location": "LOC", "loc": "LOC", "gpe": "LOC", "country": "LOC", "city": "LOC"}

// NERScore holds per-type counts (PER, ORG, LOC) and their total.
type NERScore struct {
	Types map[string]*PRF
	All   PRF
}

// ScoreNER scores predicted entities (by document id) against the gold
// documents with score_ner.py's rules: exact byte span and type; MISC gold
// spans and unknown types are ignored.
func ScoreNER(docs []NERDoc, pred map[string][]verbatim.EntityOut) NERScore {
	s := NERScore{Types: map[string]*PRF{"PER": {}, "ORG": {}, "LOC": {}}}
	for _, d := range docs {
		gold := map[NERSpan]bool{}
		misc := map[[2]int]bool{}
		for _, g := range d.Gold {
			if _, ok := s.Types[g.Type]; ok {
				gold[g] = true
			} else if g.Type == "MISC" {
				misc[[2]int{g.Start, g.End}] = true
			}
		}
		got := map[NERSpan]bool{}
		for _, e := range pred[d.ID] {
			ty, ok := nerTypes[strings.ToLower(string(e.Type))]
			if !ok {
				continue
			}
			for _, m := range e.Mentions {
				if misc[[2]int{m.Start, m.End}] {
					continue
				}
				got[NERSpan{m.Start, m.End, ty}] = true
			}
		}
		for g := range gold {
			if got[g] {
				s.Types[g.Type].TP++
			} else {
				s.Types[g.Type].FN++
			}
		}
		for p := range got {
			if !gold[p] {
				s.Types[p.Type].FP++
			}
		}
	}
	for _, c := range s.Types {
		s.All.TP += c.TP
		s.All.FP += c.FP
		s.All.FN += c.FN
	}
	return s
}
