package main

import (
	"bytes"
	"encoding/json"
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
