package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// cursorPaging: following the next cursor of each page gives the pages of
// offsets, in every order, with and without words (days shared by several
// quotes, undated ones included); stories too; the last page has no next,
// and a cursor of another order is the user's error.
func cursorPaging(t *testing.T, b Backend) {
	db := b.Open(t)
	ctx := context.Background()
	var docs []*verbatim.Doc
	for i := range 14 {
		day := fmt.Sprintf("2025-03-%02d", 1+i%5)
		if i%6 == 5 {
			day = ""
		}
		d := NewDoc(fmt.Sprintf("c%02d", i), "Wire", day, fmt.Sprintf(`Ann Lee said "the ceasefire talks went on, day %d". Bo Chan said "nothing on %d".`, i, i))
		al := d.Entity("Ann Lee", nil, "Ann Lee")
		bc := d.Entity("Bo Chan", nil, "Bo Chan")
		d.Quote(fmt.Sprintf("the ceasefire talks went on, day %d", i), al, "Ann Lee", "said", "")
		d.Quote(fmt.Sprintf("nothing on %d", i), bc, "Bo Chan", "said", "")
		docs = append(docs, d.D)
	}
	put(t, db, docs...)
	for _, text := range []string{"", "ceasefire"} {
		for _, sort := range []string{verbatim.SortNewest, verbatim.SortOldest, verbatim.SortAdded, verbatim.SortRelevance} {
			var byOffset, byCursor []string
			for off := 0; ; off += 3 {
				r, err := db.Quotes(ctx, verbatim.QuoteQuery{Text: text, Sort: sort, Limit: 3, Offset: off})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range r.Quotes {
					byOffset = append(byOffset, h.Text)
				}
				if len(r.Quotes) < 3 {
					break
				}
			}
			q := verbatim.QuoteQuery{Text: text, Sort: sort, Limit: 3}
			for pages := 0; pages < 20; pages++ {
				r, err := db.Quotes(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range r.Quotes {
					byCursor = append(byCursor, h.Text)
				}
				if r.Next == "" {
					break
				}
				q.Cursor = r.Next
			}
			if len(byOffset) == 0 || !slices.Equal(byOffset, byCursor) {
				t.Errorf("%q by %s: by cursor %q, by offset %q", text, sort, byCursor, byOffset)
			}
		}
	}
	var byOffset, byCursor []string
	q := verbatim.ArticleQuery{Sort: verbatim.SortOldest, Limit: 4}
	for pages := 0; pages < 10; pages++ {
		r, err := db.Articles(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		o, err := db.Articles(ctx, verbatim.ArticleQuery{Sort: verbatim.SortOldest, Limit: 4, Offset: 4 * pages})
		if err != nil {
			t.Fatal(err)
		}
		for i := range r.Articles {
			byCursor = append(byCursor, r.Articles[i].ID)
		}
		for i := range o.Articles {
			byOffset = append(byOffset, o.Articles[i].ID)
		}
		if r.Next == "" {
			break
		}
		q.Cursor = r.Next
	}
	if len(byCursor) != 14 || !slices.Equal(byOffset, byCursor) {
		t.Errorf("articles: by cursor %q, by offset %q", byCursor, byOffset)
	}
	r, err := db.Quotes(ctx, verbatim.QuoteQuery{Sort: verbatim.SortNewest, Limit: 2})
	if err != nil || r.Next == "" {
		t.Fatalf("no next cursor: %+v %v", r, err)
	}
	var qe *verbatim.QueryError
	if _, err := db.Quotes(ctx, verbatim.QuoteQuery{Sort: verbatim.SortOldest, Cursor: r.Next}); !errors.As(err, &qe) {
		t.Errorf("a cursor of another order: %v, want a QueryError", err)
	}

	// stories: one page each
	sdb := storyLibrary(t, b)
	for _, sort := range []string{"", "size"} {
		all, err := sdb.Stories(ctx, verbatim.StoryQuery{Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		sq := verbatim.StoryQuery{Sort: sort, Limit: 1}
		var got []verbatim.StorySummary
		for pages := 0; pages < 10; pages++ {
			p, err := sdb.Stories(ctx, sq)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, p.Stories...)
			if p.Next == "" {
				break
			}
			sq.Cursor = p.Next
		}
		if !slices.Equal(storyIDs(got), storyIDs(all.Stories)) {
			t.Errorf("stories by %q: by cursor %v, all %v", sort, storyIDs(got), storyIDs(all.Stories))
		}
	}
}
