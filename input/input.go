// Package input reads news in the shapes users have it — plain text files,
// JSON Lines records, directories, standard input — and turns each into a
// verbatim.Article. Errors are per item: a broken file is reported with its
// name and reason and reading goes on with the next.
package input

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// Options tune reading.
type Options struct {
	// Published is the default reference date for articles that carry none.
	Published string
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

// Read reads every path ("-" is standard input) in order, walking
// directories recursively in name order.
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
			if e := emit(verbatim.Article{Source: p}, &ItemError{p, reason(err)}); e != nil {
				return e
			}
			continue
		}
		if fi.IsDir() {
			if err := readDir(p, opt, emit); err != nil {
				return err
			}
			continue
		}
		if err := readFile(p, opt, emit); err != nil {
			return err
		}
	}
	return nil
}

func reason(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

func readDir(root string, opt Options, emit Emit) error {
	var files []string
	err := filepath.WalkDir(root, func(path string, de fs.DirEntry, err error) error {
		if err != nil {
			if e := emit(verbatim.Article{Source: path}, &ItemError{path, reason(err)}); e != nil {
				return e
			}
			if de != nil && de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if de.IsDir() {
			if strings.HasPrefix(de.Name(), ".") && path != root {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(de.Name(), ".") {
			return nil
		}
		files = append(files, path)
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		if err := readFile(f, opt, emit); err != nil {
			return err
		}
	}
	return nil
}

func readFile(path string, opt Options, emit Emit) error {
	f, err := os.Open(path)
	if err != nil {
		return emit(verbatim.Article{Source: path}, &ItemError{path, reason(err)})
	}
	defer f.Close()
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".jsonl" || ext == ".ndjson" {
		return readJSONL(f, path, opt, emit)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return emit(verbatim.Article{Source: path}, &ItemError{path, reason(err)})
	}
	a, err := FromText(data, stem(path), opt)
	a.Source = path
	if err != nil {
		return emit(a, &ItemError{path, err.Error()})
	}
	return emit(a, nil)
}

func stem(path string) string {
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// readStream reads standard input: JSON Lines when it starts with '{', else
// one plain-text article.
func readStream(r io.Reader, name string, opt Options, emit Emit) error {
	br := bufio.NewReaderSize(r, 1<<16)
	peek, _ := br.Peek(1)
	if len(peek) == 1 && peek[0] == '{' {
		return readJSONL(br, name, opt, emit)
	}
	data, err := io.ReadAll(br)
	if err != nil {
		return emit(verbatim.Article{Source: name}, &ItemError{name, err.Error()})
	}
	a, err := FromText(data, name, opt)
	a.Source = name
	if err != nil {
		return emit(a, &ItemError{name, err.Error()})
	}
	return emit(a, nil)
}

// Record is a JSON Lines input record (the contract of ../shared/README.md).
type Record struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
}

// MaxRecord is the longest JSON Lines record accepted.
const MaxRecord = 64 << 20

func readJSONL(r io.Reader, name string, opt Options, emit Emit) error {
	br := bufio.NewReaderSize(r, 1<<16)
	n := 0
	for {
		line, err := readLine(br, MaxRecord)
		if len(line) == 0 && err == io.EOF {
			return nil
		}
		n++
		src := fmt.Sprintf("%s:%d", name, n)
		if err != nil && err != io.EOF {
			if e := emit(verbatim.Article{Source: src}, &ItemError{src, err.Error()}); e != nil {
				return e
			}
			if err == errTooLong {
				continue
			}
			return nil
		}
		s := strings.TrimSpace(string(line))
		if s != "" {
			a, perr := FromRecord([]byte(s), opt)
			if a.ID == "" {
				a.ID = fmt.Sprintf("%s-%d", stem(name), n)
			}
			a.Source = src
			if perr != nil {
				if e := emit(a, &ItemError{src, perr.Error()}); e != nil {
					return e
				}
			} else if e := emit(a, nil); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

var errTooLong = fmt.Errorf("record longer than %d bytes", MaxRecord)

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

// FromRecord decodes one JSON Lines record.
func FromRecord(line []byte, opt Options) (verbatim.Article, error) {
	var rec Record
	if err := json.Unmarshal(line, &rec); err != nil {
		return verbatim.Article{}, fmt.Errorf("malformed JSON record: %v", err)
	}
	a := verbatim.Article{ID: rec.ID, Title: rec.Title, URL: rec.URL, Outlet: rec.Outlet, Published: rec.Published, Text: rec.Text, Format: "jsonl"}
	if a.Published == "" {
		a.Published = opt.Published
	}
	if a.Text == "" && rec.HTML != "" {
		return a, fmt.Errorf("HTML records are not supported yet")
	}
	if a.Text == "" {
		return a, fmt.Errorf("record has no text")
	}
	return a, nil
}

// FromText makes an article of a plain-text file's bytes.
func FromText(data []byte, id string, opt Options) (verbatim.Article, error) {
	a := verbatim.Article{ID: id, Published: opt.Published, Format: "txt"}
	if !utf8.Valid(data) {
		return a, fmt.Errorf("not UTF-8 text")
	}
	a.Text = string(data)
	return a, nil
}
