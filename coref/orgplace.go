// Organisation descriptors that name their organisation by where it
// stands rather than by rank: one named next ("…, the UK's public
// spending watchdog has said. The National Audit Office said"), one the
// article called by the descriptor's head ("his 2 Wikid Records label"), one
// a nationality rules out ("The German exchange" is not the London Stock
// Exchange), one named soon after with the head in its name.

package coref

import (
	"slices"
	"strings"
	"unicode"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
)

// singular returns the singular of a plural lower-case noun ("agencies",
// "firms", "banks"), or "" for a word not plural.
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ss"):
		return ""
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return w[:len(w)-1]
	}
	return ""
}

// nationalities returns the keys (modKey) of the nationalities among a
// descriptor's modifiers ("the German exchange": "germ").
func nationalities(mods []string) []string {
	var out []string
	for _, w := range mods {
		if names.IsCap(w) && names.NameType(w) == verbatim.Group {
			out = append(out, modKey(w))
		}
	}
	return out
}

// otherNation reports whether an organisation's name places it in another
// country or city than the nationality a descriptor gives it: "the German
// exchange" is not the London Stock Exchange.
func otherNation(en *verbatim.Entity, nat []string) bool {
	if len(nat) == 0 || strings.IndexByte(en.Name, ' ') < 0 {
		return false
	}
	for _, w := range strings.Fields(en.Name) {
		if !names.IsCap(w) || names.NameType(w) != verbatim.Place {
			continue
		}
		if !slices.Contains(nat, modKey(w)) {
			return true
		}
	}
	return false
}

// calledBefore reports whether a name mention of en before the
// descriptor is followed by the descriptor's head: "his fledgling 2 Wikid
// Records label" before "the label said".
func (r *resolver) calledBefore(en *verbatim.Entity, head string) bool {
	d := r.d
	for _, mi := range en.Mentions {
		m := &d.Mentions[mi]
		if m.Start >= r.sp.Start {
			break
		}
		if m.Kind != verbatim.NameMention {
			continue
		}
		rest := d.Clean[m.End:min(len(d.Clean), m.End+len(head)+2)]
		if len(rest) == len(head)+2 && rest[0] == ' ' && strings.EqualFold(rest[1:len(head)+1], head) && !unicode.IsLetter(rune(rest[len(head)+1])) {
			return true
		}
	}
	return false
}

// leadOrganisation returns the organisation a described one in the lead
// of an article stands for when the next sentence opens with it, named
// there for the first time: "…, the UK's public spending watchdog has
// said. The National Audit Office said …"; else -1. A bare kind ("the
// firm") refers back instead.
func (r *resolver) leadOrganisation(f []string, want func(*verbatim.Entity) bool) int {
	if len(f) < 3 {
		return -1
	}
	return r.leadSubject(want)
}

// leadSubject returns, for a mention in the first sentence of an
// article's body, the entity want accepts that the next sentence opens
// with, named there for the first time; else -1.
func (r *resolver) leadSubject(want func(*verbatim.Entity) bool) int {
	d := r.d
	si := sentenceOf(d, r.sp.Start)
	if si < 0 || si != headlineSentences(d) || si+1 >= len(d.Sentences) {
		return -1
	}
	if e := r.firstSubject(si+1, want); e >= 0 && !r.namedBefore(e) {
		return e
	}
	return -1
}

// afterObjectMarker reports whether the word before offset off (past a
// "the") makes what follows an agent or an object ("approved by [the] Task
// Force").
func (r *resolver) afterObjectMarker(off int) bool {
	before := r.d.Clean[max(0, off-24):off]
	w := lastWord(before)
	if strings.EqualFold(w, "the") {
		before = strings.TrimRight(before, " \n\t\r")
		w = lastWord(before[:len(before)-len(w)])
	}
	return agentMarkers[strings.ToLower(w)]
}

// agentMarkers make the name after them an agent or a party that does not
// speak for the unnamed body ("approved by the Task Force", "talks with
// the union"); "for" and "to" may well name it ("a survey for Dimension
// Data", "according to the Pew Research Center").
var agentMarkers = map[string]bool{"by": true, "with": true, "against": true, "than": true}

// namedAfterWith returns the entity want accepts whose name holds head
// and is named first after the mention in its paragraph or the next,
// outside quotation marks; else -1.
func (r *resolver) namedAfterWith(head string, want func(*verbatim.Entity) bool) int {
	d := r.d
	si := sentenceOf(d, r.sp.Start)
	if si < 0 {
		return -1
	}
	// to the end of the next paragraph
	end := d.Sentences[si].End
	for k := si + 1; k < len(d.Sentences) && d.Sentences[k].Para <= d.Sentences[si].Para+1; k++ {
		end = d.Sentences[k].End
	}
	mi := r.x.first(r.sp.End, end, func(m *verbatim.Mention) bool {
		if m.Entity < 0 || m.Kind != verbatim.NameMention || r.quoted(m.Start) {
			return false
		}
		en := &d.Entities[m.Entity]
		if !want(en) {
			return false
		}
		for _, w := range strings.Fields(d.Clean[m.Start:m.End]) {
			if strings.EqualFold(w, head) {
				return true
			}
		}
		return false
	})
	if mi < 0 {
		return -1
	}
	return d.Mentions[mi].Entity
}
