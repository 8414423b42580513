package names

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// The tagger's observations of a sentence are hashes: each word is hashed
// once (as written, lower-cased, and its shape) and a feature is the
// multiplicative mix of a template's constant with those hashes and small
// integers (labels, flags), not a hash of strings per template. The row of
// a feature in the weight table is the top bits of its hash (rowOf).

// sentFeats holds the per-token observations of one sentence.
type sentFeats struct {
	n      int
	hw     []uint64 // hash of the word as written (once ensured)
	hl     []uint64 // hash of the lower-cased word (once ensured)
	hs     []uint64 // hash of the word's shape (once ensured)
	words  []string
	low    []byte  // the lower-cased words (of the tokens ensured)
	lowOff []int32 // word i lower-cased is low[lowOff[i]:lowEnd[i]]
	lowEnd []int32
	gaz    []uint8    // gazetteer tag: 0 none, else type*2-1 (begin) or type*2 (inside)
	city   []uint8    // place list (data/cities.txt): 0 none, 1 begin, 2 inside
	tok    []uint8    // token flags (tokCap...)
	lex    []uint8    // lexicon flags of the lower-cased words
	gf     []uint8    // gazFirst of the word (once ensured)
	cv     []uint8    // cityNames of the word (once ensured)
	info   *infoCache // when set, the hashes and look-ups of words seen before (ensure)
	upper  bool       // a headline in capitals: most letters upper-case
	title  bool       // a headline in Title Case: most words capitalised
	drop   bool       // training: the current token's word identity is hidden (TrainOptions.Dropout)
	sbuf   []byte     // shape buffer
}

// Token flags.
const (
	tokCap    = 1 << iota // starts with an upper-case letter
	tokPlain              // no upper-case letter and no digit: O unless inside a name
	tokSeenLC             // capitalised, and seen lower-case elsewhere in the document
	tokASCII              // only ASCII bytes
	tokReady              // hashes and look-ups computed (ensure)
	tokLow                // lower-cased form computed (lowered)
)

// Lexicon flags of a lower-case word, looked up once per token.
const (
	lexFirst = 1 << iota // a first name of known gender
	lexHead              // a role head ("president")
	lexRole              // a role word ("foreign")
	lexHonor             // an honorific ("mr")
	lexOrg               // a word ending organisation names ("party")
	lexStop              // a function word
	lexGiven             // a given name of the large list (data/given.txt)
)

// lexUnknown marks lexicon flags not looked up yet (see lexOf).
const lexUnknown = 0xff

// lexOf returns the lexicon flags of token i, looked up on first use: most
// tokens are not scored nor next to one.
func (f *sentFeats) lexOf(i int) uint8 {
	if f.lex[i] == lexUnknown {
		f.lex[i] = lexFlags.get(f.hl[i])
	}
	return f.lex[i]
}

// lexFlags holds the lexicon flags by hash of the lower-case word.
var lexFlags hashSet

// initLexFlags is called by the lexicon's init once the word lists are read.
func initLexFlags() {
	m := map[string]uint8{}
	add := func(w string, f uint8) { m[w] |= f }
	for w := range male {
		if genderOfFirst(w) != 0 {
			add(w, lexFirst)
		}
	}
	for w := range female {
		if genderOfFirst(w) != 0 {
			add(w, lexFirst)
		}
	}
	for w := range roleHeads {
		add(w, lexHead)
	}
	for w := range roleWords {
		add(w, lexRole)
	}
	for w, g := range honorifics {
		if g != 0 {
			add(w, lexHonor)
		}
	}
	for w := range orgWords {
		add(w, lexOrg)
	}
	for w := range stopWords {
		add(w, lexStop)
	}
	for w := range givenNames {
		add(w, lexGiven)
	}
	lexFlags = hashSet{vals: true}
	for w, f := range m {
		lexFlags.put(hashWord(w), f)
	}
	lexFlags.seal()
}

// Hashing constants (odd: multiplication by them is a bijection).
const (
	k1 = 0x9E3779B97F4A7C15
	k2 = 0xD6E8FEB86659FD93
)

// hashWord hashes the bytes of a word, eight at a time.
func hashWord[S ~string | ~[]byte](s S) uint64 {
	h := uint64(len(s))*k2 + k1
	for len(s) >= 8 {
		v := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		h = (h ^ v) * k1
		h ^= h >> 29
		s = s[8:]
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		v |= uint64(s[i]) << (8 * i)
	}
	h = (h ^ v) * k2
	return h ^ h>>32
}

// Feature hashes: a template's constant mixed with one or two values.
func f1(t, a uint64) uint64    { return fmix(tmplKey[t] ^ a) }
func f2(t, a, b uint64) uint64 { return fmix(fmix(tmplKey[t]^a) ^ b) }

// fmix mixes x so that the top bits of the result depend on all its bits.
func fmix(x uint64) uint64 {
	x *= k1
	x ^= x >> 32
	return x * k2
}

// tmplKey holds one random constant per feature template.
var tmplKey = func() (k [40]uint64) {
	x := uint64(0x853C49E6748FEA9B)
	for i := range k {
		x += k1 // splitmix64
		z := x
		z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
		z = (z ^ z>>27) * 0x94D049BB133111EB
		k[i] = z ^ z>>31
	}
	return k
}()

var (
	hBOS = hashWord("<s>")
	hEOS = hashWord("</s>")
	hUNK = hashWord("<unk>")
)

// shape maps a word to a compressed character-class shape ("Xx", "X.X.", "d-d").
func shape(w string, buf []byte) []byte {
	buf = buf[:0]
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			if r < utf8.RuneSelf {
				c = byte(r)
			} else {
				c = '*'
			}
		}
		if c != last || (c != 'x' && c != 'd' && c != 'X') {
			buf = append(buf, c)
		}
		last = c
	}
	return buf
}

// startsUpper is isCap.
func startsUpper(w string) bool { return isCap(w) }

// shapeASCII is shape for a word of ASCII characters.
func shapeASCII(w string, buf []byte) []byte {
	buf = buf[:0]
	var last byte
	for j := 0; j < len(w); j++ {
		c := w[j]
		switch {
		case 'A' <= c && c <= 'Z':
			c = 'X'
		case 'a' <= c && c <= 'z':
			c = 'x'
		case '0' <= c && c <= '9':
			c = 'd'
		}
		if c != last || (c != 'x' && c != 'd' && c != 'X') {
			buf = append(buf, c)
		}
		last = c
	}
	return buf
}

var gazTypeCode = map[verbatim.EntityType]uint8{verbatim.Person: 1, verbatim.Organization: 2, verbatim.Place: 3, verbatim.Group: 4, verbatim.Misc: 5}

// Byte classes of prepare (byteClass), table-driven: the branches on
// letters mispredicted.
const (
	clLower = 1 << iota
	clUpper
	clDigit
	clNonASCII
)

var byteClass, byteLetters = func() (cl [256]uint8, n [256]uint64) {
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z':
			cl[c], n[c] = clLower, 1
		case 'A' <= c && c <= 'Z':
			cl[c], n[c] = clUpper, 1<<32
		case '0' <= c && c <= '9':
			cl[c] = clDigit
		case c >= utf8.RuneSelf:
			cl[c] = clNonASCII
		}
	}
	return
}()

// prepare fills the per-token observations of a sentence; lc holds the
// hashes of the words of the document that do not start upper-case.
func (f *sentFeats) prepare(words []string, lc *hashSet) {
	n := len(words)
	f.n = n
	f.hw = resize(f.hw, n)
	f.hl = resize(f.hl, n)
	f.hs = resize(f.hs, n)
	f.lowEnd = resize(f.lowEnd, n)
	f.gaz = resize(f.gaz, n)
	f.city = resize(f.city, n)
	f.tok = resize(f.tok, n)
	f.lex = resize(f.lex, n)
	f.gf = resize(f.gf, n)
	f.cv = resize(f.cv, n)
	f.low = f.low[:0]
	f.lowOff = resize(f.lowOff, n)
	f.words = words
	clear(f.gaz)
	clear(f.city)
	cn := cityNames()
	var letters uint64 // lower-case letters, and upper-case ones << 32
	capWords, lowWords := 0, 0
	gazNext, cityNext := 0, 0 // the first tokens that may begin a gazetteer or place name
	for i, w := range words {
		var fl uint8
		var cl uint8 // the classes of the bytes of w (byteClass)
		for j := 0; j < len(w); j++ {
			cl |= byteClass[w[j]]
			letters += byteLetters[w[j]]
		}
		ascii, upper, digit, lower := cl&clNonASCII == 0, cl&clUpper != 0, cl&clDigit != 0, cl&clLower != 0
		if ascii {
			fl |= tokASCII
		} else {
			for _, r := range w {
				if unicode.IsUpper(r) {
					upper = true
				} else if unicode.IsDigit(r) {
					digit = true
				}
			}
		}
		if !upper && (!digit || ascii && !lower) {
			fl |= tokPlain
			if lower {
				lowWords++
			}
		}
		f.tok[i] = fl
		f.lex[i] = lexUnknown
		if !upper || !startsUpper(w) {
			continue
		}
		capWords++
		f.tok[i] |= tokCap
		f.ensure(i)
		if lc != nil && lc.get(f.hl[i]) != 0 {
			f.tok[i] |= tokSeenLC
		}
		// The gazetteer and place names that begin here, the longest,
		// unless one before covers the word: their first word is
		// capitalised, and its hash says whether it begins one (gf, cv).
		if i >= gazNext && f.gf[i] != 0 {
			gazNext = f.gazName(i, gazNext)
		}
		if i >= cityNext && f.cv[i] != 0 {
			cityNext = f.placeName(i, cityNext, cn)
		}
	}
	up, lo := int(letters>>32), int(letters&0xFFFFFFFF)
	f.upper = up > 2*lo && up > 3
	f.title = !f.upper && capWords >= 4 && capWords > 3*lowWords
}

// gazName marks the longest gazetteer name beginning at word i (gaz) and
// returns the token after it, or next when none begins there.
func (f *sentFeats) gazName(i, next int) int {
	k, code, buf := gazLongest(func(j int) string { return f.words[j] }, i, f.n, f.sbuf)
	f.sbuf = buf
	if k == 0 {
		return next
	}
	f.gaz[i] = code*2 - 1
	for j := i + 1; j < i+k; j++ {
		f.gaz[j] = code * 2
	}
	return i + k
}

// placeName marks the longest name of data/cities.txt beginning at word i
// (city), whose first word's value in cn is f.cv[i], and returns the token
// after it, or next when none begins there.
func (f *sentFeats) placeName(i, next int, cn *hashSet) int {
	words, v := f.words, f.cv[i]
	if strings.IndexByte(words[i], ' ') >= 0 {
		return next
	}
	k := 0
	if v&1 != 0 {
		k = 1
	}
	if v&gazMore != 0 {
		buf := append(f.sbuf[:0], words[i]...)
		for j := i + 1; j < f.n && j-i < 4; j++ {
			buf = append(buf, ' ')
			buf = append(buf, words[j]...)
			v := cn.get(hashWord(buf))
			if v == 0 {
				break
			}
			if v&1 != 0 {
				k = j - i + 1
			}
			if v&gazMore == 0 {
				break
			}
		}
		f.sbuf = buf
	}
	if k == 0 {
		return next
	}
	f.city[i] = 1
	for j := i + 1; j < i+k; j++ {
		f.city[j] = 2
	}
	return i + k
}

// cityNames holds, by hash (hashWord), every name of data/cities.txt with
// the value 1, and every run of its first words (cut at a space) with
// gazMore; a name that begins a longer one has both. (A hash table of
// hashes: a look-up reads no string; a map of the strings cost a third of
// the city look-ups.)
var cityNames = sync.OnceValue(func() *hashSet {
	s := &hashSet{vals: true}
	lines("cities.txt", func(l string) {
		s.put(hashWord(l), 1)
		for j := 0; j < len(l); j++ {
			if l[j] == ' ' {
				s.put(hashWord(l[:j]), gazMore)
			}
		}
	})
	s.seal()
	return s
})

// isCityName reports whether w is a name of data/cities.txt.
func isCityName(w string) bool { return cityNames().get(hashWord(w))&1 != 0 }

// beginsCityName reports whether w is the first words of a longer name of
// data/cities.txt.
func beginsCityName(w string) bool { return cityNames().get(hashWord(w))&gazMore != 0 }

// ensure computes the hashes of token k and its look-ups (lexicon flags,
// gazFirst, cityNames), once: only the tokens scored, their neighbours
// and the capitalised words need them. With an info cache, a word seen
// before takes them from it.
func (f *sentFeats) ensure(k int) {
	if f.tok[k]&tokReady != 0 {
		return
	}
	f.tok[k] |= tokReady
	hw := hashWord(f.words[k])
	f.hw[k] = hw
	var e *wordInfo
	if f.info != nil {
		e = &f.info.e[(hw^hw>>29)&uint64(len(f.info.e)-1)]
		if e.set && e.hw == hw {
			f.hl[k], f.hs[k], f.lex[k], f.gf[k], f.cv[k] = e.hl, e.hs, e.lex, e.gf, e.cv
			return
		}
	}
	f.lower(k)
	f.lex[k] = lexFlags.get(f.hl[k])
	f.gf[k], f.cv[k] = 0, 0
	if isCap(f.words[k]) { // prepare asks only of capitalised words (tokCap)
		f.gf[k] = gazFirst().get(hw)
		f.cv[k] = cityNames().get(hw)
	}
	if e != nil {
		*e = wordInfo{hw: hw, hl: f.hl[k], hs: f.hs[k], lex: f.lex[k], gf: f.gf[k], cv: f.cv[k], set: true}
	}
}

// lowered returns token k lower-cased (ensured first).
func (f *sentFeats) lowered(k int) []byte {
	if f.tok[k]&tokLow == 0 {
		f.lower(k)
	}
	return f.low[f.lowOff[k]:f.lowEnd[k]]
}

// lower computes the lower-cased form of token k and the hashes of it and
// of its shape (hw set).
func (f *sentFeats) lower(k int) {
	f.tok[k] |= tokLow
	w := f.words[k]
	start := len(f.low)
	switch {
	case f.tok[k]&tokASCII != 0:
		// lower-cased and shapeASCII in one pass
		upper := false
		sb := f.sbuf[:0]
		var last byte
		for j := 0; j < len(w); j++ {
			c := w[j]
			sc := c
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
				upper = true
				sc = 'X'
			case 'a' <= c && c <= 'z':
				sc = 'x'
			case '0' <= c && c <= '9':
				sc = 'd'
			}
			f.low = append(f.low, c)
			if sc != last || (sc != 'x' && sc != 'd' && sc != 'X') {
				sb = append(sb, sc)
			}
			last = sc
		}
		f.sbuf = sb
		if upper {
			f.hl[k] = hashWord(f.low[start:])
		} else {
			f.hl[k] = f.hw[k]
		}
	default:
		for _, r := range w {
			f.low = utf8.AppendRune(f.low, unicode.ToLower(r))
		}
		f.hl[k] = hashWord(f.low[start:])
		f.sbuf = shape(w, f.sbuf)
	}
	f.lowOff[k], f.lowEnd[k] = int32(start), int32(len(f.low))
	f.hs[k] = hashWord(f.sbuf)
}

// infoBits sets the size of an info cache: 2^infoBits words.
const infoBits = 12

// wordInfo is what ensure computes for a word.
type wordInfo struct {
	hw, hl, hs  uint64
	lex, gf, cv uint8
	set         bool
}

// infoCache is a direct-mapped cache of wordInfo by the hash of the word,
// kept by a worker across documents: they are functions of the word.
type infoCache struct{ e []wordInfo }

func newInfoCache() *infoCache { return &infoCache{e: make([]wordInfo, 1<<infoBits)} }

// gazLongest returns the length k in words and the type code of the
// longest gazetteer name made of words i, i+1, ... (before end), or k = 0:
// the words are joined one at a time while they begin some name.
func gazLongest(word func(int) string, i, end int, buf []byte) (k int, code uint8, _ []byte) {
	gn := gazNames()
	buf = buf[:0]
	for j := i; j < end && j-i < gazMaxTokens; j++ {
		if j > i {
			buf = append(buf, ' ')
		}
		buf = append(buf, word(j)...)
		v := gn.get(hashWord(buf))
		if v == 0 {
			break
		}
		if v&^gazMore != 0 {
			k, code = j-i+1, v&^gazMore
		}
		if v&gazMore == 0 {
			break
		}
	}
	return k, code, buf
}

// gazPhrase reports whether fixSpans keeps a gazetteer phrase of type t
// and n tokens: an organisation, a misc name, or a name of several words.
func gazPhrase(t verbatim.EntityType, n int) bool {
	return t == verbatim.Organization || t == verbatim.Misc || n > 1
}

// appendPhrases appends the gazetteer phrases prepare marked that
// gazPhrase keeps (tokens from off), in text order.
func (f *sentFeats) appendPhrases(dst []tokSpan, off int) []tokSpan {
	for i := 0; i < f.n; i++ {
		c := f.gaz[i]
		if c&1 == 0 {
			continue
		}
		j := i + 1
		for j < f.n && f.gaz[j] == c+1 {
			j++
		}
		if t := gazTypes[(c+1)/2]; gazPhrase(t, j-i) {
			dst = append(dst, tokSpan{off + i, off + j, t})
		}
		i = j - 1
	}
	return dst
}

// gazAt returns the length in tokens and the type of the longest
// gazetteer name starting at token i of d and ending before token end.
func gazAt(d *verbatim.Doc, i, end int, buf []byte) (int, verbatim.EntityType, []byte) {
	k, code, buf := gazLongest(func(j int) string { return tokText(d, j) }, i, end, buf)
	return k, gazTypes[code], buf
}

// gazTypes is the inverse of gazTypeCode.
var gazTypes = func() (t [8]verbatim.EntityType) {
	for typ, c := range gazTypeCode {
		t[c] = typ
	}
	return t
}()

// gazMore marks, in gazPrefixes, words that begin a longer name.
const gazMore = 0x80

// gazPrefixes maps every gazetteer name to its type code (gazTypeCode),
// and every run of its first words (cut at a space) to gazMore; a name
// that begins a longer one has both.
func gazPrefixes() map[string]uint8 {
	m := make(map[string]uint8, 2*len(gaz))
	for k, e := range gaz {
		m[k] |= gazTypeCode[e.Type]
		for j := 0; j < len(k); j++ {
			if k[j] == ' ' {
				m[k[:j]] |= gazMore
			}
		}
	}
	return m
}

// gazNames is gazPrefixes by hash (hashWord): a look-up reads no string.
var gazNames = sync.OnceValue(func() *hashSet {
	s := &hashSet{vals: true}
	for k, v := range gazPrefixes() {
		s.put(hashWord(k), v)
	}
	return s
})

// gazFirst holds the hashes (hashWord) of the words that begin a
// gazetteer name: a capitalised word of which it says nothing (three in
// four) needs no gazLongest (its hash is at hand: ensure).
var gazFirst = sync.OnceValue(func() *hashSet {
	s := &hashSet{}
	for k := range gazPrefixes() {
		if strings.IndexByte(k, ' ') < 0 {
			s.put(hashWord(k), 1)
		}
	}
	return s
})

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// skip reports whether token i is O without scoring: a plain word (no
// upper-case letter, and no digit or no letter) after an O label starts
// no name.
func (f *sentFeats) skip(i, p1 int) bool { return p1 == 0 && f.tok[i]&tokPlain != 0 }

// features appends the feature hashes of token i given the two previous labels.
func (f *sentFeats) features(i, p1, p2 int, dst []uint64) []uint64 {
	n := f.n
	for k := max(0, i-2); k <= min(n-1, i+2); k++ {
		f.ensure(k)
	}
	w, lw, sh := f.hw[i], f.hl[i], f.hs[i]
	if f.drop {
		w, lw = hUNK, hUNK
	}
	wp, wn := f.wordAt(i-1), f.wordAt(i+1)
	sp, sn := f.shapeAt(i-1), f.shapeAt(i+1)
	g := f.gazAt(i)
	l1, l2 := uint64(p1), uint64(p2)
	dst = append(dst, fmix(tmplKey[0]),
		f1(1, w),
		f1(2, lw),
		f1(3, sh),
		f1(4, wp),
		f1(5, wn),
		f1(6, f.wordAt(i-2)),
		f1(7, f.wordAt(i+2)),
		f2(8, wp, lw),
		f2(9, lw, wn),
		f1(10, sp),
		f1(11, sn),
		f2(12, sp, sh),
		f2(13, sh, sn),
		f1(14, l1),
		f1(15, l1|l2<<8),
		f2(16, l1, lw),
		f2(17, l1, sh),
		f1(18, g),
		f1(19, f.gazAt(i-1)<<8|g),
		f1(20, g<<8|f.gazAt(i+1)),
		f2(29, g, sh),
		f2(27, wp, wn),
		f2(30, f.cityAt(i), sh),
		f1(31, f.cityAt(i-1)<<8|f.cityAt(i)<<4|f.cityAt(i+1)),
	)
	dst = f.affixFeatures(i, dst)
	// Position and document evidence.
	flags := f.ctxFlags(i) | lexFlagBits(f.lexOf(i))
	dst = append(dst, f1(23, flags), f2(24, flags, sh), f2(28, flags&192, lw))
	return f.neighbourFeatures(i, sh, dst)
}

// affixFeatures appends templates 21 and 22 of token i: the prefixes and
// suffixes of one to four bytes of its lower-cased word.
func (f *sentFeats) affixFeatures(i int, dst []uint64) []uint64 {
	lwb := f.lowered(i)
	var pre, suf uint64
	for k := 1; k <= 4 && k <= len(lwb); k++ {
		pre |= uint64(lwb[k-1]) << (8 * (k - 1))
		suf = suf<<8 | uint64(lwb[len(lwb)-k])
		dst = append(dst, f2(21, uint64(k), pre), f2(22, uint64(k), suf))
	}
	return dst
}

// neighbourFeatures appends templates 25 and 26 of token i (shape sh):
// what the lexicons say of the words before and after it.
func (f *sentFeats) neighbourFeatures(i int, sh uint64, dst []uint64) []uint64 {
	n := f.n
	if i > 0 {
		var pf uint64
		px := f.lexOf(i - 1)
		if px&(lexHead|lexRole) != 0 {
			pf |= 1
		}
		if px&lexHonor != 0 {
			pf |= 2
		}
		if px&lexFirst != 0 {
			pf |= 4
		}
		if px&lexGiven != 0 {
			pf |= 8
		}
		dst = append(dst, f2(25, sh, pf))
	}
	if i+1 < n {
		var nf uint64
		if f.lexOf(i+1)&lexOrg != 0 {
			nf |= 1
		}
		if f.tok[i+1]&tokCap != 0 {
			nf |= 2
		}
		dst = append(dst, f2(26, sh, nf))
	}
	return dst
}

// lexFlagBits gives the flags of template 23 that come from a word's lexicon
// entries lx.
func lexFlagBits(lx uint8) uint64 {
	var flags uint64
	if lx&lexFirst != 0 {
		flags |= 4
	}
	if lx&lexHead != 0 {
		flags |= 8
	}
	if lx&lexOrg != 0 {
		flags |= 16
	}
	if lx&lexStop != 0 {
		flags |= 32
	}
	if lx&lexGiven != 0 {
		flags |= 256
	}
	return flags
}

// wordAt, shapeAt, gazAt and cityAt give the word hash, shape hash,
// gazetteer class and city class of token k, or the sentence's start or
// end mark outside it.
func (f *sentFeats) wordAt(k int) uint64  { return f.markAt(f.hl, k) }
func (f *sentFeats) shapeAt(k int) uint64 { return f.markAt(f.hs, k) }

func (f *sentFeats) markAt(h []uint64, k int) uint64 {
	if k < 0 {
		return hBOS
	}
	if k >= f.n {
		return hEOS
	}
	return h[k]
}

func (f *sentFeats) gazAt(k int) uint64 {
	if k < 0 || k >= f.n {
		return 255
	}
	return uint64(f.gaz[k])
}

func (f *sentFeats) cityAt(k int) uint64 {
	if k < 0 || k >= f.n {
		return 15
	}
	return uint64(f.city[k])
}
