// Matching a name against the entities found: name keys, acronyms,
// fuzzy surnames, and the matcher that caches entity keys.

package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/ascii"
)

// nameWords returns the words of a name without honorifics, a leading "the"
// and possessive endings.
func nameWords(s string) []string { return trimName(strings.Fields(s)) }

// trimName removes honorifics, a leading "the" and possessive endings from
// the words of a name (f is modified).
func trimName(f []string) []string {
	for len(f) > 1 {
		var a [48]byte
		lw := lowerBytes(a[:], f[0])
		if _, drop := nameHeads[string(lw)]; drop { // "the", an honorific or a role head
			f = f[1:]
			continue
		}
		break
	}
	if n := len(f); n > 0 {
		f[n-1] = strings.TrimSuffix(strings.TrimSuffix(f[n-1], "'s"), "’s")
	}
	return f
}

// key normalises a name for exact comparison: lower case, no periods.
func key(s string) string {
	s = strings.ToLower(s)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.ReplaceAll(s, ".", "")
	}
	return s
}

// acronym returns the initials of the capitalised words of a name ("North
// Atlantic Treaty Organization" -> "NATO"), or "".
func acronym(words []string) string {
	if len(words) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		for len(w) > 0 { // each part of "Anti-Doping"
			part := w
			if i := strings.IndexByte(w, '-'); i >= 0 {
				part, w = w[:i], w[i+1:]
			} else {
				w = ""
			}
			if r, _ := utf8.DecodeRuneInString(part); unicode.IsUpper(r) {
				b.WriteRune(r)
			}
		}
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}

// similar reports whether two surnames are close enough to be one misspelt
// for the other ("Kellog", "Kellogg").
func similar(a, b string) bool {
	return similarLower(strings.ToLower(a), strings.ToLower(b))
}

// similarLower is similar for names already in lower case: the same first
// letter, at least five letters each, and at most one edit in five.
func similarLower(a, b string) bool {
	if a == b {
		return true
	}
	// What closeEnough rejects first, on the bytes: fewer than five of
	// them (a letter is at least one), or other first letters (one of them
	// ASCII: invalid bytes decode alike)
	if len(a) < 5 || len(b) < 5 || a[0] != b[0] && (a[0] < utf8.RuneSelf || b[0] < utf8.RuneSelf) {
		return false
	}
	if isASCII(a) && isASCII(b) {
		return closeEnough([]byte(a), []byte(b))
	}
	return closeEnough([]rune(a), []rune(b))
}

// closeEnough reports 1 - levenshtein(a, b)/max(len) >= 0.8 for words of at
// least five letters with the same first letter.
func closeEnough[T byte | rune](a, b []T) bool {
	if len(a) < 5 || len(b) < 5 || a[0] != b[0] {
		return false
	}
	n := max(len(a), len(b))
	bound := 0 // the largest distance that passes
	for bound < n && 1-float64(bound+1)/float64(n) >= 0.8 {
		bound++
	}
	if d := len(a) - len(b); d > bound || -d > bound {
		return false
	}
	return levenshtein(a, b, bound) <= bound
}

// levenshtein returns the edit distance of a and b, or a number above
// bound as soon as the distance must exceed it.
func levenshtein[T byte | rune](a, b []T, bound int) int {
	var pa, ca [48]int
	prev, cur := pa[:], ca[:]
	if len(b)+1 > len(pa) {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur = prev[:len(b)+1], cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			low = min(low, c)
		}
		if low > bound {
			return low
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// entKey caches the comparison forms of an entity's name.
type entKey struct {
	name        string
	n           int // number of words
	key, acr    string
	first, last string // keys of the first and last words
	lowLast     string // the last word in lower case (for similar)
	bareFirst   string // the first word without periods
	known       bool   // the name is in the gazetteer
	capFirst    bool   // the first word is capitalised
}

// makeEntKey computes the comparison forms of the name words w (joined:
// their text joined by single spaces), with one lower-casing for the
// common ASCII names without periods.
func makeEntKey(name string, w []string, joined string) entKey {
	c := entKey{name: name, n: len(w)}
	if len(w) == 0 {
		return c
	}
	c.acr = acronym(w)
	c.capFirst = isCap(w[0])
	c.bareFirst = strings.ReplaceAll(w[0], ".", "")
	g, known := lookupGaz(joined)
	c.known = known
	if known {
		c.key = g.Key
	}
	if isASCII(joined) && strings.IndexByte(joined, '.') < 0 {
		var buf [64]byte // strings.ToLower of ASCII, one allocation, no scans first
		lj := string(ascii.AppendLower(buf[:0], joined))
		if !known {
			c.key = lj
		}
		c.first = lj[:len(w[0])]
		c.last = lj[len(lj)-len(w[len(w)-1]):]
		c.lowLast = c.last
		return c
	}
	if !known {
		c.key = key(joined)
	}
	c.first, c.last = key(w[0]), key(w[len(w)-1])
	c.lowLast = strings.ToLower(w[len(w)-1])
	return c
}

// joinEquals reports whether strings.Join(w, " ") == s.
func joinEquals(w []string, s string) bool {
	if joinedLen(w) != len(s) {
		return false
	}
	at := 0
	for i, x := range w {
		if i > 0 {
			if s[at] != ' ' {
				return false
			}
			at++
		}
		if s[at:at+len(x)] != x {
			return false
		}
		at += len(x)
	}
	return true
}

// matcher finds the entity a name refers to, caching entity keys.
type matcher struct {
	cache   []entKey
	q, prev entKey // the last two names matched (usually the next entities' names)
	// at is where the name being matched stands (a byte offset), -1 when
	// unknown: a surname two persons share goes to the one named in full
	// last before it (see nearestNamed)
	at int
	// idx, when set, finds the entities a name may match by their keys
	// (matchindex.go); else match tests every entity
	idx *matchIndex
	ks  []int // nearestNamed's candidates
	// nw, when set, holds the word count of every mention's text (group
	// has it): nearestNamed reads it instead of the mentions' texts, all
	// over a big document
	nw []int
	// memo, when set, holds the keys of the names matched so far by their
	// text (group sets it for one document: its names repeat)
	memo map[string]entKey
}

// words returns the number of words of mention mi's text.
func (mt *matcher) words(d *verbatim.Doc, mi int) int {
	if mi < len(mt.nw) {
		return mt.nw[mi]
	}
	return countWords(d.Mentions[mi].Text)
}

func (mt *matcher) get(d *verbatim.Doc, ei int) *entKey {
	for len(mt.cache) <= ei {
		mt.cache = append(mt.cache, entKey{name: "\x00"})
	}
	c := &mt.cache[ei]
	if name := d.Entities[ei].Name; c.name != name {
		var fa [8]string
		w := trimName(appendFields(fa[:0], name))
		if mt.prev.n > 0 && joinEquals(w, mt.prev.name) {
			*c = mt.prev
			c.name = name
		} else if mt.q.n > 0 && joinEquals(w, mt.q.name) {
			*c = mt.q
			c.name = name
		} else {
			*c = makeEntKey(name, w, strings.Join(w, " "))
		}
	}
	return c
}

// match returns the entity a name of type t refers to, or -1.
func (mt *matcher) match(d *verbatim.Doc, text string, t verbatim.EntityType) int {
	if mt.q.n > 0 {
		mt.prev = mt.q
	}
	q, ok := mt.memo[text]
	if !ok {
		q = nameKey(text)
		if mt.memo != nil {
			mt.memo[text] = q
		}
	}
	mt.q = q
	if q.n == 0 {
		return -1
	}
	if mt.idx != nil {
		return mt.matchIndexed(d, t)
	}
	// A surname joins its person whatever the tagger called it, unless it
	// is a known place or organisation.
	best := -1
	for ei := range d.Entities {
		switch r := mt.test(d, ei, t); r {
		case matchYes:
			return ei
		case matchNearest:
			return nearestNamed(d, mt, ei, mt.q.last)
		case matchSimilar:
			if best < 0 {
				best = ei
			}
		}
	}
	return best
}

// nameKey returns the keys of the name written text (its words without
// honorifics and the like: trimName), or entKey{} when it has none.
func nameKey(text string) entKey {
	var fa [8]string
	w := trimName(appendFields(fa[:0], text))
	if len(w) == 0 {
		return entKey{}
	}
	// The words are usually the whole text as written (one space between
	// them, nothing trimmed): then the text is their join, not copied.
	joined := strings.TrimSpace(text)
	if !joinEquals(w, joined) {
		joined = strings.Join(w, " ")
	}
	return makeEntKey(joined, w, joined)
}

// what entity ei is to a name (matcher.test)
const (
	matchNo      = iota
	matchYes     // the name refers to it
	matchNearest // a surname of it: the nearest person named in full with it
	matchSimilar // a surname like its surname: the entity if no other matches
)

// test tells what entity ei is to the name of type t whose keys are in
// mt.q.
func (mt *matcher) test(d *verbatim.Doc, ei int, t verbatim.EntityType) int {
	q := &mt.q
	k, acr, first, last, bare, known := q.key, q.acr, q.first, q.last, q.bareFirst, q.known
	en := &d.Entities[ei]
	if len(en.Mentions) == 0 {
		return matchNo
	}
	c := mt.get(d, ei)
	if c.n == 0 {
		return matchNo
	}
	if c.key == k && !placeVsOrg(en.Type, t) {
		return matchYes
	}
	// A one-word name the gazetteer knows ("Fox", "Brown") is still the
	// surname of a person named in full when it was found as a person
	// ("Dr Fox said" after "Liam Fox").
	if en.Type == verbatim.Person && (!known || t == verbatim.Person && q.n == 1 && c.n > 1) && (c.n > 1 || t == verbatim.Person || t == "") {
		// Surname, or surname with a compatible first name.
		if q.n == 1 && q.capFirst {
			if last == c.last {
				return matchNearest
			}
			if c.n > 1 && first == c.first && mt.at > 0 && knightBefore(d.Clean[:mt.at]) {
				return matchYes // "Sir Edward" after "Sir Edward Heath"
			}
			if similarLower(q.lowLast, c.lowLast) {
				return matchSimilar
			}
			return matchNo
		}
		if q.n > 1 && c.n > 1 && last == c.last &&
			(first == c.first || strings.HasPrefix(c.first, strings.TrimSuffix(first, "."))) {
			return matchYes
		}
		if q.n == 2 && c.n == 3 && q.capFirst && last == c.last && len(c.key) > len(k) && c.key[len(c.key)-len(k)-1] == ' ' && c.key[len(c.key)-len(k):] == k {
			return matchYes // a surname of two words: "Mr Baez Silva", "Carlos Baez Silva"
		}
	}
	if en.Type == verbatim.Organization || t == verbatim.Organization {
		if q.n == 1 && c.acr == bare {
			return matchYes
		}
		if c.n == 1 && acr != "" && acr == c.bareFirst {
			return matchYes
		}
	}
	return matchNo
}

// knightBefore reports whether the text before a name ends with "Sir" or
// "Dame", the titles by which a knight or dame is called with the given
// name alone ("Sir Edward" for Sir Edward Heath).
func knightBefore(before string) bool {
	w := lastWord(before)
	return (w == "Sir" || w == "Dame") && strings.HasSuffix(before, w+" ")
}
