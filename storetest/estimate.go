package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// estimatedTotal: a search by words with more matches than a store counts
// one by one (1,000) says its total is an estimate, near the exact count;
// fewer are counted exactly.
func estimatedTotal(t *testing.T, b Backend) {
	if testing.Short() {
		t.Skip("-short: stores 1,500 quotes")
	}
	db := b.Open(t)
	ctx := context.Background()
	var docs []*verbatim.Doc
	for i := range 150 {
		text := ""
		for j := range 10 {
			text += fmt.Sprintf(`Ann Lee said "the harvest was good in field %d-%d". `, i, j)
		}
		d := NewDoc(fmt.Sprintf("e%03d", i), "Wire", fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28), text)
		al := d.Entity("Ann Lee", nil, "Ann Lee")
		for j := range 10 {
			d.Quote(fmt.Sprintf("the harvest was good in field %d-%d", i, j), al, "Ann Lee", "said", "")
		}
		docs = append(docs, d.D)
	}
	put(t, db, docs...)
	r, err := db.Quotes(ctx, verbatim.QuoteQuery{Text: "harvest"})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Approximate || r.TotalEstimate != r.Total || r.Total < 750 || r.Total > 3000 || len(r.Quotes) != 20 {
		t.Errorf("1,500 matches: total %d, %+v, %d listed", r.Total, r.Count, len(r.Quotes))
	}
	r, err = db.Quotes(ctx, verbatim.QuoteQuery{Text: "harvest", Since: "2025-01-01", Until: "2025-01-31"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Approximate || r.Total != 130 {
		t.Errorf("130 matches: total %d, %+v", r.Total, r.Count)
	}
}
