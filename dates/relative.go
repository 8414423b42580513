package dates

import (
	"strings"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/ascii"
)

// Expressions relative to the reference date or to a date of the text:
// "last week", "next month", "the following year", "the weekend", "two
// weeks ago".

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
	if ptr == "last" && u.is("week") && j == k+1 && s.prevIs(k, "the") && strings.EqualFold(s.tk(j+1).s, "of") {
		return s.weekOf(k, j+1, false) // "the last week of 2003"
	}
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
	if u.w != nil && u.w.timeOfDay && s.hasRef && (ptr == "last" && (u.is("night") || u.is("evening")) || ptr == "this" && (u.is("morning") || u.is("afternoon") || u.is("evening"))) {
		// "last night", "this morning": TimeML TIMEs of a day, which
		// date statements all the same
		s.isTime, s.lastGran = true, 'D'
		return j + 1, dayValue(s.ref.AddDate(0, 0, min(dir, 0)))
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
		e, v := s.weekdayRel(k, j+1, int(u.w.weekday), dir)
		// "this coming Sunday, March 8": one day, written twice
		if c := e; s.tk(c).s == "," && s.tk(c+1).w != nil && s.tk(c+1).w.month > 0 && s.tk(c+1).cap {
			if e2, v2 := s.month(c + 1); e2 > c+1 && len(v2) == 10 && (v2 == v || !s.hasRef) {
				return e2, v2
			}
		}
		return e, v
	case u.w.season != "":
		if e, v := s.seasonAfter(k, j, u.w.season, dir); e > k {
			return e, v // "the following spring": after the last date named
		}
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
		if e, v := s.holiday(j); e > j {
			return e, v // "last Christmas"
		}
		return k, "" // "this new report", "the next Labour government"
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
			if o := s.tk(j + 1); ptr == "last" && (o.is("quarter") || o.is("period")) && s.hasRef && s.opt.QuarterYearAgo {
				// "sales for last year's quarter": the quarter
				// reported on, a year back
				qy, q := s.namedQuarter()
				qy, q = addQuarters(qy, q, -4)
				s.kind = 'c'
				return j + 2, quarterValue(qy, q)
			}
		}
		if !ok {
			return j, "XXXX"
		}
		if ptr == "last" && j == k+2 && s.lastGran == 'Q' && s.opt.QuarterYearAgo && s.comparedBack(k, j) {
			// "net rose in the third quarter ... compared with a loss
			// of $3 million last year": that quarter a year back
			qy, q := s.namedQuarter()
			qy, q = addQuarters(qy, q, -4)
			s.kind = 'c'
			return j, quarterValue(qy, q)
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
		if ptr == "latest" {
			y, q = s.namedQuarter()
			s.referQuarter(y, q)
		} else if ptr == "this" {
			y, q = s.reported()
		} else {
			y, q = addQuarters(y, q, dir)
		}
		s.lastQY, s.lastQ = y, q
		return j + 1, quarterValue(y, q)
	case 'P':
		if ptr == "latest" && s.lastGran == 'Q' && s.hasRef {
			y, q := s.namedQuarter()
			s.referQuarter(y, q)
			return j + 1, quarterValue(y, q)
		}
	case 'X':
		// "the last decade", "this decade", "the next decade"
		if y, ok := s.year(0); ok && u.w.w == "decade" && (dir < 0 || ptr == "this" || ptr == "next" || ptr == "current") {
			return j + 1, yearValue(y/10*10 + 10*dir)[:3]
		}
	}
	return k, ""
}

// comparedBack reports whether the expression [k, j) gives the time of
// a figure compared with ("compared with a loss of $3 million last
// year", "up from last year's $1.55 billion"): a comparison word before
// it in its clause, or a figure after its "'s".
func (s *scanner) comparedBack(k, j int) bool {
	if n := s.tk(j); n.s == "'s" || n.s == "’s" {
		f := s.tk(j + 1)
		return followedBy(f.s, "$", "£", "€", "#", "results", "figures") || f.kind == verbatim.Number
	}
	for b := k - 1; b >= k-8 && b >= s.sent.First; b-- {
		t := s.tk(b)
		if t.kind == verbatim.Punct && t.s != "$" && t.s != "." {
			return false
		}
		if followedBy(t.s, "from", "against") || followedBy(t.s, "with") && s.prevIs(b, "compared", "compares", "comparing") {
			return true
		}
	}
	return false
}

// following resolves "the following year", "the previous month", "the
// next day" (unit at token j) against the last date of the text that
// names a year, not against the publication date: "On May 22, 1995, he was
// promoted, and the following year ..." is 1996. Without such a date, or
// with one coarser than the unit ("the next day" after "in March"), it
// declines (k).
func (s *scanner) following(k, j, dir int) (int, string) {
	p := s.tk(k)
	u := s.tk(j).w
	if !(p.is("following") || p.is("previous") || p.is("preceding") || p.is("next") && u.w == "day") || !s.prevIs(k, "the") {
		return k, ""
	}
	if u.w != "day" && u.w != "week" && u.w != "month" && u.w != "year" { // not "the following years"
		return k, ""
	}
	a, ok := s.anchorPoint(false)
	if !ok {
		return k, ""
	}
	v, ok := a.shift(u.unit, dir, u.unit)
	if !ok {
		return k, ""
	}
	s.lastGran = u.unit
	return j + 1, v
}

// anchorDay returns the last day named in the text (the anchor when it is
// a full date).
func (s *scanner) anchorDay() (time.Time, bool) {
	a := s.anchor
	if len(a) != 10 || a[4] != '-' || a[7] != '-' || !ascii.IsDigits(a[5:7]) || !ascii.IsDigits(a[8:]) {
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

// ago handles "a year ago", "two weeks earlier", "five months ago", "a
// week later", "two years from now". "Ago" and "from now" count from the
// publication date; "earlier" and "later" from the last date the text gave
// ("in 1998 ... two years later" is 2000; "in February, from a year
// earlier" is February of the year before); without
// one in this or the previous sentence, "earlier" counts from the
// publication date and "later" declines.
func (s *scanner) ago(k int) (int, string) {
	t := s.tk(k)
	n := t.num
	if t.w != nil {
		n = int(t.w.number)
	}
	u := s.tk(k + 1)
	if u.w == nil || u.w.unit == 0 || n <= 0 {
		return k, ""
	}
	ai := k + 2 // the word after the unit
	if strings.EqualFold(s.tk(ai).s, "or") && strings.EqualFold(s.tk(ai+1).s, "so") {
		ai += 2 // "a week or so ago"
	}
	a, j := s.tk(ai), ai+1
	if ai == k+2 {
		if j, v := s.inUnits(k, n, u); j > k {
			return j, v
		}
	}
	// "a few months later": no month to count to
	vague := t.is("few") || t.is("several")
	// a year before or after keeps the granularity of the date it counts
	// from (the same month or quarter of the year before: "in February,
	// from a year earlier"); other units give their own ("a week later")
	out := u.w.unit
	if out == 'Y' {
		out = 0
	}
	switch {
	case a.is("ago"):
		s.kind = 'c'
	case a.is("earlier") || strings.EqualFold(a.s, "before") && s.endOfClause(j):
		s.kind = 'c'
		if p, ok := s.anchorPoint(true); ok && !vague && !s.anchorDeictic {
			if v, ok := p.shift(u.w.unit, -n, out); ok {
				return j, v
			}
		}
	case a.is("later") || strings.EqualFold(a.s, "after") && s.endOfClause(j):
		p, ok := s.anchorPoint(true)
		if !ok || vague {
			return k, ""
		}
		if v, ok := p.shift(u.w.unit, n, out); ok {
			return j, v
		}
		return k, ""
	case strings.EqualFold(a.s, "from") && s.tk(j).is("now") && s.hasRef:
		if v, ok := (point{gran: 'D', t: s.ref}).shift(u.w.unit, n, u.w.unit); ok {
			return j + 1, v
		}
		return k, ""
	default:
		return k, ""
	}
	if vague {
		return j, "PAST_REF" // "a few years ago": no year to name
	}
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
	if u.w.unit == 'Y' && a.is("ago") && s.tk(j).is("this") && (s.tk(j+1).is("week") || s.tk(j+1).is("month")) {
		// "two years ago this week": this week or month, years back
		t := s.ref.AddDate(-n, 0, 0)
		if s.tk(j + 1).is("week") {
			return j + 2, weekValue(t)
		}
		return j + 2, monthValue(t.Year(), int(t.Month()))
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
			y, q := s.namedQuarter()
			y, q = addQuarters(y, q, -4)
			return j, quarterValue(y, q)
		}
		return j, yearValue(s.ref.Year() - n)
	case 'X': // "a decade ago": the decade, as TimeML writes it ("200")
		return j, yearValue(s.ref.Year() - 10*n)[:3]
	case 'C': // "a century ago": the century ("19")
		if y := s.ref.Year() - 100*n; y >= 100 {
			return j, yearValue(y)[:2]
		}
	}
	return k, ""
}

// inUnits handles a count of units at k (n of unit u) that says when
// something is to happen: "will be redeemed in five years" is five years
// after publication, "will one day be" the future. Not a duration: "the
// first rise in five years", "within a week", "in the past two years".
func (s *scanner) inUnits(k, n int, u *tok) (int, string) {
	if !s.hasRef || u.w.unit == 'Q' || u.w.unit == 'E' || u.w.unit == 'P' || u.w.unit == 'H' {
		return k, ""
	}
	j := k + 2
	if nx := s.tk(j); strings.EqualFold(nx.s, "of") || nx.s == "'s" || nx.s == "’s" || nx.s == "'" || nx.s == "’" {
		return k, "" // "in two years of talks", "in two years' time" (a duration)
	}
	dir, dist := s.tenseDist(k, j)
	if dir <= 0 {
		return k, ""
	}
	if u.w.w == "day" && s.tk(k).is("one") && dist <= 2 && !s.prevIs(k, "in", "for", "of", "per", "each", "a", "every", "on", "that", "the") {
		return j, "FUTURE_REF" // "Islam will one day be"
	}
	if !s.prevIs(k, "in") || s.tk(k).is("few") || s.tk(k).is("several") || strings.HasSuffix(u.w.w, "s") != (n > 1) {
		return k, ""
	}
	// "for the first time in five years", "the highest in a decade"
	for b := k - 2; b >= k-7 && b >= s.sent.First; b-- {
		w := s.t[b].s
		if followedBy(w, "first", "time", "most", "since", "record", "last", "least", "only") || len(w) > 4 && strings.HasSuffix(w, "est") {
			return k, ""
		}
	}
	v, ok := (point{gran: 'D', t: s.ref}).shift(u.w.unit, n, u.w.unit)
	if !ok {
		return k, ""
	}
	return j, v
}

// weekOf values "the first week of" or "the last week of" a year or a
// month, "of" being at j: the ISO week holding the year's or the month's
// fourth day (first) or its fourth day from the end (last). It declines,
// leaving the year or month alone, when neither follows.
func (s *scanner) weekOf(k, j int, first bool) (int, string) {
	n := s.tk(j + 1)
	var y, m, e int
	switch {
	case n.ndig == 4 && n.num >= 1800 && n.num <= 2099:
		y, e = n.num, j+2
	case n.w != nil && n.w.month > 0 && n.cap:
		end, v := s.month(j + 1)
		if end <= j+1 || len(v) != 7 || !ascii.IsDigits(v[:4]) {
			return k, ""
		}
		y, m, e = atoi(v[:4]), atoi(v[5:]), end
	default:
		return k, ""
	}
	var t time.Time
	switch {
	case m == 0 && first:
		t = time.Date(y, 1, 4, 12, 0, 0, 0, time.UTC)
	case m == 0:
		t = time.Date(y, 12, 28, 12, 0, 0, 0, time.UTC)
	case first:
		t = time.Date(y, time.Month(m), 4, 12, 0, 0, 0, time.UTC)
	default:
		t = time.Date(y, time.Month(m)+1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, -4)
	}
	s.lastGran = 'W'
	return e, weekValue(t)
}
