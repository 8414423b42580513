package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

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
