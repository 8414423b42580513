package http

import (
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// TestPostInvalidPublished: POST /api/articles refuses a publication date
// that is not a date with 400 and an error naming the field; in a batch,
// the other records are stored and the refused one is named (issue 19,
// defect 2: "not-a-date" and "2025-02-30" were stored with 201).
func TestPostInvalidPublished(t *testing.T) {
	_, ts := newServer(t)
	for _, body := range []string{
		`{"id": "a", "text": "The mayor said the festival would return.", "published": "not-a-date"}`,
		`{"id": "b", "text": "The mayor said the festival would return.", "published": "2025-02-30"}`,
	} {
		code, m := post(t, ts, "/api/articles", "application/json", body)
		if msg, _ := m["error"].(string); code != 400 || !strings.Contains(msg, "published") {
			t.Errorf("%s: %d %v, want 400 naming published", body, code, m)
		}
	}
	code, m := post(t, ts, "/api/articles?id=c&published=2025-13-01", "text/plain", "The mayor said the parade would return.")
	if msg, _ := m["error"].(string); code != 400 || !strings.Contains(msg, "published") {
		t.Errorf("?published=2025-13-01: %d %v, want 400 naming published", code, m)
	}
	batch := `{"id": "good", "text": "The mayor said the fair would return.", "published": "2025-03-03"}
{"id": "bad", "text": "The council said the budget was final.", "published": "2025-02-30"}
`
	code, m = post(t, ts, "/api/articles", "application/x-ndjson", batch)
	arts, _ := m["articles"].([]any)
	errs, _ := m["errors"].(string)
	if code != 201 || len(arts) != 1 || arts[0].(map[string]any)["id"] != "good" || !strings.Contains(errs, "published") || !strings.Contains(errs, ":2") {
		t.Errorf("batch: %d %v, want the good record stored and line 2 refused", code, m)
	}
	var res verbatim.ArticleResults
	if get(t, ts, "/api/articles", &res); res.Total != 1 || res.Articles[0].ID != "good" {
		t.Errorf("stored %+v, want only the good record", res)
	}
}
