package dates

import (
	_ "embed"
	"strconv"
	"strings"
)

//go:embed lexicon.txt
var lexiconText string

// word is what the lexicon knows about one lowercase word. A word may belong
// to several classes ("last" is a pointer and a past-tense marker).
type word struct {
	w         string // the canonical lowercase form
	month     int8   // 1-12
	weekday   int8   // 1 (Monday) - 7 (Sunday)
	ordinal   int8
	number    int8
	decade    int8 // "nineties" -> 9
	dayword   int8 // today 0, yesterday -1, tomorrow 1; valid when isDay
	pointer   int8 // last -1, this 0, next 1; valid when isPtr
	tense     int8 // -1 past marker, 1 future marker, 2 a verb of a scheduled event in the present ("reopens")
	unit      byte // D W E M Y Q H X C P
	century   int8 // "nineteen" in a spoken year
	tens      int8 // "ninety"
	ones      int8 // "six"
	timeOfDay bool
	holiday   bool // starts a holiday's name ("Christmas", "New Year's Day")
	game      bool // a word of a match report ("goal", "referee"): gameHalf
	marker    bool // only a tense marker or a time of day ("said", "will", "morning"): starts no date
	isDay     bool
	isPtr     bool
	modifier  bool
	season    string
	ref       string
	phrases   []phrase // the phrases starting with this word, longest first
}

// slot is a place in the lookup table: the word's hash and its index in
// entries plus one (0: empty).
type slot struct {
	hash, entry uint32
}

type keyed struct {
	key string
	w   *word
}

const (
	tableMask = 1<<10 - 1 // over 3 slots per lexicon word
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

type phrase struct {
	words []string
	ws    []*word // the lexicon entries of words[1:] (phrase matches by pointer)
	value string
}

var (
	// starts marks the (lowercased) first two bytes of lexicon words, so
	// that most words are rejected before hashing: bit b of starts[a] (8 KB,
	// where a [256][256]bool table took 64 KB of cache).
	starts [256][4]uint64
	// startsAny is starts for the first two bytes a, b as written, in
	// any case (bit a<<8|b); a first byte that is not ASCII has every bit
	startsAny [256 * 256 / 64]uint64
	// tri marks the first three letters of lexicon words (a-z only)
	// together with their length in bytes, hashed: "president" is
	// rejected here though "presidents" (of Presidents' Day) is a word.
	tri     [triBits / 64]uint64 // a bitset: 8 KB
	lexicon = map[string]*word{}
	// single and table hold the lexicon for lookup: one-byte words by
	// their byte, longer ones in an open-addressing table by FNV-1a hash
	// (computed while lowering, cheaper than a map lookup).
	single  [256]*word
	table   [tableMask + 1]slot // 8 KB: hash and entry, so that a probe reads one slot
	entries []keyed
	phrases = map[string][]phrase{} // by first word
)

func entry(w string) *word {
	e := lexicon[w]
	if e == nil {
		e = &word{w: w}
		lexicon[w] = e
	}
	return e
}

func init() {
	for _, line := range strings.Split(lexiconText, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		if f[0] == "phrase" {
			if len(f) < 4 {
				continue
			}
			ws := f[2:]
			for _, w := range ws {
				entry(w)
			}
			phrases[ws[0]] = append(phrases[ws[0]], phrase{words: ws, value: f[1]})
			continue
		}
		e := entry(f[1])
		val := ""
		if len(f) > 2 {
			val = f[2]
		}
		n, _ := strconv.Atoi(val)
		switch f[0] {
		case "month":
			e.month = int8(n)
		case "weekday":
			e.weekday = int8(n)
		case "season":
			e.season = val
		case "ordinal":
			e.ordinal = int8(n)
		case "number":
			e.number = int8(n)
		case "unit":
			e.unit = val[0]
		case "pointer":
			e.pointer, e.isPtr = int8(n), true
		case "dayword":
			e.dayword, e.isDay = int8(n), true
		case "modifier":
			e.modifier = true
		case "decade":
			e.decade = int8(n)
		case "century":
			e.century = int8(n)
		case "tens":
			e.tens = int8(n)
		case "ones":
			e.ones = int8(n)
		case "timeofday":
			e.timeOfDay = true
		case "holiday":
			e.holiday = true
		case "ref":
			e.ref = val
		case "future":
			e.tense = 1
		case "scheduled":
			e.tense = 2
		case "past":
			e.tense = -1
		case "game":
			e.game = true
		}
	}
	for w := range lexicon {
		if len(w) >= 2 {
			starts[w[0]][w[1]>>6] |= 1 << (w[1] & 63)
		}
		if len(w) >= 3 && letter(w[0]) && letter(w[1]) && letter(w[2]) {
			// as written: the word, with a period ("Sept."), with ’ for '
			n := len(w)
			for _, l := range [...]int{n, n + 1, n + 2, n + 3} {
				if l > n+1 && strings.IndexByte(w, '\'') < 0 {
					break
				}
				b := triLen(trigram(w[0], w[1], w[2]), l)
				tri[b>>6] |= 1 << (b & 63)
			}
		}
	}
	for a := 0x80; a < 256; a++ {
		for k := a << 8 >> 6; k < (a+1)<<8>>6; k++ {
			startsAny[k] = ^uint64(0)
		}
	}
	for w := range lexicon {
		if len(w) >= 2 && w[0] < 0x80 {
			for _, a := range [2]byte{w[0], upper(w[0])} {
				for _, b := range [2]byte{w[1], upper(w[1])} {
					k := uint(a)<<8 | uint(b)
					startsAny[k>>6] |= 1 << (k & 63)
				}
			}
		}
	}
	for w, e := range lexicon {
		if len(w) == 1 {
			single[w[0]] = e
			continue
		}
		h := uint32(fnvOffset)
		for i := 0; i < len(w); i++ {
			h = (h ^ uint32(w[i])) * fnvPrime
		}
		for k := h & tableMask; ; k = (k + 1) & tableMask {
			if table[k].entry == 0 {
				entries = append(entries, keyed{w, e})
				table[k] = slot{h, uint32(len(entries))}
				break
			}
		}
	}
	for _, e := range lexicon {
		e.marker = (e.tense != 0 || e.timeOfDay || e.game) && e.month == 0 && e.weekday == 0 && e.season == "" && e.ordinal == 0 && e.number == 0 &&
			e.decade == 0 && !e.isDay && !e.isPtr && e.unit == 0 && e.century == 0 && e.tens == 0 && e.ones == 0 && !e.modifier && !e.holiday && e.ref == "" && len(phrases[e.w]) == 0
	}
	// Longest phrases first.
	for k, ps := range phrases {
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j].words) > len(ps[j-1].words); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
		for i := range ps {
			ps[i].ws = make([]*word, len(ps[i].words)-1)
			for n, w := range ps[i].words[1:] {
				ps[i].ws[n] = lexicon[w]
			}
		}
		phrases[k] = ps
		lexicon[k].phrases = ps
	}
}

// lookup finds a word in the lexicon, case-insensitively, without
// allocating.
func lookup(s string) *word {
	if !mayStart(s) {
		return nil
	}
	return lookupRest(s)
}

// mayStart reports whether a lexicon word may start with the first two
// bytes of s (in any case): most words are rejected here, a test cheap
// enough to inline.
func mayStart(s string) bool {
	if len(s) < 2 {
		return true
	}
	k := uint(s[0])<<8 | uint(s[1])
	return startsAny[k>>6]>>(k&63)&1 != 0
}

// lookupMax is the longest word lookup finds.
const lookupMax = 24

// lookupRest is lookup of a word that its first two bytes do not rule out.
func lookupRest(s string) *word {
	var buf [lookupMax]byte
	if len(s) > len(buf) || len(s) == 0 {
		return nil
	}
	if len(s) >= 3 {
		a, b, c := lower(s[0]), lower(s[1]), lower(s[2])
		if t := triLen(trigram(a, b, c), len(s)); letter(a) && letter(b) && letter(c) && tri[t>>6]&(1<<(t&63)) == 0 {
			return nil
		}
	}
	if len(s) == 1 {
		return single[lower(s[0])]
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		} else if c >= 0x80 {
			if c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x99 { // ’
				c = '\''
				i += 2
			} else {
				return nil
			}
		}
		buf[n] = c
		n++
	}
	if n > 1 && buf[n-1] == '.' {
		n--
	}
	if n == 1 {
		return single[buf[0]]
	}
	h := uint32(fnvOffset)
	for _, c := range buf[:n] {
		h = (h ^ uint32(c)) * fnvPrime
	}
	for k := h & tableMask; ; k = (k + 1) & tableMask {
		e := table[k]
		if e.entry == 0 {
			return nil
		}
		if e.hash == h {
			if x := &entries[e.entry-1]; x.key == string(buf[:n]) {
				return x.w
			}
		}
	}
}

func startsWith(a, b byte) bool { return starts[a][b>>6]&(1<<(b&63)) != 0 }

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// upper is the upper case of an ASCII lower-case letter c, else c.
func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func letter(c byte) bool { return c >= 'a' && c <= 'z' }

func trigram(a, b, c byte) int { return (int(a-'a')*26+int(b-'a'))*26 + int(c-'a') }

// triBits is the size of the trigram-and-length filter (a power of two).
const triBits = 1 << 16

// triLen is the bit of the filter for trigram t in a word of n bytes.
func triLen(t, n int) int { return (t*32 + n) & (triBits - 1) }
