package dates

import (
	"strings"
	"time"

	"github.com/verbatim-news/verbatim/internal/lines"
)

// datelineBytes is how far into an article its dateline may stand: the
// masthead, headline and byline lines come first.
const datelineBytes = 1000

// Dateline finds the publication date an article gives at its top, for
// articles that come without one: a line that is a date and nothing else
// ("Monday 3 February 2025", "Published: Feb. 3, 2025, 9:30 a.m. EST",
// "By Ana Ruiz | 2025-02-03"), or the date of a dateline ("WASHINGTON,
// Feb. 3, 2025 (Reuters) - "). The date must give its day, month and year:
// "WASHINGTON, Feb. 3 (Reuters)" names no year, and a date in a sentence of
// the body is not the article's. It returns the day and true, or false.
func Dateline(text string) (time.Time, bool) {
	if len(text) > datelineBytes {
		text = text[:datelineBytes]
	}
	for line := range lines.Head(text, 12) {
		// a line of parts: "By Ana Ruiz | 3 February 2025 | 09:30"
		for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == '|' || r == '·' || r == '•' }) {
			if t, ok := dateOnly(part, true); ok {
				return t, true
			}
		}
		if t, ok := datelineDate(line); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// datelineDate reads the date of a dateline that opens a line: a place in
// capitals, a comma, the date, maybe an agency in brackets, then a dash or
// a colon and the text ("WASHINGTON, Feb. 3, 2025 (Reuters) - The ...").
func datelineDate(line string) (time.Time, bool) {
	c := strings.IndexByte(line, ',')
	if c < 3 {
		return time.Time{}, false
	}
	for _, r := range line[:c] {
		if r >= 'a' && r <= 'z' {
			return time.Time{}, false
		}
	}
	rest := line[c+1:]
	end := len(rest)
	for _, sep := range []string{"(", " - ", " — ", " – ", " -- ", ": "} {
		if i := strings.Index(rest, sep); i >= 0 && i < end {
			end = i
		}
	}
	if end == len(rest) {
		return time.Time{}, false
	}
	return dateOnly(rest[:end], false)
}

// dateOnly reads s as a date and nothing else: day, month and year in any
// order of the common forms ("3 February 2025", "Feb. 3, 2025",
// "2025-02-03", "Monday, 3rd February 2025"), with a weekday, a time of day
// and, when extra, words such as "Published" or "Updated" around it.
func dateOnly(s string, extra bool) (time.Time, bool) {
	day, month, year := 0, 0, 0
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == '\t' || r == '(' || r == ')'
	})
	if len(fields) == 0 || len(fields) > 10 {
		return time.Time{}, false
	}
	for _, f := range fields {
		f = strings.Trim(f, ".:–—")
		if f == "" || f == "-" {
			continue
		}
		lf := strings.ToLower(f)
		switch {
		case len(f) == 10 && f[4] == '-' && f[7] == '-' && isDigits(f[:4]) && isDigits(f[5:7]) && isDigits(f[8:]):
			if year != 0 || month != 0 || day != 0 {
				return time.Time{}, false
			}
			year, month, day = atoi(f[:4]), atoi(f[5:7]), atoi(f[8:])
		case isDigits(f) && len(f) == 4:
			if year != 0 {
				return time.Time{}, false
			}
			year = atoi(f)
		case isDigits(f) && len(f) <= 2:
			if day != 0 {
				return time.Time{}, false
			}
			day = atoi(f)
		case len(f) >= 3 && len(f) <= 4 && isDigits(f[:len(f)-2]) && followedBy(lf[len(f)-2:], "st", "nd", "rd", "th"):
			if day != 0 {
				return time.Time{}, false
			}
			day = atoi(f[:len(f)-2])
		case strings.Count(f, ":") == 1 && isDigits(strings.Replace(f, ":", "", 1)): // 09:30
		case followedBy(lf, "a.m", "p.m", "am", "pm", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt", "pst", "pdt", "et"):
		case extra && followedBy(lf, "published", "updated", "posted", "last", "modified", "on", "at", "date", "first"):
		default:
			w := lookup(f)
			switch {
			case w != nil && w.month > 0 && month == 0:
				month = int(w.month)
			case w != nil && w.weekday > 0:
			default:
				return time.Time{}, false
			}
		}
	}
	if year < 1900 || year > 2099 || !validDay(year, month, day) {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC), true
}
