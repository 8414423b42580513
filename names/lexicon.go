package names

import (
	"bufio"
	"embed"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/verbatim-news/verbatim"
)

//go:embed data/*.txt
var dataFS embed.FS

// gazEntry is one known name: its type and canonical form.
type gazEntry struct {
	Type  verbatim.EntityType
	Canon string
	Key   string // key(Canon), the comparison key of the canonical form
}

var (
	male, female = map[string]bool{}, map[string]bool{}
	honorifics   = map[string]byte{}  // lower-case honorific -> 'm', 'f' or '-'
	roleWords    = map[string]bool{}  // lower-case words that may make up a role
	roleHeads    = map[string]bool{}  // role nouns a descriptor can refer by
	orgWords     = map[string]bool{}  // lower-case words that make a name an organisation
	placeWords   = map[string]uint8{} // lower-case words that make a name a place (placeFirst, placeLast)
	stopWords    = map[string]bool{}  // lower-case function words, never names on their own
	// nationalities holds lower-case nationalities read after tagging
	// (data/nationalities.txt; the tagger's gazetteer holds demonyms.txt)
	nationalities = map[string]bool{}
	givenNames    = map[string]bool{} // lower-case given names of the large list (data/given.txt)
	givenGender   = map[string]byte{} // of those, the names of one gender: 'm' or 'f'
	gaz           = map[string]gazEntry{}
	gazMaxTokens  = 1
	// nameHeads holds the lower-case words trimName drops at a name's
	// start: "the", the honorifics and the role heads (one lookup for
	// three)
	nameHeads = map[string]struct{}{"the": {}}
)

func init() {
	words("male.txt", func(w string) { male[w] = true })
	words("female.txt", func(w string) { female[w] = true })
	lines("honorifics.txt", func(l string) {
		f := strings.Fields(l)
		if len(f) == 2 {
			honorifics[f[0]] = f[1][0]
		}
	})
	lines("titles.txt", func(l string) {
		if strings.HasPrefix(l, "*") {
			l = l[1:]
			roleHeads[l] = true
		}
		roleWords[l] = true
	})
	lines("orgwords.txt", func(l string) { orgWords[l] = true })
	lines("placewords.txt", func(l string) {
		if f := strings.Fields(l); len(f) == 2 {
			placeWords[f[1]] |= map[string]uint8{"first": placeFirst, "last": placeLast}[f[0]]
		}
	})
	words("stopwords.txt", func(w string) { stopWords[w] = true })
	words("nationalities.txt", func(w string) { nationalities[w] = true })
	lines("given.txt", func(l string) {
		f := strings.Fields(l)
		if len(f) == 0 {
			return
		}
		w := strings.ToLower(f[0])
		givenNames[w] = true
		if len(f) == 2 {
			givenGender[w] = f[1][0]
		}
	})
	for _, f := range []struct {
		file string
		t    verbatim.EntityType
	}{{"places.txt", verbatim.Place}, {"demonyms.txt", verbatim.Group}, {"orgs.txt", verbatim.Organization}, {"misc.txt", verbatim.Misc}} {
		lines(f.file, func(l string) {
			parts := strings.Split(l, "|")
			canon := strings.TrimSpace(parts[0])
			for _, p := range parts {
				p = strings.TrimSpace(p)
				if p == "" {
					continue
				}
				if _, dup := gaz[p]; !dup {
					gaz[p] = gazEntry{f.t, canon, key(canon)}
				}
				if n := len(strings.Fields(p)); n > gazMaxTokens {
					gazMaxTokens = n
				}
			}
		})
	}
	for w, g := range honorifics {
		if g != 0 {
			nameHeads[w] = struct{}{}
		}
	}
	for w := range roleHeads {
		nameHeads[w] = struct{}{}
	}
	initLexFlags()
	// titles the tagger's features do not read (it was trained without
	// them): ranks and local offices
	lines("ranks.txt", func(l string) {
		if strings.HasPrefix(l, "*") {
			l = l[1:]
			roleHeads[l] = true
			nameHeads[l] = struct{}{}
		}
		roleWords[l] = true
	})
	fillChainKind() // chains.go
	fillOrgEnding() // orgstart.go
}

// lines calls f for each non-empty, non-comment line of an embedded file.
func lines(name string, f func(string)) {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		panic("names: missing embedded " + name)
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f(l)
	}
}

// words calls f for each lower-cased white-space separated word of a file.
func words(name string, f func(string)) {
	lines(name, func(l string) {
		for _, w := range strings.Fields(l) {
			f(strings.ToLower(w))
		}
	})
}

// lookupGaz returns the gazetteer entry of a name, trying it as written and
// without a leading "The".
func lookupGaz(s string) (gazEntry, bool) {
	if e, ok := gaz[s]; ok {
		return e, true
	}
	if strings.HasPrefix(s, "The ") || strings.HasPrefix(s, "the ") {
		e, ok := gaz[s[4:]]
		return e, ok
	}
	return gazEntry{}, false
}

// GivenNameGender returns 'm' or 'f' for a given name of one gender ("Cherie",
// "mary"), from the tagger's lists and then the large list; 0 otherwise.
func GivenNameGender(w string) byte {
	if g := genderOfFirst(w); g != 0 {
		return g
	}
	if isASCII(w) {
		return lowerIn(givenGender, w)
	}
	return givenGender[stripAccents(strings.ToLower(w))]
}

// IsGivenName reports whether w is a given name of the lists, of either
// gender or both ("Andy", "Hilary").
func IsGivenName(w string) bool {
	return GivenNameGender(w) != 0 || givenNames[stripAccents(strings.ToLower(w))]
}

// genderOfFirst returns 'm' or 'f' for a known first name, 0 otherwise.
func genderOfFirst(w string) byte {
	var a [48]byte
	lw := lowerBytes(a[:], w)
	var m, f bool
	if isASCII(w) {
		m, f = male[string(lw)], female[string(lw)]
	} else {
		w = stripAccents(string(lw)) // "Mélanie" -> "melanie"
		m, f = male[w], female[w]
	}
	switch {
	case m && !f:
		return 'm'
	case f && !m:
		return 'f'
	}
	return 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// stripAccents removes combining marks after canonical decomposition.
func stripAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// where a word of data/placewords.txt makes a name a place
const (
	placeFirst = 1 << iota // it opens the name: "River Lenne"
	placeLast              // it ends it: "Market Street"
)

// featurePlace reports whether the name of tokens [a,b) is a place by its
// geographic or street word ("River Lenne", "Lake Geneva", "Market
// Street"): two words or more, the first no given name ("Picabo Street"
// stays a person).
func featurePlace(d *verbatim.Doc, a, b int) bool {
	if b-a < 2 || genderOfFirst(tokText(d, a)) != 0 {
		return false
	}
	return placeWords[strings.ToLower(tokText(d, a))]&placeFirst != 0 || placeWords[strings.ToLower(tokText(d, b-1))]&placeLast != 0
}
