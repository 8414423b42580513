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
	"github.com/verbatim-news/verbatim/internal/ascii"
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
	// the year before, not the one just past. Off by default although
	// cross-validation turns it on: its one TimeBank case is a wrong
	// annotation (a strike of March 1989 that "began last spring",
	// annotated 1988), and "this past spring" there is the one just past.
	LastSeasonYearBefore bool
}

// Defaults are the options of Stage and Process.
var Defaults = Options{QuarterYearAgo: true, Now: true, CurrentAdjective: true}

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

// closesPeriod reports whether the match at i is the last day of the
// period matched just before it, ending at prev: "the quarter ended Sept.
// 30", "its fiscal year ending June 30".
func (s *scanner) closesPeriod(gran byte, prev, i int) bool {
	if gran != 'Q' && gran != 'H' && gran != 'Y' || prev < 0 || i != prev+1 {
		return false
	}
	return followedBy(s.tk(prev).s, "ended", "ending", "ends")
}

// tok is what the grammar needs to know about one token.
type tok struct {
	s       string // text in Doc.Clean
	w       *word  // lexicon entry or nil
	num     int    // value of a plain number of at most 8 digits, else -1
	isoY    int16  // 1998-01-08, 19980108, 01/08/98
	decade  int16  // "1990s" -> 199
	ord     int16  // "20th" -> 20
	midYear int16  // "mid-1996" -> 1996; "FY2024" -> 2024
	isoM    int8
	isoD    int8
	ndig    int8 // digit count of num
	hyQuart int8 // "third-quarter" -> 3
	hyHalf  int8 // "second-half" -> 2
	kind    verbatim.TokenKind
	brk     int32 // punctuation tokens that may close a clause before this one (tense.go)
	cap     bool  // starts with an upper-case ASCII letter
	mid     bool  // "mid-November": w is the part after "mid-"
	yearAgo bool  // "year-ago", "year-earlier"
	short   bool  // "Q3", "H1": hyQuart or hyHalf written short
	yrange  bool  // "2010-2012": two years, num and isoY
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
	qSent         int // the sentence of the last quarter named
	// the last quarter named in a clause that does not look ahead, and
	// its sentence (namedQuarter)
	toldQY, toldQ, toldSent int
	lastGran                byte
	sent                    verbatim.Sentence
	isTime                  bool // the last match is a time of day ("Thursday evening"): TimeML TIME
	skip                    int  // leading tokens of the last match left out of its span
	// anchor is the value of the last date found that names a year
	// ("1995-05-22", "1989-03"): "the following year" counts from it;
	// anchorSent is the index of its sentence, sentIdx the current one's
	anchor              string
	anchorSent, sentIdx int
	// anchorDeictic: the anchor is a day named from the publication date
	// ("Tuesday", "yesterday"), mostly the time of a report, not of what
	// it reports ("said Tuesday that exports rose from a year earlier")
	anchorDeictic bool
	// game: 1 when the article is about a game (gameHalf), -1 when not,
	// 0 before it is asked
	game int8
	// cut, when set, is the span of the last match within its one token,
	// and more a second date of the same token ("2010-2012")
	cut  verbatim.Span
	more verbatim.Date
	// known holds the days the text gave with their year (month, day,
	// year): a day named again without one is the same day
	known  [8][3]int
	nKnown int
	// kind is what the last match was: 'd' a day named from the
	// publication date, 'c' a comparison counted back ("a year ago", "a
	// year earlier"), which is no anchor: "a year ago ... a year earlier"
	// are one time, not two years apart
	kind byte
}

// Find appends the date expressions of d to dst, in text order. Days named
// with a time of day ("Thursday evening", "noon Friday") are TimeML TIMEs,
// not DATEs: they are not returned.
func Find(d *verbatim.Doc, dst []verbatim.Date) []verbatim.Date { return find(d, dst, nil, Defaults) }

func find(d *verbatim.Doc, dst []verbatim.Date, times *[]verbatim.Date, opt Options) []verbatim.Date {
	if len(d.Tokens) == 0 || len(d.Clean) == 0 {
		return dst
	}
	s := &scanner{d: d, ref: d.Ref, hasRef: !d.Ref.IsZero(), opt: opt, qSent: -2}
	buf := tokPool.Get().(*[]tok)
	if cap(*buf) < len(d.Tokens) {
		*buf = make([]tok, len(d.Tokens)+len(d.Tokens)/4)
	}
	s.t = (*buf)[:len(d.Tokens)]
	defer func() {
		s.t = nil
		tokPool.Put(buf)
	}()
	var brk int32
	for i := range d.Tokens {
		s.info(i)
		s.t[i].brk = brk
		if s.t[i].clauseBreak() {
			brk++
		}
	}
	if s.hasRef {
		s.lastQY, s.lastQ = addQuarters(s.ref.Year(), quarterOf(s.ref.Month()), -1)
	}
	sents := d.Sentences
	if len(sents) == 0 {
		sents = []verbatim.Sentence{{Span: verbatim.Span{Start: 0, End: len(d.Clean)}, First: 0, Last: len(d.Tokens)}}
	}
	for si, se := range sents {
		if se.First < 0 || se.Last > len(s.t) || se.First >= se.Last {
			continue
		}
		s.sent, s.sentIdx = se, si
		prevEnd, prevGran := -1, byte(0) // the last match of the sentence
		for i := se.First; i < se.Last; {
			s.isTime = false
			s.skip = 0
			s.kind = 0
			s.cut, s.more = verbatim.Span{}, verbatim.Date{}
			j, v := s.at(i)
			if j <= i || v == "" {
				i++
				continue
			}
			sp := verbatim.Span{Start: d.Tokens[i+s.skip].Start, End: d.Tokens[j-1].End}
			if s.cut.End > 0 {
				sp = s.cut
			}
			if s.isTime {
				if times != nil {
					*times = append(*times, verbatim.Date{Span: sp, Value: v})
				}
			} else {
				dst = append(dst, verbatim.Date{Span: sp, Value: v})
				if s.more.End > 0 {
					dst = append(dst, s.more)
					v = s.more.Value
				}
				if s.closesPeriod(prevGran, prevEnd, i) && len(v) == 10 {
					// "the quarter ended Sept. 30": the day closes the
					// period the text reports on, which stays the time
					// to count from ("... from $2 million a year ago")
					s.lastGran = prevGran
				} else if len(v) >= 4 && ascii.IsDigits(v[:4]) && s.kind != 'c' {
					s.anchor, s.anchorSent, s.anchorDeictic = v, si, s.kind == 'd'
				}
				prevEnd, prevGran = j, s.lastGran
			}
			i = j
		}
	}
	return dst
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
		if ascii.IsDigits(str) {
			if len(str) <= 8 {
				t.num, t.ndig = atoi(str), int8(len(str))
				if len(str) == 8 {
					y, m, d := atoi(str[:4]), atoi(str[4:6]), atoi(str[6:])
					if y >= 1900 && y <= 2099 && validDay(y, m, d) {
						t.isoY, t.isoM, t.isoD = int16(y), int8(m), int8(d)
					}
				}
			}
		} else if len(str) == 10 && (str[4] == '-' || str[4] == '/') && str[7] == str[4] && ascii.IsDigits(str[:4]) && ascii.IsDigits(str[5:7]) && ascii.IsDigits(str[8:]) {
			y, m, d := atoi(str[:4]), atoi(str[5:7]), atoi(str[8:])
			if y >= 1000 && validDay(y, m, d) {
				t.isoY, t.isoM, t.isoD = int16(y), int8(m), int8(d)
			}
		} else if n := len(str); (n == 8 || n == 10) && str[2] == '/' && str[5] == '/' && ascii.IsDigits(str[:2]) && ascii.IsDigits(str[3:5]) && ascii.IsDigits(str[6:]) {
			m, d, y := atoi(str[:2]), atoi(str[3:5]), atoi(str[6:])
			if m > 12 && d <= 12 {
				m, d = d, m // "22/03/2013": the day first
			}
			if n == 8 {
				y += 1900
				if y < 1950 {
					y += 100
				}
			}
			if validDay(y, m, d) {
				t.isoY, t.isoM, t.isoD = int16(y), int8(m), int8(d)
			}
		} else if len(str) == 9 && str[4] == '-' && ascii.IsDigits(str[:4]) && ascii.IsDigits(str[5:]) && atoi(str[:4]) >= 1800 && atoi(str[:4]) < atoi(str[5:]) && atoi(str[5:]) <= 2099 {
			t.yrange, t.num, t.isoY = true, atoi(str[:4]), int16(atoi(str[5:])) // 2010-2012
		} else if h := strings.IndexByte(str, '-'); h >= 1 && h <= 2 && len(str) > h+1 && len(str) <= h+3 && ascii.IsDigits(str[:h]) && ascii.IsDigits(str[h+1:]) {
			t.num, t.ndig = atoi(str[:h]), int8(h) // "Jan. 5-7": the first day
		} else if n := len(str); n == 5 && str[4] == 's' && ascii.IsDigits(str[:4]) && str[3] == '0' {
			t.decade = int16(atoi(str[:3])) // 1990s
		} else if n := len(str); n >= 3 && n <= 4 && ascii.IsDigits(str[:n-2]) {
			switch strings.ToLower(str[n-2:]) {
			case "st", "nd", "rd", "th":
				t.ord = int16(atoi(str[:n-2])) // 20th
			}
		}
	default:
		if mayStart(str) { // inlined: most words stop here
			t.w = lookupRest(str)
		}
		if t.w == nil && (len(str) == 6 || len(str) == 4) && c == 'F' && str[1] == 'Y' && ascii.IsDigits(str[2:]) {
			y := atoi(str[2:]) // "FY2024", "FY24": a fiscal year
			if len(str) == 4 {
				y += 2000
			}
			if y >= 1900 && y <= 2099 {
				t.midYear = int16(y)
			}
		} else if t.w == nil && len(str) == 2 && (c == 'Q' && str[1] >= '1' && str[1] <= '4' || c == 'H' && (str[1] == '1' || str[1] == '2')) {
			t.short = true // "Q3", "H1"
			if c == 'Q' {
				t.hyQuart = int8(str[1] - '0')
			} else {
				t.hyHalf = int8(str[1] - '0')
			}
		} else if t.w == nil {
			if h := strings.IndexByte(str, '-'); h > 0 && h < len(str)-1 {
				pre, post := str[:h], str[h+1:]
				switch {
				case strings.EqualFold(pre, "mid"):
					t.mid = true
					if n := len(post); n == 5 && post[4] == 's' && ascii.IsDigits(post[:4]) {
						t.decade = int16(atoi(post[:3]))
					} else if len(post) == 4 && ascii.IsDigits(post) {
						t.midYear = int16(atoi(post))
					} else {
						t.w = lookup(post)
					}
				case strings.EqualFold(pre, "fiscal"):
					if o := lookup(post); o != nil && o.ordinal >= 1 && o.ordinal <= 4 {
						t.w = o // "the fiscal-first quarter": the ordinal, before "quarter"
					}
				case strings.EqualFold(pre, "year") && (strings.EqualFold(post, "ago") || strings.EqualFold(post, "earlier")):
					t.yearAgo = true
				case strings.EqualFold(post, "quarter"):
					if o := lookup(pre); o != nil && o.ordinal >= 1 && o.ordinal <= 4 {
						t.hyQuart = o.ordinal
					} else if strings.EqualFold(pre, "final") {
						t.hyQuart = 4 // "final-quarter"
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
	if (t.w == nil || t.w.marker) && t.kind != verbatim.Number && !t.yearAgo && t.hyQuart == 0 && t.hyHalf == 0 && !t.mid && t.decade == 0 && t.ord == 0 && t.midYear == 0 && t.s != "'" && t.s != "’" {
		return i, "" // no date starts here ("said", "will": tense markers only)
	}
	if t.w != nil {
		if j, v := s.phrase(i); j > i {
			if t.is("the") && s.tk(j-1).is("future") && !s.prevIs(i, "in", "into", "about", "for", "toward", "towards", "until", "till", "from", "over") {
				// "important to the future of our peoples", "the future
				// looks bleak": the noun, not a time adverbial
				return i, ""
			}
			if t.is("the") && v == "PAST_REF" && s.prevIs(i, "for") {
				// "for the past few weeks" says how long (a duration,
				// PXW); "in the past few weeks" says when
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
		if s.tk(k - 1).is("year-end") {
			return s.yearEnd(i, k)
		}
	}
	return i, ""
}

// phrase matches the lexicon phrases starting with the word at i, longest
// first. Every phrase has two words or more, and its first word is the
// token's: a phrase matches when each later word's token has that very
// lexicon entry (s.tk(i+n).is(w), compared by pointer).
func (s *scanner) phrase(i int) (int, string) {
	t := s.tk(i)
	if len(t.w.phrases) == 0 || s.tk(i+1).w == nil {
		return i, ""
	}
	for _, p := range t.w.phrases {
		ok := true
		for n, w := range p.ws {
			if s.tk(i+1+n).w != w {
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
	case t.yrange:
		// "2010-2012": two dates in one token
		tk := s.d.Tokens[k]
		s.cut = verbatim.Span{Start: tk.Start, End: tk.Start + 4}
		s.more = verbatim.Date{Span: verbatim.Span{Start: tk.Start + 5, End: tk.End}, Value: yearValue(int(t.isoY))}
		s.lastGran = 'Y'
		return k + 1, yearValue(t.num)
	case t.isoY > 0:
		s.lastGran = 'D'
		return k + 1, ymdValue(int(t.isoY), int(t.isoM), int(t.isoD))
	case t.decade > 0 && t.decade%10 == 0 && t.decade < 200:
		return k + 1, yearValue(int(t.decade) / 10)[2:] // "the 1800s": the century, 18
	case t.decade > 0:
		return k + 1, yearValue(int(t.decade))[1:]
	case t.midYear > 0:
		return k + 1, yearValue(int(t.midYear))
	case t.ord > 0:
		if s.tk(k+1).is("century") && t.ord >= 2 && !(s.tk(k+1).cap && s.nameWord(k+2)) { // not "20th Century Fox"
			return k + 2, yearValue(int(t.ord) - 1)[2:]
		}
		// "5th January 2019", "the 5th of January"
		m := k + 1
		if strings.EqualFold(s.tk(m).s, "of") {
			m++
		}
		if mt := s.tk(m); mt.w != nil && mt.w.month > 0 && mt.cap && t.ord <= 31 {
			y, j := s.yearAfter(m + 1)
			return s.dayOf(k, j, y, int(mt.w.month), int(t.ord))
		}
		return k, ""
	case t.yearAgo:
		return s.yearAgo(k)
	case t.short:
		return s.shortPeriod(k)
	case t.hyQuart > 0:
		return s.quarter(k, k+1, int(t.hyQuart), 0)
	case t.hyHalf > 0:
		if s.gameHalf() {
			return k, "" // "a second-half goal"
		}
		y, _ := s.periodYear(k, k+1, int(t.hyHalf), 2)
		return k + 1, halfValue(y, int(t.hyHalf))
	case t.kind == verbatim.Number:
		return s.number(k)
	case t.s == "'" || t.s == "’":
		return s.shortDecade(k)
	case t.w == nil && strings.EqualFold(t.s, "final") && s.tk(k+1).is("quarter") && k > s.sent.First && s.t[k-1].w != nil && s.t[k-1].w.modifier:
		return s.quarter(k, k+2, 4, 0) // "the final quarter of 2012"
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
	if w.holiday {
		if j, v := s.holiday(k); j > k {
			return j, v
		}
	}
	switch {
	case w.isPtr:
		return s.pointer(k)
	case w.isDay && w.dayword >= 0 && s.prevIs(k, "of") && !s.prevIs(k-1, "as"):
		// "many of today's computers", "the people of tomorrow": the
		// present or future in general ("as of today" is a date)
		return k, ""
	case w.isDay && s.tk(k).cap && k > s.sent.First && s.tk(k-1).kind == verbatim.Word && (s.tk(k-1).w == nil || !s.tk(k-1).w.modifier):
		return k, "" // "USA Today", "Radio 4's Today programme": a name, capitalised within a sentence
	case w.isDay:
		if !s.hasRef {
			return k + 1, "XXXX-XX-XX"
		}
		s.lastGran, s.kind = 'D', 'd'
		// "yesterday afternoon", "at mid-afternoon yesterday", "tonight":
		// TimeML TIMEs, which date statements all the same
		s.isTime = w.timeOfDay || s.timeOfDay(k, k+1)
		return k + 1, dayValue(s.ref.AddDate(0, 0, int(w.dayword)))
	case w.ref != "":
		if w.ref == "PRESENT_REF" && !s.opt.Now {
			return k, ""
		}
		if w.w == "soon" && (s.prevIs(k, "as", "so", "too", "how") || followedBy(s.tk(k+1).s, "after", "afterwards", "afterward", "thereafter", "before")) {
			return k, "" // "as soon as", "soon after the vote": no time of its own
		}
		return k + 1, w.ref
	case w.month > 0:
		return s.month(k)
	case w.weekday > 0:
		return s.weekday(k, 2)
	case w.decade > 0 && s.prevIs(k, "the"):
		return k + 1, "19" + string(rune('0'+w.decade))
	case w.season != "":
		if (w.w == "fall" || w.w == "spring") && !s.prevIs(k, "this", "last", "next", "in", "early", "late", "since", "by", "until") &&
			!(s.prevIs(k, "the") && (s.prevIs(k-1, "in", "during", "by", "until", "till", "since", "over", "through", "before", "after") && !followedBy(s.tk(k+1).s, "in", "of", "to", "from", "by", "on", "at") || strings.EqualFold(s.tk(k+1).s, "of") && (s.tk(k+2).ndig == 4 || s.ofYearAt(k+1)))) {
			return k, "" // "the fall in prices", "the fall of the Wall": no season
		}
		if s.tk(k).cap && k > s.sent.First && (s.nameWord(k+1) || strings.EqualFold(s.tk(k+1).s, "of") && s.nameWord(k+2)) {
			return k, "" // "the Summer Olympics", "the Winter Palace", "My Summer of Love": a name
		}
		if s.prevIs(k, "that") {
			if p, ok := s.anchorPoint(false); ok {
				return k + 1, seasonValue(p.t.Year(), w.season) // "that summer"
			}
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
		y, q := s.namedQuarter()
		if e := s.tk(k + 2); followedBy(s.tk(k+1).s, "ended", "ending") && e.w != nil && e.w.month > 0 && e.w.month%3 != 0 {
			// "the quarter ended July 31": off the calendar's quarters,
			// the one that holds most of its three months (May to July)
			y = s.ref.Year()
			if int(e.w.month) > int(s.ref.Month()) {
				y--
			}
			mid := time.Date(y, time.Month(e.w.month), 1, 12, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
			y, q = mid.Year(), quarterOf(mid.Month())
		}
		s.referQuarter(y, q)
		if a := s.tk(k + 1); (strings.EqualFold(a.s, "a") || strings.EqualFold(a.s, "one")) && s.tk(k+2).is("year") && (s.tk(k+3).is("ago") || s.tk(k+3).is("earlier")) {
			// "for the quarter a year ago": one expression, a year back
			y, q = addQuarters(y, q, -4)
			return k + 4, quarterValue(y, q)
		}
		return k + 1, quarterValue(y, q)
	case (w.w == "month" || w.w == "week") && s.prevIs(k, "the") && s.prevIs(k-1, "of") && s.prevIs(k-2, "end", "beginning", "middle", "start"):
		// "by the end of the month": this month, or the month the
		// sentence names ("in June ... by the end of the month")
		return s.unitOfSentenceDate(k, w.unit)
	case w.w == "year" && (s.tk(k+1).is("end") || (s.tk(k+1).s == "'s" || s.tk(k+1).s == "’s") && s.tk(k+2).is("end")) && !s.prevIs(k, "a", "each", "every", "per", "fiscal"):
		if s.tk(k + 1).is("end") {
			return s.yearEnd(k, k+2)
		}
		return s.yearEnd(k, k+3)
	case w.unit != 0 && (s.prevIs(k, "that", "same", "corresponding", "comparable") || s.prevIs(k, "the") && followedBy(s.tk(k+1).s, "before", "after")):
		// "that year", "the same day", "the day before": the last date
		// the text gave, or one next to it
		return s.relativeTo(k)
	case (w.w == "day" || w.w == "week" || w.w == "month" || w.w == "year") && s.prevIs(k, "the") && s.prevIs(k-1, "in") && s.prevIs(k-2, "earlier", "later", "early", "late"):
		// "later in the day", "earlier in the week": the day or week of
		// the date the sentence gave, else of the publication
		return s.unitOfSentenceDate(k, w.unit)
	case (w.w == "week" || w.unit == 'E') && s.prevIs(k, "the") && strings.EqualFold(s.tk(k+1).s, "of"):
		// "the week of March 16", "the weekend of 27-28 November": that
		// day's week or weekend
		e, t, ok := s.dayAt(k + 2)
		if !ok {
			return k, ""
		}
		s.lastGran = 'W'
		if w.unit == 'E' {
			return e, weekValue(t) + "-WE"
		}
		return e, weekValue(t)
	case w.w == "year" && s.prevIs(k, "the", "fiscal", "calendar") && !s.tk(k).cap && s.tk(k+1).ndig == 4 && s.tk(k+1).num >= 1800 && s.tk(k+1).num <= 2099:
		// "the year 2013", "fiscal year 2012": one expression, the year named
		s.lastGran = 'Y'
		return k + 2, yearValue(s.tk(k + 1).num)
	case w.w == "year" && s.tk(k).cap && s.prevIs(k, "the") && k-1 > s.sent.First:
		return k, "" // "Person of the Year", "Car of the Year": a title
	case w.w == "year" && s.prevIs(k, "the", "full", "fiscal"):
		if j, y := s.spokenYear(k + 1); j > k+1 && s.prevIs(k, "the") {
			return j, yearValue(y) // "the year two thousand"
		}
		// "the full year", "the fiscal year" (not "a fiscal year", nor "the
		// year ended March 31", which is a fiscal year of its own)
		if !s.prevIs(k, "the") && !s.prevIs(k-1, "the") {
			return k, ""
		}
		if n := s.tk(k + 1).s; n == "'s" || n == "’s" || followedBy(n, "before", "after", "ended", "ending", "earlier", "ago", "to", "through", "until", "till") {
			// "the year to March": twelve months, a duration
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

// unitOfSentenceDate values the unit word at k ("the month", "the day")
// as the unit holding the date its sentence gave ("in June ... by the end
// of the month", "later in the day"), else the publication date's.
func (s *scanner) unitOfSentenceDate(k int, unit byte) (int, string) {
	p, ok := s.anchorPoint(true)
	if !ok || s.anchorSent != s.sentIdx || rank(p.gran) > rank(unit) {
		if !s.hasRef {
			return k, ""
		}
		p = point{gran: 'D', t: s.ref}
	}
	v, ok := p.shift(unit, 0, unit)
	if !ok {
		return k, ""
	}
	s.lastGran = unit
	return k + 1, v
}
