package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/pipeline"
)

// TestExtractSubprocessHelper is not a test: it runs the command line when
// started by runVerbatim as a child process.
func TestExtractSubprocessHelper(t *testing.T) {
	args := os.Getenv("VERBATIM_TEST_ARGS")
	if args == "" {
		t.Skip("helper for subprocess tests")
	}
	root.SetArgs(strings.Split(args, "\x1f"))
	main() // exits
}

// runVerbatim runs `verbatim args...` in a real child process.
func runVerbatim(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestExtractSubprocessHelper$")
	cmd.Env = append(os.Environ(), "VERBATIM_TEST_ARGS="+strings.Join(args, "\x1f"))
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

func writeFile(t *testing.T, dir, name string, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExtractBadInputsSubprocess(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a-good.txt", "The minister said \"we will sign\" on Monday.\n")
	writeFile(t, dir, "b-binary.dat", "\x00\x01\x02\x03binary\x00")
	writeFile(t, dir, "c-empty.txt", "")
	writeFile(t, dir, "d-latin1.txt", "Jos\xe9 said the caf\xe9 was closed.\n")
	writeFile(t, dir, "e-records.jsonl", "{\"id\":\"r1\",\"text\":\"One.\"}\n{broken\n{\"id\":\"r3\",\"text\":\"Three.\"}\n")
	writeFile(t, dir, "f-page.html", "<html><body><nav>\"Nav,\" said nav</nav><article><p>The page text.</p></article></body></html>")

	stdout, stderr, code := runVerbatim(t, "extract", "--format", "jsonl", dir)
	if code != 1 {
		t.Errorf("exit status %d, want 1\nstderr: %s", code, stderr)
	}
	for _, want := range []string{"b-binary.dat: binary file", "c-empty.txt: empty file", "e-records.jsonl:2: malformed JSON", "3 inputs failed"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	var got []string
	texts := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var r verbatim.Result
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad output line %q: %v", line, err)
		}
		got = append(got, r.ID)
		texts[r.ID] = r.Text
	}
	if strings.Join(got, ",") != "a-good,d-latin1,r1,r3,f-page" {
		t.Errorf("outputs %v", got)
	}
	if texts["a-good"] != "" || texts["r1"] != "" {
		t.Error("verbatim inputs must not carry text")
	}
	if texts["d-latin1"] != "José said the café was closed.\n" {
		t.Errorf("decoded text %q", texts["d-latin1"])
	}
	if texts["f-page"] != "The page text." {
		t.Errorf("html text %q", texts["f-page"])
	}

	_, stderr, code = runVerbatim(t, "extract", filepath.Join(dir, "a-good.txt"))
	if code != 0 || stderr != "" {
		t.Errorf("good input: exit %d, stderr %q", code, stderr)
	}
}

func TestExtractRecoversPanic(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "1.txt", "First report.")
	writeFile(t, dir, "2.txt", "This one says BOOM.")
	writeFile(t, dir, "3.txt", "Third report.")
	boom := verbatim.StageFunc{N: "boom", F: func(d *verbatim.Doc) {
		if strings.Contains(d.Text, "BOOM") {
			var m map[string]int
			m["x"] = 1 // nil map write: a real runtime panic
		}
	}}
	p := verbatim.NewPipeline(append(pipeline.Stages(), boom)...)
	var out, errw bytes.Buffer
	failed, err := extractWith(p, []string{dir}, input.Options{}, 2, output{format: "jsonl"}, &out, &errw)
	if err != nil {
		t.Fatal(err)
	}
	if failed != 1 {
		t.Errorf("failed = %d, want 1", failed)
	}
	if !strings.Contains(errw.String(), filepath.Join(dir, "2.txt")+": panic in stage boom") {
		t.Errorf("stderr does not name the document and stage: %q", errw.String())
	}
	if n := strings.Count(out.String(), "\n"); n != 2 || !strings.Contains(out.String(), `"id":"1"`) || !strings.Contains(out.String(), `"id":"3"`) {
		t.Errorf("the batch did not go on: %q", out.String())
	}
}

// TestExtractBudget: a document over --budget is abandoned and named on
// stderr with the reason, and the batch goes on.
func TestExtractBudget(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "1.txt", "First report.")
	writeFile(t, dir, "2.txt", "This one is SLOW.")
	writeFile(t, dir, "3.txt", "Third report.")
	slow := verbatim.StageFunc{N: "slow", F: func(d *verbatim.Doc) {
		if strings.Contains(d.Text, "SLOW") {
			time.Sleep(time.Second)
		}
	}}
	p := verbatim.NewPipeline(append(pipeline.Stages(), slow)...)
	defer func(b time.Duration) { budget = b }(budget)
	budget = 100 * time.Millisecond
	var out, errw bytes.Buffer
	failed, err := extractWith(p, []string{dir}, input.Options{}, 2, output{format: "jsonl"}, &out, &errw)
	if err != nil {
		t.Fatal(err)
	}
	if failed != 1 || !strings.Contains(errw.String(), filepath.Join(dir, "2.txt")+": over budget: analysis abandoned after 100ms") {
		t.Errorf("failed = %d, stderr %q: want 2.txt named over budget", failed, errw.String())
	}
	if n := strings.Count(out.String(), "\n"); n != 2 || !strings.Contains(out.String(), `"id":"3"`) {
		t.Errorf("the batch did not go on: %q", out.String())
	}
}

// TestExtractJSONIndent: --format json is one array indented as
// json.Indent indents it (every record one level in), with the same string
// escaping as jsonl; an empty batch is "[]".
func TestExtractJSONIndent(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "Port news\n\nThe minister said \"we will sign <soon> & gladly\" on Monday.\n")
	writeFile(t, dir, "b.txt", "The mayor said the roads were open.\n")
	var out, errw bytes.Buffer
	if _, err := extract([]string{dir}, input.Options{}, 1, output{format: "json"}, &out, &errw); err != nil {
		t.Fatal(err)
	}
	var compact, want bytes.Buffer
	if err := json.Compact(&compact, out.Bytes()); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	json.Indent(&want, compact.Bytes(), "", "  ")
	want.WriteByte('\n')
	if out.String() != want.String() {
		t.Errorf("indentation differs from json.Indent:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "<soon> & gladly") {
		t.Errorf("strings escaped differently from jsonl: %s", out.String())
	}
	out.Reset()
	extract([]string{filepath.Join(dir, "none*.txt")}, input.Options{}, 1, output{format: "json"}, &out, &errw)
	if out.String() != "[]\n" {
		t.Errorf("empty batch: %q", out.String())
	}
}

// TestTextFormatNoEmptyBrackets: a quote with no cue, addressee or relay
// prints no "[]" (only what there is: here, that it is undated).
func TestTextFormatNoEmptyBrackets(t *testing.T) {
	d := &verbatim.Doc{Article: verbatim.Article{ID: "x", Text: "Lee: Ready."}}
	d.Clean = d.Text
	d.Entities = []verbatim.Entity{{Name: "Ann Lee", Type: verbatim.Person}}
	d.Quotes = []verbatim.Quote{{Span: verbatim.Span{Start: 5, End: 11}, Type: verbatim.Direct, Speaker: 0,
		SpeakerAt: verbatim.Span{Start: 0, End: 3}}}
	var b bytes.Buffer
	writeText(&b, d, true)
	if got := b.String(); strings.Contains(got, "[]") || !strings.Contains(got, "  Ann Lee [undated] (as \"Lee\") direct, confidence 0.00:\n    Ready.") {
		t.Errorf("text format:\n%s", got)
	}
}
