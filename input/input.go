// Package input reads news in the shapes users have it — plain text in any
// common encoding, HTML pages, RSS/Atom feeds, JSON Lines records (the
// contract, and crawler output in the news-please shape), PDF files,
// directories, globs and standard input — and turns each into a
// verbatim.Article.
//
// The shape is chosen by content sniffing first (PDF signature, a feed or
// HTML root element, a JSON value) and by file extension second; anything
// else is plain text.
//
// Errors are per item: a broken file, a malformed JSON Lines record or an
// empty feed item is reported with its name (file, file:line, file#item) and
// reason, and reading goes on with the next. Read streams: it never holds
// more than one file (or one JSON Lines record) in memory.
//
// Decisions:
//   - Files over Options.MaxBytes (20 MB by default) are rejected with a
//     reason: no news article is that long, and such files are dumps or
//     binaries that would stall a batch. JSON Lines files are streamed and
//     have no size limit; each record has the same limit.
//   - Text is decoded: a UTF-8 byte-order mark is stripped, UTF-16 (with a
//     BOM, or without one when every other byte is NUL) is decoded, UTF-8
//     with a few invalid bytes has them replaced by U+FFFD, and anything else
//     that is not binary is read as Windows-1252 (the superset of Latin-1
//     that web and Windows tools write). Binary files are rejected, naming
//     the format when it is recognised.
//   - When the article text is not the file's bytes as given (decoded
//     charset, HTML, feed, PDF), Verbatim(a) is false and the output carries
//     the text the offsets point into.
package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	htmlcharset "golang.org/x/net/html/charset"

	"github.com/verbatim-news/verbatim"
)

// MaxBytes is the default limit on the size of one input file or record.
const MaxBytes = 20 << 20

// Options tune reading.
type Options struct {
	// Published is the default reference date for articles that carry none.
	Published string
	// MaxBytes limits the size of one file or record (0: MaxBytes).
	MaxBytes int64
	// Skipped, when not nil, is told of each file a directory walk leaves
	// out as documentation (see IsDocumentation).
	Skipped func(path string)

	id string // the id of the input being read ("" : its name's stem)
}

// idOf is the id of the input named name: the relative path without
// extension when it was found in a directory, else the name's stem.
func (o Options) idOf(name string) string {
	if o.id != "" {
		return o.id
	}
	return stem(name)
}

func (o Options) max() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return MaxBytes
}

// Emit receives each article read, or the error of an item that could not be
// read (a.Source then names it). Returning an error stops reading.
type Emit func(a verbatim.Article, err error) error

// ItemError is a per-item input error.
type ItemError struct {
	Source string
	Reason string
}

func (e *ItemError) Error() string { return e.Source + ": " + e.Reason }

// Verbatim reports whether the article's text is exactly the bytes the user
// gave (a UTF-8 text file, a JSON record's text field). When it is not, the
// output must carry the text, since the offsets point into it.
func Verbatim(a verbatim.Article) bool { return a.Format == "txt" || a.Format == "jsonl" }

// Read reads every path ("-" is standard input) in order, walking
// directories recursively in name order and expanding glob patterns that
// name no existing file.
//
// A file named on its own has its stem as id ("harbour-strike" for
// examples/harbour-strike.txt). A file found in a directory has its path
// relative to that directory, without extension and with forward slashes
// ("politics/034" for bbc/politics/034.txt when bbc is the directory
// given): unique within the directory and the same on every run. Records of
// a JSON Lines file or items of a feed without an id of their own get the
// file's id and their number ("feeds/world-3"). Hidden files and
// documentation (IsDocumentation) are left out of a directory walk.
func Read(paths []string, opt Options, emit Emit) error {
	for _, p := range paths {
		if p == "-" {
			if err := readStream(os.Stdin, "stdin", opt, emit); err != nil {
				return err
			}
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			if matches, gerr := filepath.Glob(p); gerr == nil && len(matches) > 0 && strings.ContainsAny(p, "*?[") {
				if err := Read(matches, opt, emit); err != nil {
					return err
				}
				continue
			}
			if e := emit(verbatim.Article{Source: p}, &ItemError{p, reason(err)}); e != nil {
				return e
			}
			continue
		}
		if fi.IsDir() {
			w := walker{opt: opt, emit: emit, root: p}
			if err := w.walk(p, fi); err != nil {
				return err
			}
			continue
		}
		if err := readFile(p, fi, opt, emit); err != nil {
			return err
		}
	}
	return nil
}

func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// walker reads a directory tree, following symbolic links to directories
// but never into a directory it is already inside (a symlink loop) nor
// twice into the same directory.
type walker struct {
	root    string // the directory given: ids are paths relative to it
	opt     Options
	emit    Emit
	stack   []os.FileInfo // directories being walked, root first
	visited []os.FileInfo
}

func (w *walker) walk(dir string, fi os.FileInfo) error {
	for _, v := range w.stack {
		if os.SameFile(v, fi) {
			return w.emit(verbatim.Article{Source: dir}, &ItemError{dir, "symlink loop (links to a directory that contains it), skipped"})
		}
	}
	for _, v := range w.visited {
		if os.SameFile(v, fi) {
			return nil // already read through another path
		}
	}
	w.visited = append(w.visited, fi)
	w.stack = append(w.stack, fi)
	defer func() { w.stack = w.stack[:len(w.stack)-1] }()
	entries, err := os.ReadDir(dir)
	if err != nil {
		if e := w.emit(verbatim.Article{Source: dir}, &ItemError{dir, reason(err)}); e != nil {
			return e
		}
	}
	for _, de := range entries { // sorted by name
		if strings.HasPrefix(de.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, de.Name())
		if !de.IsDir() && IsDocumentation(de.Name()) {
			if w.opt.Skipped != nil {
				w.opt.Skipped(path)
			}
			continue
		}
		info, err := os.Stat(path) // follows symlinks
		if err != nil {
			why := reason(err)
			if de.Type()&fs.ModeSymlink != 0 {
				why = "broken symlink: " + why
			}
			if e := w.emit(verbatim.Article{Source: path}, &ItemError{path, why}); e != nil {
				return e
			}
			continue
		}
		switch {
		case info.IsDir():
			err = w.walk(path, info)
		case info.Mode().IsRegular():
			opt := w.opt
			opt.id = relID(w.root, path)
			err = readFile(path, info, opt, w.emit)
		default:
			err = w.emit(verbatim.Article{Source: path}, &ItemError{path, "not a regular file (" + info.Mode().Type().String() + ")"})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func readFile(path string, fi os.FileInfo, opt Options, emit Emit) error {
	ext := strings.ToLower(filepath.Ext(path))
	if !fi.Mode().IsRegular() && fi.Mode()&fs.ModeNamedPipe == 0 && fi.Mode()&fs.ModeCharDevice == 0 {
		return emit(verbatim.Article{Source: path}, &ItemError{path, "not a regular file"})
	}
	stream := ext == ".jsonl" || ext == ".ndjson"
	if !stream && fi.Size() > opt.max() {
		return emit(verbatim.Article{Source: path}, &ItemError{path, tooLarge(fi.Size(), opt)})
	}
	f, err := openFile(path)
	if err != nil {
		return emit(verbatim.Article{Source: path}, &ItemError{path, reason(err)})
	}
	defer f.Close()
	if stream {
		return readJSONL(f, path, opt, emit)
	}
	data, err := readAll(f, fi.Size(), opt.max()+1)
	if err != nil {
		return emit(verbatim.Article{Source: path}, &ItemError{path, reason(err)})
	}
	if int64(len(data)) > opt.max() {
		return emit(verbatim.Article{Source: path}, &ItemError{path, tooLarge(int64(len(data)), opt)})
	}
	return parseEach(data, path, opt, emit, true)
}

// readAll reads r to its end, or to limit bytes, into a buffer sized for
// size bytes (the file's size; 0 when unknown): one read for the data and
// one to see the end, where io.ReadAll reads a 2 KB file in six.
func readAll(r io.Reader, size, limit int64) ([]byte, error) {
	if size <= 0 || size >= limit {
		return io.ReadAll(io.LimitReader(r, limit))
	}
	b := make([]byte, 0, size+1) // +1: the end is seen without growing
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) { // the file grew: read the rest as io.ReadAll does
			rest, err := io.ReadAll(io.LimitReader(r, limit-int64(len(b))))
			return append(b, rest...), err
		}
	}
}

func tooLarge(n int64, opt Options) string {
	return fmt.Sprintf("file too large (%.1f MB, limit %.0f MB): not read", float64(n)/(1<<20), float64(opt.max())/(1<<20))
}

// relID is the id of a file found under root: its relative path without
// extension, with forward slashes.
func relID(root, path string) string {
	rel, err := filepath.Rel(root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return stem(path)
	}
	return filepath.ToSlash(strings.TrimSuffix(rel, filepath.Ext(rel)))
}

// docNames are the names (before any extension, any case) of the files a
// corpus folder carries about itself.
var docNames = map[string]bool{"readme": true, "license": true, "licence": true, "copying": true, "notice": true,
	"authors": true, "contributors": true, "contributing": true, "changelog": true, "changes": true, "history": true,
	"install": true, "manifest": true, "citation": true}

// IsDocumentation reports whether a file found in a directory describes
// the corpus rather than being an article of it: Markdown, reStructuredText
// or AsciiDoc files (FORMAT.md, GUIDE.md), and the conventional names
// README, LICENSE/LICENCE, COPYING, NOTICE, AUTHORS, CONTRIBUTORS,
// CONTRIBUTING, CHANGELOG, CHANGES, HISTORY, INSTALL, MANIFEST and CITATION
// in any case and with any extension (README.TXT, license.txt). A directory
// walk skips them; a documentation file named on its own is read.
func IsDocumentation(name string) bool {
	base := filepath.Base(name)
	switch strings.ToLower(filepath.Ext(base)) {
	case ".md", ".markdown", ".rst", ".adoc":
		return true
	}
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	return docNames[strings.ToLower(base)]
}

func stem(path string) string {
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// readStream reads standard input: JSON Lines (streamed) when it starts with
// '{', else one input of any other shape.
func readStream(r io.Reader, name string, opt Options, emit Emit) error {
	br := bufio.NewReaderSize(r, 1<<16)
	peek, _ := br.Peek(1 << 16)
	peek = bytes.TrimLeft(bytes.TrimPrefix(peek, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(peek) > 0 && peek[0] == '{' {
		first := peek
		if i := bytes.IndexByte(peek, '\n'); i >= 0 {
			first = peek[:i]
		}
		// JSON Lines stream; a pretty-printed record ("{" alone on its
		// first line) is read whole below
		if len(bytes.TrimSpace(first)) > 1 {
			return readJSONL(br, name, opt, emit)
		}
	}
	data, err := io.ReadAll(io.LimitReader(br, opt.max()+1))
	if err != nil {
		return emit(verbatim.Article{Source: name}, &ItemError{name, reason(err)})
	}
	if int64(len(data)) > opt.max() {
		return emit(verbatim.Article{Source: name}, &ItemError{name, tooLarge(int64(len(data)), opt)})
	}
	return ParseEach(data, name, opt, emit)
}

// Parse reads one input of any shape from memory — a text file, an HTML
// page, a feed, JSON Lines or a JSON record or array, a PDF — naming it
// name (a file name: its extension helps choose the shape, its stem is the
// id of a single article). It returns the articles read and, when some
// items failed, an error joining their *ItemError values. It is what
// `POST /api/articles` and ingest use for uploaded bodies.
func Parse(data []byte, name string, opt Options) ([]verbatim.Article, error) {
	var arts []verbatim.Article
	var errs []error
	ParseEach(data, name, opt, func(a verbatim.Article, err error) error {
		if err != nil {
			errs = append(errs, err)
		} else {
			arts = append(arts, a)
		}
		return nil
	})
	return arts, errors.Join(errs...)
}

// Shape is what an input was recognised as.
type Shape string

const (
	ShapeText Shape = "txt"
	ShapeHTML Shape = "html"
	ShapeFeed Shape = "rss"
	ShapeJSON Shape = "jsonl"
	ShapePDF  Shape = "pdf"
)

// Sniff tells the shape of an input from its first bytes and its name.
func Sniff(data []byte, name string) Shape {
	ext := strings.ToLower(filepath.Ext(name))
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return ShapePDF
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) > 0 && head[0] == '<' {
		low := bytes.ToLower(head)
		switch {
		case bytes.Contains(low, []byte("<rss")), bytes.Contains(low, []byte("<feed")), bytes.Contains(low, []byte("<rdf:rdf")):
			return ShapeFeed
		case bytes.Contains(low, []byte("<html")), bytes.Contains(low, []byte("<!doctype html")),
			bytes.Contains(low, []byte("<head")), bytes.Contains(low, []byte("<body")):
			return ShapeHTML
		}
	}
	switch ext {
	case ".html", ".htm", ".xhtml", ".shtml":
		return ShapeHTML
	case ".rss", ".atom", ".xml":
		return ShapeFeed
	case ".json", ".jsonl", ".ndjson":
		return ShapeJSON
	case ".pdf":
		return ShapePDF
	case ".txt", ".text":
		return ShapeText
	}
	if len(head) > 0 && (head[0] == '{' || head[0] == '[') {
		return ShapeJSON
	}
	if len(head) > 0 && head[0] == '<' {
		low := bytes.ToLower(head)
		if bytes.Contains(low, []byte("<p")) || bytes.Contains(low, []byte("<div")) || bytes.Contains(low, []byte("<article")) {
			return ShapeHTML
		}
	}
	return ShapeText
}

// ParseEach is Parse with a callback per article or per failed item.
func ParseEach(data []byte, name string, opt Options, emit Emit) error {
	return parseEach(data, name, opt, emit, false)
}

// parseEach is ParseEach; owned says that data is never written again (a
// file's bytes read for this call), so that valid UTF-8 text can be used
// as it is rather than copied.
func parseEach(data []byte, name string, opt Options, emit Emit, owned bool) error {
	id := opt.idOf(name)
	if name == "" {
		name, id = "input", "input"
	}
	if len(bytes.TrimSpace(data)) == 0 {
		why := "empty file"
		if len(data) > 0 {
			why = "no text (only whitespace)"
		}
		return emit(verbatim.Article{ID: id, Source: name}, &ItemError{name, why})
	}
	shape := Sniff(data, name)
	if shape == ShapePDF {
		if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
			return emit(verbatim.Article{ID: id, Source: name}, &ItemError{name, "not a PDF file (no %PDF- signature)"})
		}
		a, err := FromPDF(data, id, opt)
		return emitOne(a, name, err, emit)
	}
	text, charset, err := decode(data, owned)
	if err != nil {
		return emit(verbatim.Article{ID: id, Source: name}, &ItemError{name, err.Error()})
	}
	if strings.TrimSpace(text) == "" {
		// spaces only once decoded (a Latin-1 no-break space)
		return emit(verbatim.Article{ID: id, Source: name}, &ItemError{name, "no text (only whitespace)"})
	}
	switch shape {
	case ShapeHTML:
		if charset == Windows1252 || charset == UTF8Repaired {
			text = decodeHTML(data, text) // the page may declare its charset
		}
		a, err := FromHTML(text, id, opt)
		return emitOne(a, name, err, emit)
	case ShapeFeed:
		if charset == Windows1252 || charset == UTF8Repaired {
			// gofeed decodes the charset the XML declaration names; without
			// one, give it our decoding with the declaration made UTF-8
			var arts []verbatim.Article
			if err := FromFeed(string(data), name, opt, func(a verbatim.Article, err error) error {
				if err != nil {
					return errSkip
				}
				arts = append(arts, a)
				return nil
			}); err == nil {
				for _, a := range arts {
					if e := emit(a, nil); e != nil {
						return e
					}
				}
				return nil
			}
			text = xmlDeclUTF8.ReplaceAllString(text, "${1}UTF-8${2}")
		}
		return FromFeed(text, name, opt, emit)
	case ShapeJSON:
		return readJSON(text, name, opt, emit)
	}
	a := fromDecoded(text, charset, id, opt)
	return emitOne(a, name, nil, emit)
}

var errSkip = errors.New("skip")

var xmlDeclUTF8 = regexp.MustCompile(`^(\s*<\?xml[^>]*encoding=["'])[^"']*(["'])`)

// decodeHTML decodes a page that is not UTF-8 with the charset its <meta>
// declares, falling back to the given decoding.
func decodeHTML(data []byte, fallback string) string {
	enc, label, _ := htmlcharset.DetermineEncoding(data, "text/html")
	if enc == nil || label == "utf-8" {
		return fallback
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) {
		return fallback
	}
	return string(out)
}

func emitOne(a verbatim.Article, name string, err error, emit Emit) error {
	a.Source = name
	if err != nil {
		return emit(a, &ItemError{name, err.Error()})
	}
	return emit(a, nil)
}

// FromText makes an article of a plain-text file's bytes, decoding its
// charset (see decode).
func FromText(data []byte, id string, opt Options) (verbatim.Article, error) {
	text, charset, err := decode(data, false)
	if err != nil {
		return verbatim.Article{ID: id, Published: opt.Published, Format: "txt"}, err
	}
	if strings.TrimSpace(text) == "" {
		return verbatim.Article{ID: id, Published: opt.Published, Format: "txt"}, fmt.Errorf("no text")
	}
	return fromDecoded(text, charset, id, opt), nil
}

func fromDecoded(text, charset, id string, opt Options) verbatim.Article {
	a := verbatim.Article{ID: id, Published: opt.Published, Format: "txt", Text: text}
	if charset != UTF8 {
		a.Format = "txt+" + charset
	}
	a.Title = headline(text)
	a.Outlet = masthead(text)
	return a
}

// headline returns the first line of a plain text when it looks like a
// headline: 3 to 26 words starting with a letter or digit, not ending a
// sentence, and followed by a blank line (the BBC shape, and most saved
// articles). It only sets the title; the text is unchanged.
func headline(text string) string {
	t := strings.TrimLeft(text, " \t\r\n")
	i := strings.IndexByte(t, '\n')
	if i <= 0 || i > 200 {
		return ""
	}
	line := strings.TrimSpace(t[:i])
	rest := strings.TrimLeft(t[i+1:], " \t\r")
	if line == "" || !strings.HasPrefix(rest, "\n") {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return "" // "% Moscow Times", "- bullet", "* * *"
	}
	if n := strings.Count(line, " "); n < 2 || n > 25 || strings.HasSuffix(line, ".") || strings.HasSuffix(line, ",") || strings.HasSuffix(line, ":") {
		return ""
	}
	return line
}

// Record is a JSON input record: the contract of ../shared/README.md (id,
// text or html, title, url, outlet, published) and the crawler shape of
// news-please (maintext, date_publish, source_domain, authors).
type Record struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Author    any    `json:"author"`

	Maintext     string `json:"maintext"`
	DatePublish  string `json:"date_publish"`
	SourceDomain string `json:"source_domain"`
	Authors      any    `json:"authors"`
	Description  string `json:"description"`
}

// FromRecord decodes one JSON record.
func FromRecord(line []byte, opt Options) (verbatim.Article, error) {
	var rec Record
	if err := json.Unmarshal(line, &rec); err != nil {
		return verbatim.Article{}, errors.New(jsonProblem(err))
	}
	return rec.article(opt)
}

// jsonProblem says what is wrong with a JSON record in the terms of the
// record (its fields and JSON's kinds of value), not of the decoder.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te) && te.Field == "":
		return fmt.Sprintf(`malformed JSON record: a record is an object ({"id": …, "text": …}), not %s`, article(te.Value))
	case errors.As(err, &te):
		want := "a string"
		switch te.Type.Kind().String() {
		case "slice", "array":
			want = "a list"
		case "map", "struct":
			want = "an object"
		}
		return fmt.Sprintf("malformed JSON record: field %q must be %s, not %s", te.Field, want, article(te.Value))
	case errors.As(err, &se):
		return fmt.Sprintf("malformed JSON record: at byte %d, %s", se.Offset, se.Error())
	case strings.Contains(err.Error(), "unexpected end of JSON input"):
		return "malformed JSON record: it ends before it is complete"
	}
	return "malformed JSON record: " + err.Error()
}

// article puts "a" or "an" before a JSON kind of value ("number", "array").
func article(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

func (rec *Record) article(opt Options) (verbatim.Article, error) {
	a := verbatim.Article{ID: rec.ID, Title: rec.Title, URL: rec.URL, Outlet: rec.Outlet, Published: rec.Published,
		Text: rec.Text, Author: firstString(rec.Author), Format: "jsonl"}
	// field is the record's field that gave the date, if one did
	field := "published"
	if a.Text == "" && rec.Maintext != "" { // news-please
		a.Text = rec.Maintext
		if a.Outlet == "" {
			a.Outlet = rec.SourceDomain
		}
		if a.Published == "" {
			a.Published, field = rec.DatePublish, "date_publish"
		}
		if a.Author == "" {
			a.Author = firstString(rec.Authors)
		}
	}
	if a.Text == "" && rec.HTML != "" {
		h, err := FromHTML(rec.HTML, a.ID, Options{Published: a.Published})
		if err != nil {
			return a, err
		}
		a.Text, a.Format = h.Text, "html"
		if a.Title == "" {
			a.Title = h.Title
		}
		if a.Outlet == "" {
			a.Outlet = h.Outlet
		}
		if a.Published == "" {
			a.Published, field = h.Published, ""
		}
		if a.Author == "" {
			a.Author = h.Author
		}
	}
	if a.Published != "" {
		t, err := verbatim.ParseDate(a.Published)
		switch {
		case err == nil:
			a.Published = t.Format("2006-01-02")
		case field != "":
			return a, fmt.Errorf("%s: %q is not a date (give YYYY-MM-DD, or a time such as 2025-02-03T09:30:00Z)", field, a.Published)
		default:
			a.Published = "" // an unreadable date in the page's metadata: undated
		}
	}
	if a.Published == "" {
		a.Published = opt.Published
	}
	if strings.TrimSpace(a.Text) == "" {
		return a, fmt.Errorf("record has no text (text, html or maintext)")
	}
	return a, nil
}

func firstString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && s != "" {
				return s
			}
		}
	}
	return ""
}

// readJSON reads JSON from memory: one record (possibly pretty-printed, as
// news-please writes one file per article), an array of records, or JSON
// Lines.
func readJSON(text, name string, opt Options, emit Emit) error {
	trim := strings.TrimSpace(text)
	if strings.HasPrefix(trim, "[") {
		var recs []json.RawMessage
		if err := json.Unmarshal([]byte(trim), &recs); err != nil {
			return emit(verbatim.Article{Source: name}, &ItemError{name, fmt.Sprintf("malformed JSON array: %v", err)})
		}
		for i, raw := range recs {
			if err := emitRecord(raw, fmt.Sprintf("%s[%d]", name, i), fmt.Sprintf("%s-%d", opt.idOf(name), i+1), opt, emit); err != nil {
				return err
			}
		}
		return nil
	}
	if strings.HasPrefix(trim, "{") && strings.Contains(trim, "\n") {
		dec := json.NewDecoder(strings.NewReader(trim))
		var raw json.RawMessage
		if dec.Decode(&raw) == nil && !dec.More() {
			if _, err := dec.Token(); err == io.EOF {
				return emitRecord(raw, name, opt.idOf(name), opt, emit)
			}
		}
	}
	return readJSONL(strings.NewReader(text), name, opt, emit)
}

func emitRecord(raw []byte, src, defID string, opt Options, emit Emit) error {
	charset := UTF8
	if !utf8.Valid(raw) { // a record written in Latin-1 / Windows-1252
		if text, cs, err := decode(raw, false); err == nil {
			raw, charset = []byte(text), cs
		}
	}
	a, err := FromRecord(raw, opt)
	if charset != UTF8 && a.Format == "jsonl" {
		a.Format = "jsonl+" + charset // the text is not the bytes given: output carries it
	}
	if a.ID == "" {
		a.ID = defID
	}
	a.Source = src
	if err != nil {
		return emit(a, &ItemError{src, err.Error()})
	}
	return emit(a, nil)
}

func readJSONL(r io.Reader, name string, opt Options, emit Emit) error {
	br := bufio.NewReaderSize(r, 1<<16)
	limit := int(opt.max())
	n := 0
	for {
		line, err := readLine(br, limit)
		if len(line) == 0 && err == io.EOF {
			return nil
		}
		n++
		src := fmt.Sprintf("%s:%d", name, n)
		if err != nil && err != io.EOF {
			why := err.Error()
			if err == errTooLong {
				why = fmt.Sprintf("record longer than %d bytes, skipped", limit)
			}
			if e := emit(verbatim.Article{Source: src}, &ItemError{src, why}); e != nil {
				return e
			}
			if err == errTooLong {
				continue
			}
			return nil
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if s := bytes.TrimSpace(line); len(s) > 0 {
			if e := emitRecord(s, src, fmt.Sprintf("%s-%d", opt.idOf(name), n), opt, emit); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

var errTooLong = errors.New("record too long")

// readLine reads one line (without its newline), at most max bytes; a longer
// line is skipped to its end and reported.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
			}
			return nil, errTooLong
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return buf, err
		}
		return buf[:len(buf)-1], nil
	}
}
