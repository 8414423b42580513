// Package text splits the cleaned text into tokens and sentences, keeping
// byte offsets. It is rule-based and allocation-light: one pass over each
// paragraph.
package text

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/recycle"
)

//go:embed abbreviations.txt
var abbrevData string

// abbrevs are lower-cased abbreviations without their final period ("mr",
// "u.s", "gen").
var abbrevs = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(abbrevData, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l[0] == '#' {
			continue
		}
		m[strings.ToLower(strings.TrimSuffix(l, "."))] = true
	}
	return m
}()

// IsAbbrev reports whether w (without its final period) is a known
// abbreviation.
func IsAbbrev(w string) bool {
	var buf [32]byte
	if len(w) <= len(buf) {
		// ASCII words are lowered on the stack (no allocation); the
		// lookup by string(bytes) does not allocate either.
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				return abbrevs[strings.ToLower(w)]
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		return abbrevs[string(buf[:len(w)])]
	}
	return abbrevs[strings.ToLower(w)]
}

// Stage is the tokenising and sentence-splitting stage.
var Stage = verbatim.StageFunc{N: "text", F: Process}

// Process fills d.Tokens and d.Sentences from d.Clean and d.Paragraphs.
func Process(d *verbatim.Doc) {
	if d.Clean == "" && d.Text != "" {
		d.Clean = d.Text
	}
	if d.Paragraphs == nil && d.Clean != "" {
		d.Paragraphs = []verbatim.Span{{Start: 0, End: len(d.Clean)}}
	}
	if cap(d.Tokens) == 0 && cap(d.Sentences) == 0 {
		d.Tokens, d.Sentences = kept.Get()
	}
	if cap(d.Tokens) == 0 {
		d.Tokens = make([]verbatim.Token, 0, len(d.Clean)/5+8)
	}
	if cap(d.Sentences) == 0 {
		d.Sentences = make([]verbatim.Sentence, 0, len(d.Clean)/80+4)
	}
	for pi, p := range d.Paragraphs {
		first := len(d.Tokens)
		d.Tokens = Tokenize(d.Clean, p, d.Tokens)
		d.Sentences = splitSentences(d.Clean, d.Tokens, first, len(d.Tokens), pi, d.Sentences)
	}
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// asciiClass is classDigit or classLetter for the ASCII digits and letters,
// 0 for every other byte.
var asciiClass = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case '0' <= c && c <= '9':
			t[c] = classDigit
		case asciiWord[c]:
			t[c] = classLetter
		}
	}
	return t
}()

const (
	classDigit  = 1
	classLetter = 2
)

// kept holds the token and sentence slices of documents done with (see
// Recycle), for the next one; a long document's are left to the collector.
var kept = recycle.NewPair[verbatim.Token, verbatim.Sentence](1 << 15)

// Recycle gives the token and sentence slices of d back for reuse by the
// next document and clears them from d. Call it only when d and everything
// taken from its Tokens and Sentences are no longer used (after writing
// its output).
func Recycle(d *verbatim.Doc) {
	kept.Put(d.Tokens, d.Sentences)
	d.Tokens, d.Sentences = nil, nil
}

// isWordRune reports whether r is a letter, digit or mark (inlined for
// ASCII).
func isWordRune(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiWord[r]
	}
	return isWordRuneSlow(r)
}

func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// decode is utf8.DecodeRuneInString(s[i:]) with the ASCII case inlined.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return decodeSlow(s, i)
}

func decodeSlow(s string, i int) (rune, int) { return utf8.DecodeRuneInString(s[i:]) }

// isSpace is unicode.IsSpace with the ASCII case first.
func isSpace(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiSpace[r]
	}
	return unicode.IsSpace(r)
}

// asciiSpace marks the ASCII spaces of unicode.IsSpace: space, \t, \n, \v,
// \f, \r.
var asciiSpace = func() (t [utf8.RuneSelf]bool) {
	for _, c := range " \t\n\v\f\r" {
		t[c] = true
	}
	return t
}()

// innerJoiner marks the ASCII bytes that may join two parts of a word
// (Tokenize: don't, US-Russia, 3.5, 100,000, U.S., AT&T, 10:30, 9/11).
var innerJoiner = func() (t [utf8.RuneSelf]bool) {
	for _, c := range "'-.,&:/" {
		t[c] = true
	}
	return t
}()

// isDigit is unicode.IsDigit with the ASCII case first.
func isDigit(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return isDigitSlow(r)
}

func isDigitSlow(r rune) bool { return unicode.IsDigit(r) }

// Tokenize appends the tokens of s[sp.Start:sp.End] to dst.
func Tokenize(s string, sp verbatim.Span, dst []verbatim.Token) []verbatim.Token {
	// s ends at the span (offsets stay those of s), so that the loops
	// below test i against len(s) and the compiler drops their bounds
	// checks.
	s = s[:sp.End]
	i := sp.Start
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isSpace(r) {
			i += n
			continue
		}
		if !isWordRune(r) {
			dst = append(dst, verbatim.Token{Span: verbatim.Span{Start: i, End: i + n}, Kind: verbatim.Punct})
			i += n
			continue
		}
		start := i
		allDigits := true
		for i < len(s) {
			if asciiClass[s[i]] != 0 {
				// a run of ASCII letters and digits
				var seen uint8
				for i < len(s) && asciiClass[s[i]] != 0 {
					seen |= asciiClass[s[i]]
					i++
				}
				if seen&classLetter != 0 {
					allDigits = false
				}
				continue
			}
			r, n = rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			if isWordRune(r) {
				if !isDigit(r) {
					allDigits = false
				}
				i += n
				continue
			}
			// Inner joiners: apostrophes (don't), hyphens (US-Russia),
			// periods and commas in numbers (3.5, 100,000), periods in
			// abbreviations (U.S.), ampersands (AT&T).
			if i+n < len(s) && (r < utf8.RuneSelf && innerJoiner[r] || r == '’') { // ' - . , & : / or ’
				nr, _ := decode(s, i+n)
				if !isWordRune(nr) {
					break
				}
				if (r == ',' || r == ':' || r == '/') && !(allDigits && isDigit(nr)) {
					break
				}
				if r == '.' && !allDigits && !singleLetterRun(afterHyphen(s[start:i])) {
					break
				}
				if (r == '\'' || r == '’') && isPossessiveS(s, i+n, len(s)) {
					break // Trump's -> Trump + 's
				}
				i += n
				continue
			}
			break
		}
		// A trailing period belongs to an abbreviation (U.S., Mr., Gen.).
		if i < len(s) && s[i] == '.' && !allDigits {
			w := s[start:i]
			if singleLetterRun(afterHyphen(w)) || IsAbbrev(w) {
				i++
			}
		}
		kind := verbatim.Word
		if allDigits {
			kind = verbatim.Number
		}
		dst = append(dst, verbatim.Token{Span: verbatim.Span{Start: start, End: i}, Kind: kind})
		// Possessive 's as its own token (after ' or ’, read as bytes).
		if i < len(s) {
			n = 0
			if c := s[i]; c == '\'' {
				n = 1
			} else if c == 0xe2 && strings.HasPrefix(s[i:], "’") {
				n = len("’")
			}
			if n > 0 && isPossessiveS(s, i+n, len(s)) {
				dst = append(dst, verbatim.Token{Span: verbatim.Span{Start: i, End: i + n + 1}, Kind: verbatim.Word})
				i += n + 1
			}
		}
	}
	return dst
}

// isPossessiveS reports whether s[i] is an 's' ending a word.
func isPossessiveS(s string, i, end int) bool {
	if i >= end || (s[i] != 's' && s[i] != 'S') {
		return false
	}
	if i+1 >= end {
		return true
	}
	r, _ := decode(s, i+1)
	return !isWordRune(r)
}

// afterHyphen returns w after its last hyphen: the initials in a party and
// state label ("D-N.Y." is one word, as "U.S." is).
func afterHyphen(w string) string {
	if i := strings.LastIndexByte(w, '-'); i >= 0 {
		return w[i+1:]
	}
	return w
}

// singleLetterRun reports whether w looks like "U", "U.S" or "a.m" — single
// letters separated by periods.
func singleLetterRun(w string) bool {
	for {
		part, rest, more := strings.Cut(w, ".")
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
		if !more {
			return true
		}
		w = rest
	}
}

var closers = "\"”’')]»"

// MaxSentence is the most tokens a sentence holds: longer runs without a
// sentence end are cut (cutSentence), so that work per sentence stays
// bounded whatever the input (issue 20). News sentences are far shorter
// (BBC: at most 242 tokens; PolNeAR: 220).
const MaxSentence = 400

// cutSentence returns where a sentence of tokens [start, i) that has
// reached MaxSentence ends: at the last token in its second half that
// starts a line, else after its last semicolon, colon or comma there, else
// at i.
func cutSentence(s string, toks []verbatim.Token, start, i int) int {
	lo := start + MaxSentence/2
	for j := i - 1; j > lo; j-- {
		if strings.IndexByte(s[toks[j-1].End:toks[j].Start], '\n') >= 0 {
			return j
		}
	}
	for _, p := range []string{";", ":", ","} {
		for j := i - 1; j > lo; j-- {
			if toks[j-1].Kind == verbatim.Punct && s[toks[j-1].Start:toks[j-1].End] == p {
				return j
			}
		}
	}
	return i
}

// splitSentences appends the sentences of tokens[first:last] (one paragraph).
func splitSentences(s string, toks []verbatim.Token, first, last, para int, dst []verbatim.Sentence) []verbatim.Sentence {
	if first >= last {
		return dst
	}
	start := first
	for i := first; i < last; i++ {
		if i-start >= MaxSentence {
			// no sentence end in sight (a transcript without punctuation,
			// a list run together): a sentence ends here, at a line
			// break or after a comma if there is one near
			k := cutSentence(s, toks, start, i)
			dst = append(dst, verbatim.Sentence{Span: verbatim.Span{Start: toks[start].Start, End: toks[k-1].End}, First: start, Last: k, Para: para})
			start = k
		}
		t := &toks[i]
		if t.Kind != verbatim.Punct {
			// Only punctuation ends a sentence. (An abbreviation at the
			// end of one, "in the U.S. The ...", does not.)
			continue
		}
		c := s[t.Start:t.End]
		end := c == "." || c == "!" || c == "?" || c == "…"
		if end && c == "." && i+1 < last && toks[i+1].Start == t.End && toks[i+1].Kind == verbatim.Number {
			// ".541", ".5": a decimal point, not a full stop
			end = false
		}
		if end && c == "." && i == start+1 && toks[start].Kind == verbatim.Number && i+1 < last && toks[i+1].Start > t.End {
			// "1. Michelle Freeman ..." — a list marker, not a sentence
			end = false
		}
		if !end {
			continue
		}
		// Swallow closing quotes/brackets and repeated punctuation.
		j := i + 1
		for j < last && toks[j].Kind == verbatim.Punct && (strings.Contains(closers, s[toks[j].Start:toks[j].End]) || s[toks[j].Start:toks[j].End] == "." || s[toks[j].Start:toks[j].End] == "!" || s[toks[j].Start:toks[j].End] == "?") {
			// a straight quote after a space opens the next sentence
			// (unless it ends the paragraph: then it closes this one)
			if c := s[toks[j].Start]; (c == '"' || c == '\'') && toks[j].Start > toks[j-1].End && j+1 < last {
				break
			}
			j++
		}
		if j >= last {
			break
		}
		// The next token must start a sentence: upper case, digit or an opening quote.
		nx := s[toks[j].Start:toks[j].End]
		r, _ := utf8.DecodeRuneInString(nx)
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '‘' || r == '(' || r == '\'') {
			continue
		}
		// "..." inside a quote followed by lower case is handled above; an
		// ellipsis followed by a capital may still continue ("discussions...
		// already"): only split on upper case.
		dst = append(dst, verbatim.Sentence{Span: verbatim.Span{Start: toks[start].Start, End: toks[j-1].End}, First: start, Last: j, Para: para})
		start = j
		i = j - 1
	}
	dst = append(dst, verbatim.Sentence{Span: verbatim.Span{Start: toks[start].Start, End: toks[last-1].End}, First: start, Last: last, Para: para})
	return dst
}
