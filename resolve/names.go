package resolve

import (
	"bufio"
	_ "embed"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
	"golang.org/x/text/unicode/norm"
)

//go:embed titles.txt
var titlesTxt string

//go:embed nicknames.txt
var nicknamesTxt string

//go:embed suffixes.txt
var suffixesTxt string

// particles begin surnames ("Lo Presti", "van Gogh"): a name that starts
// with one has no given name.
var particles = wordSet("de\nda\ndi\ndel\ndella\ndos\ndu\nvan\nvon\nder\nden\nla\nle\nlo\nal\nel\nbin\nmac")

var (
	titles    = wordSet(titlesTxt)
	suffixes  = wordSet(suffixesTxt)
	nickGroup = map[string][]int{} // given name -> the numbers of its groups
)

func init() {
	sc := bufio.NewScanner(strings.NewReader(nicknamesTxt))
	g := 0
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || l[0] == '#' {
			continue
		}
		g++
		for _, w := range strings.Fields(l) {
			nickGroup[w] = append(nickGroup[w], g)
		}
	}
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && l[0] != '#' {
			m[l] = true
		}
	}
	return m
}

// Name is a person's or organisation's name reduced for comparison.
type Name struct {
	First string // lowercase, folded given name; "" when the name is a surname alone
	Last  string // lowercase, folded surname (or the whole name of an organisation)
	Full  string // the normalised tokens joined by spaces, titles and initials removed
}

// Fold lowercases s and removes diacritics ("Zelenskyy" stays, "Pérez" → "perez").
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case '’', '‘':
			r = '\''
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// ParseName reduces a name for comparison: titles and roles in front
// ("U.S. President"), middle initials ("J."), suffixes ("Jr.") and
// possessives are dropped; the first remaining token is the given name and
// the last the surname. Organisations and places keep their whole name in
// Last.
func ParseName(s string, typ verbatim.EntityType) Name {
	f := Fold(s)
	// tokens as byte ranges of f (no slice or string allocated for names of
	// up to 16 tokens; joined tokens that stand in f as written are a
	// substring of it)
	var buf [16]span
	toks := buf[:0]
	for i := 0; i < len(f); {
		start := i
		for i < len(f) {
			r, w := rune(f[i]), 1
			if r >= utf8.RuneSelf {
				r, w = utf8.DecodeRuneInString(f[i:])
			}
			if unicode.IsSpace(r) || r == ',' || r == '"' || r == '(' || r == ')' {
				if i == start {
					start += w
				} else {
					break
				}
			}
			i += w
		}
		if i > start {
			t := span{start, i}
			t = t.trimSuffix(f, "'s").trimSuffix(f, "'").trim(f, ".-'")
			if t.e > t.s {
				toks = append(toks, t)
			}
		}
	}
	if typ != verbatim.Person {
		full := joinSpans(f, toks)
		full = strings.TrimPrefix(full, "the ")
		return Name{Last: full, Full: full}
	}
	// titles in front
	i := 0
	for i < len(toks)-1 && titles[withoutDots(toks[i].of(f))] {
		i++
	}
	toks = toks[i:]
	for len(toks) > 1 && suffixes[withoutDots(toks[len(toks)-1].of(f))] {
		toks = toks[:len(toks)-1]
	}
	// drop middle initials (keep a leading initial as the given name)
	var kbuf [16]span
	kept := kbuf[:0]
	for j, t := range toks {
		if j > 0 && j < len(toks)-1 && len(t.of(f))-strings.Count(t.of(f), ".") <= 1 {
			continue
		}
		kept = append(kept, t)
	}
	n := Name{Full: joinSpans(f, kept)}
	switch len(kept) {
	case 0:
	case 1:
		n.Last = kept[0].of(f)
	default:
		n.First = withoutDots(kept[0].of(f))
		n.Last = kept[len(kept)-1].of(f)
		if particles[n.First] {
			n.First = "" // "Lo Presti", "De Rossi": a surname with its particle
		}
	}
	return n
}

// span is a token of a name: the bytes s:e of the folded name.
type span struct{ s, e int }

func (t span) of(f string) string { return f[t.s:t.e] }

func (t span) trimSuffix(f, suffix string) span {
	if strings.HasSuffix(t.of(f), suffix) {
		t.e -= len(suffix)
	}
	return t
}

// trim removes the ASCII bytes of cut from both ends.
func (t span) trim(f, cut string) span {
	for t.s < t.e && strings.IndexByte(cut, f[t.s]) >= 0 {
		t.s++
	}
	for t.e > t.s && strings.IndexByte(cut, f[t.e-1]) >= 0 {
		t.e--
	}
	return t
}

// joinSpans joins tokens of f with single spaces: a substring of f when
// they stand so in it.
func joinSpans(f string, ts []span) string {
	if len(ts) == 0 {
		return ""
	}
	n := ts[0].e - ts[0].s
	contiguous := true
	for k := 1; k < len(ts); k++ {
		n += 1 + ts[k].e - ts[k].s
		if ts[k].s != ts[k-1].e+1 || f[ts[k-1].e] != ' ' {
			contiguous = false
		}
	}
	if contiguous {
		return f[ts[0].s:ts[len(ts)-1].e]
	}
	var b strings.Builder
	b.Grow(n)
	for k, t := range ts {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.of(f))
	}
	return b.String()
}

func withoutDots(t string) string {
	if strings.IndexByte(t, '.') < 0 {
		return t
	}
	return strings.ReplaceAll(t, ".", "")
}

// FirstCompatible reports whether two given names can belong to one person
// and why: equal, an initial of the other, a nickname, or a spelling variant.
// An absent given name is compatible with any ("absent").
func FirstCompatible(a, b string) (bool, string) {
	switch {
	case a == "" || b == "":
		return true, "first name absent"
	case a == b:
		return true, "same first name"
	case len(a) == 1 && b[0] == a[0], len(b) == 1 && a[0] == b[0]:
		return true, "first initial matches"
	case sameGroup(nickGroup[a], nickGroup[b]):
		return true, "first-name variant " + a + "/" + b
	}
	d := editDistance(a, b, 3)
	if (d == 1 && len(a) >= 4 && len(b) >= 4) || (d == 2 && len(a) >= 7 && len(b) >= 7) {
		return true, "first-name spelling " + a + "/" + b
	}
	return false, "different first names " + a + "/" + b
}

// sameGroup reports whether two lists of nickname groups share one.
func sameGroup(a, b []int) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// editDistance is the Damerau (adjacent transposition) Levenshtein distance
// of a and b, or max+1 when it exceeds max.
func editDistance(a, b string, max int) int {
	if a == b {
		return 0
	}
	la, lb := len(a), len(b)
	if la-lb > max || lb-la > max {
		return max + 1
	}
	var rows [3][24]int // short names need no allocation
	var prev2, prev, cur []int
	if lb < len(rows[0]) {
		prev2, prev, cur = rows[0][:lb+1], rows[1][:lb+1], rows[2][:lb+1]
	} else {
		prev2, prev, cur = make([]int, lb+1), make([]int, lb+1), make([]int, lb+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= lb; j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			v := prev[j-1] + c
			if prev[j]+1 < v {
				v = prev[j] + 1
			}
			if cur[j-1]+1 < v {
				v = cur[j-1] + 1
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && prev2[j-2]+1 < v {
				v = prev2[j-2] + 1
			}
			cur[j] = v
			if v < best {
				best = v
			}
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}

// acronym returns the initials of a multi-word name ("agence france-presse"
// → "afp", "group of seven" → "gs"), or "" for a single word.
func acronym(full string) string {
	ws := strings.FieldsFunc(full, func(r rune) bool { return r == ' ' || r == '-' })
	if len(ws) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range ws {
		switch w {
		case "of", "the", "and", "for", "de", "du", "des", "la", "le", "&":
			continue
		}
		b.WriteString(w[:1])
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}

func quoteS(s string) string { return "\"" + s + "\"" }

// displayName is the name without leading titles, as written: "U.S.
// President Donald J. Trump" → "Donald J. Trump".
func displayName(s string, n Name) string {
	f := strings.Fields(s)
	for i, w := range f {
		var given bool
		if isASCII(w) { // folding is lowercasing: compare without folded copies
			given = lowerEq(strings.Trim(w, ".,"), n.First) || n.First != "" && len(w) >= len(n.First) && lowerEq(w[:len(n.First)], n.First)
		} else {
			given = Fold(strings.Trim(w, ".,")) == n.First || strings.HasPrefix(Fold(w), n.First) && n.First != ""
		}
		if given {
			return strings.Join(f[i:], " ")
		}
	}
	return strings.Join(f, " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerEq reports whether the ASCII string s lowercased is t.
func lowerEq(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != t[i] {
			return false
		}
	}
	return true
}

// collapseSpaces is strings.Join(strings.Fields(s), " "): a copy of s
// when it is ASCII with single spaces between words and none around them
// (a copy: s may be part of an article's text).
func collapseSpaces(s string) string {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return strings.Join(strings.Fields(s), " ")
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == ' ' && s[i+1] == ' ':
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return strings.Clone(s)
}

func slugify(s string) string {
	f := Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	dash := false
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}
