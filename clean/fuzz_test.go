package clean_test

import (
	"testing"

	"github.com/verbatim-news/verbatim/internal/fuzzseed"
)

// FuzzClean runs the pipeline up to and including the clean stage over
// arbitrary text and checks that no stage panics and every span and index
// it produces is valid. Run by scripts/fuzz.sh; crashers found become seeds
// under testdata/fuzz/FuzzClean and run with every go test.
func FuzzClean(f *testing.F) { fuzzseed.Fuzz(f, 1) }
