package eval

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// TimeMLDoc is one TimeBank document rebuilt as ../shared/tools/score_dates.py
// does: the <TEXT> body with tags removed and entities unescaped, the
// creation date (DCT) as publication date, and the gold DATE expressions.
type TimeMLDoc struct {
	ID, Text, Published string
	Gold                []GoldDate
}

// GoldDate is a TIMEX3 of type DATE: byte span into Text and TimeML value.
type GoldDate struct {
	verbatim.Span
	Value string
}

var (
	tmlTag   = regexp.MustCompile(`<(/?)(\w+)([^>]*)>`)
	tmlDCT   = regexp.MustCompile(`(?s)<DCT>.*?value="([^"]+)"`)
	tmlText  = regexp.MustCompile(`(?s)<TEXT>(.*)</TEXT>`)
	tmlType  = regexp.MustCompile(`type="(\w+)"`)
	tmlValue = regexp.MustCompile(`value="([^"]*)"`)
)

// ParseTimeML reads one .tml file.
func ParseTimeML(path string) (TimeMLDoc, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return TimeMLDoc{}, err
	}
	doc := TimeMLDoc{ID: strings.TrimSuffix(filepath.Base(path), ".tml")}
	s := string(raw)
	m := tmlDCT.FindStringSubmatch(s)
	if m == nil {
		return doc, fmt.Errorf("%s: no DCT", path)
	}
	doc.Published = m[1]
	if len(doc.Published) > 10 {
		doc.Published = doc.Published[:10]
	}
	b := tmlText.FindStringSubmatch(s)
	if b == nil {
		return doc, fmt.Errorf("%s: no TEXT", path)
	}
	body := b[1]
	var out strings.Builder
	i := 0
	open := false
	var cur GoldDate
	var curType string
	for _, t := range tmlTag.FindAllStringSubmatchIndex(body, -1) {
		out.WriteString(html.UnescapeString(body[i:t[0]]))
		i = t[1]
		closing := t[3] > t[2]
		name := body[t[4]:t[5]]
		attrs := body[t[6]:t[7]]
		if name != "TIMEX3" {
			continue
		}
		if !closing {
			open = true
			cur = GoldDate{Span: verbatim.Span{Start: out.Len()}}
			curType = ""
			if m := tmlType.FindStringSubmatch(attrs); m != nil {
				curType = m[1]
			}
			if m := tmlValue.FindStringSubmatch(attrs); m != nil {
				cur.Value = m[1]
			}
		} else if open {
			cur.End = out.Len()
			if curType == "DATE" {
				doc.Gold = append(doc.Gold, cur)
			}
			open = false
		}
	}
	out.WriteString(html.UnescapeString(body[i:]))
	doc.Text = out.String()
	return doc, nil
}

// LoadTimeBank reads every .tml file of dir, sorted by name.
func LoadTimeBank(dir string) ([]TimeMLDoc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .tml files in %s", dir)
	}
	sort.Strings(files)
	docs := make([]TimeMLDoc, 0, len(files))
	for _, f := range files {
		d, err := ParseTimeML(f)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// DateScore is the result of score_dates.py: span P/R/F1 by overlap, value
// accuracy over matched pairs, value F1 over (span matched and value right).
type DateScore struct {
	PRF
	ValueOK int
}

// ValueAcc is the share of matched pairs whose value is exactly right.
func (s DateScore) ValueAcc() float64 {
	if s.TP == 0 {
		return 0
	}
	return float64(s.ValueOK) / float64(s.TP)
}

// ValueF1 is the F1 of (overlapping span and exact value).
func (s DateScore) ValueF1() float64 {
	var p, r float64
	if s.TP+s.FP > 0 {
		p = float64(s.ValueOK) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		r = float64(s.ValueOK) / float64(s.TP+s.FN)
	}
	return F1(p, r)
}

func (s DateScore) String() string {
	return fmt.Sprintf("%s  value_acc %.3f  value_F1 %.3f  gold %d", s.PRF, s.ValueAcc(), s.ValueF1(), s.TP+s.FN)
}

// Add scores one document's predictions against its gold, with the
// scorer's greedy order: each gold date, in order, takes the first unused
// prediction overlapping it.
func (s *DateScore) Add(gold []GoldDate, pred []verbatim.DateOut) {
	used := make([]bool, len(pred))
	matched := 0
	for _, g := range gold {
		for j, p := range pred {
			if used[j] {
				continue
			}
			if p.Start < g.End && g.Start < p.End {
				used[j] = true
				matched++
				if p.Value == g.Value {
					s.ValueOK++
				}
				break
			}
		}
	}
	s.TP += matched
	s.FN += len(gold) - matched
	s.FP += len(pred) - matched
}

// Mismatch is one disagreement for error analysis.
type Mismatch struct {
	Doc, Text, Got, Want string
	Context              string // the text around the expression
}

func context(text string, sp verbatim.Span) string {
	a, b := sp.Start-70, sp.End+40
	if a < 0 {
		a = 0
	}
	if b > len(text) {
		b = len(text)
	}
	return strings.Join(strings.Fields(strings.ToValidUTF8(text[a:b], "")), " ")
}

// Dates analyses every TimeBank document with analyze and scores the
// dates it finds. It returns the score and the mismatches (wrong values,
// misses with Got "", false alarms with Want "").
func Dates(docs []TimeMLDoc, analyze func(verbatim.Article) (*verbatim.Doc, error)) (DateScore, []Mismatch, error) {
	var s DateScore
	var mm []Mismatch
	for _, td := range docs {
		d, err := analyze(verbatim.Article{ID: td.ID, Text: td.Text, Published: td.Published})
		if err != nil {
			return s, mm, fmt.Errorf("%s: %v", td.ID, err)
		}
		pred := d.Result().Dates
		s.Add(td.Gold, pred)
		used := make([]bool, len(pred))
		for _, g := range td.Gold {
			found := false
			for j, p := range pred {
				if !used[j] && p.Start < g.End && g.Start < p.End {
					used[j], found = true, true
					if p.Value != g.Value {
						mm = append(mm, Mismatch{td.ID, td.Text[g.Start:g.End] + " / " + p.Text, p.Value, g.Value, context(td.Text, g.Span)})
					}
					break
				}
			}
			if !found {
				mm = append(mm, Mismatch{td.ID, td.Text[g.Start:g.End], "", g.Value, context(td.Text, g.Span)})
			}
		}
		for j, p := range pred {
			if !used[j] {
				mm = append(mm, Mismatch{td.ID, p.Text, p.Value, "", context(td.Text, verbatim.Span{Start: p.Start, End: p.End})})
			}
		}
	}
	return s, mm, nil
}
