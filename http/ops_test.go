package http

import (
	"context"
	"errors"
	"io"
	stdhttp "net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim/internal/metrics"
)

func getText(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := stdhttp.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestOps: /healthz answers, /readyz checks the library, /metrics counts
// requests by route and status, their latency, and errors by kind, in
// Prometheus' text format.
func TestOps(t *testing.T) {
	_, ts := newServer(t)
	if code, body := getText(t, ts.URL+"/healthz"); code != 200 || body != "ok\n" {
		t.Fatalf("healthz %d %q", code, body)
	}
	if code, body := getText(t, ts.URL+"/readyz"); code != 200 || body != "ready\n" {
		t.Fatalf("readyz %d %q", code, body)
	}
	getText(t, ts.URL+"/api/quotes?q=ceasefire")
	getText(t, ts.URL+"/api/quotes?q=%22unbalanced")
	getText(t, ts.URL+"/api/articles/nope")
	code, m := getText(t, ts.URL+"/metrics")
	for _, want := range []string{
		"# TYPE verbatim_http_request_duration_seconds histogram",
		`verbatim_http_request_duration_seconds_bucket{route="GET /api/quotes",le="+Inf"} 2`,
		`verbatim_http_request_duration_seconds_count{route="GET /api/quotes"} 2`,
		`verbatim_http_requests_total{route="GET /api/quotes",code="200"} 1`,
		`verbatim_http_requests_total{route="GET /api/quotes",code="400"} 1`,
		`verbatim_http_requests_total{route="GET /api/articles/{id...}",code="404"} 1`,
		`verbatim_errors_total{kind="client"} 2`,
	} {
		if code != 200 || !strings.Contains(m, want) {
			t.Errorf("metrics lack %q:\n%s", want, m)
		}
	}
}

// TestReadyzFails: a library that does not answer makes /readyz 503 with
// the reason.
func TestReadyzFails(t *testing.T) {
	ts := httptest.NewServer(Ops(metrics.New(), func(context.Context) error { return errors.New("library unreachable") }))
	defer ts.Close()
	if code, body := getText(t, ts.URL+"/readyz"); code != 503 || !strings.Contains(body, "library unreachable") {
		t.Fatalf("readyz %d %q", code, body)
	}
}
