package sqlite

import (
	"context"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/stories"
)

// storyDoc builds an analysed article by hand: one person entity per name
// (one mention each) and a quote of the given speaker.
func storyDoc(id, outlet, published, text, speaker, quote string, names ...string) *verbatim.Doc {
	d := verbatim.NewDoc(verbatim.Article{ID: id, Outlet: outlet, Published: published, Text: text})
	d.Clean = text
	for _, n := range names {
		i := strings.Index(text, n)
		d.Mentions = append(d.Mentions, verbatim.Mention{Span: verbatim.Span{Start: i, End: i + len(n)}, Text: n, Entity: len(d.Entities)})
		d.Entities = append(d.Entities, verbatim.Entity{Name: n, Type: verbatim.Person, Mentions: []int{len(d.Mentions) - 1}})
	}
	if i := strings.Index(text, quote); i >= 0 && quote != "" {
		sp := -1
		for k, n := range names {
			if n == speaker {
				sp = k
			}
		}
		d.Quotes = append(d.Quotes, verbatim.Quote{Span: verbatim.Span{Start: i, End: i + len(quote)}, Type: verbatim.Direct, Speaker: sp, SaidOn: published})
	}
	return d
}

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
	n, err := db.RebuildStories(ctx, stories.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("%d stories, want 2", n)
	}
	ss, err := db.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var big verbatim.StorySummary
	for _, s := range ss {
		if len(s.Articles) > len(big.Articles) {
			big = s
		}
	}
	if len(big.Articles) != 2 {
		t.Fatalf("stories %+v", ss)
	}
	// one person for Keith Kellogg and Kellog, with an explained merge
	var persons, merges int
	var reason string
	db.SQL().QueryRowContext(ctx, `SELECT count(DISTINCT person_id) FROM person_entities`).Scan(&persons)
	db.SQL().QueryRowContext(ctx, `SELECT count(*), max(reason) FROM person_decisions WHERE kind = 'merge'`).Scan(&merges, &reason)
	if persons != 1 || merges != 1 || !strings.Contains(reason, "surname spelling") {
		t.Fatalf("persons %d merges %d reason %q", persons, merges, reason)
	}
	// one statement with two reports from two outlets
	var stmts, reports int
	var outlets string
	db.SQL().QueryRowContext(ctx, `SELECT count(*), max(reports), max(outlets) FROM statements`).Scan(&stmts, &reports, &outlets)
	if stmts != 1 || reports != 2 || outlets != "Moscow Times; Dawn" {
		t.Fatalf("statements %d reports %d outlets %q", stmts, reports, outlets)
	}
	// the full name now finds the quote attributed to "Kellog" too
	var eid int
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM aliases WHERE alias = 'keith kellogg'`).Scan(&eid); err != nil || eid != 2 {
		t.Fatalf("alias rows for keith kellogg: %d (%v)", eid, err)
	}
	// rebuilding is idempotent
	if n2, err := db.RebuildStories(ctx, stories.Options{}); err != nil || n2 != n {
		t.Fatalf("rebuild: %d %v", n2, err)
	}
}
