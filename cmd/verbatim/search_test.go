package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/sqlite"
)

// searchLibrary stores n articles of one quote each by hand, the first from
// "The Moscow Times", in a new library file.
func searchLibrary(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "lib.db")
	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var docs []*verbatim.Doc
	for i := 0; i < n; i++ {
		text := fmt.Sprintf(`Ann Lee said "budget line %d".`, i)
		outlet := "Wire"
		if i == 0 {
			outlet = "The Moscow Times"
		}
		d := verbatim.NewDoc(verbatim.Article{ID: fmt.Sprintf("a/%04d", i), Title: fmt.Sprintf("Budget report %d", i), Outlet: outlet,
			Published: "2025-03-01", Text: text})
		d.Clean = text
		d.Entities = []verbatim.Entity{{Name: "Ann Lee", Type: verbatim.Person, Mentions: []int{0}}}
		d.Mentions = []verbatim.Mention{{Span: verbatim.Span{Start: 0, End: 7}, Text: "Ann Lee", Type: verbatim.Person}}
		q := strings.Index(text, "budget")
		d.Quotes = []verbatim.Quote{{Span: verbatim.Span{Start: q, End: len(text) - 2}, Type: verbatim.Direct, Speaker: 0,
			SpeakerAt: verbatim.Span{Start: 0, End: 7}, Cue: verbatim.Span{Start: 8, End: 12}, Confidence: 0.9}}
		docs = append(docs, d)
	}
	if _, err := st.Put(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSearchCommand: the text output names articles by outlet, title and
// date with the id and byte range to cite; csv and jsonl stream every
// match past 1,000; limits are checked as the API checks them; a missing
// library is refused.
func TestSearchCommand(t *testing.T) {
	db := searchLibrary(t, 1100)
	out, stderr, code := runVerbatim(t, "search", "--db", db, "--outlet", "moscow times", "budget")
	if code != 0 || !strings.Contains(out, "1 statement (newest first)") ||
		!strings.Contains(out, `— The Moscow Times, "Budget report 0", 2025-03-01 [a/0000 @14-27]`) {
		t.Errorf("text output (%d, %s):\n%s", code, stderr, out)
	}
	out, _, _ = runVerbatim(t, "search", "--db", db, "--articles", "--limit", "2", "budget")
	if !strings.Contains(out, "1,100 articles") && !strings.Contains(out, "1100 articles (best match first; 1-2 shown)") {
		t.Errorf("article search:\n%s", out)
	}
	if !strings.Contains(out, "Budget report") || !strings.Contains(out, "1 statement —") {
		t.Errorf("article search names:\n%s", out)
	}
	for format, lines := range map[string]int{"csv": 1101, "jsonl": 1100} {
		out, stderr, code = runVerbatim(t, "search", "--db", db, "--format", format, "budget")
		if n := strings.Count(out, "\n"); code != 0 || n != lines {
			t.Errorf("--format %s: %d lines, exit %d %s", format, n, code, stderr)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--limit", "-3"}, "limit: must be from 1 to 1000"},
		{[]string{"--limit", "5000"}, "limit: at most 1000 per page; export every result with format csv or jsonl"},
		{[]string{"--format", "csv", "--limit", "-1"}, "limit: must be 0 (everything) or more"},
		{[]string{"--offset", "-1"}, "offset: must be 0 or more"},
		{[]string{"--since", "2025-04", "--until", "2025-03-01"}, "since (2025-04) comes after until (2025-03-01)"},
		{[]string{"speaker:Lee"}, "filter with the speaker parameter"},
		{[]string{"--type", "quoted"}, `type: "quoted" is not a quote type`},
	} {
		_, stderr, code := runVerbatim(t, append([]string{"search", "--db", db}, c.args...)...)
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
	missing := filepath.Join(t.TempDir(), "typo.db")
	if _, stderr, code := runVerbatim(t, "search", "--db", missing, "x"); code != 1 || !strings.Contains(stderr, "no library at") {
		t.Errorf("missing library: %d %q", code, stderr)
	}
}

// TestServeRefusesMissingLibrary: serve does not create an empty library
// for a mistyped name; --create does.
func TestServeRefusesMissingLibrary(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "typo.db")
	_, stderr, code := runVerbatim(t, "serve", "--db", missing, "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(stderr, "no library at "+missing) || !strings.Contains(stderr, "--create") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("serve created the missing library")
	}
}

func TestVersion(t *testing.T) {
	out, _, code := runVerbatim(t, "--version")
	if code != 0 || !strings.HasPrefix(out, "verbatim ") || !strings.Contains(out, "go1.") {
		t.Errorf("--version: %d %q", code, out)
	}
}

// TestIngestProgressPlain: --progress into a pipe or a file writes plain
// lines, without the terminal's carriage returns and escape codes.
func TestIngestProgressPlain(t *testing.T) {
	dir := corpus(t, 3)
	cmd, stderr := ingestCmd("ingest", "--progress", "--db", filepath.Join(t.TempDir(), "p.db"), dir)
	if err := cmd.Run(); err != nil {
		t.Fatal(err, stderr)
	}
	if strings.ContainsAny(stderr.String(), "\r\x1b") || !strings.Contains(stderr.String(), "ingest: 3 stored") {
		t.Errorf("stderr %q", stderr.String())
	}
}
