// Organisations the name tagger typed as persons: "Renault", "Christian
// Aid", "Preventon". The article tells them apart by how it writes them:
// "net security firm Preventon", "head of Renault", "Christian Aid's head of
// trade policy", "Renault boss" are said of an organisation, never of a
// person; "Mr Renault" would be a person.

package coref

import (
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
)

// orgMentions is how many of a person's name mentions orgLikePerson reads.
const orgMentions = 12

// staffWords are the posts of an organisation: "head of Preventon",
// "Christian Aid's chief executive", "Renault boss".
var staffWords = map[string]bool{"head": true, "chief": true, "boss": true, "chairman": true, "chairwoman": true,
	"director": true, "founder": true, "executive": true, "employees": true, "staff": true, "shareholders": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true}

// orgLikePerson reports whether a person entity is written as an
// organisation and never as a person: one of its first name mentions
// follows a lower-case organisation head ("firm Preventon") or a post and
// "of"/"at" ("head of Renault"), or has a post after it ("Christian Aid's
// head", "Renault boss"), and none follows an honorific ("Mr").
func (r *resolver) orgLikePerson(en *verbatim.Entity) bool {
	if en.Type != verbatim.Person {
		return false
	}
	d := r.d
	n, org := 0, false
	for _, mi := range en.Mentions {
		m := &d.Mentions[mi]
		if m.Kind != verbatim.NameMention {
			continue
		}
		if n++; n > orgMentions {
			break
		}
		before := d.Clean[max(0, m.Start-40):m.Start]
		if strings.HasSuffix(before, " ") {
			w := lastWord(before)
			if names.HonorificGender(w) != 0 {
				return false // "Mr Renault"
			}
			if orgHeads[w] { // lower case: "Broadcaster Chris Evans" opens a sentence with a role
				org = true
			}
			if w == "of" || w == "at" {
				rest := strings.TrimRight(before, " ")
				rest = rest[:len(rest)-len(w)]
				if staffWords[strings.ToLower(lastWord(rest))] {
					org = true
				}
			}
		}
		after := d.Clean[m.End:min(len(d.Clean), m.End+30)]
		for _, p := range []string{"'s ", "’s ", " "} {
			if strings.HasPrefix(after, p) {
				if staffWords[firstWord(after[len(p):])] {
					org = true
				}
				break
			}
		}
	}
	return org
}

// organisationLike accepts organisations and the persons that may be
// organisations the tagger mistyped: one nothing gives a gender or a role,
// or one written as an organisation.
func (r *resolver) organisationLike(en *verbatim.Entity) bool {
	if en.Type == verbatim.Organization {
		return true
	}
	return (unsurePerson(en) || r.orgLikePerson(en)) && !r.headlineWord(en)
}

// headlineWord reports whether an entity is one capitalised word named
// only in a Title Case headline that the article writes in lower case
// ("Harbour Strike Enters Second Week" … "the harbour authority said"): a
// common word, not a name.
func (r *resolver) headlineWord(en *verbatim.Entity) bool {
	d := r.d
	if headlineSentences(d) == 0 || strings.IndexByte(en.Name, ' ') >= 0 || len(en.Name) < 2 {
		return false
	}
	head := d.Sentences[0].End
	for _, mi := range en.Mentions {
		if m := &d.Mentions[mi]; m.Kind == verbatim.NameMention && m.Start >= head {
			return false
		}
	}
	return r.x.seenLower(strings.ToLower(en.Name))
}

// firstWord returns the letters that open s.
func firstWord(s string) string {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	return s[:i]
}
