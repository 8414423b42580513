package watch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
)

// site plays the fixtures in testdata as a news site on loopback: an RSS
// feed with ETag and Last-Modified, an Atom feed, article pages, and a page
// listed by URL. It records every request.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	requests []request
	extra    bool // the RSS feed has its third item
	fail     int  // the next fail requests to the RSS feed get 503
}

type request struct {
	path, ifNoneMatch, ifModifiedSince string
	at                                 time.Time
}

func newSite(t *testing.T) *site {
	s := &site{}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.ReplaceAll(string(b), "BASE", s.URL)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, request{r.URL.Path, r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since"), time.Now()})
		extra, fail := s.extra, s.fail
		if r.URL.Path == "/harbour.rss" && fail > 0 {
			s.fail--
		}
		s.mu.Unlock()
		switch r.URL.Path {
		case "/harbour.rss":
			if fail > 0 {
				w.Header().Set("Retry-After", "1")
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			etag, body := `"v1"`, strings.Replace(read("harbour.rss"), "EXTRA", "", 1)
			if extra {
				etag, body = `"v2"`, strings.Replace(read("harbour.rss"), "EXTRA", read("extra-item.xml"), 1)
			}
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Last-Modified", "Sun, 16 Mar 2025 10:00:00 GMT")
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, body)
		case "/council.atom":
			if r.Header.Get("If-Modified-Since") == "Sun, 16 Mar 2025 12:00:00 GMT" {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Last-Modified", "Sun, 16 Mar 2025 12:00:00 GMT")
			fmt.Fprint(w, read("council.atom"))
		case "/news/harbour-strike.html", "/news/ferry.html", "/news/talks.html", "/council/safety.html", "/notice.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, read(filepath.Base(r.URL.Path)))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.requests {
		out = append(out, r.path)
	}
	s.requests = nil
	return out
}

func (s *site) list() []string {
	return []string{s.URL + "/harbour.rss", s.URL + "/council.atom", s.URL + "/notice.html"}
}

// watcher collects what it emits; every poll is due at once (Interval is
// tiny), the host gap short.
func watcher(state string) (*Watcher, *[]verbatim.Article) {
	var got []verbatim.Article
	w := &Watcher{StatePath: state, Interval: time.Millisecond, HostGap: 20 * time.Millisecond,
		Emit: func(_ context.Context, a verbatim.Article) error { got = append(got, a); return nil }}
	return w, &got
}

func titles(as []verbatim.Article) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Title)
	}
	return out
}

// TestWatch: the first poll fetches both feeds, every item's page and the
// listed page, and extracts them as the HTML path does; later polls send
// conditional requests and fetch nothing new; a restart (a new watcher on
// the same state file) fetches nothing again; a new item is fetched alone.
func TestWatch(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	state := filepath.Join(t.TempDir(), "watch.state")
	w, got := watcher(state)
	n, err := w.Poll(ctx, s.list())
	if err != nil || n != 4 {
		t.Fatalf("first poll: %d articles, %v (%q)", n, err, titles(*got))
	}
	if want := []string{"Harbour strike enters second week", "Ferry timetable cut", "Council backs night-shift safety plan", "Harbour closed to visitors"}; !slices.Equal(titles(*got), want) {
		t.Fatalf("titles %q, want %q", titles(*got), want)
	}
	a := (*got)[0]
	if a.ID != "ledger-1001" || a.URL != s.URL+"/news/harbour-strike.html" || a.Outlet != "Bergvik Ledger" || a.Published != "2025-03-14" ||
		!strings.Contains(a.Text, `"We are not going back until the night shifts are safe."`) || strings.Contains(a.Text, "All rights reserved") || a.Format != "html" {
		t.Fatalf("article %+v", a)
	}
	if p := s.paths(); !slices.Equal(p, []string{"/harbour.rss", "/news/harbour-strike.html", "/news/ferry.html", "/council.atom", "/council/safety.html", "/notice.html"}) {
		t.Fatalf("requests %q", p)
	}
	time.Sleep(5 * time.Millisecond)
	if n, err := w.Poll(ctx, s.list()); err != nil || n != 0 {
		t.Fatalf("second poll: %d, %v", n, err)
	}
	s.mu.Lock()
	reqs := append([]request(nil), s.requests...)
	s.mu.Unlock()
	if p := s.paths(); !slices.Equal(p, []string{"/harbour.rss", "/council.atom"}) {
		t.Fatalf("second poll requests %q (the page is never fetched again)", p)
	}
	if reqs[0].ifNoneMatch != `"v1"` || reqs[0].ifModifiedSince == "" || reqs[1].ifModifiedSince != "Sun, 16 Mar 2025 12:00:00 GMT" {
		t.Fatalf("not conditional: %+v", reqs)
	}
	// restart: a new watcher on the same state
	w2, got2 := watcher(state)
	s.mu.Lock()
	s.extra = true
	s.mu.Unlock()
	time.Sleep(5 * time.Millisecond)
	if n, err := w2.Poll(ctx, s.list()); err != nil || n != 1 || (*got2)[0].Title != "Authority offers talks" {
		t.Fatalf("after a restart and a new item: %d %v %q", n, err, titles(*got2))
	}
	if p := s.paths(); !slices.Equal(p, []string{"/harbour.rss", "/news/talks.html", "/council.atom"}) {
		t.Fatalf("after restart requests %q", p)
	}
}

// TestBackOffAndHostGap: a failing feed is retried later and later
// (Retry-After honoured), each failure recorded; requests to one host are
// spaced by HostGap.
func TestBackOffAndHostGap(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	w, got := watcher("")
	w.Interval = 200 * time.Millisecond
	w.HostGap = 60 * time.Millisecond
	s.mu.Lock()
	s.fail = 2
	s.mu.Unlock()
	feed := []string{s.URL + "/harbour.rss"}
	if n, err := w.Poll(ctx, feed); n != 0 || err != nil {
		t.Fatalf("failing poll: %d %v", n, err)
	}
	f := w.State().Feeds[feed[0]]
	if f.Errors != 1 || !strings.Contains(f.LastError, "503") || time.Until(f.Next) < 350*time.Millisecond {
		t.Fatalf("after a failure: %+v", f)
	}
	if n, _ := w.Poll(ctx, feed); n != 0 || len(s.paths()) != 1 {
		t.Fatal("polled again before its back-off ended")
	}
	w.now = func() time.Time { return time.Now().Add(time.Hour) }
	w.Poll(ctx, feed)
	f = w.State().Feeds[feed[0]]
	if f.Errors != 2 {
		t.Fatalf("second failure: %+v", f)
	}
	w.now = func() time.Time { return time.Now().Add(3 * time.Hour) }
	if n, err := w.Poll(ctx, feed); err != nil || n != 2 {
		t.Fatalf("recovered: %d %v", n, err)
	}
	if f = w.State().Feeds[feed[0]]; f.Errors != 0 || f.LastError != "" {
		t.Fatalf("after recovery: %+v", f)
	}
	s.mu.Lock()
	reqs := s.requests
	s.mu.Unlock()
	// the feed, then its two pages: one host, spaced by HostGap when sent
	// (arrival times carry the client's jitter: half a gap of slack each)
	reqs = reqs[len(reqs)-3:]
	for i := 1; i < len(reqs); i++ {
		if gap := reqs[i].at.Sub(reqs[i-1].at); gap < 30*time.Millisecond {
			t.Fatalf("requests %d and %d %s apart (%q)", i-1, i, gap, s.paths())
		}
	}
	if span := reqs[2].at.Sub(reqs[0].at); span < 90*time.Millisecond {
		t.Fatalf("three requests to one host within %s", span)
	}
	if len(*got) != 2 {
		t.Fatalf("articles %q", titles(*got))
	}
}

// TestReadList: URLs one a line, comments and blank lines skipped; a line
// that is no http(s) URL is named.
func TestReadList(t *testing.T) {
	p := filepath.Join(t.TempDir(), "feeds.txt")
	os.WriteFile(p, []byte("# feeds\nhttps://example.org/a.rss\n\n  http://example.org/b.html  \n"), 0o644)
	if l, err := ReadList(p); err != nil || len(l) != 2 || l[1] != "http://example.org/b.html" {
		t.Fatalf("%q %v", l, err)
	}
	os.WriteFile(p, []byte("https://example.org/a.rss\nftp://x/y\n"), 0o644)
	if _, err := ReadList(p); err == nil || !strings.Contains(err.Error(), ":2:") {
		t.Fatalf("bad line: %v", err)
	}
}
