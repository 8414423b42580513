package sqlite

import (
	"context"
	"database/sql"
	"slices"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/storekit"
	"github.com/verbatim-news/verbatim/resolve"
)

// The rows a commit writes: those of the stories and statements the
// clusterer reports changed (stories.Clusterer.TakeChanges), the persons of
// the articles added since the last commit (a person changes only when an
// article names it), every topic compared with its digest, and each
// article's story compared with the one the tables hold. Nothing is built
// for the rows that did not change.

// groupIDs gives storekit the database ids of the grouper's articles.
type groupIDs struct{ g *Grouper }

func (x groupIDs) Entity(i, k int) int64 { return x.g.arts[i].entity(k) }
func (x groupIDs) Quote(i, k int) int64  { return x.g.arts[i].quote(k) }
func (x groupIDs) Index(id string) (int, bool) {
	i, ok := x.g.index[id]
	return i, ok
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// seenNow returns what the tables hold of the grouper's state, when they
// reflect it (a state just loaded from the snapshot written with them).
func (g *Grouper) seenNow() *seenRows {
	sr := &seenRows{Members: map[string][]int64{}, Aliases: map[string]map[string]bool{}}
	arts := g.c.Articles()
	sr.StoryOf = make([]string, len(arts))
	for i, a := range arts {
		sr.StoryOf[i] = a.Story
		g.addMembers(sr, i, a.Entities)
	}
	for _, e := range g.c.Resolver.Entities {
		if set := personForms(e, len(sr.Members[e.ID])); set != nil {
			sr.Aliases[e.ID] = set
		}
	}
	sr.Topics = digests(storekit.TopicRows(g.c))
	return sr
}

// addMembers appends the entities of article i to their persons' members.
func (g *Grouper) addMembers(sr *seenRows, i int, ents []string) {
	for k, pid := range ents {
		if pid != "" {
			sr.Members[pid] = append(sr.Members[pid], g.arts[i].entity(k))
		}
	}
}

// write turns the tables from prev into the rows of the changes cur (all:
// the tables are empty). Rows are upserted in place (no delete, so
// nothing cascades), rows gone are deleted last. It returns what the
// tables then hold.
func (g *Grouper) write(ctx context.Context, tx *sql.Tx, prev *seenRows, cur *storekit.Changed, all bool) (*seenRows, error) {
	c := g.c
	arts := c.Articles()
	next := &seenRows{Topics: digests(cur.Topics), StoryOf: make([]string, len(arts)), Members: prev.Members, Aliases: prev.Aliases}
	if next.Members == nil {
		next.Members, next.Aliases = map[string][]int64{}, map[string]map[string]bool{}
	}
	// rows are inserted in key order: each table's and index's b-tree grows
	// at its end instead of at random pages
	storiesB := upsert(`INSERT INTO stories(id, title, topic, first, last, size, outlets, people, seq) VALUES `, 9,
		"id", "title", "topic", "first", "last", "size", "outlets", "people", "seq")
	for _, id := range sortedKeys(cur.Stories) {
		st := cur.Stories[id]
		storiesB.add(id, st.Title, st.Topic, st.First, st.Last, st.Size, st.Outlets, st.People, st.Seq)
	}
	topicsB := upsert(`INSERT INTO topics(id, label, stories, articles, last) VALUES `, 5,
		"id", "label", "stories", "articles", "last")
	for _, id := range sortedKeys(cur.Topics) {
		t := cur.Topics[id]
		if changed(prev.Topics, id, t) {
			topicsB.add(id, t.Label, t.Stories, t.Articles, t.Last)
		}
	}
	if err := flushAll(ctx, tx, storiesB, topicsB); err != nil {
		return nil, err
	}
	// articles that moved (story merges) leave their old story first
	del, err := tx.PrepareContext(ctx, `DELETE FROM story_articles WHERE article_id = ?`)
	if err != nil {
		return nil, err
	}
	defer del.Close()
	storyArts := newBulk(`INSERT INTO story_articles(story_id, article_id) VALUES `, 2)
	copies := newBulk(`INSERT INTO article_copies(article_id, copy_of, similarity) VALUES `, 3)
	personEnts := newBulk(`INSERT INTO person_entities(entity_id, person_id) VALUES `, 2)
	// the persons the new articles name: only they changed
	oldMembers := map[string]int{}
	for i, a := range arts {
		st := a.Story
		next.StoryOf[i] = st
		if i < len(prev.StoryOf) {
			if prev.StoryOf[i] == st {
				continue
			}
			if _, err := del.ExecContext(ctx, g.arts[i].aid); err != nil {
				return nil, err
			}
		}
		storyArts.add(st, g.arts[i].aid)
		if err := g.spillAll(ctx, tx, storyArts, personEnts, copies); err != nil {
			return nil, err
		}
		if i < len(prev.StoryOf) {
			continue
		}
		// a new article: its identities and copy never change later
		for k, pid := range a.Entities {
			if pid != "" {
				if _, ok := oldMembers[pid]; !ok {
					oldMembers[pid] = len(next.Members[pid])
				}
				personEnts.add(g.arts[i].entity(k), pid)
			}
		}
		g.addMembers(next, i, a.Entities)
		if a.CopyOf != "" {
			if o, ok := g.index[a.CopyOf]; ok {
				copies.add(g.arts[i].aid, g.arts[o].aid, a.Similarity)
			}
		}
	}
	persons := upsert(`INSERT INTO persons(id, name, type, articles) VALUES `, 4, "id", "name", "type", "articles")
	// every name form of a person becomes an alias of each of its entities
	aliases := newBulk(`INSERT OR IGNORE INTO aliases(alias, entity_id) VALUES `, 2)
	changedPersons := make([]string, 0, len(oldMembers))
	if all {
		for _, e := range c.Resolver.Entities {
			changedPersons = append(changedPersons, e.ID)
		}
	} else {
		for pid := range oldMembers {
			changedPersons = append(changedPersons, pid)
		}
	}
	slices.Sort(changedPersons)
	for _, pid := range changedPersons {
		e := c.Resolver.Get(pid)
		if e == nil {
			continue
		}
		persons.add(pid, e.Name, string(e.Type), e.Articles)
		if err := g.spill(ctx, tx, persons); err != nil {
			return nil, err
		}
		members := next.Members[pid]
		set := personForms(e, len(members))
		if set == nil {
			continue
		}
		oldSet := next.Aliases[pid]
		from := 0
		if oldSet != nil {
			from = oldMembers[pid]
		}
		for _, f := range sortedKeys(set) {
			start := from // a known form: only the new entities need it
			if !oldSet[f] {
				start = 0
			}
			for _, eid := range members[start:] {
				aliases.add(f, eid)
				if err := g.spill(ctx, tx, aliases); err != nil {
					return nil, err
				}
			}
		}
		next.Aliases[pid] = set
	}
	if err := flushAll(ctx, tx, storyArts, persons, personEnts, copies, aliases); err != nil {
		return nil, err
	}
	// a person's new decisions are appended to its row
	if err := g.log.write(ctx, tx, prev.Decisions, g.log.n, g.last); err != nil {
		return nil, err
	}
	stmts := upsert(`INSERT INTO statements(id, story_id, person_id, speaker, text, said_on, outlets, reports, quotes) VALUES `, 9,
		"id", "story_id", "person_id", "speaker", "text", "said_on", "outlets", "reports", "quotes")
	for _, id := range sortedKeys(cur.Statements) {
		st := cur.Statements[id]
		stmts.add(id, st.Story, nullStr(st.Person), st.Speaker, st.Text, st.SaidOn, st.Outlets, st.Reports, st.Quotes)
		if err := g.spill(ctx, tx, stmts); err != nil {
			return nil, err
		}
	}
	if err := flushAll(ctx, tx, stmts); err != nil {
		return nil, err
	}
	// rows gone: statements joined into an earlier one, stories merged
	for _, id := range cur.GoneStatements {
		if _, err := tx.ExecContext(ctx, `DELETE FROM statements WHERE id = ?`, id); err != nil {
			return nil, err
		}
	}
	for _, id := range cur.GoneStories {
		if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, id); err != nil {
			return nil, err
		}
	}
	for id := range prev.Topics {
		if _, ok := cur.Topics[id]; !ok {
			if _, err := tx.ExecContext(ctx, `DELETE FROM topics WHERE id = ?`, id); err != nil {
				return nil, err
			}
		}
	}
	return next, nil
}

// personForms returns the folded name forms of identity e, a person of
// members entities: every form becomes an alias of each of them. It is nil
// for other identities and for a person of fewer than two entities.
func personForms(e *resolve.Entity, members int) map[string]bool {
	if e.Type != verbatim.Person || members < 2 {
		return nil
	}
	set := make(map[string]bool, len(e.Aliases)+1)
	for alias := range e.Aliases {
		if f := storekit.Fold(alias); f != "" {
			set[f] = true
		}
	}
	if f := storekit.Fold(e.Name); f != "" {
		set[f] = true
	}
	return set
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// spillRows is how many rows a bulk of a commit holds at most before its
// full statements are written (spill): a commit's rows (person_entities,
// aliases and statements of 16,384 articles: about a million values) are
// never all in memory at once.
var spillRows = 4096

// spill writes b's rows in its full statements once it holds spillRows
// rows or more, and keeps the rest (fewer than a statement's) for later:
// the rows go in the same order, so the tables are the same.
func (g *Grouper) spill(ctx context.Context, tx *sql.Tx, b *bulk) error {
	g.held = max(g.held, len(b.vals))
	per := b.chunk() * b.cols
	if len(b.vals) < max(spillRows*b.cols, per) {
		return nil
	}
	all := b.vals
	n := len(all) / per * per
	b.vals = all[:n]
	if err := b.flush(ctx, tx); err != nil {
		return err
	}
	k := copy(all, all[n:])
	clear(all[k:n]) // drop the references the written rows held
	b.vals = all[:k]
	return nil
}

// spillAll is spill of each bulk.
func (g *Grouper) spillAll(ctx context.Context, tx *sql.Tx, bs ...*bulk) error {
	for _, b := range bs {
		if err := g.spill(ctx, tx, b); err != nil {
			return err
		}
	}
	return nil
}
