package postgres

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/verbatim-news/verbatim/internal/storekit"
)

// The full-text vectors are made here rather than by PostgreSQL's
// to_tsvector: its parser took ~0.7 ms of server CPU per BBC article, the
// largest cost of storing one, and this gives the words SQLite's unicode61
// tokenizer gives: runs of letters and digits, lower case, diacritics
// removed ("Mélanie's" → melanie, s). Queries are folded and split the same
// way (tsQuery), so "melanie" finds "Mélanie" with no dictionary at all.

// maxLexeme is the longest word indexed (PostgreSQL takes lexemes under
// 2 KB); maxPos the last position PostgreSQL records.
const (
	maxLexeme = 255
	maxPos    = 16383
)

// words calls f with each folded word of s and its position (from 1): the
// runs of letters and digits of storekit.Fold(s). Folding is done word by
// word, and not at all for a word of ASCII lower case: a word is the same
// whether its text is folded alone or with the rest (spaces and
// punctuation end words before and after folding; a nonspacing mark, which
// folding removes, is kept with the letters before it until then).
func words(s string, f func(w string, pos int)) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		s = strings.ToLower(s)
	}
	pos := 0
	emit := func(w string) {
		pos++
		if len(w) <= maxLexeme && utf8.ValidString(w) {
			f(w, pos)
		}
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(s[i:]); !isWordRune(r) {
			i += n
			continue
		}
		j, plain := i, true // plain: ASCII lower case and digits
		for j < len(s) {
			c := s[j]
			if c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				plain = plain && !('A' <= c && c <= 'Z')
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			plain = false
			j += n
		}
		w := s[i:j]
		i = j
		if plain {
			emit(w)
			continue
		}
		w = storekit.Fold(w)
		for len(w) > 0 {
			k := strings.IndexFunc(w, isWordRune)
			if k < 0 {
				break
			}
			w = w[k:]
			e := strings.IndexFunc(w, func(r rune) bool { return !isWordRune(r) })
			if e < 0 {
				e = len(w)
			}
			emit(w[:e])
			w = w[e:]
		}
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// asciiWord tells the ASCII bytes that are letters or digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

// tsVector is the search vector of s: its words, with their positions when
// positions (phrase search) is true.
func tsVector(s string, positions bool) pgtype.TSVector {
	if !positions {
		seen := make(map[string]struct{}, len(s)/16)
		var ws []string
		words(s, func(w string, _ int) {
			if _, ok := seen[w]; !ok {
				seen[w] = struct{}{}
				ws = append(ws, w)
			}
		})
		slices.SortFunc(ws, lexemeOrder)
		lex := make([]pgtype.TSVectorLexeme, len(ws))
		for i, w := range ws {
			lex[i].Word = w
		}
		return pgtype.TSVector{Lexemes: lex, Valid: true}
	}
	at := map[string]int{}
	var lex []pgtype.TSVectorLexeme
	words(s, func(w string, pos int) {
		k, ok := at[w]
		if !ok {
			k = len(lex)
			at[w] = k
			lex = append(lex, pgtype.TSVectorLexeme{Word: w})
		}
		if pos <= maxPos {
			lex[k].Positions = append(lex[k].Positions, pgtype.TSVectorPosition{Position: uint16(pos)})
		}
	})
	slices.SortFunc(lex, func(a, b pgtype.TSVectorLexeme) int { return lexemeOrder(a.Word, b.Word) })
	return pgtype.TSVector{Lexemes: lex, Valid: true}
}

// lexemeOrder is PostgreSQL's order of lexemes: shorter first, then
// bytewise.
func lexemeOrder(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}
