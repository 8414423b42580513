package dates

import (
	"time"

	"github.com/verbatim-news/verbatim"
)

// maxCueGap is how many tokens may separate a cue from the date expression
// that governs it ("said on Sunday", "said late last month that").
const maxCueGap = 4

// DateQuotes sets SaidOn and SaidOnAt of every quote: the date expression
// governing its cue (in the cue's sentence, outside the quoted content,
// right after the cue or before it in the same clause: "Trump said Sunday
// that...", "On Sunday, Putin said..."), else the publication date.
//
// SaidOn is always an ISO-8601 calendar date or prefix of one, so that it
// sorts as text on a timeline: days stay days ("2025-02-02"), months and
// years keep their granularity ("said last month" gives "2025-01"; nothing
// is invented). Values ISO dates cannot write are made coarser, never
// guessed finer: a week becomes its month when it lies in one month, else
// its year ("2025-W11" gives "2025-03"); a quarter, half or season becomes
// its year. Vague values (PAST_REF...) and unresolved ones (with X) do not
// date a quote: the publication date is used. SaidOnAt always points to the
// expression used, whose exact TimeML value is in Doc.Dates.
func DateQuotes(d *verbatim.Doc) { dateQuotes(d, nil) }

// dateQuotes is DateQuotes with extra candidate expressions (days given
// with a time of day, which are not DATEs but date a statement all the same).
func dateQuotes(d *verbatim.Doc, extra []verbatim.Date) {
	cands := d.Dates
	if len(extra) > 0 {
		cands = append(append(make([]verbatim.Date, 0, len(d.Dates)+len(extra)), d.Dates...), extra...)
	}
	for qi := range d.Quotes {
		q := &d.Quotes[qi]
		q.SaidOn, q.SaidOnAt = d.Published, verbatim.Span{}
		if q.Cue.Empty() || len(cands) == 0 {
			continue
		}
		ci := tokenAt(d.Tokens, q.Cue.Start)
		if ci < 0 {
			continue
		}
		sent := sentenceOf(d.Sentences, ci)
		best, bestDist := -1, 1<<30
		for di, dt := range cands {
			if isoPrefix(dt.Value) == "" || dt.Overlaps(q.Span) {
				continue
			}
			if sent != nil && !sent.Span.Contains(dt.Span) {
				continue
			}
			di0 := tokenAt(d.Tokens, dt.Start)
			di1 := tokenAt(d.Tokens, dt.End-1)
			if di0 < 0 || di1 < 0 {
				continue
			}
			var dist int
			switch {
			case di0 > ci: // after the cue
				dist = di0 - ci - 1
				if dist > maxCueGap || crosses(d, q.Span, q.Cue.End, dt.Start) {
					continue
				}
			case di1 < ci: // before the cue, same clause
				dist = ci - di1 - 1
				if crosses(d, q.Span, dt.End, q.Cue.Start) {
					continue
				}
				dist += 2 // prefer dates after the cue
			default:
				continue
			}
			if dist < bestDist {
				best, bestDist = di, dist
			}
		}
		if best >= 0 {
			q.SaidOn, q.SaidOnAt = isoPrefix(cands[best].Value), cands[best].Span
		}
	}
}

// isoPrefix turns a TimeML value into an ISO-8601 date or prefix of one
// ("2025-02-02", "2025-01", "2025"), coarser when needed; "" for vague or
// unresolved values and for decades and centuries.
func isoPrefix(v string) string {
	if len(v) < 4 || !isDigits(v[:4]) {
		return ""
	}
	for i := 0; i < len(v); i++ {
		if v[i] == 'X' {
			return ""
		}
	}
	switch {
	case len(v) == 4:
		return v
	case len(v) == 7 && isDigits(v[5:]):
		return v
	case len(v) == 10 && isDigits(v[5:7]) && isDigits(v[8:]):
		return v
	case len(v) >= 8 && v[5] == 'W' && isDigits(v[6:8]):
		y, w := atoi(v[:4]), atoi(v[6:8])
		// Monday of ISO week w: the week of January 4th, moved by w-1 weeks.
		jan4 := time.Date(y, 1, 4, 12, 0, 0, 0, time.UTC)
		mon := jan4.AddDate(0, 0, -(isoWeekday(jan4)-1)+7*(w-1))
		sun := mon.AddDate(0, 0, 6)
		if mon.Year() != sun.Year() {
			return ""
		}
		if mon.Month() == sun.Month() {
			return monthValue(mon.Year(), int(mon.Month()))
		}
		return yearValue(mon.Year())
	}
	return v[:4] // quarters, halves, seasons
}

// crosses reports whether the quote content lies between a and b.
func crosses(d *verbatim.Doc, q verbatim.Span, a, b int) bool {
	return q.Start >= a && q.End <= b && !q.Empty()
}

// tokenAt returns the index of the token containing byte offset off, -1 if none.
func tokenAt(toks []verbatim.Token, off int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(toks) && toks[lo].Start <= off {
		return lo
	}
	return -1
}

func sentenceOf(ss []verbatim.Sentence, ti int) *verbatim.Sentence {
	lo, hi := 0, len(ss)
	for lo < hi {
		m := (lo + hi) / 2
		if ss[m].Last <= ti {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(ss) && ss[lo].First <= ti {
		return &ss[lo]
	}
	return nil
}
