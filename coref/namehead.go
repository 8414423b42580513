// The name an organisation goes by when the tagger cut words off its front:
// "the [British] Phonographic Industry", "[North] Wales Police", "the
// state's [National] Land Institute".

package coref

import (
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
)

// fullerOrgName gives the organisation of name mention mi the fuller name
// a speaker phrase sp writes it with, when the words before the mention in
// the phrase (after its determiner and any possessor) are capitalised words
// that name nothing else and are no title ("Minister"): "the British Phonographic
// Industry" names the Phonographic Industry "British Phonographic
// Industry". An entity whose name is already longer than the mention keeps
// it.
func fullerOrgName(x *index, sp verbatim.Span, mi int) {
	d := x.d
	m := d.Mentions[mi]
	if m.Kind != verbatim.NameMention || m.Entity < 0 || m.Start <= sp.Start || m.End != lastWordEnd(d, sp) {
		return
	}
	en := &d.Entities[m.Entity]
	if en.Type == verbatim.Person {
		// a person by the tagger's word alone whose name ends like an
		// organisation's: "[North] Wales Police"
		lw := strings.ToLower(lastWord(en.Name))
		if len(en.Roles) > 0 || !names.IsOrgWord(lw) && !orgHeads[lw] {
			return
		}
	} else if en.Type != verbatim.Organization {
		return
	}
	if en.Name != d.Clean[m.Start:m.End] {
		return
	}
	pre := d.Clean[sp.Start:m.Start]
	if !strings.HasSuffix(pre, " ") || strings.ContainsAny(pre, ",;:()\"“”\n") {
		return
	}
	// the words after the determiner and the last possessor
	start := sp.Start
	words := strings.Fields(pre)
	off := 0
	skip := 0
	for i, w := range words {
		if i == 0 && determiners[strings.ToLower(w)] || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			skip = i + 1
		}
	}
	for i, w := range words {
		k := strings.Index(pre[off:], w)
		if i == skip {
			start = sp.Start + off + k
		}
		off += k + len(w)
	}
	words = words[skip:]
	if len(words) == 0 || len(words) > 4 {
		return
	}
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case i > 0 && (lw == "and" || lw == "of" || lw == "for" || lw == "&"): // "Pew Internet and [American Life Project]"
		case !names.IsCap(w) || names.IsRoleHead(lw) || names.HonorificGender(w) != 0:
			return
		}
	}
	if other := x.first(start-x.maxLen, m.Start, func(o *verbatim.Mention) bool {
		if o.Entity < 0 || o.Entity == m.Entity || o.End <= start || o.Start >= m.Start {
			return false
		}
		return d.Entities[o.Entity].Type != verbatim.Group
	}); other >= 0 {
		return // "the US Federal Reserve": a country, not part of the name ("British" may be)
	}
	en.Name = d.Clean[start:m.End]
}
