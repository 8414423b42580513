package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
	"github.com/verbatim-news/verbatim/sqlite"
	"github.com/verbatim-news/verbatim/stories"
)

// TestIngestSubprocessHelper is not a test: it runs the command line when
// started by ingestCmd as a child process.
func TestIngestSubprocessHelper(t *testing.T) {
	args := os.Getenv("VERBATIM_INGEST_ARGS")
	if args == "" {
		t.Skip("helper for subprocess tests")
	}
	root.SetArgs(strings.Split(args, "\x1f"))
	main() // exits
}

func ingestCmd(args ...string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestSubprocessHelper$")
	cmd.Env = append(os.Environ(), "VERBATIM_INGEST_ARGS="+strings.Join(args, "\x1f"), "GOMAXPROCS=1")
	var e bytes.Buffer
	cmd.Stderr = &e
	return cmd, &e
}

// corpus writes n small distinct articles.
func corpus(t *testing.T, n int) string {
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("Budget vote number %d\n\nFinance Minister Anna Berg said on Monday that \"plan %d is ready\". "+
			"Opposition leader Tom Hale told reporters the plan %d was \"a disgrace\". The vote is due on Friday.\n", i, i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func counts(t *testing.T, db string) (articles, distinct, quotes int) {
	t.Helper()
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.SQL().QueryRowContext(context.Background(), `SELECT count(*), count(DISTINCT hash), (SELECT count(*) FROM quotes) FROM articles`).
		Scan(&articles, &distinct, &quotes)
	if err != nil {
		t.Fatal(err)
	}
	return
}

// TestIngestKill9 kills a real ingest process midway with SIGKILL, then runs
// it again: what was committed is still there, nothing is duplicated, the
// finished articles are skipped and the rest is stored.
func TestIngestKill9(t *testing.T) {
	const n = 3000
	dir := corpus(t, n)
	db := filepath.Join(t.TempDir(), "lib.db")
	cmd, stderr := ingestCmd("ingest", "--db", db, "--batch", "25", "--cpus", "1", dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// wait for some batches to be committed, then kill -9
	seen := 0
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(30 * time.Millisecond)
		if _, err := os.Stat(db); err != nil {
			continue
		}
		if a, _, _ := counts(t, db); a >= 100 {
			seen = a
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if seen == 0 {
		t.Fatalf("nothing committed within 60 s: %s", stderr)
	}
	a1, d1, q1 := counts(t, db)
	if a1 < seen || a1 != d1 {
		t.Fatalf("after kill: %d articles (%d distinct), had seen %d committed", a1, d1, seen)
	}
	if a1 >= n {
		t.Skipf("ingest finished before the kill (%d articles); machine too fast for this test", a1)
	}
	if a1 > 0 && q1 == 0 {
		t.Fatalf("articles without their quotes: %d articles, %d quotes", a1, q1)
	}
	cmd, stderr = ingestCmd("ingest", "--db", db, dir)
	if err := cmd.Run(); err != nil {
		t.Fatalf("second run: %v\n%s", err, stderr)
	}
	a2, d2, q2 := counts(t, db)
	if a2 != n || d2 != n {
		t.Fatalf("after second run: %d articles (%d distinct), want %d", a2, d2, n)
	}
	if q2 <= q1 || q2 != q1*n/a1 {
		t.Errorf("quotes: %d after kill (%d articles), %d at the end", q1, a1, q2)
	}
	want := fmt.Sprintf("%d stored, %d skipped as duplicates, 0 failed", n-a1, a1)
	if !strings.Contains(stderr.String(), want) {
		t.Fatalf("summary: want %q in %q", want, stderr)
	}
	t.Logf("killed after %d of %d articles; second run: %s", a1, n, strings.TrimSpace(stderr.String()))
}

func TestIngestSummaryAndFailures(t *testing.T) {
	dir := corpus(t, 5)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "bin.txt"), []byte("\x00\x01\x02\x03\x00\x00\xff\xfe\x00binary"), 0o644)
	db := filepath.Join(t.TempDir(), "lib.db")
	cmd, stderr := ingestCmd("ingest", "--db", db, dir)
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1\n%s", err, stderr)
	}
	s := stderr.String()
	for _, want := range []string{"empty.txt", "bin.txt", "ingest: 5 stored, 0 skipped as duplicates, 2 failed"} {
		if !strings.Contains(s, want) {
			t.Errorf("stderr lacks %q:\n%s", want, s)
		}
	}
	// the same again: everything good is skipped
	cmd, stderr = ingestCmd("ingest", "--db", db, filepath.Join(dir, "a00000.txt"), filepath.Join(dir, "a00001.txt"))
	if err := cmd.Run(); err != nil || !strings.Contains(stderr.String(), "0 stored, 2 skipped as duplicates, 0 failed") {
		t.Fatalf("%v: %s", err, stderr)
	}
}

// TestIngestCPUProfile: the hidden --cpuprofile writes a profile (gzip
// compressed, as pprof writes them) of the whole ingest, grouping included.
func TestIngestCPUProfile(t *testing.T) {
	dir := corpus(t, 3)
	tmp := t.TempDir()
	prof := filepath.Join(tmp, "cpu.prof")
	cmd, stderr := ingestCmd("ingest", "--db", filepath.Join(tmp, "lib.db"), "--cpuprofile", prof, dir)
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, stderr)
	}
	b, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Fatalf("profile of %d bytes is not a pprof profile", len(b))
	}
}

// BenchmarkIngestBBC is the whole ingest (read, analyse, store, group into
// stories) of the BBC corpus into a fresh library:
// go test ./cmd/verbatim -run XX -bench IngestBBC -cpu 1
func BenchmarkIngestBBC(b *testing.B) {
	dir := shared.Path(b, "data/bbc")
	n := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := sqlite.Open(filepath.Join(b.TempDir(), "b.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		g := st.Grouper(stories.Options{})
		sum, err := ingest(context.Background(), sqliteSink(st, g), pipeline.New(), []string{dir}, input.Options{}, 0, 256, noProgress, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := g.Commit(context.Background()); err != nil {
			b.Fatal(err)
		}
		n += sum.Stored + sum.Duplicates
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// TestIngestInBatchesEqualsRebuild: several ingest runs (each continuing
// from the snapshot the previous one stored, or replaying the stored
// features when the snapshot is stale, unreadable or of a rebuild with
// another threshold, or storing without stories) leave the stories, persons and statements one run leaves, and
// `stories --db` (a full rebuild, replaying every article's features)
// changes nothing.
func TestIngestInBatchesEqualsRebuild(t *testing.T) {
	dir := shared.Path(t, "data/bbc/politics")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	files = files[:min(len(files), 150)]
	ctx := context.Background()
	type step struct {
		paths   []string
		plain   bool    // stored without stories (--no-stories)
		before  string  // SQL run before the ingest
		rebuild float64 // before the ingest, rebuild the stories with this threshold
	}
	run := func(db string, steps ...step) string {
		st, err := sqlite.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for _, s := range steps {
			if s.before != "" {
				if _, err := st.SQL().Exec(s.before); err != nil {
					t.Fatal(err)
				}
			}
			if s.rebuild != 0 {
				if _, err := st.RebuildStories(ctx, stories.Options{Threshold: s.rebuild}); err != nil {
					t.Fatal(err)
				}
			}
			var g *sqlite.Grouper
			if !s.plain {
				g = st.Grouper(stories.Options{})
			}
			if _, err := ingest(ctx, sqliteSink(st, g), pipeline.New(), s.paths, input.Options{Published: "2005-02-01"}, 1, 16, noProgress, io.Discard); err != nil {
				t.Fatal(err)
			}
			if g == nil {
				continue
			}
			if _, err := g.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			// the next ingest continues from a snapshot of every article
			var current bool
			if err := st.SQL().QueryRow(`SELECT through = (SELECT max(id) FROM articles) FROM story_snapshot`).Scan(&current); err != nil || !current {
				t.Fatalf("no current snapshot: %v", err)
			}
		}
		return storyRows(t, st)
	}
	dbs := t.TempDir()
	one := run(filepath.Join(dbs, "one.db"), step{paths: files})
	three := run(filepath.Join(dbs, "three.db"), step{paths: files[:40]}, step{paths: files[40:41]}, step{paths: files[41:]})
	if one != three {
		t.Fatalf("three ingests differ from one:\n%s\nwant\n%s", three, one)
	}
	// a large ingest commits as it goes (every groupEvery stored articles)
	defer func(n int) { groupEvery = n }(groupEvery)
	groupEvery = 33
	if got := run(filepath.Join(dbs, "every.db"), step{paths: files}); got != one {
		t.Fatalf("an ingest committing every %d articles differs from one commit:\n%s\nwant\n%s", groupEvery, got, one)
	}
	groupEvery = 1 << 30
	mixed := run(filepath.Join(dbs, "mixed.db"), step{paths: files[:40]}, step{paths: files[40:60], plain: true},
		step{paths: files[60:61]}, step{paths: files[61:100], before: `UPDATE story_snapshot SET state = x'00'`},
		step{paths: files[100:130], rebuild: 0.3}, // the snapshot of another threshold: all rows rewritten
		step{paths: files[130:], before: `UPDATE story_snapshot SET through = through - 1`})
	if one != mixed {
		t.Fatalf("ingests with and without stories, from stale snapshots, differ from one:\n%s\nwant\n%s", mixed, one)
	}
	// two groupers open at once: the second to commit finds the tables
	// changed under it and rewrites them from every article (it continued
	// from a snapshot, so it first replays them all)
	st, err := sqlite.Open(filepath.Join(dbs, "two.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	grouped := func(g *sqlite.Grouper, paths []string) {
		if _, err := ingest(ctx, sqliteSink(st, g), pipeline.New(), paths, input.Options{Published: "2005-02-01"}, 1, 16, noProgress, io.Discard); err != nil {
			t.Fatal(err)
		}
		if _, err := g.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	grouped(st.Grouper(stories.Options{}), files[:40])
	a, b := st.Grouper(stories.Options{}), st.Grouper(stories.Options{})
	if _, err := b.Put(ctx, nil); err != nil { // b opens: continues from the snapshot
		t.Fatal(err)
	}
	grouped(a, files[40:80])
	grouped(b, files[80:])
	if got := storyRows(t, st); got != one {
		t.Fatalf("two groupers at once differ from one:\n%s\nwant\n%s", got, one)
	}
	st, err = sqlite.Open(filepath.Join(dbs, "three.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.RebuildStories(ctx, stories.Options{}); err != nil {
		t.Fatal(err)
	}
	if got := storyRows(t, st); got != one {
		t.Fatalf("rebuild differs:\n%s\nwant\n%s", got, one)
	}
}

// storyRows summarises the story tables: each table's row count and a
// checksum of its sorted rows.
func storyRows(t *testing.T, st *sqlite.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT group_concat(x, '|') FROM (SELECT id || ' ' || title AS x FROM stories ORDER BY 1)`,
		`SELECT group_concat(x, '|') FROM (SELECT story_id || ' ' || a.ext_id AS x FROM story_articles JOIN articles a ON a.id = article_id ORDER BY 1)`,
		`SELECT count(*) || ' ' || sum(length(id) + articles) || ' ' || group_concat(name, '') FROM (SELECT * FROM persons ORDER BY id)`,
		`SELECT count(*) || ' ' || sum(entity_id) FROM person_entities`,
		`SELECT count(*) || ' ' || group_concat(person_id || decisions, '') FROM (SELECT person_id, group_concat(decisions, '' ORDER BY part) AS decisions FROM person_decision_parts GROUP BY person_id ORDER BY person_id)`,
		`SELECT count(*) || ' ' || group_concat(id || story_id || reports || outlets || said_on || ':' || quotes, '') FROM (SELECT * FROM statements ORDER BY id)`,
		`SELECT count(*) || ' ' || coalesce(sum(article_id * copy_of), 0) FROM article_copies`,
		`SELECT count(*) FROM aliases`,
	} {
		var s string
		if err := st.SQL().QueryRow(q).Scan(&s); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		fmt.Fprintln(&b, s)
	}
	return b.String()
}

// TestCountArticles: the ETA's total counts a file as one article and a
// JSON Lines file as one per non-empty line.
func TestCountArticles(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.txt":        "One.\n",
		"sub/b.txt":    "Two.\n",
		"feed.jsonl":   "{\"text\":\"x\"}\n\n{\"text\":\"y\"}\r\n{\"text\":\"z\"}", // a blank line, no final newline
		"more.ndjson":  "{\"text\":\"w\"}\n",
		"empty.ndjson": "",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n := countArticles([]string{dir}); n != 6 {
		t.Errorf("counted %d articles, want 6", n)
	}
	if n := countArticles([]string{filepath.Join(dir, "feed.jsonl"), filepath.Join(dir, "nope")}); n != 3 {
		t.Errorf("counted %d in feed.jsonl, want 3", n)
	}
}
