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
// wrote and what to write instead. what names the search ("quote",
// "article"); cols are the columns a "col:" filter may name.
func checkSyntax(q, what string, cols []string) error {
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
			w := wordBefore(q, i)
			if w == "" {
				return syntaxErr("a colon must follow a column name; to search for %q, put it in quotes", ":")
			}
			lw := strings.ToLower(w)
			if contains(cols, lw) {
				break
			}
			if f, ok := filterNames[lw]; ok {
				return syntaxErr("%q is not part of the words searched; filter with the %s parameter (%s=…, on the command line --%s)", w+":", f, f, f)
			}
			if len(cols) == 0 {
				return syntaxErr("%q: a colon limits the search to a column and %s search has none; to search for %q, put it in quotes", w+":", what, w+":")
			}
			return syntaxErr("%q: a colon limits the search to a column (%s search has %s); to search for %q, put it in quotes",
				w+":", what, strings.Join(cols, ": and ")+":", w+":")
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
