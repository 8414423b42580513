package dates

import (
	"strings"
	"time"

	"github.com/verbatim-news/verbatim/internal/ascii"
)

// shortDecade reads a decade or year written with an apostrophe at k
// ("the '90s", "the mid-’80s", "in '85"): the century is the latest one
// that does not put it after the reference year (the '20s are the 1920s
// until 2020).
func (s *scanner) shortDecade(k int) (int, string) {
	n := s.tk(k + 1).s
	if len(n) == 2 && ascii.IsDigits(n) && s.prevIs(k, "in", "since", "by", "until", "of", "from", "to", "before", "after", "during") {
		// "in '85": the latest such year not after the reference year
		y := 1900 + atoi(n)
		if s.hasRef && y+100 <= s.ref.Year() {
			y += 100
		}
		s.lastGran = 'Y'
		return k + 2, yearValue(y)
	}
	if len(n) != 3 || n[2] != 's' || n[1] != '0' || !ascii.IsDigits(n[:2]) || !s.prevIs(k, "the", "mid", "early", "late", "-") {
		return k, ""
	}
	d := atoi(n[:2]) // 90
	c := 19
	if s.hasRef && 2000+d <= s.ref.Year() {
		c = 20
	}
	return k + 2, yearValue(c*100 + d)[:3]
}

// century resolves "this century", "the last century", "the next
// century" (pointer at k, unit at j) to TimeML's two digits ("21st
// century": "20").
func (s *scanner) century(k, j int, ptr string, dir int) (int, string) {
	if !s.hasRef || !followedBy(ptr, "this", "last", "next", "previous", "current") || s.tk(j).w.w != "century" {
		return k, ""
	}
	c := (s.ref.Year()-1)/100 + 1 + dir // 2013 is in the 21st century
	return j + 1, yearValue(c - 1)[2:]
}

// A holiday is a named day: fixed ("Christmas", December 25) or computed
// from the year ("Easter", "Thanksgiving").
type holiday struct {
	words []string // lower case, as tokenized: "new", "year", "'s", "day"
	day   func(y int) time.Time
}

// moves reports whether the holiday's day changes with the year.
func (h *holiday) moves() bool {
	return h.day(2001).Month() != h.day(2002).Month() || h.day(2001).Day() != h.day(2002).Day()
}

func fixed(m time.Month, d int) func(int) time.Time {
	return func(y int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
}

// nthWeekday is the n-th weekday wd of month m (n < 0: the last one).
func nthWeekday(m time.Month, wd time.Weekday, n int) func(int) time.Time {
	return func(y int) time.Time {
		if n < 0 {
			t := time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC)
			for t.Weekday() != wd {
				t = t.AddDate(0, 0, -1)
			}
			return t
		}
		t := time.Date(y, m, 1, 12, 0, 0, 0, time.UTC)
		for t.Weekday() != wd {
			t = t.AddDate(0, 0, 1)
		}
		return t.AddDate(0, 0, 7*(n-1))
	}
}

// easter is Western Easter Sunday (the anonymous Gregorian computus).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 12, 0, 0, 0, time.UTC)
}

// victoriaDay is Canada's Victoria Day: the Monday before May 25.
func victoriaDay(y int) time.Time {
	t := time.Date(y, 5, 24, 12, 0, 0, 0, time.UTC)
	for t.Weekday() != time.Monday {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

func fromEaster(days int) func(int) time.Time {
	return func(y int) time.Time { return easter(y).AddDate(0, 0, days) }
}

// holidays, longest names first. Only days that are the same wherever the
// news comes from, or named so that they cannot be taken for another
// country's ("Independence Day" is not here).
var holidays = []holiday{
	{[]string{"new", "year", "'s", "day"}, fixed(1, 1)},
	{[]string{"new", "year", "'s", "eve"}, fixed(12, 31)},
	{[]string{"christmas", "eve"}, fixed(12, 24)},
	{[]string{"christmas", "day"}, fixed(12, 25)},
	{[]string{"boxing", "day"}, fixed(12, 26)},
	{[]string{"valentine", "'s", "day"}, fixed(2, 14)},
	{[]string{"bastille", "day"}, fixed(7, 14)},
	{[]string{"easter", "sunday"}, easter},
	{[]string{"easter", "monday"}, fromEaster(1)},
	{[]string{"good", "friday"}, fromEaster(-2)},
	{[]string{"thanksgiving", "day"}, nthWeekday(11, time.Thursday, 4)},
	{[]string{"labor", "day"}, nthWeekday(9, time.Monday, 1)},
	{[]string{"labour", "day"}, nthWeekday(9, time.Monday, 1)}, // Canada's
	{[]string{"memorial", "day"}, nthWeekday(5, time.Monday, -1)},
	{[]string{"martin", "luther", "king", "jr.", "day"}, nthWeekday(1, time.Monday, 3)},
	{[]string{"martin", "luther", "king", "day"}, nthWeekday(1, time.Monday, 3)},
	{[]string{"presidents", "'", "day"}, nthWeekday(2, time.Monday, 3)},
	{[]string{"presidents", "day"}, nthWeekday(2, time.Monday, 3)},
	{[]string{"st.", "patrick", "'s", "day"}, fixed(3, 17)},
	{[]string{"fourth", "of", "july"}, fixed(7, 4)},
	{[]string{"father", "'s", "day"}, nthWeekday(6, time.Sunday, 3)},
	{[]string{"canada", "day"}, fixed(7, 1)},
	{[]string{"victoria", "day"}, victoriaDay},
	{[]string{"remembrance", "day"}, fixed(11, 11)},
	{[]string{"remembrance", "sunday"}, nthWeekday(11, time.Sunday, 2)},
	{[]string{"armistice", "day"}, fixed(11, 11)},
	{[]string{"veterans", "day"}, fixed(11, 11)},
	{[]string{"ash", "wednesday"}, fromEaster(-46)},
	{[]string{"palm", "sunday"}, fromEaster(-7)},
	{[]string{"maundy", "thursday"}, fromEaster(-3)},
	{[]string{"may", "day"}, fixed(5, 1)},
	{[]string{"christmas"}, fixed(12, 25)},
	{[]string{"easter"}, easter},
	{[]string{"thanksgiving"}, nthWeekday(11, time.Thursday, 4)},
	{[]string{"halloween"}, fixed(10, 31)},
}

// holiday matches a holiday's name at k, capitalised, used as a time: with
// a pointer ("last Christmas", "this Easter"), after a preposition ("on
// Christmas Day", "before Thanksgiving", "over Easter") or in a full name
// ("Christmas Eve"). "Christmas shopping" alone is not a date. The year is
// the nearest occurrence, with the tense breaking near-ties, as for a day
// without a year; "last" and "next" take the one before or after.
func (s *scanner) holiday(k int) (int, string) {
	if !s.tk(k).cap {
		return k, ""
	}
	for hi := range holidays {
		h := &holidays[hi]
		ok := true
		for n, w := range h.words {
			if !strings.EqualFold(s.tk(k+n).s, w) && !(w == "'s" && s.tk(k+n).s == "’s") {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		j := k + len(h.words)
		if s.prevIs(k, "the") && s.nameWord(j) {
			return k, "" // "the Good Friday Agreement": a name
		}
		dir := 0
		switch {
		case s.prevIs(k, "last", "past", "previous"):
			dir = -1
		case s.prevIs(k, "next", "coming"):
			dir = 1
		case s.prevIs(k, "this"):
		case len(h.words) > 1 || s.prevIs(k, "on", "at", "before", "after", "by", "until", "till", "since", "over", "around", "during", "for", "from", "through", "of", "to"):
		default:
			return k, ""
		}
		s.lastGran = 'D'
		// "Christmas 2011", "Easter Sunday last year": that year's
		if n := s.tk(j); n.ndig == 4 && n.num >= 1800 && n.num <= 2099 {
			return j + 1, dayValue(h.day(n.num))
		}
		if n := s.tk(j); n.isPtr() && (n.is("last") || n.is("next") || n.is("this")) && s.tk(j+1).is("year") && s.hasRef {
			return j + 2, dayValue(h.day(s.ref.Year() + int(n.w.pointer)))
		}
		if !s.hasRef {
			if h.moves() {
				return j, "XXXX-XX-XX"
			}
			t := h.day(2001)
			return j, ymdValue(0, int(t.Month()), t.Day())
		}
		return j, dayValue(s.nearest(k, j, h.day, dir))
	}
	return k, ""
}

// maxTenseReach is how near a tense marker must be to a holiday to decide
// its direction alone ("will close on Christmas Day").
const maxTenseReach = 4

// nearest picks the occurrence of a yearly day (day gives it for a year)
// around the reference date: dir -1 the last one before it, 1 the next
// one after, 0 the nearest, with the tense of the sentence breaking
// near-ties (a day against the tense is taken only when much nearer).
func (s *scanner) nearest(k, j int, day func(int) time.Time, dir int) time.Time {
	ref := time.Date(s.ref.Year(), s.ref.Month(), s.ref.Day(), 12, 0, 0, 0, time.UTC)
	var best time.Time
	bestDist := 1 << 30
	tdir, tdist := s.tenseDist(k, j)
	factor := 2
	if tdist <= 2 {
		factor = 10
	}
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		c := day(y)
		dist := int(c.Sub(ref).Hours() / 24)
		switch {
		case dir < 0 && dist >= 0, dir > 0 && dist <= 0:
			continue
		case dir == 0 && tdist <= maxTenseReach && (tdir < 0 && dist > 0 || tdir > 0 && dist < 0):
			continue // "will close on Christmas Day": the next one
		case dir == 0 && (tdir < 0 && dist > 0 || tdir > 0 && dist < 0):
			dist *= factor
		}
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = c, dist
		}
	}
	return best
}
