// Ranking the candidate antecedents of a pronoun or descriptor.

package coref

import (
	"math"
	"sort"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
)

// Feature indexes of a candidate antecedent (an entity mentioned before the
// mention being resolved).
const (
	fLastSpeaker = iota // the speaker of the last attribution, in this paragraph or the one before
	fSentSubject        // a subject mention earlier in the mention's own sentence
	fPrevSubject        // the first subject mention of the sentence before
	fSentDist           // log(1 + sentences since its last mention)
	fInContent          // its last mention stands inside the content of an earlier attribution
	fSalience           // log(1 + its mentions before)
	fBonus              // the exact constraint the mention adds (gender, role word, name word)
	fSpoke              // it spoke before (any earlier attribution)
	fChain              // a pronoun resolved to it since its last mention, in this paragraph or the one before
	fUnsure             // a person by the tagger\'s word alone: nothing gives it a gender or a role ("Vera Drake", "Christian Aid")
	nFeatures
)

// featureNames name the features in the weights file.
var featureNames = [nFeatures]string{"last_speaker", "sentence_subject", "previous_subject", "sentence_distance",
	"in_content", "salience", "constraint", "spoke", "pronoun_chain", "unsure_person"}

// seedWeights rank the candidates while training collects them (so that
// what training sees does not depend on the model it makes); the model
// learnt from speakers/train is data/weights.txt (train.go).
var seedWeights = [nFeatures]float64{
	fLastSpeaker: 2.0,
	fSentSubject: 3.0,
	fPrevSubject: 1.5,
	fSentDist:    -1.0,
	fInContent:   -1.5,
	fSalience:    0.5,
	fBonus:       1.0,
	fSpoke:       0.5,
	fChain:       1.0,
	fUnsure:      -1.0,
}

// lookBack is how many sentences before a mention its antecedents are
// looked for: an entity last named further back is no candidate (a long
// transcript costs then what lies near each mention).
const lookBack = 60

// seen is what the sentences before a mention tell of one candidate: its
// usable mentions (outside quotation marks, not pronouns) in the look-back
// window.
type seen struct {
	n           int  // how many (and before the window: index.usableBefore)
	last        int  // the last, an index into d.Mentions
	near        int  // the last, or a pronoun resolved to it after the last
	sentSubject bool // one is a subject in the mention's own sentence
}

// collect gathers the candidates want accepts, each with what the
// look-back window tells of it, in r.cands (by entity index) and r.seen.
func (r *resolver) collect(want func(*verbatim.Entity) bool) {
	d := r.d
	r.cands = r.cands[:0]
	x := r.x
	for _, e := range x.touched {
		x.seen[e] = nil
	}
	x.touched = x.touched[:0]
	if len(x.seen) < len(d.Entities) {
		x.seen = append(x.seen, make([]*seen, len(d.Entities)-len(x.seen))...)
	}
	r.seen = x.seen
	sent := sentenceOf(d, r.sp.Start)
	from := 0
	if sent >= 0 {
		from = d.Sentences[max(0, sent-lookBack)].Start
	}
	x.each(from, r.sp.Start, func(mi int) bool {
		m := &d.Mentions[mi]
		if m.Entity < 0 {
			return true
		}
		if m.Kind == verbatim.PronounMention {
			// a pronoun resolved before keeps its entity near
			if s := r.seen[m.Entity]; s != nil && !r.quoted(m.Start) {
				s.near = mi
			}
			return true
		}
		s := r.seen[m.Entity]
		if s == nil {
			if !want(&d.Entities[m.Entity]) {
				return true
			}
			s = &seen{last: -1, near: -1}
			r.seen[m.Entity] = s
			x.touched = append(x.touched, m.Entity)
		}
		if r.quoted(m.Start) {
			return true
		}
		if s.n == 0 {
			r.cands = append(r.cands, m.Entity)
		}
		s.n++
		s.last, s.near = mi, mi
		// the subject of what the attribution reports is not that of the
		// attribution ("Mr Blair has failed, he claimed": not Blair)
		if sent >= 0 && !s.sentSubject && sentenceOf(d, m.Start) == sent && !r.c.Content.Contains(m.Span) && r.subjectLike(m.Span) {
			s.sentSubject = true
		}
		return true
	})
	sort.Ints(r.cands)
	for _, e := range r.cands {
		r.seen[e].n += x.usableBefore(e, from, r.quoted)
	}
}

// features computes the features of entity e as an antecedent of the
// mention from what collect gathered; ok is false when e has no usable
// mention before it (all inside quotation marks, or none).
func (r *resolver) features(e int, bonus float64, x *[nFeatures]float64) (ok bool) {
	d := r.d
	en := &d.Entities[e]
	*x = [nFeatures]float64{}
	if e >= len(r.seen) {
		return false
	}
	s := r.seen[e]
	if s == nil || s.n == 0 {
		return false
	}
	if s.sentSubject {
		x[fSentSubject] = 1
	}
	sent := r.anchorSentence()
	lm := &d.Mentions[s.last]
	if ls := sentenceOf(d, lm.Start); ls >= 0 && sent >= 0 {
		x[fSentDist] = math.Log1p(float64(max(0, sent-ls)))
	}
	x[fSalience] = math.Log1p(float64(s.n))
	if s.near != s.last && r.near(d.Mentions[s.near].Start, 1) {
		x[fChain] = 1
	}
	if e < len(r.spoke) && r.spoke[e] {
		x[fSpoke] = 1
	}
	for _, q := range r.around(lm.Start) {
		if q.Span.Contains(lm.Span) && q.Speaker != e {
			x[fInContent] = 1
		}
	}
	if r.c.Content.Contains(lm.Span) {
		x[fInContent] = 1
	}
	if r.lastSpeaker == e {
		x[fLastSpeaker] = 1
	}
	if r.prevSubject == e {
		x[fPrevSubject] = 1
	}
	x[fBonus] = bonus
	if unsurePerson(en) {
		x[fUnsure] = 1
	}
	return true
}

// rank returns the best-scored entity that want accepts among those
// mentioned before the mention, or -1. bonus gives an entity's exact-match
// feature (gender, role or name word).
func (r *resolver) rank(want func(*verbatim.Entity) bool, bonus func(*verbatim.Entity) float64) int {
	best, bestScore := -1, math.Inf(-1)
	var x [nFeatures]float64
	w := &weights
	var cands []Candidate
	if observer != nil {
		w = &seedWeights
	}
	r.lastSpeaker, r.prevSubject = -1, -1
	// who spoke before the mention, once per ranking
	r.spoke = r.spoke[:0]
	r.spoke = append(r.spoke, make([]bool, len(r.d.Entities))...)
	for i := range r.c.Prior {
		if q := &r.c.Prior[i]; q.Speaker >= 0 && q.Speaker < len(r.spoke) && q.SpeakerAt.Start < r.sp.Start {
			r.spoke[q.Speaker] = true
		}
	}
	if q := r.lastOuterAttribution(); q != nil && r.near(q.SpeakerAt.Start, 1) {
		r.lastSpeaker = q.Speaker
	}
	if sent := r.anchorSentence(); sent > 0 {
		r.prevSubject = r.firstSubject(sent-1, want)
	}
	r.collect(want)
	for _, e := range r.cands {
		en := &r.d.Entities[e]
		b := 0.0
		if bonus != nil {
			b = bonus(en)
		}
		if !r.features(e, b, &x) {
			continue
		}
		s := 0.0
		for i, v := range x {
			s += w[i] * v
		}
		if observer != nil {
			cands = append(cands, Candidate{Entity: e, X: x})
		}

		if s > bestScore {
			best, bestScore = e, s
		}
	}
	if observer != nil && len(cands) > 0 {
		observer(r.d, r.sp, cands)
	}
	return best
}

// anchorSentence returns the sentence where the mention's attribution
// starts: the sentence of the quotation it attributes when that begins in
// an earlier one (“A. B,” he said: the sentence before is the one before
// “A”), else the mention's own; -1 when none.
func (r *resolver) anchorSentence() int {
	sent := sentenceOf(r.d, r.sp.Start)
	if c := r.c.Content; r.c.Direct && c.Start < r.sp.Start && sent >= 0 {
		if qs := sentenceOf(r.d, c.Start); qs >= 0 && qs < sent {
			return qs
		}
	}
	return sent
}

// lastOuterAttribution returns the last prior attribution that has a
// speaker mention outside what another one reports ("ignoring a Law Lords
// judgement that …, he said": the Law Lords are not the last speaker), or
// nil.
func (r *resolver) lastOuterAttribution() *verbatim.Quote {
	for i := len(r.c.Prior) - 1; i >= 0; i-- {
		q := &r.c.Prior[i]
		if q.SpeakerAt.Empty() || q.SpeakerAt.Start >= r.sp.Start {
			continue
		}
		if !r.inOther(q, q.SpeakerAt.Start) {
			return q
		}
	}
	return nil
}

// inOther reports whether offset off lies in the content of a prior
// attribution other than q.
func (r *resolver) inOther(q *verbatim.Quote, off int) bool {
	around := r.around(off)
	for i := range around {
		if p := &around[i]; p.Span != q.Span && inContent(p.Span, p.Parts, off) {
			return true
		}
	}
	return false
}

// reported reports whether a mention lies in what the mention's own
// attribution or a prior one reports: reported speech names what was said,
// not who speaks ("ignoring a Law Lords judgement, he said").
func (r *resolver) reported(sp verbatim.Span) bool {
	if r.c.Content.Contains(sp) {
		return true
	}
	around := r.around(sp.Start)
	in := false
	for i := range around {
		q := &around[i]
		if q.SpeakerAt.Overlaps(sp) {
			return false // a source named inside another's words still speaks
		}
		in = in || inContent(q.Span, q.Parts, sp.Start)
	}
	return in
}

// firstSubject returns the entity of the first subject-like mention outside
// quotation marks and reported speech in sentence si that want accepts, or
// -1.
func (r *resolver) firstSubject(si int, want func(*verbatim.Entity) bool) int {
	s := r.d.Sentences[si]
	mi := r.x.first(s.Start, s.End, func(m *verbatim.Mention) bool {
		return m.Entity >= 0 && m.Kind != verbatim.PronounMention && !r.quoted(m.Start) && !r.reported(m.Span) &&
			want(&r.d.Entities[m.Entity]) && r.subjectLike(m.Span)
	})
	if mi < 0 {
		return -1
	}
	return r.d.Mentions[mi].Entity
}

// subjectLike reports whether a mention is neither a possessor ("Trump's")
// nor governed by a preposition or a verb before it ("with Putin").
func (r *resolver) subjectLike(sp verbatim.Span) bool {
	rest := r.d.Clean[sp.End:min(len(r.d.Clean), sp.End+4)]
	if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "' ") || strings.HasPrefix(rest, "’ ") {
		return false
	}
	// the word governing the name, over a title before it ("by [All
	// England Club chairman] Tim Phillips", "with [actress] Brigitte
	// Nielsen")
	before := strings.TrimRight(r.d.Clean[max(0, sp.Start-80):sp.Start], " \n")
	for range titleReach {
		prev := lastWord(before)
		lp := strings.ToLower(prev)
		if prev == "" || objectMarkers[lp] {
			return !objectMarkers[lp]
		}
		if prev == "-" || prev == "–" || prev == "—" || strings.HasSuffix(prev, ":") {
			return false // "… two colleagues - Paolo Maldini and …"
		}
		if !(names.IsCap(prev) && !strings.ContainsAny(prev, ".,;:!?\"“”") || names.IsRoleWord(lp) || hasPersonHead(lp)) {
			return true
		}
		before = strings.TrimRight(before[:len(before)-len(prev)], " \n")
	}
	return true
}

// titleReach is how many title words (capitalised or role words) may
// stand between a name and the word that governs it.
const titleReach = 5

// hasPersonHead reports whether w is a person descriptor head ("actress").
func hasPersonHead(w string) bool {
	_, ok := personHeads[w]
	return ok
}

// objectMarkers are words after which a name is not a subject.
var objectMarkers = map[string]bool{"to": true, "with": true, "by": true, "for": true, "from": true, "of": true,
	"about": true, "against": true, "on": true, "at": true, "met": true, "meet": true, "and": true, "than": true,
	"called": true, "told": true, "urged": true, "asked": true, "thanked": true, "criticised": true, "criticized": true,
	"in": true, "over": true, "beat": true, "defeated": true, "replace": true, "replaced": true, "under": true}

// unsurePerson reports whether an entity is a person on the tagger's word
// alone: nothing gives it a gender or a role.
func unsurePerson(en *verbatim.Entity) bool {
	return en.Type == verbatim.Person && en.Gender == 0 && len(en.Roles) == 0
}
