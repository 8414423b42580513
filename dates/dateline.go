package dates

import (
	"strings"
	"time"

	"github.com/verbatim-news/verbatim/internal/ascii"
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
		if len(line) > maxDateLine*3 || strings.IndexAny(line, "0123456789") < 0 {
			continue // a paragraph of the body, or no date in it
		}
		// a line of parts: "By Ana Ruiz | 3 February 2025 | 09:30"
		for rest := line; rest != ""; {
			part := rest
			if i := strings.IndexAny(rest, "|·•"); i >= 0 {
				part, rest = rest[:i], rest[i+1:]
				for rest != "" && rest[0] >= 0x80 && rest[0] < 0xc0 { // the rest of a multi-byte separator
					rest = rest[1:]
				}
			} else {
				rest = ""
			}
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

// datelineSeps end the date of a dateline.
var datelineSeps = [...]string{"(", " - ", " — ", " – ", " -- ", ": "}

// datelineDate reads the date of a dateline that opens a line: a place in
// capitals, a comma, the date, maybe an agency in brackets, then a dash or
// a colon and the text ("WASHINGTON, Feb. 3, 2025 (Reuters) - The ...").
func datelineDate(line string) (time.Time, bool) {
	c := strings.IndexByte(line, ',')
	if c < 3 || c > 40 {
		return time.Time{}, false
	}
	for i := 0; i < c; i++ {
		if line[i] >= 'a' && line[i] <= 'z' {
			return time.Time{}, false
		}
	}
	rest := line[c+1:]
	if len(rest) > 80 {
		rest = rest[:80]
	}
	end := -1
	for _, sep := range datelineSeps {
		if i := strings.Index(rest, sep); i >= 0 && (end < 0 || i < end) {
			end = i
		}
	}
	if end < 0 {
		return time.Time{}, false
	}
	return dateOnly(rest[:end], false)
}

// maxDateLine is the longest text read as a date and nothing else
// ("Published: Wednesday, February 3rd, 2025, 11:30 a.m. EST" and some).
const maxDateLine = 80

// dateOnly reads s as a date and nothing else: day, month and year in any
// order of the common forms ("3 February 2025", "Feb. 3, 2025",
// "2025-02-03", "Monday, 3rd February 2025"), with a weekday, a time of day
// and, when extra, words such as "Published" or "Updated" around it.
func dateOnly(s string, extra bool) (time.Time, bool) {
	if len(s) > maxDateLine || strings.IndexAny(s, "0123456789") < 0 {
		return time.Time{}, false
	}
	day, month, year, fields := 0, 0, 0, 0
	for s != "" {
		// the next field, between spaces, commas and brackets
		i := 0
		for i < len(s) && (s[i] == ' ' || s[i] == ',' || s[i] == '\t' || s[i] == '(' || s[i] == ')') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != ',' && s[j] != '\t' && s[j] != '(' && s[j] != ')' {
			j++
		}
		f := s[i:j]
		s = s[j:]
		if f == "" {
			continue
		}
		if fields++; fields > 10 {
			return time.Time{}, false
		}
		f = strings.Trim(f, ".:–—")
		if f == "" || f == "-" {
			continue
		}
		switch {
		case len(f) == 10 && f[4] == '-' && f[7] == '-' && ascii.IsDigits(f[:4]) && ascii.IsDigits(f[5:7]) && ascii.IsDigits(f[8:]):
			if year != 0 || month != 0 || day != 0 {
				return time.Time{}, false
			}
			year, month, day = atoi(f[:4]), atoi(f[5:7]), atoi(f[8:])
		case ascii.IsDigits(f) && len(f) == 4:
			if year != 0 {
				return time.Time{}, false
			}
			year = atoi(f)
		case ascii.IsDigits(f) && len(f) <= 2:
			if day != 0 {
				return time.Time{}, false
			}
			day = atoi(f)
		case len(f) >= 3 && len(f) <= 4 && ascii.IsDigits(f[:len(f)-2]) && followedBy(f[len(f)-2:], "st", "nd", "rd", "th"):
			if day != 0 {
				return time.Time{}, false
			}
			day = atoi(f[:len(f)-2])
		case strings.Count(f, ":") == 1 && ascii.IsDigits(strings.Replace(f, ":", "", 1)): // 09:30
		case followedBy(f, "a.m", "p.m", "am", "pm", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt", "pst", "pdt", "et"):
		case extra && followedBy(f, "published", "updated", "posted", "last", "modified", "on", "at", "date", "first"):
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
