package dates

import (
	"strings"

	"github.com/verbatim-news/verbatim"
)

// Quarters, halves and the year-ago comparisons of business reporting:
// "the third quarter", "the year-ago period", "the second half of 1989".

// reported returns the last completed quarter before the reference date:
// the quarter business news reports on ("the quarter", "the latest
// quarter", "a year earlier" in an earnings report).
func (s *scanner) reported() (int, int) {
	if !s.hasRef {
		return 0, 0
	}
	return addQuarters(s.ref.Year(), quarterOf(s.ref.Month()), -1)
}

// namedQuarter returns the quarter the text last told of (in a clause that
// does not look ahead), in this sentence or the qRecent before it, with
// its year: the quarter that "the quarter", "the latest period" and "a
// year ago" refer to in an earnings report, which may be a fiscal one
// ("the fiscal first quarter ended Sept. 30 ... the quarter"); else the
// reported quarter.
func (s *scanner) namedQuarter() (int, int) {
	if s.toldQY > 0 && s.sentIdx-s.toldSent <= qRecent {
		return s.toldQY, s.toldQ
	}
	return s.reported()
}

// referQuarter notes that the text has referred again to quarter q of
// year y, the one it reports on ("the quarter", "the latest period", or
// a year back from it, "the year-ago period"): it stays the quarter that
// "the 1988 period" and "a year ago" count from.
func (s *scanner) referQuarter(y, q int) {
	s.lastGran, s.lastQY, s.lastQ, s.qSent = 'Q', y, q, s.sentIdx
	s.toldQY, s.toldQ, s.toldSent = y, q, s.sentIdx
}

// qRecent is how many sentences back a quarter told of is still the
// report's (TimeBank value F1 against the reported quarter, 10 folds: 1
// sentence 2 up 2 down, 2 sentences 4 up 1 down, 3 sentences 4 up 2 down).
const qRecent = 2

// quarterAhead reports whether quarter q of year y has not ended by the
// reference date.
func (s *scanner) quarterAhead(y, q int) bool {
	ry, rq := s.reported()
	return y > ry || y == ry && q > rq
}

// quarter resolves quarter q ending before j; y <= 0 means the reference year.
func (s *scanner) quarter(k, j, q, y int) (int, string) {
	if y <= 0 {
		// "the third quarter of 1989", "of next year", "fiscal 1990 first quarter"
		if yy, e := s.ofYear(j); e > j {
			y, j = yy, e
		} else if n := s.tk(j); n.ndig == 4 && n.num >= 1900 && n.num <= 2099 && !s.inName(j) {
			y, j = n.num, j+1 // "the first quarter 2013"
		} else if s.gameHalf() {
			return k, "" // "as the game entered the final quarter"
		} else if yy, ok := s.periodYear(k, j, q, 4); ok {
			y = yy
			// "the year-ago third quarter"
			for b := k - 1; b >= k-2 && b >= s.sent.First; b-- {
				if s.t[b].yearAgo {
					y--
				}
			}
		}
	}
	s.lastGran, s.lastQ, s.qSent = 'Q', q, s.sentIdx
	if y > 0 {
		s.lastQY = y
		if t := s.tense(k, j); (t < 0 || t == 0 && !s.quarterAhead(y, q)) && !(y < s.toldQY && s.sentIdx-s.toldSent <= qRecent) {
			// a quarter told of, not one looked ahead to ("will result
			// in a fourth-quarter charge", "no estimate of fourth-quarter
			// results"); a fiscal one ahead of the calendar is told in
			// the past ("reported a decline in fourth-quarter earnings");
			// one of an earlier year than the quarter just told of is
			// its comparison ("in the 1988 period"), not the report's
			s.toldQY, s.toldQ, s.toldSent = y, q, s.sentIdx
		}
	}
	return j, quarterValue(y, q)
}

// periodYear is the year of period n of the per in a year (quarters: 4,
// halves: 2) named without one, the expression being [k, j): the
// reference year, or the year before for a period still ahead of the
// reference date in a clause that does not look ahead ("fourth-quarter
// earnings disappointed", published in February, are last year's; "sales
// will rise in the fourth quarter" are this year's). After "this",
// "next" or "current" it is the reference year.
func (s *scanner) periodYear(k, j, n, per int) (int, bool) {
	y, ok := s.year(0)
	if !ok || s.prevIs(k, "this", "current", "next", "coming") || s.prevIs(k-1, "this", "current", "next", "coming") {
		return y, ok
	}
	if cur := (int(s.ref.Month())-1)*per/12 + 1; n > cur && s.tense(k, j) <= 0 {
		y--
	}
	return y, ok
}

// yearAgo handles "year-ago" / "year-earlier" (+ quarter, period).
func (s *scanner) yearAgo(k int) (int, string) {
	j := k + 1
	n := s.tk(j)
	if c := s.tk(j + 1); (n.kind == verbatim.Number || n.w != nil && n.w.number > 1) && c.w != nil && c.w.unit != 0 && strings.HasSuffix(c.s, "s") {
		return k, "" // "the year-earlier nine months": a span of months, no DATE
	}
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
		y, q := s.namedQuarter()
		s.referQuarter(y, q)
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
	case n.is("week") && o == 1 && s.prevIs(k, "the") && strings.EqualFold(s.tk(k+2).s, "of"):
		return s.weekOf(k, k+2, true) // "the first week of March"
	case n.is("fiscal") && s.tk(k+2).is("quarter") && o <= 4:
		return s.quarter(k, k+3, o, 0) // "the first fiscal quarter"
	case n.is("half") && o <= 2:
		of := s.tk(k + 3)
		if of.is("the") || of.isPtr() {
			of = s.tk(k + 4)
		}
		if strings.EqualFold(s.tk(k+2).s, "of") && of.w != nil && (of.w.month > 0 || of.w.unit != 0 && !of.is("year")) {
			return k, "" // "the second half of February": the month's, no half-year
		}
		if y, e := s.ofYear(k + 2); e > k+2 {
			return e, halfValue(y, o) // "the second half of 1989", "of next year"
		}
		if s.gameHalf() {
			return k, ""
		}
		y, _ := s.periodYear(k, k+2, o, 2)
		return k + 2, halfValue(y, o)
	case n.is("century") && o >= 10:
		return k + 2, yearValue(o - 1)[2:]
	}
	return k, ""
}

// shortPeriod reads a quarter or half written short at k: "Q3", "Q4
// 2023", "H1 2024", "in H2". A half needs a year or a preposition ("H1"
// is also a visa or a flu strain); neither may end a name ("Audi Q3").
func (s *scanner) shortPeriod(k int) (int, string) {
	t := s.tk(k)
	if s.inName(k) {
		return k, ""
	}
	y, j := 0, k+1
	if n := s.tk(j); n.ndig == 4 && n.num >= 1900 && n.num <= 2099 {
		y, j = n.num, j+1
	}
	if t.hyQuart > 0 {
		return s.quarter(k, j, int(t.hyQuart), y)
	}
	if y == 0 {
		if !s.prevIs(k, "in", "for", "during", "the", "its", "of") || s.gameHalf() {
			return k, ""
		}
		y, _ = s.periodYear(k, j, int(t.hyHalf), 2)
	}
	s.lastGran = 'H'
	return j, halfValue(y, int(t.hyHalf))
}

// yearEnd values "year-end", "year end", "year's end" ending before j:
// the end of the publication year, or of the year before when the clause
// looks back from early in a year or counts from it ("since year-end").
func (s *scanner) yearEnd(k, j int) (int, string) {
	if n := s.tk(j); j < s.sent.Last && n.kind == verbatim.Word && !followedBy(n.s, "and", "or", "but", "to", "in", "at", "on", "of", "for", "with", "when", "as", "the", "a", "an") {
		return k, "" // "year-end results", "when year-end net was": a modifier
	}
	y, ok := s.year(0)
	if !ok {
		return j, "XXXX"
	}
	if s.prevIs(k, "since") || s.prevIs(k-1, "since") || s.ref.Month() <= 3 && s.tense(k, j) < 0 {
		y--
	}
	s.lastGran = 'Y'
	return j, yearValue(y)
}

// samePeriod handles "the same period last year", "the corresponding
// quarter a year earlier" (the period or quarter at k): the period the
// text reports on, a year back. It declines when no year back follows or
// no period is known, leaving "last year" to stand alone.
func (s *scanner) samePeriod(k int) (int, string) {
	j := s.yearBack(k + 1)
	if j == k+1 {
		return k, ""
	}
	if s.sentIdx-s.qSent <= 1 && s.lastQY > 0 {
		// the quarter of this or the previous sentence ("for the third
		// quarter ended Sept. 30 ... for the corresponding period last year")
		y, q := addQuarters(s.lastQY, s.lastQ, -4)
		s.kind = 'c'
		return j, quarterValue(y, q)
	}
	if p, ok := s.anchorPoint(true); ok && !s.anchorDeictic && (p.gran == 'M' || p.gran == 'Q' || p.gran == 'H') {
		if v, ok := p.shift('Y', -1, 0); ok {
			s.kind = 'c'
			return j, v
		}
	}
	if !s.hasRef || !s.tk(k).is("quarter") && s.lastGran != 'Q' {
		return k, ""
	}
	y, q := s.reported()
	y, q = addQuarters(y, q, -4)
	s.kind = 'c'
	return j, quarterValue(y, q)
}

// yearBack returns the end of "last year", "of last year", "a year ago"
// or "a year earlier" at j, or j.
func (s *scanner) yearBack(j int) int {
	switch a := s.tk(j); {
	case a.is("last") && s.tk(j+1).is("year"):
		return j + 2
	case strings.EqualFold(a.s, "of") && s.tk(j+1).is("last") && s.tk(j+2).is("year"):
		return j + 3
	case (a.is("a") || a.is("one")) && s.tk(j+1).is("year") && (s.tk(j+2).is("ago") || s.tk(j+2).is("earlier")):
		return j + 3
	}
	return j
}

// gameHalf reports whether the article is about a game, whose halves are
// no halves of a year ("a second-half goal", "in the first half"): it
// says three words of a match report (goal, scored, half-time, referee,
// squad, league...: the lexicon's "game" words), read once per article.
func (s *scanner) gameHalf() bool {
	if s.game == 0 {
		s.game = -1
		n := 0
		for i := range s.t {
			if w := s.t[i].w; w != nil && w.game {
				if n++; n >= 3 {
					s.game = 1
					break
				}
			}
		}
	}
	return s.game > 0
}

// ofYearAt reports whether "of the year", "of next year" or "of 1989"
// follows at j.
func (s *scanner) ofYearAt(j int) bool {
	_, e := s.ofYear(j)
	return e > j
}

// ofYear reads the year that may close a quarter or half at j: "of 1989",
// "of the year", "of this year", "of next year", "of last year". It
// returns the year (0 when unknown) and the end, or j.
func (s *scanner) ofYear(j int) (int, int) {
	if !strings.EqualFold(s.tk(j).s, "of") {
		return 0, j
	}
	n := s.tk(j + 1)
	if n.ndig == 4 && n.num >= 1800 && n.num <= 2099 {
		return n.num, j + 2
	}
	dir := 0
	switch {
	case (n.is("the") || n.is("this") || n.is("current")) && s.tk(j+2).is("year") && s.tk(j+3).s != "'s" && s.tk(j+3).s != "’s":
	case (n.is("next") || n.is("last")) && s.tk(j+2).is("year"):
		dir = int(n.w.pointer)
	default:
		return 0, j
	}
	y, _ := s.year(dir)
	return y, j + 3
}
