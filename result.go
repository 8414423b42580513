package verbatim

// Result is what `verbatim extract --format jsonl` prints for one article:
// the output contract of ../shared/README.md.
type Result struct {
	ID        string      `json:"id"`
	Title     string      `json:"title,omitempty"`
	Outlet    string      `json:"outlet,omitempty"`
	URL       string      `json:"url,omitempty"`
	Published string      `json:"published,omitempty"`
	Text      string      `json:"text,omitempty"` // only when the offsets point into text the user did not give verbatim (HTML, PDF, decoded charsets)
	Quotes    []QuoteOut  `json:"quotes"`
	Entities  []EntityOut `json:"entities"`
	Dates     []DateOut   `json:"dates"`
}

// QuoteOut is one quote of the output contract.
type QuoteOut struct {
	Text           string    `json:"text"`
	Start          int       `json:"start"`
	End            int       `json:"end"`
	Type           QuoteType `json:"type"`
	Kind           QuoteKind `json:"kind"`
	Speaker        *string   `json:"speaker"`
	SpeakerMention string    `json:"speaker_mention,omitempty"`
	SpeakerStart   *int      `json:"speaker_start,omitempty"`
	SpeakerEnd     *int      `json:"speaker_end,omitempty"`
	SpeakerType    string    `json:"speaker_type,omitempty"`
	Cue            string    `json:"cue,omitempty"`
	CueStart       *int      `json:"cue_start,omitempty"`
	CueEnd         *int      `json:"cue_end,omitempty"`
	Addressee      string    `json:"addressee,omitempty"`
	Via            string    `json:"via,omitempty"`
	Confidence     float64   `json:"confidence"`
	SaidOn         Day       `json:"said_on"`         // null when undated
	Parts          []SpanOut `json:"parts,omitempty"` // the quoted segments when the attribution stands inside the content
}

// EntityOut is one entity of the output contract.
type EntityOut struct {
	Name     string       `json:"name"`
	Type     EntityType   `json:"type"`
	Roles    []string     `json:"roles,omitempty"`
	Mentions []MentionOut `json:"mentions"`
}

// SpanOut is a span of the input with its text.
type SpanOut struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// MentionOut is one mention of an entity in the output contract.
type MentionOut = SpanOut

// DateOut is one date expression of the output contract.
type DateOut struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Value string `json:"value"`
}

// Result builds the output record of an analysed document. Its slices are
// allocated once each, at their final size.
func (d *Doc) Result() Result {
	var b ResultBuffer
	return *d.ResultIn(&b)
}

// ResultBuffer holds an output record and the values it points to, for
// building one record after another without allocating them again
// (Doc.ResultIn).
type ResultBuffer struct {
	r        Result
	ints     []int
	speakers []string
	mentions []MentionOut
}

// ResultIn is Result built in b, reusing the slices of the record it last
// built there: that record is overwritten (its output must have been
// written).
func (d *Doc) ResultIn(b *ResultBuffer) *Result {
	b.r = Result{ID: d.ID, Title: d.Title, Outlet: d.Outlet, URL: d.URL, Published: d.Published,
		Quotes: reuse(b.r.Quotes, len(d.Quotes)), Entities: reuse(b.r.Entities, len(d.Entities)),
		Dates: reuse(b.r.Dates, len(d.Dates))}
	r := &b.r
	// The pointed-to values of the quotes: one backing array each.
	ints := reuse(b.ints, 4*len(d.Quotes))
	speakers := reuse(b.speakers, len(d.Quotes))
	intp := func(i int) *int {
		ints = append(ints, i)
		return &ints[len(ints)-1]
	}
	for _, q := range d.Quotes {
		kind := q.Kind
		if kind == "" {
			kind = Statement
		}
		o := QuoteOut{Text: d.Slice(q.Span), Start: q.Start, End: q.End, Type: q.Type, Kind: kind,
			Confidence: q.Confidence, SaidOn: Day(q.SaidOn)}
		if q.Speaker >= 0 && q.Speaker < len(d.Entities) {
			speakers = append(speakers, d.Entities[q.Speaker].Name)
			o.Speaker = &speakers[len(speakers)-1]
			o.SpeakerType = string(d.Entities[q.Speaker].Type)
		}
		if !q.SpeakerAt.Empty() {
			o.SpeakerMention = d.Word(q.SpeakerAt)
			o.SpeakerStart, o.SpeakerEnd = intp(q.SpeakerAt.Start), intp(q.SpeakerAt.End)
		}
		if !q.Cue.Empty() {
			o.Cue = d.Word(q.Cue)
			o.CueStart, o.CueEnd = intp(q.Cue.Start), intp(q.Cue.End)
		}
		o.Addressee = d.Word(q.Addressee)
		o.Via = d.Word(q.Via)
		if len(q.Parts) > 1 {
			o.Parts = make([]SpanOut, len(q.Parts))
			for i, p := range q.Parts {
				o.Parts[i] = SpanOut{Text: d.Slice(p), Start: p.Start, End: p.End}
			}
		}
		r.Quotes = append(r.Quotes, o)
	}
	b.ints, b.speakers = ints, speakers
	n := 0
	for _, e := range d.Entities {
		n += len(e.Mentions)
	}
	mentions := reuse(b.mentions, n)
	b.mentions = mentions
	for _, e := range d.Entities {
		first := len(mentions)
		for _, mi := range e.Mentions {
			m := &d.Mentions[mi]
			txt := d.Word(m.Span)
			if txt == "" {
				txt = m.Text // a name in a line blanked as noise (photo credit)
			}
			mentions = append(mentions, MentionOut{Text: txt, Start: m.Start, End: m.End})
		}
		r.Entities = append(r.Entities, EntityOut{Name: e.Name, Type: e.Type, Roles: e.Roles,
			Mentions: mentions[first:len(mentions):len(mentions)]})
	}
	for _, dt := range d.Dates {
		r.Dates = append(r.Dates, DateOut{Text: d.Word(dt.Span), Start: dt.Start, End: dt.End, Value: dt.Value})
	}
	return r
}

// reuse returns s emptied when it can hold n elements, else a new slice of
// capacity n (never nil: an empty list is written [], not null).
func reuse[T any](s []T, n int) []T {
	if s == nil || cap(s) < n {
		return make([]T, 0, n)
	}
	clear(s[:cap(s)]) // nothing of the last record stays reachable
	return s[:0]
}

// OnlyStatements drops the quotes of r that are not statements (beliefs,
// intentions, perceptions, acts): what `verbatim extract` prints by default.
func (r *Result) OnlyStatements() {
	out := r.Quotes[:0]
	for _, q := range r.Quotes {
		if q.Kind == Statement || q.Kind == "" {
			out = append(out, q)
		}
	}
	clear(r.Quotes[len(out):])
	r.Quotes = out
}
