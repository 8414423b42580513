package dates

import "strings"

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

func (s *scanner) qyear() int {
	if !s.hasRef {
		return 0
	}
	return s.lastQY
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
