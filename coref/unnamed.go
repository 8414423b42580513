// Unnamed groups: "analysts said … They added" — a plural source the
// article leaves unnamed stays unnamed, and a "they" that stands for it is
// reported by the phrase that describes it.

package coref

import (
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
	q := r.lastAttribution()
	for hops := 0; q != nil && q.Speaker < 0 && r.near(q.SpeakerAt.Start, 1); hops++ {
		f := strings.Fields(r.d.Word(q.SpeakerAt))
		if len(f) == 0 {
			return false
		}
		if len(f) == 1 && pronouns[strings.ToLower(f[0])] == plural {
			// "They said … they added": the phrase the first stood for
			if hops >= unnamedHops {
				return false
			}
			var prev = q
			q = nil
			for i := len(r.c.Prior) - 1; i >= 0; i-- {
				if p := &r.c.Prior[i]; !p.SpeakerAt.Empty() && p.SpeakerAt.Start < prev.SpeakerAt.Start {
					q = p
					break
				}
			}
			continue
		}
		if !pluralGroup(f) {
			return false
		}
		r.x.unnamed = q.SpeakerAt
		return true
	}
	return false
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
