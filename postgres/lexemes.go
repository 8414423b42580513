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

// words calls f with each folded word of s and its position (from 1).
func words(s string, f func(w string, pos int)) {
	s = storekit.Fold(s)
	pos := 0
	for len(s) > 0 {
		i := strings.IndexFunc(s, isWordRune)
		if i < 0 {
			return
		}
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return !isWordRune(r) })
		if j < 0 {
			j = len(s)
		}
		pos++
		if w := s[:j]; len(w) <= maxLexeme && utf8.ValidString(w) {
			f(w, pos)
		}
		s = s[j:]
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tsVector is the search vector of s: its words, with their positions when
// positions (phrase search) is true.
func tsVector(s string, positions bool) pgtype.TSVector {
	at := map[string]int{}
	var lex []pgtype.TSVectorLexeme
	words(s, func(w string, pos int) {
		k, ok := at[w]
		if !ok {
			k = len(lex)
			at[w] = k
			lex = append(lex, pgtype.TSVectorLexeme{Word: w})
		}
		if positions && pos <= maxPos {
			lex[k].Positions = append(lex[k].Positions, pgtype.TSVectorPosition{Position: uint16(pos)})
		}
	})
	// PostgreSQL's order: shorter first, then bytewise
	slices.SortFunc(lex, func(a, b pgtype.TSVectorLexeme) int {
		if len(a.Word) != len(b.Word) {
			return len(a.Word) - len(b.Word)
		}
		return strings.Compare(a.Word, b.Word)
	})
	return pgtype.TSVector{Lexemes: lex, Valid: true}
}
