package sqlite

// A person's merge decisions (the audit trail: why name forms were joined
// into it, kept apart from it, or started it) are its decisions as JSON
// lines, one array [kind, article, mention, reason] per decision, in the
// order they were taken. They are stored in parts (person_decision_parts):
// a commit adds, for each person its decisions concern, one part with the
// lines of those decisions, keyed by the commit's grouped_through; a
// person's parts in key order are its lines. A commit so writes only its
// own decisions: appended to one row per person, as before, it rewrote the
// whole history of every person it touched (+1,000 articles into a 25k
// library rewrote 91 MB of rows to add 4 MB).

import (
	"context"
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
	Register(Migration{121, "stories: a person's merge decisions in parts, one per commit (a commit no longer rewrites a person's whole history)", `
CREATE TABLE person_decision_parts (
	person_id TEXT NOT NULL,
	part      INTEGER NOT NULL, -- the grouped_through of the commit that wrote it: the parts in order
	decisions TEXT NOT NULL,    -- JSON lines, oldest first
	PRIMARY KEY (person_id, part)
);
INSERT INTO person_decision_parts(person_id, part, decisions) SELECT person_id, 0, decisions FROM person_decisions;
DROP TABLE person_decisions;`})
}

// PersonDecisions returns the recorded decisions about a person (persons.id,
// e.g. "person:donald-trump"), oldest first: the name forms merged into it,
// the one that started it, and those kept apart from it. An unknown person
// has none.
func (s *DB) PersonDecisions(ctx context.Context, personID string) ([]resolve.Decision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT decisions FROM person_decision_parts WHERE person_id = ? ORDER BY part`, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var text strings.Builder
	found := false
	for rows.Next() {
		var part string
		if err := rows.Scan(&part); err != nil {
			return nil, err
		}
		text.WriteString(part)
		found = true
	}
	if err := rows.Err(); err != nil || !found {
		return nil, err
	}
	return parseDecisions(personID, text.String())
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
