// Package storekit holds what every library backend (package sqlite,
// package postgres) shares so that they answer alike: name folding, the
// since/until date bounds, paging, the encoding of an entity's mentions,
// and the rows a story grouping state is written as.
package storekit

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold makes a name comparable: lower case, diacritics removed, spaces
// collapsed ("Mélanie  Joly" → "melanie joly").
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return foldASCII(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if r, _, err := transform.String(t, s); err == nil {
		s = r
	}
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// foldASCII is Fold of an ASCII string in one pass: s itself when it is
// folded already (lower case, words one space apart), else one new string.
func foldASCII(s string) string {
	folded := true
	for i := 0; i < len(s) && folded; i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			folded = false
		case asciiSpace(c):
			folded = c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' '
		}
	}
	if folded {
		return s
	}
	b := make([]byte, 0, len(s))
	gap := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if asciiSpace(c) {
			gap = true
			continue
		}
		if gap && len(b) > 0 {
			b = append(b, ' ')
		}
		gap = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// asciiSpace reports the ASCII bytes unicode.IsSpace (and strings.Fields)
// take for space.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// CheckDate validates a since/until value: an ISO date, a year or a month.
// A year or a month is kept as given: since "2025-03" takes days dated
// "2025-03" (month precision) and "2025-03-05"; until "2025-03" (compared
// with "2025-03~") all of March.
func CheckDate(name, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	t, err := verbatim.ParseDate(v)
	if err != nil {
		if len(v) == 4 || (len(v) == 7 && v[4] == '-') {
			if t2, err2 := verbatim.ParseDate(v + map[int]string{4: "-01-01", 7: "-01"}[len(v)]); err2 == nil {
				return t2.Format("2006-01-02")[:len(v)], nil
			}
		}
		return "", &verbatim.QueryError{Msg: name + ": " + err.Error()}
	}
	return t.Format("2006-01-02"), nil
}

// DayRange is a since/until range as the bounds a stored date is compared
// with. Stored dates are ISO days, months ("2025-03") or years ("2025"),
// or "" when undated: a month or a year is in the range when all of it is
// ("2004" is in 2004-01-01..2004-12-31, not in 2004-03-01..2004-12-31), and
// an undated row is in no range.
type DayRange struct {
	// Lo and Hi bound every date in the range, whatever its precision
	// (for an index): date >= Lo AND date <= Hi.
	Lo, Hi string
	// Day, Month and Year are the inclusive bounds of the dates of each
	// precision: the first and last day, the first and last whole month,
	// the first and last whole year of the range.
	Day, Month, Year [2]string
}

// DayBounds checks since and until (either may be empty, a day, a month or
// a year; since must not come after until) and returns their range; ok is
// false when neither is given.
func DayBounds(since, until string) (r DayRange, ok bool, err error) {
	if since, err = CheckDate("since", since); err != nil {
		return r, false, err
	}
	if until, err = CheckDate("until", until); err != nil {
		return r, false, err
	}
	if since == "" && until == "" {
		return r, false, nil
	}
	// an open end sorts before or after every date, and after "" (undated)
	r.Day, r.Month, r.Year = [2]string{"0", "~"}, [2]string{"0", "~"}, [2]string{"0", "~"}
	if since != "" {
		t, _ := time.Parse("2006-01-02", (since + "-01-01")[:10])
		r.Day[0] = t.Format("2006-01-02")
		m := t
		if t.Day() != 1 {
			m = time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
		}
		r.Month[0] = m.Format("2006-01")
		y := t.Year()
		if t.YearDay() != 1 {
			y++
		}
		r.Year[0] = fmt.Sprintf("%04d", y)
	}
	if until != "" {
		t, _ := time.Parse("2006-01-02", lastDay(until))
		r.Day[1] = t.Format("2006-01-02")
		m := t
		if t.AddDate(0, 0, 1).Day() != 1 {
			m = time.Date(t.Year(), t.Month(), 0, 0, 0, 0, 0, time.UTC) // the month before
		}
		r.Month[1] = m.Format("2006-01")
		y := t.Year()
		if t.Month() != 12 || t.Day() != 31 {
			y--
		}
		r.Year[1] = fmt.Sprintf("%04d", y)
	}
	if since != "" && until != "" && r.Day[0] > r.Day[1] {
		return r, false, &verbatim.QueryError{Msg: fmt.Sprintf("since (%s) comes after until (%s)", since, until)}
	}
	r.Lo, r.Hi = min(r.Day[0], r.Month[0], r.Year[0]), r.Day[1]+"~"
	return r, true, nil
}

// Cond is the SQL condition that keeps the dates of column col in the
// range; arg adds an argument to the query and returns its placeholder
// ("?" for SQLite, "$n" for PostgreSQL). The first comparison serves an
// index on col; the others test each precision.
func (r DayRange) Cond(col string, arg func(any) string) string {
	return col + ` >= ` + arg(r.Lo) + ` AND ` + col + ` <= ` + arg(r.Hi) +
		` AND (length(` + col + `) = 10 AND ` + col + ` BETWEEN ` + arg(r.Day[0]) + ` AND ` + arg(r.Day[1]) +
		` OR length(` + col + `) = 7 AND ` + col + ` BETWEEN ` + arg(r.Month[0]) + ` AND ` + arg(r.Month[1]) +
		` OR length(` + col + `) = 4 AND ` + col + ` BETWEEN ` + arg(r.Year[0]) + ` AND ` + arg(r.Year[1]) + `)`
}

// lastDay is the last day of an ISO day, month or year.
func lastDay(v string) string {
	switch len(v) {
	case 4:
		return v + "-12-31"
	case 7:
		t, _ := time.Parse("2006-01", v)
		return t.AddDate(0, 1, -1).Format("2006-01-02")
	}
	return v
}

// UndatedLast is the SQL ordering term that puts rows whose date column
// col is "" (undated) after the dated ones in an ascending order.
func UndatedLast(col string) string { return col + ` = ''` }

// Page bounds a page: 20 by default, at most 1,000.
func Page(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = 20
	}
	return min(limit, 1000), max(offset, 0)
}

// EscapeLike escapes the LIKE wildcards of s (escape character \).
func EscapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// JoinOutlets joins outlet names with "; ".
func JoinOutlets(o []string) string { return strings.Join(o, "; ") }

// SplitRoles splits a "; "-joined role list.
func SplitRoles(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && !(s[i] == ';' && i+1 < len(s) && s[i+1] == ' ') {
			i++
		}
		if i > 0 {
			out = append(out, s[:i])
		}
		if i+2 > len(s) {
			break
		}
		s = s[i+2:]
	}
	return out
}

// StatementCond keeps the statements among quotes q (SQL).
const StatementCond = `q.kind = 'statement'`

// QuoteKinds checks the kind and confidence filters of a quote query and
// returns the kinds to keep (nil: every kind) and the least confidence
// (0: any).
func QuoteKinds(qq verbatim.QuoteQuery) (kinds []string, minConfidence float64, err error) {
	if len(qq.Kinds) == 0 {
		kinds = []string{string(verbatim.Statement)} // what speaker pages and timelines show too
	} else if len(qq.Kinds) < len(verbatim.QuoteKinds) {
		for _, k := range qq.Kinds {
			if _, ok := verbatim.ParseQuoteKind(string(k)); !ok {
				return nil, 0, &verbatim.QueryError{Msg: fmt.Sprintf("kind %q: use statement, belief, intention, perception, other or all", k)}
			}
			kinds = append(kinds, string(k))
		}
	}
	if qq.MinConfidence < 0 || qq.MinConfidence > 1 {
		return nil, 0, &verbatim.QueryError{Msg: fmt.Sprintf("minimum confidence %g: give a number from 0 to 1", qq.MinConfidence)}
	}
	return kinds, qq.MinConfidence, nil
}
