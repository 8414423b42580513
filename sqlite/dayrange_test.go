package sqlite

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// TestCoarseDatesInRange: a statement dated by its month or year is inside
// a since/until range when its whole month or year is (issue 19, defect 1:
// since=2004-01-01&until=2004-12-31 found 10 statements where
// since=2004&until=2004 found 47, from a comparison of the texts).
func TestCoarseDatesInRange(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	days := []string{"2003-12-31", "2004", "2004-02", "2004-03", "2004-03-05", "2005"}
	var text strings.Builder
	for _, d := range days {
		text.WriteString(`X said "on ` + d + `". `)
	}
	text.WriteString(`X said "undated".`)
	b := newDoc("coarse", "Wire", "", text.String())
	for _, d := range days {
		b.quote("on "+d, -1, "", "", d)
	}
	b.quote("undated", -1, "", "", "")
	if _, err := db.Put(ctx, []*verbatim.Doc{b.d}); err != nil {
		t.Fatal(err)
	}
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

// TestUndatedSortApart: undated statements and articles come after the
// dated ones, oldest first in a timeline and newest first in a list; a
// speaker with no dated statement has no first and last day (issue 19:
// undated items are sorted apart, not among the oldest).
func TestUndatedSortApart(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	undated := newDoc("undated", "Wire", "", `Keith Kellogg said "never dated". Ann Bell said "no date".`)
	kk := undated.entity("Keith Kellogg", nil, "Keith Kellogg")
	undated.quote("never dated", kk, "Keith Kellogg", "said", "")
	undated.quote("no date", undated.entity("Ann Bell", nil, "Ann Bell"), "Ann Bell", "said", "")
	if _, err := db.Put(ctx, append(fixture(), undated.d)); err != nil {
		t.Fatal(err)
	}
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
	db.SQL().Exec(`INSERT INTO stories(id, title) VALUES ('s1', 'Ceasefire')`)
	db.SQL().Exec(`INSERT INTO story_articles(story_id, article_id) SELECT 's1', id FROM articles`)
	s, err := db.Story(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.Timeline); n != 7 || s.Timeline[n-1].Published != "" || s.Timeline[n-2].Published != "" || s.Timeline[0].Text != "This is serious" {
		t.Errorf("story timeline %+v: want the undated statements last", s.Timeline)
	}
	if a := s.Articles; len(a) != 3 || a[2].ID != "undated" {
		t.Errorf("story articles %+v: want the undated one last", a)
	}
	sp, err := db.Speakers(ctx, "ann", 10)
	if err != nil || len(sp) != 1 || sp[0].First != "" || sp[0].Last != "" {
		t.Errorf("Ann Bell %+v %v: want no first or last day", sp, err)
	}
	r, err := db.Articles(ctx, verbatim.ArticleQuery{})
	if err != nil || len(r.Articles) != 3 || r.Articles[2].ID != "undated" {
		t.Errorf("articles %+v %v: want the undated one last", r.Articles, err)
	}
}
