// Package storekit holds what every library backend (package sqlite,
// package postgres) shares so that they answer alike: name folding, the
// since/until date bounds, paging, the encoding of an entity's mentions,
// and the rows a story grouping state is written as.
package storekit

import (
	"fmt"
	"strings"
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
	if !ascii {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if r, _, err := transform.String(t, s); err == nil {
			s = r
		}
	}
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
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

// DayBounds checks since and until (either may be empty, a year or a
// month) and returns the bounds ISO days are compared with: day >= lo (when
// lo is not empty) and day <= hi (when hi is not empty; hi is until + "~",
// so that "2025-03" and "2025-03-31" both fall before "2025-03-31~").
func DayBounds(since, until string) (lo, hi string, err error) {
	if lo, err = CheckDate("since", since); err != nil {
		return "", "", err
	}
	if hi, err = CheckDate("until", until); err != nil {
		return "", "", err
	}
	if hi != "" {
		hi += "~"
	}
	return lo, hi, nil
}

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
