package names

import (
	"strings"

	"github.com/verbatim-news/verbatim"
)

// What package coref (in-article coreference) reads from the names stage:
// matching a name against the entities found, the lexicons of role words,
// organisation words and honorifics, and recording a resolved mention.

// Match returns the entity of d that the name text refers to (its full
// name, surname, a misspelling of it, its acronym or expansion), or -1.
func Match(d *verbatim.Doc, text string) int {
	// The matcher's cached keys are functions of the entity names alone:
	// a pooled one stays valid across calls and documents.
	sc := scratchPool.Get().(*scratch)
	sc.mt.at = -1
	e := sc.mt.match(d, text, "")
	scratchPool.Put(sc)
	return e
}

// NameType returns the type of a name not yet among the entities: the
// gazetteer's, an organisation when its last word makes one ("... Group"),
// else a person.
func NameType(text string) verbatim.EntityType {
	w := nameWords(text)
	if g, ok := lookupGaz(strings.Join(w, " ")); ok {
		return g.Type
	}
	if len(w) > 0 && orgWords[strings.ToLower(w[len(w)-1])] {
		return verbatim.Organization
	}
	return verbatim.Person
}

// AddMention records the mention at sp as one of entity e (its kind: a
// name, pronoun or descriptor); a name mention may give e a fuller name.
func AddMention(d *verbatim.Doc, sp verbatim.Span, kind verbatim.MentionKind, e int) {
	d.Mentions = append(d.Mentions, verbatim.Mention{Span: sp, Text: d.Word(sp), Type: d.Entities[e].Type, Kind: kind, Entity: e})
	attach(d, len(d.Mentions)-1, e, true)
}

// IsRoleHead reports whether the lower-case word w is a role noun a
// descriptor can refer by ("president", "chancellor", "envoy").
func IsRoleHead(w string) bool { return roleHeads[w] }

// IsRoleWord reports whether the lower-case word w may make up a role.
func IsRoleWord(w string) bool { return roleWords[w] }

// IsOrgWord reports whether the lower-case word w makes a capitalised name
// an organisation ("ministry", "bank", "party").
func IsOrgWord(w string) bool { return orgWords[w] }

// IsCommonWord reports whether w (any case) is a common English word that
// is never a name ("wireless", "nobody"; data/common.txt).
func IsCommonWord(w string) bool { return isCommonWord(w) }

// IsStopWord reports whether the lower-case word w is a function word.
func IsStopWord(w string) bool { return stopWords[w] }

// HonorificGender returns 'm' or 'f' for an honorific ("Mr", "Mrs"), '-' for
// one of either gender ("Dr"), 0 for another word.
func HonorificGender(w string) byte { return lowerIn(honorifics, w) }

// IsCap reports whether w starts with an upper-case letter.
func IsCap(w string) bool { return isCap(w) }

// Canonical returns the gazetteer's canonical form of a name ("U.S." ->
// "United States") and whether it has one.
func Canonical(s string) (string, bool) {
	g, ok := lookupGaz(s)
	return g.Canon, ok
}

// Key normalises a name for exact comparison: lower case, no periods.
func Key(s string) string { return key(s) }

// IsPostNominal reports whether w is letters written after a name ("MP").
func IsPostNominal(w string) bool { return postNominals[w] }
