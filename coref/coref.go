// Package coref resolves a mention inside one article to the entity it
// refers to: the answer to "who is he?", "which firm is the firm?". It is
// where a source is resolved to a name.
//
// A mention is one of
//   - a name ("Kellog", "Mr Blair", "the Lib Dems"): matched against the
//     entities of package names (surname, misspelling, acronym, alias);
//   - a pronoun: he/she/him/his/her (persons of that gender), it/its
//     (organisations), they (the organisation that spoke last), I/we inside
//     a quotation (its speaker);
//   - a role descriptor ("the French president", "the Bishop of Durham"):
//     the person the article gives that role, never one holding another
//     office ("the finance director" is not the mayor); a name the quote
//     stage cut off the role's complement ("The MP for [Leeds]") is not
//     the source;
//   - a person descriptor ("the 28-year-old", "the American", "the singer");
//   - an organisation descriptor ("the firm", "the ministry") or a document
//     ("the report", "the survey": the organisation behind it); a kind of
//     body whose names say it ("the committee", "the police") only an
//     organisation so named.
//
// Exact constraints filter the candidates (type, gender, number, a role the
// article gives); the rest is a ranking of the entities mentioned before:
// the speaker of the last attribution, the subject of the sentence or of the
// one before, recency and salience (features.go).
//
// The quote stage calls Resolve for every speaker mention, with the
// attributions found before it (Context).
package coref

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
)

// Context is what the attribution stage knows around a speaker mention.
type Context struct {
	// Prior are the attributions before this one, in text order, their
	// speakers resolved (Speaker, SpeakerAt).
	Prior []verbatim.Quote
	// Phrase is the whole source phrase the mention was cut from, when
	// longer ("Brent Bozell, PTC president and conservative activist").
	Phrase verbatim.Span
	// Content is what the mention's own attribution reports: the names in
	// it are what was said, not who said it.
	Content verbatim.Span
	// Parts are the content's quoted segments when it has several.
	Parts []verbatim.Span
	// Direct tells that Content is a quotation: its bounds are the quote
	// marks, and no name inside it is an antecedent. The bounds of reported
	// speech are less sure: a name there only ranks lower.
	Direct bool
	// Quoted reports whether offset off lies inside quotation marks; nil
	// when unknown. Names inside a quotation are the quoted speaker's
	// words, not antecedents of a pronoun outside it.
	Quoted func(off int) bool
}

// resolve resolves the mention at sp with the document's index x, up to
// date.
func resolve(x *index, sp verbatim.Span, c Context) int {
	d := x.d
	if sp.Start < 0 || sp.End > len(d.Clean) || sp.End <= sp.Start || len(d.Clean) != len(d.Text) {
		return -1
	}
	// A document by its author: "Mr Tanzi's statement", "a study by the
	// Pew Research Center", "the Gartner report".
	if e := documentAuthor(x, sp); e >= 0 {
		return e
	}
	// A name the quote stage cut off a descriptor that holds it as a
	// complement or a modifier ("The Bishop of [Durham]", "the [American]")
	// is not the referent: the whole phrase is resolved as a descriptor.
	described := false
	if ph, ok := descriptorPhrase(x, sp, c.Phrase); ok {
		sp, described = ph, true
	}
	if ph := c.Phrase; !described && ph.Contains(sp) && lastWordEnd(d, ph) == lastWordEnd(d, sp) {
		// the quote stage cut the organisation off the phrase
		if e := personOfOrganisation(x, ph); e >= 0 {
			return e
		}
	}
	// A known mention inside or around the span.
	if i := x.first(sp.Start-x.maxLen, sp.End, func(m *verbatim.Mention) bool {
		if m.Entity >= 0 && m.Overlaps(sp) && m.Type != verbatim.Misc {
			// A place or group inside a longer span is a modifier ("the
			// U.S. president"), not the referent.
			inner := sp.Contains(m.Span) && m.Span != sp && (m.End < lastWordEnd(d, sp) || (m.Type != verbatim.Person && m.Type != verbatim.Organization))
			return !inner && (m.Span == sp || sp.Contains(m.Span) || m.Contains(sp))
		}
		return false
	}); i >= 0 && !described {
		ph := sp
		if c.Phrase.Contains(sp) && c.Phrase.Start < sp.Start && lastWordEnd(d, c.Phrase) == lastWordEnd(d, sp) {
			ph = c.Phrase // the quote stage cut the name off its phrase
		}
		fullerOrgName(x, ph, i)
		return d.Mentions[i].Entity
	}
	text := d.Word(sp)
	f := strings.Fields(text)
	if len(f) == 0 {
		return -1
	}
	ap, af := sp, f
	if c.Phrase.Contains(sp) && c.Phrase.Start < sp.Start {
		ap = verbatim.Span{Start: c.Phrase.Start, End: sp.End}
		af = strings.Fields(d.Word(ap))
	}
	if e := appositive(x, ap, af); e >= 0 {
		names.AddMention(d, sp, verbatim.DescriptorMention, e)
		return e
	}
	r := resolver{d: d, x: x, sp: sp, c: c}
	if described && !determiners[strings.ToLower(f[0])] {
		return -1
	}
	if described && (strings.EqualFold(f[0], "a") || strings.EqualFold(f[0], "an")) {
		// "a spokesman for Ofcom": unnamed unless the lead names him
		return r.leadPerson(f)
	}
	r.inside = r.enclosing()
	if len(f) == 1 {
		if p, ok := pronouns[strings.ToLower(f[0])]; ok {
			return r.pronoun(p)
		}
	}
	df := descriptorWords(d, sp, c.Phrase, f)
	if lw := strings.ToLower(df[0]); len(df) >= 2 && (lw == "the" || lw == "this" || lw == "that") &&
		!names.IsCap(df[len(df)-1]) && r.unnamedBefore(strings.ToLower(df[len(df)-1])) {
		return -1 // "A former Boeing instructor pilot said … The instructor said": still unnamed
	}
	if e := r.roleDescriptor(df); e >= 0 {
		return e
	}
	if e := r.orgDescriptor(df); e >= 0 {
		return e
	}
	if e := r.personDescriptor(df); e >= 0 {
		return e
	}
	if e := r.leadPerson(df); e >= 0 {
		return e
	}
	if e := r.otherDescriptor(df); e >= 0 {
		return e
	}
	if described {
		return -1
	}
	// A name: match it or make it an entity.
	if !names.IsCap(f[len(f)-1]) {
		return -1
	}
	if len(f) == 1 {
		// "They", "It", "Supporters": capitalised only by position;
		// "Wireless:", "Backs:": a common word heading a line.
		lw := strings.ToLower(f[0])
		if lw == f[0] {
			return -1
		}
		if names.IsStopWord(lw) || x.seenLower(lw) || names.IsCommonWord(lw) {
			// a common word is a name only as the surname of a person
			// the article names in full ("radio DJ Mike Read … Read said")
			if e := surnameOf(x, f[0]); e >= 0 {
				names.AddMention(d, sp, verbatim.NameMention, e)
				return e
			}
			return -1
		}
	}
	if names.IsRoleWord(strings.ToLower(f[len(f)-1])) {
		return -1 // a title without a name: "the Sittingbourne and Sheppey MP"
	}
	if cut := nameAfterDescription(d, sp); cut != sp {
		sp, text = cut, d.Word(cut)
	}
	if t := names.NameType(text); t == verbatim.Person {
		if cut := names.TrimPersonName(d, sp); cut != sp {
			sp, text = cut, d.Word(cut)
		}
	}
	e := names.Match(d, text)
	if e < 0 {
		t := names.NameType(text)
		if t == verbatim.Misc || t == verbatim.Place {
			return -1
		}
		d.Entities = append(d.Entities, verbatim.Entity{Type: t})
		e = len(d.Entities) - 1
	}
	names.AddMention(d, sp, verbatim.NameMention, e)
	return e
}

// surnameOf returns the person entity the article names with two words or
// more, the last of which is w, when there is exactly one; else -1.
func surnameOf(x *index, w string) int {
	d := x.d
	found := -1
	for e := range d.Entities {
		en := &d.Entities[e]
		if en.Type != verbatim.Person || lastWord(en.Name) != w || !strings.Contains(en.Name, " ") {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = e
	}
	return found
}

// personOfOrganisation returns the person named in a span before the
// organisation it is "of", "at" or "from" ("Jamie Graham of Total Film",
// "analyst Ann Berg at Nordbank"): the person speaks, the organisation
// only places them; else -1.
func personOfOrganisation(x *index, sp verbatim.Span) int {
	d := x.d
	end := lastWordEnd(d, sp)
	mi := x.first(sp.Start, end, func(m *verbatim.Mention) bool {
		if m.Entity < 0 || m.Kind != verbatim.NameMention || !sp.Contains(m.Span) || m.End >= end || d.Entities[m.Entity].Type != verbatim.Person {
			return false
		}
		rest := d.Clean[m.End:end]
		return (strings.HasPrefix(rest, " of ") || strings.HasPrefix(rest, " at ") || strings.HasPrefix(rest, " from ")) &&
			!strings.ContainsAny(d.Clean[sp.Start:m.Start], ",;:()\"“”\n")
	})
	if mi < 0 {
		return -1
	}
	return d.Mentions[mi].Entity
}

// descriptorPhrase returns the source phrase when the mention sp is a name
// cut from it that the phrase holds as a role's complement ("The Bishop of
// [Durham]", "a spokesman for [Ofcom]", "The MP for [Ealing North]") or a
// nationality that is the whole head ("the [American]"): the phrase is
// then a descriptor of someone else.
func descriptorPhrase(x *index, sp, phrase verbatim.Span) (verbatim.Span, bool) {
	d := x.d
	if !phrase.Contains(sp) || phrase.Start >= sp.Start {
		return sp, false
	}
	pre := d.Clean[phrase.Start:sp.Start]
	if k := strings.IndexByte(pre, ' '); k < 0 || !determiners[strings.ToLower(pre[:k])] {
		return sp, false // (most phrases: no allocation)
	}
	if strings.ContainsAny(pre, ",;:()\"“”\n") {
		return sp, false
	}
	f := strings.Fields(pre)
	if w := d.Word(sp); len(f) == 1 && lastWordEnd(d, phrase) == lastWordEnd(d, sp) && !strings.ContainsAny(w, " \n") && (!strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss")) {
		// "the American": one of a nationality, no name ("the
		// Conservatives" are a party)
		mi := x.first(sp.Start, sp.End, func(m *verbatim.Mention) bool {
			if m.Entity < 0 || m.Span != sp {
				return false
			}
			t := d.Entities[m.Entity].Type
			return (t == verbatim.Group || t == verbatim.Misc) && names.NameType(d.Word(sp)) == verbatim.Group
		})
		return phrase, mi >= 0
	}
	for k := 1; k < len(f); k++ {
		if lw := strings.ToLower(f[k]); (lw == "of" || lw == "for") && names.IsRoleHead(strings.ToLower(f[k-1])) {
			// the complement's words: a name with its "the", "and", "of"
			for _, w := range f[k+1:] {
				if lw := strings.ToLower(w); !names.IsCap(w) && lw != "the" && lw != "and" && lw != "of" {
					return sp, false
				}
			}
			return phrase, true
		}
	}
	return sp, false
}

// descriptorWords returns the words of a descriptor head with the words of
// its phrase before it, when the quote stage cut it after a name it holds
// ("the Liberal Democrat [leader]", "The Delta [subsidiary]": the name is
// a modifier, the determiner tells it refers back); else f.
func descriptorWords(d *verbatim.Doc, sp, phrase verbatim.Span, f []string) []string {
	if !phrase.Contains(sp) || phrase.Start >= sp.Start || names.IsCap(f[len(f)-1]) || names.IsStopWord(strings.ToLower(f[len(f)-1])) {
		return f
	}
	pre := d.Clean[phrase.Start:sp.Start]
	if strings.ContainsAny(pre, ",;:()\"“”") {
		return f
	}
	pf := strings.Fields(pre)
	if len(pf) == 0 || len(pf) > 5 {
		return f
	}
	return append(pf, f...)
}

// nameAfterDescription cuts a description before a name from the span
// ("market analysts [Chart-Track]", "security firm [F-Secure]", "Green MEP
// [Caroline Lucas]"): the words after the last lower-case word or role
// word, when they are all capitalised; else sp.
func nameAfterDescription(d *verbatim.Doc, sp verbatim.Span) verbatim.Span {
	s := d.Clean[sp.Start:sp.End]
	cut := -1
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\n' {
			j++
		}
		if j == i {
			break
		}
		w := s[i:j]
		lw := strings.ToLower(w)
		switch {
		case !names.IsCap(w) && !names.IsStopWord(lw):
			cut = j // "analysts", "firm"
		case names.IsCap(w) && names.IsRoleWord(lw) && j < len(s) && names.IsCap(strings.TrimLeft(s[j:], " \n")):
			cut = j // "MEP", "Minister" before a name
		case !names.IsCap(w):
			if cut >= 0 {
				return sp // "of", "and" inside the name after the cut
			}
		}
		i = j
	}
	if cut < 0 {
		return sp
	}
	rest := strings.TrimLeft(s[cut:], " \n")
	if rest == "" {
		return sp
	}
	return verbatim.Span{Start: sp.End - len(rest), End: sp.End}
}

// resolver holds one resolution's mention and context.
type resolver struct {
	d  *verbatim.Doc
	x  *index // d's
	sp verbatim.Span
	c  Context

	lastSpeaker, prevSubject int     // rank: the entities of fLastSpeaker and fPrevSubject
	spoke                    []bool  // rank: the entities that spoke before the mention
	cands                    []int   // rank: the candidates collect found
	seen                     []*seen // rank: what the look-back window tells of each entity (index scratch)

	// inside is the earlier direct quotation whose words hold the mention
	// (nested speech), nil when none: names earlier in it are antecedents,
	// its speaker is not "he" or "she" (a speaker says I).
	inside *verbatim.Quote
}

// enclosing finds the earlier direct quotation whose quoted words hold the
// mention.
func (r *resolver) enclosing() *verbatim.Quote {
	around := r.around(r.sp.Start)
	for i := len(around) - 1; i >= 0; i-- {
		if q := &around[i]; q.Type == verbatim.Direct && inContent(q.Span, q.Parts, r.sp.Start) {
			return q
		}
	}
	return nil
}

func (r *resolver) record(kind verbatim.MentionKind, e int) int {
	if e >= 0 {
		names.AddMention(r.d, r.sp, kind, e)
	}
	return e
}

// pronoun classes.
const (
	male = iota + 1
	female
	neuter // it, its
	plural // they, their
	first  // I, we: the speaker of the quotation around them
)

var pronouns = map[string]int{"he": male, "him": male, "his": male, "himself": male,
	"she": female, "her": female, "hers": female, "herself": female,
	"it": neuter, "its": neuter, "itself": neuter,
	"they": plural, "them": plural, "their": plural, "themselves": plural,
	"i": first, "we": first, "me": first, "us": first, "my": first, "our": first}

// pronoun resolves a third-person pronoun to the best-ranked entity of the
// right type and gender mentioned before it, a first-person one inside a
// quotation to the quotation's speaker.
func (r *resolver) pronoun(p int) int {
	switch p {
	case first:
		return r.record(verbatim.PronounMention, r.quotationSpeaker())
	case plural:
		// "they" is an organisation only when one just spoke; a group
		// without a name ("analysts said ... They added") stays unnamed.
		if q := r.lastAttribution(); q != nil && q.Speaker >= 0 && r.d.Entities[q.Speaker].Type == verbatim.Organization && r.near(q.SpeakerAt.Start, 1) {
			return r.record(verbatim.PronounMention, q.Speaker)
		}
		r.unnamedGroup() // unnamed.go
		return -1
	}
	if e := r.documentSpoke(); p == neuter && e >= 0 {
		return r.record(verbatim.PronounMention, e) // documents.go
	}
	if p != neuter {
		if src, ok := r.unnamedSpoke(); ok {
			r.x.unnamed = src
			return -1 // "a spokesman said … He added": the same unnamed source
		}
	}
	want := func(en *verbatim.Entity) bool {
		if r.inside != nil && r.inside.Speaker >= 0 && en == &r.d.Entities[r.inside.Speaker] {
			return false // "“… he doesn't find convenient,” said Gorski": not Gorski
		}
		switch p {
		case neuter:
			return r.organisationLike(en)
		case male:
			return en.Type == verbatim.Person && (en.Gender == 'm' || en.Gender == 0 && !r.orgLikePerson(en))
		default:
			return en.Type == verbatim.Person && (en.Gender == 'f' || en.Gender == 0 && !r.orgLikePerson(en))
		}
	}
	g := byte('m')
	if p == female {
		g = 'f'
	}
	bonus := func(en *verbatim.Entity) float64 {
		if p != neuter && en.Gender == g {
			return 1
		}
		return 0
	}
	return r.record(verbatim.PronounMention, r.rank(want, bonus))
}

// quotationSpeaker is the speaker of the quotation holding a first-person
// pronoun (news narration has no "I": a speaker "I" or "we" stands in a
// quotation even where its marks do not pair up): the attribution whose
// content holds it, else the last one of its paragraph or the paragraph
// before (a quotation that continues).
func (r *resolver) quotationSpeaker() int {
	for i := len(r.c.Prior) - 1; i >= 0; i-- {
		q := &r.c.Prior[i]
		if q.Speaker >= 0 && q.Span.Contains(r.sp) {
			return q.Speaker
		}
	}
	if q := r.lastAttribution(); q != nil && q.Speaker >= 0 && r.near(q.Start, 1) {
		return q.Speaker
	}
	return -1
}

// unnamedSpoke reports whether the last attribution before the mention, in
// its paragraph or the one before, has an unnamed person as its source ("a
// spokesman", "one dealer"), named by no entity since, and that source's
// phrase.
func (r *resolver) unnamedSpoke() (verbatim.Span, bool) {
	// "A spokesman said … “…,” he said. “…,” he added": the source of a
	// pronoun left unnamed is the one it stood for
	q, f := r.unnamedChain(r.lastAttribution(), func(w string) bool { _, ok := pronouns[w]; return ok })
	if len(f) < 2 {
		return verbatim.Span{}, false
	}
	if lw := strings.ToLower(f[0]); lw != "a" && lw != "an" && lw != "one" {
		return verbatim.Span{}, false
	}
	if k := slices.IndexFunc(f, func(w string) bool { return w == "for" || w == "of" || w == "at" }); k >= 2 {
		f = f[:k] // "a spokesman for the Oxford University Press"
	}
	head := strings.ToLower(f[len(f)-1])
	// "one dealer, who asked not to be named, said … “…,” he said"
	if _, ok := personHeads[head]; !ok && !names.IsRoleHead(head) && !unnamedHeads[head] {
		return verbatim.Span{}, false
	}
	named := r.x.first(q.SpeakerAt.End+1, r.sp.Start, func(m *verbatim.Mention) bool {
		return m.Entity >= 0 && m.Kind == verbatim.NameMention && r.d.Entities[m.Entity].Type == verbatim.Person && !r.quoted(m.Start)
	})
	return q.SpeakerAt, named < 0 // else a person named since
}

// unnamedHops is how many pronouns back unnamedSpoke follows an unnamed
// source ("a spokesman said … he said … he added").
const unnamedHops = 4

// lastAttribution returns the last prior attribution that has a speaker
// mention, or nil.
func (r *resolver) lastAttribution() *verbatim.Quote {
	for i := len(r.c.Prior) - 1; i >= 0; i-- {
		if q := &r.c.Prior[i]; !q.SpeakerAt.Empty() && q.SpeakerAt.Start < r.sp.Start {
			return q
		}
	}
	return nil
}

// near reports whether offset off lies in the mention's paragraph or at most
// paras paragraphs before it.
func (r *resolver) near(off, paras int) bool {
	a, b := paragraphOf(r.d, off), paragraphOf(r.d, r.sp.Start)
	return a >= 0 && b >= 0 && b-a <= paras && b >= a
}

// quoted reports whether offset off lies inside the content of the
// mention's own attribution, of an earlier direct quote, or inside
// quotation marks (Context.Quoted).
func (r *resolver) quoted(off int) bool {
	if r.c.Direct && inContent(r.c.Content, r.c.Parts, off) {
		return true
	}
	around := r.around(off)
	for i := range around {
		if q := &around[i]; q.Type == verbatim.Direct && q != r.inside && inContent(q.Span, q.Parts, off) {
			return true
		}
	}
	if r.inside != nil && inContent(r.inside.Span, r.inside.Parts, off) {
		return false // the same quotation as the mention
	}
	return r.c.Quoted != nil && r.c.Quoted(off)
}

// around returns the prior attributions whose span may hold offset off:
// the last few starting at or before it (Prior is in text order and spans
// rarely nest), found by binary search so that a long article costs no
// pass over all its quotes per mention.
func (r *resolver) around(off int) []verbatim.Quote {
	p := r.c.Prior
	k := sort.Search(len(p), func(i int) bool { return p[i].Start > off })
	return p[max(0, k-3):k]
}

// inContent reports whether offset off lies in a content span, in one of
// its quoted parts when it has several (not in the attribution between
// them: “A,” X said. “B.”).
func inContent(sp verbatim.Span, parts []verbatim.Span, off int) bool {
	if off < sp.Start || off >= sp.End {
		return false
	}
	if len(parts) < 2 {
		return true
	}
	for _, p := range parts {
		if p.Start <= off && off < p.End {
			return true
		}
	}
	return false
}

// lastWordEnd returns the end of the last word of sp, before closing
// punctuation ("Trump," ends at "p").
func lastWordEnd(d *verbatim.Doc, sp verbatim.Span) int {
	e := sp.End
	for e > sp.Start {
		r, n := utf8.DecodeLastRuneInString(d.Clean[sp.Start:e])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		e -= n
	}
	return e
}

// sentenceOf returns the index of the sentence holding offset off, or -1.
func sentenceOf(d *verbatim.Doc, off int) int {
	k := sort.Search(len(d.Sentences), func(j int) bool { return d.Sentences[j].End > off })
	if k < len(d.Sentences) && d.Sentences[k].Start <= off {
		return k
	}
	return -1
}

// paragraphOf returns the index of the paragraph holding offset off, or -1.
func paragraphOf(d *verbatim.Doc, off int) int {
	k := sort.Search(len(d.Paragraphs), func(j int) bool { return d.Paragraphs[j].End > off })
	if k < len(d.Paragraphs) && d.Paragraphs[k].Start <= off {
		return k
	}
	return -1
}

// lastWord returns the last white-space separated word of s.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \n\t\r")
	if i := strings.LastIndexAny(s, " \n\t\r"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// documentAuthor returns the person or organisation named inside a
// document phrase ("Mr Tanzi's statement", "research from the Radicati
// Group", "the Gartner report"), or -1.
func documentAuthor(x *index, sp verbatim.Span) int {
	d := x.d
	f := strings.Fields(d.Word(sp))
	doc := false
	for _, w := range f {
		if lowerIn(documentHeads, w) {
			doc = true
			break
		}
	}
	if !doc || len(f) < 2 {
		return -1
	}
	mi := x.lastRecorded(sp.Start, sp.End, func(m *verbatim.Mention) bool {
		if m.Entity >= 0 && sp.Contains(m.Span) && m.Span != sp {
			t := d.Entities[m.Entity].Type
			return t == verbatim.Person || t == verbatim.Organization
		}
		return false
	})
	if mi < 0 {
		return -1
	}
	return d.Mentions[mi].Entity
}

// appositiveReach bounds how far after a descriptor's comma the name in
// apposition may start (at most two capitalised words come between).
const appositiveReach = 200

// appositive returns the person or organisation a descriptor stands in
// apposition to, set off by a comma: "Michael Lamberty, [a Lufthansa
// spokesman]" or "[the committee chairman], MP Edward Leigh"; else -1.
func appositive(x *index, sp verbatim.Span, f []string) int {
	d := x.d
	if len(f) < 2 || len(f) > 8 {
		return -1
	}
	if names.IsCap(f[len(f)-1]) {
		// a name, not a descriptor, unless a role's complement: "The
		// Bishop of Durham, the Rt Rev Dr Tom Wright"
		k := slices.IndexFunc(f, func(w string) bool { return strings.EqualFold(w, "of") || strings.EqualFold(w, "for") })
		if k < 2 || !determiners[strings.ToLower(f[0])] || !names.IsRoleHead(strings.ToLower(f[k-1])) {
			return -1
		}
		return apposedAfter(x, sp)
	}
	// before: "NAME, descriptor"
	if k := strings.LastIndexByte(d.Clean[max(0, sp.Start-3):sp.Start], ','); k >= 0 {
		end := max(0, sp.Start-3) + k
		if mi := x.first(end-x.maxLen, end, func(m *verbatim.Mention) bool {
			if m.Entity >= 0 && m.End == end && m.Kind == verbatim.NameMention {
				t := d.Entities[m.Entity].Type
				return t == verbatim.Person || t == verbatim.Organization
			}
			return false
		}); mi >= 0 {
			return d.Mentions[mi].Entity
		}
	}
	return apposedAfter(x, sp)
}

// apposedAfter returns the person named after a descriptor and its comma,
// with at most a few titles between ("descriptor, [the Rt Rev Dr] NAME"),
// or -1.
func apposedAfter(x *index, sp verbatim.Span) int {
	d := x.d
	rest := d.Clean[sp.End:min(len(d.Clean), sp.End+3)]
	if k := strings.IndexByte(rest, ','); k >= 0 && strings.TrimSpace(rest[:k]) == "" {
		from := sp.End + k + 1
		// the first person named after the comma
		mi := x.first(from, from+appositiveReach, func(m *verbatim.Mention) bool {
			return m.Entity >= 0 && m.Kind == verbatim.NameMention && d.Entities[m.Entity].Type == verbatim.Person
		})
		if mi >= 0 {
			m := &d.Mentions[mi]
			between := strings.Fields(d.Clean[from:m.Start])
			ok := len(between) <= 2 || len(between) <= 4 && strings.EqualFold(between[0], "the")
			for i, w := range between {
				ok = ok && (names.IsCap(w) || i == 0 && strings.EqualFold(w, "the")) // "MP", "Sir", "the Rt Rev Dr"
			}
			if ok {
				return m.Entity
			}
		}
	}
	return -1
}
