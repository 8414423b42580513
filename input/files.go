package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/sized"
)

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
	data, err := sized.ReadAll(f, fi.Size(), opt.max()+1)
	if err != nil {
		return emit(verbatim.Article{Source: path}, &ItemError{path, reason(err)})
	}
	if int64(len(data)) > opt.max() {
		return emit(verbatim.Article{Source: path}, &ItemError{path, tooLarge(int64(len(data)), opt)})
	}
	return parseEach(data, path, opt, emit, true)
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
