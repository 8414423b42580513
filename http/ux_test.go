package http

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	stdhttp "net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/export"
	"github.com/verbatim-news/verbatim/sqlite"
)

// doc builds an analysed document by hand: these tests are about what the
// server shows, not about the analysis.
type doc struct{ d *verbatim.Doc }

func newDoc(id, outlet, published, title, text string) *doc {
	d := verbatim.NewDoc(verbatim.Article{ID: id, Outlet: outlet, Published: published, Title: title, Text: text})
	d.Clean = text
	return &doc{d}
}

func (b *doc) at(s string) verbatim.Span {
	i := strings.Index(b.d.Text, s)
	if i < 0 {
		panic("fixture: no " + s)
	}
	return verbatim.Span{Start: i, End: i + len(s)}
}

func (b *doc) entity(name string, typ verbatim.EntityType, roles []string, mentions ...string) int {
	e := verbatim.Entity{Name: name, Type: typ, Roles: roles}
	idx := len(b.d.Entities)
	for _, m := range mentions {
		b.d.Mentions = append(b.d.Mentions, verbatim.Mention{Span: b.at(m), Text: m, Type: typ, Entity: idx})
		e.Mentions = append(e.Mentions, len(b.d.Mentions)-1)
	}
	b.d.Entities = append(b.d.Entities, e)
	return idx
}

func (b *doc) quote(content string, speaker int, mention, cue, saidOn string, conf float64) {
	q := verbatim.Quote{Span: b.at(content), Type: verbatim.Direct, Speaker: speaker, SaidOn: saidOn, Confidence: conf}
	if mention != "" {
		q.SpeakerAt = b.at(mention)
	}
	if cue != "" {
		q.Cue = b.at(cue)
	}
	b.d.Quotes = append(b.d.Quotes, q)
}

func store(t *testing.T, s *Server, docs ...*doc) *sqlite.DB {
	t.Helper()
	db := s.Store.(*sqlite.DB)
	var ds []*verbatim.Doc
	for _, d := range docs {
		ds = append(ds, d.d)
	}
	if _, err := db.Put(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	return db
}

func do(t *testing.T, ts *httptest.Server, method, path, ctype, body string) (*stdhttp.Response, string) {
	t.Helper()
	req, _ := stdhttp.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := stdhttp.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestExports: list endpoints answer format=csv with text/csv and
// format=jsonl with application/x-ndjson, as downloads, with the
// documented columns, every row and no page cap; a speaker's and a
// story's statements export too.
func TestExports(t *testing.T) {
	s, ts := newServer(t)
	seed(t, ts)
	db := s.Store.(*sqlite.DB)
	if _, err := db.SQL().Exec(`INSERT INTO stories(id, title) VALUES ('s1', 'Talks'); INSERT INTO story_articles(story_id, article_id) SELECT 's1', id FROM articles WHERE ext_id = 'geneva'`); err != nil {
		t.Fatal(err)
	}
	var page verbatim.QuoteResults
	get(t, ts, "/api/quotes", &page)
	for _, c := range []struct {
		path    string
		columns []string
		rows    int
	}{
		{"/api/quotes?format=csv&limit=5000", export.QuoteColumns, page.Total},
		{"/api/quotes?format=csv&outlet=wire&type=direct", export.QuoteColumns, -1},
		{"/api/articles?format=csv", export.ArticleColumns, 2},
		{"/api/speakers?format=csv", export.SpeakerColumns, -1},
		{"/api/speakers/" + url.PathEscape("Keith Kellogg") + "?format=csv", export.QuoteColumns, 2},
		{"/api/stories?format=csv", export.StoryColumns, 1},
		{"/api/stories/s1?format=csv", export.QuoteColumns, 4},
	} {
		resp, body := do(t, ts, "GET", c.path, "", "")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
			!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment; filename=") {
			t.Errorf("%s: %d %v", c.path, resp.StatusCode, resp.Header)
			continue
		}
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil || len(recs) == 0 || !slices.Equal(recs[0], c.columns) {
			t.Errorf("%s: header %v, %v", c.path, recs, err)
			continue
		}
		if c.rows >= 0 && len(recs)-1 != c.rows {
			t.Errorf("%s: %d rows, want %d", c.path, len(recs)-1, c.rows)
		}
		if c.rows < 0 && len(recs) < 2 {
			t.Errorf("%s: no rows", c.path)
		}
	}
	// JSON Lines: one object per line with the documented names
	resp, body := do(t, ts, "GET", "/api/quotes?format=jsonl&q=ceasefire", "", "")
	if resp.Header.Get("Content-Type") != "application/x-ndjson; charset=utf-8" {
		t.Errorf("jsonl content type %q", resp.Header.Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSpace(body), "\n")
	var m map[string]any
	if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &m) != nil {
		t.Fatalf("jsonl: %q", body)
	}
	for _, c := range export.QuoteColumns {
		if _, ok := m[c]; !ok && c != "story" && c != "url" {
			t.Errorf("jsonl row lacks %q: %v", c, m)
		}
	}
	if !strings.Contains(m["text"].(string), "within reach") || m["article_id"] != "geneva" || m["story"] != "s1" {
		t.Errorf("jsonl row %v", m)
	}
	// a page has a cap, an export none; an unknown speaker is a 404
	for path, code := range map[string]int{"/api/quotes?limit=5000": 400, "/api/quotes?limit=5000&format=jsonl": 200,
		"/api/speakers/Nobody?format=csv": 404, "/api/stories/nope?format=csv": 404, "/api/quotes?format=csv&q=%22open": 400} {
		if resp, body := do(t, ts, "GET", path, "", ""); resp.StatusCode != code {
			t.Errorf("%s: %d, want %d: %s", path, resp.StatusCode, code, body)
		}
	}
}

// TestMethodNotAllowed: a wrong method on a served path is a 405 naming
// the methods in Allow; an unknown path stays a 404.
func TestMethodNotAllowed(t *testing.T) {
	_, ts := newServer(t)
	for _, c := range []struct {
		method, path string
		code         int
		allow        string
	}{
		{"POST", "/api/quotes", 405, "GET, HEAD"},
		{"DELETE", "/api/articles", 405, "GET, HEAD, POST"},
		{"PUT", "/", 405, "GET, HEAD"},
		{"POST", "/speakers", 405, "GET, HEAD"},
		{"GET", "/api/nothing", 404, ""},
		{"POST", "/no/such/page", 404, ""},
	} {
		resp, body := do(t, ts, c.method, c.path, "", "")
		if resp.StatusCode != c.code || resp.Header.Get("Allow") != c.allow {
			t.Errorf("%s %s: %d Allow %q, want %d %q: %s", c.method, c.path, resp.StatusCode, resp.Header.Get("Allow"), c.code, c.allow, body)
		}
	}
}

// TestErrorsSpeakOfTheRequest: malformed bodies and queries are answered
// in terms of what was sent, never of temporary files, Go types or SQL.
func TestErrorsSpeakOfTheRequest(t *testing.T) {
	_, ts := newServer(t)
	seed(t, ts)
	internals := regexp.MustCompile(`[0-9a-f]{16}\.jsonl|Go value|input\.Record|no such column|special query|fts5|SQL`)
	for _, c := range []struct {
		method, path, ctype, body string
		want                      string
	}{
		{"POST", "/api/articles", "application/json", `[1,2]`, `body[0]: malformed JSON record: a record is an object`},
		{"POST", "/api/articles", "application/json", `{"text": bad`, `body line 1: malformed JSON record`},
		{"POST", "/api/articles", "application/json", `{"id": "x", "text": 5}`, `field \"text\" must be a string, not a number`},
		{"POST", "/api/articles?id=mine", "application/json", `{"title": "no text"}`, `body line 1: record has no text`},
		{"GET", "/api/quotes?q=speaker:Trump", "", "", `filter with the speaker parameter (speaker=`},
		{"GET", "/api/quotes?q=*", "", "", `* must end a word`},
		{"GET", "/api/quotes?q=tax+AND", "", "", `search syntax`},
		{"GET", "/api/quotes?limit=-3", "", "", `limit: must be from 1 to 1000`},
		{"GET", "/api/quotes?limit=abc", "", "", `limit: \"abc\" is not a whole number`},
		{"GET", "/api/quotes?since=2025-04&until=2025-03-01", "", "", `since (2025-04) comes after until (2025-03-01)`},
	} {
		resp, body := do(t, ts, c.method, c.path, c.ctype, c.body)
		if resp.StatusCode != 400 || !strings.Contains(body, c.want) || internals.MatchString(body) {
			t.Errorf("%s %s %q: %d %s\nwant 400 with %q", c.method, c.path, c.body, resp.StatusCode, body, c.want)
		}
	}
	// the UI shows the same message, with a link to the syntax
	if code, body := get(t, ts, "/?q=speaker:Trump", nil); code != 400 || !strings.Contains(body, "speaker parameter") || !strings.Contains(body, `href="/help#search"`) {
		t.Errorf("UI: %d %s", code, body)
	}
	if code, body := get(t, ts, "/help", nil); code != 200 || !strings.Contains(body, `id="search"`) || !strings.Contains(body, "speaker_mention") {
		t.Errorf("help page: %d", code)
	}
}

// TestAccessLog: with an access log, each request is a line in Common Log
// Format with the time taken.
func TestAccessLog(t *testing.T) {
	s, _ := newServer(t)
	var buf bytes.Buffer
	s.AccessLog = &buf
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	get(t, ts, "/api/quotes?q=x", nil)
	get(t, ts, "/nope", nil)
	line := regexp.MustCompile(`^127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "GET (\S+) HTTP/1\.1" (\d{3}) \d+ \d+\.\dms$`)
	got := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(got) != 2 {
		t.Fatalf("log %q", buf.String())
	}
	for i, want := range []string{"/api/quotes?q=x 200", "/nope 404"} {
		m := line.FindStringSubmatch(got[i])
		if m == nil || m[1]+" "+m[2] != want {
			t.Errorf("log line %q, want %s", got[i], want)
		}
	}
}

// TestHomePage: the home page sums up the library and shows attributed
// statements of good confidence, each once, none dated after the
// library's last publication date.
func TestHomePage(t *testing.T) {
	s, ts := newServer(t)
	a := newDoc("a", "Wire", "2025-03-01", "Budget", `Ann Lee said "the budget is fair". A source said "it may fail". Lee said "we will finish in 2030". Lee said "maybe so".`)
	lee := a.entity("Ann Lee", verbatim.Person, nil, "Ann Lee", "Lee")
	a.quote("the budget is fair", lee, "Ann Lee", "said", "", 0.95)
	a.quote("it may fail", -1, "A source", "said", "", 0.95)
	a.quote("we will finish in 2030", lee, "Lee", "said", "2030", 0.95)
	a.quote("maybe so", lee, "Lee", "said", "", 0.4)
	b := newDoc("b", "Daily Post", "2025-02-01", "Budget again", `Ann Lee said "the budget is fair".`)
	lee2 := b.entity("Ann Lee", verbatim.Person, nil, "Ann Lee")
	b.quote("the budget is fair", lee2, "Ann Lee", "said", "", 0.95)
	store(t, s, a, b)
	code, body := get(t, ts, "/", nil)
	if code != 200 {
		t.Fatal(code)
	}
	latest := body[strings.Index(body, "Latest statements"):]
	if strings.Count(latest, "the budget is fair") != 1 || strings.Contains(latest, "it may fail") || strings.Contains(latest, "2030") ||
		strings.Contains(latest, "maybe so") {
		t.Errorf("latest statements:\n%s", latest)
	}
	for _, want := range []string{"2 articles", "5 statements", "2 outlets", "<time>2025-02-01</time> – <time>2025-03-01</time>"} {
		if !strings.Contains(body, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
}

// TestResultsShowArticles: a quote result names its article by title,
// outlet and date, links its story, and marks the words searched.
func TestResultsShowArticles(t *testing.T) {
	s, ts := newServer(t)
	seed(t, ts)
	db := s.Store.(*sqlite.DB)
	db.SQL().Exec(`INSERT INTO stories(id, title) VALUES ('s1', 'Talks'); INSERT INTO story_articles(story_id, article_id) SELECT 's1', id FROM articles WHERE ext_id = 'geneva'`)
	_, body := get(t, ts, "/?q=constructive", nil)
	for _, want := range []string{"Ceasefire talks resume in Geneva", `<span class="outlet">Wire</span>`, "<time>2025-03-03</time>",
		`<mark class="hit">constructive</mark>`, `href="/story/s1"`, "1 statement,", `href="/api/quotes?format=csv&amp;q=constructive"`} {
		if !strings.Contains(body, want) {
			t.Errorf("results lack %q", want)
		}
	}
	// paging keeps the query and says where it stands (the next page goes
	// by cursor too)
	_, body = get(t, ts, "/?speaker=dubois&limit=1", nil)
	if !strings.Contains(body, "1–1 of 2") || !strings.Contains(body, `href="/?cursor=`) ||
		!strings.Contains(body, `&amp;limit=1&amp;offset=1&amp;speaker=dubois"`) {
		t.Errorf("pager: %s", body[strings.Index(body, "<main>"):])
	}
}

// TestSpeakerPagePresentation: statements in date order with their
// stories, a server-drawn chart of statements per month, the outlets
// quoting the speaker, and roles one per meaning.
func TestSpeakerPagePresentation(t *testing.T) {
	s, ts := newServer(t)
	var docs []*doc
	for i, c := range []struct{ outlet, day, role string }{
		{"Wire", "2025-03-02", "U.S. President"}, {"Daily", "2025-01-05", "US President"}, {"Wire", "2025-01-20", "President"},
	} {
		d := newDoc(fmt.Sprintf("d%d", i), c.outlet, c.day, fmt.Sprintf("Report %d", i), fmt.Sprintf(`Jon Ames said "line %d".`, i))
		e := d.entity("Jon Ames", verbatim.Person, []string{c.role}, "Jon Ames")
		d.quote(fmt.Sprintf("line %d", i), e, "Jon Ames", "said", "", 0.9)
		docs = append(docs, d)
	}
	db := store(t, s, docs...)
	db.SQL().Exec(`INSERT INTO stories(id, title) VALUES ('s9', 'Ames'); INSERT INTO story_articles(story_id, article_id) SELECT 's9', id FROM articles WHERE ext_id = 'd1'`)
	code, body := get(t, ts, "/speaker/Jon%20Ames", nil)
	if code != 200 {
		t.Fatal(code)
	}
	i0, i1, i2 := strings.Index(body, "line 1"), strings.Index(body, "line 2"), strings.Index(body, "line 0")
	if i0 < 0 || !(i0 < i1 && i1 < i2) {
		t.Errorf("statements not in date order: %d %d %d", i0, i1, i2)
	}
	if !strings.Contains(body, `href="/story/s9"`) {
		t.Error("no story link")
	}
	if !strings.Contains(body, `<p class="roles">U.S. President</p>`) {
		t.Errorf("roles: %s", body[strings.Index(body, "<h1>"):strings.Index(body, "<h1>")+300])
	}
	svg := body[strings.Index(body, "<svg"):strings.Index(body, "</svg>")]
	bars := regexp.MustCompile(`<rect class="bar" x="\d+" y="\d+" width="\d+" height="(\d+)"><title>(\S+): (\d+) statements?</title>`).FindAllStringSubmatch(svg, -1)
	var got []string
	for _, b := range bars {
		got = append(got, b[2]+"="+b[3])
	}
	h := func(i int) int { n, _ := strconv.Atoi(bars[i][1]); return n }
	if strings.Join(got, " ") != "2025-01=2 2025-02=0 2025-03=1" || h(0) != 2*h(2) || h(1) != 0 {
		t.Errorf("chart bars %v", bars)
	}
	// (the speaker by id: the articles are not grouped, so the id is the name's)
	if !strings.Contains(svg, `href="/?speaker=name%3ajon%20ames&amp;since=2025-01&amp;until=2025-01&amp;sort=oldest"`) {
		t.Errorf("bar links: %s", svg)
	}
	if !regexp.MustCompile(`Quoted by</h2>\s*<ul class="chips"><li><a [^>]*>Wire</a> <small>2</small></li><li><a [^>]*>Daily</a> <small>1</small>`).MatchString(body) {
		t.Errorf("outlets: %s", body)
	}
	// the chart's link finds the month's statements
	_, body = get(t, ts, "/?speaker=name%3Ajon%20ames&since=2025-01&until=2025-01&sort=oldest", nil)
	if !strings.Contains(body, "2 statements") {
		t.Errorf("month link: %s", body)
	}
}

// TestArticlePageLayout: the article page reflows paragraphs, folds the
// noise (a page-break URL inside a speaker mention is noise, not speaker),
// lists people, organisations, places and dates, shows date and outlet,
// and links the original bytes; ids with slashes work.
func TestArticlePageLayout(t *testing.T) {
	s, ts := newServer(t)
	text := "% Moscow Times\n\nTalks go on\n\n\"We are having very serious discussions,\" the U.S.\n\n\nhttps://example.com/article/talks-6c5a0984\n\npresident\nsaid on Sunday in Kyiv.\n\nThe White House agreed.\n"
	a := newDoc("politics/034", "The Moscow Times", "2025-02-03", "Talks go on", text)
	i := strings.Index(text, "the U.S.")
	j := strings.Index(text, "president\n") + len("president")
	a.d.Entities = append(a.d.Entities, verbatim.Entity{Name: "Donald Trump", Type: verbatim.Person, Roles: []string{"U.S. president"}})
	a.d.Mentions = append(a.d.Mentions, verbatim.Mention{Span: verbatim.Span{Start: i, End: j}, Text: "the U.S. president", Type: verbatim.Person, Kind: verbatim.DescriptorMention})
	a.d.Entities[0].Mentions = []int{0}
	a.entity("White House", verbatim.Organization, nil, "White House")
	a.entity("Kyiv", verbatim.Place, nil, "Kyiv")
	a.d.Quotes = append(a.d.Quotes, verbatim.Quote{Span: a.at("We are having very serious discussions"), Type: verbatim.Direct, Speaker: 0,
		SpeakerAt: verbatim.Span{Start: i, End: j}, Cue: a.at("said"), Confidence: 0.9})
	a.d.Dates = []verbatim.Date{{Span: a.at("Sunday"), Value: "2025-02-02"}}
	store(t, s, a)
	code, body := get(t, ts, "/article/politics/034", nil)
	if code != 200 {
		t.Fatalf("article with a slash in its id: %d", code)
	}
	for _, who := range regexp.MustCompile(`<a class="who[^"]*"[^>]*>([^<]*)</a>`).FindAllStringSubmatch(body, -1) {
		if strings.Contains(who[1], "http") || strings.Contains(who[1], "example.com") {
			t.Errorf("a URL highlighted as the speaker: %q", who[1])
		}
	}
	if !strings.Contains(body, `<span class="noise-text">https://example.com/article/talks-6c5a0984</span>`) ||
		!strings.Contains(body, `<span class="noise-text">% Moscow Times</span>`) || !strings.Contains(body, `for="show-noise"`) {
		t.Errorf("noise not folded in place:\n%s", body)
	}
	if !strings.Contains(body, "<p>The White House agreed.</p>") || strings.Contains(body, "president\nsaid") {
		t.Errorf("paragraphs not reflowed:\n%s", body)
	}
	for _, want := range []string{`<span class="outlet">The Moscow Times</span>`, "<time>2025-02-03</time>", "<h2>People</h2>",
		"<h2>Organisations</h2><ul class=\"orgs\"><li>White House</li>", "<h2>Places</h2><ul class=\"places\"><li>Kyiv</li>",
		"<li>Sunday <time>2025-02-02</time></li>", `href="/original/politics/034"`} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	resp, orig := do(t, ts, "GET", "/original/politics/034", "", "")
	if orig != text || resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("original: %q %v", orig, resp.Header)
	}
	var art verbatim.StoredArticle
	if c, _ := get(t, ts, "/api/articles/politics/034", &art); c != 200 || art.ID != "politics/034" {
		t.Errorf("API article with a slash: %d %+v", c, art.ID)
	}
}

// TestPlurals: counts of one are singular on every page.
func TestPlurals(t *testing.T) {
	s, ts := newServer(t)
	a := newDoc("one", "Wire", "2025-01-01", "One", `Ann Lee said "only this".`)
	lee := a.entity("Ann Lee", verbatim.Person, nil, "Ann Lee")
	a.quote("only this", lee, "Ann Lee", "said", "", 0.9)
	store(t, s, a)
	for _, p := range []string{"/", "/?q=only", "/articles?q=only", "/speaker/Ann%20Lee"} {
		_, body := get(t, ts, p, nil)
		if m := regexp.MustCompile(`\b1 (statements|articles|outlets|lines)\b`).FindString(body); m != "" {
			t.Errorf("%s: %q", p, m)
		}
	}
}
