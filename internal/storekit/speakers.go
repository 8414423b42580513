package storekit

// Speakers as readers meet them, alike in every backend: one row per speaker
// identity everywhere.
//
// Every quote with a named speaker belongs to one speaker identity
// (verbatim.SpeakerSummary.ID): the person or organisation the
// cross-article resolver made of its speaker ("person:tony-blair"), or, for
// a speaker it does not resolve (groups, misc names) and for articles not
// yet grouped into stories, the speaker's folded name ("name:tories"). The
// speakers list, a speaker's page and a search by speaker select quotes by
// that identity, so their counts agree. A backend keeps, as it groups, each
// quote's identity (quotes.speaker_id), each identity's counts (speakers)
// and name forms (speaker_names, from SpeakerForms); ResolveSpeaker turns
// what a reader typed into one identity.

import (
	"context"
	"slices"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
	"github.com/verbatim-news/verbatim/resolve"
)

// NameKey is the identity of a speaker the resolver does not know (f
// folded).
func NameKey(f string) string { return "name:" + f }

// SpeakerForms calls add with the folded forms a reader may type for a
// speaker's name: as written, without titles and middle initials, and
// (persons) the surname. add may be called twice with one form.
func SpeakerForms(name string, typ verbatim.EntityType, add func(string)) {
	if f := Fold(name); f != "" {
		add(f)
	}
	n := resolve.ParseName(name, typ)
	if n.Full != "" {
		add(n.Full)
	}
	if typ == verbatim.Person && n.Last != "" {
		add(n.Last)
	}
}

// SpeakerLookup is what a backend answers for ResolveSpeaker.
type SpeakerLookup interface {
	// Exists reports whether quotes are stored under the identity id.
	Exists(ctx context.Context, id string) (bool, error)
	// Named returns the identities with the folded name form f.
	Named(ctx context.Context, f string) ([]string, error)
	// Summaries returns the identities' summaries, most quoted first.
	Summaries(ctx context.Context, ids []string) ([]verbatim.SpeakerSummary, error)
	// HasRole reports whether an article gave the identity a role whose
	// folded words contain role ("prime minister").
	HasRole(ctx context.Context, id, role string) (bool, error)
}

// ResolveSpeaker finds the speaker identity a reader means by name: an id,
// or a name form as written, else without titles and initials ("Mr
// Blair", "President Trump", "George W. Bush"). typ, when given, keeps
// speakers of that type. Several candidates give a
// *verbatim.AmbiguousError listing them (those with statements, when some
// have), unless the name (two words or more) is one candidate's own full
// name, or the title the reader wrote leaves one: an honorific's gender
// against the given name, a role the articles gave ("President Bush"),
// then one holding 90% of the statements of those left. No candidate:
// verbatim.ErrNotFound.
func ResolveSpeaker(ctx context.Context, l SpeakerLookup, name string, typ verbatim.EntityType) (string, error) {
	name = strings.TrimSpace(name)
	f := Fold(name)
	if f == "" {
		return "", verbatim.ErrNotFound
	}
	if i := strings.IndexByte(f, ':'); i > 0 && !strings.ContainsRune(f[:i], ' ') {
		if ok, err := l.Exists(ctx, f); err != nil || ok {
			return f, err
		}
	}
	pn := resolve.ParseName(name, verbatim.Person)
	var ids []string
	for _, form := range []string{f, pn.Full, resolve.ParseName(name, verbatim.Organization).Full} {
		if form == "" {
			continue
		}
		var err error
		if ids, err = l.Named(ctx, form); err != nil {
			return "", err
		}
		if len(ids) > 0 {
			break
		}
	}
	if len(ids) == 0 {
		return "", verbatim.ErrNotFound
	}
	cands, err := l.Summaries(ctx, ids)
	if err != nil {
		return "", err
	}
	if typ != "" {
		cands = slices.DeleteFunc(cands, func(c verbatim.SpeakerSummary) bool { return c.Type != typ })
	}
	if len(cands) > 1 && cands[0].Quotes > 0 {
		// speakers of other kinds of attribution only ("Vote Blair"
		// believes) are not asked about
		cands = slices.DeleteFunc(cands, func(c verbatim.SpeakerSummary) bool { return c.Quotes == 0 })
	}
	switch len(cands) {
	case 0:
		return "", verbatim.ErrNotFound
	case 1:
		return cands[0].ID, nil
	}
	if strings.Contains(pn.Full, " ") { // the full name of one of them
		var own []verbatim.SpeakerSummary
		for _, c := range cands {
			if resolve.ParseName(c.Name, c.Type).Full == pn.Full {
				own = append(own, c)
			}
		}
		if len(own) == 1 {
			return own[0].ID, nil
		}
	}
	if pick, err := byTitle(ctx, l, name, pn, cands); err != nil || pick != "" {
		return pick, err
	}
	return "", &verbatim.AmbiguousError{Name: name, Candidates: cands}
}

// byTitle picks the candidate that the titles written before the name
// leave (see ResolveSpeaker); "" when no title was written or several
// remain.
func byTitle(ctx context.Context, l SpeakerLookup, name string, pn resolve.Name, cands []verbatim.SpeakerSummary) (string, error) {
	words := strings.Fields(Fold(name))
	nameWords := len(strings.Fields(pn.Full))
	if len(words) <= nameWords {
		return "", nil
	}
	titles := words[:len(words)-nameWords]
	left := cands
	var gender byte
	var roles []string
	for _, t := range titles {
		switch g := names.HonorificGender(t); g {
		case 'm', 'f':
			gender = g
		case 0:
			roles = append(roles, strings.Trim(t, "."))
		}
	}
	if gender != 0 {
		left = slices.DeleteFunc(slices.Clone(left), func(c verbatim.SpeakerSummary) bool {
			if c.Type != verbatim.Person {
				return true
			}
			g := names.GivenNameGender(resolve.ParseName(c.Name, c.Type).First)
			return g != 0 && g != gender
		})
	}
	if len(roles) > 0 && len(left) > 1 {
		role := strings.Join(roles, " ")
		var withRole []verbatim.SpeakerSummary
		for _, c := range left {
			ok, err := l.HasRole(ctx, c.ID, role)
			if err != nil {
				return "", err
			}
			if ok {
				withRole = append(withRole, c)
			}
		}
		if len(withRole) > 0 {
			left = withRole
		}
	}
	total := 0
	for _, c := range left {
		total += c.Quotes
	}
	for _, c := range left {
		if len(left) == 1 || total > 0 && c.Quotes*10 >= total*9 {
			return c.ID, nil
		}
	}
	return "", nil
}

// RoleHas reports whether a "; "-joined role list has a role whose folded
// words contain role.
func RoleHas(roles, role string) bool {
	return strings.Contains(" "+Fold(strings.ReplaceAll(roles, ";", " "))+" ", " "+role+" ")
}

// MergeSummary adds to a the counts of b: statements of the same speaker
// in other articles.
func MergeSummary(a *verbatim.SpeakerSummary, b verbatim.SpeakerSummary) {
	a.Quotes += b.Quotes
	a.Articles += b.Articles
	if a.First == "" || (b.First != "" && b.First < a.First) {
		a.First = b.First
	}
	a.Last = max(a.Last, b.Last)
	if a.Name == "" {
		a.Name, a.Type = b.Name, b.Type
	}
}

// MergeLive adds to a speakers list (grouped counts) the live counts of
// articles not grouped yet (live); grouped returns the grouped summary of an
// identity the list lacks. It returns at most limit rows, most quoted first.
func MergeLive(list, live []verbatim.SpeakerSummary, limit int, grouped func(id string) (verbatim.SpeakerSummary, error)) ([]verbatim.SpeakerSummary, error) {
	if len(live) == 0 {
		return list, nil
	}
	at := map[string]int{}
	for i, sp := range list {
		at[sp.ID] = i
	}
	for _, l := range live {
		if i, ok := at[l.ID]; ok {
			MergeSummary(&list[i], l)
			continue
		}
		sum, err := grouped(l.ID)
		if err != nil {
			return nil, err
		}
		at[l.ID] = len(list)
		list = append(list, sum)
	}
	SortSummaries(list)
	return list[:min(len(list), limit)], nil
}

// SortSummaries orders speakers most quoted first, then by name.
func SortSummaries(s []verbatim.SpeakerSummary) {
	slices.SortStableFunc(s, func(a, b verbatim.SpeakerSummary) int {
		if a.Quotes != b.Quotes {
			return b.Quotes - a.Quotes
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// SpeakerLimit bounds a speakers list: 100 by default, at most 1,000.
func SpeakerLimit(n int) int {
	if n <= 0 || n > 1000 {
		return 100
	}
	return n
}
