package verbatim

import (
	"fmt"
	"math"
	"strconv"

	"github.com/verbatim-news/verbatim/internal/jsonstr"
)

// AppendJSON appends r as one line of JSON (without the newline), byte for
// byte what encoding/json's Encoder writes with SetEscapeHTML(false), without
// reflection or intermediate buffers. It fails only on a non-finite
// confidence, which JSON cannot represent (as encoding/json does).
func (r *Result) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"id":`...)
	b = jsonstr.Append(b, r.ID)
	b = appendField(b, `,"title":`, r.Title)
	b = appendField(b, `,"outlet":`, r.Outlet)
	b = appendField(b, `,"url":`, r.URL)
	b = appendField(b, `,"published":`, r.Published)
	b = appendField(b, `,"text":`, r.Text)
	b = append(b, `,"quotes":`...)
	if r.Quotes == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Quotes {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = r.Quotes[i].appendJSON(b); err != nil {
				return b, err
			}
		}
		b = append(b, ']')
	}
	b = append(b, `,"entities":`...)
	if r.Entities == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Entities {
			if i > 0 {
				b = append(b, ',')
			}
			b = r.Entities[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"dates":`...)
	if r.Dates == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, d := range r.Dates {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"text":`...)
			b = jsonstr.Append(b, d.Text)
			b = appendInts(b, `,"start":`, d.Start, `,"end":`, d.End)
			b = append(b, `,"value":`...)
			b = jsonstr.Append(b, d.Value)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}'), nil
}

func (q *QuoteOut) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"text":`...)
	b = jsonstr.Append(b, q.Text)
	b = appendInts(b, `,"start":`, q.Start, `,"end":`, q.End)
	b = append(b, `,"type":`...)
	b = jsonstr.Append(b, string(q.Type))
	b = append(b, `,"kind":`...)
	b = jsonstr.Append(b, string(q.Kind))
	b = append(b, `,"speaker":`...)
	if q.Speaker == nil {
		b = append(b, "null"...)
	} else {
		b = jsonstr.Append(b, *q.Speaker)
	}
	b = appendField(b, `,"speaker_mention":`, q.SpeakerMention)
	b = appendIntp(b, `,"speaker_start":`, q.SpeakerStart)
	b = appendIntp(b, `,"speaker_end":`, q.SpeakerEnd)
	b = appendField(b, `,"speaker_type":`, q.SpeakerType)
	b = appendField(b, `,"cue":`, q.Cue)
	b = appendIntp(b, `,"cue_start":`, q.CueStart)
	b = appendIntp(b, `,"cue_end":`, q.CueEnd)
	b = appendField(b, `,"addressee":`, q.Addressee)
	b = appendField(b, `,"via":`, q.Via)
	b = append(b, `,"confidence":`...)
	var err error
	if b, err = appendFloat(b, q.Confidence); err != nil {
		return b, err
	}
	b = append(b, `,"said_on":`...)
	if q.SaidOn == "" {
		b = append(b, "null"...)
	} else {
		b = jsonstr.Append(b, string(q.SaidOn))
	}
	if len(q.Parts) > 0 {
		b = append(b, `,"parts":`...)
		b = appendSpans(b, q.Parts)
	}
	return append(b, '}'), nil
}

func (e *EntityOut) appendJSON(b []byte) []byte {
	b = append(b, `{"name":`...)
	b = jsonstr.Append(b, e.Name)
	b = append(b, `,"type":`...)
	b = jsonstr.Append(b, string(e.Type))
	if len(e.Roles) > 0 {
		b = append(b, `,"roles":[`...)
		for i, r := range e.Roles {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonstr.Append(b, r)
		}
		b = append(b, ']')
	}
	b = append(b, `,"mentions":`...)
	if e.Mentions == nil {
		return append(b, "null}"...)
	}
	return append(appendSpans(b, e.Mentions), '}')
}

// appendSpans appends a JSON array of spans with their text.
func appendSpans(b []byte, spans []SpanOut) []byte {
	b = append(b, '[')
	for i, m := range spans {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"text":`...)
		b = jsonstr.Append(b, m.Text)
		b = appendInts(b, `,"start":`, m.Start, `,"end":`, m.End)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendField appends an omitempty string field: key then value, or nothing.
func appendField(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	return jsonstr.Append(append(b, key...), v)
}

func appendInts(b []byte, k1 string, v1 int, k2 string, v2 int) []byte {
	b = strconv.AppendInt(append(b, k1...), int64(v1), 10)
	return strconv.AppendInt(append(b, k2...), int64(v2), 10)
}

// appendIntp appends an omitempty *int field.
func appendIntp(b []byte, key string, v *int) []byte {
	if v == nil {
		return b
	}
	return strconv.AppendInt(append(b, key...), int64(*v), 10)
}

// appendFloat formats f as encoding/json does (ES6 number conversion).
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 -> e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}
