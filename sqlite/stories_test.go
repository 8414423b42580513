package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/storetest"
	"github.com/verbatim-news/verbatim/stories"
)

var storyDoc = storetest.StoryDoc

func TestRebuildStories(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	q := "I think both sides will give a little bit"
	docs := []*verbatim.Doc{
		storyDoc("a", "Moscow Times", "2025-02-03", `Keith Kellogg, the envoy for Ukraine, told Fox News that Kyiv and Moscow would make concessions in ceasefire talks to end the war. "`+q+`," he said of the negotiations over Ukraine and Russia.`, "Keith Kellogg", q, "Keith Kellogg"),
		storyDoc("b", "Dawn", "2025-03-17", `The envoy Kellog repeated that Kyiv and Moscow must make concessions in ceasefire talks to end the war in Ukraine. "`+q+`," Kellog said about the negotiations with Russia.`, "Kellog", q, "Kellog"),
		storyDoc("c", "Garden Weekly", "2025-03-01", `Tulips and daffodils should be planted in autumn in well drained soil, six inches deep, pointed end up, in a sunny border.`, "", ""),
	}
	if _, err := db.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if sp, err := db.Speaker(ctx, "Keith Kellogg"); err != nil || len(sp.Statements) != 1 {
		t.Fatalf("before grouping: %+v %v", sp, err)
	}
	n, err := db.RebuildStories(ctx, stories.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("%d stories, want 2", n)
	}
	res, err := db.Stories(ctx, verbatim.StoryQuery{Sort: "size"})
	if err != nil {
		t.Fatal(err)
	}
	if ss := res.Stories; len(ss) != 2 || ss[0].Articles != 2 || ss[0].First != "2025-02-03" || ss[0].Last != "2025-03-17" || ss[0].Outlets != 2 {
		t.Fatalf("stories %+v", ss)
	}
	// one person for Keith Kellogg and Kellog, with an explained merge
	var persons, merges int
	var pid, reason string
	db.SQL().QueryRowContext(ctx, `SELECT count(DISTINCT person_id), max(person_id) FROM person_entities`).Scan(&persons, &pid)
	ds, err := db.PersonDecisions(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Kind == "merge" {
			merges++
			reason = d.Reason
		}
	}
	if persons != 1 || merges != 1 || !strings.Contains(reason, "surname spelling") || ds[0].Kind != "new" || ds[0].Into != pid {
		t.Fatalf("persons %d merges %d reason %q decisions %+v", persons, merges, reason, ds)
	}
	// one statement with two reports from two outlets
	var stmts, reports int
	var outlets string
	db.SQL().QueryRowContext(ctx, `SELECT count(*), max(reports), max(outlets) FROM statements`).Scan(&stmts, &reports, &outlets)
	if stmts != 1 || reports != 2 || outlets != "Moscow Times; Dawn" {
		t.Fatalf("statements %d reports %d outlets %q", stmts, reports, outlets)
	}
	// its reports are the two stored quotes
	var sid string
	db.SQL().QueryRowContext(ctx, `SELECT id FROM statements`).Scan(&sid)
	sq, err := db.StatementQuotes(ctx, sid)
	var nq, q0, q1 int64
	db.SQL().QueryRowContext(ctx, `SELECT count(*), min(id), max(id) FROM quotes`).Scan(&nq, &q0, &q1)
	if err != nil || nq != 2 || !slices.Equal(sq, []StatementQuote{{Quote: q0, Syndicated: false}, {Quote: q1, Syndicated: false}}) {
		t.Fatalf("statement %s quotes %+v %v (quotes %d: %d, %d)", sid, sq, err, nq, q0, q1)
	}
	// the full name now finds the quote attributed to "Kellog" too
	var eid int
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM aliases WHERE alias = 'keith kellogg'`).Scan(&eid); err != nil || eid != 2 {
		t.Fatalf("alias rows for keith kellogg: %d (%v)", eid, err)
	}
	// the person's page has the quotes of all its spellings
	sp, err := db.Speaker(ctx, "keith kellogg")
	if err != nil || sp.Name != "Keith Kellogg" || len(sp.Statements) != 2 || sp.Statements[1].Speaker != "Kellog" {
		t.Fatalf("speaker after grouping: %+v %v", sp, err)
	}
	// rebuilding is idempotent
	if n2, err := db.RebuildStories(ctx, stories.Options{}); err != nil || n2 != n {
		t.Fatalf("rebuild: %d %v", n2, err)
	}
}

// decisionParts returns the stored parts of the persons' decisions by
// person and part.
func decisionParts(t *testing.T, db *DB) map[string]string {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT person_id, part, decisions FROM person_decision_parts`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var pid, text string
		var part int64
		if err := rows.Scan(&pid, &part, &text); err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprintf("%s@%d", pid, part)] = text
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// dumpStories renders every row the story grouping writes, sorted.
func dumpStories(t *testing.T, db *DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id, title FROM stories ORDER BY 1`,
		`SELECT story_id, article_id FROM story_articles ORDER BY 2, 1`,
		`SELECT id, name, type, articles FROM persons ORDER BY 1`,
		`SELECT entity_id, person_id FROM person_entities ORDER BY 1`,
		`SELECT person_id, group_concat(decisions, '' ORDER BY part) FROM person_decision_parts GROUP BY 1 ORDER BY 1`,
		`SELECT id, story_id, coalesce(person_id, '-'), speaker, text, said_on, outlets, reports, quotes FROM statements ORDER BY 1`,
		`SELECT article_id, copy_of, similarity FROM article_copies ORDER BY 1`,
		`SELECT alias, entity_id FROM aliases ORDER BY 1, 2`,
	} {
		rows, err := db.SQL().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
			n++
		}
		rows.Close()
		fmt.Fprintf(&b, "-- %d rows: %s\n", n, q)
	}
	return b.String()
}

// analysedSample analyses 600 BBC articles (business and politics: stories
// that grow and merge, syndicated copies, statements reported twice).
func analysedSample(t *testing.T) []*verbatim.Doc {
	t.Helper()
	var docs []*verbatim.Doc
	for _, cat := range []string{"politics", "business"} {
		files, _ := filepath.Glob(filepath.Join(shared.Path(t, "data/bbc"), cat, "*.txt"))
		for _, f := range files[:min(len(files), 300)] {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := pipeline.Analyze(verbatim.Article{ID: cat + "/" + filepath.Base(f), Text: string(b), Published: "2005-01-1" + string('0'+byte(len(docs)%10))})
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d)
		}
	}
	return docs
}

// TestIncrementalStoriesEqualRebuild: ingesting in three batches (three
// groupers, as three ingest runs), in one, storing without grouping and
// grouping later, and a full rebuild all leave the same rows.
func TestIncrementalStoriesEqualRebuild(t *testing.T) {
	docs := analysedSample(t)
	ctx := context.Background()
	put := func(db *DB, g *Grouper, docs []*verbatim.Doc) {
		for i := 0; i < len(docs); i += 64 {
			var err error
			if g != nil {
				_, err = g.Put(ctx, docs[i:min(i+64, len(docs))])
			} else {
				_, err = db.Put(ctx, docs[i:min(i+64, len(docs))])
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	commit := func(g *Grouper) int {
		n, err := g.Commit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	one := open(t)
	g := one.Grouper(stories.Options{})
	put(one, g, docs)
	n1 := commit(g)
	want := dumpStories(t, one)

	// the clusterer alone, given the articles the library stored (not the
	// duplicates it skipped)
	c := stories.New(stories.Options{})
	for _, d := range docs {
		if ok, _ := one.Has(ctx, verbatim.ContentHash(d.Text)); ok {
			if a, err := one.Article(ctx, d.ID); err == nil && a.Text == d.Text {
				c.Add(d)
			}
		}
	}
	c.Consolidate()
	if n := len(c.Stories()); n != n1 || n < 50 || n > len(docs)-100 {
		t.Fatalf("%d stories stored, %d by the clusterer alone", n1, n)
	}

	three := open(t)
	defer func(n int64) { replayChunk = n }(replayChunk)
	replayChunk = 37 // replays and catch-ups read many chunks
	var firstParts map[string]string
	for k, part := range [][]*verbatim.Doc{docs[:250], docs[250:251], docs[251:]} {
		g := three.Grouper(stories.Options{})
		put(three, g, part)
		commit(g)
		if k == 0 {
			firstParts = decisionParts(t, three)
		}
	}
	if got := dumpStories(t, three); got != want {
		t.Fatalf("three batches differ from one:\n%s", firstDiff(got, want))
	}
	// the later commits added their decisions as parts of their own: the
	// first commit's parts were not rewritten
	lastParts := decisionParts(t, three)
	for key, text := range firstParts {
		if lastParts[key] != text {
			t.Fatalf("decision part %s was rewritten by a later commit", key)
		}
	}
	if len(firstParts) == 0 || len(lastParts) <= len(firstParts) {
		t.Fatalf("decision parts: %d after the first commit, %d after the last", len(firstParts), len(lastParts))
	}
	if _, err := three.RebuildStories(ctx, stories.Options{}); err != nil {
		t.Fatal(err)
	}
	if got := dumpStories(t, three); got != want {
		t.Fatalf("rebuild differs from incremental:\n%s", firstDiff(got, want))
	}

	// another writer stores articles while a grouper is open; articles
	// stored without grouping are grouped by the next commit
	mixed := open(t)
	g = mixed.Grouper(stories.Options{})
	put(mixed, g, docs[:100])
	put(mixed, nil, docs[100:300])
	put(mixed, g, docs[300:400])
	commit(g)
	put(mixed, nil, docs[400:])
	if n := commit(mixed.Grouper(stories.Options{})); n != n1 {
		t.Fatalf("%d stories after grouping late, want %d", n, n1)
	}
	if got := dumpStories(t, mixed); got != want {
		t.Fatalf("grouping late differs:\n%s", firstDiff(got, want))
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(la), len(lb))
}
