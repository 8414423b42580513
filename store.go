package verbatim

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Store is the library of record: analysed documents kept for search. The
// sqlite package implements it; callers (ingest, search, serve) use only this
// interface so another engine can be added without touching them.
type Store interface {
	// Put stores analysed documents in one batch. A document whose content
	// hash (ContentHash of its text) is already stored is skipped; the
	// result says, per document, whether it was stored.
	Put(ctx context.Context, docs []*Doc) ([]PutOutcome, error)
	// Has reports whether an article with this content hash is stored.
	Has(ctx context.Context, hash string) (bool, error)
	// Quotes searches quotes: one page (QuoteQuery.Check(false)). A
	// malformed query gives a *QueryError.
	Quotes(ctx context.Context, q QuoteQuery) (QuoteResults, error)
	// EachQuote calls fn with every quote q matches, in q's order, from
	// q.Offset on and up to q.Limit when it is positive, without a cap:
	// exports stream through it. An error from fn stops it and is returned.
	EachQuote(ctx context.Context, q QuoteQuery, fn func(*QuoteHit) error) error
	// Articles searches article titles and text: one page. A malformed
	// query gives a *QueryError.
	Articles(ctx context.Context, q ArticleQuery) (ArticleResults, error)
	// EachArticle is EachQuote for articles.
	EachArticle(ctx context.Context, q ArticleQuery, fn func(*ArticleHit) error) error
	// Speakers lists the speakers quoted in statements, most quoted first:
	// one row per speaker identity (see SpeakerSummary.ID), whose counts are
	// those of its page (Speaker) and of a search by it (QuoteQuery.Speaker).
	Speakers(ctx context.Context, q SpeakerQuery) ([]SpeakerSummary, error)
	// Speaker returns everything one speaker said (statements), with
	// roles, outlets and statements per month. name is a speaker id
	// (SpeakerSummary.ID) or a name as a reader writes it (see
	// QuoteQuery.Speaker). ErrNotFound when nobody matches, an
	// *AmbiguousError listing the candidates when several speakers do.
	Speaker(ctx context.Context, name string) (*SpeakerDetail, error)
	// Article returns a stored article with all its spans. ErrNotFound when unknown.
	Article(ctx context.Context, id string) (*StoredArticle, error)
	// Stories lists stories a page at a time, latest first (or largest
	// first), selected by the words of their articles or by topic; empty
	// until story detection fills them. A malformed full-text query gives a
	// *QueryError.
	Stories(ctx context.Context, q StoryQuery) (StoryResults, error)
	// Story returns one story: its summary (people, outlets, span of
	// dates), a page of its articles and a page of its statements, each
	// statement once however many outlets reported it. ErrNotFound when
	// unknown.
	Story(ctx context.Context, id string, p StoryPage) (*StoryDetail, error)
	// Topics lists topics (groups of stories of one kind), largest first,
	// a page at a time.
	Topics(ctx context.Context, q TopicQuery) (TopicResults, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (StoreStats, error)
	Close() error
}

// ErrNotFound is returned for unknown ids and names.
var ErrNotFound = errors.New("not found")

// AmbiguousError is a speaker name that several speakers answer to ("Blair":
// Tony, Cherie and Ian Blair): the caller should pick one of the
// candidates, most quoted first, by its ID.
type AmbiguousError struct {
	Name       string
	Candidates []SpeakerSummary
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q could be %d speakers: ", e.Name, len(e.Candidates))
	for i, c := range e.Candidates {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 8 {
			fmt.Fprintf(&b, "and %d more", len(e.Candidates)-i)
			break
		}
		fmt.Fprintf(&b, "%s (%s, %d statements)", c.Name, c.ID, c.Quotes)
	}
	b.WriteString("; give the full name or the id")
	return b.String()
}

// QueryError is a malformed search query (full-text syntax, bad date): the
// user's mistake, answered with HTTP 400.
type QueryError struct{ Msg string }

func (e *QueryError) Error() string { return "bad query: " + e.Msg }

// PutOutcome tells what Put did with one document.
type PutOutcome struct {
	ID        string // the stored article id (may differ from Doc.ID when ids collide)
	Stored    bool   // false: duplicate content, skipped
	Duplicate string // when skipped: id of the article already stored with the same content
}

// QuoteQuery selects quotes. Since/Until are ISO dates (inclusive) on the
// day the statement was made (said_on, else the publication date).
type QuoteQuery struct {
	Text string // full-text query (SearchSyntax: words, "phrases", OR, NOT, prefix*)
	// Speaker is one speaker: an id (SpeakerSummary.ID) or a name as a reader
	// writes it — any name form the speaker was written with, the full name,
	// the surname, with or without an honorific or title ("Mr Blair",
	// "President Trump"). It selects the quotes the speaker's page lists
	// (Store.Speaker). A name several speakers answer to gives an
	// *AmbiguousError listing them.
	Speaker string
	// SpeakerType keeps quotes whose speaker is of this type (Person,
	// Organization, ...); empty: any.
	SpeakerType EntityType
	Outlet      string // part of the outlet's name, case and accents ignored ("moscow times" finds "The Moscow Times")
	Article     string // article id
	Story       string // story id
	Type        string // direct, indirect or mixed; several separated by commas; empty: all
	Since       string
	Until       string
	// Kinds are the kinds of attribution wanted; nil: statements only.
	Kinds []QuoteKind
	// MinConfidence keeps quotes whose confidence is at least this (0: all).
	MinConfidence float64
	// NamedOnly keeps quotes attributed to a named source (a person or an
	// organisation the article names), not to "analysts" or no one.
	NamedOnly bool
	Sort      string // SortRelevance, SortNewest, SortOldest or SortAdded; empty: relevance with Text, else newest
	Limit     int    // a page: default 20, at most MaxPage; an export (EachQuote): 0 for all
	Offset    int
	// Cursor continues a listing after the page that gave it (its Next):
	// the page is read from the index where the last one stopped, however
	// deep (Offset is then ignored).
	Cursor string
}

// Result orders.
const (
	SortRelevance = "relevance" // best match first (full-text rank: bm25), then newest; without a text query: newest
	SortNewest    = "newest"    // latest day first (said_on, else publication date), undated last
	SortOldest    = "oldest"    // earliest day first, undated last
	SortAdded     = "added"     // most recently stored first
)

// SortLabel says an order for a reader: "best match first", "newest
// first", "oldest first", "most recently stored first".
func SortLabel(sort string) string {
	switch sort {
	case SortRelevance:
		return "best match first"
	case SortOldest:
		return "oldest first"
	case SortAdded:
		return "most recently stored first"
	}
	return "newest first"
}

// MaxPage is the most results one page of a search holds. Exports
// (EachQuote, EachArticle; format=csv|jsonl) have no cap.
const MaxPage = 1000

// SearchSyntax says what a full-text query may hold, for error messages and
// help.
const SearchSyntax = `words (all must match), "a phrase", prefix* (tax* finds taxes), OR, NOT, AND, (parentheses), ` +
	`NEAR(a b, 5); case and accents are ignored, and a word with punctuation inside (U.S., co-operate) is searched as a phrase`

// Check validates a query the same way for every caller (CLI, API, UI):
// a page (export false) takes a limit of 0 (the default, 20) to MaxPage,
// an export any limit from 0 (everything); offsets are 0 or more; since
// must not come after until. Problems are a *QueryError naming the field.
func (q QuoteQuery) Check(export bool) error {
	if err := checkPage(q.Limit, q.Offset, export); err != nil {
		return err
	}
	if err := checkSort(q.Sort); err != nil {
		return err
	}
	for _, t := range strings.Split(q.Type, ",") {
		switch QuoteType(strings.TrimSpace(t)) {
		case "", Direct, Indirect, Mixed:
		default:
			return &QueryError{Msg: fmt.Sprintf("type: %q is not a quote type (direct, indirect or mixed)", strings.TrimSpace(t))}
		}
	}
	return nil
}

// Check validates an article query as QuoteQuery.Check does.
func (q ArticleQuery) Check(export bool) error {
	if err := checkPage(q.Limit, q.Offset, export); err != nil {
		return err
	}
	return checkSort(q.Sort)
}

// Check validates a story listing's page as QuoteQuery.Check does a
// page's; its sort is checked by the store (recent or size).
func (q StoryQuery) Check() error { return checkPage(q.Limit, q.Offset, false) }

// Check validates a page of topics as StoryQuery.Check does.
func (q TopicQuery) Check() error { return checkPage(q.Limit, q.Offset, false) }

func checkPage(limit, offset int, export bool) error {
	switch {
	case limit < 0 && export:
		return &QueryError{Msg: "limit: must be 0 (everything) or more"}
	case limit < 0:
		return &QueryError{Msg: fmt.Sprintf("limit: must be from 1 to %d (0: the default, 20)", MaxPage)}
	case limit > MaxPage && !export:
		return &QueryError{Msg: fmt.Sprintf("limit: at most %d per page; export every result with format csv or jsonl", MaxPage)}
	case offset < 0:
		return &QueryError{Msg: "offset: must be 0 or more"}
	}
	return nil
}

func checkSort(s string) error {
	switch s {
	case "", SortRelevance, SortNewest, SortOldest, SortAdded:
		return nil
	}
	return &QueryError{Msg: fmt.Sprintf("sort: %q is not an order (relevance, newest, oldest or added)", s)}
}

// ParseKinds reads a kind filter as users write it: "" (statements only:
// nil), "all", or kinds separated by commas ("belief,intention"). An
// unknown kind is a *QueryError.
func ParseKinds(s string) ([]QuoteKind, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "":
		return nil, nil
	case "all":
		return QuoteKinds, nil
	}
	var out []QuoteKind
	for _, f := range strings.Split(s, ",") {
		k, ok := ParseQuoteKind(strings.ToLower(strings.TrimSpace(f)))
		if !ok {
			return nil, &QueryError{Msg: fmt.Sprintf("kind %q: use statement, belief, intention, perception, other, or all", strings.TrimSpace(f))}
		}
		out = append(out, k)
	}
	return out, nil
}

// QuoteHit is one quote found, with its article.
type QuoteHit struct {
	ID        int64     `json:"id"`
	Text      string    `json:"text"`
	Type      QuoteType `json:"type"`
	Speaker   string    `json:"speaker"`
	Cue       string    `json:"cue"`
	Addressee string    `json:"addressee"`
	Via       string    `json:"via"`
	// Confidence is the probability that the attribution is real (the
	// verifier's; calibrated on PolNeAR dev).
	Confidence float64   `json:"confidence"`
	ArticleID  string    `json:"article_id"`
	Title      string    `json:"title"`
	Outlet     string    `json:"outlet"`
	URL        string    `json:"url,omitempty"`
	Published  Day       `json:"published"` // null when undated
	SaidOn     Day       `json:"said_on"`   // null when undated
	Start      int       `json:"start"`     // byte offsets of the quote in the article text
	End        int       `json:"end"`
	Mention    string    `json:"speaker_mention,omitempty"`
	Kind       QuoteKind `json:"kind"`
	Story      string    `json:"story,omitempty"` // the story the article belongs to
	// Highlights are the words of a text query found in Text, as byte
	// ranges of Text (pages only; exports leave them out).
	Highlights []Span `json:"highlights,omitempty"`
}

// Day is the day a statement is dated by: said_on, else the publication
// date ("" when neither is known).
func (h *QuoteHit) Day() Day {
	if h.SaidOn != "" {
		return h.SaidOn
	}
	return h.Published
}

// QuoteResults is a page of quotes and the total number matching.
type QuoteResults struct {
	Quotes []QuoteHit `json:"quotes"`
	Total  int        `json:"total"`
	Sort   string     `json:"sort"` // the order they come in (relevance, newest, oldest, added)
	Count
}

// Count says how a page's total was counted. Where an exact count would
// read every match (a common word over a large library), the total is an
// estimate (Approximate, and TotalEstimate holds it too: "about 12,400").
// Next is the cursor of the following page ("" on the last one).
type Count struct {
	Approximate   bool   `json:"approximate,omitempty"`
	TotalEstimate int    `json:"total_estimate,omitempty"`
	Next          string `json:"next,omitempty"`
	// RankedWithin, when set, says a page by relevance ranks the newest
	// RankedWithin matches, not all (a common word over a large library).
	RankedWithin int `json:"ranked_within,omitempty"`
}

// ArticleQuery selects articles. Since/Until are ISO dates (inclusive) on
// the publication date.
type ArticleQuery struct {
	Text   string // full-text query over title and text (SearchSyntax; title:word searches titles only)
	Outlet string // part of the outlet's name, as in QuoteQuery
	Since  string
	Until  string
	Sort   string // as in QuoteQuery (newest and oldest by publication date); empty: relevance with Text, else newest
	Limit  int    // as in QuoteQuery
	Offset int
	Cursor string // as in QuoteQuery
}

// ArticleHit is one article found.
type ArticleHit struct {
	ArticleRef
	URL        string `json:"url,omitempty"`
	Quotes     int    `json:"quotes"`                // quotes found in it
	Story      string `json:"story,omitempty"`       // the story it belongs to
	StoryTitle string `json:"story_title,omitempty"` //
	// Snippet is a passage of the text around the words of the query (the
	// opening of the text without one), "…" marking cuts; Highlights are
	// the words of the query in it, as byte ranges of Snippet. Pages only.
	Snippet    string `json:"snippet,omitempty"`
	Highlights []Span `json:"highlights,omitempty"`
}

// ArticleResults is a page of articles and the total number matching.
type ArticleResults struct {
	Articles []ArticleHit `json:"articles"`
	Total    int          `json:"total"`
	Sort     string       `json:"sort"` // the order they come in
	Count
}

// SpeakerQuery selects speakers.
type SpeakerQuery struct {
	Text  string     // the start of any word of any name form ("blai" finds Tony Blair); empty: all
	Type  EntityType // Person, Organization, ...; empty: any
	Limit int        // default 100, max 1000
}

// ParseSpeakerType reads a speaker type as users write it: "person",
// "people", "organization", "organisation", "org", "place", "group",
// "misc" (any case, singular or plural); "" or "all" is any type.
func ParseSpeakerType(s string) (EntityType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "all", "any":
		return "", nil
	case "person", "persons", "people":
		return Person, nil
	case "organization", "organizations", "organisation", "organisations", "org", "orgs":
		return Organization, nil
	case "place", "places":
		return Place, nil
	case "group", "groups":
		return Group, nil
	case "misc":
		return Misc, nil
	}
	return "", fmt.Errorf("speaker type %q: use person, organization, place, group or misc", strings.TrimSpace(s))
}

// SpeakerSummary is one quoted speaker: a person or organisation as the
// cross-article resolver knows it, or a name it does not resolve.
type SpeakerSummary struct {
	// ID names the speaker identity: "person:tony-blair",
	// "organization:reuters", or "name:" and the folded name for a speaker
	// that has no resolved identity (a group, or an article not yet
	// grouped into stories).
	ID       string     `json:"id"`
	Type     EntityType `json:"type"`
	Name     string     `json:"name"`
	Quotes   int        `json:"quotes"`
	Articles int        `json:"articles"`
	First    Day        `json:"first"` // the earliest dated statement; null when none is dated
	Last     Day        `json:"last"`
}

// SpeakerDetail is everything a person said, in order of said_on.
type SpeakerDetail struct {
	SpeakerSummary
	Aliases []string `json:"aliases"`
	// Roles are the roles articles give the person, one per meaning: the
	// most frequent spelling of each ("U.S. President" and "US President"
	// are one), and none contained in a longer one ("President" goes with
	// "US President").
	Roles      []string      `json:"roles"`
	Outlets    []OutletCount `json:"outlets"` // the outlets quoting the person, most statements first
	Months     []MonthCount  `json:"months"`  // statements per month ("2025-03"), in order; undated ones not counted
	Undated    int           `json:"undated"` // statements with no day
	Statements []QuoteHit    `json:"statements"`
}

// OutletCount is an outlet and a number of statements or articles.
type OutletCount struct {
	Outlet string `json:"outlet"`
	Count  int    `json:"count"`
}

// MonthCount is a month ("2025-03") and a number of statements.
type MonthCount struct {
	Month string `json:"month"`
	Count int    `json:"count"`
}

// StoredArticle is an article as stored, with its analysis.
type StoredArticle struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	URL       string         `json:"url,omitempty"`
	Outlet    string         `json:"outlet"`
	Published Day            `json:"published"`
	Hash      string         `json:"hash"`
	Text      string         `json:"text"`
	Quotes    []QuoteOut     `json:"quotes"`
	Entities  []EntityOut    `json:"entities"`
	Dates     []DateOut      `json:"dates"`
	Stories   []StorySummary `json:"stories,omitempty"`
}

// StoryQuery selects stories.
type StoryQuery struct {
	Text   string // full-text query over the titles and text of a story's articles (as ArticleQuery.Text)
	Topic  string // only the stories of this topic
	Sort   string // "recent" (default: latest publication first, undated last) or "size" (most articles first)
	Limit  int    // default 20, max 1000
	Offset int
	Cursor string // as in QuoteQuery
}

// StoryResults is a page of stories and the total number matching.
type StoryResults struct {
	Stories []StorySummary `json:"stories"`
	Total   int            `json:"total"`
	Count
}

// StorySummary is a story as a list shows it: one developing event.
type StorySummary struct {
	ID         string        `json:"id"`
	Title      string        `json:"title"`
	Topic      string        `json:"topic,omitempty"`
	TopicLabel string        `json:"topic_label,omitempty"`
	First      Day           `json:"first"` // earliest publication date; null when no article is dated
	Last       Day           `json:"last"`  // latest publication date
	Articles   int           `json:"articles"`
	Outlets    int           `json:"outlets"`          // distinct outlets
	People     []StoryPerson `json:"people,omitempty"` // most mentioned first
}

// StoryPerson is a person of a story and how often its articles mention
// them.
type StoryPerson struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Mentions int    `json:"mentions"`
}

// StoryPage selects the pages of a story's statements (in the order they
// were made) and articles (in publication order); limits default to 50 and
// 20, at most 1000.
type StoryPage struct {
	Limit, Offset               int // statements
	ArticleLimit, ArticleOffset int // articles
}

// ArticleRef names an article.
type ArticleRef struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published Day    `json:"published"`
}

// StoryDetail is a story: its summary, outlets, a page of its articles and
// a page of its statements.
type StoryDetail struct {
	StorySummary
	OutletList      []OutletCount    `json:"outlet_list"` // its articles per outlet, most first
	ArticleList     []ArticleRef     `json:"article_list"`
	Statements      []StoryStatement `json:"statements"`
	StatementsTotal int              `json:"statements_total"`
}

// StoryStatement is one statement of a story, shown once however many
// articles reported it: its longest wording, the earliest day given, the
// independent outlets that reported it (syndicated copies are not
// independent) and every report.
type StoryStatement struct {
	ID      string            `json:"id"`
	Speaker string            `json:"speaker"`
	Text    string            `json:"text"`
	SaidOn  Day               `json:"said_on"` // null when undated
	Outlets []string          `json:"outlets"`
	Reports []StatementReport `json:"reports"`
}

// StatementReport is one report of a statement: a quote of an article.
type StatementReport struct {
	ArticleID  string `json:"article_id"`
	Title      string `json:"title"`
	Outlet     string `json:"outlet"`
	Published  Day    `json:"published"` // null when undated
	Start      int    `json:"start"`     // offset of the quote in the article
	Syndicated bool   `json:"syndicated,omitempty"`
}

// TopicQuery selects topics.
type TopicQuery struct {
	Limit  int // default 20, max 1000
	Offset int
}

// TopicResults is a page of topics and the total number.
type TopicResults struct {
	Topics []TopicSummary `json:"topics"`
	Total  int            `json:"total"`
}

// TopicSummary is a group of stories about one kind of event.
type TopicSummary struct {
	ID       string   `json:"id"`
	Label    string   `json:"label"` // its strongest words
	Stories  int      `json:"stories"`
	Articles int      `json:"articles"`
	Last     Day      `json:"last"`   // latest publication date; null when none is dated
	Titles   []string `json:"titles"` // its largest stories' titles
}

// StoreStats counts what is stored.
type StoreStats struct {
	Articles int `json:"articles"`
	Quotes   int `json:"quotes"`
	Speakers int `json:"speakers"`
	Outlets  int `json:"outlets"`
	Stories  int `json:"stories"`
	First    Day `json:"first"`   // earliest publication date; null when none is dated
	Last     Day `json:"last"`    // latest publication date
	Undated  int `json:"undated"` // articles without a publication date
}

// ContentHash is the identity of an article's content for idempotent
// storage: the hex SHA-256 of its text.
func ContentHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}
