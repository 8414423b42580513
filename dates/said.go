package dates

import (
	"sort"
	"strings"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/ascii"
)

// maxCueGap is how many tokens may separate a cue from the date expression
// after it that governs it ("said on Sunday", "said late last month that",
// "told reporters in a statement on Sunday").
const maxCueGap = 4

// maxSubject is how many tokens may separate the end of an introductory
// phrase holding a date from the cue it governs: the subject ("On Sunday,
// U.S. President Donald Trump told").
const maxSubject = 12

// maxPhraseTail is how many tokens of an introductory phrase may follow
// its date ("In 2000 at a summit in Lisbon,"): more, and the phrase is a
// clause of its own ("In October 1989 the Court of Appeal quashed the
// sentences of the Guildford Four, and in June 1991 it overturned").
const maxPhraseTail = 5

// DateQuotes sets SaidOn and SaidOnAt of every quote: the date expression
// that is the time of its cue, else the publication date. A date is the
// time of the cue when it stands right after the cue ("Trump said Sunday
// that...", "said in 2003 that"), right before it ("Trump on Sunday
// said"), or in the phrase that introduces the cue's clause ("On Sunday,
// Putin said...", "In 2000, EU leaders pledged", "In a statement Friday,
// Trump said", "Obama, dedicating the museum on Saturday, said"), outside
// the quoted content. Not the time of a statement: a date in another
// clause ("thwarted in 1994, Mr Brown said", "Erin Murphy, who went to
// Burma in 2011, said"), a bound ("by 2010", "until 2030", "since 1997"),
// part of a name ("the 2000 Olympics", "1985's Live Aid", "next week's
// vote"), or a time after publication. A date that writes its year
// ("2000", "March 2004") must be introduced as a time ("in 2000", "on 3
// March 2004", "In a 2013 memo,").
//
// Without a publication date, relative dates ("Sunday") resolve to
// nothing, so only a date whose year the text gives dates a statement;
// the others stay undated (SaidOn "").
//
// SaidOn is always an ISO-8601 calendar date or prefix of one, so that it
// sorts as text on a timeline: days stay days ("2025-02-02"), months and
// years keep their granularity ("said last month" gives "2025-01"; nothing
// is invented). Values ISO dates cannot write are made coarser, never
// guessed finer: a week becomes its month when it lies in one month, else
// its year ("2025-W11" gives "2025-03"); a quarter, half or season becomes
// its year. Vague values (PAST_REF...) and unresolved ones (with X) do not
// date a quote. SaidOnAt always points to the expression used, whose exact
// TimeML value is in Doc.Dates.
func DateQuotes(d *verbatim.Doc) { dateQuotes(d, nil) }

// dateQuotes is DateQuotes with extra candidate expressions (days given
// with a time of day, which are not DATEs but date a statement all the same).
func dateQuotes(d *verbatim.Doc, extra []verbatim.Date) {
	cands := d.Dates
	if len(extra) > 0 {
		cands = append(append(make([]verbatim.Date, 0, len(d.Dates)+len(extra)), d.Dates...), extra...)
	}
	// the candidates by start (ties in their order), so that a quote looks
	// only at the dates inside its sentence
	var byStart, in []int
	if len(cands) > 64 { // else a pass over them all
		byStart = make([]int, len(cands))
		for i := range byStart {
			byStart[i] = i
		}
		sort.SliceStable(byStart, func(a, b int) bool { return cands[byStart[a]].Start < cands[byStart[b]].Start })
	}
	for qi := range d.Quotes {
		q := &d.Quotes[qi]
		q.SaidOn, q.SaidOnAt = d.Published, verbatim.Span{}
		if q.Cue.Empty() || len(cands) == 0 {
			continue
		}
		ci := tokenAt(d.Tokens, q.Cue.Start)
		sent := sentenceOf(d.Sentences, ci)
		if ci < 0 || sent == nil {
			continue
		}
		best, bestDist := -1, 1<<30
		in = in[:0]
		if byStart == nil {
			for di := range cands {
				in = append(in, di)
			}
		}
		for p := sort.Search(len(byStart), func(p int) bool { return cands[byStart[p]].Start >= sent.Start }); p < len(byStart) && cands[byStart[p]].Start <= sent.End; p++ {
			in = append(in, byStart[p])
		}
		sort.Ints(in) // in the order of cands: the first of equal distance wins
		for _, di := range in {
			dt := cands[di]
			v := isoPrefix(dt.Value)
			if v == "" || dt.Overlaps(q.Span) || d.Published != "" && v > d.Published || !sent.Span.Contains(dt.Span) {
				continue
			}
			if d.Published == "" && !writesYear(d.Word(dt.Span)) {
				// without a publication date, "two years later" counted
				// from a year elsewhere is no year the sentence gives
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
				if dist > maxCueGap || crosses(d, q.Span, q.Cue.End, dt.Start) || !pointInTime(d, di0, di1, false) {
					continue
				}
			case di1 < ci: // before the cue
				dist = ci - di1 - 1 + 2 // dates after the cue first
				if crosses(d, q.Span, dt.End, q.Cue.Start) {
					continue
				}
				if !(rightBefore(d, di1, ci) && pointInTime(d, di0, di1, false)) &&
					!(introduces(d, sent, di0, di1, ci) && pointInTime(d, di0, di1, true)) {
					continue
				}
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

// tokWord returns the text of token i ("" outside the document).
func tokWord(d *verbatim.Doc, i int) string {
	if i < 0 || i >= len(d.Tokens) {
		return ""
	}
	return d.Word(d.Tokens[i].Span)
}

// pointInTime reports whether the date expression of tokens di0..di1 is
// used as a time, not as a bound ("by 2010", "until Sunday", "since
// 1997"), nor as part of a name ("the 2000 Olympics", "1985's Live Aid",
// "next week's vote"). A date that writes its year must be introduced as
// a time: "in 2000", "on 3 March 2004", "during 1994"; in an introductory
// phrase it may qualify a noun of it ("In a 2013 memo, the agency
// suggested": intro).
func pointInTime(d *verbatim.Doc, di0, di1 int, intro bool) bool {
	prev := tokWord(d, di0-1)
	if followedBy(prev, "by", "until", "till", "since", "before", "after", "from", "to", "through", "between", "of", "for", "than", "within", "beyond") {
		return false
	}
	article := followedBy(prev, "the", "a", "an", "its", "his", "her", "their", "our", "this", "that")
	// "at Monday's debate", "in a June report", "at a 2014 hearing": the
	// time of an occasion the statement was made at
	occasion := intro || followedBy(prev, "at", "in", "during") || article && followedBy(tokWord(d, di0-2), "at", "in", "during", "on")
	if n := tokWord(d, di1+1); (n == "'s" || n == "’s" || n == "'" || n == "’") && !occasion {
		return false
	}
	if article && !occasion {
		return false
	}
	w := d.Word(verbatim.Span{Start: d.Tokens[di0].Start, End: d.Tokens[di1].End})
	if !writesYear(w) {
		return true
	}
	if di1 == di0+1 && strings.EqualFold(tokWord(d, di0), "the") && !intro && d.Tokens[min(di1+1, len(d.Tokens)-1)].Kind == verbatim.Word {
		return false // "the 2000 Olympics", "the 1997 election": a name
	}
	return article || followedBy(prev, "in", "on", "during", "at")
}

// writesYear reports whether s gives a year in figures ("2000", "March
// 2004", "3/4/2004").
func writesYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// rightBefore reports whether the date ending at token a stands right
// before the cue at b, or with one adverb between: "Trump on Sunday said",
// "The minister yesterday also told" (not "an award in 2005 are hoping").
func rightBefore(d *verbatim.Doc, a, b int) bool {
	switch b - a - 1 {
	case 0:
		return true
	case 1:
		w := tokWord(d, a+1)
		return d.Tokens[a+1].Kind == verbatim.Word && (strings.HasSuffix(w, "ly") || followedBy(w, "also", "again", "then", "later", "first", "further", "once"))
	}
	return false
}

// introduces reports whether the date of tokens di0..di1 lies in a phrase
// that introduces the clause of the cue at ci: a phrase opening the
// sentence or set off by commas, that starts with a preposition or an
// -ing form ("On Sunday,", "In a statement Friday,", ", dedicating the
// museum on Saturday,") or with the date itself ("Last week,"), followed
// by a comma and then the cue or a short subject and the cue, with no
// other punctuation; or a date opening the sentence with no comma ("Last
// week the minister said"), close to the cue in the same clause.
func introduces(d *verbatim.Doc, s *verbatim.Sentence, di0, di1, ci int) bool {
	// the phrase's end: the first comma after the date
	rc := -1
	for k := di1 + 1; k < ci; k++ {
		if d.Tokens[k].Kind == verbatim.Punct {
			if tokWord(d, k) == "," {
				rc = k
			}
			break
		}
	}
	if ci-max(rc, di1)-1 > maxSubject || clauseBreak(d, max(rc, di1), ci) || rc-di1-1 > maxPhraseTail {
		return false
	}
	if followedBy(tokWord(d, s.First), "by", "until", "till", "when", "if", "although", "though", "since", "because", "while", "as", "after", "before", "once", "unless", "whereas", "whether") {
		return false // the sentence opens with a subordinate clause: "By the time the band released ..., in October 1994, Edwards had been"
	}
	if rc >= 0 {
		for k := rc + 1; k < ci; k++ {
			if d.Tokens[k].Kind == verbatim.Punct && !followedBy(tokWord(d, k), ".", "-", "'", "’") { // "U.S.", "Jean-Marc", "O'Neill"
				return false
			}
		}
	}
	// the phrase's start: the sentence's, or after the comma or colon
	// before the date
	st := s.First
	for k := di0 - 1; k >= s.First; k-- {
		if d.Tokens[k].Kind == verbatim.Punct {
			if w := tokWord(d, k); w != "," && w != ":" && w != "—" && w != "(" {
				return false
			}
			st = k + 1
			break
		}
	}
	for st < di0 && followedBy(tokWord(d, st), "and", "but", "so", "also", "then", "yet", "and", "earlier", "later") {
		st++
	}
	if rc < 0 && (st != s.First || di0-st > 3) {
		// without a comma, only a phrase opening the sentence: "Last week
		// the minister said", "In a March 2016 meeting ... Trump said"
		return false
	}
	if st == di0 {
		return true // "Last week,", "But on Sunday,": the date opens the phrase
	}
	w := tokWord(d, st)
	return followedBy(w, "in", "on", "during", "at", "over", "speaking", "addressing", "writing", "interviewed") ||
		len(w) > 5 && strings.HasSuffix(w, "ing") && d.Tokens[st].Kind == verbatim.Word
}

// clauseBreak reports whether a new clause starts between tokens a and b
// ("During 2000 many motorists campaigned against the rises but
// environmentalists believe ..."): a date before it is not the time of a
// cue after it.
func clauseBreak(d *verbatim.Doc, a, b int) bool {
	for k := a + 1; k < b; k++ {
		w := tokWord(d, k)
		if w == ";" || w == ":" || followedBy(w, "but", "while", "whereas", "although", "though", "before", "after", "when", "until", "because", "since", "if", "unless", "who", "which", "whose") {
			return true
		}
	}
	return false
}

// isoPrefix turns a TimeML value into an ISO-8601 date or prefix of one
// ("2025-02-02", "2025-01", "2025"), coarser when needed; "" for vague or
// unresolved values and for decades and centuries.
func isoPrefix(v string) string {
	if len(v) < 4 || !ascii.IsDigits(v[:4]) {
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
	case len(v) == 7 && ascii.IsDigits(v[5:]):
		return v
	case len(v) == 10 && ascii.IsDigits(v[5:7]) && ascii.IsDigits(v[8:]):
		return v
	case len(v) >= 8 && v[5] == 'W' && ascii.IsDigits(v[6:8]):
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
