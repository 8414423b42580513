package stories

import (
	"fmt"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// storyRow and statementRow are what a library would store of a story and
// a statement.
func storyRow(c *Clusterer, s *Story) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%s|%d|", s.Title, s.Topic, s.First, s.Last, len(s.Articles))
	for k, id := range s.People {
		fmt.Fprintf(&b, "%s=%s:%d,", id, c.Resolver.Get(id).Name, s.Mentions[k])
	}
	return b.String()
}

func statementRows(sts []Statement, reps map[int][]string) map[string]string {
	out := map[string]string{}
	for k, st := range sts {
		out[st.ID] = fmt.Sprintf("%s|%s|%s|%s|%v|%d|%v", st.Story, st.Speaker, st.Text, st.SaidOn, st.Outlets, st.Count, reps[k])
	}
	return out
}

func summaries(c *Clusterer) (map[string]string, map[string]string) {
	reps := map[int][]string{}
	sts := c.Summaries(func(r *QuoteRef, k int) { reps[k] = append(reps[k], fmt.Sprintf("%s/%d", r.Article, r.Quote)) })
	rows := map[string]string{}
	for _, s := range c.Stories() {
		rows[s.ID] = storyRow(c, s)
	}
	return rows, statementRows(sts, reps)
}

// TestChangesKeepRowsCurrent: rows rewritten only where TakeChanges says
// (stories joined, regrouped, given another topic or naming a renamed
// person; statements linked again; stories and statements gone deleted)
// are, after every commit, the rows of the whole state.
func TestChangesKeepRowsCurrent(t *testing.T) {
	fs := signed(eventFeatures(9, 1500, 23), 9)
	// the persons of every third event are named by surname only, until
	// an article long after names them in full (a rename of the person a
	// closed story lists)
	event := func(f *Features) int {
		var e int
		fmt.Sscanf(f.Title, "report w%dx", &e)
		return e
	}
	var full []string
	for i, f := range fs {
		if len(f.Entities) == 0 {
			continue
		}
		if event(f)%3 == 0 {
			full = append(full, f.Entities[0].Name)
			e := f.Entities[0]
			e.Name = e.Name[strings.LastIndexByte(e.Name, ' ')+1:]
			f.Entities = []EntityFeature{e}
		}
		if i%50 == 25 && len(full) > 20 {
			f.Entities = append(f.Entities, EntityFeature{Name: full[len(full)-20], Type: verbatim.Person, Mentions: 2})
		}
	}
	// every 40th article reports two events at once (their stories merge)
	// and joins a statement of each into one quote (the statements merge)
	for i := 39; i < len(fs); i += 40 {
		a, b := fs[i-1], fs[i-4]
		f := *a
		f.Terms = append(append([]string{}, a.Terms...), b.Terms...)
		f.Counts = append(append([]int32{}, a.Counts...), b.Counts...)
		f.Quotes = append(append([]QuoteFeature{}, a.Quotes...), b.Quotes...)
		f.Quotes = append(f.Quotes, QuoteFeature{Text: a.Quotes[0].Text + " " + b.Quotes[0].Text, Speaker: -1})
		f.Sig = nil
		seen := map[string]bool{}
		k := 0
		for j, t := range f.Terms {
			if !seen[t] {
				seen[t] = true
				f.Terms[k], f.Counts[k] = t, f.Counts[j]
				k++
			}
		}
		f.Terms, f.Counts = f.Terms[:k], f.Counts[:k]
		fs[i] = &f
	}
	c := New(Options{})
	c.TrackChanges()
	stories, statements := map[string]string{}, map[string]string{}
	gone, renamed, written, total := 0, 0, 0, 0
	names := map[string]string{}
	for i, f := range fs {
		c.AddFeatures(f, fmt.Sprintf("a%d", i))
		if i%97 != 96 && i != len(fs)-1 {
			continue
		}
		c.Consolidate()
		for _, e := range c.Resolver.Entities {
			if old, ok := names[e.ID]; ok && old != e.Name {
				renamed++
			}
			names[e.ID] = e.Name
		}
		reps := map[int][]string{}
		ch := c.TakeChanges(false, func(r *QuoteRef, k int) { reps[k] = append(reps[k], fmt.Sprintf("%s/%d", r.Article, r.Quote)) })
		for _, s := range ch.Stories {
			stories[s.ID] = storyRow(c, s)
		}
		for _, id := range ch.GoneStories {
			delete(stories, id)
		}
		for id, row := range statementRows(ch.Statements, reps) {
			statements[id] = row
		}
		for _, id := range ch.GoneStatements {
			delete(statements, id)
		}
		gone += len(ch.GoneStories) + len(ch.GoneStatements)
		written += len(ch.Stories) + len(ch.Statements)
		wantStories, wantStatements := summaries(c)
		total += len(wantStories) + len(wantStatements)
		for id, row := range wantStories {
			if stories[id] != row {
				t.Fatalf("after article %d: story %s is\n%q, want\n%q", i, id, stories[id], row)
			}
		}
		for id, row := range wantStatements {
			if statements[id] != row {
				t.Fatalf("after article %d: statement %s is\n%q, want\n%q", i, id, statements[id], row)
			}
		}
		if len(stories) != len(wantStories) || len(statements) != len(wantStatements) {
			t.Fatalf("after article %d: %d stories and %d statements kept, want %d and %d", i, len(stories), len(statements), len(wantStories), len(wantStatements))
		}
	}
	if gone == 0 || renamed == 0 || written*2 > total {
		t.Fatalf("%d rows gone, %d of %d rewritten: the test does not exercise changes", gone, written, total)
	}
	t.Logf("%d of %d rows rewritten, %d gone, %d renames", written, total, gone, renamed)
}
