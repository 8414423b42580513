// The name inside a speaker phrase: the name mention that ends it, cut
// before a postmodifier ("Stacey Plaskett [of the Virgin Islands]"), or the
// words of a descriptor after its modifiers; and the call that resolves it
// to an entity (package coref).

package quotes

import (
	"sort"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/coref"
	"github.com/verbatim-news/verbatim/names"
)

// nameEndingAt returns the index in d.Mentions of the longest name mention
// that ends where sp ends and lies inside it, -1 when there is none.
func (st *state) nameEndingAt(sp verbatim.Span) int {
	best := -1
	st.endingAt(sp.End, func(i int) bool {
		m := &st.d.Mentions[i]
		if m.Start >= sp.Start && m.Kind == verbatim.NameMention {
			if best < 0 || m.Start < st.d.Mentions[best].Start {
				best = i
			}
		}
		return true
	})
	return best
}

// head returns the part of a speaker noun phrase that names the speaker:
// the name mention ending it ("White House Press Secretary [Karoline
// Leavitt]"), or, for a descriptor, the words after its modifiers ("the U.S.
// [president]" keeps its determiner: "the president").
func (st *state) head(sp verbatim.Span) verbatim.Span {
	if i := st.relativeAt(sp); i >= 0 {
		lo, _ := st.sentence(i)
		if ant, ok := st.antecedent(i, lo); ok {
			return st.head(ant)
		}
	}
	if by, ok := st.documentBy(sp); ok {
		return by // "a statement from Mr Spitzer's office": Spitzer
	}
	if cut := st.beforePostmodifier(sp); cut != sp && st.namesOrDescribes(cut) && !strings.EqualFold(st.s[cut.Start:cut.End], "one") {
		// (but "one of the world's leading rating agencies": its kind)
		sp = cut
	}
	if k := st.tokenAt(sp.End - 1); k > 0 && st.toks[k-1].Start >= sp.Start && st.toks[k].End == sp.End && names.IsPostNominal(st.tok(k)) {
		st.endingAt(st.toks[k-1].End, func(i int) bool {
			if m := &st.d.Mentions[i]; m.Type == verbatim.Person && m.Start >= sp.Start {
				sp.End = m.End // "Andrew Tyrie MP"
				return false
			}
			return true
		})
	}
	if k := st.tokenAt(sp.End - 1); k > 1 && st.isPoss(k-1) && documents[st.low(k)] && st.toks[k-1].Start > sp.Start {
		// "Mr Tanzi's statement said": the one who issued it speaks
		if best := st.nameEndingAt(verbatim.Span{Start: sp.Start, End: st.toks[k-2].End}); best >= 0 {
			return st.d.Mentions[best].Span
		}
	}
	if best := st.nameEndingAt(sp); best >= 0 {
		if m := &st.d.Mentions[best]; st.describesBy(sp, m) {
			return sp // "the American", "the Bishop of Durham": a descriptor
		}
		return st.d.Mentions[best].Span
	}
	// a lower-case head with names inside: resolve the words after the last name
	cut := -1
	ms := st.d.Mentions
	st.within(sp.Start, sp.End, func(i int) bool {
		if m := &ms[i]; m.End < sp.End && m.End > cut {
			cut = m.End
		}
		return true
	})
	if cut < 0 {
		return sp
	}
	t := verbatim.Span{Start: cut, End: sp.End}
	r := st.s[cut:sp.End]
	for _, p := range []string{"'s", "’s"} {
		if len(r) >= len(p) && r[:len(p)] == p {
			t.Start += len(p)
			r = r[len(p):]
		}
	}
	for t.Start < t.End && r[0] == ' ' {
		t.Start++
		r = r[1:]
	}
	if t.Empty() {
		return sp
	}
	return t
}

// documentBy returns the name of the person or organisation a document
// phrase says issued it ("a statement from Mr Spitzer's office", "a report
// by analysts Forrester Research", "figures released by the CEA"): the
// first one named after "by", "from" or "for" that follows the document
// word and at most a participle.
func (st *state) documentBy(sp verbatim.Span) (verbatim.Span, bool) {
	i := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= sp.Start })
	for j := i; j < len(st.toks) && j < i+4 && st.toks[j].End <= sp.End; j++ {
		if !st.isWord(j) || !st.in(j, setDocument|setFinding) {
			continue
		}
		p := j + 1
		if p < len(st.toks) && st.isWord(p) && strings.HasSuffix(st.low(p), "ed") {
			p++ // "released by", "commissioned by"
			if p+2 < len(st.toks) && st.isWord(p) && st.low(p) == "on" && st.isWord(p+1) && st.in(p+1, setWeekday) && st.isWord(p+2) && st.low(p+2) == "by" {
				p += 2 // "figures released on Tuesday by the BPI"
			}
		}
		if p >= len(st.toks) || st.toks[p].End >= sp.End || !st.isWord(p) {
			return verbatim.Span{}, false
		}
		if w := st.low(p); w != "by" && w != "from" && w != "for" {
			return verbatim.Span{}, false
		}
		best := -1
		st.within(st.toks[p].End, sp.End, func(k int) bool {
			m := &st.d.Mentions[k]
			if m.Entity >= 0 && m.Kind == verbatim.NameMention && m.End <= sp.End && (m.Type == verbatim.Person || m.Type == verbatim.Organization) &&
				(best < 0 || m.Start < st.d.Mentions[best].Start) {
				best = k
			}
			return true
		})
		if best < 0 {
			return verbatim.Span{}, false
		}
		return st.d.Mentions[best].Span, true
	}
	return verbatim.Span{}, false
}

// beforePostmodifier cuts a speaker phrase before its first postmodifier
// ("Stacey Plaskett [of the Virgin Islands]"), keeping an "of" inside a
// title ("Secretary of State Marco Rubio").
func (st *state) beforePostmodifier(sp verbatim.Span) verbatim.Span {
	if strings.IndexByte(st.s[sp.Start:sp.End], ' ') < 0 {
		return sp // one word
	}
	i := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= sp.Start })
	for j := i + 1; j < len(st.toks) && st.toks[j].End <= sp.End; j++ {
		if !st.isWord(j) || !postmodifiers[st.low(j)] || st.isCap(j) {
			continue
		}
		if st.low(j) == "of" && st.isCap(j+1) && !st.personEndsAt(sp.Start, st.toks[j-1].End) {
			continue // (but "Gary Thayer [of AG Edwards]")
		}
		if !st.isWord(j-1) || st.isPoss(j-1) {
			break
		}
		return verbatim.Span{Start: sp.Start, End: st.toks[j-1].End}
	}
	return sp
}

// personEndsAt reports whether a person's name mention starting at or
// after from ends at offset end.
func (st *state) personEndsAt(from, end int) bool {
	found := false
	st.endingAt(end, func(i int) bool {
		m := &st.d.Mentions[i]
		found = m.Start >= from && m.Kind == verbatim.NameMention && m.Type == verbatim.Person
		return !found
	})
	return found
}

// describesBy reports whether the name mention m ending speaker phrase sp
// only describes the speaker: one nationality after "the" ("the
// American", "The Swiss"), which package coref resolves as a descriptor
// (a plural, "the Conservatives", names the group itself).
func (st *state) describesBy(sp verbatim.Span, m *verbatim.Mention) bool {
	if m.Type == verbatim.Person || m.End != sp.End {
		return false
	}
	b := st.tokenAt(sp.Start)
	if b+1 >= len(st.toks) || st.low(b) != "the" || st.toks[b+1].Start != m.Start || st.toks[b+1].End != m.End {
		return false
	}
	w := st.s[m.Start:m.End]
	if names.NameType(w) != verbatim.Group {
		return false
	}
	return !(strings.HasSuffix(w, "s") && names.NameType(w[:len(w)-1]) == verbatim.Group)
}

// endsName reports whether capitalised token i ends a name mention of
// more than one word ("Brian May", not "May" alone).
func (st *state) endsName(i int) bool {
	if !st.isCap(i) {
		return false
	}
	found := false
	st.endingAt(st.toks[i].End, func(j int) bool {
		m := &st.d.Mentions[j]
		found = m.Kind == verbatim.NameMention && m.Start < st.toks[i].Start
		return !found
	})
	return found
}

// insideName reports whether token i lies inside a name mention, neither
// its first nor its last word ("Reporters [Without] Borders").
func (st *state) insideName(i int) bool {
	t := st.toks[i]
	found := false
	st.within(max(0, t.Start-120), t.Start, func(j int) bool {
		m := &st.d.Mentions[j]
		found = m.Kind == verbatim.NameMention && m.End > t.End
		return !found
	})
	return found
}

// namesOrDescribes reports whether sp holds a name mention ("Gordon Brown")
// or ends in a lower-case descriptor ("A spokesman"), not a word capitalised
// only by its position ("Analysts").
func (st *state) namesOrDescribes(sp verbatim.Span) bool {
	found := false
	ms := st.d.Mentions
	st.within(sp.Start, sp.End, func(i int) bool {
		found = ms[i].Kind == verbatim.NameMention && ms[i].End <= sp.End
		return !found
	})
	if found {
		return true
	}
	i := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].End >= sp.End })
	return i < len(st.toks) && st.isWord(i) && !st.isCap(i)
}

// resolve calls the document's coref.Resolver, guarding against a panic
// there so that the quotes found are kept.
func resolve(r *coref.Resolver, sp verbatim.Span, c coref.Context) (e int) {
	defer func() {
		if recover() != nil {
			e = -1
		}
	}()
	return r.Resolve(sp, c)
}
