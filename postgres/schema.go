package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Migration is one versioned schema change, applied once, in a
// transaction, in version order; schema_migrations records what is
// applied. Versions 1–99 are the core store, 100–199 the story tables.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the schema versions in order.
var Migrations = []Migration{
	{1, "core: articles, entities, aliases, quotes, dates with full-text search (accent-insensitive)", schemaV1},
	{100, "stories: story features, stories, persons, statements, copies, the grouping state", schemaStories},
	{101, "stories: one row per speaker identity (quotes.speaker_id, speaker counts, speaker name forms), filled for grouped articles", schemaSpeakers},
	{120, "stories: events (a story's topic, span of dates, size, outlets and people in its row, for listing by recency or size) and topics", schemaEvents},
}

// Foreign keys are not declared: a check per inserted row was a third of
// the server's work for an article (SQLite's store does not enforce them
// either). Writers insert parents first, in one transaction, and Put
// deletes a replaced article's rows table by table.
//
// Text columns compare bytewise (COLLATE "C"), as SQLite does, so that
// both stores sort names and ids alike. The search vectors (tsv) are
// written by the store (lexemes.go): folded words, no stemming, no stop
// words, like SQLite's unicode61 tokenizer. An article's vector keeps no
// positions, as SQLite's article index keeps none: words, prefixes, AND,
// OR and NOT work, phrases do not.
const schemaV1 = `
CREATE SEQUENCE articles_id_seq;
CREATE SEQUENCE entities_id_seq;
CREATE SEQUENCE quotes_id_seq;
CREATE SEQUENCE articles_ord_seq;
CREATE TABLE articles (
	id        bigint PRIMARY KEY,
	ext_id    text COLLATE "C" NOT NULL UNIQUE,
	hash      text COLLATE "C" NOT NULL UNIQUE,
	title     text COLLATE "C" NOT NULL DEFAULT '',
	url       text COLLATE "C" NOT NULL DEFAULT '',
	outlet    text COLLATE "C" NOT NULL DEFAULT '',
	author    text COLLATE "C" NOT NULL DEFAULT '',
	published text COLLATE "C" NOT NULL DEFAULT '',
	source    text COLLATE "C" NOT NULL DEFAULT '',
	text      text NOT NULL,
	ingested  timestamptz NOT NULL DEFAULT now(),
	tsv       tsvector NOT NULL  -- words of the title and text
);
ALTER TABLE articles ALTER COLUMN text SET STORAGE EXTERNAL; -- not compressed: storing costs less CPU
CREATE INDEX articles_outlet ON articles (lower(outlet));
CREATE INDEX articles_published ON articles (published, id);
CREATE INDEX articles_tsv ON articles USING gin (tsv);

CREATE TABLE entities (
	id         bigint PRIMARY KEY,
	article_id bigint NOT NULL,
	idx        integer NOT NULL,
	name       text COLLATE "C" NOT NULL,
	name_fold  text COLLATE "C" NOT NULL,
	type       text COLLATE "C" NOT NULL,
	roles      text COLLATE "C" NOT NULL DEFAULT '',
	mentions   text NOT NULL DEFAULT '[]' -- storekit.AppendMentions
);
CREATE INDEX entities_article ON entities (article_id);

-- every name form of an entity that speaks, folded (lower case, no diacritics)
CREATE TABLE aliases (
	alias     text COLLATE "C" NOT NULL,
	entity_id bigint NOT NULL,
	PRIMARY KEY (alias, entity_id)
);
CREATE INDEX aliases_entity ON aliases (entity_id);

CREATE TABLE quotes (
	id              bigint PRIMARY KEY,
	article_id      bigint NOT NULL,
	start           integer NOT NULL,
	"end"           integer NOT NULL,
	text            text NOT NULL,
	type            text COLLATE "C" NOT NULL,
	speaker         text COLLATE "C",
	speaker_fold    text COLLATE "C",
	speaker_type    text COLLATE "C" NOT NULL DEFAULT '',
	speaker_entity  bigint,
	speaker_mention text NOT NULL DEFAULT '',
	sm_start        integer,
	sm_end          integer,
	cue             text NOT NULL DEFAULT '',
	cue_start       integer,
	cue_end         integer,
	addressee       text NOT NULL DEFAULT '',
	via             text NOT NULL DEFAULT '',
	confidence      double precision NOT NULL DEFAULT 0,
	said_on         text COLLATE "C" NOT NULL DEFAULT '',
	day             text COLLATE "C" NOT NULL DEFAULT '', -- said_on, else the publication date: what since/until filter
	kind            text COLLATE "C" NOT NULL DEFAULT 'statement', -- statement, belief, intention, perception, other
	tsv             tsvector NOT NULL -- words of the text, with positions (phrases)
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_day ON quotes (day, id);
CREATE INDEX quotes_speaker ON quotes (speaker_fold, day);
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity);
CREATE INDEX quotes_tsv ON quotes USING gin (tsv);

CREATE TABLE dates (
	article_id bigint NOT NULL,
	start      integer NOT NULL,
	"end"      integer NOT NULL,
	text       text NOT NULL,
	value      text COLLATE "C" NOT NULL
);
CREATE INDEX dates_article ON dates (article_id);
`

// The story tables: a Grouper writes them (grouper.go).
const schemaStories = `
-- what grouping needs of each article; the grouping order and position
-- are kept here, not in articles, whose rows (and full-text index entries)
-- would be rewritten when an article is grouped
CREATE TABLE story_features (
	article_id bigint PRIMARY KEY,
	ord        bigint NOT NULL,   -- grouping order: the queue's sequence, else the order stored
	group_pos  bigint,            -- position in the grouping order once grouped (NULL: not yet)
	entity_ids bigint[] NOT NULL, -- the article's entities in Doc order
	quote_ids  bigint[] NOT NULL, -- its quotes likewise
	data       bytea NOT NULL     -- stories.Features.AppendBinary
);
ALTER TABLE story_features ALTER COLUMN data SET STORAGE EXTERNAL;
CREATE INDEX story_features_ungrouped ON story_features (ord, article_id) WHERE group_pos IS NULL;
CREATE UNIQUE INDEX story_features_group_pos ON story_features (group_pos) WHERE group_pos IS NOT NULL;
CREATE TABLE stories (
	id    text COLLATE "C" PRIMARY KEY,
	title text COLLATE "C" NOT NULL DEFAULT ''
);
CREATE TABLE story_articles (
	story_id   text COLLATE "C" NOT NULL,
	article_id bigint NOT NULL,
	PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles (article_id);
CREATE TABLE persons (
	id       text COLLATE "C" PRIMARY KEY,
	name     text COLLATE "C" NOT NULL,
	type     text COLLATE "C" NOT NULL,
	articles integer NOT NULL DEFAULT 0
);
CREATE TABLE person_entities (
	entity_id bigint PRIMARY KEY,
	person_id text COLLATE "C" NOT NULL
);
CREATE INDEX person_entities_person ON person_entities (person_id);
CREATE TABLE statements (
	id        text COLLATE "C" PRIMARY KEY,
	story_id  text COLLATE "C" NOT NULL,
	person_id text COLLATE "C",
	speaker   text COLLATE "C" NOT NULL DEFAULT '',
	text      text NOT NULL,
	said_on   text COLLATE "C" NOT NULL DEFAULT '',
	outlets   text NOT NULL DEFAULT '',  -- independent outlets, "; "-separated
	reports   integer NOT NULL DEFAULT 0,
	quotes    text NOT NULL DEFAULT ''   -- storekit.QuoteLists
);
CREATE TABLE article_copies (
	article_id bigint PRIMARY KEY,
	copy_of    bigint NOT NULL,
	similarity double precision NOT NULL DEFAULT 0
);
-- a snapshot of the grouping state: a grouper that takes over continues
-- from it and replays only the articles grouped since (through)
CREATE TABLE story_snapshot (
	id      integer PRIMARY KEY CHECK (id = 1),
	through bigint NOT NULL, -- the last group_pos it reflects
	state   bytea NOT NULL,  -- stories.Clusterer.AppendSnapshot
	arts    bytea NOT NULL   -- the database ids of its articles
);
ALTER TABLE story_snapshot ALTER COLUMN state SET STORAGE EXTERNAL;
`

// schemaEvents gives a story row what a listing sorts and shows without
// reading its articles, and adds topics (groups of stories of one kind). A
// library grouped by an earlier version is grouped again from the start:
// its story tables are emptied and its articles marked ungrouped (the
// snapshot, of an older version, is dropped).
const schemaEvents = `
ALTER TABLE stories ADD COLUMN topic text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN first text COLLATE "C" NOT NULL DEFAULT '';  -- earliest publication date
ALTER TABLE stories ADD COLUMN last text COLLATE "C" NOT NULL DEFAULT '';   -- latest publication date
ALTER TABLE stories ADD COLUMN size integer NOT NULL DEFAULT 0;             -- articles
ALTER TABLE stories ADD COLUMN outlets integer NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN people text NOT NULL DEFAULT '[]';           -- [[person id, name, mentions], ...], most mentioned first
ALTER TABLE stories ADD COLUMN seq bigint NOT NULL DEFAULT 0;               -- creation number: s12 -> 12
CREATE INDEX stories_recent ON stories (last, size, seq);
CREATE INDEX stories_size ON stories (size, last, seq);
CREATE INDEX stories_topic ON stories (topic, size);
CREATE INDEX statements_story ON statements (story_id, said_on);
CREATE TABLE topics (
	id       text COLLATE "C" PRIMARY KEY,
	label    text COLLATE "C" NOT NULL DEFAULT '', -- its strongest words
	stories  integer NOT NULL DEFAULT 0,
	articles integer NOT NULL DEFAULT 0,
	last     text COLLATE "C" NOT NULL DEFAULT ''
);
DELETE FROM stories;
DELETE FROM story_articles;
DELETE FROM persons;
DELETE FROM person_entities;
DELETE FROM statements;
DELETE FROM article_copies;
DELETE FROM story_snapshot;
UPDATE story_features SET group_pos = NULL WHERE group_pos IS NOT NULL;
`

// lockMigrate is the advisory lock key that serialises migrations across
// processes opening one database at once.
const lockMigrate = 0x76657262_00000001

// migrate applies the migrations not yet applied.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(lockMigrate)); err != nil {
		return err
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, int64(lockMigrate))
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	for _, m := range Migrations {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, m.Version).Scan(&n); err != nil || n > 0 {
				return err
			}
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations(version, name) VALUES ($1, $2)`, m.Version, m.Name)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
