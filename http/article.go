package http

import (
	"sort"
	"strconv"
	"strings"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
)

// The article page shows the text reflowed: each paragraph the cleaner
// found is one block whose line wraps are spaces (the cleaned text, which
// has the input's offsets), and the noise it removed (mastheads, captions,
// page-break URLs) is kept in place but folded and dimmed, one click from
// view; the original bytes are at /original/{id}. Noise takes precedence
// over every mark: a page-break URL inside a speaker mention ("the U.S.
// <URL> president") is shown as noise, not as part of the speaker.

// segment is a run of article text with the same annotations.
type segment struct {
	Text    string
	Quote   bool
	QuoteID string // anchor at the start of a quote
	Speaker string // link target when inside a speaker mention
	Cue     bool
	Noise   bool // removed by cleaning: folded
	Title   string
}

// block is a paragraph, or a run of noise between paragraphs.
type block struct {
	Noise    bool
	Segments []segment
}

// mark is an annotated span of the text.
type mark struct {
	span    verbatim.Span
	kind    int // 0 quote, 1 speaker, 2 cue, 3 noise
	speaker string
	title   string
}

// marks lists the spans of an article's quotes, speakers and cues (valid
// spans only).
func marks(a *verbatim.StoredArticle) []mark {
	n := len(a.Text)
	valid := func(s, e *int) (verbatim.Span, bool) {
		if s == nil || e == nil || *s < 0 || *e > n || *s >= *e {
			return verbatim.Span{}, false
		}
		return verbatim.Span{Start: *s, End: *e}, true
	}
	var ms []mark
	for _, q := range a.Quotes {
		q := q
		who := "unknown speaker"
		if q.Speaker != nil {
			who = *q.Speaker
		}
		if sp, ok := valid(&q.Start, &q.End); ok {
			kind := ""
			if q.Kind != verbatim.Statement && q.Kind != "" {
				kind = string(q.Kind) + ", "
			}
			ms = append(ms, mark{sp, 0, "", kind + string(q.Type) + " quote — " + who + ", confidence " + strconv.FormatFloat(q.Confidence, 'f', 2, 64)})
		}
		if q.Speaker != nil {
			if sp, ok := valid(q.SpeakerStart, q.SpeakerEnd); ok {
				ms = append(ms, mark{sp, 1, *q.Speaker, *q.Speaker})
			}
		}
		if sp, ok := valid(q.CueStart, q.CueEnd); ok {
			ms = append(ms, mark{sp, 2, "", "cue"})
		}
	}
	return ms
}

// annotate cuts text[from:to] at every mark boundary; html/template
// escapes each segment's text, so article content can never become markup.
// Segments inside noise are noise only.
func annotate(text string, ms []mark, from, to int) []segment {
	cuts := []int{from, to}
	for _, m := range ms {
		if m.span.End > from && m.span.Start < to {
			cuts = append(cuts, max(m.span.Start, from), min(m.span.End, to))
		}
	}
	sort.Ints(cuts)
	var segs []segment
	for i := 0; i+1 < len(cuts); i++ {
		s, e := cuts[i], cuts[i+1]
		if s == e {
			continue
		}
		seg := segment{Text: text[s:e]}
		for _, m := range ms {
			if m.span.Start <= s && e <= m.span.End {
				switch m.kind {
				case 0:
					seg.Quote = true
					seg.Title = m.title
					if m.span.Start == s {
						seg.QuoteID = "q" + strconv.Itoa(s)
					}
				case 1:
					seg.Speaker = m.speaker
				case 2:
					seg.Cue = true
				case 3:
					seg.Noise = true
				}
			}
		}
		if seg.Noise { // removed text is never a quote, a speaker or a cue
			id := seg.QuoteID
			seg = segment{Text: seg.Text, Noise: true, QuoteID: id}
		}
		// merge with the previous segment when they look the same
		if len(segs) > 0 && seg.QuoteID == "" {
			p := &segs[len(segs)-1]
			if q := *p; q.Quote == seg.Quote && q.Speaker == seg.Speaker && q.Cue == seg.Cue && q.Noise == seg.Noise && q.Title == seg.Title {
				p.Text += seg.Text
				continue
			}
		}
		segs = append(segs, seg)
	}
	return segs
}

// layout cuts a stored article into blocks: its paragraphs, reflowed, and
// the noise between them. The cleaner runs again on the stored text (it is
// deterministic and costs microseconds), which gives the noise and
// paragraphs of the analysis without storing them.
func layout(a *verbatim.StoredArticle) (blocks []block, noise int) {
	d := verbatim.NewDoc(verbatim.Article{Text: a.Text})
	clean.Process(d)
	ms := marks(a)
	for _, n := range d.Noise {
		ms = append(ms, mark{span: n, kind: 3})
	}
	// the text shown: cleaned (wraps made spaces) where it is not noise,
	// the original where it is
	shown := []byte(d.Clean)
	for _, n := range d.Noise {
		copy(shown[n.Start:n.End], a.Text[n.Start:n.End])
	}
	text := string(shown)
	at := 0
	noiseBlock := func(from, to int) {
		for _, n := range d.Noise {
			if n.Start >= from && n.End <= to {
				blocks = append(blocks, block{Noise: true, Segments: annotate(text, ms, n.Start, n.End)})
			}
		}
	}
	for _, p := range d.Paragraphs {
		if p.Start < at || p.End > len(text) {
			continue
		}
		noiseBlock(at, p.Start)
		blocks = append(blocks, block{Segments: annotate(text, ms, p.Start, p.End)})
		at = p.End
	}
	noiseBlock(at, len(text))
	if len(d.Paragraphs) == 0 && strings.TrimSpace(a.Text) != "" && len(blocks) == 0 {
		blocks = append(blocks, block{Segments: annotate(text, ms, 0, len(text))})
	}
	return blocks, len(d.Noise)
}

// named is an entity of an article with how often it is mentioned and
// quoted.
type named struct {
	Name     string
	Roles    []string
	Mentions int
	Quotes   int
}

// dateRef is a date expression of an article and its value.
type dateRef struct {
	Text, Value string
	Start       int
}

// people sorts an article's entities of the given types by mentions.
func entitiesOf(a *verbatim.StoredArticle, quoted map[string]int, types ...verbatim.EntityType) []named {
	var out []named
	seen := map[string]int{}
	for _, e := range a.Entities {
		ok := false
		for _, t := range types {
			ok = ok || e.Type == t
		}
		if !ok {
			continue
		}
		if i, dup := seen[e.Name]; dup {
			out[i].Mentions += len(e.Mentions)
			continue
		}
		seen[e.Name] = len(out)
		out = append(out, named{Name: e.Name, Roles: e.Roles, Mentions: len(e.Mentions), Quotes: quoted[e.Name]})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Quotes != out[j].Quotes {
			return out[i].Quotes > out[j].Quotes
		}
		return out[i].Mentions > out[j].Mentions
	})
	return out
}
