// Grouping mentions into entities: an entity's name, type, gender and
// roles from its mentions.

package names

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// group builds d.Entities from d.Mentions (sorted by position).
func group(d *verbatim.Doc) {
	// Longer person names first so that surnames find their full name.
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	order := slices.Grow(sc.order[:0], len(d.Mentions))[:len(d.Mentions)]
	nw := slices.Grow(sc.nw[:0], len(d.Mentions))[:len(d.Mentions)]
	sc.order, sc.nw = order, nw
	for i := range order {
		order[i] = i
		nw[i] = countWords(d.Mentions[i].Text)
	}
	slices.SortStableFunc(order, func(i, j int) int {
		if pi, pj := d.Mentions[i].Type == verbatim.Person, d.Mentions[j].Type == verbatim.Person; pi != pj {
			if pi {
				return -1
			}
			return 1
		}
		return cmp.Compare(nw[j], nw[i])
	})
	mt := &sc.mt
	mt.cache = mt.cache[:0]
	mt.idx = nil
	mt.nw = nw
	if sc.memo == nil {
		sc.memo = map[string]entKey{}
	}
	mt.memo = sc.memo
	if len(d.Mentions) > 256 { // else a pass over the entities costs less
		mt.idx = newMatchIndex()
	}
	for _, mi := range order {
		m := &d.Mentions[mi]
		mt.at = m.Start
		e := mt.match(d, m.Text, m.Type)
		mt.at = -1
		name := mt.q.name // the words of m.Text joined ("" when it has none)
		if e < 0 {
			d.Entities = append(d.Entities, verbatim.Entity{Type: m.Type})
			e = len(d.Entities) - 1
		}
		attachNamed(d, mi, e, false, name)
		if mt.idx != nil {
			mt.refresh(d, e)
		}
	}
	mt.idx = nil // names.Match tests every entity: their names change after
	mt.nw = nil
	if len(mt.memo) > 4096 {
		sc.memo = nil // a big table costs each clear
	}
	clear(mt.memo) // no texts of d kept
	mt.memo = nil
	// Entities in order of first mention.
	slices.SortStableFunc(d.Entities, func(a, b verbatim.Entity) int {
		return cmp.Compare(d.Mentions[a.Mentions[0]].Start, d.Mentions[b.Mentions[0]].Start)
	})
	for ei := range d.Entities {
		for _, mi := range d.Entities[ei].Mentions {
			d.Mentions[mi].Entity = ei
		}
		finish(d, ei)
	}
}

// countWords counts the white-space separated words of s.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// attach adds mention mi to entity e, keeping e's mentions in text order.
// With full set it recomputes the entity's name, roles and gender; else it
// only lets a fuller name become the entity's name.
func attach(d *verbatim.Doc, mi, e int, full bool) { attachNamed(d, mi, e, full, "") }

// attachNamed is attach given the mention's name words joined (name), when
// known, or "".
func attachNamed(d *verbatim.Doc, mi, e int, full bool, name string) {
	en := &d.Entities[e]
	at := len(en.Mentions)
	if start := d.Mentions[mi].Start; at > 0 && d.Mentions[en.Mentions[at-1]].Start > start {
		// mentions mostly come in text order: the search (over
		// mentions all over a big document) only when not at the end
		at = sort.Search(at-1, func(k int) bool { return d.Mentions[en.Mentions[k]].Start > start })
	}
	en.Mentions = append(en.Mentions, 0)
	copy(en.Mentions[at+1:], en.Mentions[at:])
	en.Mentions[at] = mi
	d.Mentions[mi].Entity = e
	if d.Mentions[mi].Kind != verbatim.NameMention {
		return
	}
	if full {
		if finished(d, en, mi, at == len(en.Mentions)-1) {
			return
		}
		finish(d, e)
		return
	}
	if n, c := countWords(d.Mentions[mi].Text), countWords(en.Name); en.Name == "" || n > c || (n == c && len(d.Mentions[mi].Text) > len(en.Name)) {
		if name == "" {
			var fa [8]string
			name = strings.Join(trimName(appendFields(fa[:0], d.Mentions[mi].Text)), " ")
		}
		en.Name = name
	}
}

// finished reports whether finish would leave entity en as it is after
// name mention mi was added to it (last: as its last in text order): a
// person named in full by a name less full (or the same), no role (or, as
// its last mention, a role it has), and a gender its first name gives or
// no honorific before mi. Coref adds a mention per speaker turn; finishing
// each would read all the others (issue 20).
func finished(d *verbatim.Doc, en *verbatim.Entity, mi int, last bool) bool {
	m := &d.Mentions[mi]
	if en.Type != verbatim.Person || m.Kind != verbatim.NameMention {
		return false
	}
	bestN := numFields(en.Name)
	if bestN < 2 || strings.Count(en.Name, " ") != bestN-1 {
		return false // not the name finish writes: words joined by one space
	}
	var fa [8]string
	w := trimName(appendFields(fa[:0], m.Text))
	// the fullest name, the first in text order of equal ones: mi's
	// place matters only when it writes another name as full
	if len(w) > bestN || len(w) == bestN && joinedLen(w) > len(en.Name) {
		return false
	}
	if len(w) == bestN && joinedLen(w) == len(en.Name) && !joinEquals(w, en.Name) {
		// as full as the name, written otherwise ("ANNA ABBOTT"): the
		// name stays if a mention writing it comes first
		first := false
		for _, k := range en.Mentions {
			if k == mi {
				return false
			}
			if o := &d.Mentions[k]; o.Kind == verbatim.NameMention {
				var fc [8]string
				if ow := trimName(appendFields(fc[:0], o.Text)); len(ow) == bestN && joinEquals(ow, en.Name) {
					first = true
					break
				}
			}
		}
		if !first {
			return false
		}
	}
	// roles in the order of their first mention
	if m.Role != "" && !(last && containsFold(en.Roles, m.Role)) {
		return false
	}
	var fb [8]string
	if genderOfFirst(appendFields(fb[:0], en.Name)[0]) != 0 {
		return true
	}
	if m.Start > 0 {
		if g := lowerIn(honorifics, lastWord(d.Clean[:m.Start])); g == 'm' || g == 'f' {
			return false
		}
	}
	return true
}

// finish recomputes an entity's canonical name, roles and gender.
func finish(d *verbatim.Doc, e int) {
	en := &d.Entities[e]
	bestMi, bestN, bestLen := -1, 0, 0 // the fullest name: its words joined
	en.Roles = en.Roles[:0]
	var gender, kin byte // kin: the gender a word of kinship after a name tells
	for _, mi := range en.Mentions {
		m := &d.Mentions[mi]
		if m.Kind != verbatim.NameMention {
			continue
		}
		var fa [8]string
		w := trimName(appendFields(fa[:0], m.Text))
		if n := joinedLen(w); len(w) > bestN || (len(w) == bestN && n > bestLen) {
			bestMi, bestN, bestLen = mi, len(w), n
		}
		if m.Role != "" && !containsFold(en.Roles, m.Role) {
			en.Roles = append(en.Roles, m.Role)
		}
		if kin == 0 {
			kin = kinAfter(d.Clean[m.End:]) // "Jane Roe, mother of ..."
		}
		if m.Start > 0 && gender == 0 {
			// An honorific right before the mention.
			prev := lastWord(d.Clean[:m.Start])
			if g := lowerIn(honorifics, prev); g == 'm' || g == 'f' {
				gender = g
			}
		}
	}
	best := ""
	if bestMi >= 0 {
		var fa [8]string
		w := trimName(appendFields(fa[:0], d.Mentions[bestMi].Text))
		if joinEquals(w, en.Name) {
			best = en.Name // the name already: no new string
		} else {
			best = strings.Join(w, " ")
		}
	}
	// The type: a person when named in full as one, else the tagger's
	// majority over the mentions (first mention breaks ties).
	if en.Type != verbatim.Person || bestN < 2 {
		var votes [8]int
		top := -1
		for _, mi := range en.Mentions {
			m := &d.Mentions[mi]
			if m.Kind != verbatim.NameMention {
				continue
			}
			if m.Type == verbatim.Person && numFields(m.Text) > 1 {
				top = -2
				break
			}
			k := typeIndex(m.Type)
			votes[k]++
			if g, ok := lookupGaz(m.Text); ok && g.Type != m.Type {
				votes[typeIndex(g.Type)]++ // the gazetteer breaks ties
			}
			if top < 0 || votes[k] > votes[top] {
				top = k
			}
		}
		if top == -2 {
			en.Type = verbatim.Person
		} else if top >= 0 {
			en.Type = typeOrder[top]
		}
	}
	if best != "" {
		// The fullest name the article writes ("Conservatives", "the
		// Tories" alike: the gazetteer groups aliases); a group or misc
		// name by its gazetteer form.
		en.Name = best
		if en.Type != verbatim.Person && en.Type != verbatim.Organization && en.Type != verbatim.Place {
			if g, ok := lookupGaz(best); ok {
				en.Name = g.Canon
			}
		}
	}
	if en.Type == verbatim.Person {
		var fa [8]string
		if w := appendFields(fa[:0], en.Name); len(w) > 1 {
			if g := genderOfFirst(w[0]); g != 0 {
				gender = g
			} else if g := GivenNameGender(w[0]); g == 'm' || g == 'f' {
				gender = g // the wider given-name list: "Clive", "Imelda"
			}
		}
		if gender == 0 {
			for _, r := range en.Roles {
				for _, w := range strings.Fields(r) {
					if g := honorifics[strings.ToLower(w)]; g == 'm' || g == 'f' {
						gender = g
					}
					switch strings.ToLower(w) {
					case "spokeswoman", "chairwoman", "congresswoman":
						gender = 'f'
					case "spokesman", "chairman", "congressman":
						gender = 'm'
					}
				}
			}
		}
		if kin != 0 {
			gender = kin // the article's own word beats the given-name lists
		}
		en.Gender = gender
	}
}

var typeOrder = []verbatim.EntityType{verbatim.Person, verbatim.Organization, verbatim.Place, verbatim.Group, verbatim.Misc, ""}

func typeIndex(t verbatim.EntityType) int {
	for i, x := range typeOrder {
		if x == t {
			return i
		}
	}
	return len(typeOrder) - 1
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// lastWord returns the last white-space separated word of s.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \n\t\r")
	if i := strings.LastIndexAny(s, " \n\t\r"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// kinGender holds the words of kinship that tell a person's gender.
var kinGender = map[string]byte{"mother": 'f', "wife": 'f', "daughter": 'f', "sister": 'f', "widow": 'f',
	"grandmother": 'f', "granddaughter": 'f', "aunt": 'f', "niece": 'f', "girlfriend": 'f', "stepmother": 'f',
	"father": 'm', "husband": 'm', "son": 'm', "brother": 'm', "widower": 'm', "grandfather": 'm',
	"grandson": 'm', "uncle": 'm', "nephew": 'm', "boyfriend": 'm', "stepfather": 'm'}

// kinAfter returns the gender a word of kinship in apposition right after
// a name tells ("Jane Roe, mother of ...", "John Roe, her husband, ..."),
// or 0. rest is the text after the name.
func kinAfter(rest string) byte {
	if len(rest) < 3 || rest[0] != ',' || rest[1] != ' ' {
		return 0
	}
	rest = rest[2:]
	for _, det := range []string{"the ", "her ", "his ", "their "} {
		if strings.HasPrefix(rest, det) {
			rest = rest[len(det):]
			break
		}
	}
	i := 0
	for i < len(rest) && rest[i] >= 'a' && rest[i] <= 'z' {
		i++
	}
	if i == 0 || i < len(rest) && rest[i] != ' ' && rest[i] != ',' {
		return 0
	}
	return kinGender[rest[:i]]
}
