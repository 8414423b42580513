package sqlite

import (
	"slices"
	"strings"

	"github.com/verbatim-news/verbatim/internal/storekit"
)

// isBare reports whether FTS5 reads w as one bare word: letters, digits,
// underscores and non-ASCII characters only.
func isBare(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 0x80 || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// ftsQuery rewrites a query as FTS5 must read it: a word with punctuation
// inside ("U.S.", "Blair's", "co-operate", "3.5%", "10:30"), which FTS5
// would refuse or read as a column filter, becomes the phrase of its
// words, as the index holds them ("U.S." finds "U.S." and "US"). Phrases,
// operators, parentheses, prefixes and the columns cols are kept; what
// checkSyntax answers (a lone *, a filter name before a colon) is left
// for it.
func ftsQuery(q string, cols []string) string {
	var b strings.Builder
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')':
			b.WriteByte(c)
			i++
			continue
		case c == '"':
			j := strings.IndexByte(q[i+1:], '"')
			if j < 0 {
				b.WriteString(q[i:]) // left open: FTS5 says so
				return b.String()
			}
			b.WriteString(q[i : i+j+2])
			i += j + 2
			continue
		}
		j := i
		for j < len(q) && !strings.ContainsRune(" \t\n\r()\"", rune(q[j])) {
			j++
		}
		b.WriteString(ftsWord(q[i:j], cols))
		i = j
	}
	return b.String()
}

// ftsWord is one word of ftsQuery.
func ftsWord(w string, cols []string) string {
	switch w {
	case "AND", "OR", "NOT", "NEAR", "*", "+", ",":
		return w
	}
	if k := strings.IndexByte(w, ':'); k > 0 {
		if col := strings.ToLower(w[:k]); slices.Contains(cols, col) || storekit.FilterNames[col] != "" {
			return w[:k+1] + ftsWord(w[k+1:], nil)
		}
	}
	prefix := ""
	if strings.HasPrefix(w, "^") {
		prefix, w = "^", w[1:]
	}
	star := ""
	if len(w) > 1 && strings.HasSuffix(w, "*") {
		star, w = "*", w[:len(w)-1]
	}
	if isBare(w) || w == "" {
		return prefix + w + star
	}
	if t := strings.TrimSuffix(w, ","); t != w && isBare(t) { // NEAR(a b, 5)
		return prefix + w + star
	}
	return prefix + `"` + strings.ReplaceAll(w, `"`, `""`) + `"` + star
}

// queryErr turns SQLite's complaints about a full-text query into a
// *verbatim.QueryError that speaks of the query; other errors pass.
func queryErr(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "unterminated string"):
		return storekit.SyntaxErr(`a " opens a phrase that is not closed`)
	case strings.Contains(msg, "phrase queries are not supported"):
		return storekit.SyntaxErr(`this search takes no "phrases"`)
	case strings.Contains(msg, "unknown special query"):
		return storekit.SyntaxErr("* must end a word (tax* finds tax, taxes, taxation)")
	case strings.Contains(msg, "no such column"):
		return storekit.SyntaxErr("a colon limits the search to a column that does not exist; to search for a word with a colon, put it in quotes")
	case strings.Contains(msg, "fts5: syntax error near"):
		near := msg[strings.Index(msg, "near")+4:]
		near = strings.TrimSuffix(strings.TrimSpace(near), " (1)")
		near = strings.Trim(near, `"`)
		if near == "" {
			return storekit.SyntaxErr("the query ends too early (an operator without a word after it, or a parenthesis left open?)")
		}
		return storekit.SyntaxErr("unexpected %q (AND, OR, NOT and NEAR go between words; put it in quotes to search for it)", near)
	case strings.Contains(msg, "fts5"), strings.Contains(msg, "malformed MATCH"):
		if i := strings.Index(msg, "fts5: "); i >= 0 {
			msg = msg[i+6:]
		}
		return storekit.SyntaxErr("%s", strings.TrimSuffix(msg, " (1)"))
	}
	return err
}
