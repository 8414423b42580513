package dates

import (
	"strings"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/ascii"
)

// Expressions anchored on the last date the text gave rather than on the
// publication date: "the next day", "the day before", "that week", "the
// same month", "a week later", "a year earlier" ("Exports fell in
// February from a year earlier" is February of the year before).

// A point is a date value that names its year, read back for arithmetic.
type point struct {
	gran byte      // 'D' day, 'W' week, 'M' month, 'Q' quarter, 'H' half, 'S' season, 'Y' year
	t    time.Time // the day, or the first day of the week, month, quarter or year
	part string    // the season ("SU") or half ("H2") of an 'S' or 'H' point
}

// rank orders granularities from fine to coarse.
func rank(g byte) int {
	switch g {
	case 'D':
		return 0
	case 'W':
		return 1
	case 'M':
		return 2
	case 'Q':
		return 3
	case 'H', 'S':
		return 4
	case 'Y':
		return 5
	case 'X':
		return 6
	}
	return -1
}

// parsePoint reads a value that names its year: 2013-03-19, 2013-W12,
// 2013-W12-WE, 2013-03, 2013-Q1, 2013-H2, 2013-SU, 2013.
func parsePoint(v string) (point, bool) {
	if len(v) < 4 || !ascii.IsDigits(v[:4]) {
		return point{}, false
	}
	y := atoi(v[:4])
	day := func(m, d int) time.Time { return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC) }
	rest := v[4:]
	switch {
	case rest == "":
		return point{gran: 'Y', t: day(1, 1)}, true
	case len(rest) == 6 && rest[0] == '-' && rest[3] == '-' && ascii.IsDigits(rest[1:3]) && ascii.IsDigits(rest[4:]):
		m, d := atoi(rest[1:3]), atoi(rest[4:])
		if !validDay(y, m, d) {
			return point{}, false
		}
		return point{gran: 'D', t: day(m, d)}, true
	case len(rest) == 3 && rest[0] == '-' && ascii.IsDigits(rest[1:]):
		m := atoi(rest[1:])
		if m < 1 || m > 12 {
			return point{}, false
		}
		return point{gran: 'M', t: day(m, 1)}, true
	case len(rest) >= 4 && rest[:2] == "-W" && ascii.IsDigits(rest[2:4]) && (len(rest) == 4 || rest[4:] == "-WE"):
		return point{gran: 'W', t: isoWeekStart(y, atoi(rest[2:4]))}, true
	case len(rest) == 3 && rest[:2] == "-Q" && rest[2] >= '1' && rest[2] <= '4':
		return point{gran: 'Q', t: day(int(rest[2]-'1')*3+1, 1)}, true
	case len(rest) == 3 && rest[:2] == "-H" && (rest[2] == '1' || rest[2] == '2'):
		return point{gran: 'H', t: day(1, 1), part: rest[1:]}, true
	case len(rest) == 3 && rest[0] == '-':
		if _, ok := seasonOrder[rest[1:]]; ok {
			return point{gran: 'S', t: day(1, 1), part: rest[1:]}, true
		}
	}
	return point{}, false
}

// isoWeekStart is the Monday of ISO week w of year y.
func isoWeekStart(y, w int) time.Time {
	jan4 := time.Date(y, 1, 4, 12, 0, 0, 0, time.UTC)
	return jan4.AddDate(0, 0, 1-isoWeekday(jan4)+7*(w-1))
}

// shift moves p by n units (D, W, M, Q, Y, X for decades) and writes the
// result at granularity out (0: p's own). It declines (false) a unit finer
// than p ("two days later" after "in March": no day is known) and an out
// finer than p or not made of p's periods (a month from a week).
func (p point) shift(unit byte, n int, out byte) (string, bool) {
	if out == 0 {
		out = p.gran
	}
	if rank(unit) < rank(p.gran) || rank(out) < rank(p.gran) || rank(unit) < 0 || rank(out) < 0 {
		return "", false
	}
	t := p.t
	switch unit {
	case 'D':
		t = t.AddDate(0, 0, n)
	case 'W':
		t = t.AddDate(0, 0, 7*n)
	case 'M':
		t = t.AddDate(0, n, 0)
	case 'Q':
		t = t.AddDate(0, 3*n, 0)
	case 'Y', 'X':
		if unit == 'X' {
			n *= 10
		}
		if p.gran == 'W' {
			y, w := p.t.AddDate(0, 0, 3).ISOWeek() // the Thursday's year
			if w == 53 && isoWeekStart(y+n, 53).AddDate(0, 0, 3).Year() != y+n {
				w = 52
			}
			t = isoWeekStart(y+n, w)
		} else {
			t = t.AddDate(n, 0, 0)
		}
	default:
		return "", false
	}
	switch out {
	case 'D':
		return dayValue(t), true
	case 'W':
		return weekValue(t), true
	case 'M':
		if p.gran == 'W' {
			return "", false
		}
		return monthValue(t.Year(), int(t.Month())), true
	case 'Q':
		if p.gran == 'W' {
			return "", false
		}
		return quarterValue(t.Year(), quarterOf(t.Month())), true
	case 'H', 'S':
		if out != p.gran {
			return "", false
		}
		return yearValue(t.Year()) + "-" + p.part, true
	case 'Y':
		if p.gran == 'W' {
			y, _ := t.AddDate(0, 0, 3).ISOWeek()
			return yearValue(y), true
		}
		return yearValue(t.Year()), true
	}
	return "", false
}

// anchorPoint returns the last date the text gave, when it names its
// year; recent limits it to the current and the previous sentence.
func (s *scanner) anchorPoint(recent bool) (point, bool) {
	if s.anchor == "" || recent && s.sentIdx-s.anchorSent > 1 {
		return point{}, false
	}
	return parsePoint(s.anchor)
}

// endOfClause reports whether token i ends a phrase: punctuation, the
// end of the sentence or "and"/"but" ("the day before, ...", "a week
// later and ..."), not a complement ("the day before the vote").
func (s *scanner) endOfClause(i int) bool {
	if i >= s.sent.Last {
		return true
	}
	t := s.tk(i)
	return t.kind == verbatim.Punct || followedBy(t.s, "and", "but")
}

// relativeTo handles a unit word at k (day, week, month, year) that the
// text places against another date: "the day before", "the week after",
// "the year before last", "that day", "the same month", "that same
// week". It returns the end of the expression and its value, or k.
func (s *scanner) relativeTo(k int) (int, string) {
	w := s.tk(k).w
	u := w.unit
	if (w.w == "period" || w.w == "quarter") && s.prevIs(k, "same", "corresponding", "comparable") {
		return s.samePeriod(k)
	}
	if w.w != "day" && w.w != "week" && w.w != "month" && w.w != "year" || s.prevIs(k, "corresponding", "comparable") {
		return k, ""
	}
	nx := s.tk(k + 1)
	switch {
	case s.prevIs(k, "that") || s.prevIs(k, "same") && s.prevIs(k-1, "the", "that"):
		// "that day", "the same week": the anchor's own
		if nx.s == "'s" || nx.s == "’s" {
			return k, "" // "that year's budget"
		}
		p, ok := s.anchorPoint(false)
		if !ok {
			return k, ""
		}
		// "the same month last year": a year back
		back, e := 0, s.yearBack(k+1)
		if e > k+1 {
			back = -1
		}
		v, ok := p.shift('Y', back, u)
		if !ok {
			return k, ""
		}
		s.lastGran = u
		return e, v
	case s.prevIs(k, "the") && (strings.EqualFold(nx.s, "before") || strings.EqualFold(nx.s, "after")):
		dir := 1
		if strings.EqualFold(nx.s, "before") {
			dir = -1
		}
		// "the day before yesterday", "the year before last": from the
		// publication date
		if x := s.tk(k + 2); s.hasRef && (w.w == "day" && (dir < 0 && x.is("yesterday") || dir > 0 && x.is("tomorrow")) || w.w == "year" && (dir < 0 && x.is("last") || dir > 0 && x.is("next"))) {
			p := point{gran: 'D', t: s.ref}
			v, _ := p.shift(u, 2*dir, u)
			s.lastGran = u
			return k + 3, v
		}
		if !s.endOfClause(k + 2) {
			return k, "" // "the day before the vote": the vote's, unknown
		}
		p, ok := s.anchorPoint(false)
		if !ok {
			return k, ""
		}
		v, ok := p.shift(u, dir, u)
		if !ok {
			return k, ""
		}
		s.lastGran = u
		if dir < 0 {
			// "rose to $1.12 from $1.11 the day before ... the day
			// before": a comparison, no new time to count from
			s.kind = 'c'
		}
		return k + 2, v
	}
	return k, ""
}

// seasonAfter handles "the following spring", "the previous winter"
// (pointer at k, season at j): the first such season after (or before)
// the last date the text gave. It declines (k) for other pointers or
// without such a date.
func (s *scanner) seasonAfter(k, j int, se string, dir int) (int, string) {
	p := s.tk(k)
	if !(p.is("following") || p.is("previous") || p.is("preceding")) || !s.prevIs(k, "the") {
		return k, ""
	}
	a, ok := s.anchorPoint(false)
	if !ok {
		return k, ""
	}
	y, idx := a.t.Year(), seasonOrder[se]
	cur := seasonOfMonth(a.t.Month())
	if a.gran == 'S' {
		cur = seasonOrder[a.part]
	}
	if a.gran == 'Y' || a.gran == 'H' || dir > 0 && idx <= cur || dir < 0 && idx >= cur {
		y += dir
	}
	return j + 1, seasonValue(y, se)
}
