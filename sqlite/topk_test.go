package sqlite

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/internal/storekit"
	"github.com/verbatim-news/verbatim/pipeline"
)

// TestSearchPagesUnchanged: the pages of a search by words ordered by date
// (read by the day zone map, topk.go) and counted with an estimate are the
// pages a full sort gives, in a library stored in date order (the scan
// stops early) and in one stored in random date order (it reads on); pages
// followed by cursor are the pages of offsets; an estimated total is near
// the exact count.
func TestSearchPagesUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: analyses 300 generated articles")
	}
	docs := benchdata.Prepare(benchdata.Articles(5, 300), pipeline.Stages())
	ctx := context.Background()
	for _, chrono := range []bool{false, true} {
		if chrono {
			sort.SliceStable(docs, func(i, j int) bool { return docs[i].Article.Published < docs[j].Article.Published })
		}
		db, err := Open(filepath.Join(t.TempDir(), "p.db"))
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(docs); i += 100 {
			if _, err := db.Put(ctx, docs[i:min(i+100, len(docs))]); err != nil {
				t.Fatal(err)
			}
		}
		words := commonWords(t, db, 4)
		for _, w := range words {
			for _, sort := range []string{verbatim.SortNewest, verbatim.SortOldest, verbatim.SortAdded, verbatim.SortRelevance} {
				qq := verbatim.QuoteQuery{Text: w, Sort: sort, Limit: 7}
				want := referencePage(t, db, qq, 0, 1<<30)
				exact := len(want)
				var got []int64
				res, err := db.Quotes(ctx, qq)
				if err != nil {
					t.Fatal(err)
				}
				if res.Approximate {
					if res.TotalEstimate < exact/2 || res.TotalEstimate > exact*2 {
						t.Errorf("%q: estimate %d, exact %d", w, res.TotalEstimate, exact)
					}
				} else if res.Total != exact {
					t.Errorf("%q %s: total %d, want %d", w, sort, res.Total, exact)
				}
				for pages := 0; ; pages++ {
					for _, h := range res.Quotes {
						got = append(got, h.ID)
					}
					off := referencePage(t, db, verbatim.QuoteQuery{Text: w, Sort: sort, Limit: 7, Offset: 7 * (pages + 1)}, 0, 0)
					if res.Next == "" || pages > 12 {
						break
					}
					qq.Cursor = res.Next
					if res, err = db.Quotes(ctx, qq); err != nil {
						t.Fatal(err)
					}
					// the page by cursor is the page by offset
					var ids []int64
					for _, h := range res.Quotes {
						ids = append(ids, h.ID)
					}
					if !equalIDs(ids, off) {
						t.Fatalf("chrono %v %q %s page %d: by cursor %v, by offset %v", chrono, w, sort, pages+1, ids, off)
					}
				}
				if len(want) > len(got) {
					want = want[:len(got)]
				}
				if !equalIDs(got, want) {
					t.Fatalf("chrono %v %q %s: pages %v, a full sort gives %v", chrono, w, sort, got, want)
				}
			}
		}
		db.Close()
	}
}

// referencePage reads a page of a quote search with the plan's order and
// a full sort (the way search read every page before), or, with limit 0,
// through Quotes with an offset.
func referencePage(t *testing.T, db *DB, qq verbatim.QuoteQuery, offset, limit int) []int64 {
	t.Helper()
	ctx := context.Background()
	if limit == 0 {
		res, err := db.Quotes(ctx, qq)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, h := range res.Quotes {
			ids = append(ids, h.ID)
		}
		return ids
	}
	p, err := db.planQuotes(ctx, qq)
	if err != nil {
		t.Fatal(err)
	}
	order := p.order
	if qq.Sort == verbatim.SortAdded {
		order = `q.id DESC`
	}
	rows, err := db.db.QueryContext(ctx, `SELECT q.id FROM `+p.from+p.whereSQL()+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(p.args, limit, offset)...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

// commonWords returns n words of the stored quotes, most frequent first.
func commonWords(t *testing.T, db *DB, n int) []string {
	rows, err := db.db.Query(`SELECT text FROM quotes`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	freq := map[string]int{}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		for _, w := range strings.Fields(storekit.Fold(s)) {
			w = strings.Trim(w, `.,;:"'!?()`)
			if len(w) >= 4 && strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) < 0 {
				freq[w]++
			}
		}
	}
	var ws []string
	for w := range freq {
		ws = append(ws, w)
	}
	sort.Slice(ws, func(i, j int) bool { return freq[ws[i]] > freq[ws[j]] || freq[ws[i]] == freq[ws[j]] && ws[i] < ws[j] })
	if len(ws) == 0 {
		t.Fatal("no quotes stored")
	}
	return ws[:min(n, len(ws))]
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
