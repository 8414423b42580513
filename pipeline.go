package verbatim

import (
	"fmt"
	"runtime/debug"
	"time"
)

// Stage is one step of the analysis: a pure function over a document that
// reads earlier layers and adds its own. Stages must never panic; the
// pipeline recovers if one does and reports it as the document's error.
type Stage interface {
	Name() string
	Process(d *Doc)
}

// StageFunc adapts a function to a Stage.
type StageFunc struct {
	N string
	F func(*Doc)
}

func (s StageFunc) Name() string   { return s.N }
func (s StageFunc) Process(d *Doc) { s.F(d) }

// Pipeline runs stages in order over one article at a time. It holds no
// per-article state and is safe for concurrent use.
type Pipeline struct {
	Stages []Stage
	// Timings, when non-nil, receives the time each stage took (for bench).
	Timings func(stage int, d time.Duration)
}

// NewPipeline returns a pipeline of the given stages.
func NewPipeline(stages ...Stage) *Pipeline { return &Pipeline{Stages: stages} }

// PanicError is a panic recovered inside a stage.
type PanicError struct {
	Stage string
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic in stage %s: %v", e.Stage, e.Value) }

// NewDoc prepares a document for analysis: it parses the reference date.
func NewDoc(a Article) *Doc {
	d := &Doc{Article: a}
	if a.Published != "" {
		if t, err := ParseDate(a.Published); err == nil {
			d.Ref = t
			d.Published = t.Format("2006-01-02")
		}
	}
	return d
}

// Analyze runs every stage over the article. A panic in a stage is recovered
// and returned as a *PanicError; the partial document is returned with it.
func (p *Pipeline) Analyze(a Article) (d *Doc, err error) {
	d = NewDoc(a)
	cur := ""
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Stage: cur, Value: r, Stack: debug.Stack()}
		}
	}()
	for i, s := range p.Stages {
		cur = s.Name()
		if p.Timings != nil {
			t0 := time.Now()
			s.Process(d)
			p.Timings(i, time.Since(t0))
		} else {
			s.Process(d)
		}
	}
	return d, nil
}

// ParseDate reads a publication date in the common forms: 2025-02-03,
// 2025-02-03T10:00:00Z (or any time after the day: "2025-02-03 10:00:00+01"),
// RFC 1123 (feeds), 20250203. A day that does not exist (2025-02-30) is an
// error.
func ParseDate(s string) (time.Time, error) {
	layouts := []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05",
		time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
		"20060102", "January 2, 2006", "2 January 2006", "Jan 2, 2006"}
	if len(s) > 10 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == ' ') {
		s2 := s[:10]
		if t, err := time.Parse("2006-01-02", s2); err == nil {
			return t, nil
		}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q", s)
}
