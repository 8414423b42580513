package http

import (
	"io"
	stdhttp "net/http"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/pipeline"
)

// TestPostLimits: a body over the limit is refused with 413 and the limit
// before it is read (its Content-Length says so), or as soon as the read
// passes the limit (no length given); an article whose analysis outlasts
// the server's budget gets 422 naming it, not a 503 timeout.
func TestPostLimits(t *testing.T) {
	s, ts := newServer(t)
	s.MaxBody = 1000
	code, m := post(t, ts, "/api/articles", "text/plain", strings.Repeat("word ", 1000))
	if msg, _ := m["error"].(string); code != 413 || !strings.Contains(msg, "limit of 1000 bytes") || m["limit"] != 1000.0 {
		t.Errorf("big POST: %d %v", code, m)
	}
	// no Content-Length: the read stops at the limit
	req, _ := stdhttp.NewRequest("POST", ts.URL+"/api/articles", io.MultiReader(strings.NewReader(strings.Repeat("word ", 1000))))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "text/plain")
	resp, err := stdhttp.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 {
		t.Errorf("big chunked POST: %d", resp.StatusCode)
	}

	s.MaxBody = MaxBody
	slow := verbatim.StageFunc{N: "slow", F: func(d *verbatim.Doc) {
		if strings.Contains(d.Text, "SLOW") {
			time.Sleep(500 * time.Millisecond)
		}
	}}
	s.Pipeline = verbatim.NewPipeline(append(pipeline.Stages(), slow)...)
	s.Budget = 50 * time.Millisecond
	code, m = post(t, ts, "/api/articles?id=slowdoc", "text/plain", "A SLOW report. “We will win,” she said.")
	if msg, _ := m["error"].(string); code != 422 || !strings.Contains(msg, "slowdoc: analysis took longer than this server's budget of 50ms") {
		t.Errorf("slow POST: %d %v", code, m)
	}
	if code, m = post(t, ts, "/api/articles?id=fastdoc", "text/plain", "A quick report. “We will win,” she said."); code != 200 && code != 201 {
		t.Errorf("fast POST: %d %v", code, m)
	}
}
