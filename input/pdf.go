package input

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/verbatim-news/verbatim"
)

// PDFToText is the poppler command used to extract text from PDF files. It
// is looked up on PATH at run time; without it PDF inputs fail with a clear
// reason (install poppler-utils). No pure-Go library was good enough on news
// PDFs (multi-column layouts, ligatures, font encodings) at the time of
// writing, so poppler does the work.
var PDFToText = "pdftotext"

// PDFTimeout bounds the extraction of one PDF.
var PDFTimeout = 60 * time.Second

// FromPDF extracts the text of a PDF in reading order (poppler's default,
// which follows columns; -layout would interleave them). Pages are
// separated by a blank line; the line wraps of the PDF are kept, as in the
// PDF-derived seed text, for the cleaning stage to join.
func FromPDF(data []byte, id string, opt Options) (verbatim.Article, error) {
	a := verbatim.Article{ID: id, Published: opt.Published, Format: "pdf"}
	bin, err := exec.LookPath(PDFToText)
	if err != nil {
		return a, fmt.Errorf("cannot read PDF: %s not found (install poppler-utils)", PDFToText)
	}
	tmp, err := os.CreateTemp("", "verbatim-*.pdf")
	if err != nil {
		return a, fmt.Errorf("cannot read PDF: %v", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return a, fmt.Errorf("cannot read PDF: %v", err)
	}
	tmp.Close()
	ctx, cancel := context.WithTimeout(context.Background(), PDFTimeout)
	defer cancel()
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-enc", "UTF-8", "-eol", "unix", tmp.Name(), "-")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return a, fmt.Errorf("PDF extraction took longer than %v", PDFTimeout)
		}
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i > 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return a, fmt.Errorf("broken PDF: %s", msg)
	}
	text := strings.ReplaceAll(string(bytes.ToValidUTF8(out.Bytes(), []byte("\uFFFD"))), "\f", "\n\n")
	a.Text = strings.TrimRight(text, "\n ") + "\n"
	if strings.TrimSpace(a.Text) == "" {
		return a, fmt.Errorf("PDF has no text layer (scanned pages need OCR)")
	}
	return a, nil
}
