package http

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	stdhttp "net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/export"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/pipeline"
)

// quoteQuery reads a quote search from URL parameters: q, speaker (an id
// or a name), speaker_type, outlet, article, story, type, kind,
// min_confidence, named, since, until, sort, limit, offset. A number that
// is not one is a *verbatim.QueryError; the rest is checked by
// QuoteQuery.Check (the CLI runs the same).
func quoteQuery(r *stdhttp.Request) (verbatim.QuoteQuery, error) {
	v := r.URL.Query()
	q := verbatim.QuoteQuery{Text: v.Get("q"), Speaker: v.Get("speaker"), Outlet: v.Get("outlet"),
		Article: v.Get("article"), Story: v.Get("story"), Type: v.Get("type"), Since: v.Get("since"), Until: v.Get("until"),
		Sort: v.Get("sort"), NamedOnly: boolParam(v.Get("named")), Cursor: v.Get("cursor")}
	var err error
	if q.Kinds, err = verbatim.ParseKinds(v.Get("kind")); err != nil {
		return q, err
	}
	if q.SpeakerType, err = speakerType(v.Get("speaker_type")); err != nil {
		return q, err
	}
	if c := v.Get("min_confidence"); c != "" {
		if q.MinConfidence, err = strconv.ParseFloat(c, 64); err != nil || q.MinConfidence < 0 || q.MinConfidence > 1 {
			return q, &verbatim.QueryError{Msg: fmt.Sprintf("min_confidence %q: give a number from 0 to 1", c)}
		}
	}
	if q.Limit, q.Offset, err = pageParams(v); err != nil {
		return q, err
	}
	return q, q.Check(exportFormat(r) != "")
}

// speakerType reads a speaker type filter: "person" or "organization"
// (also "people", "organisation", ...), empty for any.
func speakerType(s string) (verbatim.EntityType, error) {
	t, err := verbatim.ParseSpeakerType(s)
	if err != nil {
		return "", &verbatim.QueryError{Msg: err.Error()}
	}
	return t, nil
}

// boolParam reads a checkbox-like parameter: "1", "true", "on", "yes".
func boolParam(s string) bool {
	switch strings.ToLower(s) {
	case "1", "true", "on", "yes":
		return true
	}
	return false
}

// articleQuery reads an article search from URL parameters: q, outlet,
// since, until, sort, limit, offset.
func articleQuery(r *stdhttp.Request) (verbatim.ArticleQuery, error) {
	v := r.URL.Query()
	q := verbatim.ArticleQuery{Text: v.Get("q"), Outlet: v.Get("outlet"), Since: v.Get("since"), Until: v.Get("until"), Sort: v.Get("sort"),
		Cursor: v.Get("cursor")}
	var err error
	if q.Limit, q.Offset, err = pageParams(v); err != nil {
		return q, err
	}
	return q, q.Check(exportFormat(r) != "")
}

// pageParams reads limit and offset from URL parameters (their range is
// the query's Check).
func pageParams(v url.Values) (limit, offset int, err error) {
	if limit, err = intParam(v.Get("limit"), 0, -1<<31, 1<<31); err != nil {
		return 0, 0, &verbatim.QueryError{Msg: "limit: " + err.Error()}
	}
	if offset, err = intParam(v.Get("offset"), 0, -1<<31, 1<<31); err != nil {
		return 0, 0, &verbatim.QueryError{Msg: "offset: " + err.Error()}
	}
	return limit, offset, nil
}

func intParam(s string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", s)
	}
	if n < lo || n > hi {
		return 0, errors.New("must be from " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi))
	}
	return n, nil
}

// exportFormat is the format=csv|jsonl of a request ("" for a page of
// JSON).
func exportFormat(r *stdhttp.Request) export.Format {
	f, err := export.ParseFormat(r.URL.Query().Get("format"))
	if err != nil {
		return ""
	}
	return f
}

// checkFormat answers a format that is neither JSON nor an export format.
func checkFormat(r *stdhttp.Request) error {
	switch f := r.URL.Query().Get("format"); f {
	case "", "json", "csv", "jsonl":
		return nil
	default:
		return &verbatim.QueryError{Msg: fmt.Sprintf("format: %q is not a format (json, csv or jsonl)", f)}
	}
}

// streamed writes an export's header when its first bytes come, so that
// an error before any row can still be answered with its status; each
// write pushes the write deadline on (an export takes as long as it takes,
// a stalled client does not hold the connection).
type streamed struct {
	w       stdhttp.ResponseWriter
	rc      *stdhttp.ResponseController
	f       export.Format
	name    string
	started bool
	pushed  time.Time
}

func (x *streamed) Write(p []byte) (int, error) {
	if !x.started {
		x.started = true
		h := x.w.Header()
		h.Set("Content-Type", x.f.ContentType())
		h.Set("Content-Disposition", `attachment; filename="`+x.name+"."+string(x.f)+`"`)
		x.w.WriteHeader(stdhttp.StatusOK)
	}
	if now := time.Now(); now.Sub(x.pushed) > 5*time.Second {
		x.rc.SetWriteDeadline(now.Add(exportIdle))
		x.pushed = now
	}
	return x.w.Write(p)
}

// exportIdle is how long an export may wait on a client that reads none of
// it.
const exportIdle = 60 * time.Second

// export streams rows through rows (which writes them with the writer) as
// the request's format, named name (the file name of a download).
func (s *Server) export(w stdhttp.ResponseWriter, r *stdhttp.Request, f export.Format, name string, columns []string,
	rows func(x *export.Writer) error) {
	out := &streamed{w: w, rc: stdhttp.NewResponseController(w), f: f, name: name}
	bw := bufio.NewWriterSize(out, 32<<10)
	x, err := export.New(bw, f, columns)
	if err == nil {
		if err = rows(x); err == nil {
			if err = x.Flush(); err == nil {
				err = bw.Flush()
			}
		}
	}
	if err == nil {
		if !out.started { // no rows: the CSV header at least, or an empty body
			out.Write(nil)
		}
		return
	}
	if !out.started {
		s.fail(w, r, err)
		return
	}
	// the status is sent: cut the connection so that the client sees an
	// incomplete transfer rather than a short file
	s.logf("%s %s: export stopped: %v", r.Method, r.URL, err)
	panic(stdhttp.ErrAbortHandler)
}

// listing answers a listing endpoint: its query read from the URL
// (parse), with format=csv|jsonl every row it selects as a download named
// name (each writes them), else a page of it as JSON.
func listing[Q any, R any](s *Server, w stdhttp.ResponseWriter, r *stdhttp.Request, parse func(*stdhttp.Request) (Q, error),
	name string, columns []string, each func(x *export.Writer, q Q) error, page func(q Q) (R, error)) {
	q, err := parse(r)
	if err == nil {
		err = checkFormat(r)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f := exportFormat(r); f != "" {
		s.export(w, r, f, name, columns, func(x *export.Writer) error { return each(x, q) })
		return
	}
	res, err := page(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, 200, res)
}

// apiQuotes answers /api/quotes (quoteQuery).
func (s *Server) apiQuotes(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	ctx := r.Context()
	listing(s, w, r, quoteQuery, "verbatim-quotes", export.QuoteColumns,
		func(x *export.Writer, q verbatim.QuoteQuery) error { return s.Store.EachQuote(ctx, q, x.Quote) },
		func(q verbatim.QuoteQuery) (verbatim.QuoteResults, error) { return s.Store.Quotes(ctx, q) })
}

// apiArticles answers /api/articles (articleQuery).
func (s *Server) apiArticles(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	ctx := r.Context()
	listing(s, w, r, articleQuery, "verbatim-articles", export.ArticleColumns,
		func(x *export.Writer, q verbatim.ArticleQuery) error { return s.Store.EachArticle(ctx, q, x.Article) },
		func(q verbatim.ArticleQuery) (verbatim.ArticleResults, error) { return s.Store.Articles(ctx, q) })
}

func (s *Server) apiSpeakers(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	limit, err := intParam(r.URL.Query().Get("limit"), 100, 1, verbatim.MaxPage)
	if err != nil {
		s.fail(w, r, &verbatim.QueryError{Msg: "limit: " + err.Error()})
		return
	}
	if err := checkFormat(r); err != nil {
		s.fail(w, r, err)
		return
	}
	typ, err := speakerType(r.URL.Query().Get("type"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sp, err := s.Store.Speakers(r.Context(), verbatim.SpeakerQuery{Text: r.URL.Query().Get("q"), Type: typ, Limit: limit})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f := exportFormat(r); f != "" {
		s.export(w, r, f, "verbatim-speakers", export.SpeakerColumns, func(x *export.Writer) error {
			for i := range sp {
				if err := x.Speaker(&sp[i]); err != nil {
					return err
				}
			}
			return nil
		})
		return
	}
	writeJSON(w, 200, map[string]any{"speakers": sp})
}

// apiSpeaker answers a speaker's page as JSON, or with format=csv|jsonl
// every statement of theirs, oldest first (the search by that speaker: one
// lookup of the name, so a name several speakers answer to is answered
// with the candidates either way).
func (s *Server) apiSpeaker(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	if err := checkFormat(r); err != nil {
		s.fail(w, r, err)
		return
	}
	name := r.PathValue("name")
	if f := exportFormat(r); f != "" {
		s.export(w, r, f, "verbatim-"+fileName(name), export.QuoteColumns, func(x *export.Writer) error {
			n := 0
			err := s.Store.EachQuote(r.Context(), verbatim.QuoteQuery{Speaker: name, Sort: verbatim.SortOldest}, func(h *verbatim.QuoteHit) error {
				n++
				return x.Quote(h)
			})
			if err == nil && n == 0 {
				return verbatim.ErrNotFound
			}
			return err
		})
		return
	}
	d, err := s.Store.Speaker(r.Context(), name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, 200, d)
}

// fileName makes a name safe in a download's file name.
func fileName(s string) string {
	b := []byte(strings.ToLower(s))
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			b[i] = '-'
		}
	}
	return strings.Trim(string(b), "-")
}

func (s *Server) apiArticle(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	a, err := s.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, 200, a)
}

func (s *Server) apiStats(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	st, err := s.Store.Stats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, 200, st)
}

// Posted is one analysed article in the answer to POST /api/articles.
type Posted struct {
	verbatim.Result
	Stored    bool   `json:"stored"`
	Duplicate string `json:"duplicate_of,omitempty"`
}

// bodyErrors names the items of a POSTed body that could not be read as
// the user knows them: "body" (and "body:3" for its third line, "body[2]"
// for the third record of an array) rather than the name the body was
// parsed under.
func bodyErrors(err error, name string) error {
	if err == nil {
		return nil
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	var msgs []string
	for _, e := range errs {
		var ie *input.ItemError
		if errors.As(e, &ie) {
			src := "body" + strings.TrimPrefix(ie.Source, name)
			if rest, ok := strings.CutPrefix(src, "body:"); ok {
				src = "body line " + rest
			}
			msgs = append(msgs, src+": "+ie.Reason)
			continue
		}
		msgs = append(msgs, strings.ReplaceAll(e.Error(), name, "body"))
	}
	return errors.New(strings.Join(msgs, "; "))
}

// apiPost analyses and stores the articles in the body: a JSON record (or
// JSON Lines, or an array) as in the output contract's input, HTML, a feed,
// or raw text (?id=, ?title=, ?outlet=, ?published= name it).
func (s *Server) apiPost(w stdhttp.ResponseWriter, r *stdhttp.Request) {
	tooLarge := func() {
		writeJSON(w, stdhttp.StatusRequestEntityTooLarge, map[string]any{
			"error": fmt.Sprintf("body larger than the limit of %d bytes (%d MB): split it into several requests", s.MaxBody, s.MaxBody>>20),
			"limit": s.MaxBody})
	}
	if r.ContentLength > s.MaxBody { // refused before a byte is read
		tooLarge()
		return
	}
	r.Body = stdhttp.MaxBytesReader(w, r.Body, s.MaxBody)
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *stdhttp.MaxBytesError
		if errors.As(err, &mbe) {
			tooLarge()
			return
		}
		writeErr(w, stdhttp.StatusBadRequest, "reading body: "+err.Error())
		return
	}
	if len(bytes.TrimSpace(data)) == 0 {
		writeErr(w, stdhttp.StatusBadRequest, "empty body")
		return
	}
	v := r.URL.Query()
	if p := v.Get("published"); p != "" {
		if _, err := verbatim.ParseDate(p); err != nil {
			writeErr(w, stdhttp.StatusBadRequest, "published: "+strconv.Quote(p)+" is not a date (give YYYY-MM-DD)")
			return
		}
	}
	id := v.Get("id")
	if id == "" {
		id = verbatim.ContentHash(string(data))[:16]
	}
	ext := ".txt"
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case strings.Contains(ct, "json"):
		ext = ".jsonl"
	case ct == "text/html" || ct == "application/xhtml+xml":
		ext = ".html"
	case strings.Contains(ct, "rss") || strings.Contains(ct, "atom") || ct == "application/xml" || ct == "text/xml":
		ext = ".xml"
	case ct == "application/pdf":
		ext = ".pdf"
	case ct == "text/plain":
		ext = ".txt"
	default:
		ext = "" // sniff
	}
	arts, perr := input.Parse(data, id+ext, input.Options{Published: v.Get("published")})
	perr = bodyErrors(perr, id+ext)
	if len(arts) == 0 {
		msg := "no article in body"
		if perr != nil {
			msg = perr.Error()
		}
		writeErr(w, stdhttp.StatusBadRequest, msg)
		return
	}
	if len(arts) > 1000 {
		writeErr(w, stdhttp.StatusRequestEntityTooLarge, "more than 1000 articles in one request")
		return
	}
	var docs []*verbatim.Doc
	deadline := time.Now().Add(s.Budget)
	for _, a := range arts {
		if len(arts) == 1 && ext != ".jsonl" {
			if t := v.Get("title"); t != "" {
				a.Title = t
			}
			if o := v.Get("outlet"); o != "" {
				a.Outlet = o
			}
		}
		var d *verbatim.Doc
		var err error
		if s.Budget > 0 {
			d, err = pipeline.AnalyzeWithin(s.Pipeline, a, max(time.Until(deadline), time.Millisecond))
		} else {
			d, err = s.Pipeline.Analyze(a)
		}
		var ob *pipeline.OverBudgetError
		if errors.As(err, &ob) {
			s.logf("POST /api/articles: %s: %v", a.ID, err)
			writeJSON(w, stdhttp.StatusUnprocessableEntity, map[string]any{
				"error":  fmt.Sprintf("%s: analysis took longer than this server's budget of %v for one request and was abandoned; send fewer or shorter articles, or use verbatim ingest", a.ID, s.Budget),
				"budget": s.Budget.String()})
			return
		}
		if err != nil {
			s.logf("POST /api/articles: %s: %v", a.ID, err)
			writeErr(w, stdhttp.StatusUnprocessableEntity, a.ID+": analysis failed: "+err.Error())
			return
		}
		docs = append(docs, d)
	}
	put := s.Store.Put
	if s.Ingest != nil {
		put = s.Ingest
	}
	outs, err := put(r.Context(), docs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res := make([]Posted, len(docs))
	for i, d := range docs {
		res[i] = Posted{Result: d.Result(), Stored: outs[i].Stored, Duplicate: outs[i].Duplicate}
		res[i].ID = outs[i].ID
		if !input.Verbatim(d.Article) {
			res[i].Text = d.Text
		}
	}
	body := map[string]any{"articles": res}
	if perr != nil {
		body["errors"] = perr.Error()
	}
	code := stdhttp.StatusCreated
	if len(res) == 1 && !res[0].Stored {
		code = stdhttp.StatusOK
	}
	writeJSON(w, code, body)
}
