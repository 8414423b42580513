package names

import (
	"slices"
	"sort"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// repairSpans mends what the tagger gets wrong where news text is not
// running text, using the document as evidence (a name typed once is typed
// the same throughout) and two lexicons: given names with their gender
// (data/given.txt) and common English words that are never names
// (data/common.txt):
//
//   - a middle initial joins a name the tagger split: "George" + "W. Bush"
//     is one person, and so is a given name before "W Bush";
//   - in a Title Case headline a person's name stops at the first common
//     word ("Yvonne Hiller Kills Two In Kraft Shooting" → "Yvonne Hiller"),
//     and a name running over a common word is cut in two ("Hansbrough
//     Broke Ford");
//   - a given name, a particle and a surname is a person ("Portia de
//     Rossi"), and so, in text in capitals, is a given name and a surname
//     ("WINSTON BLACKMORE");
//   - a single word typed as a place, an organisation or misc that is the
//     surname of a person named in full in the document is that person
//     ("Bush", "BLACKMORE"), unless it is a known place;
//   - a lone common word is no person ("Wireless:", "Backs:", "Nobody"),
//     nor is a title alone ("MP"), unless the document names someone so;
//   - a lone nationality is a group, not a person or an organisation
//     ("Somali", "Yemeni"; data/nationalities.txt and the demonyms).
func repairSpans(d *verbatim.Doc, spans []tokSpan) []tokSpan {
	spans = acronymSpans(d, spans) // acronyms.go
	spans = chainSpans(d, spans)   // chains.go
	spans = orgStarts(d, spans)    // orgstart.go
	if len(spans) == 0 {
		return spans
	}
	// middle initials: "George" + "W. Bush", "George W." + "Bush"
	out := spans[:1]
	for _, s := range spans[1:] {
		p := &out[len(out)-1]
		if s.First == p.Last && (p.Type == verbatim.Person || GivenNameGender(tokText(d, p.First)) != 0) &&
			((isInitial(tokText(d, s.First)) || bareInitial(tokText(d, s.First))) && s.Last-s.First > 1 && !isInitial(tokText(d, p.Last-1)) ||
				isInitial(tokText(d, p.Last-1)) && p.Last-p.First > 1 && isCap(tokText(d, s.First))) &&
			allWords(d, s) && s.Last-p.First <= 4 {
			p.Last, p.Type = s.Last, verbatim.Person
			continue
		}
		out = append(out, s)
	}
	spans = out
	// a bare middle initial (house style without full stops): "President
	// George W Bush", where the tagger found "W Bush" alone
	for i := range spans {
		s := &spans[i]
		if f := s.First; f > 0 && s.Last-f >= 2 && bareInitial(tokText(d, f)) && isCap(tokText(d, f+1)) &&
			GivenNameGender(tokText(d, f-1)) != 0 && d.Tokens[f-1].End < d.Tokens[f].Start &&
			(i == 0 || spans[i-1].Last <= f-1) && sentenceIndex(d, f-1) == sentenceIndex(d, f) {
			s.First, s.Type = f-1, verbatim.Person
		}
	}
	// a given name the lists do not know before a middle initial:
	// "Councilman Jumaane" + "D. Williams"
	for i := range spans {
		s := &spans[i]
		if f := s.First; f > 0 && s.Type == verbatim.Person && s.Last-f == 2 && isInitial(tokText(d, f)) &&
			d.Tokens[f-1].Kind == verbatim.Word && isCap(tokText(d, f-1)) && d.Clean[d.Tokens[f-1].End:d.Tokens[f].Start] == " " &&
			!isCommonWord(tokText(d, f-1)) && !lowerIn(stopWords, tokText(d, f-1)) && !lowerIn(roleWords, tokText(d, f-1)) &&
			!isPeerage(tokText(d, f-1)) && (i == 0 || spans[i-1].Last <= f-1) && sentenceIndex(d, f-1) == sentenceIndex(d, f) {
			s.First = f - 1
		}
	}
	var lines lineKinds
	for i := range spans {
		s := &spans[i]
		if n := s.Last - s.First; s.Type != verbatim.Person && n >= 2 && n <= 3 && GivenNameGender(tokText(d, s.First)) != 0 &&
			(n == 3 && particles[strings.ToLower(tokText(d, s.First+1))] || lines.capitals(d, s.First)) {
			s.Type = verbatim.Person // "Portia de Rossi", "WINSTON BLACKMORE"
		}
	}
	// a name does not run over the end of a line: a headline without a
	// full stop before the first line ("... brought down Nixon\nW. Mark Felt")
	for i := 0; i < len(spans); i++ {
		s := &spans[i]
		for k := s.First + 1; k < s.Last; k++ {
			if strings.IndexByte(d.Text[d.Tokens[k-1].End:d.Tokens[k].Start], '\n') >= 0 {
				spans = slices.Insert(spans, i+1, tokSpan{k, s.Last, s.Type})
				spans[i].Last = k
				break
			}
		}
	}
	// a surname the tagger left out because it is also a common word,
	// after a role and a given name: "Drummer Peter" + "May", "radio DJ
	// Mike" + "Read"
	for i := range spans {
		s := &spans[i]
		if l := s.Last; l < len(d.Tokens) && s.Last-s.First >= 2 && d.Tokens[l].Kind == verbatim.Word && isCap(tokText(d, l)) &&
			(lowerIn(roleWords, tokText(d, s.First)) || lowerIn(occupations, tokText(d, s.First))) &&
			genderOfFirst(tokText(d, l-1)) != 0 &&
			(isCommonWord(tokText(d, l)) || lowerIn(stopWords, tokText(d, l))) && !weekdays[strings.ToLower(tokText(d, l))] &&
			d.Clean[d.Tokens[l-1].End:d.Tokens[l].Start] == " " && (i+1 == len(spans) || spans[i+1].First > l) &&
			sentenceIndex(d, l) == sentenceIndex(d, l-1) && !lines.headline(d, l) {
			s.Last = l + 1
		}
	}
	for i := range spans {
		if s := &spans[i]; s.Type != verbatim.Person {
			*s = personInside(d, *s, spans[i+1:], &lines)
		}
	}
	// surnames and first names of persons named in full
	var fb [32]int
	full := fb[:0]
	for _, s := range spans {
		if s.Type == verbatim.Person && s.Last-s.First >= 2 && !lines.headline(d, s.First) {
			full = append(full, s.First, s.Last-1)
		}
	}
	var fullSet map[string]bool // the words of full, by foldKey, when many
	if len(full) > 32 {
		fullSet = make(map[string]bool, len(full))
		for _, k := range full {
			fullSet[foldKey(tokText(d, k))] = true
		}
	}
	known := func(i int) bool {
		w := tokText(d, i)
		if fullSet != nil {
			return fullSet[foldKey(w)]
		}
		for _, k := range full {
			if strings.EqualFold(tokText(d, k), w) {
				return true
			}
		}
		return false
	}
	placed := placedWords(d, spans) // one-word names the article puts something in ("in Charlotte")
	out = spans[:0]
	var cut []tokSpan // pieces of names cut at a common word
	for _, s := range spans {
		if s.Last-s.First >= 2 && lines.headline(d, s.First) {
			// a name does not run over a common word of a headline
			k := s.First + 1
			if f := tokText(d, s.First); GivenNameGender(f) != 0 || isInitial(f) {
				k++ // "Guy Forget", "M. Butcher"
			}
			for k < s.Last && !isCommonWord(tokText(d, k)) && !lowerIn(stopWords, tokText(d, k)) {
				k++
			}
			switch {
			case k == s.Last:
			case s.Type == verbatim.Person:
				s.Last = k // "Yvonne Hiller Kills Two In Kraft Shooting"
				if s.Last-s.First == 1 && isCommonWord(tokText(d, s.First)) && !known(s.First) {
					continue
				}
			case known(s.First) && known(s.Last-1):
				// people the article names, joined by a verb: "Hansbrough
				// Broke Ford"
				for j := s.First; j < s.Last; j++ {
					if known(j) {
						cut = append(cut, tokSpan{j, j + 1, verbatim.Person})
					}
				}
				continue
			}
		}
		n := s.Last - s.First
		switch {
		case s.Type != verbatim.Person && n == 1 && known(s.First) && !placeHere(d, s.First):
			s.Type = verbatim.Person // "Bush", "BLACKMORE"
		case s.Type != verbatim.Person && n == 2 && isPeerage(tokText(d, s.First)) && known(s.First+1):
			s.Type = verbatim.Person // "Baroness Boothroyd"
		case s.Type == verbatim.Person && n == 1 && !known(s.First) && !honorificBefore(d, s.First) &&
			(isCommonWord(tokText(d, s.First)) || lowerIn(roleWords, tokText(d, s.First))):
			continue // "Wireless", "Backs", "Nobody", "MP"
		case n == 1 && s.Type != verbatim.Person && degrees[strings.ToLower(tokText(d, s.First))] && s.First >= 2 &&
			tokText(d, s.First-1) == "," && len(out) > 0 && out[len(out)-1].Type == verbatim.Person && out[len(out)-1].Last == s.First-1:
			continue // "J. James Rohack, MD": a degree, not Maryland
		case n == 2 && s.Type != verbatim.Place && compassPlace(tokText(d, s.First), tokText(d, s.First+1)):
			s.Type = verbatim.Place // "N. Korea", "S. Africa": a compass point, not an initial
		case n == 1 && s.Type != verbatim.Place && len(tokText(d, s.First)) > 4 &&
			upperForm(tokText(d, s.First)) && isPlaceName(tokText(d, s.First)) && datelineAt(d, s.First):
			s.Type = verbatim.Place // a dateline: "BARCELONA, SPAIN —"
		case n == 1 && s.Type == verbatim.Person && !known(s.First) && !honorificBefore(d, s.First) &&
			placed[tokText(d, s.First)]:
			s.Type = verbatim.Place // "Charlotte" of "protests in Charlotte", also where a headline starts with it
		case n == 1 && (s.Type == verbatim.Person || s.Type == verbatim.Organization) && !known(s.First) && !honorificBefore(d, s.First) &&
			(lowerIn(nationalities, tokText(d, s.First)) || demonymWord(tokText(d, s.First))):
			s.Type = verbatim.Group // "Somali" pirates, "the Yemeni"
		}
		out = append(out, s)
	}
	for _, c := range cut {
		if !covers(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// personInside finds the person a span of another type holds:
//
//   - a name after words that describe it: "Moviemaker Gary Ross", "the
//     American Hasim Rahman", "Colts Rookie Andrew Luck Leads";
//   - a name and where the person is from: "Vishwanand Subryan of
//     Schenectady";
//   - a name with a middle initial: "Raj K. Chohan";
//   - a name a suffix follows: "Arcade Joseph" + "Comeaux Jr.";
//   - a given name after a word of kinship: "my wife Portia".
//
// next are the spans after s (it must not run into them).
func personInside(d *verbatim.Doc, s tokSpan, next []tokSpan, lines *lineKinds) tokSpan {
	n := s.Last - s.First
	plain := func(i int) bool { // a capitalised word that can be part of a person's name
		w := tokText(d, i)
		return d.Tokens[i].Kind == verbatim.Word && isCap(w) && !isCommonWord(w) && lowerIn(orgEnding, w) == 0 && !lowerIn(stopWords, w)
	}
	describes := func(i int) bool { // a word before a name that says what the person is
		w := tokText(d, i)
		if e, ok := lookupGaz(w); ok && e.Type == verbatim.Group {
			return true
		}
		return isCommonWord(w) || lowerIn(roleWords, w) || lowerIn(occupations, w)
	}
	described := true // the words before k are all demonyms or titles
	// "British Phonographic Industry" holds no person
	for k := s.First + 1; k < s.Last-1 && n >= 3 && (k > s.First+1 || lowerIn(orgEnding, tokText(d, s.Last-1)) != 2); k++ {
		if !describes(k - 1) {
			break
		}
		if w := tokText(d, k-1); !lowerIn(roleWords, w) && !lowerIn(occupations, w) {
			if e, ok := lookupGaz(w); !ok || e.Type != verbatim.Group {
				described = false
			}
		}
		if GivenNameGender(tokText(d, k)) == 0 && !(described && plain(k)) {
			continue
		}
		j := k + 1
		if isCap(tokText(d, j)) { // the surname, even a common word: "Andrew Luck"
			j++
		}
		for j < s.Last && plain(j) {
			j++
		}
		if j-k >= 2 && j-k <= 3 && (j == s.Last || lines.headline(d, k)) {
			return tokSpan{k, j, verbatim.Person}
		}
	}
	if n >= 4 {
		for p := s.First + 2; p < s.Last-1; p++ {
			if tokText(d, p) != "of" {
				continue
			}
			place := d.Clean[d.Tokens[p+1].Start:d.Tokens[s.Last-1].End]
			if isPlaceName(place) && plain(s.First) && plain(s.First+1) && (p == s.First+2 || plain(s.First+2)) {
				return tokSpan{s.First, p, verbatim.Person}
			}
		}
	}
	if n == 3 && (isInitial(tokText(d, s.First+1)) && plain(s.First) ||
		isInitial(tokText(d, s.First)) && GivenNameGender(tokText(d, s.First+1)) != 0) && isCap(tokText(d, s.First+2)) {
		return tokSpan{s.First, s.Last, verbatim.Person} // "Raj K. Chohan", "W. Mark Felt"
	}
	if n == 1 && s.Last < len(d.Tokens) && !placeHere(d, s.First) {
		if w := tokText(d, s.Last); w == "administration" || w == "presidency" {
			return tokSpan{s.First, s.Last, verbatim.Person} // "the Bush administration"
		}
	}
	if n >= 2 && s.Last+1 < len(d.Tokens) && plain(s.Last) && suffixes[strings.ToLower(strings.TrimSuffix(tokText(d, s.Last+1), "."))] &&
		(len(next) == 0 || next[0].First > s.Last+1) {
		return tokSpan{s.First, s.Last + 2, verbatim.Person}
	}
	if n == 1 && s.First > 0 && kin[strings.ToLower(tokText(d, s.First-1))] && GivenNameGender(tokText(d, s.First)) != 0 {
		return tokSpan{s.First, s.Last, verbatim.Person}
	}
	return s
}

// placedWords returns the one-word names that are cities and that the
// article writes after "in", "at", "from" or "near" at least once ("the
// unrest in Charlotte"): a given name that is also a city ("Charlotte",
// "Chelsea") is then the city wherever it stands alone.
func placedWords(d *verbatim.Doc, spans []tokSpan) map[string]bool {
	var m map[string]bool
	for _, s := range spans {
		if s.Last-s.First != 1 || s.First == 0 {
			continue
		}
		w := tokText(d, s.First)
		switch strings.ToLower(tokText(d, s.First-1)) {
		case "in", "at", "from", "near":
		default:
			continue
		}
		if !isCityName(w) {
			continue
		}
		if m == nil {
			m = map[string]bool{}
		}
		m[w] = true
	}
	return m
}

// compassPlace reports whether an initial and a name are a compass point
// and a place: "N. Korea" (North Korea), "S. Africa", "W. Virginia".
func compassPlace(initial, name string) bool {
	point := compassPoints[initial]
	if point == "" {
		return false
	}
	e, ok := lookupGaz(point + name)
	return ok && e.Type == verbatim.Place || isPlaceName(name)
}

// compassPoints are the initials that abbreviate a compass point.
var compassPoints = map[string]string{"N.": "North ", "S.": "South ", "E.": "East ", "W.": "West "}

// datelineAt reports whether token i opens its line and a comma or a dash
// follows it: "BARCELONA, SPAIN —".
func datelineAt(d *verbatim.Doc, i int) bool {
	if i > 0 && strings.IndexByte(d.Text[d.Tokens[i-1].End:d.Tokens[i].Start], '\n') < 0 || i+1 >= len(d.Tokens) {
		return false
	}
	n := tokText(d, i+1)
	return n == "," || n == "-" || n == "—" || n == "–"
}

// degrees follow a person's name after a comma ("Regina Benjamin, MD").
var degrees = map[string]bool{"md": true, "m.d.": true, "phd": true, "ph.d.": true, "dds": true, "rn": true,
	"mba": true, "esq": true, "esq.": true, "dphil": true, "frcs": true}

// IsDegree reports whether the lower-case word w is an academic or
// professional degree written after a name ("MD", "Ph.D.").
func IsDegree(w string) bool { return degrees[w] }

// suffixes follow a person's surname.
var suffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// occupations describe the person whose name follows them ("Green MEP
// Caroline Lucas", "radio DJ Mike Read"); kept apart from the role words
// of data/titles.txt, which the tagger's features read.
var occupations = map[string]bool{"dj": true, "mep": true, "msp": true, "guitarist": true, "drummer": true,
	"bassist": true, "musician": true, "comedian": true, "chef": true, "designer": true, "producer": true,
	"broadcaster": true, "presenter": true, "novelist": true, "poet": true, "playwright": true}

// peerages are titles before a surname that the honorifics (which the
// tagger's features read) leave out; like them, trimName drops them.
var peerages = []string{"baroness", "baron", "viscount", "viscountess", "earl", "countess", "marquess", "duke", "duchess"}

func init() {
	for _, w := range peerages {
		nameHeads[w] = struct{}{}
	}
}

// isPeerage reports whether w is an honorific or a peerage ("Baroness").
func isPeerage(w string) bool {
	if lowerIn(honorifics, w) != 0 {
		return true
	}
	_, ok := nameHeads[strings.ToLower(w)]
	return ok && !lowerIn(roleHeads, w)
}

// weekdays do not end a name ("told Peter Monday" is rare, "Peter
// Monday" rarer still).
var weekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true}

// kin are words of kinship before a given name ("my wife Portia").
var kin = map[string]bool{"wife": true, "husband": true, "son": true, "daughter": true, "brother": true, "sister": true,
	"mother": true, "father": true, "mom": true, "dad": true, "girlfriend": true, "boyfriend": true, "partner": true,
	"fiancee": true, "fiance": true, "widow": true, "widower": true, "niece": true, "nephew": true, "uncle": true,
	"aunt": true, "cousin": true, "grandson": true, "granddaughter": true, "grandmother": true, "grandfather": true}

// particles are the small words inside surnames ("de Rossi", "van Gogh").
var particles = map[string]bool{"de": true, "da": true, "di": true, "del": true, "della": true, "des": true, "du": true,
	"van": true, "von": true, "der": true, "den": true, "ter": true, "le": true, "la": true, "dos": true, "das": true,
	"bin": true, "ibn": true, "al": true, "el": true, "ben": true, "mac": true}

// allWords reports whether the tokens of s are all words.
func allWords(d *verbatim.Doc, s tokSpan) bool {
	for i := s.First; i < s.Last; i++ {
		if d.Tokens[i].Kind != verbatim.Word {
			return false
		}
	}
	return true
}

// isInitial reports whether w is a single capital letter and a period ("W.").
func isInitial(w string) bool { return len(w) == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z' }

// bareInitial reports whether w is a single capital letter ("W").
func bareInitial(w string) bool { return len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' }

// isPlaceName reports whether w is a place of the place lists.
func isPlaceName(w string) bool {
	if e, ok := lookupGaz(w); ok && e.Type == verbatim.Place {
		return true
	}
	if len(w) > 1 && upperForm(w) {
		w = w[:1] + strings.ToLower(w[1:]) // "WASHINGTON"
	}
	return isCityName(w)
}

// placeHere reports whether the word at token i is a place there: a country
// or region of the place list, or a city after a word of place ("in
// Washington", not "the Bush administration").
func placeHere(d *verbatim.Doc, i int) bool {
	w := tokText(d, i)
	if e, ok := lookupGaz(w); ok && e.Type == verbatim.Place {
		return true
	}
	if i == 0 || !isPlaceName(w) {
		return false
	}
	switch strings.ToLower(tokText(d, i-1)) {
	case "in", "at", "from", "to", "near", "of", "outside":
		return true
	}
	return false
}

// honorificBefore reports whether token i follows an honorific ("Mr Luck").
func honorificBefore(d *verbatim.Doc, i int) bool {
	return i > 0 && honorifics[strings.ToLower(strings.TrimSuffix(tokText(d, i-1), "."))] != 0
}

// covers reports whether a span of spans overlaps s.
func covers(spans []tokSpan, s tokSpan) bool {
	for _, x := range spans {
		if x.First < s.Last && s.First < x.Last {
			return true
		}
	}
	return false
}

// sentenceOf returns the sentence holding token i (nil when none).
func sentenceOf(d *verbatim.Doc, i int) *verbatim.Sentence {
	if k := sentenceIndex(d, i); k >= 0 {
		return &d.Sentences[k]
	}
	return nil
}

// sentenceIndex returns the index of the sentence holding token i, or -1.
func sentenceIndex(d *verbatim.Doc, i int) int {
	if i < 0 || i >= len(d.Tokens) {
		return -1
	}
	return sentenceAt(d, d.Tokens[i].Start)
}

// lineKinds remembers what the first sentences of a document are: bit 1
// known, 2 a Title Case line, 4 in capitals.
type lineKinds [256]uint8

func (lk *lineKinds) of(d *verbatim.Doc, i int) uint8 {
	s := sentenceOf(d, i)
	if s == nil {
		return 1
	}
	k := sentenceIndex(d, i)
	if k < len(lk) && lk[k] != 0 {
		return lk[k]
	}
	v := uint8(1)
	if titleLine(d, s) {
		v |= 2
	}
	if capitalsLine(d, s) {
		v |= 4
	}
	if k < len(lk) {
		lk[k] = v
	}
	return v
}

func (lk *lineKinds) headline(d *verbatim.Doc, i int) bool { return lk.of(d, i)&2 != 0 }
func (lk *lineKinds) capitals(d *verbatim.Doc, i int) bool { return lk.of(d, i)&4 != 0 }

// titleLine reports whether a sentence is a Title Case line: three words or
// more, all capitalised but one at most, one of them (after the first) a
// common word ("Yvonne Hiller Kills Two In Kraft Shooting"), and no number,
// bracket or list (a table of results, a squad).
func titleLine(d *verbatim.Doc, s *verbatim.Sentence) bool {
	words, low, commas := 0, 0, 0
	for k := s.First; k < s.Last; k++ {
		switch d.Tokens[k].Kind {
		case verbatim.Number:
			return false // a table, a results line
		case verbatim.Punct:
			switch tokText(d, k) {
			case "(", ")", ";":
				return false
			case ",":
				if commas++; commas > 1 {
					return false // a list of names
				}
			}
			continue
		}
		words++
		if !isCap(tokText(d, k)) {
			if low++; low > 1 {
				return false
			}
		}
	}
	if words < 3 {
		return false
	}
	for k := s.First + 1; k < s.Last; k++ {
		if w := tokText(d, k); d.Tokens[k].Kind == verbatim.Word && isCap(w) && !upperForm(w) && isCommonWord(w) {
			return true
		}
	}
	return false
}

// capitalsLine reports whether a sentence is written in capitals.
func capitalsLine(d *verbatim.Doc, s *verbatim.Sentence) bool {
	up, lo := 0, 0
	if s.Last <= s.First {
		return false
	}
	end := d.Tokens[s.Last-1].End // the letters left are fewer than the bytes left
	for k := s.First; k < s.Last; k++ {
		if left := end - d.Tokens[k].Start; up+left <= 4*lo {
			return false // up > 4*lo cannot hold
		}
		w := tokText(d, k)
		for j := 0; j < len(w); j++ {
			switch c := w[j]; {
			case c >= 'A' && c <= 'Z':
				up++
			case c >= 'a' && c <= 'z':
				lo++
			}
		}
	}
	return up > 3 && up > 4*lo
}

// nearestNamed chooses, among the persons of the document with the surname
// last (ei the first of them), the one a bare surname at mt.at refers to:
// the one named in full in the latest sentence before it, the first named
// there when several are ("Laci Peterson ... Scott Peterson told police.
// Peterson was arrested": Scott; "Tony Blair and Cherie Blair arrived.
// Blair said": Tony). Without a position, or when none was named before,
// ei.
func nearestNamed(d *verbatim.Doc, mt *matcher, ei int, last string) int {
	if mt.at < 0 {
		return ei
	}
	best, bestSent, bestStart := ei, -1, 0
	ks := mt.surnamed(d, ei, last)
	for _, k := range ks {
		en := &d.Entities[k]
		if en.Type != verbatim.Person || len(en.Mentions) == 0 {
			continue
		}
		if c := mt.get(d, k); c.n < 2 || c.last != last {
			continue
		}
		// en.Mentions are in text order: of those before mt.at that write
		// two words or more, the first of the last one's sentence is the
		// one a pass over them all would keep
		ms := en.Mentions
		i := len(ms)
		if i > 0 && d.Mentions[ms[i-1]].Start >= mt.at { // else all are before
			i = sort.Search(i-1, func(i int) bool { return d.Mentions[ms[i]].Start >= mt.at })
		}
		for i--; i >= 0 && mt.words(d, ms[i]) < 2; i-- {
		}
		if i < 0 {
			continue
		}
		sn := sentenceAt(d, d.Mentions[ms[i]].Start)
		if sn < 0 { // outside the sentences: the pass over them all
			for _, mi := range ms {
				m := &d.Mentions[mi]
				if m.Start >= mt.at || mt.words(d, mi) < 2 {
					continue
				}
				sn := sentenceAt(d, m.Start)
				if sn > bestSent || sn == bestSent && m.Start < bestStart {
					best, bestSent, bestStart = k, sn, m.Start
				}
			}
			continue
		}
		// ms in text order: a mention is in sentence sn while it does
		// not start before it
		for j, lo := i-1, d.Sentences[sn].Start; j >= 0; j-- {
			if d.Mentions[ms[j]].Start < lo {
				break
			}
			if mt.words(d, ms[j]) >= 2 {
				i = j
			}
		}
		if m := &d.Mentions[ms[i]]; sn > bestSent || sn == bestSent && m.Start < bestStart {
			best, bestSent, bestStart = k, sn, m.Start
		}
	}
	return best
}

// sentenceAt returns the index of the sentence holding byte offset off, or -1.
func sentenceAt(d *verbatim.Doc, off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		switch s := &d.Sentences[m]; {
		case off < s.Start:
			hi = m
		case off >= s.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}
