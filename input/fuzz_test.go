package input

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// FuzzParse feeds arbitrary bytes under arbitrary names to Parse: it must
// never panic, every failure must be an *ItemError, and every article must
// carry non-empty valid UTF-8 text (the bytes themselves when Verbatim).
func FuzzParse(f *testing.F) {
	for _, name := range []string{"report.html", "feed.rss", "feed.atom", "records.jsonl", "newsplease.json", "report.txt"} {
		if b, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(b, name)
		}
	}
	f.Add([]byte("Jos\xe9 said the caf\xe9 was closed."), "latin1.txt")
	f.Add([]byte("\xff\xfeH\x00i\x00"), "utf16.txt")
	f.Add([]byte("\xef\xbb\xbf{\"id\":1}\n{\"text\":\"x\"}"), "")
	f.Add([]byte("<rss><channel><item><description>&lt;p&gt;x"), "x")
	f.Add([]byte("[{\"maintext\":\"a\",\"date_publish\":\"2024-13-45\"}]"), "a.json")
	f.Add([]byte("%PDF-1.4 not really"), "a.pdf")
	old := PDFToText
	PDFToText = "verbatim-fuzz-no-pdftotext" // no subprocesses while fuzzing
	defer func() { PDFToText = old }()
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		err := ParseEach(data, name, Options{MaxBytes: 1 << 20}, func(a verbatim.Article, err error) error {
			if err != nil {
				var ie *ItemError
				if !errors.As(err, &ie) || ie.Source == "" || ie.Reason == "" {
					t.Fatalf("error %T %v is not a named *ItemError", err, err)
				}
				return nil
			}
			if strings.TrimSpace(a.Text) == "" {
				t.Fatalf("article %q without text", a.ID)
			}
			if !utf8.ValidString(a.Text) && a.Format != "jsonl" && !Verbatim(a) {
				t.Fatalf("article %q (%s): invalid UTF-8 text", a.ID, a.Format)
			}
			if a.Format == "txt" && a.Text != string(data) {
				t.Fatalf("verbatim text differs from the input bytes")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
