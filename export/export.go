// Package export writes search results as CSV or JSON Lines, one row per
// result as it comes, for `verbatim search --format csv|jsonl` and the
// API's format=csv|jsonl: exports stream and have no cap.
//
// Columns (CSV header; JSON Lines objects carry the same values under the
// same names, as the API's JSON does):
//
//	quotes:   id, said_on, published, speaker, speaker_mention, type, kind, text, cue, addressee, via,
//	          confidence, outlet, title, url, article_id, start, end, story
//	articles: id, published, outlet, title, url, quotes, story
//	speakers: id, type, name, quotes, articles, first, last
//	stories:  id, title, first, last, articles, outlets, topic, topic_label, people
//
// A story's people are its most mentioned persons, "; "-joined in CSV (in
// JSON Lines the list of {id, name, mentions}); first and last are its
// earliest and latest publication dates. A story's statements export as
// quotes (GET /api/stories/{id}?format=csv: every report of each
// statement, with its article).
//
// said_on is the day the statement was made when the article says so, else
// empty (published is the article's publication date); start and end are
// byte offsets of the quote in the article's text (GET /api/articles/{id}
// returns it), so that a quote can be cited and checked; confidence is the
// probability that the quote is a real attribution; kind says what it
// reports (statement, belief, intention, perception, other).
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// Format is csv or jsonl.
type Format string

const (
	CSV   Format = "csv"
	JSONL Format = "jsonl"
)

// ParseFormat reads a format name; anything but csv or jsonl is an error
// that names both.
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case CSV, JSONL:
		return Format(s), nil
	}
	return "", &verbatim.QueryError{Msg: fmt.Sprintf("format: %q is not an export format (csv or jsonl)", s)}
}

// ContentType is the media type of a format, for HTTP.
func (f Format) ContentType() string {
	if f == CSV {
		return "text/csv; charset=utf-8"
	}
	return "application/x-ndjson; charset=utf-8"
}

// Columns of each kind of row, in order.
var (
	QuoteColumns = []string{"id", "said_on", "published", "speaker", "speaker_mention", "type", "kind", "text", "cue", "addressee", "via",
		"confidence", "outlet", "title", "url", "article_id", "start", "end", "story"}
	ArticleColumns = []string{"id", "published", "outlet", "title", "url", "quotes", "story"}
	SpeakerColumns = []string{"id", "type", "name", "quotes", "articles", "first", "last"}
	StoryColumns   = []string{"id", "title", "first", "last", "articles", "outlets", "topic", "topic_label", "people"}
)

// Writer writes rows of one kind in one format.
type Writer struct {
	f   Format
	cw  *csv.Writer
	enc *json.Encoder
	rec []string
}

// New returns a writer of rows with these columns; a CSV writer writes its
// header first.
func New(w io.Writer, f Format, columns []string) (*Writer, error) {
	x := &Writer{f: f}
	if f == CSV {
		x.cw = csv.NewWriter(w)
		if err := x.cw.Write(columns); err != nil {
			return nil, err
		}
	} else {
		x.enc = json.NewEncoder(w)
		x.enc.SetEscapeHTML(false)
	}
	return x, nil
}

// row writes one result: v as JSON, or the CSV record rec builds.
func (x *Writer) row(v any, rec func([]string) []string) error {
	if x.enc != nil {
		return x.enc.Encode(v)
	}
	x.rec = rec(x.rec[:0])
	return x.cw.Write(x.rec)
}

// Quote writes a quote (its highlights are left out).
func (x *Writer) Quote(h *verbatim.QuoteHit) error {
	hl := h.Highlights
	h.Highlights = nil
	defer func() { h.Highlights = hl }()
	return x.row(h, func(r []string) []string {
		return append(r, strconv.FormatInt(h.ID, 10), string(h.SaidOn), string(h.Published), h.Speaker, h.Mention, string(h.Type), string(h.Kind), h.Text, h.Cue,
			h.Addressee, h.Via, strconv.FormatFloat(h.Confidence, 'f', -1, 64), h.Outlet, h.Title, h.URL, h.ArticleID,
			strconv.Itoa(h.Start), strconv.Itoa(h.End), h.Story)
	})
}

// Article writes an article (its snippet is left out).
func (x *Writer) Article(a *verbatim.ArticleHit) error {
	v := *a
	v.Snippet, v.Highlights = "", nil
	return x.row(&v, func(r []string) []string {
		return append(r, a.ID, string(a.Published), a.Outlet, a.Title, a.URL, strconv.Itoa(a.Quotes), a.Story)
	})
}

// Speaker writes a speaker.
func (x *Writer) Speaker(s *verbatim.SpeakerSummary) error {
	return x.row(s, func(r []string) []string {
		return append(r, s.ID, string(s.Type), s.Name, strconv.Itoa(s.Quotes), strconv.Itoa(s.Articles), string(s.First), string(s.Last))
	})
}

// Story writes a story of a listing.
func (x *Writer) Story(s *verbatim.StorySummary) error {
	return x.row(s, func(r []string) []string {
		var people strings.Builder
		for i, p := range s.People {
			if i > 0 {
				people.WriteString("; ")
			}
			people.WriteString(p.Name)
		}
		return append(r, s.ID, s.Title, string(s.First), string(s.Last), strconv.Itoa(s.Articles), strconv.Itoa(s.Outlets),
			s.Topic, s.TopicLabel, people.String())
	})
}

// Flush writes what is buffered and reports any error of the rows
// written.
func (x *Writer) Flush() error {
	if x.cw != nil {
		x.cw.Flush()
		return x.cw.Error()
	}
	return nil
}
