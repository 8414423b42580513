package storekit

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// What both stores share of their story queries: the orders of a story
// listing, the pages of a story, a story row's people, and a statement's
// list of reports.

// StoryCols are the columns of a story summary (stories s, topics t): id,
// title, topic and its label, first and last day, size, outlets, people.
const StoryCols = `s.id, s.title, s.topic, coalesce(t.label, ''), s.first, s.last, s.size, s.outlets, s.people`

// StoryOrder is the ORDER BY clause of a story listing (stories s):
// "recent" (or "") latest publication first, undated last (an undated
// story's last is "", which sorts last when descending); "size" most
// articles first. Another sort is the user's error.
func StoryOrder(sort string) (string, error) {
	switch sort {
	case "", "recent":
		return ` ORDER BY s.last DESC, s.size DESC, s.seq`, nil
	case "size":
		return ` ORDER BY s.size DESC, s.last DESC, s.seq`, nil
	}
	return "", &verbatim.QueryError{Msg: `sort: "recent" or "size", not "` + sort + `"`}
}

// StoryPageBounds bounds the pages of a story: its statements (50 by
// default) and its articles (20), at most 1,000 each.
func StoryPageBounds(p verbatim.StoryPage) (limit, offset, articleLimit, articleOffset int) {
	limit, offset = p.Limit, p.Offset
	if limit <= 0 {
		limit = 50
	}
	articleLimit, articleOffset = p.ArticleLimit, p.ArticleOffset
	if articleLimit <= 0 {
		articleLimit = 20
	}
	limit, offset = Page(limit, offset)
	articleLimit, articleOffset = Page(articleLimit, articleOffset)
	return
}

// ParseStoryPeople reads a story row's people: [[id, name, mentions], ...].
func ParseStoryPeople(s string) []verbatim.StoryPerson {
	var raw [][3]any
	if s == "" || json.Unmarshal([]byte(s), &raw) != nil || len(raw) == 0 {
		return nil
	}
	out := make([]verbatim.StoryPerson, 0, len(raw))
	for _, r := range raw {
		id, _ := r[0].(string)
		name, _ := r[1].(string)
		n, _ := r[2].(float64)
		out = append(out, verbatim.StoryPerson{ID: id, Name: name, Mentions: int(n)})
	}
	return out
}

// ListedQuote is one report of a statement as its row lists it: a stored
// quote, and whether its article is a syndicated copy of another.
type ListedQuote struct {
	Quote      int64 // quotes.id
	Syndicated bool
}

// ParseQuoteList reads a statement row's list of reports (QuoteLists).
func ParseQuoteList(statementID, list string) ([]ListedQuote, error) {
	if list == "" {
		return nil, nil
	}
	out := make([]ListedQuote, 0, strings.Count(list, ",")+1)
	for f := range strings.SplitSeq(list, ",") {
		q := ListedQuote{}
		f, q.Syndicated = strings.CutSuffix(f, "s")
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("quotes of statement %s: %q", statementID, list)
		}
		q.Quote = id
		out = append(out, q)
	}
	return out, nil
}

// StatementRow is a statement of a story as read from its row.
type StatementRow struct {
	ID, Speaker, Text, SaidOn, Outlets, Quotes string
}

// StoryStatements turns a page of statement rows into statements with
// their reports, reading the reports' quotes (by id) with reports.
func StoryStatements(rows []StatementRow, reports func(ids []int64) (map[int64]verbatim.StatementReport, error)) ([]verbatim.StoryStatement, error) {
	out := make([]verbatim.StoryStatement, 0, len(rows))
	lists := make([][]ListedQuote, len(rows))
	var ids []int64
	for i, r := range rows {
		qs, err := ParseQuoteList(r.ID, r.Quotes)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			ids = append(ids, q.Quote)
		}
		lists[i] = qs
		st := verbatim.StoryStatement{ID: r.ID, Speaker: r.Speaker, Text: r.Text, SaidOn: verbatim.Day(r.SaidOn), Outlets: []string{}}
		if r.Outlets != "" {
			st.Outlets = strings.Split(r.Outlets, "; ")
		}
		out = append(out, st)
	}
	found := map[int64]verbatim.StatementReport{}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		m, err := reports(chunk)
		if err != nil {
			return nil, err
		}
		for k, v := range m {
			found[k] = v
		}
	}
	for i, qs := range lists {
		st := &out[i]
		st.Reports = make([]verbatim.StatementReport, 0, len(qs))
		for _, q := range qs {
			if r, ok := found[q.Quote]; ok {
				r.Syndicated = q.Syndicated
				st.Reports = append(st.Reports, r)
			}
		}
	}
	return out, nil
}

// StorySort names a story listing's order: "recent" (also "") or "size".
func StorySort(sort string) string {
	if sort == "" {
		return "recent"
	}
	return sort
}

// StoryAfter is the condition that keeps the stories after a cursor's in a
// listing (stories s) in StoryOrder: recent (last DESC, size DESC, seq) or
// size (size DESC, last DESC, seq). The cursor holds the last story's last
// day (Day), size (N) and seq (ID). arg binds a value and returns its
// placeholder.
func StoryAfter(c *Cursor, arg func(any) string) string {
	a, b := `s.last`, `s.size`
	va, vb := any(c.Day), any(c.N)
	if c.Sort == "size" {
		a, b, va, vb = b, a, vb, va
	}
	return `(` + a + ` < ` + arg(va) + ` OR (` + a + ` = ` + arg(va) + ` AND (` + b + ` < ` + arg(vb) + ` OR (` + b + ` = ` + arg(vb) +
		` AND s.seq > ` + arg(c.ID) + `))))`
}

// StoryCursor is the cursor after a page of stories whose last has these
// last day, size and seq.
func StoryCursor(sort string, last verbatim.Day, size int, seq int64, next int) string {
	return Cursor{Sort: StorySort(sort), Day: string(last), N: int64(size), ID: seq, Offset: next}.Encode()
}
