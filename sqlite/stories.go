package sqlite

// Story detection and cross-article entity resolution in the store. A
// Grouper (grouper.go) adds stored articles to an online clusterer (package
// stories; persons across articles by package resolve) and writes the
// result: stories and story_articles (read by the store's Stories/Story),
// persons with their entities and recorded merge decisions, statements with
// their reports, and syndicated copies. It also adds every name form of a
// person as an alias of each of its entities, so that a speaker search for
// "Keith Kellogg" finds the quotes an article attributed to "Kellog".

import (
	"context"
	"database/sql"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/storekit"
)

func init() {
	Register(Migration{100, "stories: persons, person entities, merge decisions, statements, syndicated copies", schemaStories})
}

const schemaStories = `
CREATE TABLE persons (
	id       TEXT PRIMARY KEY,           -- persistent: person:donald-trump, organization:reuters
	name     TEXT NOT NULL,
	type     TEXT NOT NULL,
	articles INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE person_entities (
	entity_id INTEGER PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE,
	person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE
);
CREATE INDEX person_entities_person ON person_entities(person_id);
-- why names were joined (kind merge), kept apart (apart) or started an identity (new)
CREATE TABLE person_decisions (
	seq       INTEGER PRIMARY KEY,
	person_id TEXT NOT NULL,
	article   TEXT NOT NULL,
	mention   TEXT NOT NULL,
	kind      TEXT NOT NULL,
	reason    TEXT NOT NULL
);
CREATE INDEX person_decisions_person ON person_decisions(person_id);
CREATE TABLE statements (
	id         TEXT PRIMARY KEY,
	story_id   TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
	person_id  TEXT,
	speaker    TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	said_on    TEXT NOT NULL DEFAULT '',
	outlets    TEXT NOT NULL DEFAULT '',  -- independent outlets, "; "-separated
	reports    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX statements_story ON statements(story_id, said_on);
CREATE INDEX statements_person ON statements(person_id, said_on);
CREATE TABLE statement_quotes (
	quote_id     INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
	statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
	syndicated   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX statement_quotes_statement ON statement_quotes(statement_id);
CREATE TABLE article_copies (
	article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	copy_of    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	similarity REAL NOT NULL DEFAULT 0
);
`

// storedDoc is a stored article rebuilt as a document, with the database
// ids of its entities and quotes in Doc order.
type storedDoc struct {
	aid      int64
	doc      *verbatim.Doc
	entities []int64
	quotes   []int64
}

// loadForStories reads the stored articles with after < id <= upto as
// documents with the layers story detection uses: text, title, outlet,
// date, entities (name, type, roles, mention count) and quotes (span,
// speaker, date), in storage order. Only articles stored before their story
// features were kept need it.
func loadForStories(ctx context.Context, q querier, after, upto int64) ([]*storedDoc, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, ext_id, title, outlet, published, text FROM articles WHERE id > ? AND id <= ? ORDER BY id`, after, upto)
	if err != nil {
		return nil, err
	}
	var docs []*storedDoc
	byAid := map[int64]*storedDoc{}
	for rows.Next() {
		var a verbatim.Article
		var aid int64
		if err := rows.Scan(&aid, &a.ID, &a.Title, &a.Outlet, &a.Published, &a.Text); err != nil {
			rows.Close()
			return nil, err
		}
		d := verbatim.NewDoc(a)
		sd := &storedDoc{aid: aid, doc: d}
		docs = append(docs, sd)
		byAid[aid] = sd
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// entities in article order, with their mention counts
	eidx := map[int64][2]int64{} // entity id -> (article id, index in Doc.Entities)
	rows, err = q.QueryContext(ctx, `SELECT e.id, e.article_id, e.name, e.type, e.roles, json_array_length(e.mentions)
		FROM entities e WHERE e.article_id > ?1 AND e.article_id <= ?2 ORDER BY e.article_id, e.idx`, after, upto)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var eid, aid int64
		var name, typ, roles string
		var nm int
		if err := rows.Scan(&eid, &aid, &name, &typ, &roles, &nm); err != nil {
			rows.Close()
			return nil, err
		}
		sd := byAid[aid]
		if sd == nil {
			continue
		}
		e := verbatim.Entity{Name: name, Type: verbatim.EntityType(typ), Mentions: make([]int, nm)}
		if roles != "" {
			e.Roles = storekit.SplitRoles(roles)
		}
		eidx[eid] = [2]int64{aid, int64(len(sd.doc.Entities))}
		sd.doc.Entities = append(sd.doc.Entities, e)
		sd.entities = append(sd.entities, eid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT id, article_id, start, end, speaker_entity, said_on FROM quotes
		WHERE article_id > ? AND article_id <= ? ORDER BY article_id, id`, after, upto)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var qid, aid int64
		var start, end int
		var sent sql.NullInt64
		var saidOn string
		if err := rows.Scan(&qid, &aid, &start, &end, &sent, &saidOn); err != nil {
			return nil, err
		}
		sd := byAid[aid]
		if sd == nil {
			continue
		}
		q := verbatim.Quote{Span: verbatim.Span{Start: start, End: end}, Speaker: -1, SaidOn: saidOn}
		if sent.Valid {
			if ix, ok := eidx[sent.Int64]; ok && ix[0] == aid {
				q.Speaker = int(ix[1])
			}
		}
		sd.doc.Quotes = append(sd.doc.Quotes, q)
		sd.quotes = append(sd.quotes, qid)
	}
	return docs, rows.Err()
}
