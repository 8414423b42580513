// Package dates is a stage of the analysis pipeline (see package pipeline):
// it finds date expressions in the cleaned text and normalises them to
// TimeML values against the publication date (Doc.Ref, else the date of
// the article's dateline), tense-aware, and dates each quote
// (Quote.SaidOn).
//
// Candidates are found by cheap lexicon lookups on tokens (months, weekdays,
// day words, pointers like "last"/"next", numbers); a small hand-written
// grammar then extends them to full expressions ("Tuesday, Dec. 9, 1997",
// "the year-ago third quarter", "two weeks ago"). Relative expressions are
// resolved against Doc.Ref; the direction of bare weekdays, months and
// seasons comes from the nearest tense marker in the sentence ("said Sunday"
// is the Sunday before, "will speak Tuesday" / "planned to speak Tuesday" the
// Tuesday after). Without a reference date, relative values keep X's
// (XXXX-XX-XX, XXXX-11, XXXX-WXX): nothing is guessed.
package dates

import (
	"strings"
	"sync"
	"time"

	"github.com/verbatim-news/verbatim"
)

// Stage is this package's pipeline stage.
var Stage = verbatim.StageFunc{N: "dates", F: Process}

// Options are the readings of date expressions where the TimeML guidelines
// leave room and news corpora differ. Defaults holds the ones chosen by
// cross-validation on TimeBank (verbatim eval dates --choose).
type Options struct {
	// QuarterYearAgo: in an earnings report, "a year ago" or "a year
	// earlier" after a quarter is that quarter a year back ("1988-Q3"),
	// not the year ("1988").
	QuarterYearAgo bool
	// Now: "now", "currently", "nowadays" are PRESENT_REF.
	Now bool
	// CurrentAdjective: "the current system" is PRESENT_REF (on "current").
	CurrentAdjective bool
	// LastSeasonYearBefore: "last spring" said in October is the spring of
	// the year before, not the one just past.
	LastSeasonYearBefore bool
}

// Defaults are the options of Stage and Process.
var Defaults = Options{QuarterYearAgo: true, Now: true, CurrentAdjective: true, LastSeasonYearBefore: true}

// NewStage returns the dates stage with other options than Defaults.
func NewStage(opt Options) verbatim.Stage {
	return verbatim.StageFunc{N: "dates", F: func(d *verbatim.Doc) { process(d, opt) }}
}

// Process finds and normalises the dates of d and dates its quotes. An
// article that comes without a publication date takes the one its top
// gives, if any (Dateline).
func Process(d *verbatim.Doc) { process(d, Defaults) }

func process(d *verbatim.Doc, opt Options) {
	if d.Ref.IsZero() && d.Published == "" {
		if t, ok := Dateline(d.Text); ok {
			d.Ref, d.Published = t, t.Format("2006-01-02")
		}
	}
	var times []verbatim.Date
	d.Dates = find(d, d.Dates[:0], &times, opt)
	dateQuotes(d, times)
}

// tok is what the grammar needs to know about one token.
type tok struct {
	s       string // text in Doc.Clean
	w       *word  // lexicon entry or nil
	num     int    // value of a plain number of at most 8 digits, else -1
	isoY    int16  // 1998-01-08, 19980108, 01/08/98
	decade  int16  // "1990s" -> 199
	ord     int16  // "20th" -> 20
	midYear int16  // "mid-1996" -> 1996
	isoM    int8
	isoD    int8
	ndig    int8 // digit count of num
	hyQuart int8 // "third-quarter" -> 3
	hyHalf  int8 // "second-half" -> 2
	kind    verbatim.TokenKind
	cap     bool // starts with an upper-case ASCII letter
	mid     bool // "mid-November": w is the part after "mid-"
	yearAgo bool // "year-ago", "year-earlier"
}

var tokPool = sync.Pool{New: func() any { return new([]tok) }}

type scanner struct {
	d      *verbatim.Doc
	opt    Options
	t      []tok
	ref    time.Time
	hasRef bool
	// the last quarter an expression resolved to (business reporting
	// context: "the quarter", "a year ago", "the year-earlier period")
	lastQY, lastQ int
	lastGran      byte
	sent          verbatim.Sentence
	isTime        bool // the last match is a time of day ("Thursday evening"): TimeML TIME
	skip          int  // leading tokens of the last match left out of its span
	// anchor is the value of the last date found that names a year
	// ("1995-05-22", "1989-03"): "the following year" counts from it
	anchor string
}

// Find appends the date expressions of d to dst, in text order. Days named
// with a time of day ("Thursday evening", "noon Friday") are TimeML TIMEs,
// not DATEs: they are not returned.
func Find(d *verbatim.Doc, dst []verbatim.Date) []verbatim.Date { return find(d, dst, nil, Defaults) }

func find(d *verbatim.Doc, dst []verbatim.Date, times *[]verbatim.Date, opt Options) []verbatim.Date {
	if len(d.Tokens) == 0 || len(d.Clean) == 0 {
		return dst
	}
	s := &scanner{d: d, ref: d.Ref, hasRef: !d.Ref.IsZero(), opt: opt}
	buf := tokPool.Get().(*[]tok)
	if cap(*buf) < len(d.Tokens) {
		*buf = make([]tok, len(d.Tokens)+len(d.Tokens)/4)
	}
	s.t = (*buf)[:len(d.Tokens)]
	defer func() {
		s.t = nil
		tokPool.Put(buf)
	}()
	for i := range d.Tokens {
		s.info(i)
	}
	if s.hasRef {
		s.lastQY, s.lastQ = addQuarters(s.ref.Year(), quarterOf(s.ref.Month()), -1)
	}
	sents := d.Sentences
	if len(sents) == 0 {
		sents = []verbatim.Sentence{{Span: verbatim.Span{Start: 0, End: len(d.Clean)}, First: 0, Last: len(d.Tokens)}}
	}
	for _, se := range sents {
		if se.First < 0 || se.Last > len(s.t) || se.First >= se.Last {
			continue
		}
		s.sent = se
		for i := se.First; i < se.Last; {
			s.isTime = false
			s.skip = 0
			j, v := s.at(i)
			if j <= i {
				i++
				continue
			}
			sp := verbatim.Span{Start: d.Tokens[i+s.skip].Start, End: d.Tokens[j-1].End}
			if s.isTime {
				if times != nil {
					*times = append(*times, verbatim.Date{Span: sp, Value: v})
				}
			} else {
				dst = append(dst, verbatim.Date{Span: sp, Value: v})
				if len(v) >= 4 && isDigits(v[:4]) {
					s.anchor = v
				}
			}
			i = j
		}
	}
	return dst
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func (s *scanner) info(i int) {
	tk := s.d.Tokens[i]
	if tk.Start < 0 || tk.End > len(s.d.Clean) || tk.End <= tk.Start {
		s.t[i] = tok{num: -1}
		return
	}
	str := s.d.Clean[tk.Start:tk.End]
	t := &s.t[i]
	*t = tok{s: str, kind: tk.Kind, num: -1}
	c := str[0]
	t.cap = c >= 'A' && c <= 'Z'
	switch {
	case c >= '0' && c <= '9':
		if isDigits(str) {
			if len(str) <= 8 {
				t.num, t.ndig = atoi(str), int8(len(str))
				if len(str) == 8 {
					y, m, d := atoi(str[:4]), atoi(str[4:6]), atoi(str[6:])
					if y >= 1900 && y <= 2099 && validDay(y, m, d) {
						t.isoY, t.isoM, t.isoD = int16(y), int8(m), int8(d)
					}
				}
			}
		} else if len(str) == 10 && (str[4] == '-' || str[4] == '/') && str[7] == str[4] && isDigits(str[:4]) && isDigits(str[5:7]) && isDigits(str[8:]) {
			y, m, d := atoi(str[:4]), atoi(str[5:7]), atoi(str[8:])
			if y >= 1000 && validDay(y, m, d) {
				t.isoY, t.isoM, t.isoD = int16(y), int8(m), int8(d)
			}
		} else if n := len(str); (n == 8 || n == 10) && str[2] == '/' && str[5] == '/' && isDigits(str[:2]) && isDigits(str[3:5]) && isDigits(str[6:]) {
			m, d, y := atoi(str[:2]), atoi(str[3:5]), atoi(str[6:])
			if n == 8 {
				y += 1900
				if y < 1950 {
					y += 100
				}
			}
			if validDay(y, m, d) {
				t.isoY, t.isoM, t.isoD = int16(y), int8(m), int8(d)
			}
		} else if n := len(str); n == 5 && str[4] == 's' && isDigits(str[:4]) && str[3] == '0' {
			t.decade = int16(atoi(str[:3])) // 1990s
		} else if n := len(str); n >= 3 && n <= 4 && isDigits(str[:n-2]) {
			switch strings.ToLower(str[n-2:]) {
			case "st", "nd", "rd", "th":
				t.ord = int16(atoi(str[:n-2])) // 20th
			}
		}
	default:
		t.w = lookup(str)
		if t.w == nil {
			if h := strings.IndexByte(str, '-'); h > 0 && h < len(str)-1 {
				pre, post := str[:h], str[h+1:]
				switch {
				case strings.EqualFold(pre, "mid"):
					t.mid = true
					if n := len(post); n == 5 && post[4] == 's' && isDigits(post[:4]) {
						t.decade = int16(atoi(post[:3]))
					} else if len(post) == 4 && isDigits(post) {
						t.midYear = int16(atoi(post))
					} else {
						t.w = lookup(post)
					}
				case strings.EqualFold(pre, "year") && (strings.EqualFold(post, "ago") || strings.EqualFold(post, "earlier")):
					t.yearAgo = true
				case strings.EqualFold(post, "quarter"):
					if o := lookup(pre); o != nil && o.ordinal >= 1 && o.ordinal <= 4 {
						t.hyQuart = o.ordinal
					}
				case strings.EqualFold(post, "half"):
					if o := lookup(pre); o != nil && o.ordinal >= 1 && o.ordinal <= 2 {
						t.hyHalf = o.ordinal
					}
				}
			}
		}
	}
}

// tk returns token i of the current sentence or a zero token outside it.
func (s *scanner) tk(i int) *tok {
	if i < s.sent.First || i >= s.sent.Last {
		return &zeroTok
	}
	return &s.t[i]
}

var zeroTok = tok{num: -1}

func (t *tok) is(w string) bool { return t.w != nil && t.w.w == w }

// at tries to match a date expression starting at token i; it returns the
// end token (exclusive) and the value, or j <= i when none starts here.
func (s *scanner) at(i int) (int, string) {
	t := s.tk(i)
	if t.w == nil && t.kind != verbatim.Number && !t.yearAgo && t.hyQuart == 0 && t.hyHalf == 0 && !t.mid && t.decade == 0 && t.ord == 0 && t.midYear == 0 {
		return i, ""
	}
	if t.w != nil {
		if j, v := s.phrase(i); j > i {
			if t.is("the") && s.tk(j-1).is("future") && !s.prevIs(i, "in", "into", "about", "for", "toward", "towards", "until", "till", "from", "over") {
				// "important to the future of our peoples", "the future
				// looks bleak": the noun, not a time adverbial
				return i, ""
			}
			return j, v
		}
		if j := s.inThePast(i); j > i {
			return j, "PAST_REF"
		}
	}
	// Leading modifiers ("the", "early", "fiscal", "the end of").
	k := i
	for n := 0; n < 4; n++ {
		m := s.tk(k)
		if m.w == nil || !m.w.modifier {
			break
		}
		k++
		if (m.is("end") || m.is("beginning") || m.is("middle")) && strings.EqualFold(s.tk(k).s, "of") {
			k++
		}
	}
	if j, v := s.core(k); j > k {
		if k > i && strings.HasSuffix(v, "_REF") {
			// "the current chief" is a PRESENT_REF on "current" alone:
			// the modifiers are left as plain words
			s.skip = k - i
		}
		return j, v
	}
	if k != i {
		if j, v := s.core(i); j > i {
			return j, v
		}
	}
	return i, ""
}

func (s *scanner) phrase(i int) (int, string) {
	t := s.tk(i)
	for _, p := range t.w.phrases {
		ok := true
		for n, w := range p.words {
			if !s.tk(i + n).is(w) {
				ok = false
				break
			}
		}
		if ok {
			return i + len(p.words), p.value
		}
	}
	return i, ""
}

// inThePast matches "the past" of "in the past" used alone ("In the past,
// Russia has claimed ..."), not "in the past two years" or "in the past
// few weeks", which are durations.
func (s *scanner) inThePast(i int) int {
	if !s.tk(i).is("the") || !s.tk(i+1).is("past") || !s.prevIs(i, "in") {
		return i
	}
	n := s.tk(i + 2)
	if n.kind == verbatim.Number || n.ord > 0 || n.decade > 0 {
		return i
	}
	if n.w != nil && (n.w.unit != 0 || n.w.number > 0 || n.w.ordinal > 0 || n.w.month > 0 || n.w.weekday > 0 || n.w.season != "") {
		return i
	}
	if followedBy(n.s, "few", "several", "couple", "many", "decade", "century", "half", "quarter") {
		return i
	}
	return i + 2
}

func (s *scanner) prevIs(i int, ws ...string) bool {
	if i-1 < s.sent.First {
		return false
	}
	p := s.t[i-1].s
	for _, w := range ws {
		if strings.EqualFold(p, w) {
			return true
		}
	}
	return false
}

// core matches an expression without leading modifiers at k.
func (s *scanner) core(k int) (int, string) {
	t := s.tk(k)
	switch {
	case t.isoY > 0:
		s.lastGran = 'D'
		return k + 1, ymdValue(int(t.isoY), int(t.isoM), int(t.isoD))
	case t.decade > 0:
		return k + 1, yearValue(int(t.decade))[1:]
	case t.midYear > 0:
		return k + 1, yearValue(int(t.midYear))
	case t.ord > 0:
		if s.tk(k+1).is("century") && t.ord >= 2 {
			return k + 2, yearValue(int(t.ord) - 1)[2:]
		}
		return k, ""
	case t.yearAgo:
		return s.yearAgo(k)
	case t.hyQuart > 0:
		return s.quarter(k, k+1, int(t.hyQuart), 0)
	case t.hyHalf > 0:
		y, _ := s.year(0)
		return k + 1, halfValue(y, int(t.hyHalf))
	case t.kind == verbatim.Number:
		return s.number(k)
	case (t.s == "'" || t.s == "’") && s.prevIs(k, "the", "mid", "early", "late", "-"):
		return s.shortDecade(k)
	case t.w == nil:
		return k, ""
	}
	w := t.w
	if j, y := s.spokenYear(k); j > k {
		s.lastGran = 'Y'
		return j, yearValue(y)
	}
	if (w.month > 0 || w.weekday > 0) && s.prevIs(k, "each", "every", "per") {
		return k, "" // "each Thursday", "every July": a TimeML SET, not a date
	}
	switch {
	case w.holiday:
		return s.holiday(k)
	case w.isPtr:
		return s.pointer(k)
	case w.isDay && w.dayword >= 0 && s.prevIs(k, "of") && !s.prevIs(k-1, "as"):
		// "many of today's computers", "the people of tomorrow": the
		// present or future in general ("as of today" is a date)
		return k, ""
	case w.isDay:
		if !s.hasRef {
			return k + 1, "XXXX-XX-XX"
		}
		s.lastGran = 'D'
		s.isTime = s.timeOfDay(k, k+1) // "yesterday afternoon", "at mid-afternoon yesterday"
		return k + 1, dayValue(s.ref.AddDate(0, 0, int(w.dayword)))
	case w.ref != "":
		if w.ref == "PRESENT_REF" && !s.opt.Now {
			return k, ""
		}
		return k + 1, w.ref
	case w.month > 0:
		return s.month(k)
	case w.weekday > 0:
		return s.weekday(k, 2)
	case w.decade > 0 && s.prevIs(k, "the"):
		return k + 1, "19" + string(rune('0'+w.decade))
	case w.season != "":
		if (w.w == "fall" || w.w == "spring") && !s.prevIs(k, "the", "this", "last", "next", "in", "early", "late", "since", "by", "until") {
			return k, ""
		}
		return s.season(k, k+1, w.season, 2)
	case w.ordinal > 0:
		return s.ordinal(k)
	case w.number > 0:
		return s.ago(k)
	case w.unit == 'Q' && s.prevIs(k, "the", "that", "its"):
		s.lastGran = 'Q'
		if !s.hasRef {
			return k + 1, "XXXX-QX"
		}
		y, q := s.reported()
		if a := s.tk(k + 1); (strings.EqualFold(a.s, "a") || strings.EqualFold(a.s, "one")) && s.tk(k+2).is("year") && (s.tk(k+3).is("ago") || s.tk(k+3).is("earlier")) {
			// "for the quarter a year ago": one expression, a year back
			y, q = addQuarters(y, q, -4)
			return k + 4, quarterValue(y, q)
		}
		return k + 1, quarterValue(y, q)
	case w.w == "year" && s.prevIs(k, "the", "full", "fiscal"):
		if j, y := s.spokenYear(k + 1); j > k+1 && s.prevIs(k, "the") {
			return j, yearValue(y) // "the year two thousand"
		}
		// "the full year", "the fiscal year" (not "a fiscal year", nor "the
		// year ended March 31", which is a fiscal year of its own)
		if !s.prevIs(k, "the") && !s.prevIs(k-1, "the") {
			return k, ""
		}
		if n := s.tk(k + 1).s; n == "'s" || n == "’s" || followedBy(n, "before", "after", "ended", "ending", "earlier", "ago") {
			return k, ""
		}
		s.lastGran = 'Y'
		if !s.hasRef {
			return k + 1, "XXXX"
		}
		return k + 1, yearValue(s.ref.Year())
	case w.unit == 'E' && s.prevIs(k, "the"):
		dir := -1 // "over the weekend", past unless the sentence looks ahead
		if s.tense(k, k+1) > 0 {
			dir = 1
		}
		return s.weekend(k+1, dir)
	}
	return k, ""
}

// reported returns the last completed quarter before the reference date:
// the quarter business news reports on ("the quarter", "the latest
// quarter", "a year earlier" in an earnings report).
func (s *scanner) reported() (int, int) {
	if !s.hasRef {
		return 0, 0
	}
	return addQuarters(s.ref.Year(), quarterOf(s.ref.Month()), -1)
}

func (s *scanner) qyear() int {
	if !s.hasRef {
		return 0
	}
	return s.lastQY
}

// year returns the reference year moved by n (0 when unknown).
func (s *scanner) year(n int) (int, bool) {
	if !s.hasRef {
		return 0, false
	}
	return s.ref.Year() + n, true
}

func (s *scanner) number(k int) (int, string) {
	t := s.tk(k)
	n := t.num
	switch {
	case n < 0:
		return k, ""
	case t.ndig <= 2 && n >= 1 && n <= 31 && s.tk(k+1).w != nil && s.tk(k+1).w.month > 0:
		// 3 February 2025
		m := int(s.tk(k + 1).w.month)
		j := k + 2
		y := 0
		if yt := s.tk(j); yt.ndig == 4 {
			y = yt.num
			j++
		}
		return s.dayOf(k, j, y, m, n)
	case t.ndig == 4 && n >= 1800 && n <= 2099:
		if s.prevIs(k, "$", "£", "€", "#") {
			return k, ""
		}
		nx := s.tk(k + 1)
		if nx.s == "%" || strings.EqualFold(nx.s, "percent") {
			return k, ""
		}
		if n%10 == 0 && (nx.s == "'s" || nx.s == "’s") && s.prevIs(k, "the", "early", "late", "mid") {
			return k + 2, yearValue(n)[:3] // "the 1990's": the decade
		}
		// "the 1988 second quarter", "the 1989 quarter"
		if nx.w != nil && nx.w.ordinal >= 1 && nx.w.ordinal <= 4 && s.tk(k+2).is("quarter") {
			return s.quarter(k, k+3, int(nx.w.ordinal), n)
		}
		if nx.hyQuart > 0 {
			return s.quarter(k, k+2, int(nx.hyQuart), n)
		}
		if nx.is("quarter") && s.hasRef && s.prevIs(k, "the") {
			// "in the 1988 quarter": the reported quarter of that year
			_, q := s.reported()
			return s.quarter(k, k+2, q, n)
		}
		s.lastGran = 'Y'
		return k + 1, yearValue(n)
	case t.ndig <= 2 && n >= 1:
		return s.ago(k) // "two weeks ago", "20 years ago"
	}
	return k, ""
}

// dayOf finishes a day-of-month expression ending before j; y <= 0 means
// the year is inferred from the reference date (the nearest such day).
func (s *scanner) dayOf(k, j, y, m, d int) (int, string) {
	if !validDay(y, m, d) {
		return k, ""
	}
	s.lastGran = 'D'
	s.isTime = s.timeOfDay(k, j)
	if y > 0 {
		return j, ymdValue(y, m, d)
	}
	if !s.hasRef {
		return j, ymdValue(0, m, d)
	}
	// Nearest occurrence, with tense breaking near-ties.
	best, bestDist := 0, 1<<30
	dir, tdist := s.tenseDist(k, j)
	factor := 2
	if tdist <= 2 {
		factor = 10 // "the year ended Jan. 31", "will expire Nov. 6"
	}
	for _, yy := range [3]int{s.ref.Year() - 1, s.ref.Year(), s.ref.Year() + 1} {
		if !validDay(yy, m, d) {
			continue
		}
		c := time.Date(yy, time.Month(m), d, 12, 0, 0, 0, time.UTC)
		dist := int(c.Sub(s.ref).Hours() / 24)
		if dir < 0 && dist > 0 || dir > 0 && dist < 0 {
			dist *= factor // against the tense: only when much nearer
		}
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = yy, dist
		}
	}
	if best == 0 {
		return k, ""
	}
	return j, ymdValue(best, m, d)
}

func (s *scanner) month(k int) (int, string) {
	t := s.tk(k)
	m := int(t.w.month)
	full := len(t.w.w) > 4 || t.w.w == "may" || t.w.w == "june" || t.w.w == "july"
	if !t.cap && !t.mid {
		return k, ""
	}
	j := k + 1
	if s.tk(j).s == "." { // "Sept ." split by the tokenizer
		j++
	}
	nx := s.tk(j)
	if nx.kind == verbatim.Number && nx.ndig <= 2 && nx.num >= 1 && nx.num <= 31 && !t.mid {
		d := nx.num
		j++
		y := 0
		if s.tk(j).s == "," && s.tk(j+1).ndig == 4 && s.tk(j+1).num >= 1800 {
			y = s.tk(j + 1).num
			j += 2
		} else if s.tk(j).ndig == 4 && s.tk(j).num >= 1800 {
			y = s.tk(j).num
			j++
		}
		return s.dayOf(k, j, y, m, d)
	}
	if nx.w != nil && nx.w.ordinal > 0 && !t.mid {
		return s.dayOf(k, j+1, 0, m, int(nx.w.ordinal))
	}
	if nx.ndig == 4 && nx.num >= 1800 && nx.num <= 2099 {
		s.lastGran = 'M'
		return j + 1, monthValue(nx.num, m)
	}
	if e, y := s.spokenYear(j); e > j {
		s.lastGran = 'M'
		return e, monthValue(y, m)
	}
	if nx.isPtr() && s.tk(j+1).is("year") {
		y, _ := s.year(int(nx.w.pointer))
		s.lastGran = 'M'
		return j + 2, monthValue(y, m)
	}
	if !full {
		return k, ""
	}
	if (m == 5 || m == 3) && !t.mid && !s.prevIs(k, "in", "since", "by", "until", "till", "before", "after", "of", "from", "through", "during", "early", "late", "mid", "last", "this", "next", "end", "beginning", "middle", "in") {
		return k, ""
	}
	dir := 0
	if s.prevIs(k, "since", "last") {
		dir = -1
	} else if s.prevIs(k, "next", "until", "till", "by") {
		dir = 1
	}
	return s.monthRel(k, k+1, m, dir, true)
}

func (t *tok) isPtr() bool { return t.w != nil && t.w.isPtr }

// monthRel resolves a month without a year. dir -1: the latest one before
// the reference month, 1: the next one after, 0: by tense, nearest.
func (s *scanner) monthRel(k, j, m, dir int, useTense bool) (int, string) {
	s.lastGran = 'M'
	if !s.hasRef {
		return j, monthValue(0, m)
	}
	y, rm := s.ref.Year(), int(s.ref.Month())
	if dir == 0 && useTense {
		// a month just before or after the reference month is that one
		if diff := m - rm; diff >= -2 && diff <= 2 || diff >= 10 || diff <= -10 {
			switch {
			case diff >= 10:
				return j, monthValue(y-1, m)
			case diff <= -10:
				return j, monthValue(y+1, m)
			}
			return j, monthValue(y, m)
		}
		dir = s.tense(k, j)
		if dir == 0 {
			// nearest
			if m-rm > 6 {
				return j, monthValue(y-1, m)
			}
			if rm-m > 6 {
				return j, monthValue(y+1, m)
			}
			return j, monthValue(y, m)
		}
		// with a tense, the same month is this month
		if m == rm {
			return j, monthValue(y, m)
		}
	}
	switch {
	case dir == -2 && m >= rm-1:
		// "last February" said in March is a year ago: the month just
		// past would be "last month"
		y--
	case dir < 0 && m >= rm:
		y--
	case dir > 0 && m <= rm:
		y++
	}
	return j, monthValue(y, m)
}

// weekday resolves a weekday name at k; dir 2 means "by tense".
func (s *scanner) weekday(k int, dir int) (int, string) {
	t := s.tk(k)
	if !t.cap {
		return k, ""
	}
	j := k + 1
	// "Tuesday, December 9, 1997", "Friday Oct. 13"
	c := j
	if s.tk(c).s == "," {
		c++
	}
	if mt := s.tk(c); mt.w != nil && mt.w.month > 0 && mt.cap {
		if e, v := s.month(c); e > c && len(v) == 10 {
			return e, v
		}
	}
	s.isTime = s.timeOfDay(k, j)
	return s.weekdayRel(k, j, int(t.w.weekday), dir)
}

// timeOfDay reports whether the expression [k, j) is given with a time of
// day: "Thursday evening", "noon Friday", "5 p.m. EST, Nov. 6".
func (s *scanner) timeOfDay(k, j int) bool {
	if n := s.tk(j); n.w != nil && n.w.timeOfDay {
		return true
	}
	// "on Monday and Tuesday nights"
	if c := s.tk(j); (strings.EqualFold(c.s, "and") || strings.EqualFold(c.s, "or")) && s.tk(j+1).w != nil && s.tk(j+1).w.weekday > 0 {
		if n := s.tk(j + 2); n.w != nil && n.w.timeOfDay {
			return true
		}
	}
	p := k - 1
	if p >= s.sent.First && s.t[p].s == "," {
		p--
	}
	return p >= s.sent.First && s.t[p].w != nil && s.t[p].w.timeOfDay
}

func followedBy(w string, ws ...string) bool {
	for _, x := range ws {
		if strings.EqualFold(w, x) {
			return true
		}
	}
	return false
}

// spokenYear reads a year written in words at k: "nineteen ninety-six",
// "nineteen seventy nine", "two thousand" (after "the year", "in", "by").
func (s *scanner) spokenYear(k int) (int, int) {
	t := s.tk(k)
	if t.w == nil {
		return k, 0
	}
	if t.w.century > 0 {
		n := s.tk(k + 1)
		if v := wordNumber(n.s); v >= 10 && v <= 99 {
			return k + 2, int(t.w.century)*100 + v
		}
		if n.w != nil && n.w.tens >= 20 {
			v := int(n.w.tens)
			if o := s.tk(k + 2); o.w != nil && o.w.ones > 0 {
				return k + 3, int(t.w.century)*100 + v + int(o.w.ones)
			}
			return k + 2, int(t.w.century)*100 + v
		}
		return k, 0
	}
	if t.is("two") && strings.EqualFold(s.tk(k+1).s, "thousand") && s.prevIs(k, "year", "in", "by", "since", "until") {
		return k + 2, 2000
	}
	return k, 0
}

// wordNumber reads "ninety-six" (or "ninety") as 96; 0 when it is not one.
func wordNumber(w string) int {
	h := strings.IndexByte(w, '-')
	if h < 0 {
		if e := lookup(w); e != nil && e.tens >= 20 {
			return int(e.tens)
		}
		return 0
	}
	a, b := lookup(w[:h]), lookup(w[h+1:])
	if a == nil || b == nil || a.tens < 20 || b.ones == 0 {
		return 0
	}
	return int(a.tens) + int(b.ones)
}

// weekdayRel: dir -1 the one before the reference day, 1 the one after,
// 0 this week's coming one (or today), 2 by tense (past when unknown).
func (s *scanner) weekdayRel(k, j, wd, dir int) (int, string) {
	s.lastGran = 'D'
	if !s.hasRef {
		return j, "XXXX-XX-XX"
	}
	if dir == 2 {
		dir = s.tense(k, j)
		if dir == 0 {
			dir = -1
		}
		// a bare weekday naming the publication day is that day
		if int(isoWeekday(s.ref)) == wd {
			return j, dayValue(s.ref)
		}
	}
	rw := isoWeekday(s.ref)
	var off int
	switch {
	case dir < 0:
		off = -((rw - wd + 7) % 7)
		if off == 0 {
			off = -7
		}
	case dir > 0:
		off = (wd - rw + 7) % 7
		if off == 0 {
			off = 7
		}
	default:
		off = (wd - rw + 7) % 7
	}
	return j, dayValue(s.ref.AddDate(0, 0, off))
}

func isoWeekday(t time.Time) int {
	w := int(t.Weekday())
	if w == 0 {
		return 7
	}
	return w
}

// season resolves a season word; dir 2 means "by tense".
func (s *scanner) season(k, j int, se string, dir int) (int, string) {
	// "the summer of 1994"
	if strings.EqualFold(s.tk(j).s, "of") && s.tk(j+1).ndig == 4 {
		return j + 2, seasonValue(s.tk(j+1).num, se)
	}
	if strings.EqualFold(s.tk(j).s, "of") {
		if e, y := s.spokenYear(j + 1); e > j+1 {
			return e, seasonValue(y, se)
		}
	}
	if !s.hasRef {
		return j, seasonValue(0, se)
	}
	y := s.ref.Year()
	cur := seasonOfMonth(s.ref.Month())
	idx := seasonOrder[se]
	if dir == 2 {
		dir = s.tense(k, j)
		if dir == 0 || idx == cur {
			return j, seasonValue(y, se)
		}
	}
	switch {
	case dir == -2 && s.opt.LastSeasonYearBefore: // "last spring": last year's (TimeBank: in October 1989, 1988-SP)
		y--
	case dir == -2 && idx >= cur:
		y--
	case dir < 0 && idx >= cur:
		y--
	case dir > 0 && idx <= cur:
		y++
	}
	return j, seasonValue(y, se)
}

// pointer handles "last/this/next/past/coming ... unit|month|weekday|season".
func (s *scanner) pointer(k int) (int, string) {
	dir := int(s.tk(k).w.pointer)
	ptr := s.tk(k).w.w
	j := k + 1
	if n := s.tk(j); n.isPtr() && (n.is("past") || n.is("coming")) {
		dir = int(n.w.pointer)
		j++
	}
	if s.tk(j).is("fiscal") {
		j++
	}
	u := s.tk(j)
	if s.tk(k).cap && u.cap && k > s.sent.First && u.w != nil && u.w.unit != 0 {
		return k, "" // "This Week" (a programme), "Next Year" (a title)
	}
	if ptr == "current" && (u.w == nil || u.w.unit == 0) {
		if !s.opt.CurrentAdjective {
			return k, ""
		}
		if followedBy(u.s, "account", "accounts", "affairs") || u.s == "-" {
			return k, "" // the economists' "current account", not a time
		}
		if s.prevIs(k, "then") {
			return k + 1, "PAST_REF" // "the then current price"
		}
		return k + 1, "PRESENT_REF"
	}
	if u.w == nil {
		if u.hyQuart > 0 && dir == 0 {
			return s.quarter(k, j+1, int(u.hyQuart), 0)
		}
		return k, ""
	}
	switch {
	case u.w.month > 0 && u.cap:
		if dir == 0 && (ptr == "this") {
			y, _ := s.year(0)
			s.lastGran = 'M'
			return j + 1, monthValue(y, int(u.w.month))
		}
		if dir < 0 && ptr == "last" {
			dir = -2
		}
		return s.monthRel(k, j+1, int(u.w.month), dir, false)
	case u.w.weekday > 0 && u.cap:
		if t, ok := s.anchorDay(); ok && (ptr == "previous" || ptr == "preceding" || ptr == "following") && s.prevIs(k, "the") {
			// "Friday ... down 4.5% from the previous Friday": the week
			// before the day last named, not before publication
			off := (int(u.w.weekday) - isoWeekday(t) + 7) % 7 // days forward
			if dir < 0 {
				off = off - 7 // strictly before
			} else if off == 0 {
				off = 7
			}
			s.lastGran = 'D'
			return j + 1, dayValue(t.AddDate(0, 0, off))
		}
		return s.weekdayRel(k, j+1, int(u.w.weekday), dir)
	case u.w.season != "":
		if dir == 0 {
			y, _ := s.year(0)
			return j + 1, seasonValue(y, u.w.season)
		}
		if dir < 0 && ptr == "last" {
			dir = -2
		}
		return s.season(k, j+1, u.w.season, dir)
	case u.w.ordinal >= 1 && u.w.ordinal <= 4 && s.tk(j+1).is("quarter") && dir == 0:
		return s.quarter(k, j+2, int(u.w.ordinal), 0)
	case u.w.holiday:
		return s.holiday(j) // "last Christmas"
	case u.w.unit == 'C':
		return s.century(k, j, ptr, dir)
	}
	if j, v := s.following(k, j, dir); j > k {
		return j, v
	}
	if uw := u.w.w; dir != 0 && strings.HasSuffix(uw, "s") && strings.IndexByte("YMWD", u.w.unit) >= 0 {
		// "in past years", "the next months": no count, no date
		if dir < 0 {
			return j + 1, "PAST_REF"
		}
		return j + 1, "FUTURE_REF"
	}
	if u.w.w == "half" && ptr == "last" && strings.EqualFold(s.tk(j+1).s, "of") && s.tk(j+2).ndig == 4 {
		return j + 3, halfValue(s.tk(j+2).num, 2) // "the last half of 1989"
	}
	switch u.w.unit {
	case 'Y':
		y, ok := s.year(dir)
		if ptr == "latest" || ptr == "current" {
			y, ok = s.year(0)
		}
		j++
		// "this year's third quarter"
		if s.tk(j).s == "'s" || s.tk(j).s == "’s" {
			if o := s.tk(j + 1); o.w != nil && o.w.ordinal >= 1 && o.w.ordinal <= 4 && s.tk(j+2).is("quarter") {
				s.lastGran, s.lastQ = 'Q', int(o.w.ordinal)
				if ok {
					s.lastQY = y
				}
				return j + 3, quarterValue(y, int(o.w.ordinal))
			}
			if o := s.tk(j + 1); o.hyQuart > 0 {
				return j + 2, quarterValue(y, int(o.hyQuart))
			}
		}
		if !ok {
			return j, "XXXX"
		}
		s.lastGran = 'Y'
		return j, yearValue(y)
	case 'M':
		s.lastGran = 'M'
		if !s.hasRef {
			return j + 1, "XXXX-XX"
		}
		t := time.Date(s.ref.Year(), s.ref.Month(), 1, 12, 0, 0, 0, time.UTC).AddDate(0, dir, 0)
		return j + 1, monthValue(t.Year(), int(t.Month()))
	case 'W':
		s.lastGran = 'W'
		if !s.hasRef {
			return j + 1, "XXXX-WXX"
		}
		return j + 1, weekValue(s.ref.AddDate(0, 0, 7*dir))
	case 'E':
		return s.weekend(j+1, dir)
	case 'Q':
		s.lastGran = 'Q'
		if !s.hasRef {
			return j + 1, "XXXX-QX"
		}
		y, q := s.ref.Year(), quarterOf(s.ref.Month())
		if ptr == "latest" || ptr == "this" {
			y, q = s.reported()
		} else {
			y, q = addQuarters(y, q, dir)
		}
		s.lastQY, s.lastQ = y, q
		return j + 1, quarterValue(y, q)
	case 'P':
		if ptr == "latest" && s.lastGran == 'Q' && s.hasRef {
			y, q := s.reported()
			return j + 1, quarterValue(y, q)
		}
	case 'X':
		if y, ok := s.year(0); ok && dir < 0 {
			return j + 1, yearValue(y/10*10 - 10)[:3]
		}
	}
	return k, ""
}

// following resolves "the following year", "the previous month" (unit at
// token j) against the last date of the text that names a year, not
// against the publication date: "On May 22, 1995, he was promoted, and the
// following year ..." is 1996. Without such a date it declines (k).
func (s *scanner) following(k, j, dir int) (int, string) {
	p := s.tk(k)
	if !(p.is("following") || p.is("previous") || p.is("preceding")) || !s.prevIs(k, "the") || s.anchor == "" {
		return k, ""
	}
	y := atoi(s.anchor[:4])
	switch s.tk(j).w.unit {
	case 'Y':
		if s.tk(j).w.w != "year" { // not "the following years"
			return k, ""
		}
		s.lastGran = 'Y'
		return j + 1, yearValue(y + dir)
	case 'M':
		a := s.anchor
		if len(a) < 7 || a[4] != '-' || !isDigits(a[5:7]) {
			return k, ""
		}
		if s.tk(j).w.w != "month" {
			return k, ""
		}
		t := time.Date(y, time.Month(atoi(a[5:7])), 1, 12, 0, 0, 0, time.UTC).AddDate(0, dir, 0)
		s.lastGran = 'M'
		return j + 1, monthValue(t.Year(), int(t.Month()))
	}
	return k, ""
}

// anchorDay returns the last day named in the text (the anchor when it is
// a full date).
func (s *scanner) anchorDay() (time.Time, bool) {
	a := s.anchor
	if len(a) != 10 || a[4] != '-' || a[7] != '-' || !isDigits(a[5:7]) || !isDigits(a[8:]) {
		return time.Time{}, false
	}
	y, m, d := atoi(a[:4]), atoi(a[5:7]), atoi(a[8:])
	if !validDay(y, m, d) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC), true
}

func (s *scanner) weekend(j, dir int) (int, string) {
	s.lastGran = 'W'
	if !s.hasRef {
		return j, "XXXX-WXX-WE"
	}
	t := s.ref
	switch {
	case dir < 0 && isoWeekday(t) < 6:
		t = t.AddDate(0, 0, -7)
	case dir > 0 && isoWeekday(t) >= 6:
		t = t.AddDate(0, 0, 7)
	}
	return j, weekValue(t) + "-WE"
}

// quarter resolves quarter q ending before j; y <= 0 means the reference year.
func (s *scanner) quarter(k, j, q, y int) (int, string) {
	if y <= 0 {
		// "the third quarter of 1989", "fiscal 1990 first quarter"
		if strings.EqualFold(s.tk(j).s, "of") && s.tk(j+1).ndig == 4 {
			y = s.tk(j + 1).num
			j += 2
		} else if yy, ok := s.year(0); ok {
			y = yy
			// "the year-ago third quarter"
			for b := k - 1; b >= k-2 && b >= s.sent.First; b-- {
				if s.t[b].yearAgo {
					y--
				}
			}
		}
	}
	s.lastGran, s.lastQ = 'Q', q
	if y > 0 {
		s.lastQY = y
	}
	return j, quarterValue(y, q)
}

// yearAgo handles "year-ago" / "year-earlier" (+ quarter, period).
func (s *scanner) yearAgo(k int) (int, string) {
	j := k + 1
	n := s.tk(j)
	if n.w != nil && n.w.ordinal >= 1 && n.w.ordinal <= 4 && s.tk(j+1).is("quarter") {
		y, _ := s.year(-1)
		return s.quarter(k, j+2, int(n.w.ordinal), y)
	}
	if n.hyQuart > 0 {
		y, _ := s.year(-1)
		return s.quarter(k, j+1, int(n.hyQuart), y)
	}
	if n.is("quarter") || n.is("period") || s.lastGran == 'Q' && s.opt.QuarterYearAgo {
		if n.is("quarter") || n.is("period") {
			j++
		}
		if !s.hasRef {
			return j, "XXXX-QX"
		}
		y, q := s.reported()
		y, q = addQuarters(y, q, -4)
		return j, quarterValue(y, q)
	}
	if y, ok := s.year(-1); ok {
		return j, yearValue(y)
	}
	return j, "XXXX"
}

// ordinal handles "third quarter", "second half", "21st century".
func (s *scanner) ordinal(k int) (int, string) {
	o := int(s.tk(k).w.ordinal)
	n := s.tk(k + 1)
	switch {
	case n.is("quarter") && o <= 4:
		return s.quarter(k, k+2, o, 0)
	case n.is("half") && o <= 2:
		y, _ := s.year(0)
		if strings.EqualFold(s.tk(k+2).s, "of") && s.tk(k+3).ndig == 4 {
			return k + 4, halfValue(s.tk(k+3).num, o)
		}
		return k + 2, halfValue(y, o)
	case n.is("century") && o >= 10:
		return k + 2, yearValue(o - 1)[2:]
	}
	return k, ""
}

// ago handles "a year ago", "two weeks earlier", "five months ago".
func (s *scanner) ago(k int) (int, string) {
	t := s.tk(k)
	n := t.num
	if t.w != nil {
		n = int(t.w.number)
	}
	u := s.tk(k + 1)
	a := s.tk(k + 2)
	if u.w == nil || u.w.unit == 0 || n <= 0 || !(a.is("ago") || a.is("earlier")) {
		return k, ""
	}
	j := k + 3
	if !s.hasRef {
		switch u.w.unit {
		case 'D':
			return j, "XXXX-XX-XX"
		case 'W':
			return j, "XXXX-WXX"
		case 'M':
			return j, "XXXX-XX"
		case 'Y':
			return j, "XXXX"
		case 'X':
			return j, "XXX"
		}
		return k, ""
	}
	switch u.w.unit {
	case 'D':
		return j, dayValue(s.ref.AddDate(0, 0, -n))
	case 'W':
		return j, weekValue(s.ref.AddDate(0, 0, -7*n))
	case 'M':
		t := time.Date(s.ref.Year(), s.ref.Month(), 1, 12, 0, 0, 0, time.UTC).AddDate(0, -n, 0)
		return j, monthValue(t.Year(), int(t.Month()))
	case 'Y':
		if n == 1 && s.lastGran == 'Q' && s.opt.QuarterYearAgo {
			y, q := s.reported()
			y, q = addQuarters(y, q, -4)
			return j, quarterValue(y, q)
		}
		return j, yearValue(s.ref.Year() - n)
	case 'X': // "a decade ago": the decade, as TimeML writes it ("200")
		return j, yearValue(s.ref.Year() - 10*n)[:3]
	}
	return k, ""
}

// tense returns -1 (past), 1 (future) or 0 from the tense marker nearest to
// the expression [k, j) in its sentence.
func (s *scanner) tense(k, j int) int {
	d, _ := s.tenseDist(k, j)
	return d
}

// tenseDist is tense with the distance in tokens to the marker.
func (s *scanner) tenseDist(k, j int) (int, int) {
	best, bestDist, bestCost := 0, 1<<30, 1<<30
	for i := s.sent.First; i < s.sent.Last; i++ {
		if i >= k && i < j {
			continue
		}
		t := &s.t[i]
		v := 0
		if s.ofOtherDate(i) {
			continue
		}
		if t.w != nil {
			v = int(t.w.tense)
			if v > 0 && (t.is("planned") || t.is("plans") || t.is("plan") || t.is("planning") || t.is("expected") || t.is("expects") || t.is("expect") || t.is("set") || t.is("supposed") || t.is("due") || t.is("going") || t.is("scheduled")) {
				if n := s.tk(i + 1); !strings.EqualFold(n.s, "to") && !strings.EqualFold(n.s, "for") {
					v = 0
				}
			}
			if v < 0 && participle(s, i) {
				v = 0
			}
		} else if t.kind == verbatim.Word && !t.cap && len(t.s) > 4 && strings.HasSuffix(t.s, "ed") {
			v = -1
			if participle(s, i) {
				v = 0
			}
		} else if strings.EqualFold(t.s, "to") && aux(s.tk(i-1).s) && !strings.EqualFold(s.tk(i-1).s, "to") {
			v = 1 // "is to resume", "are to meet"
		}
		if v == 0 {
			continue
		}
		dist := i - j
		a, b := j, i
		if i < k {
			dist = k - i
			a, b = i, k
		}
		// a marker across a comma is in another clause ("will stand
		// trial on Friday, a judge ruled"): the clause's own comes first
		cost := dist + clauseCost*s.breaks(a, b)
		if cost < bestCost {
			best, bestDist, bestCost = v, dist, cost
		}
	}
	return best, bestDist
}

// clauseCost is what crossing a comma or bracket adds to the distance of a
// tense marker.
const clauseCost = 4

// breaks counts the punctuation tokens between a and b that may close a
// clause (commas, semicolons, brackets, dashes, quotation marks).
func (s *scanner) breaks(a, b int) int {
	n := 0
	for i := a; i < b; i++ {
		if t := &s.t[i]; t.kind == verbatim.Punct && t.s != "." && t.s != "'" && t.s != "’" && t.s != "-" {
			n++
		}
	}
	return n
}

// ofOtherDate reports whether token i, a tense marker by itself, is part
// of a date expression of its own: "next" of "next year's budget", "last"
// of "last week", "ago" of "two weeks ago", "yesterday". Such a word tells
// the time of its expression, not the tense of the clause: "approved next
// year's budget late on Thursday" is the Thursday before.
func (s *scanner) ofOtherDate(i int) bool {
	t := &s.t[i]
	if t.w == nil {
		return false
	}
	if t.w.isDay {
		return true
	}
	unit := func(u *tok) bool {
		return u.w != nil && (u.w.unit != 0 || u.w.month > 0 || u.w.weekday > 0 || u.w.season != "") || u.hyQuart > 0
	}
	if t.w.isPtr {
		return unit(s.tk(i + 1))
	}
	if t.is("ago") || t.is("earlier") {
		return unit(s.tk(i - 1))
	}
	return false
}

// aux reports whether w is an auxiliary that makes the next participle or
// infinitive non-past ("will be named", "is to resume").
func aux(w string) bool {
	for _, a := range auxiliaries {
		if strings.EqualFold(w, a) {
			return true
		}
	}
	return false
}

var auxiliaries = [...]string{"be", "being", "is", "are", "am", "will", "would", "'ll", "to", "shall", "can", "could", "may", "might", "must", "should"}

// determiner reports whether w is a word before which an -ed word is an
// adjective ("a still unspecified date", "the expected rise").
func determiner(w string) bool {
	for _, a := range determiners {
		if strings.EqualFold(w, a) {
			return true
		}
	}
	return false
}

var determiners = [...]string{"a", "an", "the", "still", "its", "his", "her", "their", "our", "this", "that", "these", "those", "newly", "most", "more", "less", "very"}

// participle reports whether the past form at i is a participle after an
// auxiliary ("will be named", "to be paid") or an adjective ("an
// unspecified date"), not a past tense.
func participle(s *scanner, i int) bool {
	p := s.tk(i - 1)
	return p.s != "" && (aux(p.s) || determiner(p.s) || aux(s.tk(i-2).s) && strings.EqualFold(p.s, "be"))
}
