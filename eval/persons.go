package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// PersonsScore is ../shared/tools/score_persons.py's measure of one person
// across articles on ECB+: units are (document, gold person) pairs with a
// name-like mention, scored by B-cubed within each topic and by
// cross-document links (pairs of units in different documents of a topic).
type PersonsScore struct {
	Units, GoldPeople, Found, NoIdentity, Identities int
	P, R                                             float64 // B-cubed
	LinksGold, LinksPred, LinksTP                    int
}

// F1 is the B-cubed F1.
func (s PersonsScore) F1() float64 { return F1(s.P, s.R) }

// LinkP is the precision of the predicted cross-document links.
func (s PersonsScore) LinkP() float64 { return ratio(s.LinksTP, s.LinksPred) }

// LinkR is the recall of the gold cross-document links.
func (s PersonsScore) LinkR() float64 { return ratio(s.LinksTP, s.LinksGold) }

// LinkF1 is the F1 of the cross-document links.
func (s PersonsScore) LinkF1() float64 { return F1(s.LinkP(), s.LinkR()) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

var (
	personPronouns = set("he she they him her them his hers their theirs i we you me us it its who whom whose himself herself themselves one")
	personLowerOK  = set("of de van der von da la le al bin el - . jr jr.")
	mergeLine      = regexp.MustCompile(`^(new|merge) "(.*)" \(article (.*?)\) → (\S+?): `)
)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

type goldPersonMention struct {
	Doc     string `json:"doc"`
	Text    string `json:"text"`
	Start   *int   `json:"start"`
	End     int    `json:"end"`
	InTitle bool   `json:"in_title"`
}

type goldPerson struct {
	Cluster    string              `json:"cluster"`
	Tag        string              `json:"tag"`
	Descriptor string              `json:"descriptor"`
	Topic      any                 `json:"topic"`
	Mentions   []goldPersonMention `json:"mentions"`
}

// nameWords are the words of a mention without possessives and quotes.
func personWords(text string) []string {
	text = strings.NewReplacer("'s", "", "’s", "", `"`, " ").Replace(text)
	return strings.Fields(text)
}

func pyUpperFirst(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func pyDigitFirst(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

func looksNamed(text string) bool {
	ws := personWords(text)
	if len(ws) == 0 {
		return false
	}
	switch strings.ToLower(ws[0]) {
	case "the", "a", "an", "this", "that", "these", "those":
		return false
	}
	caps := 0
	for _, w := range ws {
		lw := strings.ToLower(w)
		if personPronouns[lw] {
			return false
		}
		if pyUpperFirst(w) {
			caps++
		} else if !personLowerOK[lw] && !pyDigitFirst(w) {
			return false
		}
	}
	return caps > 0
}

// isLowerWord is Python's str.islower: some cased letter, none upper-case.
func isLowerWord(w string) bool {
	cased := false
	for _, r := range w {
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			return false
		}
		if unicode.IsLower(r) {
			cased = true
		}
	}
	return cased
}

// ScorePersons scores cross-article person identities as score_persons.py
// does (without its options): gold from gold_persons.jsonl, the entities of
// each document (by id) from extract, and the identities from the lines
// `verbatim stories --merges` prints (mergeLines; other lines are ignored).
func ScorePersons(goldPath string, ents map[string][]verbatim.EntityOut, mergeLines []string) (PersonsScore, error) {
	var s PersonsScore
	ident := map[[2]string]string{}
	for _, l := range mergeLines {
		if m := mergeLine.FindStringSubmatch(l); m != nil {
			ident[[2]string{m[3], m[2]}] = m[4]
		}
	}
	fh, err := os.Open(goldPath)
	if err != nil {
		return s, err
	}
	defer fh.Close()
	var gold []goldPerson
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var g goldPerson
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return s, fmt.Errorf("%s: %w", goldPath, err)
		}
		gold = append(gold, g)
	}
	if err := sc.Err(); err != nil {
		return s, err
	}
	lowerVocab := map[string]bool{}
	for _, c := range gold {
		for _, m := range c.Mentions {
			for _, w := range strings.Fields(m.Text) {
				if isLowerWord(w) {
					lowerVocab[w] = true
				}
			}
		}
	}
	nameLike := func(text string) bool {
		if !looksNamed(text) {
			return false
		}
		for _, w := range personWords(text) {
			lw := strings.ToLower(w)
			if personLowerOK[lw] || pyDigitFirst(w) {
				continue
			}
			if !lowerVocab[lw] {
				return true
			}
		}
		return false
	}
	type unit struct {
		doc, topic, cluster string
		ms                  []goldPersonMention
	}
	var units []unit
	for _, c := range gold {
		if c.Tag != "HUMAN_PART_PER" {
			continue
		}
		topic := fmt.Sprint(c.Topic)
		var docs []string
		byDoc := map[string][]goldPersonMention{}
		for _, m := range c.Mentions {
			if m.InTitle || m.Start == nil {
				continue
			}
			if _, ok := byDoc[m.Doc]; !ok {
				docs = append(docs, m.Doc)
			}
			byDoc[m.Doc] = append(byDoc[m.Doc], m)
		}
		for _, d := range docs {
			named := false
			for _, m := range byDoc[d] {
				named = named || nameLike(m.Text)
			}
			if named {
				units = append(units, unit{d, topic, c.Cluster, byDoc[d]})
			}
		}
	}
	pred := make([]string, len(units))
	for k, u := range units {
		var best *verbatim.EntityOut
		bh, bc := 0, 0
		es := ents[u.doc]
		for i := range es {
			hits, chars := 0, 0
			for _, em := range es[i].Mentions {
				for _, gm := range u.ms {
					if !nameLike(gm.Text) {
						continue
					}
					if ov := min(em.End, gm.End) - max(em.Start, *gm.Start); ov > 0 {
						hits++
						chars += ov
					}
				}
			}
			if hits > bh || hits == bh && chars > bc {
				best, bh, bc = &es[i], hits, chars
			}
		}
		if best == nil {
			pred[k] = fmt.Sprintf("unfound:%d", k)
			continue
		}
		s.Found++
		id, ok := ident[[2]string{u.doc, best.Name}]
		if !ok {
			s.NoIdentity++
			id = "local:" + u.doc + ":" + best.Name
		}
		pred[k] = u.topic + "|" + id
	}
	s.Units = len(units)
	goldOf := make([]string, len(units))
	gsize, psize, both := map[string]int{}, map[string]int{}, map[[2]string]int{}
	for i, u := range units {
		goldOf[i] = u.topic + "|" + u.cluster
		gsize[goldOf[i]]++
		psize[pred[i]]++
		both[[2]string{goldOf[i], pred[i]}]++
	}
	s.GoldPeople = len(gsize)
	for p := range psize {
		if !strings.HasPrefix(p, "unfound:") {
			s.Identities++
		}
	}
	if s.Units > 0 {
		for i := range units {
			b := float64(both[[2]string{goldOf[i], pred[i]}])
			s.P += b / float64(psize[pred[i]])
			s.R += b / float64(gsize[goldOf[i]])
		}
		s.P /= float64(s.Units)
		s.R /= float64(s.Units)
	}
	byTopic := map[string][]int{}
	var topics []string
	for i, u := range units {
		if _, ok := byTopic[u.topic]; !ok {
			topics = append(topics, u.topic)
		}
		byTopic[u.topic] = append(byTopic[u.topic], i)
	}
	for _, t := range topics {
		idx := byTopic[t]
		for a := range idx {
			for b := a + 1; b < len(idx); b++ {
				i, j := idx[a], idx[b]
				if units[i].doc == units[j].doc {
					continue
				}
				g := goldOf[i] == goldOf[j]
				p := pred[i] == pred[j] && !strings.HasPrefix(pred[i], "unfound:")
				if g {
					s.LinksGold++
				}
				if p {
					s.LinksPred++
				}
				if g && p {
					s.LinksTP++
				}
			}
		}
	}
	return s, nil
}
