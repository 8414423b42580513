// Unnamed groups: "analysts said … They added" — a plural source the
// article leaves unnamed stays unnamed, and a "they" that stands for it is
// reported by the phrase that describes it.

package coref

import (
	"github.com/verbatim-news/verbatim"
	"strings"
	"unicode"

	"github.com/verbatim-news/verbatim/names"
)

// unnamedGroup records, for a "they" that follows an attribution to an
// unnamed plural source in its paragraph or the one before ("Critics
// say …", "union officials said"), that source's phrase as the one it
// stands for (Resolver.Unnamed), and reports whether it did. A "they"
// that stood for one before leads back to it.
func (r *resolver) unnamedGroup() bool {
	q, f := r.unnamedChain(r.lastAttribution(), func(w string) bool { return pronouns[w] == plural })
	if q == nil || len(f) == 0 || !pluralGroup(f) {
		return false
	}
	r.x.unnamed = q.SpeakerAt
	return true
}

// unnamedChain follows q back through attributions whose source is a lone
// pronoun that pron accepts ("They said … they added") to the one it stood
// for, at most unnamedHops back, each unnamed and in the paragraph of the
// mention being resolved or the one before. It returns that attribution and
// the words of its source, or nil when the chain breaks.
func (r *resolver) unnamedChain(q *verbatim.Quote, pron func(string) bool) (*verbatim.Quote, []string) {
	for hops := 0; ; hops++ {
		if q == nil || q.Speaker >= 0 || !r.near(q.SpeakerAt.Start, 1) {
			return nil, nil
		}
		f := strings.Fields(r.d.Word(q.SpeakerAt))
		if len(f) != 1 || !pron(strings.ToLower(f[0])) {
			return q, f
		}
		if hops >= unnamedHops {
			return nil, nil
		}
		q = r.attributionBefore(q.SpeakerAt.Start)
	}
}

// attributionBefore returns the last prior attribution whose source
// mention starts before off, or nil.
func (r *resolver) attributionBefore(off int) *verbatim.Quote {
	for i := len(r.c.Prior) - 1; i >= 0; i-- {
		if p := &r.c.Prior[i]; !p.SpeakerAt.Empty() && p.SpeakerAt.Start < off {
			return p
		}
	}
	return nil
}

// pluralGroup reports whether a phrase's words name an unnamed group: a
// lower-case plural head ("analysts", "union officials", "the tobacco
// companies", "Critics" opening a sentence), not a name ("the Tories").
func pluralGroup(f []string) bool {
	head := f[len(f)-1]
	lw := strings.ToLower(head)
	if len(lw) < 4 || !strings.HasSuffix(lw, "s") || strings.HasSuffix(lw, "ss") || strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "’s") {
		return false
	}
	for _, c := range lw {
		if !unicode.IsLetter(c) && c != '-' {
			return false
		}
	}
	if head != lw && (len(f) > 1 || !names.IsCommonWord(lw) && !names.IsCommonWord(lw[:len(lw)-1])) {
		return false // a name ("the Tories", "Reuters"), but a sentence's first word ("Critics")
	}
	_, pron := pronouns[lw]
	return !pron && !names.IsStopWord(lw)
}
