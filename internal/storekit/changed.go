package storekit

import (
	"github.com/verbatim-news/verbatim/stories"
)

// Changed is what a commit rewrites of a library's story tables: the rows
// of the stories and statements the clusterer reports changed
// (stories.Clusterer.TakeChanges) and the ids of those gone, and every
// topic row (a topic's totals follow its stories; topics are few).
type Changed struct {
	Stories        map[string]Story
	GoneStories    []string
	Statements     map[string]Statement
	GoneStatements []string
	Topics         map[string]Topic
}

// ChangedRows returns the rows that changed since the last call (all: every
// row, for empty tables).
func ChangedRows(c *stories.Clusterer, ids IDs, all bool) *Changed {
	arts := c.Articles()
	var reps []QuoteOf
	ch := c.TakeChanges(all, func(rep *stories.QuoteRef, k int) {
		if i, ok := ids.Index(rep.Article); ok {
			reps = append(reps, QuoteOf{int32(k), rep.Syndicated, ids.Quote(i, rep.Quote)})
		}
	})
	r := &Changed{Stories: make(map[string]Story, len(ch.Stories)), GoneStories: ch.GoneStories,
		Statements: make(map[string]Statement, len(ch.Statements)), GoneStatements: ch.GoneStatements}
	var sb storyRows
	name := func(id string) string {
		if e := c.Resolver.Get(id); e != nil {
			return e.Name
		}
		return ""
	}
	for _, st := range ch.Stories {
		r.Stories[st.ID] = sb.row(st, arts, ids, name)
	}
	lists := QuoteLists(reps, len(ch.Statements))
	for k, st := range ch.Statements {
		r.Statements[st.ID] = Statement{st.Story, st.Speaker, st.SpeakerName, st.Text, st.SaidOn, JoinOutlets(st.Outlets), lists[k], st.Count}
	}
	r.Topics = TopicRows(c)
	return r
}

// TopicRows returns the row of every topic.
func TopicRows(c *stories.Clusterer) map[string]Topic {
	out := map[string]Topic{}
	totals := c.TopicTotals()
	for _, t := range c.Topics() {
		tt := totals[t.ID]
		out[t.ID] = Topic{Label: t.Label, Stories: len(t.Stories), Articles: tt.Articles, Last: tt.Last}
	}
	return out
}
