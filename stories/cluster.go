// Package stories groups articles into stories — one developing event
// each: what happened, to whom, where and when — and stories of one kind
// into topics; it flags syndicated copies of the same wire article, links
// the reports of one statement across outlets, and orders statements into
// timelines per story and per person.
//
// An article is a TF-IDF vector of content-word stems (title words weighted
// up) and, apart, of its participants and places (named persons,
// organisations, places), each part of unit length, and a publication day.
// Two groups of articles are compared by their group-average similarity
// (through centroid sums): the content and participant cosines mixed
// (Options.Entities), decayed when their date spans are far apart
// (DateWindow, DateDecay); a dated and an undated group are one event only
// when their participants agree (Participants), never on words alone.
//
// Adding an article finds its nearest earlier articles through an inverted
// index of each article's strongest terms (only the most recent articles of
// a term's posting list are scanned) and puts it in the best story of its
// neighbours, or a new one. Consolidate then regroups the stories that
// changed, with their neighbouring stories, by average-linkage
// agglomeration from single articles (always the most similar pair first,
// ties by article id), so that the stories do not depend on the order the
// articles came in. Syndicated copies are found by MinHash signatures of
// word 4-shingles bucketed by LSH bands and follow their original. A
// clusterer's whole state can be saved (AppendSnapshot) and continued from
// (LoadSnapshot) exactly as if every article had been added again.
package stories

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/resolve"
)

// Options tune the clusterer; zero fields take the defaults.
type Options struct {
	Threshold    float64 // group-average event similarity that keeps two groups in one story (default 0.1)
	DocTerms     int     // strongest content terms kept per article (default 300)
	StoryTerms   int     // terms kept in a story centroid (default 1000)
	ProbeTerms   int     // article terms used to look up neighbouring articles (default 20)
	MaxPostings  int     // most recent articles scanned per probe term (default 200)
	Candidates   int     // candidate neighbours scored exactly (default 20)
	Neighbours   int     // nearest earlier articles an article keeps as neighbours (default 10)
	DateWindow   int     // days within which publication gaps cost nothing (default 30)
	DateDecay    float64 // e-folding days of the penalty beyond the window (default 90)
	Syndicated   float64 // estimated Jaccard of 4-shingles for a syndicated copy (default 0.7)
	QuoteOverlap float64 // shared 3-shingles over the shorter quote for one statement (default 0.6)
	IDFPower     float64 // exponent of the IDF weight (default 1)
	Entities     float64 // share of the participants (entity) cosine in the event similarity (default 0.2; <0 none)
	Participants float64 // participants cosine a dated and an undated group need to be one story (default 0.2)
	Topic        float64 // group-average content cosine that keeps two stories in one topic (default 0.06)
	Undated      float64 // event similarity a dated and an undated group need to be one story (default 0.4)
}

func (o *Options) defaults() {
	if o.Threshold == 0 {
		o.Threshold = 0.1
	}
	if o.DocTerms == 0 {
		o.DocTerms = 300
	}
	if o.StoryTerms == 0 {
		o.StoryTerms = 1000
	}
	if o.ProbeTerms == 0 {
		o.ProbeTerms = 20
	}
	if o.MaxPostings == 0 {
		o.MaxPostings = 200
	}
	if o.Candidates == 0 {
		o.Candidates = 20
	}
	if o.Neighbours == 0 {
		o.Neighbours = 10
	}
	if o.DateWindow == 0 {
		o.DateWindow = 30
	}
	if o.DateDecay == 0 {
		o.DateDecay = 90
	}
	if o.Syndicated == 0 {
		o.Syndicated = 0.7
	}
	if o.IDFPower == 0 {
		o.IDFPower = 1
	}
	if o.QuoteOverlap == 0 {
		o.QuoteOverlap = 0.6
	}
	if o.Entities == 0 {
		o.Entities = 0.2
	}
	if o.Participants == 0 {
		o.Participants = 0.2
	}
	if o.Topic == 0 {
		o.Topic = 0.06
	}
	if o.Undated == 0 {
		o.Undated = 0.4
	}
}

// Article is what a story keeps of one of its articles.
type Article struct {
	ID         string   `json:"id"`
	Title      string   `json:"title,omitempty"`
	Outlet     string   `json:"outlet,omitempty"`
	Published  string   `json:"published,omitempty"`
	Story      string   `json:"story"`
	Similarity float64  `json:"similarity"`         // similarity to the story when it joined (1 for the first)
	CopyOf     string   `json:"copy_of,omitempty"`  // the earlier article this is a syndicated copy of
	Entities   []string `json:"entities,omitempty"` // resolved identity ids of its entities, in Doc.Entities order

	story  int
	copyOf int             // index of the original, -1
	day    int             // days since 1970 of publication, -1 when unknown
	refs   []int32         // the days it gives (Features.Refs)
	vec    []term          // content then entity terms, each part unit length, sorted by id (nil for a copy; nil once its record is kept out of memory: vecOf)
	sig    *[sigLen]uint32 // MinHash signature (nil when too short, or once kept out of memory: sigOf)
	nbrs   []edge          // neighbouring articles: the nearest earlier ones it found, then the later ones that found it
	people []personWeight  // its persons' identities and mentions
	q0, nq int32           // its quotes: numbers q0 to q0+nq-1 (Clusterer.quote)
	qs     []QuoteRef      // its quotes while in memory (nil once kept apart and not needed: quotes.go)
}

// personWeight is a person of an article: identity and mentions.
type personWeight struct {
	id string
	n  int
}

// Story is a group of articles about one developing event.
type Story struct {
	ID       string   `json:"story"`
	Title    string   `json:"title"`
	Topic    string   `json:"topic,omitempty"`  // the topic it belongs to (filled by Stories)
	Articles []string `json:"articles"`         // article ids in arrival order
	First    string   `json:"first,omitempty"`  // earliest publication date
	Last     string   `json:"last,omitempty"`   // latest publication date
	People   []string `json:"people,omitempty"` // identity ids of persons, most reported first (filled by Stories)
	Mentions []int    `json:"-"`                // mentions of each of People across the story's articles

	idx      int
	members  []int  // article indices in arrival order (copies included)
	centroid []term // summed article vectors, sorted by term id
	n        int    // articles summed into the centroid (syndicated copies are not)
	first    int
	last     int
	dated    int              // articles with a publication day
	dead     bool             // regrouped into other stories
	topic    int              // index into Clusterer.topics
	quoteIDs []int32          // its quotes (statement linking)
	nsh      int              // 3-shingles of its quotes (-1: not counted yet, loaded from a snapshot)
	qindex   map[uint64]int32 // its quotes by 3-shingle, once they have many (nil: compared one by one): qadd
	qmore    [][]int32        // the quotes of shingles several quotes share (qadd)
	people   map[string]int
	linkedAt int // when a quote was last linked to it (Clusterer.links): the linking budget releases the longest unused
}

// QuoteRef is one report of a statement: a quote of one article.
type QuoteRef struct {
	Article     string `json:"article"`
	Quote       int    `json:"quote"` // index into the article's Doc.Quotes
	Text        string `json:"text"`
	Speaker     string `json:"speaker,omitempty"` // identity id
	SpeakerName string `json:"speaker_name,omitempty"`
	SaidOn      string `json:"said_on,omitempty"`
	Outlet      string `json:"outlet,omitempty"`
	Via         string `json:"via,omitempty"`
	Syndicated  bool   `json:"syndicated,omitempty"` // reported by a syndicated copy: not an independent report
	Story       string `json:"story"`

	words   int
	sh, nsh int32 // its distinct 3-shingle hashes: Clusterer.shingles[sh:sh+nsh] (nsh -1: not computed yet)
}

// Clusterer groups articles into stories. It is safe for concurrent use;
// articles are processed one at a time in the order they are added.
type Clusterer struct {
	mu  sync.Mutex
	opt Options

	// vocabulary and document frequencies
	vocab map[string]int32
	words []string
	df    []int32
	ent   []bool // per term: an entity key
	nDF   int

	Resolver *resolve.Resolver

	articles []*Article
	byID     map[string]int
	stories  []*Story
	topics   []*Topic
	apost    map[int32][]int32 // term -> articles indexed under it, in arrival order (the last ones: keepLast)
	lsh      map[uint64]int32  // LSH band -> its article, or -(i+1): the articles of lshMore[i] (indexSig)
	lshMore  [][]int32
	one      [1]int32 // a bucket of one (bucket)
	dirty    []int32  // stories changed since the last consolidation
	isDirty  []bool   // per story

	// grouping records (records.go): those of articles below kept are in
	// recs (read back through rcache), the others in the articles
	recs          RecordStore
	kept, flushed int
	recErr        error
	rcache        map[int32]record
	rring         []int32
	rnext         int

	changes changeLog // what changed since the last TakeChanges

	// quotes (quotes.go): each quote's article and statement are always in
	// memory; its report (QuoteRef) is in its article's qs while needed
	qart     []int32  // per quote: its article
	parent   []int32  // union-find over quotes: one statement per root
	shingles []uint64 // the quotes' 3-shingle hashes (QuoteRef.sh)
	qstore   QuoteStore
	qkept    int     // articles whose quotes are kept apart (the first ones)
	qflushed int     // articles whose quotes were handed out by FlushRecords
	qloaded  []int32 // articles whose quotes were read back (dropped again when their story is closed)
	links    int     // quotes linked so far (Story.linkedAt)

	// scratch
	vecBuf  []term            // an article vector (vector)
	entVec  []term            // its entity terms (vector)
	entBuf  []verbatim.Entity // an article's entities for the resolver
	doc     verbatim.Doc
	wbuf    []byte
	hbuf    []uint64  // word hashes (quoteShingles)
	acc     []float32 // candidate score per article (dense; reset through accUsed)
	accUsed []int32   // articles with a score in acc, in first-scored order
	vpos    []int32   // term id -> position+1 in the vector being compared (place)
	prod    []float64 // per-position products (cosine)
	mbuf    []term    // a centroid sum (addToCentroid)
	kbuf    []uint64  // packed terms being sorted (sortByID)
	qcount  []int32   // shared shingles per quote (linkQuote)
	touched []int32
	// per quote: a dense id of its speaker (0 none, -1 not read yet), so
	// that linkQuote compares ids and reads a candidate's QuoteRef once
	qspk    []int32
	spkIDs  map[string]int32
	loc     []int32        // article -> its cluster during an agglomeration (-1: none)
	ctx     map[string]int // the resolver's context (context)
	ctxKeys []string
}

// New returns an empty clusterer with its own entity resolver.
func New(opt Options) *Clusterer {
	loadLexicons()
	opt.defaults()
	return &Clusterer{opt: opt, vocab: map[string]int32{}, Resolver: resolve.New(), byID: map[string]int{},
		apost: map[int32][]int32{}, lsh: map[uint64]int32{}, nDF: bgN}
}

// Add prepares an article and adds it; it returns the article's record.
// The article's story is provisional until Consolidate.
func (c *Clusterer) Add(d *verbatim.Doc) *Article {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.add(c.prepare(d))
}

// AddPrepared adds an article prepared earlier with Prepare.
func (c *Clusterer) AddPrepared(p *Prepared) *Article {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.add(p)
}

// Batch clusters a collection: every article is prepared first, so all of
// them see the document frequencies of the whole collection, then added in
// order, then the stories are consolidated.
func Batch(docs []*verbatim.Doc, opt Options) *Clusterer {
	c := New(opt)
	ps := make([]*Prepared, len(docs))
	for i, d := range docs {
		ps[i] = c.Prepare(d)
	}
	for _, p := range ps {
		c.AddPrepared(p)
	}
	c.Consolidate()
	return c
}

func (c *Clusterer) add(p *Prepared) *Article {
	f := p.f
	ai := len(c.articles)
	id := p.id
	if id == "" {
		id = fmt.Sprintf("article-%d", ai+1)
	}
	if _, dup := c.byID[id]; dup {
		id = fmt.Sprintf("%s#%d", id, ai+1)
	}
	a := &Article{ID: id, Title: f.Title, Outlet: f.Outlet, Published: dayString(f.Day), copyOf: -1, day: f.Day, refs: f.Refs}
	c.articles = append(c.articles, a)
	c.byID[id] = ai
	a.sig = f.Sig

	v, k := c.vector(p)
	best, sim := -1, 0.0
	// 1. a syndicated copy joins its original's story
	if orig, j := c.findCopy(f.Sig, f.Day); orig >= 0 {
		a.CopyOf, a.copyOf = c.articles[orig].ID, orig
		best = c.articles[orig].story
		sim = j
	}
	if f.Sig != nil {
		c.indexSig(ai, f.Sig)
	}
	// 2. otherwise the story of its neighbours it is most similar to,
	// above the threshold
	if best < 0 {
		a.vec = c.sortedCopy(v)
		c.neighbours(ai, v, k)
		c.index(ai, v, k)
		best, sim = c.bestStory(a, v, k)
		if sim < c.opt.Threshold {
			best = -1
		}
	}
	var s *Story
	if best < 0 {
		s = c.newStory(ai)
		sim = 1
	} else {
		s = c.stories[best]
	}
	c.entBuf = c.entBuf[:0]
	for _, e := range f.Entities {
		c.entBuf = append(c.entBuf, verbatim.Entity{Name: e.Name, Type: e.Type, Roles: e.Roles})
	}
	c.doc = verbatim.Doc{Article: verbatim.Article{ID: p.id}, Entities: c.entBuf} // scratch: the resolver keeps none of it
	a.Entities = c.Resolver.AddInStory(&c.doc, c.context(a))
	a.Similarity = math.Round(sim*1000) / 1000
	for i, e := range f.Entities {
		if e.Type == verbatim.Person && a.Entities[i] != "" {
			a.people = append(a.people, personWeight{a.Entities[i], max(1, e.Mentions)})
		}
	}
	c.join(s, ai)
	a.q0 = int32(len(c.parent))
	c.addQuotes(s, ai, f)
	a.nq = int32(len(c.parent)) - a.q0
	return a
}

// context returns the identities the articles nearest to a mention (its
// neighbours; for a syndicated copy, its original and the original's), which
// the resolver takes as the article's story: they were resolved when those
// articles were added, so the context does not depend on how the stories
// were grouped meanwhile.
func (c *Clusterer) context(a *Article) map[string]int {
	if c.ctx == nil {
		c.ctx = map[string]int{}
	}
	for _, k := range c.ctxKeys { // cheaper than clearing a map grown large once
		delete(c.ctx, k)
	}
	c.ctxKeys = c.ctxKeys[:0]
	add := func(o *Article) {
		for _, p := range o.people {
			if c.ctx[p.id] == 0 {
				c.ctxKeys = append(c.ctxKeys, p.id)
			}
			c.ctx[p.id] += p.n
		}
	}
	nbrs := a.nbrs
	if a.copyOf >= 0 {
		o := c.articles[a.copyOf]
		add(o)
		nbrs = o.nbrs
	}
	for _, nb := range nbrs {
		add(c.articles[nb.to])
	}
	return c.ctx
}

// newStory appends an empty story that article first will start: a story
// is known by its first article ("s" and its number in arrival order).
func (c *Clusterer) newStory(first int) *Story {
	s := &Story{ID: "s" + itoa(first+1), idx: len(c.stories), first: -1, last: -1,
		people: map[string]int{}, topic: -1}
	c.stories = append(c.stories, s)
	c.isDirty = append(c.isDirty, false)
	return s
}

// join adds article ai to story s (its centroid, dates and people) and
// marks the story changed.
func (c *Clusterer) join(s *Story, ai int) {
	a := c.articles[ai]
	a.Story, a.story = s.ID, s.idx
	if len(s.members) == 0 {
		s.Title = a.Title
	}
	s.members = append(s.members, ai)
	s.Articles = append(s.Articles, a.ID)
	s.addDay(a.day)
	if a.vec != nil {
		s.n++
		s.centroid = c.addToCentroid(s.centroid, a.vec)
	}
	for _, p := range a.people {
		s.people[p.id] += p.n
	}
	c.touchStory(s)
	c.markDirty(s.idx)
}

// addDay counts an article's publication day (-1: undated) into the
// story's span.
func (s *Story) addDay(day int) {
	if day < 0 {
		return
	}
	s.dated++
	if s.first < 0 || day < s.first {
		s.first = day
	}
	s.last = max(s.last, day)
}

func (c *Clusterer) markDirty(s int) {
	if !c.isDirty[s] {
		c.isDirty[s] = true
		c.dirty = append(c.dirty, int32(s))
	}
}

// bestStory returns the story of a's neighbours most similar to a (whose
// vector is v, entity part from k) and the similarity; -1 when it has no
// neighbour.
func (c *Clusterer) bestStory(a *Article, v []term, k int) (int, float64) {
	best, bestSim := -1, 0.0
	if len(a.nbrs) == 0 {
		return best, bestSim
	}
	c.scatter(v)
	defer c.unscatter(v)
	for i, nb := range a.nbrs {
		si := c.articles[nb.to].story
		seen := false
		for _, o := range a.nbrs[:i] {
			seen = seen || c.articles[o.to].story == si
		}
		if seen {
			continue
		}
		s := c.stories[si]
		ct, ce := c.storyCosine(s, v, k)
		sim := c.eventSim(ct, ce, s.first, s.last, a.day, a.day, follows(a.refs, s.first, s.last))
		if sim > bestSim || sim == bestSim && best >= 0 && si < best {
			best, bestSim = si, sim
		}
	}
	return best, bestSim
}

// strongerTerm orders terms strongest first, then by id.
func strongerTerm(a, b term) bool {
	return a.w > b.w || a.w == b.w && a.id < b.id
}

// topTerms returns the n strongest terms of m, strongest first (ties by
// id). It keeps a min-heap of the n best instead of sorting all of m.
func topTerms(m []term, n int) []term {
	h := make([]term, 0, min(n, len(m)))
	for _, t := range m {
		if len(h) < n {
			h = append(h, t)
			for i := len(h) - 1; i > 0; { // sift up: the weakest at the root
				p := (i - 1) / 2
				if !strongerTerm(h[p], h[i]) {
					break
				}
				h[p], h[i] = h[i], h[p]
				i = p
			}
			continue
		}
		if !strongerTerm(t, h[0]) {
			continue
		}
		h[0] = t
		for i := 0; ; { // sift down
			l, r, w := 2*i+1, 2*i+2, i
			if l < len(h) && strongerTerm(h[w], h[l]) {
				w = l
			}
			if r < len(h) && strongerTerm(h[w], h[r]) {
				w = r
			}
			if w == i {
				break
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	slices.SortFunc(h, func(a, b term) int {
		if strongerTerm(a, b) {
			return -1
		}
		if strongerTerm(b, a) {
			return 1
		}
		return 0
	})
	return h
}

func titleOf(d *verbatim.Doc) string {
	if t := strings.TrimSpace(d.Title); t != "" {
		return t
	}
	text := d.Text
	if len(d.Clean) == len(d.Text) && d.Clean != "" {
		text = d.Clean
	}
	for _, l := range strings.Split(text[:min(len(text), 2000)], "\n") {
		if l = strings.Join(strings.Fields(l), " "); len(l) >= 3 {
			if len(l) > 120 {
				cut := strings.LastIndexByte(l[:120], ' ')
				if cut < 60 {
					cut = 120
				}
				l = strings.ToValidUTF8(l[:cut], "") + "…"
			}
			return l
		}
	}
	return d.ID
}

// Stories returns the stories in creation order.
func (c *Clusterer) Stories() []*Story {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]*Story, 0, len(c.stories))
	for _, s := range c.stories {
		if s.dead {
			continue
		}
		c.fillStory(s)
		out = append(out, s)
	}
	return out
}

// fillStory fills the exported fields of a story from its state.
func (c *Clusterer) fillStory(s *Story) {
	s.First, s.Last = dayString(s.first), dayString(s.last)
	s.Topic = ""
	if s.topic >= 0 && s.topic < len(c.topics) {
		s.Topic = c.topics[s.topic].ID
	}
	type pc struct {
		id string
		n  int
	}
	var ps []pc
	for id, n := range s.people {
		ps = append(ps, pc{id, n})
	}
	sort.Slice(ps, func(a, b int) bool { return ps[a].n > ps[b].n || ps[a].n == ps[b].n && ps[a].id < ps[b].id })
	s.People, s.Mentions = s.People[:0], s.Mentions[:0]
	for _, p := range ps {
		s.People = append(s.People, p.id)
		s.Mentions = append(s.Mentions, p.n)
	}
}

// Article returns the record of an added article, or nil.
func (c *Clusterer) Article(id string) *Article {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i, ok := c.byID[id]; ok {
		return c.articles[i]
	}
	return nil
}

// Articles returns the records of all added articles in order.
func (c *Clusterer) Articles() []*Article {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.articles)
}
