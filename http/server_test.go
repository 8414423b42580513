package http

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	stdhttp "net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/sqlite"
)

// Short articles written for these tests.
const (
	geneva = `Ceasefire talks resume in Geneva

GENEVA, March 3 - Mélanie Dubois, the French foreign minister, said on Monday that a ceasefire was "within reach if both sides keep their word".

"We will not give up," Dubois told reporters. Keith Kellogg, the U.S. envoy, said the talks were constructive. "This is a serious moment," Kellog added.
`
	evil = `<script>alert("pwned")</script> Headline

Jane Roe said: "<img src=x onerror=alert(1)> is not <b>bold</b> & never will be."
`
)

func newServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := New(st, pipeline.New())
	s.Log = nil
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

func post(t *testing.T, ts *httptest.Server, path, ctype, body string) (int, map[string]any) {
	t.Helper()
	resp, err := stdhttp.Post(ts.URL+path, ctype, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

func get(t *testing.T, ts *httptest.Server, path string, v any) (int, string) {
	t.Helper()
	resp, err := stdhttp.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v: %s", path, err, b)
		}
	}
	return resp.StatusCode, string(b)
}

func seed(t *testing.T, ts *httptest.Server) {
	t.Helper()
	code, m := post(t, ts, "/api/articles?id=geneva&outlet=Wire&published=2025-03-03", "text/plain", geneva)
	if code != 201 {
		t.Fatalf("POST: %d %v", code, m)
	}
	arts := m["articles"].([]any)
	a := arts[0].(map[string]any)
	if a["id"] != "geneva" || a["stored"] != true || len(a["quotes"].([]any)) == 0 {
		t.Fatalf("POST answer %v", a)
	}
	rec, _ := json.Marshal(verbatim.Article{ID: "evil", Title: `<script>alert("t")</script>`, Outlet: "Daily", Published: "2025-04-01", Text: evil})
	if code, m := post(t, ts, "/api/articles", "application/json", string(rec)); code != 201 {
		t.Fatalf("POST record: %d %v", code, m)
	}
}

func TestAPI(t *testing.T) {
	_, ts := newServer(t)
	seed(t, ts)
	// posting the same article again stores nothing
	code, m := post(t, ts, "/api/articles?id=geneva2", "text/plain", geneva)
	if a := m["articles"].([]any)[0].(map[string]any); code != 200 || a["stored"] != false || a["duplicate_of"] != "geneva" {
		t.Fatalf("re-POST: %d %v", code, a)
	}
	var res verbatim.QuoteResults
	if c, _ := get(t, ts, "/api/quotes?q=ceasefire", &res); c != 200 || res.Total != 1 || res.Quotes[0].ArticleID != "geneva" ||
		res.Quotes[0].Outlet != "Wire" || res.Quotes[0].Speaker != "Mélanie Dubois" {
		t.Fatalf("q=ceasefire: %d %+v", c, res)
	}
	// speaker by another name form, accents ignored
	res = verbatim.QuoteResults{}
	if get(t, ts, "/api/quotes?speaker=dubois", &res); res.Total != 2 {
		t.Errorf("speaker=dubois: %+v", res)
	}
	res = verbatim.QuoteResults{}
	if get(t, ts, "/api/quotes?speaker=kellogg&limit=1", &res); res.Total != 2 || len(res.Quotes) != 1 {
		t.Errorf("speaker=kellogg: %+v", res)
	}
	res = verbatim.QuoteResults{}
	if get(t, ts, "/api/quotes?outlet=daily&since=2025-04-01", &res); res.Total != 1 || res.Quotes[0].ArticleID != "evil" {
		t.Errorf("outlet=daily: %+v", res)
	}
	var sp struct{ Speakers []verbatim.SpeakerSummary }
	if get(t, ts, "/api/speakers?q=melanie", &sp); len(sp.Speakers) != 1 || sp.Speakers[0].Name != "Mélanie Dubois" || sp.Speakers[0].Quotes != 2 {
		t.Errorf("speakers: %+v", sp)
	}
	var sd verbatim.SpeakerDetail
	if c, _ := get(t, ts, "/api/speakers/"+url.PathEscape("Keith Kellogg"), &sd); c != 200 || len(sd.Statements) != 2 {
		t.Errorf("speaker detail %d %+v", c, sd)
	}
	var art verbatim.StoredArticle
	if c, _ := get(t, ts, "/api/articles/geneva", &art); c != 200 || art.Text != geneva || len(art.Quotes) != 4 || len(art.Entities) == 0 {
		t.Errorf("article %d %+v", c, art)
	}
	var arts verbatim.ArticleResults
	if c, _ := get(t, ts, "/api/articles?q=geneva+OR+bold&limit=1&sort=newest", &arts); c != 200 || arts.Total != 2 || len(arts.Articles) != 1 ||
		arts.Articles[0].ID != "evil" || arts.Articles[0].Quotes != 1 {
		t.Errorf("article search %d %+v", c, arts)
	}
	arts = verbatim.ArticleResults{}
	if get(t, ts, "/api/articles?q=melanie&outlet=wire&until=2025-03", &arts); arts.Total != 1 || arts.Articles[0].ID != "geneva" ||
		arts.Articles[0].Title != "Ceasefire talks resume in Geneva" || arts.Articles[0].Quotes != 4 {
		t.Errorf("article search melanie %+v", arts)
	}
	var stories verbatim.StoryResults
	if c, body := get(t, ts, "/api/stories", &stories); c != 200 || stories.Stories == nil || stories.Total != 0 {
		t.Errorf("stories %d %s", c, body)
	}
}

func TestErrors(t *testing.T) {
	s, ts := newServer(t)
	seed(t, ts)
	for _, c := range []struct {
		path string
		code int
	}{
		{"/api/quotes?q=%22unbalanced", 400},
		{"/api/quotes?q=AND", 400},
		{"/api/quotes?q=" + url.QueryEscape("outlet:x"), 400},
		{"/api/quotes?q=(war", 400},
		{"/api/quotes?since=not-a-date", 400},
		{"/api/quotes?limit=abc", 400},
		{"/api/quotes?limit=-1", 400},
		{"/api/articles?q=%22within+reach", 400},
		{"/api/quotes?q=speaker:Trump", 400},
		{"/api/quotes?q=*", 400},
		{"/api/quotes?type=quoted", 400},
		{"/api/quotes?sort=best", 400},
		{"/api/quotes?since=2025-05&until=2025-04-30", 400},
		{"/api/quotes?limit=1001", 400},
		{"/api/quotes?format=xml", 400},
		{"/api/articles?limit=-3", 400},
		{"/api/articles?q=(war", 400},
		{"/api/articles?since=soon", 400},
		{"/api/articles?offset=-3", 400},
		{"/api/speakers?limit=0", 400},
		{"/api/articles/nope", 404},
		{"/api/speakers/Nobody%20Atall", 404},
		{"/api/stories/nope", 404},
		{"/api/nothing", 404},
		{"/article/nope", 404},
		{"/speaker/Nobody", 404},
		{"/story/nope", 404},
		{"/no/such/page", 404},
		{"/?q=%22unbalanced", 400},
	} {
		code, body := get(t, ts, c.path, nil)
		if code != c.code {
			t.Errorf("%s: %d, want %d: %s", c.path, code, c.code, body)
		}
		if c.code == 400 && strings.HasPrefix(c.path, "/api/") && !strings.Contains(body, `"error"`) {
			t.Errorf("%s: no error message: %s", c.path, body)
		}
	}
	if code, _ := post(t, ts, "/api/articles", "text/plain", "   "); code != 400 {
		t.Errorf("empty POST: %d", code)
	}
	s.MaxBody = 1000
	if code, _ := post(t, ts, "/api/articles", "text/plain", strings.Repeat("word ", 1000)); code != 413 {
		t.Errorf("big POST: %d", code)
	}
}

// TestArticlesPage: the article search page lists matches with links to
// their pages, a snippet with the words found, date, outlet and quote
// count; a malformed query is answered with 400 and the reason.
func TestArticlesPage(t *testing.T) {
	_, ts := newServer(t)
	seed(t, ts)
	code, body := get(t, ts, "/articles?q=melanie", nil)
	for _, want := range []string{`href="/article/geneva"`, "1 article,", "Ceasefire talks resume in Geneva", `<mark class="hit">Mélanie</mark> Dubois`,
		"<time>2025-03-03</time>", `<span class="outlet">Wire</span>`, "4 statements"} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("articles?q=melanie: %d, no %q\n%s", code, want, body)
		}
	}
	if strings.Contains(body, `href="/article/evil"`) {
		t.Errorf("articles?q=melanie lists evil")
	}
	if code, body := get(t, ts, "/articles?q=%22within+reach", nil); code != 400 || !strings.Contains(body, "phrase that is not closed") {
		t.Errorf("open phrase: %d\n%s", code, body)
	}
}

func TestXSSInert(t *testing.T) {
	_, ts := newServer(t)
	seed(t, ts)
	for _, p := range []string{"/article/evil", "/?q=bold", "/articles?q=bold", "/articles?q=" + url.QueryEscape(`"<script>"`), "/?q=" + url.QueryEscape(`<script>alert(1)</script>`), "/speaker/" + url.PathEscape("Jane Roe"), "/"} {
		code, body := get(t, ts, p, nil)
		if code != 200 && code != 400 {
			t.Errorf("%s: %d", p, code)
		}
		for _, bad := range []string{"<script", "<img", "<b>"} { // tags from the article: never raw
			if strings.Contains(strings.ToLower(body), bad) {
				t.Errorf("%s: raw %q in page", p, bad)
			}
		}
	}
	_, body := get(t, ts, "/article/evil", nil)
	if !strings.Contains(body, "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;") {
		t.Errorf("article text not shown escaped")
	}
	resp, _ := stdhttp.Get(ts.URL + "/article/evil")
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP %q", csp)
	}
}

func TestAnnotateSegments(t *testing.T) {
	sp := "Ann Lee"
	i := func(n int) *int { return &n }
	a := &verbatim.StoredArticle{Text: `Ann Lee said "a <b> c" today.`, Quotes: []verbatim.QuoteOut{
		{Start: 14, End: 21, Speaker: &sp, SpeakerStart: i(0), SpeakerEnd: i(7), CueStart: i(8), CueEnd: i(12)},
		{Start: 5, End: 999}, // invalid span: ignored
	}}
	var got []string
	for _, s := range annotate(a.Text, marks(a), 0, len(a.Text)) {
		got = append(got, fmt.Sprintf("%s|%v|%s|%v", s.Text, s.Quote, s.Speaker, s.Cue))
	}
	want := []string{"Ann Lee|false|Ann Lee|false", " |false||false", "said|false||true", ` "|false||false`, "a <b> c|true||false", `" today.|false||false`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("segments:\n%s", strings.Join(got, "\n"))
	}
}

// TestLoad runs 200 concurrent clients on the quotes and speakers APIs over
// loopback for a bounded time: no answer may be a 5xx.
//
// VERBATIM_LOAD_URL=http://127.0.0.1:8080 VERBATIM_LOAD_SECONDS=20 runs it
// against a running `verbatim serve` instead (loopback only).
func TestLoad(t *testing.T) {
	base := os.Getenv("VERBATIM_LOAD_URL")
	if base == "" {
		_, ts := newServer(t)
		seed(t, ts)
		base = ts.URL
	} else if u, err := url.Parse(base); err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost") {
		t.Fatalf("VERBATIM_LOAD_URL must be a loopback URL: %s", base)
	}
	dur := 2 * time.Second
	if testing.Short() {
		dur = 500 * time.Millisecond
	}
	if n, err := strconv.Atoi(os.Getenv("VERBATIM_LOAD_SECONDS")); err == nil && n > 0 {
		dur = time.Duration(n) * time.Second
	}
	lat, fails := loadTest(t, base, 200, dur)
	if fails > 0 {
		t.Fatalf("%d 5xx or transport failures", fails)
	}
	t.Logf("%d requests, p50 %v, p99 %v", len(lat), lat[len(lat)/2], lat[len(lat)*99/100])
}

func loadTest(t testing.TB, base string, clients int, dur time.Duration) ([]time.Duration, int) {
	paths := []string{"/api/quotes?q=ceasefire", "/api/quotes?speaker=kellogg", "/api/speakers", "/api/speakers?q=mel",
		"/api/quotes?q=talk*&since=2025-01-01", "/api/quotes?q=%22bad", "/api/quotes"}
	tr := &stdhttp.Transport{MaxIdleConnsPerHost: clients, DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext}
	defer tr.CloseIdleConnections()
	cl := &stdhttp.Client{Transport: tr, Timeout: 30 * time.Second}
	var mu sync.Mutex
	var lat []time.Duration
	fails := 0
	end := time.Now().Add(dur)
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for i := c; time.Now().Before(end); i++ {
				t0 := time.Now()
				resp, err := cl.Get(base + paths[i%len(paths)])
				if err != nil {
					bad++
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode >= 500 {
					bad++
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			fails += bad
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) == 0 {
		lat = []time.Duration{0}
	}
	return lat, fails
}

func TestGracefulShutdown(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := New(st, pipeline.New())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	resp, err := stdhttp.Get("http://" + ln.Addr().String() + "/api/stats")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no shutdown")
	}
	if _, err := stdhttp.Get("http://" + ln.Addr().String() + "/api/stats"); err == nil {
		t.Fatal("still serving after shutdown")
	}
	if srv := s.HTTPServer(":0"); srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 || srv.ReadHeaderTimeout == 0 {
		t.Fatal("timeouts not set")
	}
}
