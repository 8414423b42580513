package input

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf16"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
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

var reportParas = []string{
	`LISBON - Portugal's fisheries minister, Ana Ribeiro, said on Tuesday that the new quota deal "protects the boats that feed our coastal towns" and would be signed next month.`,
	`"We did not give away a single tonne," Ribeiro told reporters after the talks in Brussels.`,
	`The Spanish delegation said it was satisfied with the outcome, according to a statement from its ministry.`,
}

var boilerplate = []string{"Click here", "styled quote", "The paper that listens", "Markets tumble",
	"Subscribe today", "Best regional newsroom", "Injected quote", "Most read", "Home"}

func TestHTMLMainContent(t *testing.T) {
	arts, err := Parse(fixture(t, "report.html"), "report.html", Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("got %d articles, err %v", len(arts), err)
	}
	a := arts[0]
	if a.Format != "html" || Verbatim(a) {
		t.Errorf("format %q, verbatim %v", a.Format, Verbatim(a))
	}
	for _, p := range reportParas {
		if !strings.Contains(a.Text, p) {
			t.Errorf("paragraph missing from extracted text: %q\ntext: %q", p, a.Text)
		}
	}
	// paragraphs stay separate: each ends at a blank line (or the end)
	for _, p := range reportParas[:2] {
		if !strings.Contains(a.Text, p+"\n\n") {
			t.Errorf("paragraph not followed by a blank line: %q", p)
		}
	}
	for _, b := range boilerplate {
		if strings.Contains(a.Text, b) {
			t.Errorf("boilerplate %q in extracted text: %q", b, a.Text)
		}
	}
	want := verbatim.Article{ID: "report", Title: "Portugal signs fishing quota deal", Outlet: "Atlantic Ledger",
		Author: "Joana Silva", Published: "2024-03-12", URL: "https://ledger.example/2024/03/12/quota-deal"}
	if a.ID != want.ID || a.Title != want.Title || a.Outlet != want.Outlet || a.Author != want.Author ||
		a.Published != want.Published || a.URL != want.URL {
		t.Errorf("metadata = %+v, want %+v", a, want)
	}
}

// quoteTexts runs the standard pipeline and returns its attributions
// (content | speaker | cue | type), sorted.
func quoteTexts(t *testing.T, a verbatim.Article) []string {
	t.Helper()
	d, err := pipeline.Analyze(a)
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, q := range d.Quotes {
		if q.Start < 0 || q.End > len(d.Text) || q.Start > q.End {
			t.Fatalf("quote span %v outside text of %d bytes", q.Span, len(d.Text))
		}
		speaker := ""
		if q.Speaker >= 0 && q.Speaker < len(d.Entities) {
			speaker = d.Entities[q.Speaker].Name
		}
		qs = append(qs, d.Word(q.Span)+" | "+speaker+" | "+d.Word(q.Cue)+" | "+string(q.Type))
	}
	slices.Sort(qs)
	return qs
}

func TestHTMLSameQuotesAsText(t *testing.T) {
	html, err := Parse(fixture(t, "report.html"), "report.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	txt, err := Parse(fixture(t, "report.txt"), "report.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	hq, tq := quoteTexts(t, html[0]), quoteTexts(t, txt[0])
	if len(tq) == 0 {
		t.Error("no quote found in the clean text: nothing to compare")
	}
	if !slices.Equal(hq, tq) {
		t.Errorf("HTML quotes %q\ndiffer from text quotes %q", hq, tq)
	}
	for _, q := range hq {
		for _, b := range boilerplate {
			if strings.Contains(q, b) {
				t.Errorf("quote %q comes from boilerplate", q)
			}
		}
	}
}

func TestHTMLDateSources(t *testing.T) {
	cases := map[string]string{
		"meta":    `<html><head><meta name="pubdate" content="2023-07-04"></head><body><article><p>Text of the story.</p></article></body></html>`,
		"json-ld": `<html><head><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2023-07-04T08:00:00+02:00"}]}</script></head><body><article><p>Text of the story.</p></article></body></html>`,
		"time":    `<html><body><article><time datetime="2023-07-04">July 4</time><p>Text of the story.</p></article></body></html>`,
	}
	for name, page := range cases {
		a, err := FromHTML(page, "x", Options{Published: "2000-01-01"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if a.Published != "2023-07-04" {
			t.Errorf("%s: published %q, want 2023-07-04", name, a.Published)
		}
	}
	a, _ := FromHTML(`<html><body><p>Undated story text.</p></body></html>`, "x", Options{Published: "2000-01-01"})
	if a.Published != "2000-01-01" {
		t.Errorf("undated page: published %q, want the default", a.Published)
	}
}

func TestHTMLText(t *testing.T) {
	got := htmlToText(`<p>One <b>bold</b> wo<i>rd</i>.</p><p>Line<br>break</p><ul><li>a</li><li>b</li></ul>`)
	want := "One bold word.\n\nLine\nbreak\n\na\n\nb"
	if got != want {
		t.Errorf("htmlToText = %q, want %q", got, want)
	}
	if got := htmlToText("plain &amp; simple"); got != "plain & simple" {
		t.Errorf("entity: %q", got)
	}
	if _, err := FromHTML(`<html><body><nav>only nav</nav><script>x()</script></body></html>`, "x", Options{}); err == nil {
		t.Error("page with only boilerplate: want an error")
	}
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

func TestMasthead(t *testing.T) {
	cases := map[string]string{
		"% Moscow Times\n\n30 YEARS INDEPENDENT NEWS\n\nStory":   "The Moscow Times",
		"BBC News\nHeadline here\n\nBody":                        "BBC News",
		"\n\n  REUTERS  \nBody":                                  "Reuters",
		"Kellogg told Fox News on Sunday.\nFox News\n":           "Fox News", // second line, alone
		"Kellogg told Fox News on Sunday that the war must end.": "",
		"a\nb\nc\nd\ne\nBBC News":                                "", // too far down
		"The Times they are a-changing\n":                        "",
	}
	for in, want := range cases {
		if got := masthead(in); got != want {
			t.Errorf("masthead(%q) = %q, want %q", in, got, want)
		}
	}
	arts, _ := Parse([]byte("% Moscow Times\n\nU.S. and Russia in talks\n\nThe president said so.\n"), "m.txt", Options{})
	if len(arts) != 1 || arts[0].Outlet != "The Moscow Times" {
		t.Errorf("outlet not set from masthead: %+v", arts)
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

func TestHTMLFallbacks(t *testing.T) {
	old := mainContent
	mainContent = func(*html.Node) (readability.Article, error) {
		return readability.Article{}, errors.New("forced failure")
	}
	defer func() { mainContent = old }()
	// the body without its boilerplate takes over
	arts, err := Parse(fixture(t, "report.html"), "report.html", Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("body fallback: %v", err)
	}
	for _, p := range reportParas {
		if !strings.Contains(arts[0].Text, p+"\n\n") && !strings.HasSuffix(arts[0].Text, p) {
			t.Errorf("body fallback lost paragraph %q: %q", p, arts[0].Text)
		}
	}
	for _, b := range boilerplate {
		if strings.Contains(arts[0].Text, b) {
			t.Errorf("body fallback kept boilerplate %q", b)
		}
	}
	if arts[0].Published != "2024-03-12" || arts[0].Outlet != "Atlantic Ledger" {
		t.Errorf("metadata lost in fallback: %+v", arts[0])
	}
}

// TestReadAllSizeHint reads whole inputs whatever the size hint says (the
// file may have grown or shrunk since it was examined), never past limit.
func TestReadAllSizeHint(t *testing.T) {
	data := strings.Repeat("abcdefghij", 100) // 1000 bytes
	for _, tc := range []struct {
		size, limit int64
		want        int
	}{
		{1000, 2000, 1000}, {0, 2000, 1000}, {10, 2000, 1000}, {999, 2000, 1000}, {1001, 2000, 1000},
		{5000, 2000, 1000}, {1000, 501, 501}, {100, 501, 501}, {500, 501, 501},
	} {
		got, err := readAll(iotest.OneByteReader(strings.NewReader(data)), tc.size, tc.limit)
		if err != nil || string(got) != data[:tc.want] {
			t.Errorf("size %d limit %d: got %d bytes (err %v), want %d", tc.size, tc.limit, len(got), err, tc.want)
		}
		got, err = readAll(strings.NewReader(data), tc.size, tc.limit)
		if err != nil || string(got) != data[:tc.want] {
			t.Errorf("size %d limit %d (one read): got %d bytes (err %v), want %d", tc.size, tc.limit, len(got), err, tc.want)
		}
	}
}

// TestLookupOutletMatchesKey checks the allocation-free masthead lookup
// against mastheadKey on the outlet list and on near misses.
func TestLookupOutletMatchesKey(t *testing.T) {
	lines := []string{"", "The", "the ", "The Guardian", "  BBC   News ", "% Moscow Times", "the the times",
		"Reuters.", "Le Monde — Paris", "THE NEW YORK TIMES", "Fox News said", strings.Repeat("x", 70)}
	for _, l := range strings.Split(outletsFile, "\n") {
		for _, n := range strings.Split(l, "|") {
			lines = append(lines, n, strings.ToUpper(n), "The "+n, n+" ")
		}
	}
	for _, l := range lines {
		want, wok := outlets[mastheadKey(l)]
		got, ok := lookupOutlet(l)
		if got != want || ok != wok {
			t.Errorf("lookupOutlet(%q) = %q %v, want %q %v", l, got, ok, want, wok)
		}
	}
}

// TestHTMLNewsPages extracts realistic news pages: the headline and every
// paragraph of the story are kept, each its own paragraph; navigation,
// asides, related links, share buttons, bylines, captions, comments and
// footers are dropped.
func TestHTMLNewsPages(t *testing.T) {
	cases := []struct {
		file, headline, published string
		paras, dropped            []string
	}{
		{"furniture.html", "Ferry operator cancels winter crossings", "2025-01-20",
			[]string{
				"The island ferry operator Skerry Lines said on Monday it would cancel all crossings",
				`"We have run at a loss every winter for six years," chief executive Ingrid Dahl told the Courier. "The council knew this day would come.`,
				`"Nobody can ask a private company to keep sailing empty boats through January storms," she added.`,
				"Residents gathered outside the harbour office on Monday afternoon. Fisherman Alan Grieve, 61, said",
			},
			[]string{"Subscribe", "Log in", "Storm warning", "Home", "By Ravi", "transport correspondent", "Share on",
				"Copy link", "Related", "Fares will rise", "Bridge plan", "Most popular", "I saw the lights",
				"Comments", "islander77", "disgrace", "my uncle", "Write a comment", "Trusted since", "Privacy"}},
		{"figure.html", "Vineyards count the cost of May frost", "2025-05-16",
			[]string{
				"Growers say up to half of this year's harvest may be lost after two nights below zero.",
				"Winegrowers in the lower valley lit thousands of paraffin candles",
				`"In forty years I have never seen frost this late," said Bernard Aubry, who farms twelve hectares above the village. "The buds had already opened. There was nothing to protect them."`,
				"Its president, Sophie Marchal, told local radio that the losses could reach 30 million euros across the appellation.",
			},
			[]string{"Candles burn", "Photo:", "inspects damaged shoots", "Local", "voice of the valley"}},
		{"liveblog.html", "Live: Budget vote in parliament", "2025-03-04",
			[]string{
				"Budget passes by nine votes",
				`Finance minister Leah Novak said the result showed that "the country chose stability over slogans".`,
				"Opposition leader attacks spending cuts",
				`"You are closing the door on every village that does not vote for you," he said.`,
				"Three independent members have said they will back the government",
				"Welcome to our live coverage of the final budget vote.",
			},
			[]string{"Front page", "Tweet", "Key events", `"Cruel," says opposition`, "© City Tribune"}},
		{"contentdiv.html", "Hospital strike called off after late offer", "2024-11-08",
			[]string{
				"Nurses at Riverside General Hospital have called off next week's strike",
				`Union representative Megan Hollis said members would vote on the offer over the next fortnight. "It is not everything we asked for, but it is a real step," she said.`,
				"The dispute began in September over staffing levels on night shifts.\nTalks resumed on Monday.",
			},
			[]string{"News you can trust", "Classifieds", "Weather", "umbrella", "Advertisement", "Cheap flights", "Copyright"}},
		// a short story above long reader comments (readability, short of
		// 500 characters, retries without its own comment filter)
		{"brief.html", "Bridge reopens", "",
			[]string{`The Old Quay bridge reopened on Friday after repairs, the council said. "It is good to have it back," said resident Jane Moss.`},
			[]string{"Finally", "They took their time", "scandal", "Nobody checked the invoices"}},
		// the same in a <div id=content> layout with a longer sidebar
		{"brief-sidebar.html", "Library hours extended", "",
			[]string{`The central library will open until 9 pm on weekdays from March, the council said on Tuesday. "Students asked for it," librarian Omar Price said.`},
			[]string{"Latest", "Council tax", "charged", "river race", "Town Weekly"}},
	}
	for _, c := range cases {
		arts, err := Parse(fixture(t, c.file), c.file, Options{})
		if err != nil || len(arts) != 1 {
			t.Fatalf("%s: %d articles, err %v", c.file, len(arts), err)
		}
		a := arts[0]
		if !strings.HasPrefix(a.Text, c.headline+"\n\n") {
			t.Errorf("%s: text does not start with the headline paragraph: %q", c.file, a.Text)
		}
		if a.Published != c.published {
			t.Errorf("%s: published %q, want %q", c.file, a.Published, c.published)
		}
		// each paragraph of the story starts a paragraph of the text
		paras := strings.Split(a.Text, "\n\n")
		for _, p := range c.paras {
			if !slices.ContainsFunc(paras, func(q string) bool { return strings.HasPrefix(q, p) }) {
				t.Errorf("%s: no paragraph starts with %q\ntext: %q", c.file, p, a.Text)
			}
		}
		for _, b := range c.dropped {
			if strings.Contains(a.Text, b) {
				t.Errorf("%s: boilerplate %q in the text: %q", c.file, b, a.Text)
			}
		}
	}
}

// TestHTMLQuoteOverParagraphs: a quote left open at a paragraph break ends
// there, and the next paragraph's quotation is a statement of its own; both
// are found in the HTML's paragraphs and attributed to their speaker.
func TestHTMLQuoteOverParagraphs(t *testing.T) {
	arts, err := Parse(fixture(t, "furniture.html"), "furniture.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	qs := quoteTexts(t, arts[0])
	for _, want := range []string{
		"We have run at a loss every winter for six years,\" chief executive Ingrid Dahl told the Courier. \"The council knew this day would come. | Ingrid Dahl | told | direct",
		"Nobody can ask a private company to keep sailing empty boats through January storms | Ingrid Dahl | added | direct",
	} {
		if !slices.Contains(qs, want) {
			t.Errorf("quote missing: %q in %q", want, qs)
		}
	}
}

func TestHTMLCommentaryIsNoComment(t *testing.T) {
	page := `<html><body><article><div class="commentary-body"><p>The minister said the plan would work.</p></div>
<div class="comments"><p>"Rubbish," said a reader.</p></div></article></body></html>`
	a, err := FromHTML(page, "x", Options{})
	if err != nil || a.Text != "The minister said the plan would work." {
		t.Errorf("text %q, err %v", a.Text, err)
	}
}

func TestHTMLBylineAndURLDate(t *testing.T) {
	page := `<html><head><link rel="canonical" href="https://x.example/news/2019/06/30/harbour-fire"></head><body><article>
<div class="article-byline">By Ana Costa, 30 June 2019</div>
<p>Firefighters said the blaze at the harbour was under control by midnight, <span class="author">Ana Costa</span> reported.</p>
</article></body></html>`
	a, err := FromHTML(page, "x", Options{Published: "2000-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Firefighters said the blaze at the harbour was under control by midnight, Ana Costa reported."; a.Text != want {
		t.Errorf("text %q, want %q", a.Text, want)
	}
	if a.Published != "2019-06-30" {
		t.Errorf("published %q, want the date in the URL", a.Published)
	}
	for u, want := range map[string]string{
		"https://x.example/2024-03-12-quota": "2024-03-12", "https://x.example/2024/3/12/": "",
		"https://x.example/12024/03/12/": "", "https://x.example/2024/13/40/": "", "https://x.example/a/b": "",
	} {
		if got := urlDate(u); got != want {
			t.Errorf("urlDate(%q) = %q, want %q", u, got, want)
		}
	}
}

// dedupeReference is dedupeParagraphs as first written (cubic in the
// number of paragraphs): the fast one must give the same output.
func dedupeReference(text string) string {
	paras := strings.Split(text, "\n\n")
	if len(paras) < 2 {
		return text
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	var keys []string
	var out []string
	seen := map[string]bool{}
	for _, p := range paras {
		k := squash(p)
		if k == "" || seen[k] {
			continue
		}
		dup := false
		for i := len(keys) - 1; i >= 0 && !dup; i-- {
			if !strings.Contains(k, keys[i]) {
				continue
			}
			joined := strings.Join(keys[i:], "")
			dup = strings.Contains(k, joined) && len(k) <= len(joined)*2
		}
		if dup {
			continue
		}
		seen[k] = true
		keys = append(keys, k)
		out = append(out, p)
	}
	return strings.Join(out, "\n\n")
}

func TestDedupeParagraphs(t *testing.T) {
	for in, want := range map[string]string{
		"A b.\n\nC d.\n\nA b. C d.":          "A b.\n\nC d.",                       // the body glued after its paragraphs
		"A b.\n\nC d.\n\nA b.":               "A b.\n\nC d.",                       // a repeat
		"A b.\n\nC d.\n\nC d. and much more": "A b.\n\nC d.\n\nC d. and much more", // the run is under half of it
		"One.":                               "One.",
	} {
		if got := dedupeParagraphs(in); got != want {
			t.Errorf("dedupeParagraphs(%q) = %q, want %q", in, got, want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "b", "ab", "ba", "c", "a b", "ab c"}
	for range 3000 {
		var paras []string
		for range 1 + r.IntN(8) {
			if len(paras) > 1 && r.IntN(3) == 0 { // glue a run of the previous ones
				i := r.IntN(len(paras))
				paras = append(paras, strings.Join(paras[i:], " ")+strings.Repeat(" x", r.IntN(3)))
				continue
			}
			var p []string
			for range 1 + r.IntN(3) {
				p = append(p, words[r.IntN(len(words))])
			}
			paras = append(paras, strings.Join(p, " "))
		}
		in := strings.Join(paras, "\n\n")
		if got, want := dedupeParagraphs(in), dedupeReference(in); got != want {
			t.Fatalf("dedupeParagraphs(%q) = %q, reference %q", in, got, want)
		}
	}
	// 20,000 paragraphs, each containing the previous one's text: fast
	var b strings.Builder
	for i := range 20000 {
		b.WriteString("link " + strconv.Itoa(i) + "\n\n")
	}
	t0 := time.Now()
	dedupeParagraphs(b.String())
	if el := time.Since(t0); el > 5*time.Second {
		t.Errorf("dedupeParagraphs of 20,000 paragraphs took %v", el)
	}
}
