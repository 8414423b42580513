package input

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/pipeline"
)

func TestDirectoryAndBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := "Good report: the minister said it was fine.\n"
	write(t, dir, "a.txt", []byte(good))
	write(t, dir, "b/c.txt", []byte(good))
	write(t, dir, "b/d.bin", []byte("\x00\x01binary\x00"))
	write(t, dir, "b/empty.txt", nil)
	write(t, dir, ".hidden.txt", []byte(good))
	write(t, dir, "e.jsonl", []byte("{\"id\":\"e1\",\"text\":\"x\"}\n{oops\n{\"id\":\"e3\",\"text\":\"y\"}\n"))
	// a symlink loop, a broken link, and a second path to the same directory
	if err := os.Symlink("..", filepath.Join(dir, "b", "loop")); err != nil {
		t.Fatal(err)
	}
	os.Symlink(filepath.Join(dir, "missing.txt"), filepath.Join(dir, "broken.txt"))
	os.Symlink(filepath.Join(dir, "b"), filepath.Join(dir, "z-alias"))
	// a sparse file over the default limit costs no disk
	big, _ := os.Create(filepath.Join(dir, "huge.txt"))
	big.Truncate(MaxBytes + 1)
	big.Close()

	done := make(chan struct{})
	var arts []verbatim.Article
	var errs []*ItemError
	go func() { arts, errs = collect(t, Options{}, dir); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("directory walk did not finish (symlink loop?)")
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if !slices.Equal(ids, []string{"a", "b/c", "e1", "e3"}) {
		t.Errorf("articles %q, want a, b/c, e1, e3 (each once)", ids)
	}
	reasons := map[string]string{}
	for _, e := range errs {
		reasons[strings.TrimPrefix(e.Source, dir+"/")] = e.Reason
	}
	want := map[string]string{
		"b/d.bin":     "binary",
		"b/empty.txt": "empty",
		"b/loop":      "symlink loop",
		"broken.txt":  "broken symlink",
		"e.jsonl:2":   "malformed JSON",
		"huge.txt":    "too large",
	}
	for src, part := range want {
		if !strings.Contains(reasons[src], part) {
			t.Errorf("%s: reason %q, want %q (all: %v)", src, reasons[src], part, reasons)
		}
	}
	if len(errs) != len(want) {
		t.Errorf("%d errors, want %d: %v", len(errs), len(want), reasons)
	}
}

// TestDirectoryIDsAndDocumentation: in a directory, ids are relative paths
// without extension (two 034.txt in two folders stay apart, whatever the
// order), documentation files are skipped and reported, and a
// documentation file named on its own is read.
func TestDirectoryIDsAndDocumentation(t *testing.T) {
	dir := t.TempDir()
	story := "Council report: the mayor said the budget was fair.\n"
	write(t, dir, "politics/034.txt", []byte(story))
	write(t, dir, "business/034.txt", []byte("Markets: the minister said shares rose.\n"))
	write(t, dir, "feeds/wire.jsonl", []byte(`{"text":"The envoy said talks went well."}`+"\n"+`{"id":"own-id","text":"He said so."}`+"\n"))
	for _, doc := range []string{"README.TXT", "FORMAT.md", "LICENSE", "politics/readme.txt", "notes.rst"} {
		write(t, dir, doc, []byte("This corpus holds news articles.\n"))
	}
	var skipped []string
	opt := Options{Skipped: func(p string) {
		skipped = append(skipped, strings.TrimPrefix(filepath.ToSlash(p), filepath.ToSlash(dir)+"/"))
	}}
	arts, errs := collect(t, opt, dir)
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if want := []string{"business/034", "feeds/wire-1", "own-id", "politics/034"}; !slices.Equal(ids, want) || len(errs) != 0 {
		t.Errorf("ids %q, want %q (errors %v)", ids, want, errs)
	}
	slices.Sort(skipped)
	if want := []string{"FORMAT.md", "LICENSE", "README.TXT", "notes.rst", "politics/readme.txt"}; !slices.Equal(skipped, want) {
		t.Errorf("skipped %q, want %q", skipped, want)
	}
	// the same folder read from elsewhere, or as a sub-folder, gives ids
	// relative to the folder named
	arts, _ = collect(t, Options{}, filepath.Join(dir, "politics"))
	if len(arts) != 1 || arts[0].ID != "034" {
		t.Errorf("sub-folder: %+v", arts)
	}
	// named on its own, a documentation file is read, with its stem as id
	arts, _ = collect(t, Options{}, filepath.Join(dir, "README.TXT"))
	if len(arts) != 1 || arts[0].ID != "README" {
		t.Errorf("README named: %+v", arts)
	}
	for name, want := range map[string]bool{"README": true, "Readme.md": true, "CHANGES.txt": true, "guide.md": true,
		"readmeplease.txt": false, "034.txt": false, "licensing-deal.txt": false, "history-of-nato.txt": false} {
		if IsDocumentation(name) != want {
			t.Errorf("IsDocumentation(%q) = %v", name, !want)
		}
	}
}

func TestGlobAndMissing(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "one.txt", []byte("One."))
	write(t, dir, "two.txt", []byte("Two."))
	write(t, dir, "three.md", []byte("Three."))
	arts, errs := collect(t, Options{}, filepath.Join(dir, "*.txt"), filepath.Join(dir, "nope.txt"))
	if len(arts) != 2 || arts[0].ID != "one" || arts[1].ID != "two" {
		t.Errorf("glob: %+v", arts)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Reason, "no such file") {
		t.Errorf("missing file: %v", errs)
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	dir := t.TempDir()
	p := write(t, dir, "secret.txt", []byte("text"))
	os.Chmod(p, 0)
	_, errs := collect(t, Options{}, dir)
	if len(errs) != 1 || !strings.Contains(errs[0].Reason, "permission denied") {
		t.Errorf("unreadable: %v", errs)
	}
}

func TestSizeLimit(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "big.txt", bytes.Repeat([]byte("word "), 300))
	_, errs := collect(t, Options{MaxBytes: 1000}, p)
	if len(errs) != 1 || !strings.Contains(errs[0].Reason, "too large") {
		t.Errorf("limit: %v", errs)
	}
	// JSON Lines: the limit is per record, the file streams
	line := `{"id":"ok","text":"short"}` + "\n"
	long := `{"id":"long","text":"` + strings.Repeat("x", 2000) + "\"}\n"
	p = write(t, dir, "r.jsonl", []byte(line+long+line))
	arts, errs := collect(t, Options{MaxBytes: 1000}, p)
	if len(arts) != 2 || len(errs) != 1 || errs[0].Source != p+":2" {
		t.Errorf("record limit: %d articles, errors %v", len(arts), errs)
	}
}

func TestLongLineThroughPipeline(t *testing.T) {
	// One 256 KB line with quotes, no newline and no full stop (a single
	// "sentence"): it is read, and every stage finishes in bounded time. A
	// linear stage takes milliseconds here; the bound only catches
	// pathological (quadratic and worse) behaviour without slowing CI.
	var b strings.Builder
	for b.Len() < 256<<10 {
		b.WriteString(`The minister said "we will sign" and Ribeiro told reporters it was done; `)
	}
	arts, err := Parse([]byte(b.String()), "long.txt", Options{})
	if err != nil || len(arts) != 1 || arts[0].Text != b.String() {
		t.Fatal(err)
	}
	d := verbatim.NewDoc(arts[0])
	for _, s := range pipeline.Stages() {
		t0 := time.Now()
		s.Process(d)
		el := time.Since(t0)
		t.Logf("stage %s: %v", s.Name(), el)
		if el > 10*time.Second {
			t.Errorf("stage %s took %v on a 256 KB line", s.Name(), el)
		}
	}
}
