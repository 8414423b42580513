package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"sync"
)

// Migration is one versioned schema change. Versions are applied in order,
// once each, inside a transaction; applied versions are recorded in
// schema_migrations.
//
// Other packages' files in this package (stories.go, ...) add their tables by
// calling Register from an init function with versions above the ones here:
// 1–99 belong to the core store, 100–199 to stories and persons.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

var (
	migMu      sync.Mutex
	migrations = []Migration{
		{1, "core: articles, entities, mentions, aliases, quotes, dates, full-text indexes, stories", schemaV1},
		{2, "core: cheaper writes (no unqueried name index; full-text indexes without document sizes, article index without positions)", schemaV2},
		{4, "core: full-text indexes merge their segments sixteen at a time (was four)", schemaV4},
		{3, "core: an entity's mentions in a column of its row (JSON) instead of a row each", schemaV3},
		{5, "core: a kind on every quote (statement, belief, intention, perception, other); older quotes are statements", schemaV5},
		{21, "core: the outlets and their article counts; the article index keeps positions and sizes (relevance, phrases, title:)", schemaV21},
	}
)

// Register appends a migration. Call it from an init function.
func Register(m Migration) {
	migMu.Lock()
	defer migMu.Unlock()
	migrations = append(migrations, m)
}

// Migrations returns the registered migrations ordered by version.
func Migrations() []Migration {
	migMu.Lock()
	defer migMu.Unlock()
	ms := append([]Migration(nil), migrations...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms
}

const tokenizer = `tokenize = "unicode61 remove_diacritics 2"`

const schemaV1 = `
CREATE TABLE articles (
	id        INTEGER PRIMARY KEY,
	ext_id    TEXT NOT NULL UNIQUE,
	hash      TEXT NOT NULL UNIQUE,
	title     TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	outlet    TEXT NOT NULL DEFAULT '',
	author    TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	source    TEXT NOT NULL DEFAULT '',
	text      TEXT NOT NULL,
	ingested  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE entities (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	idx        INTEGER NOT NULL,
	name       TEXT NOT NULL,
	name_fold  TEXT NOT NULL,
	type       TEXT NOT NULL,
	roles      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entities_article ON entities(article_id);
CREATE INDEX entities_name ON entities(name_fold);

CREATE TABLE mentions (
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	entity_id  INTEGER REFERENCES entities(id) ON DELETE CASCADE,
	start      INTEGER NOT NULL,
	end        INTEGER NOT NULL,
	text       TEXT NOT NULL,
	kind       INTEGER NOT NULL,
	role       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mentions_article ON mentions(article_id);

-- every name form of an entity, folded (lower case, no diacritics)
CREATE TABLE aliases (
	alias     TEXT NOT NULL,
	entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
	PRIMARY KEY (alias, entity_id)
) WITHOUT ROWID;

CREATE TABLE quotes (
	id              INTEGER PRIMARY KEY,
	article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	start           INTEGER NOT NULL,
	end             INTEGER NOT NULL,
	text            TEXT NOT NULL,
	type            TEXT NOT NULL,
	speaker         TEXT,
	speaker_fold    TEXT,
	speaker_type    TEXT NOT NULL DEFAULT '',
	speaker_entity  INTEGER REFERENCES entities(id),
	speaker_mention TEXT NOT NULL DEFAULT '',
	sm_start        INTEGER,
	sm_end          INTEGER,
	cue             TEXT NOT NULL DEFAULT '',
	cue_start       INTEGER,
	cue_end         INTEGER,
	addressee       TEXT NOT NULL DEFAULT '',
	via             TEXT NOT NULL DEFAULT '',
	confidence      REAL NOT NULL DEFAULT 0,
	said_on         TEXT NOT NULL DEFAULT '',
	day             TEXT NOT NULL DEFAULT ''  -- said_on, else the publication date: what since/until filter
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_day ON quotes(day, id);
CREATE INDEX quotes_speaker ON quotes(speaker_fold, day);
CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity);

CREATE TABLE dates (
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	start      INTEGER NOT NULL,
	end        INTEGER NOT NULL,
	text       TEXT NOT NULL,
	value      TEXT NOT NULL
);
CREATE INDEX dates_article ON dates(article_id);

CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id', ` + tokenizer + `);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', ` + tokenizer + `);

-- filled by story detection (see stories.go migrations, versions 100+)
CREATE TABLE stories (
	id    TEXT PRIMARY KEY,
	title TEXT NOT NULL DEFAULT ''
);
CREATE TABLE story_articles (
	story_id   TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	PRIMARY KEY (story_id, article_id)
) WITHOUT ROWID;
CREATE INDEX story_articles_article ON story_articles(article_id);
`

// schemaV2 makes storing cheaper. Nothing looks entities up by folded name
// (aliases serve name search). No query ranks by bm25, so the full-text
// indexes keep no document sizes (columnsize=0); nothing searches article
// text by phrase, so its index keeps no positions (detail=none: words,
// prefixes, AND/OR/NOT still work). Quote search keeps positions for
// phrases. The indexes are rebuilt from their content tables.
const schemaV2 = `
DROP INDEX entities_name;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', detail=none, columnsize=0, ` + tokenizer + `);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id', columnsize=0, ` + tokenizer + `);
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
`

// schemaV3 stores an entity's mentions with the entity: every query reads
// them by entity (the article page, a speaker's name forms, mention counts),
// and a row per mention was a third of the rows an ingest wrote. The column
// holds a JSON array ordered by start, one array per mention:
// [start, end, "text"] for a name, [start, end, "text", kind] for another
// kind (1 pronoun, 2 descriptor), and [start, end, "text", kind, "role"]
// when role words came with it. Offsets are bytes into the article text.
// Mentions resolved to no entity are not kept (no query read them).
const schemaV3 = `
ALTER TABLE entities ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]';
UPDATE entities SET mentions = coalesce((SELECT json_group_array(json(CASE
		WHEN m.role != '' THEN json_array(m.start, m.end, m.text, m.kind, m.role)
		WHEN m.kind != 0 THEN json_array(m.start, m.end, m.text, m.kind)
		ELSE json_array(m.start, m.end, m.text) END) ORDER BY m.start, m.end)
	FROM mentions m WHERE m.article_id = entities.article_id AND m.entity_id = entities.id), '[]');
DROP TABLE mentions;
`

// schemaV4 halves the merging the full-text indexes do as they grow. FTS5
// writes what a transaction adds as a new segment and, by default, merges
// segments as soon as four lie on one level (automerge 4): every entry is
// rewritten once per level, and each level is 4 times the last. At 16 a
// level is 16 times the last, so an entry is rewritten about half as often
// (BBC store: automerge 0.30 of 5.95 CPU s over 8 runs, no longer among
// the top costs) while a search reads at most 15 segments a level (10k
// articles: p50 4.0-4.5 ms, p99 13.8-15.3 ms either way).
const schemaV4 = `
INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('automerge', 16);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);
`

// schemaV21 serves search as researchers use it (issue 21). The outlets
// table (one row per outlet name, with its number of articles; Put keeps
// it) lets a part of a name ("moscow times") find its outlets without
// reading the articles, and gives the library's summary. The article index
// is rebuilt with positions and column sizes (what schemaV2 dropped): bm25
// then ranks by relevance from the index alone (without them it re-read
// and re-tokenized every matching text: 26-90 ms for a common word over
// BBC), phrases and title: searches work, and snippets come from the index.
const schemaV21 = `
CREATE TABLE outlets (
	name     TEXT PRIMARY KEY,
	articles INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO outlets(name, articles) SELECT outlet, count(*) FROM articles WHERE outlet <> '' GROUP BY outlet;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', ` + tokenizer + `);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);
`

// migrate applies the migrations not yet applied, in version order.
func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL,
		applied TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))`); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	ms := Migrations()
	for i := 1; i < len(ms); i++ {
		if ms[i].Version == ms[i-1].Version {
			return fmt.Errorf("two migrations with version %d (%q, %q)", ms[i].Version, ms[i-1].Name, ms[i].Name)
		}
	}
	for _, m := range ms {
		// the check is inside the (immediate) transaction, so two processes
		// opening a new file at once apply each migration once
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&n); err != nil {
			tx.Rollback()
			return err
		}
		if n > 0 {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name) VALUES (?, ?)`, m.Version, m.Name); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", m.Version, err)
		}
	}
	return nil
}

// schemaV5 keeps every attribution with its kind: statements (what search,
// speaker pages and story timelines show by default) and beliefs,
// intentions, perceptions and acts (shown on request). Quotes stored before
// were all shown as statements, and stay so.
const schemaV5 = `
ALTER TABLE quotes ADD COLUMN kind TEXT NOT NULL DEFAULT 'statement';
`
