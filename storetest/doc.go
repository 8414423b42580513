// Package storetest is the contract every library backend passes: one
// suite of behaviours (idempotent storage, search semantics, speakers,
// articles, stories) run against each Store — package sqlite and package
// postgres call Run from their tests. A behaviour added to the Store is
// tested here, once, for both.
package storetest

import (
	"strings"

	"github.com/verbatim-news/verbatim"
)

// Doc builds an analysed document by hand, so that store tests do not
// depend on the quality of the analysis stages.
type Doc struct{ D *verbatim.Doc }

// NewDoc starts a document with its text (the cleaned text is the same).
func NewDoc(id, outlet, published, text string) *Doc {
	d := verbatim.NewDoc(verbatim.Article{ID: id, Outlet: outlet, Published: published, Title: "Title of " + id, Text: text})
	d.Clean = text
	return &Doc{d}
}

// Span is the nth occurrence (from 0) of s in the text.
func (b *Doc) Span(s string, nth int) verbatim.Span {
	off := 0
	for {
		i := strings.Index(b.D.Text[off:], s)
		if i < 0 {
			panic("fixture: no " + s)
		}
		if nth == 0 {
			return verbatim.Span{Start: off + i, End: off + i + len(s)}
		}
		nth--
		off += i + len(s)
	}
}

// Entity adds a person with name mentions (each string's first
// occurrence) and returns its index.
func (b *Doc) Entity(name string, roles []string, mentions ...string) int {
	e := verbatim.Entity{Name: name, Type: verbatim.Person, Roles: roles}
	idx := len(b.D.Entities)
	for _, m := range mentions {
		sp := b.Span(m, 0)
		b.D.Mentions = append(b.D.Mentions, verbatim.Mention{Span: sp, Text: m, Type: verbatim.Person, Entity: idx})
		e.Mentions = append(e.Mentions, len(b.D.Mentions)-1)
	}
	b.D.Entities = append(b.D.Entities, e)
	return idx
}

// Quote adds a direct quote of content by the entity speaker (-1: none),
// its speaker mention via, its cue and its date.
func (b *Doc) Quote(content string, speaker int, via, cue, saidOn string) {
	q := verbatim.Quote{Span: b.Span(content, 0), Type: verbatim.Direct, Speaker: speaker, SaidOn: saidOn, Confidence: 0.9}
	if via != "" {
		q.SpeakerAt = b.Span(via, 0)
	}
	if cue != "" {
		q.Cue = b.Span(cue, 0)
	}
	b.D.Quotes = append(b.D.Quotes, q)
}

// Fixture is two articles: five quotes by two speakers (one written two
// ways), accents, two outlets, dates in March and April 2025.
func Fixture() []*verbatim.Doc {
	a := NewDoc("geneva", "Wire", "2025-03-03",
		`Mélanie Dubois said "a ceasefire is within reach". Keith Kellogg said "talks were constructive". "This is serious," Kellog added.`)
	md := a.Entity("Mélanie Dubois", []string{"French foreign minister"}, "Mélanie Dubois")
	kk := a.Entity("Keith Kellogg", []string{"U.S. envoy"}, "Keith Kellogg", "Kellog")
	a.Quote("a ceasefire is within reach", md, "Mélanie Dubois", "said", "2025-03-03")
	a.Quote("talks were constructive", kk, "Keith Kellogg", "said", "2025-03-03")
	a.Quote("This is serious", kk, "Kellog", "added", "2025-03-02")
	a.D.Dates = []verbatim.Date{{Span: verbatim.Span{Start: 0, End: 7}, Value: "2025-03-03"}}

	b := NewDoc("kyiv", "Daily", "2025-04-10",
		`Keith Kellogg said "the ceasefire must hold". An official said "no comment".`)
	kk2 := b.Entity("Keith Kellogg", nil, "Keith Kellogg")
	b.Quote("the ceasefire must hold", kk2, "Keith Kellogg", "said", "")
	b.Quote("no comment", -1, "", "said", "")
	return []*verbatim.Doc{a.D, b.D}
}

// StoryDoc builds an analysed article by hand: one person entity per name
// (one mention each) and a quote of the given speaker.
func StoryDoc(id, outlet, published, text, speaker, quote string, names ...string) *verbatim.Doc {
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

// StoryDocs are three articles: two about ceasefire talks quoting one
// statement of Keith Kellogg (written "Kellog" in the second), and one
// about gardening.
func StoryDocs() []*verbatim.Doc {
	q := "I think both sides will give a little bit"
	return []*verbatim.Doc{
		StoryDoc("a", "Moscow Times", "2025-02-03", `Keith Kellogg, the envoy for Ukraine, told Fox News that Kyiv and Moscow would make concessions in ceasefire talks to end the war. "`+q+`," he said of the negotiations over Ukraine and Russia.`, "Keith Kellogg", q, "Keith Kellogg"),
		StoryDoc("b", "Dawn", "2025-03-17", `The envoy Kellog repeated that Kyiv and Moscow must make concessions in ceasefire talks to end the war in Ukraine. "`+q+`," Kellog said about the negotiations with Russia.`, "Kellog", q, "Kellog"),
		StoryDoc("c", "Garden Weekly", "2025-03-01", `Tulips and daffodils should be planted in autumn in well drained soil, six inches deep, pointed end up, in a sunny border.`, "", ""),
	}
}
