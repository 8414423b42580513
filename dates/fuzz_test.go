package dates_test

import (
	"testing"

	"github.com/verbatim-news/verbatim/internal/fuzzseed"
)

// FuzzDates runs the pipeline up to and including the dates stage over
// arbitrary text and checks that no stage panics and every span and index
// it produces is valid. Run by scripts/fuzz.sh; crashers found become seeds
// under testdata/fuzz/FuzzDates and run with every go test.
func FuzzDates(f *testing.F) {
	fuzzseed.Fuzz(f, 5,
		[2]string{"Port news\n\nWASHINGTON, Feb. 3, 2025 (Reuters) - The union said on Christmas Day, in the '90s, 20 years ago.", ""},
		[2]string{"Port news\nPublished: 31 February 2025 | 09:30\nIn 2000, the council said it would vote before Easter.", ""},
		[2]string{"From 2010-2012 and on Jan. 15-17, in '85 and FY2024, Q3 2023 fell. The day before, a week later, that day and the following spring.", "2025-02-03"})
}
