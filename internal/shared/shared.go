// Package shared locates ../shared (evaluation and training data that is
// never copied into the repository) for tests and commands.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared data directory: $VERBATIM_SHARED, or the nearest
// "shared" directory beside an ancestor of the working directory. It returns
// "" when none exists.
func Dir() string {
	if d := os.Getenv("VERBATIM_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		c := filepath.Join(filepath.Dir(d), "shared")
		if fi, err := os.Stat(filepath.Join(c, "seeds")); err == nil && fi.IsDir() {
			return c
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Path returns Dir()/rel, skipping the test with a clear message when shared
// data is absent (a user's clone), and failing it when CI=true.
func Path(t testing.TB, rel string) string {
	t.Helper()
	d := Dir()
	p := filepath.Join(d, rel)
	if d != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	msg := "shared data " + rel + " not found (set VERBATIM_SHARED or place ../shared beside the repository)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + ": required under CI=true")
	}
	t.Skip(msg)
	return ""
}
