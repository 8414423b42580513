// One organisation under several names in an article: "the Tories" and
// "the Conservatives", "S&P" and "Standard & Poor's". A speaker resolved to
// one of them is reported under the name the article uses most.

package coref

import (
	"strings"
	"unicode"

	"github.com/verbatim-news/verbatim"
)

// aliasGroup maps the lower-case names of an organisation known by several
// (data/aliases.txt) to the group's number.
var aliasGroup = map[string]int{}

func init() {
	n := 0
	lines("aliases.txt", func(l string) {
		for _, a := range strings.Split(l, "|") {
			aliasGroup[strings.ToLower(strings.TrimSpace(a))] = n
		}
		n++
	})
}

// sameGroup reports whether name is an alias of group g.
func sameGroup(name string, g int) bool {
	og, ok := aliasGroup[strings.ToLower(name)]
	return ok && og == g
}

// canonical returns the organisation entity of the document that names the
// same organisation as entity e and is the one the article uses most (e
// itself when none): an alias of a party ("Tory": "Conservatives"), an acronym
// ("S&P": "Standard & Poor"), a singular ("Liberal Democrat": "Liberal
// Democrats").
func canonical(d *verbatim.Doc, e int) int {
	if e < 0 || e >= len(d.Entities) {
		return e
	}
	en := &d.Entities[e]
	g, grouped := aliasGroup[strings.ToLower(en.Name)]
	if !grouped && (en.Type == verbatim.Person || en.Type == verbatim.Place) {
		return e
	}
	acr := acronym(en.Name)
	if !grouped && !acr && en.Type != verbatim.Organization {
		return e
	}
	best := e
	for i := range d.Entities {
		o := &d.Entities[i]
		if i == e || o.Type != verbatim.Organization {
			continue // "Tory" as an adjective is no name of the party
		}
		// (the alias look-up only when en has a group: it lower-cases a copy)
		same := grouped && sameGroup(o.Name, g) ||
			acr && initials(o.Name) == en.Name ||
			en.Type == verbatim.Organization && len(o.Name) == len(en.Name)+1 && o.Name[len(en.Name)] == 's' && strings.HasPrefix(o.Name, en.Name)
		if !same && acr && o.Type == verbatim.Organization && definedAs(d, o, en.Name) {
			// "the Royal National Institute for Deaf People (RNID)": the
			// article spells the acronym out
			return i
		}
		if !same {
			continue
		}
		// an acronym or a singular gives way to the full name; a party's
		// names to the one used most, an adjective to any
		if b := &d.Entities[best]; best == e && (!grouped || en.Type != verbatim.Organization) || len(o.Mentions) > len(b.Mentions) {
			best = i
		}
	}
	return best
}

// acronym reports whether a name is written as an acronym: two to six
// upper-case letters, perhaps with "&" ("S&P", "UKIP").
func acronym(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	letters := 0
	for _, c := range s {
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == '&':
		default:
			return false
		}
	}
	return letters >= 2
}

// initials returns the acronym of a name of several words: the initial of
// each capitalised word, an upper-case word whole, "&" kept ("Standard &
// Poor": "S&P", "UK Independence Party": "UKIP"), each part of a hyphenated
// word ("United States Anti-Doping Agency": "USADA"); "" for one word.
func initials(s string) string {
	f := strings.Fields(s)
	if len(f) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range f {
		switch {
		case w == "&":
			b.WriteByte('&')
		case acronym(w):
			b.WriteString(w)
		case unicode.IsUpper(rune(w[0])):
			for _, p := range strings.Split(w, "-") { // "Anti-Doping": AD
				if p != "" && unicode.IsUpper(rune(p[0])) {
					b.WriteByte(p[0])
				}
			}
		}
	}
	return b.String()
}

// definedAs reports whether a mention of entity o stands just before the
// acronym in brackets: "Royal National Institute for Deaf People (RNID)".
func definedAs(d *verbatim.Doc, o *verbatim.Entity, acr string) bool {
	for _, mi := range o.Mentions {
		if mi < 0 || mi >= len(d.Mentions) {
			continue
		}
		m := &d.Mentions[mi]
		if m.End+len(acr)+3 <= len(d.Clean) && d.Clean[m.End:m.End+2] == " (" && d.Clean[m.End+2:m.End+2+len(acr)] == acr && d.Clean[m.End+2+len(acr)] == ')' {
			return true
		}
	}
	return false
}
