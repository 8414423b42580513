package input

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/shared"
)

// collect reads paths and returns the articles and the errors, in order.
func collect(t *testing.T, opt Options, paths ...string) (arts []verbatim.Article, errs []*ItemError) {
	t.Helper()
	err := Read(paths, opt, func(a verbatim.Article, err error) error {
		if err != nil {
			var ie *ItemError
			if !errors.As(err, &ie) {
				t.Fatalf("error of type %T, want *ItemError: %v", err, err)
			}
			if a.Source == "" {
				t.Errorf("error without source: %v", err)
			}
			errs = append(errs, ie)
			return nil
		}
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arts, errs
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRSSOneRecordPerItem(t *testing.T) {
	arts, err := Parse(fixture(t, "feed.rss"), "feed.rss", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 {
		t.Fatalf("%d articles, want 3", len(arts))
	}
	want := []struct{ id, title, url, pub, text string }{
		{"ledger-2024-0312-quota", "Portugal signs fishing quota deal", "https://ledger.example/2024/03/12/quota-deal", "2024-03-12", reportParas[0] + "\n\n" + reportParas[1]},
		{"feed-2", "Spain satisfied with quota outcome", "https://ledger.example/2024/03/13/spain", "2024-03-13", reportParas[2]},
		{"feed-3", "Harbour festival returns", "https://ledger.example/2024/03/14/festival", "2024-03-14", `"It is the best week of the year," said the mayor of Peniche.`},
	}
	for i, w := range want {
		a := arts[i]
		if a.ID != w.id || a.Title != w.title || a.URL != w.url || a.Published != w.pub || a.Text != w.text || a.Outlet != "Atlantic Ledger" {
			t.Errorf("item %d = %+v\nwant %+v", i, a, w)
		}
		if a.Format != "rss" || Verbatim(a) {
			t.Errorf("item %d format %q", i, a.Format)
		}
	}
}

func TestAtom(t *testing.T) {
	arts, err := Parse(fixture(t, "feed.atom"), "wire.xml", Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("%d articles, err %v", len(arts), err)
	}
	a := arts[0]
	if a.Outlet != "Coastal Wire" || a.Published != "2024-03-12" || a.URL != "https://wire.example/1" ||
		a.Text != "\"We did not give away a single tonne,\" Ribeiro told reporters.\n\nTalks ended late." {
		t.Errorf("atom entry = %+v", a)
	}
	if _, err := Parse([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`), "empty.rss", Options{}); err == nil {
		t.Error("feed without items: want an error")
	}
	if _, err := Parse([]byte(`<rss><channel><item><title>unclosed`), "bad.rss", Options{}); err == nil {
		t.Error("broken feed: want an error")
	}
}

func TestJSONLRecords(t *testing.T) {
	arts, errs := collect(t, Options{Published: "2020-01-01"}, "testdata/records.jsonl")
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if !slices.Equal(ids, []string{"a1", "records-3", "a5"}) {
		t.Errorf("ids %q", ids)
	}
	if len(errs) != 2 || errs[0].Source != "testdata/records.jsonl:2" || errs[1].Source != "testdata/records.jsonl:4" {
		t.Fatalf("errors %v, want lines 2 and 4", errs)
	}
	if !strings.Contains(errs[0].Reason, "malformed JSON") || !strings.Contains(errs[1].Reason, "no text") {
		t.Errorf("reasons: %v", errs)
	}
	np := arts[1] // news-please shape
	if np.Outlet != "ledger.example" || np.Published != "2024-03-13" || np.Author != "Joana Silva" ||
		np.Text != "The Spanish delegation said it was satisfied." || !Verbatim(np) {
		t.Errorf("news-please record = %+v", np)
	}
	h := arts[2] // html record
	if h.Format != "html" || h.Text != "The mayor said the festival would return.\n\nBoats will parade on Sunday." {
		t.Errorf("html record = %+v", h)
	}
	if h.Published != "2020-01-01" {
		t.Errorf("default published not applied: %q", h.Published)
	}
	if arts[0].Published != "2024-03-12" || arts[0].Outlet != "Atlantic Ledger" || !Verbatim(arts[0]) {
		t.Errorf("contract record = %+v", arts[0])
	}
}

func TestJSONShapes(t *testing.T) {
	arts, err := Parse(fixture(t, "newsplease.json"), "np.json", Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("pretty-printed record: %d, %v", len(arts), err)
	}
	if arts[0].ID != "np" || arts[0].Published != "2024-03-14" || arts[0].Title != "Harbour festival returns" {
		t.Errorf("news-please file = %+v", arts[0])
	}
	arts, err = Parse([]byte(`[{"id":"x","text":"One."},{"id":"y"},{"id":"z","text":"Three."}]`), "arr.json", Options{})
	if len(arts) != 2 || err == nil || !strings.Contains(err.Error(), "arr.json[1]") {
		t.Errorf("array: %d articles, err %v", len(arts), err)
	}
	// stdin-like stream without a name: sniffed from content
	arts, err = Parse([]byte("{\"id\":\"s1\",\"text\":\"a\"}\n{\"id\":\"s2\",\"text\":\"b\"}\n"), "", Options{})
	if len(arts) != 2 || err != nil {
		t.Errorf("sniffed JSONL: %d, %v", len(arts), err)
	}
}

func TestStdinStream(t *testing.T) {
	var got []string
	r := strings.NewReader("\xef\xbb\xbf{\"id\":\"s1\",\"text\":\"a\"}\nnot json\n{\"id\":\"s3\",\"text\":\"c\"}")
	readStream(r, "stdin", Options{}, func(a verbatim.Article, err error) error {
		if err != nil {
			got = append(got, "ERR "+a.Source)
		} else {
			got = append(got, a.ID)
		}
		return nil
	})
	if !slices.Equal(got, []string{"s1", "ERR stdin:2", "s3"}) {
		t.Errorf("stream: %q", got)
	}
	got = nil
	readStream(strings.NewReader("<html><body><p>Piped page text.</p></body></html>"), "stdin", Options{}, func(a verbatim.Article, err error) error {
		got = append(got, a.Format+":"+a.Text)
		return nil
	})
	if !slices.Equal(got, []string{"html:Piped page text."}) {
		t.Errorf("stdin html: %q", got)
	}
}

// minimalPDF builds a one-page PDF showing the given lines in Helvetica.
func minimalPDF(lines ...string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
	for _, l := range lines {
		l = strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(l)
		content.WriteString("(" + l + ") Tj T*\n")
	}
	content.WriteString("ET\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Length " + itoa(content.Len()) + " >>\nstream\n" + content.String() + "endstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		b.WriteString(itoa(i+1) + " 0 obj\n" + o + "\nendobj\n")
	}
	xref := b.Len()
	b.WriteString("xref\n0 " + itoa(len(objs)+1) + "\n0000000000 65535 f \n")
	for _, o := range offs {
		s := itoa(o)
		b.WriteString(strings.Repeat("0", 10-len(s)) + s + " 00000 n \n")
	}
	b.WriteString("trailer\n<< /Size " + itoa(len(objs)+1) + " /Root 1 0 R >>\nstartxref\n" + itoa(xref) + "\n%%EOF\n")
	return b.Bytes()
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestPDF(t *testing.T) {
	if _, err := exec.LookPath(PDFToText); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext missing under CI (install poppler-utils)")
		}
		t.Skip("pdftotext not installed")
	}
	pdf := minimalPDF(`"We did not give away a single tonne," Ribeiro told`, `reporters after the talks in Brussels.`)
	arts, err := Parse(pdf, "story.pdf", Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("%d articles, err %v", len(arts), err)
	}
	a := arts[0]
	if a.Format != "pdf" || a.ID != "story" || Verbatim(a) {
		t.Errorf("pdf article %+v", a)
	}
	if !strings.Contains(a.Text, `"We did not give away a single tonne," Ribeiro told`) || !strings.Contains(a.Text, "reporters after the talks in Brussels.") {
		t.Errorf("pdf text %q", a.Text)
	}
	// sniffed without the extension
	if arts, _ := Parse(pdf, "download.bin", Options{}); len(arts) != 1 || arts[0].Format != "pdf" {
		t.Errorf("PDF not sniffed by content")
	}
	if _, err := Parse([]byte("%PDF-1.4\ngarbage that is no PDF at all\n"), "broken.pdf", Options{}); err == nil {
		t.Error("broken PDF: want an error")
	}
}

func TestPDFToolMissing(t *testing.T) {
	old := PDFToText
	PDFToText = "verbatim-no-such-pdftotext"
	defer func() { PDFToText = old }()
	_, err := Parse(minimalPDF("x"), "a.pdf", Options{})
	if err == nil || !strings.Contains(err.Error(), "poppler-utils") {
		t.Errorf("missing tool error = %v", err)
	}
	if _, err := Parse([]byte("just text"), "fake.pdf", Options{}); err == nil || !strings.Contains(err.Error(), "not a PDF") {
		t.Errorf("fake pdf error = %v", err)
	}
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var b []byte
	put := func(u uint16) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	if bom {
		put(0xfeff)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return b
}

func TestEncodings(t *testing.T) {
	const want = "“Não,” disse o ministro — café."
	cases := []struct {
		name    string
		data    []byte
		text    string
		format  string
		errPart string
	}{
		{"utf8", []byte(want), want, "txt", ""},
		{"utf8-bom", append([]byte("\xef\xbb\xbf"), want...), want, "txt+utf-8-bom", ""},
		{"utf16le-bom", utf16Bytes(want, false, true), want, "txt+utf-16le", ""},
		{"utf16be-bom", utf16Bytes(want, true, true), want, "txt+utf-16be", ""},
		{"utf16le-nobom", utf16Bytes("Plain ASCII said the minister today.", false, false), "Plain ASCII said the minister today.", "txt+utf-16le", ""},
		{"latin1", []byte("Jos\xe9 Mar\xeda said the caf\xe9 was closed."), "José María said the café was closed.", "txt+windows-1252", ""},
		{"cp1252", []byte("\x93No,\x94 he said \x97 it\x92s over."), "“No,” he said — it’s over.", "txt+windows-1252", ""},
		{"repaired", []byte("Über café “quoted” text with one bad byte \xff here and more ünïcödé."), "Über café “quoted” text with one bad byte \uFFFD here and more ünïcödé.", "txt+utf-8-repaired", ""},
		{"binary-nul", []byte("abc\x00\x01\x02def\x00ghi"), "", "", "binary file"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "", "", "PNG image"},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), "", "", "gzip"},
		{"controls", bytes.Repeat([]byte("a\x01\x02\x03"), 100), "", "", "binary file"},
		{"empty", nil, "", "", "empty file"},
		{"blank", []byte(" \n\t\n"), "", "", "only whitespace"},
	}
	for _, c := range cases {
		arts, err := Parse(c.data, c.name+".txt", Options{})
		if c.errPart != "" {
			if err == nil || !strings.Contains(err.Error(), c.errPart) || !strings.HasPrefix(err.Error(), c.name+".txt: ") {
				t.Errorf("%s: error %v, want one naming the file and %q", c.name, err, c.errPart)
			}
			continue
		}
		if err != nil || len(arts) != 1 {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if arts[0].Text != c.text || arts[0].Format != c.format {
			t.Errorf("%s: text %q format %q, want %q %q", c.name, arts[0].Text, arts[0].Format, c.text, c.format)
		}
		if Verbatim(arts[0]) != (c.format == "txt") {
			t.Errorf("%s: Verbatim = %v", c.name, Verbatim(arts[0]))
		}
	}
}

func TestHeadline(t *testing.T) {
	cases := map[string]string{
		"Ad sales boost Time Warner profit\n\nQuarterly profits...": "Ad sales boost Time Warner profit",
		"% Moscow Times\n\nBody":                                    "",
		"A sentence that ends.\n\nBody":                             "",
		"Key points\n- one\n- two":                                  "",
		"no newline at all":                                         "",
	}
	for in, want := range cases {
		if got := headline(in); got != want {
			t.Errorf("headline(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLatin1FromCorpus(t *testing.T) {
	// The BBC corpus has one Latin-1 file: every file must decode to valid text.
	root := shared.Path(t, "data/bbc/sport")
	arts, errs := collect(t, Options{}, root)
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	decoded := 0
	for _, a := range arts {
		if strings.ContainsRune(a.Text, '\uFFFD') {
			t.Errorf("%s: replacement characters after decoding", a.Source)
		}
		if a.Format != "txt" {
			decoded++
		}
	}
	if decoded != 1 {
		t.Errorf("%d files decoded from another charset, want 1", decoded)
	}
}

func TestDeclaredCharsets(t *testing.T) {
	feed := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Di\xe1rio</title>" +
		"<item><title>Caf\xe9</title><description>Jos\xe9 said the caf\xe9 was closed.</description></item></channel></rss>"
	arts, err := Parse([]byte(feed), "latin.rss", Options{})
	if err != nil || len(arts) != 1 || arts[0].Text != "José said the café was closed." || arts[0].Outlet != "Diário" {
		t.Errorf("declared Latin-1 feed: %+v, %v", arts, err)
	}
	undeclared := strings.Replace(feed, ` encoding="ISO-8859-1"`, "", 1)
	arts, err = Parse([]byte(undeclared), "latin2.rss", Options{})
	if err != nil || len(arts) != 1 || arts[0].Text != "José said the café was closed." {
		t.Errorf("undeclared Latin-1 feed: %+v, %v", arts, err)
	}
	page := "<html><head><meta charset=\"koi8-r\"></head><body><p>\xf0\xd2\xc1\xd7\xc4\xc1 said the minister.</p></body></html>"
	arts, err = Parse([]byte(page), "ru.html", Options{})
	if err != nil || len(arts) != 1 || arts[0].Text != "Правда said the minister." {
		t.Errorf("declared KOI8-R page: %+v, %v", arts, err)
	}
}

func TestStdinPrettyRecordAndLatin1Record(t *testing.T) {
	var got []verbatim.Article
	emit := func(a verbatim.Article, err error) error {
		if err != nil {
			t.Errorf("unexpected error %v", err)
		}
		got = append(got, a)
		return nil
	}
	readStream(bytes.NewReader(fixture(t, "newsplease.json")), "stdin", Options{}, emit)
	if len(got) != 1 || got[0].Title != "Harbour festival returns" {
		t.Errorf("pretty-printed record on stdin: %+v", got)
	}
	got = nil
	readStream(strings.NewReader("{\"id\":\"l1\",\"text\":\"Jos\xe9 said so.\"}\n"), "stdin", Options{}, emit)
	if len(got) != 1 || got[0].Text != "José said so." || Verbatim(got[0]) {
		t.Errorf("Latin-1 record: %+v", got)
	}
}
