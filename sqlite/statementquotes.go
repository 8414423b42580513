package sqlite

// A statement's reports (the quotes, in any article, that report it) are
// stored in its row as a compact list: quote ids in the order they were
// added (ascending), comma-separated, a syndicated copy's id followed by
// "s" (e.g. "1042,1187s,2210"). The row is rewritten when its reports
// change, as its count changes with them.

import (
	"context"
	"database/sql"

	"github.com/verbatim-news/verbatim/internal/storekit"
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

// StatementQuote is one report of a statement: a stored quote, and whether
// its article is a syndicated copy of another.
type StatementQuote = storekit.ListedQuote

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
	return storekit.ParseQuoteList(statementID, list)
}
