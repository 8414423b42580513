package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/sqlite"
)

// TestWatchCommand: verbatim watch --once stores a feed item's page,
// analysed (its quote found), and a second run fetches nothing again.
func TestWatchCommand(t *testing.T) {
	var pageHits int
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.rss":
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Bergvik Ledger</title>
<item><title>Harbour strike enters second week</title><link>%s/strike.html</link><guid>ledger-1</guid>
<pubDate>Fri, 14 Mar 2025 08:00:00 GMT</pubDate><description>Dock workers stay out.</description></item></channel></rss>`, srv.URL)
		case "/strike.html":
			pageHits++
			fmt.Fprint(w, `<html><head><title>Harbour strike</title></head><body><article><h1>Harbour strike enters second week</h1>
<p>Union leader Mara Olsen told reporters on Thursday: "We are not going back until the night shifts are safe."</p>
<p>The port authority declined to comment on the strike.</p></article></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	list, db := filepath.Join(dir, "feeds.txt"), filepath.Join(dir, "v.db")
	os.WriteFile(list, []byte("# one feed\n"+srv.URL+"/feed.rss\n"), 0o644)
	for run := 0; run < 2; run++ {
		cmd, stderr := ingestCmd("watch", "--once", "--db", db, list)
		if err := cmd.Run(); err != nil {
			t.Fatalf("run %d: %v\n%s", run, err, stderr)
		}
		if !strings.Contains(stderr.String(), fmt.Sprintf("watch: %d new articles", 1-run)) {
			t.Fatalf("run %d: %s", run, stderr)
		}
	}
	if pageHits != 1 {
		t.Fatalf("page fetched %d times", pageHits)
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r, err := st.Quotes(context.Background(), verbatim.QuoteQuery{Speaker: "Mara Olsen"})
	if err != nil || r.Total != 1 || !strings.Contains(r.Quotes[0].Text, "night shifts are safe") || r.Quotes[0].ArticleID != "ledger-1" {
		t.Fatalf("stored quotes %+v %v", r, err)
	}
	if _, err := os.Stat(list + ".state"); err != nil {
		t.Fatalf("no state file: %v", err)
	}
}
