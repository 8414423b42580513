package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// typed sets the type of an entity of the document.
func (b *Doc) typed(e int, t verbatim.EntityType) int {
	b.D.Entities[e].Type = t
	for _, m := range b.D.Entities[e].Mentions {
		b.D.Mentions[m].Type = t
	}
	return e
}

// Namesakes is a small library of namesakes written for these tests: Tony,
// Cherie and Ian Blair, Donald and Mary Trump, the party Labour, and an
// article that calls Tony Blair "Blair" only.
func Namesakes() []*verbatim.Doc {
	p1 := NewDoc("p1", "Wire", "2005-01-10", `Tony Blair said "we will win the vote on schools". "Schools come first," Blair said in Downing Street. Cherie Blair said "I am proud of him".`)
	tb := p1.Entity("Tony Blair", []string{"Prime Minister"}, "Tony Blair", "Blair")
	cb := p1.Entity("Cherie Blair", nil, "Cherie Blair")
	p1.Quote("we will win the vote on schools", tb, "Tony Blair", "said", "")
	p1.Quote("Schools come first", tb, "Blair", "said", "")
	p1.Quote("I am proud of him", cb, "Cherie Blair", "said", "")

	p2 := NewDoc("p2", "Daily", "2005-01-11", `Prime Minister Tony Blair said "taxes stay low" in Downing Street. Sir Ian Blair said "crime is down in London". Labour said "we are ready for the election".`)
	tb2 := p2.Entity("Tony Blair", []string{"Prime Minister"}, "Tony Blair")
	ib := p2.Entity("Ian Blair", []string{"Metropolitan Police Commissioner"}, "Ian Blair")
	lab := p2.typed(p2.Entity("Labour", nil, "Labour"), verbatim.Organization)
	p2.Quote("taxes stay low", tb2, "Prime Minister Tony Blair", "said", "")
	p2.Quote("crime is down in London", ib, "Ian Blair", "said", "")
	p2.Quote("we are ready for the election", lab, "Labour", "said", "")

	p3 := NewDoc("p3", "Wire", "2005-01-12", `Tony Blair said "one", "two", "three", "four", "five" and "six" about schools in Downing Street.`)
	tb3 := p3.Entity("Tony Blair", []string{"Prime Minister"}, "Tony Blair")
	for _, w := range []string{"one", "two", "three", "four", "five", "six"} {
		p3.Quote(w, tb3, "Tony Blair", "said", "")
	}

	p4 := NewDoc("p4", "Post", "2017-02-01", `President Donald Trump said "a great deal". Mary Trump said "I disagree with my uncle".`)
	dt := p4.Entity("Donald Trump", []string{"President"}, "Donald Trump")
	mt := p4.Entity("Mary Trump", nil, "Mary Trump")
	p4.Quote("a great deal", dt, "President Donald Trump", "said", "")
	p4.Quote("I disagree with my uncle", mt, "Mary Trump", "said", "")

	// "Blair" alone, with the Prime Minister's context: the resolver makes
	// it Tony Blair, so the row, the page and the search must count it
	p5 := NewDoc("p5", "Post", "2005-01-13", `Blair said "more to do on schools" in Downing Street, with Cherie Blair beside him.`)
	b5 := p5.Entity("Blair", nil, "Blair")
	p5.Entity("Cherie Blair", nil, "Cherie Blair")
	p5.Quote("more to do on schools", b5, "Blair", "said", "")
	return []*verbatim.Doc{p1.D, p2.D, p3.D, p4.D, p5.D}
}

// grouped opens a library of the backend with the family stored and
// grouped.
func grouped(t *testing.T, b Backend) verbatim.Store {
	t.Helper()
	db := b.Open(t)
	put(t, db, Namesakes()...)
	if err := b.Group(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

// Agree checks that every row of the speakers list has the counts of its
// page and of a search by its id, and returns the rows.
func Agree(t *testing.T, db verbatim.Store) []verbatim.SpeakerSummary {
	t.Helper()
	ctx := context.Background()
	list, err := db.Speakers(ctx, verbatim.SpeakerQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range list {
		page, err := db.Speaker(ctx, row.ID)
		if err != nil {
			t.Fatalf("page of %s: %v", row.ID, err)
		}
		res, err := db.Quotes(ctx, verbatim.QuoteQuery{Speaker: row.ID, Limit: 1000})
		if err != nil {
			t.Fatalf("search by %s: %v", row.ID, err)
		}
		if page.SpeakerSummary != row || len(page.Statements) != row.Quotes || res.Total != row.Quotes {
			t.Errorf("%s: list %+v, page %+v with %d statements, search %d", row.ID, row, page.SpeakerSummary, len(page.Statements), res.Total)
		}
	}
	return list
}

func oneRowPerSpeaker(t *testing.T, b Backend) {
	db := grouped(t, b)
	ctx := context.Background()
	list := Agree(t, db)
	var tony []verbatim.SpeakerSummary
	for _, r := range list {
		if strings.HasSuffix(r.Name, "Blair") && !strings.Contains(r.Name, "Cherie") && !strings.Contains(r.Name, "Ian") {
			tony = append(tony, r)
		}
	}
	// 2 + 1 + 6 + "Blair" alone
	if len(tony) != 1 || tony[0].Name != "Tony Blair" || tony[0].Quotes != 10 || tony[0].Articles != 4 {
		t.Fatalf("Tony Blair rows %+v (list %+v)", tony, list)
	}
	// the full name gives the same row
	res, err := db.Quotes(ctx, verbatim.QuoteQuery{Speaker: "Tony Blair"})
	if err != nil || res.Total != 10 {
		t.Fatalf("search Tony Blair: %d, %v", res.Total, err)
	}
	// more quotes keep the three in agreement
	more := NewDoc("p6", "Wire", "2005-01-14", `Tony Blair said "the vote is won" in Downing Street.`)
	more.Quote("the vote is won", more.Entity("Tony Blair", []string{"Prime Minister"}, "Tony Blair"), "Tony Blair", "said", "")
	put(t, db, more.D)
	if err := b.Group(ctx, db); err != nil {
		t.Fatal(err)
	}
	list = Agree(t, db)
	if list[0].Name != "Tony Blair" || list[0].Quotes != 11 || list[0].Articles != 5 || list[0].Last != "2005-01-14" {
		t.Fatalf("after one more article: %+v", list[0])
	}
}

func surnameAsksWhichPerson(t *testing.T, b Backend) {
	db := grouped(t, b)
	ctx := context.Background()
	_, err := db.Speaker(ctx, "Blair")
	var ae *verbatim.AmbiguousError
	if !errors.As(err, &ae) {
		t.Fatalf("Blair: want the candidates, got %v", err)
	}
	var names []string
	for _, c := range ae.Candidates {
		names = append(names, c.Name)
	}
	if want := []string{"Tony Blair", "Cherie Blair", "Ian Blair"}; !slices.Equal(names, want) {
		t.Fatalf("candidates %q, want %q (most quoted first)", names, want)
	}
	if _, err := db.Quotes(ctx, verbatim.QuoteQuery{Speaker: "blair", Text: "schools"}); !errors.As(err, &ae) || len(ae.Candidates) != 3 {
		t.Fatalf("search by blair: %v", err)
	}
	// each candidate's id finds it
	for _, c := range ae.Candidates {
		if sp, err := db.Speaker(ctx, c.ID); err != nil || sp.Name != c.Name || sp.Quotes != c.Quotes {
			t.Errorf("%s: %+v %v", c.ID, sp, err)
		}
	}
	// a type that only one of the namesakes has decides
	if _, err := db.Quotes(ctx, verbatim.QuoteQuery{Speaker: "Blair", SpeakerType: verbatim.Organization}); !errors.Is(err, nil) {
		t.Fatalf("no organisation Blair: %v", err)
	}
}

func honorificsAndTitles(t *testing.T, b Backend) {
	db := grouped(t, b)
	ctx := context.Background()
	for q, want := range map[string]string{
		"Mr Blair":             "Tony Blair", // not Cherie; Ian Blair has a tenth of the statements
		"Mr. Tony Blair":       "Tony Blair",
		"Prime Minister Blair": "Tony Blair", // the role the articles gave him
		"Mrs Blair":            "Cherie Blair",
		"Sir Ian Blair":        "Ian Blair",
		"President Trump":      "Donald Trump",
		"president trump":      "Donald Trump",
		"Ms Trump":             "Mary Trump",
		"Labour":               "Labour",
	} {
		sp, err := db.Speaker(ctx, q)
		if err != nil || sp.Name != want {
			t.Errorf("%q: %v %v, want %s", q, sp, err, want)
			continue
		}
		res, err := db.Quotes(ctx, verbatim.QuoteQuery{Speaker: q})
		if err != nil || res.Total != sp.Quotes {
			t.Errorf("search %q: %d, %v; page %d", q, res.Total, err, sp.Quotes)
		}
	}
	if _, err := db.Speaker(ctx, "Trump"); !errors.As(err, new(*verbatim.AmbiguousError)) {
		t.Errorf("Trump alone: %v, want the candidates", err)
	}
	if _, err := db.Speaker(ctx, "Mr Nobody"); !errors.Is(err, verbatim.ErrNotFound) {
		t.Errorf("Mr Nobody: %v", err)
	}
}

func peopleAndOrganisationsApart(t *testing.T, b Backend) {
	db := grouped(t, b)
	ctx := context.Background()
	orgs, err := db.Speakers(ctx, verbatim.SpeakerQuery{Type: verbatim.Organization})
	if err != nil || len(orgs) != 1 || orgs[0].Name != "Labour" || orgs[0].Type != verbatim.Organization {
		t.Fatalf("organisations %+v %v", orgs, err)
	}
	people, err := db.Speakers(ctx, verbatim.SpeakerQuery{Type: verbatim.Person})
	if err != nil || len(people) != 5 {
		t.Fatalf("people %+v %v", people, err)
	}
	for _, p := range people {
		if p.Type != verbatim.Person {
			t.Errorf("not a person: %+v", p)
		}
	}
	res, err := db.Quotes(ctx, verbatim.QuoteQuery{SpeakerType: verbatim.Organization})
	if err != nil || res.Total != 1 || res.Quotes[0].Speaker != "Labour" {
		t.Fatalf("statements of organisations %+v %v", res, err)
	}
	res, err = db.Quotes(ctx, verbatim.QuoteQuery{SpeakerType: verbatim.Person})
	if err != nil || res.Total != 14 {
		t.Fatalf("statements of people: %d %v", res.Total, err)
	}
	// the list's name filter matches the start of any name form
	bl, err := db.Speakers(ctx, verbatim.SpeakerQuery{Text: "blai"})
	if err != nil || len(bl) != 3 {
		t.Fatalf("blai: %+v %v", bl, err)
	}
}

// Articles stored without grouping (ingest --no-stories) are counted by
// name until they are grouped; list, page and search agree all along.
func ungroupedSpeakers(t *testing.T, b Backend) {
	db := b.Open(t)
	ctx := context.Background()
	if _, err := db.Put(ctx, Namesakes()); err != nil {
		t.Fatal(err)
	}
	list := Agree(t, db)
	if len(list) == 0 || list[0].ID != "name:tony blair" || list[0].Quotes != 9 {
		t.Fatalf("ungrouped list %+v", list)
	}
	if _, err := db.Speaker(ctx, "Blair"); !errors.As(err, new(*verbatim.AmbiguousError)) {
		t.Fatalf("Blair before grouping: %v", err)
	}
	if err := b.Group(ctx, db); err != nil {
		t.Fatal(err)
	}
	if list = Agree(t, db); list[0].ID != "person:tony-blair" || list[0].Quotes != 10 {
		t.Fatalf("grouped list %+v", list)
	}
}
