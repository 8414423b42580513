package dates

import (
	"strings"

	"github.com/verbatim-news/verbatim"
)

// The tense of the clause around an expression: whether "Tuesday" is the
// one before or after the reference date.

// tense returns -1 (past), 1 (future) or 0 from the tense marker nearest to
// the expression [k, j) in its sentence.
func (s *scanner) tense(k, j int) int {
	d, _ := s.tenseDist(k, j)
	return d
}

// tenseDist is tense with the distance in tokens to the marker.
func (s *scanner) tenseDist(k, j int) (int, int) {
	best, bestDist, bestCost := 0, 1<<30, 1<<30
	sub := false // a word opening another clause stands between j and i
	for i := s.sent.First; i < s.sent.Last; i++ {
		if i > j && !sub {
			sub = s.opensClause(i-1, j)
		}
		if i >= k && i < j {
			continue
		}
		t := &s.t[i]
		v := 0
		if s.ofOtherDate(i) {
			continue
		}
		if t.w != nil {
			v = int(t.w.tense)
			if v == 1 && (t.is("planned") || t.is("plans") || t.is("plan") || t.is("planning") || t.is("expected") || t.is("expects") || t.is("expect") || t.is("set") || t.is("supposed") || t.is("due") || t.is("going") || t.is("scheduled") || t.is("slated")) {
				// "expected to", "due for", or the time itself right
				// after ("a vote is expected Monday", "due on Friday")
				if n := s.tk(i + 1); !strings.EqualFold(n.s, "to") && !strings.EqualFold(n.s, "for") && !((t.is("expected") || t.is("due") || t.is("scheduled") || t.is("slated")) && s.governs(i, k)) {
					v = 0
				}
				if t.is("expected") && s.prevIs(i, "than", "as") {
					v = 0 // "fewer jobs than expected in January": a comparison
				}
			}
			if v == 2 {
				// "talks resume on Monday", "Wisconsin holds its primary on
				// Tuesday": the present of a scheduled event says what is
				// to come of the time it governs only
				v = 0
				if s.governs(i, k) || s.objectThen(i, k) {
					v = 1
				}
			}
			if v == 1 && (t.is("until") || t.is("till")) && (!s.boundOf(i, k) || s.tk(j).s == "'s" || s.tk(j).s == "’s") {
				// "until Monday's announcement, stocks were down", "until
				// that day in April, he had never": a bound of another
				// time, no future of this one
				v = 0
			}
			if v < 0 && participle(s, i) {
				v = 0
			}
		} else if t.kind == verbatim.Word && !t.cap && len(t.s) > 4 && strings.HasSuffix(t.s, "ed") {
			v = -1
			if participle(s, i) {
				v = 0
			}
		} else if strings.EqualFold(t.s, "to") && (aux(s.tk(i-1).s) || followedBy(s.tk(i-1).s, "were", "was")) && !strings.EqualFold(s.tk(i-1).s, "to") {
			v = 1 // "is to resume", "are to meet", "if she were to win in November"
		}
		if v == 0 {
			continue
		}
		dist := i - j
		a, b := j, i
		if i < k {
			dist = k - i
			a, b = i, k
		}
		// a marker across a comma is in another clause ("will stand
		// trial on Friday, a judge ruled"): the clause's own comes first
		cost := dist + clauseCost*s.breaks(a, b)
		if i >= j && sub {
			// "told voters Sunday that he would": the marker is the
			// reported clause's, not the one the time belongs to
			cost += clauseCost
		}
		if cost < bestCost {
			best, bestDist, bestCost = v, dist, cost
		}
	}
	return best, bestDist
}

// governs reports whether the expression at k follows the verb at i
// directly, after a preposition, an adverb or the object of a set phrase
// ("resume Monday", "kicks off on Saturday", "meet separately on Monday",
// "takes effect in December").
func (s *scanner) governs(i, k int) bool {
	n := k - i - 1
	if n < 0 || n > 3 || s.breaks(i, k) > 0 {
		return false
	}
	for b := i + 1; b < k; b++ {
		w := s.t[b].s
		if !followedBy(w, "on", "in", "by", "until", "before", "off", "again", "next", "this", "early", "late", "later", "effect", "office", "place", "power") && !(len(w) > 3 && strings.HasSuffix(w, "ly")) {
			return false
		}
	}
	return true
}

// boundOf reports whether the preposition at i introduces the expression
// at k: right before it or before its modifiers ("until the end of April").
func (s *scanner) boundOf(i, k int) bool {
	if i >= k || k-i > 5 {
		return false
	}
	for b := i + 1; b < k; b++ {
		if !followedBy(s.t[b].s, "the", "end", "beginning", "middle", "start", "of", "early", "late", "mid") {
			return false
		}
	}
	return true
}

// objectThen reports whether the expression at k follows the verb at i
// after a short object and a preposition, in one clause: "holds its
// presidential primary on Tuesday".
func (s *scanner) objectThen(i, k int) bool {
	if k-i < 3 || k-i > 6 || s.breaks(i, k) > 0 || !followedBy(s.t[k-1].s, "on", "in", "at") {
		return false
	}
	for b := i + 1; b < k-1; b++ {
		if t := &s.t[b]; t.kind != verbatim.Word || t.w != nil && t.w.tense != 0 || followedBy(t.s, "that", "which", "who", "and", "but", "when") {
			return false
		}
	}
	return true
}

// opensClause reports whether token x (after a) opens another clause:
// "that", "which", "who", "because", "if", "whether", or an -ing form
// after "by", "while", "after", "before" ("ended the meeting on Friday
// by announcing it would").
func (s *scanner) opensClause(x, a int) bool {
	w := s.t[x].s
	if len(w) < 2 || len(w) > 7 && !strings.HasSuffix(w, "ing") {
		return false
	}
	if followedBy(w, "that", "which", "who", "because", "if", "whether") {
		return true
	}
	return len(w) > 5 && strings.HasSuffix(w, "ing") && x > a && followedBy(s.t[x-1].s, "by", "while", "after", "before")
}

// clauseCost is what crossing a comma or bracket adds to the distance of a
// tense marker.
const clauseCost = 4

// breaks counts the punctuation tokens between a and b that may close a
// clause (commas, semicolons, brackets, dashes, quotation marks).
func (s *scanner) breaks(a, b int) int { return int(s.t[b].brk - s.t[a].brk) }

// clauseBreak reports whether token t is punctuation that may close a clause.
func (t *tok) clauseBreak() bool {
	return t.kind == verbatim.Punct && t.s != "." && t.s != "'" && t.s != "’" && t.s != "-"
}

// ofOtherDate reports whether token i, a tense marker by itself, is part
// of a date expression of its own: "next" of "next year's budget", "last"
// of "last week", "ago" of "two weeks ago", "yesterday". Such a word tells
// the time of its expression, not the tense of the clause: "approved next
// year's budget late on Thursday" is the Thursday before.
func (s *scanner) ofOtherDate(i int) bool {
	t := &s.t[i]
	if t.w == nil {
		return false
	}
	if t.w.isDay {
		return true
	}
	unit := func(u *tok) bool {
		return u.w != nil && (u.w.unit != 0 || u.w.month > 0 || u.w.weekday > 0 || u.w.season != "") || u.hyQuart > 0
	}
	if t.w.isPtr {
		return unit(s.tk(i + 1))
	}
	if t.is("ago") || t.is("earlier") {
		return unit(s.tk(i - 1))
	}
	return false
}

// aux reports whether w is an auxiliary that makes the next participle or
// infinitive non-past ("will be named", "is to resume").
func aux(w string) bool {
	for _, a := range auxiliaries {
		if strings.EqualFold(w, a) {
			return true
		}
	}
	return false
}

var auxiliaries = [...]string{"be", "being", "is", "are", "am", "will", "would", "'ll", "to", "shall", "can", "could", "may", "might", "must", "should"}

// determiner reports whether w is a word before which an -ed word is an
// adjective ("a still unspecified date", "the expected rise").
func determiner(w string) bool {
	for _, a := range determiners {
		if strings.EqualFold(w, a) {
			return true
		}
	}
	return false
}

var determiners = [...]string{"a", "an", "the", "still", "its", "his", "her", "their", "our", "this", "that", "these", "those", "newly", "most", "more", "less", "very"}

// participle reports whether the past form at i is a participle after an
// auxiliary ("will be named", "to be paid") or an adjective ("an
// unspecified date"), not a past tense.
func participle(s *scanner, i int) bool {
	p := s.tk(i - 1)
	return p.s != "" && (aux(p.s) || determiner(p.s) || copula(p.s) || aux(s.tk(i-2).s) && strings.EqualFold(p.s, "be"))
}

// copula reports whether w is a verb after which a past form is an
// adjective whose tense is the verb's ("will stay closed through Tuesday",
// "remained shut on Monday").
func copula(w string) bool {
	return followedBy(w, "stay", "stays", "stayed", "remain", "remains", "remained", "seem", "seems", "seemed", "appear", "appears", "appeared", "look", "looks", "looked")
}
