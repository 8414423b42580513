package sqlite

// Story detection and cross-article entity resolution in the store (owned by
// the stories work, issue 6). RebuildStories reads the stored articles with
// their entities and quotes, groups them into stories (package stories),
// resolves persons across articles (package resolve), links the reports of
// one statement, and writes the result: stories and story_articles (read by
// the store's Stories/Story), persons with their entities and recorded merge
// decisions, statements with their reports, and syndicated copies. It also
// adds every name form of a person as an alias of each of its entities, so
// that a speaker search for "Keith Kellogg" finds the quotes an article
// attributed to "Kellog".

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/stories"
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

// storedDoc is what story detection needs of a stored article, with the
// database ids of its entities and quotes in Doc order.
type storedDoc struct {
	aid      int64
	doc      *verbatim.Doc
	entities []int64
	quotes   []int64
}

// RebuildStories recomputes stories, persons and statements over every
// stored article and replaces the previous result in one transaction. It
// returns the number of stories.
func (s *DB) RebuildStories(ctx context.Context, opt stories.Options) (int, error) {
	docs, err := s.loadForStories(ctx)
	if err != nil {
		return 0, err
	}
	c := stories.New(opt)
	byExt := map[string]*storedDoc{}
	for _, sd := range docs {
		a := c.Add(sd.doc)
		byExt[a.ID] = sd
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	for _, t := range []string{"statement_quotes", "statements", "article_copies", "person_entities", "person_decisions", "persons", "story_articles", "stories"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return 0, fmt.Errorf("clear %s: %w", t, err)
		}
	}
	exec := func(q string, args ...any) {
		if err == nil {
			_, err = tx.ExecContext(ctx, q, args...)
		}
	}
	ss := c.Stories()
	for _, st := range ss {
		exec(`INSERT INTO stories(id, title) VALUES (?, ?)`, st.ID, st.Title)
		for _, id := range st.Articles {
			if sd := byExt[id]; sd != nil {
				exec(`INSERT OR IGNORE INTO story_articles(story_id, article_id) VALUES (?, ?)`, st.ID, sd.aid)
			}
		}
	}
	// persons: identities, their entities, their aliases, decisions
	for _, e := range c.Resolver.Entities {
		exec(`INSERT INTO persons(id, name, type, articles) VALUES (?, ?, ?, ?)`, e.ID, e.Name, string(e.Type), e.Articles)
	}
	members := map[string][]int64{}
	for _, a := range c.Articles() {
		sd := byExt[a.ID]
		if sd == nil {
			continue
		}
		for i, pid := range a.Entities {
			if pid != "" && i < len(sd.entities) {
				exec(`INSERT OR REPLACE INTO person_entities(entity_id, person_id) VALUES (?, ?)`, sd.entities[i], pid)
				members[pid] = append(members[pid], sd.entities[i])
			}
		}
		if a.CopyOf != "" {
			if orig := byExt[a.CopyOf]; orig != nil {
				exec(`INSERT OR REPLACE INTO article_copies(article_id, copy_of, similarity) VALUES (?, ?, ?)`, sd.aid, orig.aid, a.Similarity)
			}
		}
	}
	for _, e := range c.Resolver.Entities {
		if e.Type != verbatim.Person || len(members[e.ID]) < 2 {
			continue
		}
		for alias := range e.Aliases {
			f := fold(alias)
			if f == "" {
				continue
			}
			for _, eid := range members[e.ID] {
				exec(`INSERT OR IGNORE INTO aliases(alias, entity_id) VALUES (?, ?)`, f, eid)
			}
		}
		if f := fold(e.Name); f != "" {
			for _, eid := range members[e.ID] {
				exec(`INSERT OR IGNORE INTO aliases(alias, entity_id) VALUES (?, ?)`, f, eid)
			}
		}
	}
	for _, d := range c.Resolver.Decisions {
		exec(`INSERT INTO person_decisions(person_id, article, mention, kind, reason) VALUES (?, ?, ?, ?, ?)`,
			d.Into, d.Article, d.Mention, d.Kind, d.Reason)
	}
	// statements and their reports
	for _, st := range c.Statements() {
		var pid any
		if st.Speaker != "" {
			pid = st.Speaker
		}
		exec(`INSERT INTO statements(id, story_id, person_id, speaker, text, said_on, outlets, reports) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			st.ID, st.Story, pid, st.SpeakerName, st.Text, st.SaidOn, joinOutlets(st.Outlets), len(st.Reports))
		for _, r := range st.Reports {
			sd := byExt[r.Article]
			if sd == nil || r.Quote >= len(sd.quotes) {
				continue
			}
			exec(`INSERT OR REPLACE INTO statement_quotes(quote_id, statement_id, syndicated) VALUES (?, ?, ?)`,
				sd.quotes[r.Quote], st.ID, r.Syndicated)
		}
	}
	if err != nil {
		return 0, err
	}
	return len(ss), tx.Commit()
}

func joinOutlets(o []string) string {
	s := ""
	for i, x := range o {
		if i > 0 {
			s += "; "
		}
		s += x
	}
	return s
}

// loadForStories reads every stored article as a document with the layers
// story detection uses: text, title, outlet, date, entities (name, type,
// roles, mention count) and quotes (span, speaker, date), in storage order.
func (s *DB) loadForStories(ctx context.Context) ([]*storedDoc, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, ext_id, title, outlet, published, text FROM articles ORDER BY id`)
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
	// mentions has no index on entity_id (it would slow every ingest): count
	// them in one grouped pass instead of one scan per entity.
	rows, err = s.db.QueryContext(ctx, `SELECT e.id, e.article_id, e.name, e.type, e.roles, coalesce(m.n, 0)
		FROM entities e LEFT JOIN (SELECT entity_id, count(*) AS n FROM mentions GROUP BY entity_id) m ON m.entity_id = e.id
		ORDER BY e.article_id, e.idx`)
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
			e.Roles = splitRoles(roles)
		}
		eidx[eid] = [2]int64{aid, int64(len(sd.doc.Entities))}
		sd.doc.Entities = append(sd.doc.Entities, e)
		sd.entities = append(sd.entities, eid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.db.QueryContext(ctx, `SELECT id, article_id, start, end, speaker_entity, said_on FROM quotes ORDER BY article_id, id`)
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

func splitRoles(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && !(s[i] == ';' && i+1 < len(s) && s[i+1] == ' ') {
			i++
		}
		if i > 0 {
			out = append(out, s[:i])
		}
		if i+2 > len(s) {
			break
		}
		s = s[i+2:]
	}
	return out
}
