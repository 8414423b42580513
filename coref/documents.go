// Documents as sources: "the report said", "the survey found". A document
// speaks for whoever the article says is behind it where it names it: "the
// Gartner report", "the Bank of Japan's December survey", "a survey
// conducted by PC Pro Magazine", "The study, for net security firm
// Preventon".

package coref

import (
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
)

// documentReach is how many sentences after a document descriptor its
// author may first be named ("… according to a two-year study. The study,
// for net security firm Preventon, shows …").
const documentReach = 2

// documentChain returns the author of the document a document descriptor
// refers to: the one named with the nearest document word before it (a
// definite descriptor refers back), else with the first one after it in
// its sentence or the next documentReach ones; -1 when the article names
// none. An indefinite descriptor ("a report") is a new document: only the
// words after it count.
func (r *resolver) documentChain(definite bool) int {
	d := r.d
	si := sentenceOf(d, r.sp.Start)
	if si < 0 {
		return -1
	}
	// its own author: "The book, by journalist Robert Peston and
	// serialised in the newspaper, said"
	if st := d.Sentences[si]; true {
		for k := st.First; k < st.Last && d.Tokens[k].Start < r.sp.End; k++ {
			if d.Tokens[k].End == r.sp.End && r.documentWord(k) {
				if e := r.authorOf(k, st); e >= 0 {
					return e
				}
			}
		}
	}
	if definite {
		for s := si; s >= max(0, si-lookBack); s-- {
			st := d.Sentences[s]
			for k := st.Last - 1; k >= st.First; k-- {
				if d.Tokens[k].End > r.sp.Start || !r.documentWord(k) {
					continue
				}
				if e := r.authorOf(k, st); e >= 0 {
					return e
				}
				if e := r.spokeAsDocument(k); e >= 0 {
					return e
				}
			}
		}
	}
	last := min(si+documentReach, len(d.Sentences)-1)
	for last > si && d.Sentences[last].Para > d.Sentences[si].Para+1 {
		last--
	}
	for s := si; s <= last; s++ {
		st := d.Sentences[s]
		for k := st.First; k < st.Last; k++ {
			if d.Tokens[k].Start < r.sp.End || !r.documentWord(k) {
				continue
			}
			if e := r.authorOf(k, st); e >= 0 {
				return e
			}
		}
	}
	return -1
}

// spokeAsDocument returns the source resolved for an attribution before
// whose speaker phrase holds document word k: "…, says a report. [In-Stat
// named]. …, according to the report" is the report whose source was
// found then; else -1.
func (r *resolver) spokeAsDocument(k int) int {
	t := r.d.Tokens[k].Span
	for i := len(r.c.Prior) - 1; i >= 0; i-- {
		q := &r.c.Prior[i]
		if q.SpeakerAt.Contains(t) {
			return q.Speaker
		}
		if q.SpeakerAt.End < t.Start && q.Span.End < t.Start {
			break
		}
	}
	return -1
}

// documentSpoke returns the source of the last attribution, in the
// mention's paragraph or the one before, when its speaker phrase is a
// document ("The book, by … Robert Peston, said … It claims"): "it" is
// the document, which speaks for its author; else -1.
func (r *resolver) documentSpoke() int {
	q := r.lastAttribution()
	if q == nil || q.Speaker < 0 || !r.near(q.SpeakerAt.Start, 1) {
		return -1
	}
	for _, w := range strings.Fields(r.d.Clean[q.SpeakerAt.Start:q.SpeakerAt.End]) {
		if lowerIn(documentHeads, strings.Trim(w, ",.;:")) {
			return q.Speaker
		}
	}
	return -1
}

// documentWord reports whether token k is a document head outside
// quotation marks.
func (r *resolver) documentWord(k int) bool {
	t := r.d.Tokens[k]
	if t.Kind != verbatim.Word || t.End-t.Start > 10 {
		return false
	}
	return lowerIn(documentHeads, r.d.Clean[t.Start:t.End]) && !r.quoted(t.Start)
}

// authorPrepositions open the author after a document word: "a report by",
// "research from", "a study for", "a survey conducted by".
var authorPrepositions = map[string]bool{"by": true, "from": true, "for": true}

// authorOf returns the organisation or person named with the document word
// at token k of sentence st: just before it ("the Gartner report", "the
// Bank of Japan's December survey") or after it and a preposition, a
// participle or a description between ("a survey conducted by PC Pro
// Magazine", "The study, for net security firm Preventon"); else -1.
func (r *resolver) authorOf(k int, st verbatim.Sentence) int {
	d := r.d
	tok := d.Tokens
	// before: a name, then at most two words ("'s December"), then k
	from := tok[max(st.First, k-3)].Start
	mi := r.x.lastRecorded(from-r.x.maxLen, tok[k].Start, func(m *verbatim.Mention) bool {
		if !r.authorMention(m) || m.End > tok[k].Start || m.End < from {
			return false
		}
		between := d.Clean[m.End:tok[k].Start]
		if strings.TrimSpace(between) == ")" && m.Start > 0 && d.Clean[m.Start-1] == '(' && acronym(d.Clean[m.Start:m.End]) {
			between = "" // the acronym in brackets: "the Institute for Supply Management (ISM) index"
		}
		if i := strings.IndexByte(between, '('); i >= 0 && strings.TrimSpace(between[:i]) == "" {
			if j := strings.IndexByte(between, ')'); j > i && acronym(between[i+1:j]) {
				between = between[j+1:] // "the Institute for Supply Management (ISM) index"
			}
		}
		return !strings.ContainsAny(between, ",;:()\"“”.")
	})
	if mi >= 0 {
		return d.Mentions[mi].Entity
	}
	if e := r.issuerOf(k, st); e >= 0 {
		return e
	}
	// after: [,] [participle] by|from|for, then the name within a few words
	j := k + 1
	if j < st.Last && tok[j].Kind == verbatim.Punct && d.Clean[tok[j].Start:tok[j].End] == "," {
		j++
		// its title: "a new book, Brown's Britain by Robert Preston"
		for t := j; t < st.Last && t < j+5; t++ {
			if tok[t].Kind == verbatim.Word && lowerWord(d, t) == "by" {
				if t > j {
					j = t
				}
				break
			}
			if w := d.Clean[tok[t].Start:tok[t].End]; !names.IsCap(w) && w != "'s" && w != "’s" && w != "'" && w != "’" && w != "s" {
				break
			}
		}
	}
	if j < st.Last && tok[j].Kind == verbatim.Word && strings.HasSuffix(lowerWord(d, j), "ed") {
		j++ // "conducted by", "commissioned by", "gathered by"
	}
	if j >= st.Last || tok[j].Kind != verbatim.Word || !authorPrepositions[lowerWord(d, j)] {
		return -1
	}
	start := tok[j].End
	end := tok[min(j+6, st.Last-1)].End
	best := r.firstAuthor(start, end, func(m *verbatim.Mention) bool {
		return !strings.ContainsAny(d.Clean[start:m.Start], ",;:()\"“”.")
	})
	if best < 0 {
		return -1
	}
	if b := &d.Mentions[best]; d.Entities[b.Entity].Type == verbatim.Organization {
		// "by Sunday Telegraph journalist Robert Peston": the
		// organisation describes the person who wrote it
		r.x.each(b.End, end, func(i int) bool {
			m := &d.Mentions[i]
			if m.Start <= b.End || !r.authorMention(m) || d.Entities[m.Entity].Type != verbatim.Person {
				return true
			}
			between := strings.Fields(d.Clean[b.End:m.Start])
			if len(between) >= 1 && len(between) <= 2 && (hasPersonHead(strings.ToLower(between[len(between)-1])) || names.IsRoleHead(strings.ToLower(between[len(between)-1]))) {
				best = i
			}
			return false
		})
	}
	return d.Mentions[best].Entity
}

// issueVerbs put a document out: "X wrote a heartfelt letter", "X, head of
// Y, released a statement".
var issueVerbs = map[string]bool{"wrote": true, "issued": true, "released": true, "sent": true, "penned": true,
	"published": true, "signed": true, "posted": true}

// issuerOf returns the subject of the verb that put out document word k
// ("Matthew Willoughby of the Urban Assembly School, wrote a heartfelt
// letter"): the first person or organisation named in its sentence before
// the verb, not in the possessive ("Gray's principal"), with no quotation
// mark between; or -1.
func (r *resolver) issuerOf(k int, st verbatim.Sentence) int {
	d := r.d
	v := k - 1
	for v > st.First && v >= k-3 && d.Tokens[v].Kind == verbatim.Word && !issueVerbs[lowerWord(d, v)] &&
		!names.IsCap(d.Clean[d.Tokens[v].Start:d.Tokens[v].End]) {
		v-- // "a heartfelt", "an open"
	}
	if v <= st.First || d.Tokens[v].Kind != verbatim.Word || !issueVerbs[lowerWord(d, v)] {
		return -1
	}
	from, to := d.Tokens[st.First].Start, d.Tokens[v].Start
	if strings.ContainsAny(d.Clean[from:to], "\"“”") {
		return -1
	}
	best := r.firstAuthor(from-r.x.maxLen, to, func(m *verbatim.Mention) bool {
		after := d.Clean[m.End:]
		return m.Start >= from && m.End <= to && !strings.HasPrefix(after, "'s") && !strings.HasPrefix(after, "’s")
	})
	if best < 0 {
		return -1
	}
	return d.Mentions[best].Entity
}

// firstAuthor returns the first mention, of those the index holds from lo
// to end, that names a person or an organisation and that ok accepts; -1
// when none.
func (r *resolver) firstAuthor(lo, end int, ok func(m *verbatim.Mention) bool) int {
	best := -1
	r.x.each(lo, end, func(i int) bool {
		m := &r.d.Mentions[i]
		if r.authorMention(m) && ok(m) && (best < 0 || m.Start < r.d.Mentions[best].Start) {
			best = i
		}
		return true
	})
	return best
}

// authorMention reports whether m names an organisation or a person.
func (r *resolver) authorMention(m *verbatim.Mention) bool {
	if m.Entity < 0 || m.Kind != verbatim.NameMention {
		return false
	}
	t := r.d.Entities[m.Entity].Type
	return t == verbatim.Organization || t == verbatim.Person
}

// lowerWord returns token k of d in lower case.
func lowerWord(d *verbatim.Doc, k int) string {
	return strings.ToLower(d.Clean[d.Tokens[k].Start:d.Tokens[k].End])
}

// lowerIn reports whether m[strings.ToLower(w)]: an ASCII word is lowered
// on the stack (no string made for the look-up).
func lowerIn(m map[string]bool, w string) bool {
	var buf [32]byte
	if len(w) <= len(buf) {
		i := 0
		for ; i < len(w); i++ {
			c := w[i]
			if c >= 0x80 {
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if i == len(w) {
			return m[string(buf[:i])]
		}
	}
	return m[strings.ToLower(w)]
}
