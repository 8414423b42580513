package http

import (
	"context"
	"encoding/json"
	stdhttp "net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim/internal/servicetest"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/postgres"
)

// TestInstancesShareAPostgresLibrary: two servers over one PostgreSQL
// library (as behind a load balancer): an article POSTed to one is found
// through the other, and both are ready.
func TestInstancesShareAPostgresLibrary(t *testing.T) {
	url := servicetest.Postgres(t)
	var urls []string
	for range 2 {
		st, err := postgres.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		s := New(st, pipeline.New())
		ts := httptest.NewServer(s)
		t.Cleanup(ts.Close)
		urls = append(urls, ts.URL)
	}
	resp, err := stdhttp.Post(urls[0]+"/api/articles", "text/plain", strings.NewReader(geneva))
	if err != nil || resp.StatusCode >= 300 {
		t.Fatalf("POST: %v %v", resp.Status, err)
	}
	resp.Body.Close()
	for _, u := range urls {
		if code, body := getText(t, u+"/readyz"); code != 200 {
			t.Fatalf("%s readyz %d %s", u, code, body)
		}
	}
	code, body := getText(t, urls[1]+"/api/quotes?q=ceasefire")
	var r struct{ Total int }
	json.Unmarshal([]byte(body), &r)
	if code != 200 || r.Total < 1 || !strings.Contains(body, "within reach") {
		t.Fatalf("second instance: %d %s", code, body)
	}
}
