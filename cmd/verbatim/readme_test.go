package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The README's first screen shows what the bundled example command prints
// for one report: the block must be what extract prints today, so that a
// newcomer running it sees the same.
func TestReadmeExampleIsCurrent(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const head = "```\n== Harbour Strike Enters Second Week\n"
	i := strings.Index(string(readme), head)
	if i < 0 {
		t.Fatal("README: no example block for examples/harbour-strike.txt")
	}
	block := string(readme[i+4:])
	block = block[:strings.Index(block, "```")]
	out, errOut, code := runVerbatim(t, "extract", "--format", "text", filepath.Join("..", "..", "examples", "harbour-strike.txt"))
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errOut)
	}
	if strings.TrimSpace(out) != strings.TrimSpace(block) {
		t.Errorf("README example block is stale:\n--- README\n%s\n--- extract prints\n%s", block, out)
	}
}
