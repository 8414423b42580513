package sqlite

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// filterNames are the search filters a user may write into the query
// itself ("speaker:Trump") expecting them to filter: each is a parameter.
var filterNames = map[string]string{
	"speaker": "speaker", "person": "speaker", "source": "speaker", "who": "speaker",
	"outlet": "outlet", "since": "since", "until": "until", "type": "type", "story": "story", "article": "article",
}

// syntaxErr is a *verbatim.QueryError about the full-text query, with the
// syntax it takes.
func syntaxErr(format string, v ...any) error {
	return &verbatim.QueryError{Msg: "search syntax: " + fmt.Sprintf(format, v...) + " (a query takes " + verbatim.SearchSyntax + ")"}
}

// checkSyntax answers the mistakes FTS5 would report in its own terms
// ("no such column: speaker", "unknown special query") with what the user
// wrote and what to write instead; cols are the columns a "col:" filter
// may name.
func checkSyntax(q string, cols []string) error {
	inPhrase := false
	for i := 0; i < len(q); {
		r, n := utf8.DecodeRuneInString(q[i:])
		switch {
		case r == '"':
			inPhrase = !inPhrase
		case inPhrase:
		case r == '*':
			if i == 0 || !isWordByte(q, i) {
				return syntaxErr("* must end a word (tax* finds tax, taxes, taxation); to list everything, leave the query empty")
			}
		case r == ':':
			// a filter written into the query; other words before a
			// colon are columns or text ("10:30"), which ftsQuery handles
			w := wordBefore(q, i)
			if f, ok := filterNames[strings.ToLower(w)]; ok && !contains(cols, strings.ToLower(w)) {
				return syntaxErr("%q is not part of the words searched; filter with the %s parameter (%s=…, on the command line --%s)", w+":", f, f, f)
			}
		}
		i += n
	}
	return nil
}

// isWordByte reports whether the rune before byte i of q is part of a word.
func isWordByte(q string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(q[:i])
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordBefore returns the word that ends at byte i of q.
func wordBefore(q string, i int) string {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(q[:j])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		j -= n
	}
	return q[j:i]
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

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
		if col := strings.ToLower(w[:k]); contains(cols, col) || filterNames[col] != "" {
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
		return syntaxErr(`a " opens a phrase that is not closed`)
	case strings.Contains(msg, "phrase queries are not supported"):
		return syntaxErr(`this search takes no "phrases"`)
	case strings.Contains(msg, "unknown special query"):
		return syntaxErr("* must end a word (tax* finds tax, taxes, taxation)")
	case strings.Contains(msg, "no such column"):
		return syntaxErr("a colon limits the search to a column that does not exist; to search for a word with a colon, put it in quotes")
	case strings.Contains(msg, "fts5: syntax error near"):
		near := msg[strings.Index(msg, "near")+4:]
		near = strings.TrimSuffix(strings.TrimSpace(near), " (1)")
		near = strings.Trim(near, `"`)
		if near == "" {
			return syntaxErr("the query ends too early (an operator without a word after it, or a parenthesis left open?)")
		}
		return syntaxErr("unexpected %q (AND, OR, NOT and NEAR go between words; put it in quotes to search for it)", near)
	case strings.Contains(msg, "fts5"), strings.Contains(msg, "malformed MATCH"):
		if i := strings.Index(msg, "fts5: "); i >= 0 {
			msg = msg[i+6:]
		}
		return syntaxErr("%s", strings.TrimSuffix(msg, " (1)"))
	}
	return err
}
