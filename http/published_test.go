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
	if code != 201 || len(arts) != 1 || arts[0].(map[string]any)["id"] != "good" || !strings.Contains(errs, "published") || !strings.Contains(errs, "body line 2") {
		t.Errorf("batch: %d %v, want the good record stored and line 2 refused", code, m)
	}
	var res verbatim.ArticleResults
	if get(t, ts, "/api/articles", &res); res.Total != 1 || res.Articles[0].ID != "good" {
		t.Errorf("stored %+v, want only the good record", res)
	}
}

// TestUndatedShown: statements of an article without a publication date
// show "undated" in the UI and null in JSON (issue 19, defect 5: they
// showed as ????-??-?? or not at all).
func TestUndatedShown(t *testing.T) {
	_, ts := newServer(t)
	code, m := post(t, ts, "/api/articles?id=nodate&outlet=Wire", "text/plain", "Harbour talks\n\nMayor Jonas Lind said the harbour would reopen soon.")
	if code != 201 {
		t.Fatalf("POST: %d %v", code, m)
	}
	var raw struct {
		Quotes []map[string]any `json:"quotes"`
	}
	if get(t, ts, "/api/quotes", &raw); len(raw.Quotes) != 1 {
		t.Fatalf("quotes %v", raw)
	}
	for _, k := range []string{"said_on", "published"} {
		if v, ok := raw.Quotes[0][k]; !ok || v != nil {
			t.Errorf("/api/quotes: %s = %v, want null", k, v)
		}
	}
	var sp struct{ Speakers []map[string]any }
	if get(t, ts, "/api/speakers", &sp); len(sp.Speakers) != 1 || sp.Speakers[0]["first"] != nil || sp.Speakers[0]["last"] != nil {
		t.Errorf("/api/speakers %v: want first and last null", sp)
	}
	for _, path := range []string{"/", "/speakers", "/articles", "/article/nodate", "/speaker/Jonas%20Lind"} {
		_, body := get(t, ts, path, nil)
		if !strings.Contains(body, ">undated<") || strings.Contains(body, "????") || strings.Contains(body, "<time></time>") {
			t.Errorf("%s: want \"undated\" shown, no empty date", path)
		}
	}
}
