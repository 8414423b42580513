// Package verbatim is a news-intelligence engine: it finds who said what, to
// whom, when, and where it was reported.
//
// The root package holds the domain: the Article a user gives us, the Doc
// that flows through the analysis pipeline (each stage adds layers to it, like
// a spaCy document), the spans every stage produces, and the Result printed
// by `verbatim extract`. Stages live in their own packages (clean, text,
// names, quotes, dates); package pipeline assembles them. Package coref
// resolves a source mention to its entity (the quotes stage calls it for
// every speaker).
//
// Offsets are sacred: every Span is a pair of byte offsets into Doc.Text,
// which is the input exactly as given (for HTML, the extracted text, which the
// output carries). Cleaning never moves a byte: Doc.Clean has the same length
// as Doc.Text, with noise blanked and hard line wraps turned into spaces, so
// an offset into one is an offset into the other.
package verbatim

import (
	"strings"
	"time"
)

// Article is one input record, as read from a file, a JSON Lines record, a
// feed item or an HTTP request.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Author    string `json:"author,omitempty"`
	Published string `json:"published,omitempty"` // ISO date (YYYY-MM-DD) when known
	Text      string `json:"text"`                // the text the offsets point into
	Source    string `json:"-"`                   // where it came from: path, path:line, URL
	Format    string `json:"-"`                   // txt, jsonl, html, rss, pdf, ...
}

// Span is a half-open byte range [Start, End) into Doc.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Empty reports whether the span covers nothing.
func (s Span) Empty() bool { return s.End <= s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether the two spans share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Token is a word or punctuation mark of the cleaned text.
type Token struct {
	Span
	Kind TokenKind
}

// TokenKind is the coarse shape of a token.
type TokenKind uint8

const (
	Word   TokenKind = iota // letters, possibly with digits, apostrophes, inner hyphens or dots (U.S.)
	Number                  // digits, possibly with , . : separators
	Punct                   // anything else, one rune at a time (quotes, dashes, brackets)
)

// Sentence is a span of the cleaned text with the range of its tokens
// (Doc.Tokens[First:Last]).
type Sentence struct {
	Span
	First, Last int
	Para        int // index into Doc.Paragraphs
}

// EntityType is the kind of thing a name refers to.
type EntityType string

const (
	Person       EntityType = "person"
	Organization EntityType = "organization"
	Place        EntityType = "place"
	Group        EntityType = "group" // nationalities, religious and political groups (NORP)
	Misc         EntityType = "misc"
)

// MentionKind says how a mention refers to its entity.
type MentionKind uint8

const (
	NameMention       MentionKind = iota // "Keith Kellogg", "Kellog", "Trump"
	PronounMention                       // "he", "she", "they"
	DescriptorMention                    // "the U.S. president", "the US leader"
)

// Mention is one place where an entity is referred to.
type Mention struct {
	Span
	Text   string      `json:"text"`
	Type   EntityType  `json:"-"`
	Kind   MentionKind `json:"-"`
	Entity int         `json:"-"` // index into Doc.Entities, -1 when unresolved
	Role   string      `json:"-"` // role words written with the name: "U.S. President"
}

// Entity is a person, organisation or place, with all its mentions in one
// article and the roles the article gives it.
type Entity struct {
	Name     string     // canonical: the fullest form of the name
	Type     EntityType //
	Gender   byte       // 'm', 'f' or 0 when unknown (persons)
	Roles    []string   // "U.S. President", "Ukraine envoy"
	Mentions []int      // indexes into Doc.Mentions, in text order
}

// QuoteType distinguishes direct quotes, reported speech and their mixture.
type QuoteType string

const (
	Direct   QuoteType = "direct"
	Indirect QuoteType = "indirect"
	Mixed    QuoteType = "mixed"
)

// QuoteKind says what an attribution reports: a statement (something said,
// written, announced or shown in a document) or a state of mind or act that
// is attributed without a speech act.
type QuoteKind string

const (
	Statement  QuoteKind = "statement"  // said, wrote, announced, "according to", a report's findings
	Belief     QuoteKind = "belief"     // believes, thinks, expects, fears, "is expected to"
	Intention  QuoteKind = "intention"  // wants, plans, hopes, intends, aims, seeks
	Perception QuoteKind = "perception" // saw, sees, looks, seems, noticed
	OtherKind  QuoteKind = "other"      // an act or a bare noun-phrase object: "backed the nominee", "denied the allegations"
)

// QuoteKinds lists the kinds, statements first.
var QuoteKinds = []QuoteKind{Statement, Belief, Intention, Perception, OtherKind}

// ParseQuoteKind returns the kind named s, and whether there is one.
func ParseQuoteKind(s string) (QuoteKind, bool) {
	for _, k := range QuoteKinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// Quote is one attribution: its content, who said (or believes, wants, saw)
// it, how, to whom, and through whom it reached the outlet.
type Quote struct {
	Span                 // the content, as in the input
	Type       QuoteType //
	Kind       QuoteKind // statement unless the quotes stage found a state of mind or an act
	Speaker    int       // index into Doc.Entities, -1 when unknown
	SpeakerAt  Span      // the speaker mention ("he", "the U.S. president"); empty when none
	Cue        Span      // the cue ("said", "told", "according to"); empty when none
	Addressee  Span      // "reporters", "Fox News"; empty when none
	Via        Span      // the relay ("Reuters" in "Reuters cited Trump as saying"); empty when none
	Confidence float64   //
	SaidOn     string    // ISO date (or month, year) the statement was made: the date that is the time of the cue, else the publication date; "" when undated
	SaidOnAt   Span      // the date expression used for SaidOn, if any
	// Parts are the quoted segments when the content runs across its own
	// attribution ("“A,” X said. “B.”": Span covers both parts and the
	// attribution between them, as news-attribution corpora annotate one
	// content); nil when the content is one piece.
	Parts []Span
}

// Quoted returns the words of the quote without the attribution inside it:
// its parts joined by " … ", or its whole span.
func (d *Doc) Quoted(q *Quote) string {
	if len(q.Parts) < 2 {
		return d.Word(q.Span)
	}
	var b strings.Builder
	for i, p := range q.Parts {
		if i > 0 {
			b.WriteString(" … ")
		}
		b.WriteString(d.Word(p))
	}
	return b.String()
}

// Date is a date expression with its TimeML value ("2025-02-02", "2025-01",
// "2025-W11", "2024", "PAST_REF"; "XXXX-XX-XX" when it cannot be resolved).
type Date struct {
	Span
	Value string
}

// Doc is the document that flows through the pipeline. Each stage reads the
// layers of the stages before it and adds its own.
type Doc struct {
	Article
	Ref        time.Time // the reference date (publication), zero when unknown
	Clean      string    // same length as Text: noise blanked, line wraps made spaces
	Noise      []Span    // lines removed by cleaning (mastheads, captions, URLs...)
	Paragraphs []Span
	Sentences  []Sentence
	Tokens     []Token
	Mentions   []Mention
	Entities   []Entity
	Quotes     []Quote
	Dates      []Date
}

// Slice returns the original text of a span ("" for an empty or invalid span).
func (d *Doc) Slice(s Span) string {
	if s.Start < 0 || s.End > len(d.Text) || s.End <= s.Start {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// Word returns the cleaned text of a span: as Slice but with line breaks and
// blanked noise collapsed to single spaces, for display ("the U.S. president"
// across a page break).
func (d *Doc) Word(s Span) string {
	if s.Start < 0 || s.End > len(d.Clean) || s.End <= s.Start {
		return ""
	}
	return collapseSpaces(d.Clean[s.Start:s.End])
}

func collapseSpaces(s string) string {
	need := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > ' ' {
			continue // (every byte tested below is a space or a control)
		}
		if c == '\n' || c == '\r' || c == '\t' || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
	}
	return string(b)
}
