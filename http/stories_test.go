package http

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/export"
	"github.com/verbatim-news/verbatim/sqlite"
	"github.com/verbatim-news/verbatim/stories"
)

// storyServer is a server whose posted articles join the library's stories
// (as verbatim serve sets it up).
func storyServer(t *testing.T) *httptest.Server {
	t.Helper()
	s, ts := newServer(t)
	in, err := s.Store.(*sqlite.DB).Ingester(context.Background(), stories.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Ingest = in.Put
	return ts
}

// Reports of a harbour strike by three outlets (one statement in all three)
// and an unrelated chess final.
var strikeReports = []struct{ id, outlet, published, text string }{
	{"ledger", "Harbour Ledger", "2025-03-14", `Harbour strike enters second week

Dock workers at the port of Bergvik stayed out for a second week over night shifts. "We are not going back until the night shifts are safe," said Mara Olsen, the union leader, after talks with the port authority broke down.`},
	{"radio", "Coast Radio", "2025-03-15", `Bergvik dockers' strike goes on

The strike at Bergvik harbour went on as the dockers' union rejected the port authority's offer on night shifts. "We are not going back until the night shifts are safe," Mara Olsen told reporters.`},
	{"gazette", "Northern Gazette", "2025-03-17", `Port of Bergvik still shut by strike

Ships queued outside Bergvik as the dock workers' strike over night shifts dragged on. Union leader Mara Olsen repeated: "We are not going back until the night shifts are safe."`},
	{"chess", "Chess Weekly", "2025-03-16", `Teenager wins chess final

A sixteen-year-old from Tromsø won the national chess championship after sacrificing a rook in the final round, the federation said.`},
}

// TestPostedArticlesJoinStories: articles posted to the API join stories as
// ingest's do; /api/stories lists them latest or largest first, a page at a
// time, selected by words or topic; a story's statement reported by three
// outlets is one statement with its outlets and reports, on the API and on
// the story page, whose summary comes first.
func TestPostedArticlesJoinStories(t *testing.T) {
	ts := storyServer(t)
	for _, r := range strikeReports {
		body := `{"id":"` + r.id + `","outlet":"` + r.outlet + `","published":"` + r.published + `","text":` + jsonString(r.text) + `}`
		if code, m := post(t, ts, "/api/articles", "application/json", body); code != 201 {
			t.Fatalf("POST %s: %d %v", r.id, code, m)
		}
	}
	var all verbatim.StoryResults
	if code, body := get(t, ts, "/api/stories?sort=size", &all); code != 200 || all.Total != 2 || all.Stories[0].Articles != 3 {
		t.Fatalf("stories by size: %d %s", code, body)
	}
	strike := all.Stories[0]
	if strike.First != "2025-03-14" || strike.Last != "2025-03-17" || strike.Outlets != 3 || len(strike.People) == 0 || strike.People[0].Name != "Mara Olsen" {
		t.Errorf("strike story %+v", strike)
	}
	var page verbatim.StoryResults
	if get(t, ts, "/api/stories?limit=1&offset=1", &page); page.Total != 2 || len(page.Stories) != 1 || page.Stories[0].Last != "2025-03-16" {
		t.Errorf("latest first, second page (the chess final of the 16th after the strike, last reported on the 17th): %+v", page)
	}
	var found verbatim.StoryResults
	if get(t, ts, "/api/stories?q=rook", &found); found.Total != 1 || found.Stories[0].Articles != 1 {
		t.Errorf("q=rook: %+v", found)
	}
	var topics verbatim.TopicResults
	if code, body := get(t, ts, "/api/topics", &topics); code != 200 || topics.Total == 0 {
		t.Errorf("topics: %d %s", code, body)
	}
	var d verbatim.StoryDetail
	code, body := get(t, ts, "/api/stories/"+strike.ID, &d)
	var olsen []verbatim.StoryStatement
	for _, st := range d.Statements {
		if strings.Contains(st.Text, "We are not going back") {
			olsen = append(olsen, st)
		}
	}
	if code != 200 || len(olsen) != 1 || len(olsen[0].Outlets) != 3 || len(olsen[0].Reports) != 3 || olsen[0].Speaker != "Mara Olsen" {
		t.Fatalf("story %d: Mara Olsen's statement once, with its 3 outlets and reports: %s", code, body)
	}
	var small verbatim.StoryDetail
	if get(t, ts, "/api/stories/"+strike.ID+"?article_limit=2&article_offset=1", &small); len(small.ArticleList) != 2 || small.ArticleList[0].ID != "radio" {
		t.Errorf("second page of articles: %+v", small.ArticleList)
	}
	code, html := get(t, ts, "/story/"+strike.ID, nil)
	if code != 200 || strings.Count(html, "We are not going back") != 1 || !strings.Contains(html, "reported by 3 outlets") {
		t.Errorf("story page %d: the statement once, reported by 3 outlets:\n%s", code, html)
	}
	if i, j := strings.Index(html, "Mara Olsen"), strings.Index(html, "Statements"); i < 0 || j < 0 || i > j ||
		strings.Index(html, "Northern Gazette") > j {
		t.Errorf("story page: people and outlets must come before the statements")
	}
	// the story's statements download as quotes: every report, with its
	// article; the story page links the download
	resp, csv := do(t, ts, "GET", "/api/stories/"+strike.ID+"?format=csv", "", "")
	if resp.StatusCode != 200 || strings.Count(csv, "We are not going back") != 3 || !strings.HasPrefix(csv, strings.Join(export.QuoteColumns, ",")) ||
		!strings.Contains(csv, "Northern Gazette") {
		t.Errorf("story download: %d\n%s", resp.StatusCode, csv)
	}
	if !strings.Contains(html, `href="/api/stories/`+strike.ID+`?format=jsonl"`) {
		t.Errorf("story page: no download link\n%s", html)
	}
	// the listing downloads as one row per story, every one of them
	resp, csv = do(t, ts, "GET", "/api/stories?format=csv&limit=1", "", "")
	if lines := strings.Split(strings.TrimSpace(csv), "\n"); resp.StatusCode != 200 || len(lines) != 3 || !strings.HasPrefix(lines[1], strike.ID+",") &&
		!strings.HasPrefix(lines[2], strike.ID+",") {
		t.Errorf("stories download: %d\n%s", resp.StatusCode, csv)
	}
	for _, path := range []string{"/stories", "/stories?sort=size&q=strike", "/stories?topic=" + strike.Topic, "/topics"} {
		if code, html := get(t, ts, path, nil); code != 200 || !strings.Contains(html, "Harbour strike enters second week") {
			t.Errorf("%s: %d\n%s", path, code, html)
		}
	}
	for _, c := range []struct {
		path string
		code int
	}{
		{"/api/stories?sort=oldest", 400},
		{"/api/stories?q=%22unclosed", 400},
		{"/api/stories?limit=abc", 400},
		{"/api/stories/" + strike.ID + "?article_limit=0", 400},
		{"/api/topics?offset=-1", 400},
		{"/api/topics?limit=5000", 400},
		{"/api/stories?limit=-1", 400},
		{"/api/stories?format=xml", 400},
		{"/api/stories/nope?format=csv", 404},
		{"/api/stories/nope", 404},
		{"/stories?sort=oldest", 400},
		{"/story/nope", 404},
	} {
		if code, body := get(t, ts, c.path, nil); code != c.code {
			t.Errorf("%s: %d, want %d: %s", c.path, code, c.code, body)
		}
	}
}

func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
