// Package http serves Verbatim's library of record: a JSON API and a
// server-rendered web UI (html/template, assets embedded, no CDN) over a
// verbatim.Store.
//
// Every piece of article text is untrusted: the UI escapes everything it
// shows (html/template), builds highlighted article HTML from spans as
// escaped segments, and sends a Content-Security-Policy that forbids inline
// scripts. Malformed search syntax is answered with 400, unknown ids with
// 404; request bodies are limited and the server sets read, write and idle
// timeouts and shuts down gracefully.
package http

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	stdhttp "net/http"
	"strings"
	"sync"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/metrics"
)

// MaxBody is the default limit on a POSTed body.
const MaxBody = 20 << 20

// Budget is the default time the articles of one POST may take to analyse:
// within the 30 s request timeout, with time left to store them. A request
// over it is refused with 422 (the article named), not left to time out.
const Budget = 20 * time.Second

// Server answers API and UI requests from a store.
type Server struct {
	Store    verbatim.Store
	Pipeline *verbatim.Pipeline // analyses POSTed articles
	MaxBody  int64
	Budget   time.Duration     // analysis time of one POST (<= 0: none)
	Log      *log.Logger       // nil: standard logger
	Metrics  *metrics.Registry // served on /metrics
	// AccessLog, when not nil, gets a line per request: the Common Log
	// Format (client, time, request line, status, bytes) and the time taken.
	AccessLog io.Writer
	// Ingest, when set, stores POSTed articles instead of Store.Put: serve
	// sets it to store them and add them to the library's stories, as
	// ingest does.
	Ingest func(ctx context.Context, docs []*verbatim.Doc) ([]verbatim.PutOutcome, error)
	mux    *stdhttp.ServeMux
}

// New returns a server over a store; p analyses POSTed articles.
func New(st verbatim.Store, p *verbatim.Pipeline) *Server {
	s := &Server{Store: st, Pipeline: p, MaxBody: MaxBody, Budget: Budget, Metrics: metrics.New()}
	describeServer(s.Metrics)
	pages() // a broken template fails here, not at the first page served
	s.mux = stdhttp.NewServeMux()
	s.routes()
	return s
}

func (s *Server) logf(format string, v ...any) {
	if s.Log != nil {
		s.Log.Printf(format, v...)
	} else {
		log.Printf(format, v...)
	}
}

// ServeHTTP serves the API and the UI, recovering from panics (500).
func (s *Server) ServeHTTP(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	t0 := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	w = sw
	defer func() {
		code := sw.code
		if code == 0 {
			code = stdhttp.StatusOK
		}
		s.observe(r.Pattern, code, time.Since(t0))
	}()
	defer func() {
		if v := recover(); v != nil {
			if v == stdhttp.ErrAbortHandler {
				panic(v)
			}
			s.logf("panic serving %s: %v", r.URL, v)
			stdhttp.Error(w, "internal error", stdhttp.StatusInternalServerError)
		}
	}()
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) routes() {
	m := s.mux
	ops := Ops(s.Metrics, s.ready)
	for _, p := range []string{"GET /healthz", "GET /readyz", "GET /metrics"} {
		m.Handle(p, ops)
	}
	m.HandleFunc("GET /api/quotes", s.apiQuotes)
	m.HandleFunc("GET /api/speakers", s.apiSpeakers)
	m.HandleFunc("GET /api/speakers/{name}", s.apiSpeaker)
	m.HandleFunc("GET /api/articles", s.apiArticles)
	m.HandleFunc("GET /api/articles/{id...}", s.apiArticle)
	m.HandleFunc("POST /api/articles", s.apiPost)
	m.HandleFunc("GET /api/stories", s.apiStories)
	m.HandleFunc("GET /api/stories/{id}", s.apiStory)
	m.HandleFunc("GET /api/topics", s.apiTopics)
	m.HandleFunc("GET /api/stats", s.apiStats)
	m.HandleFunc("/api/", func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		if allow := s.allowed(r); allow != "" {
			w.Header().Set("Allow", allow)
			writeErr(w, stdhttp.StatusMethodNotAllowed, r.Method+" is not served here; use "+allow)
			return
		}
		writeErr(w, stdhttp.StatusNotFound, "no such API endpoint (see /help#api)")
	})
	m.HandleFunc("GET /{$}", s.uiSearch)
	m.HandleFunc("GET /articles", s.uiArticles)
	m.HandleFunc("GET /speakers", s.uiSpeakers)
	m.HandleFunc("GET /speaker/{name}", s.uiSpeaker)
	m.HandleFunc("GET /article/{id...}", s.uiArticle)
	m.HandleFunc("GET /original/{id...}", s.original)
	m.HandleFunc("GET /help", s.uiHelp)
	m.HandleFunc("GET /stories", s.uiStories)
	m.HandleFunc("GET /story/{id}", s.uiStory)
	m.HandleFunc("GET /topics", s.uiTopics)
	m.Handle("GET /static/", stdhttp.StripPrefix("/static/", staticHandler()))
	m.HandleFunc("/", func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		if allow := s.allowed(r); allow != "" {
			w.Header().Set("Allow", allow)
			s.uiError(w, r, stdhttp.StatusMethodNotAllowed, r.Method+" is not served here; use "+allow+".")
			return
		}
		s.uiError(w, r, stdhttp.StatusNotFound, "Nothing here.")
	})
}

// allowed lists the methods a request's path is served with when its own
// method is not one of them ("" when the path is served by no route): the
// catch-all routes, which take any method, answer 405 with it.
func (s *Server) allowed(r *stdhttp.Request) string {
	var ms []string
	for _, m := range []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"} {
		if m == r.Method {
			continue
		}
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, pat := s.mux.Handler(r2); pat != "/" && pat != "/api/" && pat != "" {
			ms = append(ms, m)
		}
	}
	return strings.Join(ms, ", ")
}

func writeJSON(w stdhttp.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

func writeErr(w stdhttp.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// status maps a store error to an HTTP status and message.
func status(err error) (int, string) {
	var qe *verbatim.QueryError
	var ae *verbatim.AmbiguousError
	switch {
	case errors.As(err, &qe):
		return stdhttp.StatusBadRequest, qe.Msg
	case errors.As(err, &ae):
		return stdhttp.StatusMultipleChoices, ae.Error()
	case errors.Is(err, verbatim.ErrNotFound):
		return stdhttp.StatusNotFound, "not found"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return stdhttp.StatusServiceUnavailable, "request cancelled or timed out"
	}
	return stdhttp.StatusInternalServerError, "internal error"
}

func (s *Server) fail(w stdhttp.ResponseWriter, r *stdhttp.Request, err error) {
	code, msg := status(err)
	if code >= 500 {
		s.logf("%s %s: %v", r.Method, r.URL, err)
	}
	var ae *verbatim.AmbiguousError
	if errors.As(err, &ae) { // which one: the candidates, most quoted first
		writeJSON(w, code, map[string]any{"error": msg, "candidates": ae.Candidates})
		return
	}
	writeErr(w, code, msg)
}

// Handler is the server with its request timeout (30 s: a page, a search)
// and its access log. Exports (format=csv|jsonl) are not timed out: they
// stream for as long as the client reads them.
func (s *Server) Handler() stdhttp.Handler {
	timed := stdhttp.TimeoutHandler(s, 30*time.Second, `{"error":"timeout"}`)
	var h stdhttp.Handler = stdhttp.HandlerFunc(func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		if r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/api/") && exportFormat(r) != "" {
			s.ServeHTTP(w, r)
			return
		}
		timed.ServeHTTP(w, r)
	})
	if s.AccessLog != nil {
		h = accessLog(h, s.AccessLog)
	}
	return h
}

// accessLog writes a line per request to w: Common Log Format, then the
// time taken in milliseconds.
func accessLog(h stdhttp.Handler, w io.Writer) stdhttp.Handler {
	var mu sync.Mutex
	return stdhttp.HandlerFunc(func(rw stdhttp.ResponseWriter, r *stdhttp.Request) {
		t0 := time.Now()
		l := &statusWriter{ResponseWriter: rw}
		defer func() {
			host, _, err := net.SplitHostPort(r.RemoteAddr)
			if err != nil {
				host = r.RemoteAddr
			}
			if l.code == 0 {
				l.code = stdhttp.StatusOK
			}
			line := fmt.Sprintf("%s - - [%s] %q %d %d %.1fms\n", host, t0.Format("02/Jan/2006:15:04:05 -0700"),
				r.Method+" "+r.URL.RequestURI()+" "+r.Proto, l.code, l.bytes, float64(time.Since(t0).Microseconds())/1000)
			mu.Lock()
			io.WriteString(w, line)
			mu.Unlock()
		}()
		h.ServeHTTP(l, r)
	})
}

// HTTPServer returns a net/http server for the handler with timeouts set.
func (s *Server) HTTPServer(addr string) *stdhttp.Server {
	return &stdhttp.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// Serve serves on ln until ctx is cancelled, then shuts down gracefully
// (in-flight requests get up to 10 s to finish).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := s.HTTPServer(ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, stdhttp.ErrServerClosed) {
		return err
	}
	return nil
}
