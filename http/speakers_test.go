package http

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/sqlite"
	"github.com/verbatim-news/verbatim/stories"
)

// Namesakes written for this test.
var namesakes = []string{
	"Tony Blair said on Monday: \"We will win the vote on schools.\" Blair added that the reforms would go ahead.\n",
	"Cherie Blair said on Tuesday: \"I am proud of the charity and its work.\"\n",
	"Sir Ian Blair, the police commissioner, said on Wednesday: \"Crime is down across London this year.\"\n",
	"Microsoft said on Thursday: \"Business needs certainty from the government.\"\n",
}

func TestWhichSpeaker(t *testing.T) {
	s, ts := newServer(t)
	for _, a := range namesakes {
		if code, m := post(t, ts, "/api/articles", "text/plain", a); code != 201 {
			t.Fatalf("POST: %d %v", code, m)
		}
	}
	if _, err := s.Store.(*sqlite.DB).RebuildStories(context.Background(), stories.Options{}); err != nil {
		t.Fatal(err)
	}
	// a surname several people have: the candidates, most quoted first
	for _, path := range []string{"/api/speakers/Blair", "/api/quotes?speaker=blair"} {
		var amb struct {
			Error      string
			Candidates []verbatim.SpeakerSummary
		}
		code, body := get(t, ts, path, &amb)
		if code != 300 || len(amb.Candidates) < 2 || !strings.Contains(amb.Error, "Blair") {
			t.Fatalf("%s: %d %s", path, code, body)
		}
		for _, c := range amb.Candidates {
			var d verbatim.SpeakerDetail
			if code, body := get(t, ts, "/api/speakers/"+url.PathEscape(c.ID), &d); code != 200 || d.Quotes != c.Quotes || d.ID != c.ID {
				t.Errorf("candidate %+v: %d %s", c, code, body)
			}
			var res verbatim.QuoteResults
			if code, body := get(t, ts, "/api/quotes?speaker="+url.QueryEscape(c.ID), &res); code != 200 || res.Total != c.Quotes {
				t.Errorf("search by %s: %d %s", c.ID, code, body)
			}
		}
	}
	// the UI asks too, with links to each
	code, page := get(t, ts, "/speaker/Blair", nil)
	if code != 300 || !strings.Contains(page, "Which one do you mean?") || !strings.Contains(page, `href="/speaker/person:tony-blair"`) {
		t.Fatalf("UI /speaker/Blair: %d %s", code, page)
	}
	code, page = get(t, ts, "/?speaker=Blair", nil)
	if code != 200 || !strings.Contains(page, "Which one do you mean?") || !strings.Contains(page, "speaker=person%3Atony-blair") {
		t.Fatalf("UI search by Blair: %d %s", code, page)
	}
	// each candidate's link is the same search, by that speaker
	if _, page = get(t, ts, "/?speaker=Blair&sort=oldest&type=direct&offset=20", nil); !strings.Contains(page, `href="/?sort=oldest&amp;speaker=person%3Atony-blair&amp;type=direct"`) {
		t.Errorf("UI search by Blair, other filters: %s", page)
	}
	// a speaker's download is the search by them: the same question for a
	// name several speakers answer to, every statement for one
	var amb struct{ Candidates []verbatim.SpeakerSummary }
	if code, body := get(t, ts, "/api/speakers/Blair?format=csv", &amb); code != 300 || len(amb.Candidates) < 2 {
		t.Errorf("download of Blair: %d %s", code, body)
	}
	for _, c := range amb.Candidates {
		resp, body := do(t, ts, "GET", "/api/speakers/"+url.PathEscape(c.ID)+"?format=csv", "", "")
		if rows := strings.Count(strings.TrimSpace(body), "\n"); resp.StatusCode != 200 || rows != c.Quotes {
			t.Errorf("download of %s: %d, %d rows, want %d", c.ID, resp.StatusCode, rows, c.Quotes)
		}
	}
	// the speaker page links its downloads and the chart's searches by id
	code, page = get(t, ts, "/speaker/Tony%20Blair", nil)
	if code != 200 || !strings.Contains(page, `href="/api/speakers/person:tony-blair?format=csv"`) || strings.Contains(page, "person=") {
		t.Errorf("Tony Blair's page: %d %s", code, page)
	}
	// people and organisations apart
	for typ, want := range map[string]verbatim.EntityType{"organization": verbatim.Organization, "people": verbatim.Person} {
		var sp struct{ Speakers []verbatim.SpeakerSummary }
		if code, body := get(t, ts, "/api/speakers?type="+typ, &sp); code != 200 || len(sp.Speakers) == 0 {
			t.Fatalf("type=%s: %d %s", typ, code, body)
		}
		for _, x := range sp.Speakers {
			if x.Type != want {
				t.Errorf("type=%s: %+v", typ, x)
			}
		}
		var res verbatim.QuoteResults
		if code, body := get(t, ts, "/api/quotes?speaker_type="+typ, &res); code != 200 || res.Total == 0 {
			t.Fatalf("speaker_type=%s: %d %s", typ, code, body)
		}
	}
	if code, body := get(t, ts, "/api/speakers?type=martians", nil); code != 400 || !strings.Contains(body, "martians") {
		t.Errorf("type=martians: %d %s", code, body)
	}
	code, page = get(t, ts, "/speakers?type=organization", nil)
	if code != 200 || !strings.Contains(page, "Microsoft") || strings.Contains(page, "Cherie Blair") {
		t.Errorf("UI organisations: %d %s", code, page)
	}
}
