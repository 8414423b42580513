package dates

import (
	"strings"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/ascii"
)

// Days, months, seasons and years named in the text ("3 February 2025",
// "Tuesday", "in March", "the summer of 1994", "nineteen ninety-six"),
// resolved against the reference date and the tense of the sentence.

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
		y, j := s.yearAfter(k + 2)
		return s.dayOf(k, j, y, int(s.tk(k+1).w.month), n)
	case t.ndig == 4 && n >= 1800 && n <= 2099:
		if s.prevIs(k, "$", "£", "€", "#") || s.inName(k) {
			return k, ""
		}
		nx := s.tk(k + 1)
		if nx.s == "%" || strings.EqualFold(nx.s, "percent") {
			return k, ""
		}
		if n/100 < 24 && n%100 < 60 && followedBy(nx.s, "GMT", "BST", "UTC", "CET", "EST", "EDT", "CST", "CDT", "PST", "PDT", "hrs", "hours") {
			return k, "" // "at 2000 GMT": a time of day
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
		if nx.is("period") && s.prevIs(k, "the") && s.lastQ > 0 && s.sentIdx-s.qSent <= 1 {
			// "net rose in the third quarter ... in the 1988 period": that
			// quarter of the year
			return s.quarter(k, k+2, s.lastQ, n)
		}
		s.lastGran = 'Y'
		return k + 1, yearValue(n)
	case t.ndig <= 3 && n >= 1:
		return s.ago(k) // "two weeks ago", "20 years ago", "100 years ago"
	}
	return k, ""
}

// inName reports whether the year at k ends a name: "Terrorism Act 2000",
// "Transport 2000", "Orion 1980", "Euro 2004" (a capitalised word that is
// no date word before it, inside the sentence).
func (s *scanner) inName(k int) bool {
	p := s.tk(k - 1)
	if k-1 <= s.sent.First || !p.cap || p.kind != verbatim.Word {
		return false
	}
	if p.w != nil && (p.w.month > 0 || p.w.weekday > 0 || p.w.season != "" || p.w.modifier || p.w.isPtr || p.w.unit != 0) {
		return false // "March 2004", "Spring 2004", "Fiscal 1990"
	}
	return true
}

// yearAfter reads the year that may close a day of a month at j ("Jan.
// 5, 2024", "5 January 2024"): the year and the end, or 0 and j.
func (s *scanner) yearAfter(j int) (int, int) {
	if s.tk(j).s == "," && s.tk(j+1).ndig == 4 && s.tk(j+1).num >= 1800 {
		return s.tk(j + 1).num, j + 2
	}
	if s.tk(j).ndig == 4 && s.tk(j).num >= 1800 {
		return s.tk(j).num, j + 1
	}
	return 0, j
}

// dayOf finishes a day-of-month expression ending before j; y <= 0 means
// the year is inferred from the reference date (the nearest such day).
func (s *scanner) dayOf(k, j, y, m, d int) (int, string) {
	if !validDay(y, m, d) {
		return k, ""
	}
	s.lastGran = 'D'
	s.isTime = s.timeOfDay(k, j)
	if y <= 0 {
		y = s.rangeYear(j) // "from 20 March to 27 March 2004"
	}
	if y <= 0 {
		y = s.knownYear(m, d) // "Sept. 11, 2001 ... the Sept. 11 attacks"
	} else if s.nKnown < len(s.known) {
		s.known[s.nKnown] = [3]int{m, d, y}
		s.nKnown++
	}
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

// dayAt reads a day of a month at c ("March 16", "27-28 November"): its
// end and date.
func (s *scanner) dayAt(c int) (int, time.Time, bool) {
	e, v := c, ""
	switch t := s.tk(c); {
	case t.w != nil && t.w.month > 0:
		e, v = s.month(c)
	case t.kind == verbatim.Number && t.ndig <= 2 && s.tk(c+1).w != nil && s.tk(c+1).w.month > 0:
		e, v = s.number(c)
	}
	if e <= c || len(v) != 10 || !ascii.IsDigits(v[:4]) {
		return c, time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", v)
	return e, t, err == nil
}

// listYear returns the year that closes a list or range of months
// starting at j, after the first ("and March 2012", ", March and May of
// last year", "to June 2009"), or 0.
func (s *scanner) listYear(j int) int {
	c, months := j, 0
	for n := 0; n < 8; n++ {
		t := s.tk(c)
		switch {
		case followedBy(t.s, "and", "or", ",", "to", "through", "-", "–"):
		case t.w != nil && t.w.month > 0 && t.cap:
			months++
		default:
			if months == 0 {
				return 0
			}
			if t.ndig == 4 && t.num >= 1800 && t.num <= 2099 {
				return t.num
			}
			y, e := s.ofYear(c)
			if e > c {
				return y
			}
			return 0
		}
		c++
	}
	return 0
}

// afterMonth reports whether the month at k follows another in a list or
// a range: "in February and March", "February, March and April".
func (s *scanner) afterMonth(k int) bool {
	if !s.prevIs(k, "and", "or", ",", "to", "through", "-", "–") {
		return false
	}
	p := s.tk(k - 2)
	return p.w != nil && p.w.month > 0 && p.cap
}

// knownYear is the year the text gave the day d of month m before, or 0.
func (s *scanner) knownYear(m, d int) int {
	for _, k := range s.known[:s.nKnown] {
		if k[0] == m && k[1] == d {
			return k[2]
		}
	}
	return 0
}

// rangeYear returns the year that closes a range of days whose first day,
// ending at j, gives none ("20 March to 27 March 2004", "Jan. 30 and Feb.
// 2, 2012"), or 0.
func (s *scanner) rangeYear(j int) int {
	if !followedBy(s.tk(j).s, "to", "and", "until", "till", "through", "-", "–") {
		return 0
	}
	c := j + 1
	if d := s.tk(c); d.kind == verbatim.Number && d.ndig <= 2 && s.tk(c+1).w != nil && s.tk(c+1).w.month > 0 {
		y, _ := s.yearAfter(c + 2)
		return y
	}
	if mt := s.tk(c); mt.w != nil && mt.w.month > 0 && mt.cap {
		c++
		if s.tk(c).s == "." {
			c++
		}
		if d := s.tk(c); d.kind == verbatim.Number && d.ndig <= 2 || d.ord > 0 {
			y, _ := s.yearAfter(c + 1)
			return y
		}
	}
	return 0
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
	if nx.kind == verbatim.Number && nx.ndig <= 2 && nx.num >= 1 && nx.num <= 31 && !t.mid || nx.ord >= 1 && nx.ord <= 31 && !t.mid {
		// "Jan. 5", "January 5, 2024", "January 5th, 2024"
		d := nx.num
		if nx.ord > 0 {
			d = int(nx.ord)
		}
		y, e := s.yearAfter(j + 1)
		return s.dayOf(k, e, y, m, d)
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
	if y, e := s.ofYear(j); e > j && y > 0 && !t.mid {
		s.lastGran = 'M'
		return e, monthValue(y, m) // "January of this year", "March of 1998"
	}
	if y := s.listYear(j); y > 0 && !t.mid && (full || s.prevIs(k, "in", "from", "between")) {
		s.lastGran = 'M'
		return j, monthValue(y, m) // "January, March and May of last year"
	}
	if !full {
		return k, ""
	}
	if !t.mid && !s.prevIs(k, "in", "since", "by", "until", "till", "before", "after", "of", "from", "through", "during", "early", "late", "mid", "last", "this", "next", "end", "beginning", "middle", "in") && !s.afterMonth(k) {
		if m == 5 || m == 3 {
			return k, ""
		}
		if s.nameWord(k + 1) {
			return k, "" // "April Ryan asked", "said June Carter": a first name
		}
		if k-1 > s.sent.First && s.nameWord(k-1) {
			return k, "" // "Jill June, Lori Jungling": a surname
		}
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

// maxMonthTense is how far a tense marker may stand from a month next to
// the reference month and still decide its year.
const maxMonthTense = 12

// monthRel resolves a month without a year. dir -1: the latest one before
// the reference month, 1: the next one after, 0: by tense, nearest.
func (s *scanner) monthRel(k, j, m, dir int, useTense bool) (int, string) {
	s.lastGran = 'M'
	if !s.hasRef {
		return j, monthValue(0, m)
	}
	y, rm := s.ref.Year(), int(s.ref.Month())
	if dir == 0 && useTense {
		// a month just before or after the reference month is that one,
		// unless the clause's own tense says otherwise ("changed ... in
		// December", said in October, is last December)
		td, tdist := s.tenseDist(k, j)
		against := tdist <= maxMonthTense && (td < 0 && (m > rm && m-rm <= 2 || m-rm <= -10) || td > 0 && (m < rm && rm-m <= 2 || m-rm >= 10))
		if diff := m - rm; (diff >= -2 && diff <= 2 || diff >= 10 || diff <= -10) && !against {
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
	if !t.cap || s.nameWord(k+1) && (s.prevIs(k, "the") || k-1 > s.sent.First && s.nameWord(k-1)) {
		return k, "" // "the Sunday Times", "the Good Friday Agreement": a name
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
	// "Sunday 27 February", "Sunday, 27 February 2005"
	if d := s.tk(c); d.kind == verbatim.Number && d.ndig <= 2 && s.tk(c+1).w != nil && s.tk(c+1).w.month > 0 {
		if e, v := s.number(c); e > c && len(v) == 10 {
			return e, v
		}
	}
	s.isTime = s.timeOfDay(k, j)
	// "Friday last week", "Monday next week": that week's day
	if p := s.tk(j); p.isPtr() && s.tk(j+1).is("week") && !p.is("following") && !p.is("latest") && s.hasRef {
		s.lastGran, s.kind = 'D', 'd'
		monday := s.ref.AddDate(0, 0, 1-isoWeekday(s.ref)+7*int(p.w.pointer))
		return j + 2, dayValue(monday.AddDate(0, 0, int(t.w.weekday)-1))
	}
	if dir == 2 && s.prevIs(k, "as") && s.prevIs(k-1, "early", "soon") && s.prevIs(k-2, "as") {
		dir = 1 // "as early as Friday": the earliest of days to come
	}
	return s.weekdayRel(k, j, int(t.w.weekday), dir)
}

// nameWord reports whether token i is a capitalised word that is no date
// word: after "the Sunday" or a bare "April", a name goes on ("the Sunday
// Times", "April Ryan").
func (s *scanner) nameWord(i int) bool {
	t := s.tk(i)
	return t.cap && t.kind == verbatim.Word && (t.w == nil || t.w.month == 0 && t.w.weekday == 0 && !t.w.isDay && t.w.season == "" && t.w.unit == 0 && !t.w.timeOfDay && !t.w.isPtr && !t.w.modifier)
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
	// "Friday at 10 a.m.", "Friday at noon": one TimeML TIME
	if strings.EqualFold(s.tk(j).s, "at") {
		if n := s.tk(j + 1); n.w != nil && n.w.timeOfDay || n.kind == verbatim.Number && (n.ndig >= 1 && n.ndig <= 2 || clock(n.s)) {
			return true
		}
	}
	// "5 p.m., Friday", "at 3 p.m. on Friday", "the evening of March 19"
	p := k - 1
	if p >= s.sent.First && (s.t[p].s == "," || strings.EqualFold(s.t[p].s, "on") || strings.EqualFold(s.t[p].s, "of")) {
		p--
	}
	return p >= s.sent.First && s.t[p].w != nil && s.t[p].w.timeOfDay
}

// clock reports whether s is a time written with a colon: "10:30".
func clock(s string) bool {
	c := strings.IndexByte(s, ':')
	return c >= 1 && c <= 2 && len(s) == c+3 && ascii.IsDigits(s[:c]) && ascii.IsDigits(s[c+1:])
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
	s.lastGran, s.kind = 'D', 'd'
	if !s.hasRef {
		return j, "XXXX-XX-XX"
	}
	if dir == 2 {
		dir = s.tense(k, j)
		if dir == 0 && s.deadline(k, j) {
			dir = 1
		}
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

// deadline reports whether the day [k, j) is told as a deadline in a
// clause without tense: "a Monday deadline", "the deadline is Monday",
// "a deal before Monday" (a time limit named in the present is ahead).
func (s *scanner) deadline(k, j int) bool {
	n := s.tk(j)
	if poss := n.s == "'s" || n.s == "’s"; poss {
		// "before Friday's purchases": the day of an event, not a limit
		return strings.EqualFold(s.tk(j+1).s, "deadline")
	}
	if s.prevIs(k, "by", "before", "until", "till") || strings.EqualFold(n.s, "deadline") {
		return true
	}
	return s.prevIs(k, "of", "is") && s.prevIs(k-1, "deadline")
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
		if a := s.tk(j + 1).s; a == "'" || a == "’" {
			if e, v := s.shortDecade(j + 1); e > j+1 && len(v) == 4 {
				return e, seasonValue(atoi(v), se) // "the summer of '69"
			}
		}
		// "the summer of last year", "the spring of next year"
		if y, e := s.ofYear(j); e > j && y > 0 {
			return e, seasonValue(y, se)
		}
	}
	if n := s.tk(j); n.ndig == 4 && n.num >= 1800 && n.num <= 2099 {
		return j + 1, seasonValue(n.num, se) // "summer 2001"
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
