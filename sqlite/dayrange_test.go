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
