package sqlite

// Speakers as readers meet them: one row per speaker identity everywhere.
//
// Every quote with a named speaker belongs to one speaker identity
// (verbatim.SpeakerSummary.ID): the person or organisation the
// cross-article resolver made of its speaker ("person:tony-blair"), or, for
// a speaker it does not resolve (groups, misc names) and for articles not
// yet grouped into stories, the speaker's folded name ("name:tories"). The
// speakers list, a speaker's page and a search by speaker select quotes by
// that identity, so their counts agree.
//
// When the grouper commits, it writes each newly grouped quote's identity
// (quotes.speaker_id), adds the new quotes to their identity's counts (the
// speakers table: the list reads its index instead of counting quotes) and
// records the identity's name forms (speaker_names: what a name typed by a
// reader is looked up in). Quotes of articles stored after the last
// grouping (ingest --no-stories) have no speaker_id yet: they are counted
// live, by name, until they are grouped.

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/names"
	"github.com/verbatim-news/verbatim/resolve"
)

func init() {
	Register(Migration{107, "stories: one row per speaker identity (quotes.speaker_id, speaker counts, speaker name forms); existing libraries are regrouped", schemaSpeakers})
}

const schemaSpeakers = `
ALTER TABLE quotes ADD COLUMN speaker_id TEXT; -- the speaker identity, once grouped
CREATE INDEX quotes_speaker_id ON quotes(speaker_id, kind, day) WHERE speaker_id IS NOT NULL;
CREATE TABLE speakers (
	id         TEXT PRIMARY KEY,          -- person:tony-blair, organization:reuters, name:tories
	name       TEXT NOT NULL,             -- for name: identities (persons: persons.name)
	type       TEXT NOT NULL,
	statements INTEGER NOT NULL DEFAULT 0,
	articles   INTEGER NOT NULL DEFAULT 0, -- with a statement of it
	first      TEXT NOT NULL DEFAULT '',
	last       TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX speakers_rank ON speakers(statements DESC, name);
CREATE INDEX speakers_type_rank ON speakers(type, statements DESC, name);
-- the folded name forms of each identity (as written, without titles, surname)
CREATE TABLE speaker_names (
	name       TEXT NOT NULL,
	speaker_id TEXT NOT NULL,
	PRIMARY KEY (name, speaker_id)
) WITHOUT ROWID;
DELETE FROM story_state WHERE key = 'grouped_through';
`

// nameKey is the identity of a speaker the resolver does not know.
func nameKey(fold string) string { return "name:" + fold }

// speakerForms returns the folded forms a reader may type for a name:
// as written, without titles and middle initials, and (persons) the
// surname.
func speakerForms(name string, typ verbatim.EntityType, add func(string)) {
	if f := fold(name); f != "" {
		add(f)
	}
	n := resolve.ParseName(name, typ)
	if n.Full != "" {
		add(n.Full)
	}
	if typ == verbatim.Person && n.Last != "" {
		add(n.Last)
	}
}

// writeSpeakers gives the quotes of the articles with lo < id <= hi (just
// grouped) their speaker identity, adds them to the identities' counts and
// records the identities' name forms. rewrite: the counts start afresh.
func (g *Grouper) writeSpeakers(ctx context.Context, tx *sql.Tx, lo, hi int64, rewrite bool) error {
	if rewrite {
		for _, t := range []string{"speakers", "speaker_names"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
				return err
			}
		}
		lo = 0
	}
	if _, err := tx.ExecContext(ctx, `UPDATE quotes SET speaker_id = coalesce(
		(SELECT person_id FROM person_entities WHERE entity_id = quotes.speaker_entity), 'name:' || speaker_fold)
		WHERE article_id > ?1 AND article_id <= ?2 AND speaker_fold IS NOT NULL`, lo, hi); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT speaker_id, max(speaker), max(speaker_type) FROM quotes
		WHERE article_id > ?1 AND article_id <= ?2 AND speaker_id IS NOT NULL GROUP BY speaker_id`, lo, hi)
	if err != nil {
		return err
	}
	forms := newBulk(`INSERT OR IGNORE INTO speaker_names(name, speaker_id) VALUES `, 2)
	for rows.Next() {
		var id, name, typ string
		if err := rows.Scan(&id, &name, &typ); err != nil {
			rows.Close()
			return err
		}
		add := func(f string) { forms.add(f, id) }
		if e := g.c.Resolver.Get(id); e != nil {
			speakerForms(e.Name, e.Type, add)
			for a := range e.Aliases {
				speakerForms(a, e.Type, add)
			}
		} else {
			speakerForms(name, verbatim.EntityType(typ), add)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := flushAll(ctx, tx, forms); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO speakers(id, name, type, statements, articles, first, last)
		SELECT speaker_id, max(speaker),
			CASE WHEN speaker_id LIKE 'name:%' THEN max(speaker_type) ELSE substr(speaker_id, 1, instr(speaker_id, ':') - 1) END,
			sum(kind = 'statement'), count(DISTINCT CASE WHEN kind = 'statement' THEN article_id END),
			coalesce(min(CASE WHEN kind = 'statement' THEN nullif(day, '') END), ''),
			coalesce(max(CASE WHEN kind = 'statement' THEN nullif(day, '') END), '')
		FROM quotes WHERE article_id > ?1 AND article_id <= ?2 AND speaker_id IS NOT NULL GROUP BY speaker_id
		ON CONFLICT(id) DO UPDATE SET statements = statements + excluded.statements, articles = articles + excluded.articles,
			first = CASE WHEN first = '' OR (excluded.first <> '' AND excluded.first < first) THEN excluded.first ELSE first END,
			last = max(last, excluded.last)`, lo, hi)
	return err
}

// grouped returns the highest article id whose quotes have their speaker
// identity (0: none).
func (s *DB) grouped(ctx context.Context) (int64, error) {
	through, _, err := groupedThrough(ctx, s.db)
	return through, err
}

// speakerCond selects the quotes of one speaker identity (q is the quotes
// table): grouped quotes by identity, quotes of ungrouped articles by name.
func speakerCond(key string) (string, []any) {
	if f, ok := strings.CutPrefix(key, "name:"); ok {
		return `(q.speaker_id = ? OR (q.speaker_id IS NULL AND q.speaker_fold = ?))`, []any{key, f}
	}
	return `q.speaker_id = ?`, []any{key}
}

const summaryCols = `s.id, coalesce(p.name, s.name), s.type, s.statements, s.articles, s.first, s.last`

func scanSummaries(rows *sql.Rows) ([]verbatim.SpeakerSummary, error) {
	defer rows.Close()
	var out []verbatim.SpeakerSummary
	for rows.Next() {
		var sp verbatim.SpeakerSummary
		var typ string
		if err := rows.Scan(&sp.ID, &sp.Name, &typ, &sp.Quotes, &sp.Articles, &sp.First, &sp.Last); err != nil {
			return nil, err
		}
		sp.Type = verbatim.EntityType(typ)
		out = append(out, sp)
	}
	return out, rows.Err()
}

// liveSummaries counts, by name, the statements of articles stored after
// the last grouping (after: grouped through), keeping speakers that cond
// selects (on q).
func (s *DB) liveSummaries(ctx context.Context, after int64, cond string, args ...any) ([]verbatim.SpeakerSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT 'name:' || q.speaker_fold, max(q.speaker), max(q.speaker_type), count(*),
		count(DISTINCT q.article_id), coalesce(min(nullif(q.day, '')), ''), coalesce(max(nullif(q.day, '')), '')
		FROM quotes q WHERE q.article_id > ? AND q.speaker_id IS NULL AND q.speaker_fold IS NOT NULL AND `+statementCond+cond+`
		GROUP BY q.speaker_fold`, append([]any{after}, args...)...)
	if err != nil {
		return nil, err
	}
	return scanSummaries(rows)
}

// mergeSummary adds the counts of b (other articles of the same speaker) to a.
func mergeSummary(a *verbatim.SpeakerSummary, b verbatim.SpeakerSummary) {
	a.Quotes += b.Quotes
	a.Articles += b.Articles
	if a.First == "" || (b.First != "" && b.First < a.First) {
		a.First = b.First
	}
	a.Last = max(a.Last, b.Last)
	if a.Name == "" {
		a.Name, a.Type = b.Name, b.Type
	}
}

// summaries returns the summaries of the given identities, grouped and live
// counts together, most quoted first (identities with no statement too).
func (s *DB) summaries(ctx context.Context, after int64, keys []string) ([]verbatim.SpeakerSummary, error) {
	out := make([]verbatim.SpeakerSummary, 0, len(keys))
	for _, k := range keys {
		rows, err := s.db.QueryContext(ctx, `SELECT `+summaryCols+` FROM speakers s LEFT JOIN persons p ON p.id = s.id WHERE s.id = ?`, k)
		if err != nil {
			return nil, err
		}
		got, err := scanSummaries(rows)
		if err != nil {
			return nil, err
		}
		sum := verbatim.SpeakerSummary{ID: k}
		if len(got) > 0 {
			sum = got[0]
		}
		if f, ok := strings.CutPrefix(k, "name:"); ok {
			live, err := s.liveSummaries(ctx, after, ` AND q.speaker_fold = ?`, f)
			if err != nil {
				return nil, err
			}
			for _, l := range live {
				mergeSummary(&sum, l)
			}
		}
		if sum.Name == "" { // quotes of other kinds only
			cond, args := speakerCond(k)
			var typ string
			if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(speaker), ''), coalesce(max(speaker_type), '') FROM quotes q WHERE `+
				cond, args...).Scan(&sum.Name, &typ); err != nil {
				return nil, err
			}
			sum.Type = verbatim.EntityType(typ)
		}
		out = append(out, sum)
	}
	slices.SortStableFunc(out, func(a, b verbatim.SpeakerSummary) int {
		if a.Quotes != b.Quotes {
			return b.Quotes - a.Quotes
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out, nil
}

// speakers lists speaker identities, most quoted first.
func (s *DB) speakers(ctx context.Context, q verbatim.SpeakerQuery) ([]verbatim.SpeakerSummary, error) {
	limit := q.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	after, err := s.grouped(ctx)
	if err != nil {
		return nil, err
	}
	where, args := `s.statements > 0`, []any{}
	liveCond, liveArgs := "", []any{}
	if q.Type != "" {
		where += ` AND s.type = ?`
		args = append(args, string(q.Type))
		liveCond += ` AND q.speaker_type = ?`
		liveArgs = append(liveArgs, string(q.Type))
	}
	if f := fold(q.Text); f != "" {
		where += ` AND s.id IN (SELECT speaker_id FROM speaker_names WHERE name >= ? AND name < ?)`
		args = append(args, f, f+"\xff")
		liveCond += ` AND (q.speaker_fold LIKE ? ESCAPE '\' OR q.speaker_fold LIKE ? ESCAPE '\')`
		liveArgs = append(liveArgs, escapeLike(f)+"%", "% "+escapeLike(f)+"%")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+summaryCols+` FROM speakers s LEFT JOIN persons p ON p.id = s.id WHERE `+where+
		` ORDER BY s.statements DESC, s.name LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	out, err := scanSummaries(rows)
	if err != nil {
		return nil, err
	}
	live, err := s.liveSummaries(ctx, after, liveCond, liveArgs...)
	if err != nil || len(live) == 0 {
		if out == nil {
			out = []verbatim.SpeakerSummary{}
		}
		return out, err
	}
	at := map[string]int{}
	for i, sp := range out {
		at[sp.ID] = i
	}
	for _, l := range live {
		if i, ok := at[l.ID]; ok {
			mergeSummary(&out[i], l)
			continue
		}
		sum, err := s.summaries(ctx, after, []string{l.ID}) // its grouped part, if any
		if err != nil {
			return nil, err
		}
		at[l.ID] = len(out)
		out = append(out, sum[0])
	}
	slices.SortStableFunc(out, func(a, b verbatim.SpeakerSummary) int {
		if a.Quotes != b.Quotes {
			return b.Quotes - a.Quotes
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out[:min(len(out), limit)], nil
}

// resolveSpeaker finds the speaker identity a reader means by name: an id,
// or a name form as written, else without titles and initials ("Mr
// Blair", "President Trump", "George W. Bush"). Several candidates give an
// *verbatim.AmbiguousError, unless the full name (two words or more) is
// one candidate's own, or the title the reader wrote leaves one candidate
// (a gender by honorific, a role: "President Bush"; then one that holds 90%
// of the remaining statements). typ, when given, keeps speakers of that
// type. It returns the identity and the highest grouped article id.
func (s *DB) resolveSpeaker(ctx context.Context, name string, typ verbatim.EntityType) (string, int64, error) {
	after, err := s.grouped(ctx)
	if err != nil {
		return "", 0, err
	}
	f := fold(strings.TrimSpace(name))
	if f == "" {
		return "", after, verbatim.ErrNotFound
	}
	if i := strings.IndexByte(f, ':'); i > 0 && !strings.ContainsRune(f[:i], ' ') {
		// an id: its quotes exist under it
		cond, args := speakerCond(f)
		var ok bool
		if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM quotes q WHERE `+cond+`)`, args...).Scan(&ok); err != nil {
			return "", after, err
		}
		if ok {
			return f, after, nil
		}
	}
	var top int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM articles`).Scan(&top); err != nil {
		return "", after, err
	}
	pn := resolve.ParseName(name, verbatim.Person)
	var keys []string
	for _, form := range []string{f, pn.Full, resolve.ParseName(name, verbatim.Organization).Full} {
		if form == "" {
			continue
		}
		if keys, err = s.speakersNamed(ctx, form, after, top < after+1); err != nil {
			return "", after, err
		}
		if len(keys) > 0 {
			break
		}
	}
	if len(keys) == 0 {
		return "", after, verbatim.ErrNotFound
	}
	cands, err := s.summaries(ctx, after, keys)
	if err != nil {
		return "", after, err
	}
	if typ != "" {
		cands = slices.DeleteFunc(cands, func(c verbatim.SpeakerSummary) bool { return c.Type != typ })
		if len(cands) == 0 {
			return "", after, verbatim.ErrNotFound
		}
	}
	if len(cands) > 1 && cands[0].Quotes > 0 {
		// speakers of other kinds of attribution only ("Vote Blair"
		// believes) are not asked about (cands are most quoted first)
		cands = slices.DeleteFunc(cands, func(c verbatim.SpeakerSummary) bool { return c.Quotes == 0 })
	}
	if len(cands) == 1 {
		return cands[0].ID, after, nil
	}
	// the full name of one of them
	if strings.Contains(pn.Full, " ") {
		var own []verbatim.SpeakerSummary
		for _, c := range cands {
			if resolve.ParseName(c.Name, c.Type).Full == pn.Full {
				own = append(own, c)
			}
		}
		if len(own) == 1 {
			return own[0].ID, after, nil
		}
	}
	// the title written in front of the name
	if pick, err := s.byTitle(ctx, name, pn, cands); err != nil || pick != "" {
		return pick, after, err
	}
	return "", after, &verbatim.AmbiguousError{Name: strings.TrimSpace(name), Candidates: cands}
}

// speakersNamed returns the identities with the folded name form f: the
// grouped ones and, with live, speakers of ungrouped articles.
func (s *DB) speakersNamed(ctx context.Context, f string, after int64, grouped bool) ([]string, error) {
	var keys []string
	rows, err := s.db.QueryContext(ctx, `SELECT speaker_id FROM speaker_names WHERE name = ?`, f)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return nil, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil || grouped {
		return keys, err
	}
	// articles stored after the last grouping: by the speaker's name, or
	// a name form of its entity (aliases of speaking entities)
	rows, err = s.db.QueryContext(ctx, `SELECT DISTINCT 'name:' || q.speaker_fold FROM quotes q WHERE q.article_id > ?1
		AND q.speaker_id IS NULL AND q.speaker_fold IS NOT NULL
		AND (q.speaker_fold = ?2 OR q.speaker_entity IN (SELECT entity_id FROM aliases WHERE alias = ?2))`, after, f)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys, rows.Err()
}

// byTitle picks the candidate that the titles written before the name
// leave: an honorific's gender against the given name, a role against the
// roles the articles gave; then the one holding 90% of the statements of
// those left. "" when no title was written or several remain.
func (s *DB) byTitle(ctx context.Context, name string, pn resolve.Name, cands []verbatim.SpeakerSummary) (string, error) {
	words := strings.Fields(fold(name))
	nameWords := len(strings.Fields(pn.Full))
	if len(words) <= nameWords {
		return "", nil
	}
	titles := words[:len(words)-nameWords]
	left := cands
	var gender byte
	for _, t := range titles {
		if g := names.HonorificGender(t); g == 'm' || g == 'f' {
			gender = g
		}
	}
	if gender != 0 {
		left = slices.DeleteFunc(slices.Clone(left), func(c verbatim.SpeakerSummary) bool {
			if c.Type != verbatim.Person {
				return true
			}
			n := resolve.ParseName(c.Name, c.Type)
			g := names.GivenNameGender(n.First)
			return g != 0 && g != gender
		})
	}
	var roles []string
	for _, t := range titles {
		if names.HonorificGender(t) == 0 {
			roles = append(roles, strings.Trim(t, "."))
		}
	}
	if len(roles) > 0 && len(left) > 1 {
		role := strings.Join(roles, " ")
		var withRole []verbatim.SpeakerSummary
		for _, c := range left {
			ok, err := s.hasRole(ctx, c.ID, role)
			if err != nil {
				return "", err
			}
			if ok {
				withRole = append(withRole, c)
			}
		}
		if len(withRole) > 0 {
			left = withRole
		}
	}
	total := 0
	for _, c := range left {
		total += c.Quotes
	}
	for _, c := range left {
		if len(left) == 1 || c.Quotes*10 >= total*9 && total > 0 {
			return c.ID, nil
		}
	}
	return "", nil
}

// hasRole reports whether an article gave the speaker a role containing
// role (folded words), looking at its most recent statements' entities.
func (s *DB) hasRole(ctx context.Context, key, role string) (bool, error) {
	cond, args := speakerCond(key)
	rows, err := s.db.QueryContext(ctx, `SELECT e.roles FROM (SELECT q.speaker_entity FROM quotes q WHERE `+cond+
		` ORDER BY q.day DESC LIMIT 500) x JOIN entities e ON e.id = x.speaker_entity WHERE e.roles <> ''`, args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return false, err
		}
		if strings.Contains(" "+fold(r)+" ", " "+role+" ") {
			return true, nil
		}
	}
	return false, rows.Err()
}

// Speaker returns everything a speaker said, oldest first.
func (s *DB) Speaker(ctx context.Context, name string) (*verbatim.SpeakerDetail, error) {
	key, after, err := s.resolveSpeaker(ctx, name, "")
	if err != nil {
		return nil, err
	}
	sums, err := s.summaries(ctx, after, []string{key})
	if err != nil {
		return nil, err
	}
	cond, args := speakerCond(key)
	rows, err := s.db.QueryContext(ctx, `SELECT `+hitCols+` FROM quotes q JOIN articles a ON a.id = q.article_id WHERE `+cond+
		` AND `+statementCond+` ORDER BY q.day, q.id LIMIT 5000`, args...)
	if err != nil {
		return nil, err
	}
	hits, err := scanHits(rows)
	if err != nil {
		return nil, err
	}
	if len(hits) == 0 {
		return nil, verbatim.ErrNotFound
	}
	d := &verbatim.SpeakerDetail{SpeakerSummary: sums[0], Statements: hits, Aliases: []string{}, Roles: []string{}}
	// roles and name forms of the entities that are this speaker
	rrows, err := s.db.QueryContext(ctx, `SELECT DISTINCT e.roles, e.mentions FROM (SELECT DISTINCT q.speaker_entity FROM quotes q WHERE `+cond+
		` AND `+statementCond+` LIMIT 5000) x JOIN entities e ON e.id = x.speaker_entity`, args...)
	if err != nil {
		return nil, err
	}
	defer rrows.Close()
	seenR, seenA := map[string]bool{}, map[string]bool{}
	for rrows.Next() {
		var roles, mentions string
		if err := rrows.Scan(&roles, &mentions); err != nil {
			return nil, err
		}
		for _, r := range strings.Split(roles, "; ") {
			if r != "" && !seenR[strings.ToLower(r)] {
				seenR[strings.ToLower(r)] = true
				d.Roles = append(d.Roles, r)
			}
		}
		ms, err := decodeMentions(mentions)
		if err != nil {
			return nil, err
		}
		for _, m := range ms { // the names the speaker was written as
			if m.kind == verbatim.NameMention && m.text != "" && !seenA[m.text] {
				seenA[m.text] = true
				d.Aliases = append(d.Aliases, m.text)
			}
		}
	}
	return d, rrows.Err()
}
