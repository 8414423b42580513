package quotes

import (
	"sort"

	"github.com/verbatim-news/verbatim"
)

// joinsPrevious extends the direct quote st.out[prev] over the quote region
// g when only its short attribution lies between them, in the same
// paragraph: “We are not going back,” Olsen said. “The shifts are not safe.”
// is one statement (PolNeAR annotates one content over both parts), as the
// same split inside one sentence already is. An attribution with more in it
// (“…,” Trump said, when asked about land. “…”) keeps the parts apart.
func (st *state) joinsPrevious(prev int, g region) bool {
	p := &st.out[prev]
	at := st.toks[g.open].Start
	if p.Type != verbatim.Direct || p.Cue.Empty() || p.SpeakerAt.Empty() || g.reopens || p.Cue.Start < p.End {
		// a quotation that opens before the last one closed is a new one,
		// and so is one that no attribution splits from it (`He said: “A.”
		// “B.”`: paragraphs run together)
		return false
	}
	n, extra := 0, 0
	for k := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= p.End }); k < len(st.toks); k++ {
		t := st.toks[k]
		if t.Start >= at {
			break
		}
		if n++; n > 16 {
			return false
		}
		if st.isWord(k) && !p.Cue.Contains(t.Span) && !p.SpeakerAt.Contains(t.Span) {
			if extra++; extra > maxJoinExtra {
				return false
			}
		}
	}
	joinPart(p, g.content)
	return true
}

// joinPart extends q over a later part of the same statement, recording the
// quoted parts so that the attribution between them can be told apart.
func joinPart(q *verbatim.Quote, parts ...verbatim.Span) {
	for _, next := range parts {
		if next.End <= q.End {
			continue
		}
		if len(q.Parts) == 0 {
			q.Parts = append(q.Parts, q.Span)
		}
		q.Parts = append(q.Parts, next)
		q.End = next.End
	}
}

// fitParts keeps a quote's parts inside its final span (a later rule may
// have moved its start or end) and drops them when one part is left.
func fitParts(q *verbatim.Quote) {
	w := 0
	for _, p := range q.Parts {
		p.Start, p.End = max(p.Start, q.Start), min(p.End, q.End)
		if p.Start < p.End && (w == 0 || p.Start >= q.Parts[w-1].End) {
			q.Parts[w] = p
			w++
		}
	}
	if q.Parts = q.Parts[:w]; w < 2 {
		q.Parts = nil
	} else {
		q.Parts[0].Start, q.Parts[w-1].End = q.Start, q.End
	}
}

// maxJoinExtra is how many words besides the speaker and the cue the
// attribution between two parts may have ("said on Tuesday", "said in a
// statement") for them to join.
const maxJoinExtra = 3
