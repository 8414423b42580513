package postgres

import (
	"strconv"
	"strings"

	"github.com/verbatim-news/verbatim/internal/storekit"
)

// tsQuery translates a search in the syntax the SQLite store takes (FTS5:
// words, "phrases", AND, OR, NOT, prefix*, parentheses) into a tsquery.
// Each word becomes its folded letter and digit runs (as the vectors are
// made: lexemes.go), joined as a phrase when there are several ("U.S." is
// 'u' <-> 's'); phrases false refuses "phrases", as the
// article index keeps no positions. Malformed syntax is a
// *verbatim.QueryError.
func tsQuery(s string, phrases bool) (string, error) {
	var out strings.Builder
	operand := false // the last thing written can end an expression
	depth := 0
	bad := func(msg string) (string, error) { return "", storekit.SyntaxErr("%s", msg) }
	// and writes the implicit AND before an operand that follows one
	and := func() {
		if operand {
			out.WriteString(" & ")
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			and()
			out.WriteByte('(')
			depth++
			operand = false
			i++
		case c == ')':
			if depth == 0 || !operand {
				return bad(`unexpected ")"`)
			}
			out.WriteByte(')')
			depth--
			i++
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return bad(`a " opens a phrase that is not closed`)
			}
			if !phrases {
				return "", storekit.SyntaxErr(`article search in a PostgreSQL library takes words, OR, NOT and prefix*, not "phrases"`)
			}
			lex := lexemes(s[i+1 : i+1+j])
			i += j + 2
			prefix := i < len(s) && s[i] == '*'
			if prefix {
				i++
			}
			if len(lex) == 0 {
				continue
			}
			and()
			writePhrase(&out, lex, prefix)
			operand = true
		case c == '*' || c == ':' || c == '^' || c == '+' || c == '{' || c == '}':
			return bad("unexpected " + string(c))
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\n\r()\"*:^{}", rune(s[j])) {
				j++
			}
			w := s[i:j]
			i = j
			prefix := i < len(s) && s[i] == '*'
			if prefix {
				i++
			}
			if i < len(s) && s[i] == ':' && !prefix {
				if lw := strings.ToLower(w); lw == "title" || lw == "text" {
					// FTS5's column filter: the vector has no columns, the
					// word is searched in the whole article
					i++
					continue
				}
				// a word with a colon inside ("10:30"): the phrase of its
				// parts, as SQLite's store reads it
				for i < len(s) && !strings.ContainsRune(" \t\n\r()\"*^{}", rune(s[i])) {
					i++
				}
				w = s[j-len(w) : i]
				prefix = i < len(s) && s[i] == '*'
				if prefix {
					i++
				}
			}
			switch w {
			case "AND", "OR", "NOT":
				if !operand {
					return bad("unexpected " + strconv.Quote(w) + " (AND, OR, NOT and NEAR go between words; put it in quotes to search for it)")
				}
				out.WriteString(map[string]string{"AND": " & ", "OR": " | ", "NOT": " & !"}[w])
				operand = false
				continue
			}
			lex := lexemes(w)
			if len(lex) == 0 {
				continue
			}
			and()
			writeWord(&out, lex, prefix, phrases)
			operand = true
		}
	}
	if depth > 0 {
		return bad("the query ends too early (an operator without a word after it, or a parenthesis left open?)")
	}
	if !operand {
		if out.Len() == 0 {
			return "", nil
		}
		return bad("the query ends too early (an operator without a word after it, or a parenthesis left open?)")
	}
	return out.String(), nil
}

// lexemes returns the folded words of s.
func lexemes(s string) []string {
	var out []string
	words(s, func(w string, _ int) { out = append(out, w) })
	return out
}

func writePhrase(b *strings.Builder, lex []string, prefix bool) {
	if len(lex) > 1 {
		b.WriteByte('(')
	}
	for k, l := range lex {
		if k > 0 {
			b.WriteString(" <-> ")
		}
		b.WriteByte('\'')
		b.WriteString(l) // letters and digits only: nothing to escape
		b.WriteByte('\'')
	}
	if prefix { // on the last word, as FTS5 takes "a b"*
		b.WriteString(":*")
	}
	if len(lex) > 1 {
		b.WriteByte(')')
	}
}

// writeWord writes a word of the query: its parts as a phrase ("U.S." is
// 'u' <-> 's'), or, in a vector without positions (articles), all of its
// parts ('u' & 's').
func writeWord(b *strings.Builder, lex []string, prefix, positions bool) {
	if positions || len(lex) == 1 {
		writePhrase(b, lex, prefix)
		return
	}
	b.WriteByte('(')
	for k, l := range lex {
		if k > 0 {
			b.WriteString(" & ")
		}
		writePhrase(b, []string{l}, prefix && k == len(lex)-1)
	}
	b.WriteByte(')')
}
