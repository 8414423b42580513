package storekit

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// FilterNames are the search filters a user may write into the query
// itself ("speaker:Trump") expecting them to filter: each is a parameter.
var FilterNames = map[string]string{
	"speaker": "speaker", "person": "speaker", "source": "speaker", "who": "speaker",
	"outlet": "outlet", "since": "since", "until": "until", "type": "type", "story": "story", "article": "article",
}

// SyntaxErr is a *verbatim.QueryError about the full-text query, with the
// syntax it takes.
func SyntaxErr(format string, v ...any) error {
	return &verbatim.QueryError{Msg: "search syntax: " + fmt.Sprintf(format, v...) + " (a query takes " + verbatim.SearchSyntax + ")"}
}

// CheckSyntax answers the mistakes FTS5 would report in its own terms
// ("no such column: speaker", "unknown special query") with what the user
// wrote and what to write instead; cols are the columns a "col:" filter
// may name.
func CheckSyntax(q string, cols []string) error {
	inPhrase := false
	for i := 0; i < len(q); {
		r, n := utf8.DecodeRuneInString(q[i:])
		switch {
		case r == '"':
			inPhrase = !inPhrase
		case inPhrase:
		case r == '*':
			if i == 0 || !isWordByte(q, i) {
				return SyntaxErr("* must end a word (tax* finds tax, taxes, taxation); to list everything, leave the query empty")
			}
		case r == ':':
			// a filter written into the query; other words before a
			// colon are columns or text ("10:30"), which ftsQuery handles
			w := wordBefore(q, i)
			if f, ok := FilterNames[strings.ToLower(w)]; ok && !slices.Contains(cols, strings.ToLower(w)) {
				return SyntaxErr("%q is not part of the words searched; filter with the %s parameter (%s=…, on the command line --%s)", w+":", f, f, f)
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

// SortOf is the order a query asks for; relevance needs a text query.
// With none asked, quotes come newest first (the latest statements are
// what a news search wants first, and the order costs no ranking) and
// articles best match first when there is a text query.
func SortOf(sort, text string, quotes bool) string {
	if sort == "" && quotes {
		sort = verbatim.SortNewest
	}
	if sort == verbatim.SortRelevance || sort == "" {
		if text != "" {
			return verbatim.SortRelevance
		}
		return verbatim.SortNewest
	}
	return sort
}

// OutletsLike picks, among the outlets of a library, those whose folded
// name contains the folded text f: an exact match alone when there is one
// ("bbc" does not also take "BBC Monitoring" when "BBC" exists).
func OutletsLike(all []verbatim.OutletCount, f string) []string {
	var out []string
	for _, o := range all {
		switch of := Fold(o.Outlet); {
		case of == f:
			return []string{o.Outlet}
		case strings.Contains(of, f):
			out = append(out, o.Outlet)
		}
	}
	return out
}
