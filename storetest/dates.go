package storetest

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// coarseDatesInRange: a statement dated by its month or year is inside a
// since/until range when its whole month or year is (issue 19, defect 1:
// since=2004-01-01&until=2004-12-31 found 10 statements where
// since=2004&until=2004 found 47, from a comparison of the texts); an
// undated one is in no range.
func coarseDatesInRange(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	days := []string{"2003-12-31", "2004", "2004-02", "2004-03", "2004-03-05", "2005"}
	var text strings.Builder
	for _, d := range days {
		text.WriteString(`X said "on ` + d + `". `)
	}
	text.WriteString(`X said "undated".`)
	doc := NewDoc("coarse", "Wire", "", text.String())
	for _, d := range days {
		doc.Quote("on "+d, -1, "", "", d)
	}
	doc.Quote("undated", -1, "", "", "")
	put(t, db, doc.D)
	for _, c := range []struct {
		since, until string
		want         string
	}{
		{"2004-01-01", "2004-12-31", "2004 2004-02 2004-03 2004-03-05"},
		{"2004", "2004", "2004 2004-02 2004-03 2004-03-05"},
		{"2004-02-01", "2004-02-29", "2004-02"}, // February 2004 has 29 days
		{"2004-02", "2004-03", "2004-02 2004-03 2004-03-05"},
		{"2004-03-01", "2004-03-31", "2004-03 2004-03-05"},
		{"2004-03-02", "", "2004-03-05 2005"}, // March 2004 and 2004 begin before the 2nd
		{"", "2004-06-30", "2003-12-31 2004-02 2004-03 2004-03-05"},
		{"", "2004-12-31", "2003-12-31 2004 2004-02 2004-03 2004-03-05"},
		{"2005-01-01", "", "2005"},
		{"2006", "", ""},
	} {
		r, err := db.Quotes(ctx, verbatim.QuoteQuery{Since: c.since, Until: c.until, Limit: 100})
		if err != nil {
			t.Fatalf("since %q until %q: %v", c.since, c.until, err)
		}
		var got []string
		for _, h := range r.Quotes {
			got = append(got, strings.TrimPrefix(h.Text, "on "))
		}
		sort.Strings(got)
		if strings.Join(got, " ") != c.want || r.Total != len(got) {
			t.Errorf("since %q until %q: %v (total %d), want %q", c.since, c.until, got, r.Total, c.want)
		}
	}
}

// undatedSortApart: undated statements and articles come after the dated
// ones, oldest first in a timeline and newest first in a list; a speaker
// with no dated statement has no first and last day (issue 19: undated
// items are sorted apart, not among the oldest).
func undatedSortApart(t *testing.T, b Backend) {
	ctx := context.Background()
	db := b.Open(t)
	undated := NewDoc("undated", "Wire", "", `Keith Kellogg said "never dated". Ann Bell said "no date".`)
	kk := undated.Entity("Keith Kellogg", nil, "Keith Kellogg")
	undated.Quote("never dated", kk, "Keith Kellogg", "said", "")
	undated.Quote("no date", undated.Entity("Ann Bell", nil, "Ann Bell"), "Ann Bell", "said", "")
	put(t, db, append(Fixture(), undated.D)...)
	d, err := db.Speaker(ctx, "Keith Kellogg")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range d.Statements {
		got = append(got, string(h.SaidOn)+" "+h.Text)
	}
	if strings.Join(got, "|") != "2025-03-02 This is serious|2025-03-03 talks were constructive| the ceasefire must hold| never dated" ||
		d.First != "2025-03-02" || d.Last != "2025-04-10" {
		t.Errorf("timeline %q, first %q last %q: want oldest first, undated last", got, d.First, d.Last)
	}
	sp, err := db.Speakers(ctx, verbatim.SpeakerQuery{Text: "ann", Limit: 10})
	if err != nil || len(sp) != 1 || sp[0].First != "" || sp[0].Last != "" {
		t.Errorf("Ann Bell %+v %v: want no first or last day", sp, err)
	}
	r, err := db.Articles(ctx, verbatim.ArticleQuery{})
	if err != nil || len(r.Articles) != 3 || r.Articles[2].ID != "undated" {
		t.Errorf("articles %+v %v: want the undated one last", r.Articles, err)
	}
	// a story of a dated and an undated article: the undated one and its
	// statements come last
	put(t, db, StoryDoc("s-dated", "Wire", "2025-03-17", `Kyiv and Moscow resumed ceasefire talks to end the war in Ukraine; the envoy Keith Kellogg said "concessions were near".`, "Keith Kellogg", "concessions were near", "Keith Kellogg"),
		StoryDoc("s-undated", "Wire", "", `Kyiv and Moscow resumed ceasefire talks to end the war in Ukraine; the envoy Keith Kellogg said "talks would go on".`, "Keith Kellogg", "talks would go on", "Keith Kellogg"))
	if err := b.Group(ctx, db); err != nil {
		t.Fatal(err)
	}
	a, err := db.Article(ctx, "s-undated")
	if err != nil || len(a.Stories) != 1 {
		t.Fatalf("s-undated's stories: %+v %v", a, err)
	}
	s, err := db.Story(ctx, a.Stories[0].ID, verbatim.StoryPage{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.Statements); n < 2 || s.Statements[n-1].Text != "talks would go on" || s.Statements[n-1].SaidOn != "" {
		t.Errorf("story statements %+v: want the undated statement last", s.Statements)
	}
	if n := len(s.ArticleList); n < 2 || s.ArticleList[n-1].ID != "s-undated" {
		t.Errorf("story articles %+v: want the undated one last", s.ArticleList)
	}
}
