package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// storyLibrary stores and groups three stories: ceasefire talks reported
// by three outlets in February and March 2025 (one statement in all three),
// a gardening piece of 2024, and two undated reports of a harbour strike.
func storyLibrary(t *testing.T, b Backend) verbatim.Store {
	t.Helper()
	db := b.Open(t)
	ctx := context.Background()
	q := "I think both sides will give a little bit"
	docs := []*verbatim.Doc{
		StoryDoc("talks-1", "Moscow Times", "2025-02-03", `Keith Kellogg, the envoy for Ukraine, told Fox News that Kyiv and Moscow would make concessions in ceasefire talks to end the war. "`+q+`," he said of the negotiations over Ukraine and Russia.`, "Keith Kellogg", q, "Keith Kellogg"),
		StoryDoc("talks-2", "Dawn", "2025-03-17", `The envoy Kellogg repeated that Kyiv and Moscow must make concessions in ceasefire talks to end the war in Ukraine. "`+q+`," Kellogg said about the negotiations with Russia.`, "Kellogg", q, "Kellogg"),
		StoryDoc("talks-3", "Le Monde", "2025-03-10", `Ceasefire talks on the war in Ukraine: the envoy Keith Kellogg expects concessions from Kyiv and Moscow. "`+q+`," Kellogg told reporters after the negotiations with Russia.`, "Keith Kellogg", q, "Keith Kellogg"),
		StoryDoc("tulips", "Garden Weekly", "2024-10-01", `Tulips and daffodils should be planted in autumn in well drained soil, six inches deep, pointed end up, in a sunny border.`, "", ""),
		StoryDoc("strike-1", "Harbour Ledger", "", `Dock workers at the harbour walked out over night shifts; the union said the strike would last until the port authority met them.`, "", ""),
		StoryDoc("strike-2", "Coast Radio", "", `The harbour strike went on as dock workers and their union refused the port authority's offer on night shifts.`, "", ""),
	}
	put(t, db, docs...)
	if err := b.Group(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db
}

func storyIDs(ss []verbatim.StorySummary) []string {
	var ids []string
	for _, s := range ss {
		ids = append(ids, s.Title[:min(len(s.Title), 12)])
	}
	return ids
}

// storyListing: stories are listed latest first (undated last) or
// largest first, a page at a time with the total, selected by the words of
// their articles or by topic; a bad sort or search syntax is the user's
// error.
func storyListing(t *testing.T, b Backend) {
	db := storyLibrary(t, b)
	ctx := context.Background()
	all, err := db.Stories(ctx, verbatim.StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 3 || len(all.Stories) != 3 {
		t.Fatalf("%d stories (%d listed), want 3: %+v", all.Total, len(all.Stories), all.Stories)
	}
	talks, tulips, strike := all.Stories[0], all.Stories[1], all.Stories[2]
	if talks.Articles != 3 || talks.First != "2025-02-03" || talks.Last != "2025-03-17" || talks.Outlets != 3 ||
		tulips.Articles != 1 || tulips.Last != "2024-10-01" || strike.Articles != 2 || strike.Last != "" {
		t.Fatalf("latest first: %+v", all.Stories)
	}
	if len(talks.People) == 0 || talks.People[0].Name != "Keith Kellogg" || talks.People[0].Mentions < 3 {
		t.Errorf("people of the talks: %+v", talks.People)
	}
	bySize, err := db.Stories(ctx, verbatim.StoryQuery{Sort: "size"})
	if err != nil || !slices.Equal(storyIDs(bySize.Stories), storyIDs([]verbatim.StorySummary{talks, strike, tulips})) {
		t.Fatalf("largest first: %v %v", storyIDs(bySize.Stories), err)
	}
	page, err := db.Stories(ctx, verbatim.StoryQuery{Sort: "size", Limit: 1, Offset: 1})
	if err != nil || page.Total != 3 || len(page.Stories) != 1 || page.Stories[0].ID != strike.ID {
		t.Fatalf("second page of one: %+v %v", page, err)
	}
	found, err := db.Stories(ctx, verbatim.StoryQuery{Text: "daffodils"})
	if err != nil || found.Total != 1 || found.Stories[0].ID != tulips.ID {
		t.Fatalf("q=daffodils: %+v %v", found, err)
	}
	inTopic, err := db.Stories(ctx, verbatim.StoryQuery{Topic: talks.Topic})
	if err != nil || talks.Topic == "" || !slices.ContainsFunc(inTopic.Stories, func(s verbatim.StorySummary) bool { return s.ID == talks.ID }) {
		t.Fatalf("topic %q: %+v %v", talks.Topic, inTopic, err)
	}
	var qe *verbatim.QueryError
	if _, err := db.Stories(ctx, verbatim.StoryQuery{Sort: "oldest"}); !errors.As(err, &qe) {
		t.Errorf("sort=oldest: %v", err)
	}
	if _, err := db.Stories(ctx, verbatim.StoryQuery{Text: `"unclosed`}); !errors.As(err, &qe) {
		t.Errorf("malformed query: %v", err)
	}
	ts, err := db.Topics(ctx, verbatim.TopicQuery{})
	if err != nil || ts.Total < 2 || ts.Total > 3 || len(ts.Topics[0].Titles) == 0 || ts.Topics[0].Label == "" {
		t.Fatalf("topics: %+v %v", ts, err)
	}
}

// storyPage: a story's page has its summary, its outlets, a page of
// its articles in publication order, and each statement once with the
// outlets that reported it and every report.
func storyPage(t *testing.T, b Backend) {
	db := storyLibrary(t, b)
	ctx := context.Background()
	all, err := db.Stories(ctx, verbatim.StoryQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	id := all.Stories[0].ID
	d, err := db.Story(ctx, id, verbatim.StoryPage{ArticleLimit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if d.Articles != 3 || len(d.OutletList) != 3 || len(d.ArticleList) != 2 ||
		d.ArticleList[0].ID != "talks-1" || d.ArticleList[1].ID != "talks-3" {
		t.Fatalf("story %+v", d)
	}
	d2, err := db.Story(ctx, id, verbatim.StoryPage{ArticleLimit: 2, ArticleOffset: 2})
	if err != nil || len(d2.ArticleList) != 1 || d2.ArticleList[0].ID != "talks-2" {
		t.Fatalf("second page of articles: %+v %v", d2.ArticleList, err)
	}
	if d.StatementsTotal != 1 || len(d.Statements) != 1 {
		t.Fatalf("statements %d: %+v", d.StatementsTotal, d.Statements)
	}
	st := d.Statements[0]
	slices.Sort(st.Outlets)
	if !slices.Equal(st.Outlets, []string{"Dawn", "Le Monde", "Moscow Times"}) || len(st.Reports) != 3 || st.SaidOn != "2025-02-03" {
		t.Fatalf("statement %+v", st)
	}
	if none, err := db.Story(ctx, id, verbatim.StoryPage{Offset: 1}); err != nil || len(none.Statements) != 0 || none.StatementsTotal != 1 {
		t.Fatalf("statements past the last: %+v %v", none, err)
	}
}
