package eval_test

import (
	"os"
	"path/filepath"
	"testing"
)

// writeTemp writes src to a file name in a temporary directory and returns
// its path.
func writeTemp(t *testing.T, name, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
