// Package watch follows news as it arrives: it polls RSS/Atom feeds (and
// pages listed by URL), fetches each new item's page, extracts it as the
// HTML input does, and hands the article on (to a library or a queue).
//
// It is polite and durable: conditional GET (ETag, Last-Modified), at most
// one request per host per HostGap, exponential back-off for a feed that
// fails (Retry-After honoured), and a state file (validators, back-off,
// every URL already fetched) written after each feed, so that a restart
// never fetches again what it has.
package watch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
)

// Watcher polls feeds.
type Watcher struct {
	Client    *http.Client  // nil: a client with a 30 s timeout
	Interval  time.Duration // between two polls of a feed (default 5 min)
	HostGap   time.Duration // least time between two requests to one host (default 1 s)
	MaxDelay  time.Duration // longest back-off after errors (default 1 h)
	StatePath string        // where the state is kept ("": in memory only)
	MaxBytes  int64         // largest response read (default 20 MB)
	UserAgent string
	// Emit receives each new article, in feed order. An error leaves the
	// item unseen: it is tried again at the next poll.
	Emit func(ctx context.Context, a verbatim.Article) error
	Log  io.Writer // a line per fetch error (nil: none)

	mu    sync.Mutex
	state *State
	hosts map[string]time.Time // host -> earliest next request
	now   func() time.Time
}

// State is what a watcher remembers across restarts.
type State struct {
	Feeds map[string]*Feed `json:"feeds"`
	Seen  map[string]bool  `json:"seen"` // item and page URLs fetched (or items without a page: feed#guid)
}

// Feed is the state of one watched URL.
type Feed struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Errors       int       `json:"errors,omitempty"` // failures in a row
	LastError    string    `json:"last_error,omitempty"`
	Next         time.Time `json:"next"`           // not polled before
	Page         bool      `json:"page,omitempty"` // a page, not a feed: fetched once
}

// ReadList reads a list of URLs, one a line; blank lines and lines
// starting with # are skipped.
func ReadList(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		u, err := url.Parse(line)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%s:%d: not an http(s) URL: %q", path, n+1, line)
		}
		out = append(out, line)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no URLs", path)
	}
	return out, nil
}

func (w *Watcher) defaults() error {
	if w.Client == nil {
		w.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if w.Interval <= 0 {
		w.Interval = 5 * time.Minute
	}
	if w.HostGap <= 0 {
		w.HostGap = time.Second
	}
	if w.MaxDelay <= 0 {
		w.MaxDelay = time.Hour
	}
	if w.MaxBytes <= 0 {
		w.MaxBytes = input.MaxBytes
	}
	if w.UserAgent == "" {
		w.UserAgent = "verbatim-watch/1 (+https://github.com/verbatim-news/verbatim)"
	}
	if w.now == nil {
		w.now = time.Now
	}
	if w.hosts == nil {
		w.hosts = map[string]time.Time{}
	}
	if w.state == nil {
		st, err := loadState(w.StatePath)
		if err != nil {
			return err
		}
		w.state = st
	}
	return nil
}

func loadState(path string) (*State, error) {
	st := &State{Feeds: map[string]*Feed{}, Seen: map[string]bool{}}
	if path == "" {
		return st, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("state file %s is damaged (%v); move it away to start afresh", path, err)
	}
	if st.Feeds == nil {
		st.Feeds = map[string]*Feed{}
	}
	if st.Seen == nil {
		st.Seen = map[string]bool{}
	}
	return st, nil
}

// save writes the state: a new file renamed over the old, so that a crash
// leaves one or the other.
func (w *Watcher) save() error {
	if w.StatePath == "" {
		return nil
	}
	data, err := json.Marshal(w.state)
	if err != nil {
		return err
	}
	tmp := w.StatePath + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Clean(w.StatePath))
}

// State returns a copy of the state (tests, status).
func (w *Watcher) State() State {
	w.mu.Lock()
	defer w.mu.Unlock()
	data, _ := json.Marshal(w.state)
	var st State
	json.Unmarshal(data, &st)
	return st
}

// Run polls the URLs until ctx ends.
func (w *Watcher) Run(ctx context.Context, urls []string) error {
	for {
		if _, err := w.Poll(ctx, urls); err != nil {
			return err
		}
		next := w.nextDue(urls)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(max(time.Until(next), time.Second)):
		}
	}
}

func (w *Watcher) nextDue(urls []string) time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	next := w.now().Add(w.Interval)
	for _, u := range urls {
		if f := w.state.Feeds[u]; f != nil && !f.Page && f.Next.Before(next) {
			next = f.Next
		}
	}
	return next
}

// Poll polls once each URL that is due and returns how many new articles
// it emitted. Fetch errors are kept in the state (and logged), not
// returned; only a state that cannot be saved or read is an error.
func (w *Watcher) Poll(ctx context.Context, urls []string) (int, error) {
	if err := w.defaults(); err != nil {
		return 0, err
	}
	n := 0
	for _, u := range urls {
		if ctx.Err() != nil {
			break
		}
		w.mu.Lock()
		f := w.state.Feeds[u]
		if f == nil {
			f = &Feed{}
			w.state.Feeds[u] = f
		}
		due := !(f.Page && w.state.Seen[u]) && !w.now().Before(f.Next)
		w.mu.Unlock()
		if !due {
			continue
		}
		k, err := w.pollOne(ctx, u, f)
		n += k
		w.mu.Lock()
		if err != nil {
			f.Errors++
			f.LastError = err.Error()
			delay := min(w.Interval<<min(f.Errors, 16), w.MaxDelay)
			var ra *retryAfter
			if errors.As(err, &ra) && ra.d > delay {
				delay = min(ra.d, w.MaxDelay)
			}
			f.Next = w.now().Add(delay)
			if w.Log != nil {
				fmt.Fprintf(w.Log, "verbatim watch: %s: %v (attempt %d; next in %s)\n", u, err, f.Errors, delay.Round(time.Second))
			}
		} else {
			f.Errors, f.LastError = 0, ""
			f.Next = w.now().Add(w.Interval)
		}
		serr := w.save()
		w.mu.Unlock()
		if serr != nil {
			return n, fmt.Errorf("state file: %w", serr)
		}
	}
	return n, nil
}

// retryAfter is a 429 or 503 with the delay the server asked for.
type retryAfter struct {
	status int
	d      time.Duration
}

func (e *retryAfter) Error() string {
	return fmt.Sprintf("%d %s (retry after %s)", e.status, http.StatusText(e.status), e.d)
}

// get fetches a URL after waiting for its host's turn. With a feed's state,
// the request is conditional; notModified reports a 304.
func (w *Watcher) get(ctx context.Context, u string, f *Feed) (body []byte, notModified bool, err error) {
	pu, err := url.Parse(u)
	if err != nil {
		return nil, false, err
	}
	w.mu.Lock()
	at := w.hosts[pu.Host]
	now := w.now()
	if at.Before(now) {
		at = now
	}
	w.hosts[pu.Host] = at.Add(w.HostGap)
	w.mu.Unlock()
	if d := at.Sub(now); d > 0 {
		select {
		case <-ctx.Done():
			return nil, false, ctx.Err()
		case <-time.After(d):
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("User-Agent", w.UserAgent)
	if f != nil {
		if f.ETag != "" {
			req.Header.Set("If-None-Match", f.ETag)
		}
		if f.LastModified != "" {
			req.Header.Set("If-Modified-Since", f.LastModified)
		}
	}
	resp, err := w.Client.Do(req)
	if err != nil {
		return nil, false, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, true, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		d := time.Duration(0)
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			d = time.Duration(s) * time.Second
		}
		return nil, false, &retryAfter{resp.StatusCode, d}
	case resp.StatusCode != http.StatusOK:
		return nil, false, fmt.Errorf("%s", resp.Status)
	}
	body, err = io.ReadAll(io.LimitReader(resp.Body, w.MaxBytes+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(body)) > w.MaxBytes {
		return nil, false, fmt.Errorf("larger than %d MB", w.MaxBytes>>20)
	}
	if f != nil {
		w.mu.Lock()
		f.ETag, f.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		w.mu.Unlock()
	}
	return body, false, nil
}

// pollOne polls a feed (or fetches a page) and emits its new articles.
func (w *Watcher) pollOne(ctx context.Context, u string, f *Feed) (int, error) {
	body, notModified, err := w.get(ctx, u, f)
	if err != nil || notModified {
		return 0, err
	}
	if input.Sniff(body, u) != input.ShapeFeed {
		// a page: extracted once, never fetched again
		w.mu.Lock()
		f.Page = true
		w.mu.Unlock()
		a, err := input.FromHTML(string(body), idOf(u), input.Options{})
		if err != nil {
			return 0, err
		}
		return w.emit(ctx, u, page(a, u))
	}
	type item struct {
		a   verbatim.Article
		key string
	}
	var items []item
	input.FromFeed(string(body), u, input.Options{}, func(a verbatim.Article, _ error) error {
		key := a.URL
		if key == "" {
			key = u + "#" + a.ID
		}
		if a.Source != u { // not the whole feed's error
			items = append(items, item{a, key})
		}
		return nil
	})
	if len(items) == 0 {
		return 0, errors.New("a feed without items")
	}
	n := 0
	var firstErr error
	for _, it := range items {
		w.mu.Lock()
		seen := w.state.Seen[it.key]
		w.mu.Unlock()
		if seen {
			continue
		}
		a := it.a
		if a.URL != "" {
			// the item's page, extracted as the HTML input does
			pg, _, err := w.get(ctx, a.URL, nil)
			if err == nil {
				var pa verbatim.Article
				if pa, err = input.FromHTML(string(pg), a.ID, input.Options{Published: a.Published}); err == nil {
					a = merge(page(pa, a.URL), a)
				}
			}
			if err != nil {
				if firstErr == nil {
					firstErr = fmt.Errorf("item %s: %w", a.URL, err)
				}
				continue // tried again at the next poll
			}
		}
		if strings.TrimSpace(a.Text) == "" {
			w.markSeen(it.key)
			continue
		}
		k, err := w.emit(ctx, it.key, a)
		n += k
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return n, firstErr
}

func (w *Watcher) markSeen(key string) {
	w.mu.Lock()
	w.state.Seen[key] = true
	w.mu.Unlock()
}

// emit hands an article on and marks its URL seen.
func (w *Watcher) emit(ctx context.Context, key string, a verbatim.Article) (int, error) {
	if err := w.Emit(ctx, a); err != nil {
		return 0, err
	}
	w.markSeen(key)
	return 1, nil
}

// page completes an article extracted from the page at u.
func page(a verbatim.Article, u string) verbatim.Article {
	if a.URL == "" {
		a.URL = u
	}
	a.Source = u
	return a
}

// merge fills what the page lacks from the feed item.
func merge(pa, item verbatim.Article) verbatim.Article {
	pa.ID = item.ID
	if pa.Title == "" {
		pa.Title = item.Title
	}
	if pa.Outlet == "" {
		pa.Outlet = item.Outlet
	}
	if pa.Published == "" {
		pa.Published = item.Published
	}
	if pa.Author == "" {
		pa.Author = item.Author
	}
	if strings.TrimSpace(pa.Text) == "" {
		pa.Text, pa.Format = item.Text, item.Format
	}
	return pa
}

// idOf makes an article id from a page URL: host and path.
func idOf(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return u
	}
	id := strings.Trim(pu.Host+pu.Path, "/")
	return string(bytes.ReplaceAll([]byte(id), []byte("/"), []byte("-")))
}
