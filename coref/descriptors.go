// Descriptors: a noun phrase that refers to an entity the article names by
// its role ("the French president"), its kind ("the firm", "the report") or
// a description ("the 28-year-old", "the American").

package coref

import (
	"bufio"
	"embed"
	"slices"
	"strings"
	"unicode"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
)

//go:embed data/*.txt
var dataFS embed.FS

var (
	descriptorRoles = map[string][]string{} // descriptor head -> the role words it matches
	orgHeads        = map[string]bool{}     // "the firm"
	documentHeads   = map[string]bool{}     // "the report"
	personHeads     = map[string]byte{}     // "the singer" -> 0, "the actress" -> 'f'
)

func init() {
	lines("descriptors.txt", func(l string) {
		f := strings.Fields(l)
		descriptorRoles[f[0]] = f[1:]
	})
	lines("orgheads.txt", func(l string) { orgHeads[l] = true })
	lines("documents.txt", func(l string) { documentHeads[l] = true })
	lines("persons.txt", func(l string) {
		f := strings.Fields(l)
		var g byte
		if len(f) > 1 {
			g = f[1][0]
		}
		personHeads[f[0]] = g
	})
}

// lines calls f for each non-empty, non-comment line of an embedded file.
func lines(name string, f func(string)) {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		panic("coref: missing embedded " + name)
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			f(l)
		}
	}
}

// determiners open a descriptor.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "its": true}

// rankedOff are role modifiers that make a different office: "the prime
// minister" is not the deputy prime minister.
var rankedOff = map[string]bool{"deputy": true, "shadow": true, "former": true, "vice": true, "assistant": true,
	"junior": true, "ex": true, "acting": true, "interim": true}

// roleDescriptor links "the U.S. president", "the envoy", "the Bishop of
// Durham" to the person whose role the article gives with that head,
// preferring the role's modifiers and recency.
func (r *resolver) roleDescriptor(f []string) int {
	// "the Bishop of Durham", "the MP for Ealing North": the head before
	// its complement, which joins the modifiers.
	var post []string
	for i := 1; i+1 < len(f); i++ {
		if lw := strings.ToLower(f[i]); (lw == "of" || lw == "for") && names.IsRoleHead(strings.ToLower(f[i-1])) {
			post, f = f[i+1:], f[:i]
			break
		}
	}
	head := strings.ToLower(f[len(f)-1])
	if !names.IsRoleHead(head) {
		return -1
	}
	accept := descriptorRoles[head]
	if accept == nil {
		accept = []string{head}
	}
	var mods []string
	for _, w := range append(f[:len(f)-1:len(f)-1], post...) {
		lw := strings.ToLower(w)
		if determiners[lw] {
			continue
		}
		mods = append(mods, modKey(w))
	}
	d := r.d
	described := r.x.described
	indefinite := strings.EqualFold(f[0], "a") || strings.EqualFold(f[0], "an")
	best, bestScore := -1, 0.0
	for ei, en := range d.Entities {
		if en.Type != verbatim.Person {
			continue
		}
		score := 0.0
		roles := en.Roles
		if ei < len(described) && len(described[ei]) > 0 {
			roles = slices.Concat(roles, described[ei])
		}
		for _, role := range roles {
			rw := strings.Fields(role)
			ok := false
			for _, w := range rw {
				for _, a := range accept {
					if strings.EqualFold(w, a) {
						ok = true
					}
				}
			}
			if !ok {
				continue
			}
			s := 1.0
			for _, w := range rw {
				mk := modKey(w)
				hit := false
				for _, m := range mods {
					if mk == m {
						s++
						hit = true
					}
				}
				if !hit && rankedOff[strings.ToLower(w)] {
					s -= 1.5
				}
			}
			score = max(score, s)
		}
		if score <= 0 {
			continue
		}
		// Recency: the last mention before the descriptor.
		last := -1
		for _, mi := range en.Mentions {
			if d.Mentions[mi].Start < r.sp.Start {
				last = d.Mentions[mi].Start
			}
		}
		if last >= 0 && indefinite {
			continue // "An official said": someone new, not the minister named before
		}
		if last < 0 {
			// A role descriptor refers back, or to the person named with
			// that role just after ("the economy minister said ... said
			// economy minister Heizo Takenaka"); not to one named further
			// on, nor to one with another office ("the prime minister ...
			// welfare minister Frank Field").
			if !r.namedSoonAfter(&d.Entities[ei]) || len(mods) > 0 && score < 2 {
				continue
			}
		} else {
			score += 0.5 + 0.4*float64(last)/float64(r.sp.Start+1)
		}
		if best < 0 || score > bestScore {
			best, bestScore = ei, score
		}
	}
	if lw := strings.ToLower(f[0]); best < 0 && (lw == "the" || lw == "this" || lw == "that") && !strings.HasPrefix(head, "spokes") {
		// No one has the role in the article ("said Charles Kennedy. The
		// Liberal Democrat leader said"): the person in focus, if any; a
		// spokesman no one was named as is unnamed ("the rapper's
		// spokesperson").
		best = r.focused(func(en *verbatim.Entity) bool {
			return en.Type == verbatim.Person && !r.otherOffice(en, accept)
		})
		if best < 0 {
			// "…, the trade and industry secretary has said. Patricia
			// Hewitt is expected to …": the lead describes whom the
			// article then names
			best = r.namedInLead(0)
		}
		if best < 0 && offices[head] {
			// "Blair looks to election campaign … the prime minister
			// talked about": the one the headline names holds the office
			best = r.headlinePerson(func(en *verbatim.Entity) bool { return !r.otherOffice(en, accept) })
		}
	}
	best = r.roleBack(best, f[0], head, accept) // roles.go
	return r.record(verbatim.DescriptorMention, best)
}

// unnamedBefore reports whether an unnamed source of an attribution in
// the sentences just before has head among its words: "A former Boeing
// instructor pilot, who spoke on condition of anonymity, said … The
// instructor said" is that pilot, not the person in focus.
func (r *resolver) unnamedBefore(head string) bool {
	for i := len(r.c.Prior) - 1; i >= 0; i-- {
		q := &r.c.Prior[i]
		if q.SpeakerAt.Empty() || !r.near(q.SpeakerAt.Start, 3) {
			break
		}
		if q.Speaker >= 0 {
			continue
		}
		f := strings.Fields(strings.ToLower(r.d.Word(q.SpeakerAt)))
		if len(f) >= 2 && (f[0] == "a" || f[0] == "an" || f[0] == "one") && slices.Contains(f, head) {
			return true
		}
	}
	return false
}

// offices are the role words that name an office one holder has, so that
// one holding another is not referred to by it: "the finance director" is
// not the mayor, "the Liberal Democrat leader" not the home secretary. An
// occupation ("striker", "presenter") rules out no other.
var offices = map[string]bool{"president": true, "vice-president": true, "president-elect": true, "premier": true,
	"chancellor": true, "minister": true, "secretary": true, "mayor": true, "governor": true, "senator": true,
	"director": true, "chairman": true, "chairwoman": true, "ceo": true, "commissioner": true, "ambassador": true,
	"judge": true, "prosecutor": true, "king": true, "queen": true, "pope": true, "bishop": true, "archbishop": true,
	"speaker": true, "attorney": true, "councillor": true, "councilor": true}

// otherOffice reports whether an entity holds an office, by a role the
// article gives it or a descriptor it was referred by, that none of the
// role words accept names, when accept names an office.
func (r *resolver) otherOffice(en *verbatim.Entity, accept []string) bool {
	if !slices.ContainsFunc(accept, func(a string) bool { return offices[a] }) {
		return false
	}
	other := func(role string) bool {
		held := false
		for _, w := range strings.Fields(role) {
			lw := strings.ToLower(w)
			if slices.Contains(accept, lw) {
				return false // one of its offices is the one asked for
			}
			held = held || offices[lw]
		}
		return held
	}
	for _, role := range en.Roles {
		if other(role) {
			return true
		}
	}
	for e := range min(len(r.d.Entities), len(r.x.described)) {
		if &r.d.Entities[e] == en {
			for _, role := range r.x.described[e] {
				if other(role) {
					return true
				}
			}
			break
		}
	}
	return false
}

// cataphoraSentences is how many sentences after a role descriptor the
// person it stands for may be first named.
const cataphoraSentences = 2

// namedSoonAfter reports whether en is first named within
// cataphoraSentences sentences after the mention.
func (r *resolver) namedSoonAfter(en *verbatim.Entity) bool {
	d := r.d
	first := -1
	for _, mi := range en.Mentions {
		if st := d.Mentions[mi].Start; st >= r.sp.End && (first < 0 || st < first) {
			first = st
		}
	}
	if first < 0 {
		return false
	}
	s, t := sentenceOf(d, r.sp.Start), sentenceOf(d, first)
	return s >= 0 && t >= 0 && t-s <= cataphoraSentences
}

// definite reports whether a descriptor is definite: it opens with a
// determiner or follows a name it was cut from ("the US [regulator]").
func (r *resolver) definite(f []string) bool {
	if lw := strings.ToLower(f[0]); determiners[lw] && lw != "a" && lw != "an" {
		return true
	}
	return !names.IsCap(f[0]) && r.afterName()
}

// afterName reports whether the mention follows a name it was cut from
// ("the US [regulator]", "the Delta [subsidiary]").
func (r *resolver) afterName() bool {
	x := r.x
	return x.first(r.sp.Start-3-x.maxLen, r.sp.Start, func(m *verbatim.Mention) bool {
		return m.End <= r.sp.Start && r.sp.Start-m.End <= 3
	}) >= 0
}

// focused returns the best-ranked entity that want accepts when it is in
// focus: the last speaker, the subject of the sentence before, or one that
// spoke before; else -1.
func (r *resolver) focused(want func(*verbatim.Entity) bool) int {
	e := r.rank(want, nil)
	if e < 0 {
		return -1
	}
	var x [nFeatures]float64
	if r.features(e, 0, &x) && (x[fLastSpeaker] > 0 || x[fPrevSubject] > 0 || x[fSpoke] > 0) {
		return e
	}
	return -1
}

// orgDescriptor links "the ministry", "the firm", "the world's biggest
// insurer", and a document ("the report", "a survey") to the organisation
// the article names that ranks best, preferring one whose name has the
// descriptor's head ("the bank": Deutsche Bank).
func (r *resolver) orgDescriptor(f []string) int {
	if len(f) >= 3 && strings.EqualFold(f[0], "one") && strings.EqualFold(f[1], "of") {
		// "one of the world's leading credit rating agencies says. …
		// Standard & Poor's has …": one not yet named, as "an agency"
		if h := singular(strings.ToLower(f[len(f)-1])); h != "" && (orgHeads[h] || documentHeads[h]) {
			return r.record(verbatim.DescriptorMention, r.authorAfter(leadReach))
		}
		return -1
	}
	if !(determiners[strings.ToLower(f[0])] && len(f) >= 2 || !names.IsCap(f[0]) && r.afterName()) {
		if len(f) <= 3 && !names.IsCap(f[0]) && documentHeads[strings.ToLower(f[len(f)-1])] {
			// "official figures show … The figures collected by the
			// Mobile Data Association": a document named after
			return r.record(verbatim.DescriptorMention, r.documentChain(false))
		}
		return -1
	}
	last := f[len(f)-1]
	head := strings.ToLower(last)
	if names.IsCap(last) || !(orgHeads[head] || documentHeads[head] || names.IsOrgWord(head) && head != "government") {
		return -1
	}
	if r.nameWithCommonHead(f) {
		// "The Anti-Phishing Working group": a name, not a reference back;
		// the organisation the tagger found inside it is the one it names
		ps := r.sp
		if r.c.Phrase.Contains(ps) && r.c.Phrase.Start < ps.Start {
			ps.Start = r.c.Phrase.Start // the words f holds before the head
		}
		mi := r.x.first(ps.Start, ps.End, func(m *verbatim.Mention) bool {
			return m.Entity >= 0 && ps.Contains(m.Span) && r.d.Entities[m.Entity].Type == verbatim.Organization
		})
		if mi < 0 {
			return -1
		}
		return r.record(verbatim.DescriptorMention, r.d.Mentions[mi].Entity)
	}
	if documentHeads[head] && strings.ToLower(f[0]) != "the" && strings.ToLower(f[0]) != "a" && strings.ToLower(f[0]) != "an" {
		return -1
	}
	if documentHeads[head] {
		// "the survey found": the organisation behind the document
		if e := r.documentChain(!strings.EqualFold(f[0], "a") && !strings.EqualFold(f[0], "an")); e >= 0 {
			return r.record(verbatim.DescriptorMention, e)
		}
	}
	if strings.EqualFold(f[0], "a") || strings.EqualFold(f[0], "an") {
		// "a survey of 1,000 people by Dimension Data found", "…, a
		// trade body has warned. … the UK Internet Forum": a new document
		// or organisation, named after it in its sentence or the next ones
		if e := r.authorAfter(leadReach); e >= 0 {
			return r.record(verbatim.DescriptorMention, e)
		}
		if documentHeads[head] && !slices.ContainsFunc(f[1:len(f)-1], func(w string) bool { return orgHeads[strings.ToLower(w)] }) {
			// "a new book": a document not met before, its author
			// unnamed (but "an agency statement": the agency's)
			return -1
		}
	}
	named := func(en *verbatim.Entity) bool {
		for _, w := range strings.Fields(en.Name) {
			if strings.EqualFold(w, head) {
				return true
			}
		}
		return r.calledBefore(en, head)
	}
	nat := nationalities(f[1 : len(f)-1])
	want := func(en *verbatim.Entity) bool { return r.organisationLike(en) && !otherNation(en, nat) }
	if owner := possessorOf(f); owner != "" {
		// "the sheriff's department": the sheriff's, not the town named
		// before it; only an organisation whose name says it
		base := want
		want = func(en *verbatim.Entity) bool {
			return base(en) && slices.ContainsFunc(strings.Fields(en.Name), func(w string) bool {
				return strings.EqualFold(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"), owner)
			})
		}
	}
	if businessHeads[head] {
		// "the company said in a statement": not the news agency the
		// article has only reported to ("he told The Associated Press")
		// nor a person the article names with a given name ("Dough
		// mixer Andy Ryan")
		base := want
		want = func(en *verbatim.Entity) bool {
			return base(en) && !r.onlyAddressed(en) &&
				!(en.Type == verbatim.Person && strings.IndexByte(en.Name, ' ') > 0 && names.IsGivenName(firstWord(en.Name)))
		}
	}
	if namedBodies[head] {
		// "the committee" is a committee: not the party or the
		// broadcaster named before it
		want = func(en *verbatim.Entity) bool { return r.organisationLike(en) && !otherNation(en, nat) && named(en) }
	}
	if e := r.leadOrganisation(f, want); e >= 0 {
		return r.record(verbatim.DescriptorMention, e)
	}
	e := r.rank(want,
		func(en *verbatim.Entity) float64 {
			if named(en) {
				return 2
			}
			return 0
		})
	if e < 0 && documentHeads[head] {
		e = r.authorAfter(0)
	}
	if e < 0 {
		// none before: the one named just after with the head in its
		// name ("the official news agency" … "The official Xinhua News
		// Agency said")
		e = r.namedAfterWith(head, want)
	}
	return r.record(verbatim.DescriptorMention, e)
}

// nameWithCommonHead reports whether a descriptor's words between its
// determiner and its lower-case head are all capitalised and none is a
// known name, a nationality or a place ("The Anti-Phishing Working
// group"): the name of an organisation (the tagger may have found its first
// words), not a reference to one named before ("the Delta subsidiary", "the German
// bank").
func (r *resolver) nameWithCommonHead(f []string) bool {
	if len(f) < 3 || !determiners[strings.ToLower(f[0])] {
		return false
	}
	for _, w := range f[1 : len(f)-1] {
		if !names.IsCap(w) || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || names.NameType(w) != verbatim.Misc && names.NameType(w) != verbatim.Organization && names.NameType(w) != verbatim.Person {
			return false
		}
	}
	// a name inside that the article used before is a modifier ("the
	// Delta subsidiary"); one first named here is the name's own words
	return r.x.first(r.sp.Start, r.sp.End, func(m *verbatim.Mention) bool {
		if m.Entity < 0 || !r.sp.Contains(m.Span) {
			return false
		}
		en := &r.d.Entities[m.Entity]
		if en.Type == verbatim.Place || en.Type == verbatim.Group {
			return true
		}
		return r.namedBefore(m.Entity)
	}) < 0
}

// possessorOf returns the lower-case noun in the possessive that modifies
// an organisation descriptor's head ("the sheriff's department": "sheriff"),
// or "".
// A scope ("the world's biggest insurer", "the country's leading bank")
// is no possessor.
func possessorOf(f []string) string {
	for _, w := range f[1 : len(f)-1] {
		for _, p := range []string{"'s", "’s"} {
			if b, ok := strings.CutSuffix(w, p); ok && b != "" && !names.IsCap(b) && !scopeNouns[b] {
				return b
			}
		}
	}
	return ""
}

// scopeNouns are the possessives that set a descriptor's scope, not its
// owner.
var scopeNouns = map[string]bool{"world": true, "country": true, "nation": true, "city": true, "region": true,
	"state": true, "continent": true, "industry": true, "sector": true, "market": true, "area": true, "year": true}

// businessHeads are the organisation heads of a business of any trade,
// which a news outlet named only as an addressee or a relay is not.
var businessHeads = map[string]bool{"company": true, "firm": true, "corporation": true, "business": true}

// onlyAddressed reports whether every name mention of en before the
// descriptor is the addressee of a statement ("he told The Associated
// Press", "telling CNN").
func (r *resolver) onlyAddressed(en *verbatim.Entity) bool {
	n := 0
	for _, mi := range en.Mentions {
		m := &r.d.Mentions[mi]
		if m.Kind != verbatim.NameMention || m.Start >= r.sp.Start {
			continue
		}
		before := strings.TrimSuffix(strings.TrimSuffix(r.d.Clean[max(0, m.Start-16):m.Start], " "), " the")
		if w := strings.ToLower(lastWord(before)); w != "told" && w != "tells" && w != "telling" {
			return false
		}
		n++
	}
	return n > 0
}

// namedBodies are the organisation heads that name a kind of body whose
// names say it ("the committee": the Public Accounts Committee; "the
// police": Thames Valley Police), unlike a firm or a bank, whose names
// seldom do: such a descriptor refers only to an organisation with the
// head in its name.
var namedBodies = map[string]bool{"committee": true, "council": true, "commission": true, "court": true,
	"police": true, "tribunal": true, "panel": true, "board": true, "union": true, "assembly": true,
	"parliament": true, "congress": true, "senate": true, "jury": true, "inquiry": true, "ministry": true,
	"department": true}

// leadReach is how many sentences after an indefinite document or
// organisation ("a report", "a trade body") its name is looked for.
const leadReach = 2

// authorAfter returns the organisation named first after the mention in
// its sentence or the next more ones (in its paragraph or the next),
// outside quotation marks, or -1.
func (r *resolver) authorAfter(more int) int {
	si := sentenceOf(r.d, r.sp.Start)
	if si < 0 {
		return -1
	}
	last := min(si+more, len(r.d.Sentences)-1)
	for last > si && r.d.Sentences[last].Para > r.d.Sentences[si].Para+1 {
		last--
	}
	end := r.d.Sentences[last].End
	mi := r.x.first(r.sp.End, end, func(m *verbatim.Mention) bool {
		return m.Entity >= 0 && m.Kind == verbatim.NameMention && !r.quoted(m.Start) && r.d.Entities[m.Entity].Type == verbatim.Organization &&
			!r.afterObjectMarker(m.Start)
	})
	if mi < 0 {
		return -1
	}
	return r.d.Mentions[mi].Entity
}

// personDescriptor links "the 28-year-old", "the American", "the singer"
// to the person that ranks best (of the descriptor's gender, when it gives
// one).
func (r *resolver) personDescriptor(f []string) int {
	if !r.definite(f) || len(f) < 2 && determiners[strings.ToLower(f[0])] {
		return -1
	}
	last := f[len(f)-1]
	head := strings.ToLower(last)
	g, ok := personHeads[head]
	if !ok && !strings.HasSuffix(head, "-year-old") {
		if !names.IsCap(last) || names.NameType(last) != verbatim.Group {
			return -1 // not a nationality
		}
	}
	accept := []string{head}
	if !offices[head] {
		accept = nil // "the singer": no office that another would rule out
	}
	e := r.rank(func(en *verbatim.Entity) bool {
		return en.Type == verbatim.Person && (g == 0 || en.Gender != 'm'+'f'-g) && !r.otherOffice(en, accept)
	}, func(en *verbatim.Entity) float64 {
		if g != 0 && en.Gender == g {
			return 1
		}
		return 0
	})
	return r.record(verbatim.DescriptorMention, e)
}

// unnamedHeads are the heads of a source the news leaves unnamed even
// when it names others around it ("a spokesman", "an official").
var unnamedHeads = map[string]bool{"spokesman": true, "spokeswoman": true, "spokesperson": true, "source": true,
	"official": true, "insider": true, "aide": true, "analyst": true, "expert": true, "observer": true, "witness": true,
	"dealer": true, "trader": true, "economist": true, "diplomat": true, "resident": true, "member": true}

// anonymousHeads are the unnamed heads of those who speak for others or
// off the record: the news names them only when it says so ("a spokesman,
// Tom Hill"), not by naming someone next.
var anonymousHeads = map[string]bool{"spokesman": true, "spokeswoman": true, "spokesperson": true, "source": true,
	"official": true, "insider": true, "aide": true, "diplomat": true, "member": true}

// leadSentences is how far into an article a lead description may stand:
// "A chief constable has backed … Norfolk police chief Andy Hayman".
const leadSentences = 3

// leadPerson links an indefinite role or person descriptor in the lead of
// an article ("a Labour backbencher has said") to the person named first
// after it, in its sentence or the next, outside quotation marks; else -1.
func (r *resolver) leadPerson(f []string) int {
	if len(f) < 2 || !(strings.EqualFold(f[0], "a") || strings.EqualFold(f[0], "an")) {
		return -1
	}
	head := strings.ToLower(f[len(f)-1])
	g, ok := personHeads[head]
	if !ok && !names.IsRoleHead(head) {
		return -1
	}
	if unnamedHeads[head] {
		if anonymousHeads[head] {
			return -1 // "a spokesman", "a source": unnamed though a person is named next
		}
		// "A PR expert has told the trial … Ann Kite told the court":
		// only the article's first sentence introduces the one the next
		// opens with; elsewhere such a source stays unnamed
		return r.record(verbatim.DescriptorMention, r.leadSubject(func(en *verbatim.Entity) bool {
			return en.Type == verbatim.Person && (g == 0 || en.Gender != 'm'+'f'-g)
		}))
	}
	return r.record(verbatim.DescriptorMention, r.namedInLead(g))
}

// namedInLead returns the person (of gender g, when not 0) named first
// after a mention in the lead of an article, in its sentence or the next,
// outside quotation marks; else -1.
func (r *resolver) namedInLead(g byte) int {
	si := sentenceOf(r.d, r.sp.Start)
	if si < 0 || si >= leadSentences+headlineSentences(r.d) {
		return -1
	}
	last := min(si+1, len(r.d.Sentences)-1)
	mi := r.x.first(r.sp.End, r.d.Sentences[last].End, func(m *verbatim.Mention) bool {
		if m.Entity < 0 || m.Kind != verbatim.NameMention || r.quoted(m.Start) {
			return false
		}
		en := &r.d.Entities[m.Entity]
		return en.Type == verbatim.Person && (g == 0 || en.Gender != 'm'+'f'-g)
	})
	if mi < 0 {
		return -1
	}
	return r.d.Mentions[mi].Entity
}

// headlinePerson returns the one person named in the headline that ok
// accepts, or -1 (none, or more than one).
func (r *resolver) headlinePerson(ok func(*verbatim.Entity) bool) int {
	d := r.d
	if headlineSentences(d) == 0 {
		return -1
	}
	end := d.Sentences[0].End
	found := -1
	r.x.each(0, end, func(mi int) bool {
		m := &d.Mentions[mi]
		if m.Entity < 0 || m.Kind != verbatim.NameMention || m.End > end || m.Entity == found {
			return true
		}
		en := &d.Entities[m.Entity]
		if en.Type != verbatim.Person || !ok(en) {
			return true
		}
		if found >= 0 {
			found = -2
			return false
		}
		found = m.Entity
		return true
	})
	return max(found, -1)
}

// headlineSentences is 1 when the article's first paragraph is one short
// line (a headline), else 0.
func headlineSentences(d *verbatim.Doc) int {
	if len(d.Paragraphs) > 0 && len(d.Sentences) > 0 && d.Sentences[0].End >= d.Paragraphs[0].End {
		return 1
	}
	return 0
}

// otherDescriptor links a definite descriptor whose head no list knows
// but ends like a doer ("the two-time Academy Award winner") to the person
// in focus: a source is someone, and "the …" refers back; else -1.
func (r *resolver) otherDescriptor(f []string) int {
	if len(f) < 2 || !r.definite(f) {
		return -1
	}
	head := strings.ToLower(f[len(f)-1])
	if head != f[len(f)-1] || strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss") {
		return -1 // a name, or a plural: a group
	}
	for _, c := range head {
		if !unicode.IsLetter(c) && c != '-' {
			return -1
		}
	}
	if names.IsStopWord(head) || orgHeads[head] || documentHeads[head] || names.IsOrgWord(head) || unnamedHeads[head] || !agentNoun(head) {
		return -1
	}
	accept := []string{head}
	return r.record(verbatim.DescriptorMention, r.focused(func(en *verbatim.Entity) bool {
		return en.Type == verbatim.Person && !r.otherOffice(en, accept)
	}))
}

// agentNoun reports whether a lower-case noun has the ending of one that
// names a doer ("winner", "director", "campaigner", "chairman",
// "economist", "historian", "claimant").
func agentNoun(w string) bool {
	for _, suf := range []string{"er", "or", "ist", "ian", "man", "woman", "ant", "ent", "eur", "ee"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// modKey normalises a descriptor modifier: countries and their adjectives
// agree ("U.S.", "US", "American"; "Russia", "Russian"), and so do a
// party's names ("Tory", "Conservative").
func modKey(w string) string {
	if c, ok := names.Canonical(w); ok {
		w = c
	}
	k := names.Key(w)
	switch k {
	case "american", "united states":
		return "us"
	case "british", "united kingdom":
		return "uk"
	case "tory", "tories", "conservatives":
		return "cons"
	case "lib", "liberal":
		return "libe"
	}
	if len(k) > 4 {
		return k[:4]
	}
	return k
}
