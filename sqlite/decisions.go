package sqlite

// A person's merge decisions (the audit trail: why name forms were joined
// into it, kept apart from it, or started it) are stored as one row per
// person: its decisions as JSON lines, one array [kind, article, mention,
// reason] per decision, in the order they were taken. A commit appends the
// lines of the decisions it took to the rows of the persons they concern,
// so a person's row is written only when its decisions changed.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/verbatim-news/verbatim/resolve"
)

func init() {
	Register(Migration{104, "stories: a person's merge decisions in one row (JSON lines) instead of a row per decision", `
CREATE TABLE person_decision_log (
	person_id TEXT PRIMARY KEY,
	decisions TEXT NOT NULL -- one JSON array [kind, article, mention, reason] per line, oldest first
); -- not WITHOUT ROWID: the rows of persons with many decisions are large
INSERT INTO person_decision_log(person_id, decisions)
	SELECT person_id, group_concat(json_array(kind, article, mention, reason), char(10) ORDER BY seq) || char(10)
	FROM person_decisions GROUP BY person_id;
DROP TABLE person_decisions;
ALTER TABLE person_decision_log RENAME TO person_decisions;`})
}

// PersonDecisions returns the recorded decisions about a person (persons.id,
// e.g. "person:donald-trump"), oldest first: the name forms merged into it,
// the one that started it, and those kept apart from it. An unknown person
// has none.
func (s *DB) PersonDecisions(ctx context.Context, personID string) ([]resolve.Decision, error) {
	var text string
	err := s.db.QueryRowContext(ctx, `SELECT decisions FROM person_decisions WHERE person_id = ?`, personID).Scan(&text)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return parseDecisions(personID, text)
}

func parseDecisions(personID, text string) ([]resolve.Decision, error) {
	out := make([]resolve.Decision, 0, strings.Count(text, "\n"))
	for line := range strings.Lines(text) {
		var f [4]string
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			return nil, fmt.Errorf("decisions of %s: bad line %q", personID, strings.TrimSpace(line))
		}
		out = append(out, resolve.Decision{Kind: f[0], Article: f[1], Mention: f[2], Into: personID, Reason: f[3]})
	}
	return out, nil
}
