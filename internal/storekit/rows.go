package storekit

import (
	"strconv"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/stories"
)

// Rows is what a library's story tables hold for a clusterer state:
// stories, topics, the story of each article, persons (cross-article
// identities) with their entities and name forms, and statements with
// their reports.
type Rows struct {
	Stories    map[string]Story
	Topics     map[string]Topic
	StoryOf    []string // story of each article, in clusterer order
	Persons    map[string]Person
	Members    map[string][]int64         // identity -> its entities' ids, in article order
	Aliases    map[string]map[string]bool // person (with two entities or more) -> folded name forms
	Decisions  int                        // records of the decisions written (a backend's log)
	Statements map[string]Statement
}

// Story is a row of stories: what a listing sorts by and shows without
// reading the story's articles.
type Story struct {
	Title, Topic, First, Last string
	Size, Outlets, Seq        int    // articles, distinct outlets, creation number (s12 -> 12)
	People                    string // JSON [[person id, name, mentions], ...], most mentioned first
}

// Topic is a row of topics.
type Topic struct {
	Label, Last       string
	Stories, Articles int
}

// storyPeople is how many persons a story row lists.
const storyPeople = 12

// Person is a row of persons.
type Person struct {
	Name, Type string
	Articles   int
}

// Statement is a row of statements.
type Statement struct {
	Story, Person, Speaker, Text, SaidOn, Outlets string
	Quotes                                        string // QuoteLists
	Reports                                       int
}

// IDs maps the clusterer's articles to the database: the id of entity k
// and of quote k of the article at index i (clusterer order), and the index
// of an article by its id.
type IDs interface {
	Entity(i, k int) int64
	Quote(i, k int) int64
	Index(article string) (int, bool)
}

// RowsOf returns the rows of the clusterer's state.
func RowsOf(c *stories.Clusterer, ids IDs) *Rows {
	r := &Rows{Stories: map[string]Story{}, Topics: map[string]Topic{}, Persons: map[string]Person{}, Members: map[string][]int64{},
		Aliases: map[string]map[string]bool{}, Statements: map[string]Statement{}}
	arts := c.Articles()
	names := make(map[string]string, len(c.Resolver.Entities))
	for _, e := range c.Resolver.Entities {
		names[e.ID] = e.Name
	}
	var sb storyRows
	for _, st := range c.Stories() {
		r.Stories[st.ID] = sb.row(st, arts, ids, func(id string) string { return names[id] })
	}
	for _, t := range c.Topics() {
		tr := Topic{Label: t.Label, Stories: len(t.Stories)}
		for _, id := range t.Stories {
			s := r.Stories[id]
			tr.Articles += s.Size
			tr.Last = max(tr.Last, s.Last)
		}
		r.Topics[t.ID] = tr
	}
	r.StoryOf = make([]string, len(arts))
	for i, a := range arts {
		r.StoryOf[i] = a.Story
		for k, pid := range a.Entities {
			if pid != "" {
				r.Members[pid] = append(r.Members[pid], ids.Entity(i, k))
			}
		}
	}
	for _, e := range c.Resolver.Entities {
		r.Persons[e.ID] = Person{e.Name, string(e.Type), e.Articles}
		if e.Type != verbatim.Person || len(r.Members[e.ID]) < 2 {
			continue
		}
		set := make(map[string]bool, len(e.Aliases)+1)
		for alias := range e.Aliases {
			if f := Fold(alias); f != "" {
				set[f] = true
			}
		}
		if f := Fold(e.Name); f != "" {
			set[f] = true
		}
		r.Aliases[e.ID] = set
	}
	var reps []QuoteOf
	sts := c.Summaries(func(rep *stories.QuoteRef, k int) {
		if i, ok := ids.Index(rep.Article); ok {
			reps = append(reps, QuoteOf{int32(k), rep.Syndicated, ids.Quote(i, rep.Quote)})
		}
	})
	lists := QuoteLists(reps, len(sts))
	for k, st := range sts {
		r.Statements[st.ID] = Statement{st.Story, st.Speaker, st.SpeakerName, st.Text, st.SaidOn, JoinOutlets(st.Outlets), lists[k], st.Count}
	}
	return r
}

// storyRows builds story rows, reusing its scratch.
type storyRows struct {
	outlets map[string]bool
	people  []byte
}

// row returns the row of story st (filled), whose articles are arts (by
// ids.Index), naming its persons by name.
func (b *storyRows) row(st *stories.Story, arts []*stories.Article, ids IDs, name func(string) string) Story {
	if b.outlets == nil {
		b.outlets = map[string]bool{}
	}
	clear(b.outlets)
	for _, id := range st.Articles {
		if i, ok := ids.Index(id); ok && arts[i].Outlet != "" {
			b.outlets[arts[i].Outlet] = true
		}
	}
	people := append(b.people[:0], '[')
	for k, id := range st.People[:min(len(st.People), storyPeople)] {
		if k > 0 {
			people = append(people, ',')
		}
		people = append(people, '[')
		people = AppendJSONString(people, id)
		people = append(people, ',')
		people = AppendJSONString(people, name(id))
		people = append(people, ',')
		people = strconv.AppendInt(people, int64(st.Mentions[k]), 10)
		people = append(people, ']')
	}
	people = append(people, ']')
	b.people = people
	seq, _ := strconv.Atoi(strings.TrimPrefix(st.ID, "s"))
	return Story{Title: st.Title, Topic: st.Topic, First: st.First, Last: st.Last,
		Size: len(st.Articles), Outlets: len(b.outlets), Seq: seq, People: string(people)}
}

// NewAliases calls add for every (folded name form, entity) pair that cur
// has and prev had not: every name form of a person becomes an alias of
// each of its entities.
func NewAliases(prev, cur *Rows, add func(alias string, entity int64)) {
	for pid, set := range cur.Aliases {
		members, oldSet := cur.Members[pid], prev.Aliases[pid]
		oldMembers := 0
		if oldSet != nil {
			oldMembers = len(prev.Members[pid])
		}
		for f := range set {
			from := oldMembers // a known form: only the new entities need it
			if !oldSet[f] {
				from = 0
			}
			for _, eid := range members[from:] {
				add(f, eid)
			}
		}
	}
}

// QuoteOf is one report of a statement: the statement's index, the quote.
type QuoteOf struct {
	Statement  int32
	Syndicated bool
	Quote      int64
}

// QuoteLists returns each of n statements' list of reports (reps in
// report order), built in one buffer: quote ids in the order they were
// added, comma-separated, a syndicated copy's id followed by "s" (e.g.
// "1042,1187s,2210").
func QuoteLists(reps []QuoteOf, n int) []string {
	// counting sort by statement keeps each statement's reports in order
	start := make([]int32, n+1)
	for _, r := range reps {
		start[r.Statement+1]++
	}
	for k := range n {
		start[k+1] += start[k]
	}
	sorted := make([]QuoteOf, len(reps))
	at := append([]int32(nil), start[:n]...)
	for _, r := range reps {
		sorted[at[r.Statement]] = r
		at[r.Statement]++
	}
	buf := make([]byte, 0, 8*len(reps))
	ends := make([]int, n)
	for k := range n {
		for i, r := range sorted[start[k]:start[k+1]] {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = strconv.AppendInt(buf, r.Quote, 10)
			if r.Syndicated {
				buf = append(buf, 's')
			}
		}
		ends[k] = len(buf)
	}
	s := string(buf)
	out := make([]string, n)
	from := 0
	for k, e := range ends {
		out[k], from = s[from:e], e
	}
	return out
}
