package input

import (
	"slices"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// TestInvalidPublishedIsAnError: a record whose publication date is not a
// date is refused with an error naming the field and the value; the
// other records of the batch go on (issue 19, defect 2: "not-a-date" and
// "2025-02-30" were stored, sorted first and passed --since filters).
func TestInvalidPublishedIsAnError(t *testing.T) {
	data := strings.Join([]string{
		`{"id": "ok", "text": "The mayor said the festival would return.", "published": "2025-02-03T09:30:00Z"}`,
		`{"id": "word", "text": "The mayor said the festival would return.", "published": "not-a-date"}`,
		`{"id": "feb30", "text": "The mayor said the festival would return.", "published": "2025-02-30"}`,
		`{"id": "np", "maintext": "The mayor said the festival would return.", "date_publish": "yesterday"}`,
		`{"id": "none", "text": "The mayor said the festival would return."}`,
		`{"id": "empty", "text": "The mayor said the festival would return.", "published": ""}`,
	}, "\n")
	var ids []string
	reasons := map[string]string{}
	err := ParseEach([]byte(data), "batch.jsonl", Options{}, func(a verbatim.Article, err error) error {
		if err != nil {
			reasons[a.ID] = err.Error()
			return nil
		}
		ids = append(ids, a.ID+"="+a.Published)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids, []string{"ok=2025-02-03", "none=", "empty="}) {
		t.Errorf("stored %v, want ok (dated), none and empty (undated)", ids)
	}
	for id, want := range map[string][]string{
		"word":  {"batch.jsonl:2", `published`, `"not-a-date"`},
		"feb30": {"batch.jsonl:3", `published`, `"2025-02-30"`},
		"np":    {"batch.jsonl:4", `date_publish`, `"yesterday"`},
	} {
		for _, w := range want {
			if !strings.Contains(reasons[id], w) {
				t.Errorf("%s: error %q, want it to say %q", id, reasons[id], w)
			}
		}
	}
}
