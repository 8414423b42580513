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
	"bytes"
	"errors"
	"fmt"
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
