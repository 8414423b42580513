package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	natsserver "github.com/nats-io/nats-server/v2/server"
	"github.com/verbatim-news/verbatim/internal/servicetest"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/postgres"
	"github.com/verbatim-news/verbatim/sqlite"
)

// faultArticles is the size of the fault test: VERBATIM_FAULT_ARTICLES
// (the run: 20000), else 3000 so that CI stays short.
func faultArticles(t *testing.T) int {
	if s := os.Getenv("VERBATIM_FAULT_ARTICLES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			t.Fatalf("VERBATIM_FAULT_ARTICLES=%q", s)
		}
		return n
	}
	return 3000
}

// bbcDerived writes n articles as JSON Lines: the BBC corpus in its order,
// then again with an update line appended to each (a new content hash), and
// so on; the corpus' own duplicates stay duplicates.
func bbcDerived(t *testing.T, n int) string {
	dir := shared.Path(t, "data/bbc")
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatalf("no articles in %s", dir)
	}
	out := filepath.Join(t.TempDir(), "bbc-derived.jsonl")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for i := 0; i < n; i++ {
		p := files[i%len(files)]
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text, round := string(b), i/len(files)
		if round > 0 {
			text += fmt.Sprintf("\nUpdated: edition %d.\n", round+1)
		}
		rel, _ := filepath.Rel(dir, p)
		id := fmt.Sprintf("r%d/%s", round, strings.TrimSuffix(rel, ".txt"))
		enc.Encode(map[string]string{"id": id, "outlet": "BBC", "published": "2005-02-01", "text": text})
	}
	return out
}

// natsServer runs an embedded NATS server with JetStream storing in dir,
// on port (0: any free port).
func natsServer(t *testing.T, dir string, port int) *natsserver.Server {
	t.Helper()
	if port == 0 {
		port = -1
	}
	s, err := natsserver.NewServer(&natsserver.Options{Host: "127.0.0.1", Port: port, JetStream: true, StoreDir: dir, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("embedded NATS server not ready")
	}
	return s
}

// TestFaultTolerance: 3 worker processes on one stream of BBC-derived
// articles; one is killed with SIGKILL mid-batch and the NATS server is
// restarted once; the library ends with every article exactly once and the
// stories of a single-process ingest of the same input in the same order.
func TestFaultTolerance(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	n := faultArticles(t)
	pg := servicetest.Postgres(t)
	jsonl := bbcDerived(t, n)
	ctx := context.Background()

	// the reference: one process, SQLite
	ref := filepath.Join(t.TempDir(), "ref.db")
	cmd, stderr := ingestCmd("ingest", "--db", ref, jsonl)
	cmd.Env = append(cmd.Env, "GOMAXPROCS=2")
	if err := cmd.Run(); err != nil {
		t.Fatalf("reference ingest: %v\n%s", err, stderr)
	}

	natsDir := t.TempDir()
	ns := natsServer(t, natsDir, 0)
	port := ns.Addr().(interface{ String() string }).String()
	port = port[strings.LastIndexByte(port, ':')+1:]
	natsURL := "nats://127.0.0.1:" + port
	defer func() { ns.Shutdown() }()
	stream := servicetest.Unique("VFAULT_")
	pub, perr := ingestCmd("ingest", "--queue", natsURL, "--stream", stream, jsonl)
	if err := pub.Run(); err != nil {
		t.Fatalf("ingest --queue: %v\n%s", err, perr)
	}
	lib, err := postgres.Open(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	stored := func() int {
		var k int
		lib.Pool().QueryRow(ctx, `SELECT count(*) FROM articles`).Scan(&k)
		return k
	}
	type proc struct {
		wait chan error
		pid  int
		out  fmt.Stringer
	}
	start := func() proc {
		c, e := ingestCmd("worker", "--queue", natsURL, "--db", pg, "--stream", stream, "--ack-wait", "3s",
			"--exit-when-idle", "4s", "--batch", "32", "--cpus", "1")
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		p := proc{wait: make(chan error, 1), pid: c.Process.Pid, out: e}
		go func() { p.wait <- c.Wait() }()
		return p
	}
	workers := []proc{start(), start(), start()}
	deadline := time.Now().Add(20 * time.Minute)
	waitFor := func(k int) {
		for stored() < k {
			if time.Now().After(deadline) {
				t.Fatalf("stuck at %d stored articles", stored())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitFor(n / 5)
	// SIGKILL a worker in the middle of its work: what it fetched and did
	// not acknowledge is delivered again to the others
	if err := syscall.Kill(workers[0].pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-workers[0].wait
	t.Logf("killed worker %d at %d stored", workers[0].pid, stored())
	waitFor(n / 2)
	ns.Shutdown()
	ns.WaitForShutdown()
	t.Logf("NATS stopped at %d stored", stored())
	time.Sleep(time.Second)
	p, _ := strconv.Atoi(port)
	ns = natsServer(t, natsDir, p)
	t.Logf("NATS restarted")
	for i, w := range workers[1:] {
		select {
		case err := <-w.wait:
			if err != nil {
				t.Fatalf("worker %d: %v\n%s", i+1, err, w.out)
			}
		case <-time.After(time.Until(deadline)):
			t.Fatalf("worker %d did not finish\n%s", i+1, w.out)
		}
		t.Logf("worker %d: %s", i+1, lastLine(w.out.String()))
	}
	// every article exactly once: the reference's articles, by id and content
	refDB, err := sqlite.Open(ref)
	if err != nil {
		t.Fatal(err)
	}
	defer refDB.Close()
	want, got := map[string]string{}, map[string]string{}
	rows, _ := refDB.SQL().Query(`SELECT ext_id, hash FROM articles`)
	for rows.Next() {
		var id, h string
		rows.Scan(&id, &h)
		want[id] = h
	}
	rows.Close()
	prows, _ := lib.Pool().Query(ctx, `SELECT ext_id, hash FROM articles`)
	for prows.Next() {
		var id, h string
		prows.Scan(&id, &h)
		got[id] = h
	}
	prows.Close()
	if len(got) != len(want) {
		t.Errorf("%d articles stored, the single process stored %d", len(got), len(want))
	}
	for id, h := range want {
		if got[id] != h {
			t.Errorf("article %s: %q, want %q", id, got[id], h)
			break
		}
	}
	if ug, _ := lib.Ungrouped(ctx); ug != 0 {
		t.Fatalf("%d articles not grouped", ug)
	}
	a, b := sqliteStories(t, refDB), postgresStories(t, lib)
	if a != b {
		t.Fatalf("stories differ from the single-process ingest: %s", firstDifference(a, b))
	}
	t.Logf("%d articles, %d lines of story rows equal", len(got), strings.Count(a, "\n"))
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	return s[strings.LastIndexByte(s, '\n')+1:]
}

func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n single process %.300s\n workers        %.300s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines vs %d", len(la), len(lb))
}

// storyQueries render the story tables, a line per row (sorted after),
// without database ids (which differ
// between engines and orders of storage): stories and their articles,
// persons, statements with their reports' count and outlets, copies.
var storyQueries = []string{
	`SELECT s.id || ' ' || s.title || ':' || a.ext_id FROM stories s JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id`,
	`SELECT id || ' ' || name || ' ' || type || ' ' || articles FROM persons`,
	`SELECT id || ' ' || story_id || ' ' || coalesce(person_id, '') || ' ' || speaker || ' ' || reports || ' ' || outlets || ' ' || said_on || ' ' || text FROM statements`,
	`SELECT a.ext_id || ' ' || b.ext_id FROM article_copies c JOIN articles a ON a.id = c.article_id JOIN articles b ON b.id = c.copy_of`,
	`SELECT p.person_id || ' ' || a.ext_id || ' ' || e.idx FROM person_entities p JOIN entities e ON e.id = p.entity_id JOIN articles a ON a.id = e.article_id`,
}

// storyLines runs storyQueries through query (one column of text per row)
// and returns the rows sorted bytewise, whatever the engine's collation.
func storyLines(t *testing.T, query func(q string, row func(s string)) error) string {
	var lines []string
	for _, q := range storyQueries {
		if err := query(q, func(s string) { lines = append(lines, s) }); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func sqliteStories(t *testing.T, db *sqlite.DB) string {
	return storyLines(t, func(q string, row func(string)) error {
		rows, err := db.SQL().Query(q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			rows.Scan(&s)
			row(s)
		}
		return rows.Err()
	})
}

func postgresStories(t *testing.T, db *postgres.DB) string {
	return storyLines(t, func(q string, row func(string)) error {
		rows, err := db.Pool().Query(context.Background(), q)
		if err != nil {
			return err
		}
		var s string
		_, err = pgx.ForEachRow(rows, []any{&s}, func() error { row(s); return nil })
		return err
	})
}
