package http

import (
	"context"
	stdhttp "net/http"
	"strconv"
	"time"

	"github.com/verbatim-news/verbatim/internal/metrics"
)

// Ops serves the operations endpoints of a process: /healthz (the process
// answers), /readyz (ready is nil: its library and queue answer) and
// /metrics (Prometheus text format). Workers serve it alone; Server serves
// it beside the API.
func Ops(m *metrics.Registry, ready func(context.Context) error) stdhttp.Handler {
	mux := stdhttp.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := ready(ctx); err != nil {
			w.WriteHeader(stdhttp.StatusServiceUnavailable)
			w.Write([]byte("not ready: " + err.Error() + "\n"))
			return
		}
		w.Write([]byte("ready\n"))
	})
	mux.HandleFunc("GET /metrics", func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		m.WriteTo(w)
	})
	return mux
}

// statusWriter records the status a handler wrote and the bytes of its
// body.
type statusWriter struct {
	stdhttp.ResponseWriter
	code  int
	bytes int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = stdhttp.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (deadlines,
// flushes).
func (w *statusWriter) Unwrap() stdhttp.ResponseWriter { return w.ResponseWriter }

// describeServer names the server's metrics.
func describeServer(m *metrics.Registry) {
	m.Describe("verbatim_http_request_duration_seconds", "histogram", "request latency by route")
	m.Describe("verbatim_http_requests_total", "counter", "requests by route and status code")
	m.Describe("verbatim_errors_total", "counter", "errors by kind (client: 4xx, server: 5xx, store)")
}

// observe records a request's latency and outcome.
func (s *Server) observe(route string, code int, d time.Duration) {
	if route == "" {
		route = "other"
	}
	s.Metrics.Observe("verbatim_http_request_duration_seconds", d, "route", route)
	s.Metrics.Add("verbatim_http_requests_total", 1, "route", route, "code", strconv.Itoa(code))
	switch {
	case code >= 500:
		s.Metrics.Add("verbatim_errors_total", 1, "kind", "server")
	case code >= 400:
		s.Metrics.Add("verbatim_errors_total", 1, "kind", "client")
	}
}

// ready checks that the library answers.
func (s *Server) ready(ctx context.Context) error {
	if p, ok := s.Store.(interface{ Ping(context.Context) error }); ok {
		return p.Ping(ctx)
	}
	_, err := s.Store.Has(ctx, "")
	return err
}
