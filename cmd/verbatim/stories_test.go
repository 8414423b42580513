package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/stories"
)

func TestWriteStoriesJSONL(t *testing.T) {
	bridge := "The council of Port Ellis voted to close the old harbour bridge over the Alder river for repairs to its rusted piers and cracked deck. "
	docs := []*verbatim.Doc{
		{Article: verbatim.Article{ID: "one", Title: "Harbour bridge to close", Text: bridge + "Engineers will start work in May."}},
		{Article: verbatim.Article{ID: "two", Title: "Harbour bridge closure approved", Text: bridge + "Traders fear for their takings."}},
		{Article: verbatim.Article{ID: "three", Title: "Chess final", Text: "A sixteen-year-old won the national chess championship after sacrificing a rook in the final round."}},
	}
	c := stories.Batch(docs, stories.Options{})
	var buf bytes.Buffer
	writeStories(&buf, c, "jsonl", false)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d story lines, want 2:\n%s", len(lines), buf.String())
	}
	var first storyLine
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.Story == "" || first.Title != "Harbour bridge to close" || strings.Join(first.Articles, ",") != "one,two" {
		t.Errorf("first story %+v", first)
	}
	buf.Reset()
	writeStories(&buf, c, "text", true)
	if !strings.Contains(buf.String(), "== ") {
		t.Errorf("text output:\n%s", buf.String())
	}
}

// TestStoriesDBListsAndRebuildsOnRequest: `stories --db` lists a library's
// stories as stored (the fields --help documents), largest first with
// --sort size, --limit at a time, selected by --q; it groups again only
// with --rebuild; a missing library is an error that says so.
func TestStoriesDBListsAndRebuildsOnRequest(t *testing.T) {
	dir := t.TempDir()
	bridge := "The council of Port Ellis voted to close the old harbour bridge over the Alder river for repairs to its rusted piers and cracked deck, the mayor said. "
	writeFile(t, dir, "one.jsonl", `{"id":"one","title":"Harbour bridge to close","outlet":"Ellis Post","published":"2025-03-03","text":"`+bridge+`Engineers will start work in May."}
{"id":"two","title":"Harbour bridge closure approved","outlet":"Coast Radio","published":"2025-03-04","text":"`+bridge+`Traders fear for their takings once the crossing shuts."}
{"id":"three","title":"Chess final","outlet":"Chess Weekly","published":"2025-03-05","text":"A sixteen-year-old won the national chess championship after sacrificing a rook in the final round."}
`)
	db := filepath.Join(dir, "lib.db")
	if _, stderr, code := runVerbatim(t, "ingest", "--db", db, filepath.Join(dir, "one.jsonl")); code != 0 {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	stdout, stderr, code := runVerbatim(t, "stories", "--db", db, "--sort", "size")
	if code != 0 || strings.Contains(stderr, "grouped") {
		t.Fatalf("stories --db: %d %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var first storyLine
	if len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &first) != nil {
		t.Fatalf("stories --db --sort size:\n%s", stdout)
	}
	if strings.Join(first.Articles, ",") != "one,two" || first.First != "2025-03-03" || first.Last != "2025-03-04" ||
		first.Topic == "" || first.TopicLabel == "" || first.Title == "" {
		t.Errorf("largest story %+v", first)
	}
	if stdout, _, _ := runVerbatim(t, "stories", "--db", db, "--limit", "1"); strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, `"three"`) {
		t.Errorf("--limit 1 (latest first):\n%s", stdout)
	}
	if stdout, _, _ := runVerbatim(t, "stories", "--db", db, "--q", "rook", "--format", "text"); !strings.Contains(stdout, "Chess final") || strings.Contains(stdout, "Harbour") {
		t.Errorf("--q rook:\n%s", stdout)
	}
	if _, stderr, code := runVerbatim(t, "stories", "--db", db, "--rebuild"); code != 0 || !strings.Contains(stderr, "2 stories") {
		t.Errorf("--rebuild: %d %s", code, stderr)
	}
	if _, stderr, code := runVerbatim(t, "stories", "--db", filepath.Join(dir, "none.db")); code == 0 || !strings.Contains(stderr, "no library") {
		t.Errorf("a missing library: %d %s", code, stderr)
	}
}
