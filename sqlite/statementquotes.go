package sqlite

// A statement's reports (the quotes, in any article, that report it) are
// stored in its row as a compact list: quote ids in the order they were
// added (ascending), comma-separated, a syndicated copy's id followed by
// "s" (e.g. "1042,1187s,2210"). The row is rewritten when its reports
// change, as its count changes with them.

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

func init() {
	Register(Migration{105, "stories: a statement's quotes as a list in its row instead of a row per quote", `
ALTER TABLE statements ADD COLUMN quotes TEXT NOT NULL DEFAULT ''; -- quote ids, ","-separated, "s" after a syndicated copy
UPDATE statements SET quotes = l.quotes
	FROM (SELECT statement_id, group_concat(quote_id || CASE WHEN syndicated THEN 's' ELSE '' END, ',' ORDER BY quote_id) AS quotes
		FROM statement_quotes GROUP BY statement_id) AS l
	WHERE l.statement_id = statements.id;
DROP TABLE statement_quotes;`})
}

// quoteOf is one report of a statement: the statement's index, the quote.
type quoteOf struct {
	statement  int32
	syndicated bool
	quote      int64
}

// quoteLists returns each of n statements' list of reports (reps in
// report order), built in one buffer.
func quoteLists(reps []quoteOf, n int) []string {
	// counting sort by statement keeps each statement's reports in order
	start := make([]int32, n+1)
	for _, r := range reps {
		start[r.statement+1]++
	}
	for k := range n {
		start[k+1] += start[k]
	}
	sorted := make([]quoteOf, len(reps))
	at := append([]int32(nil), start[:n]...)
	for _, r := range reps {
		sorted[at[r.statement]] = r
		at[r.statement]++
	}
	buf := make([]byte, 0, 8*len(reps))
	ends := make([]int, n)
	for k := range n {
		for i, r := range sorted[start[k]:start[k+1]] {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = strconv.AppendInt(buf, r.quote, 10)
			if r.syndicated {
				buf = append(buf, 's')
			}
		}
		ends[k] = len(buf)
	}
	s := string(buf)
	out := make([]string, n)
	from := 0
	for k, e := range ends {
		out[k], from = s[from:e], e
	}
	return out
}

// StatementQuote is one report of a statement: a stored quote, and whether
// its article is a syndicated copy of another.
type StatementQuote struct {
	Quote      int64 // quotes.id
	Syndicated bool
}

// StatementQuotes returns the quotes that report a statement (statements.id),
// in the order they were stored. An unknown statement has none.
func (s *DB) StatementQuotes(ctx context.Context, statementID string) ([]StatementQuote, error) {
	var list string
	err := s.db.QueryRowContext(ctx, `SELECT quotes FROM statements WHERE id = ?`, statementID).Scan(&list)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return parseQuoteList(statementID, list)
}

func parseQuoteList(statementID, list string) ([]StatementQuote, error) {
	if list == "" {
		return nil, nil
	}
	out := make([]StatementQuote, 0, strings.Count(list, ",")+1)
	for f := range strings.SplitSeq(list, ",") {
		q := StatementQuote{}
		f, q.Syndicated = strings.CutSuffix(f, "s")
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("quotes of statement %s: %q", statementID, list)
		}
		q.Quote = id
		out = append(out, q)
	}
	return out, nil
}
