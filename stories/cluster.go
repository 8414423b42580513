// Package stories groups articles into developing stories online (a new
// article joins the most similar story or starts one), flags syndicated
// copies of the same wire article, links the reports of one statement
// across outlets, and orders statements into timelines per story and per
// person.
//
// Similarity is TF-IDF cosine between an article and a story's centroid,
// over content-word stems (title words weighted up) and named entities,
// decayed by the gap between publication dates. Candidate stories come from
// an inverted index of each story's strongest terms (only the most recent
// stories of a term's posting list are scanned), and syndicated copies from
// MinHash signatures of word 4-shingles bucketed by LSH bands, so adding an
// article never scans the archive. A clusterer's whole state can be saved
// (AppendSnapshot) and continued from (LoadSnapshot) exactly as if every
// article had been added again.
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
	Threshold    float64 // group-average cosine to join a story (default 0.12)
	DocTerms     int     // strongest terms kept per article (default 300)
	StoryTerms   int     // terms kept in a story centroid (default 400)
	ProbeTerms   int     // article terms used to look up candidate stories (default 20)
	MaxPostings  int     // most recent stories scanned per probe term (default 400)
	Candidates   int     // candidate stories scored exactly (default 30)
	DateWindow   int     // days within which publication gaps cost nothing (default 30)
	DateDecay    float64 // e-folding days of the penalty beyond the window (default 90)
	Syndicated   float64 // estimated Jaccard of 4-shingles for a syndicated copy (default 0.7)
	QuoteOverlap float64 // shared 3-shingles over the shorter quote for one statement (default 0.6)
	IDFPower     float64 // exponent of the IDF weight (default 1)
	Merge        float64 // group-average cosine between two stories that merges them (default 0.08; <0 never)
}

func (o *Options) defaults() {
	if o.Threshold == 0 {
		o.Threshold = 0.12
	}
	if o.DocTerms == 0 {
		o.DocTerms = 300
	}
	if o.StoryTerms == 0 {
		o.StoryTerms = 400
	}
	if o.ProbeTerms == 0 {
		o.ProbeTerms = 20
	}
	if o.MaxPostings == 0 {
		o.MaxPostings = 400
	}
	if o.Candidates == 0 {
		o.Candidates = 30
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
	if o.Merge == 0 {
		o.Merge = 0.08
	}
	if o.QuoteOverlap == 0 {
		o.QuoteOverlap = 0.6
	}
}

// Article is what a story keeps of one of its articles.
type Article struct {
	ID         string   `json:"id"`
	Title      string   `json:"title,omitempty"`
	Outlet     string   `json:"outlet,omitempty"`
	Published  string   `json:"published,omitempty"`
	Story      string   `json:"story"`
	Similarity float64  `json:"similarity"`         // cosine to the story when it joined (1 for the first)
	CopyOf     string   `json:"copy_of,omitempty"`  // the earlier article this is a syndicated copy of
	Entities   []string `json:"entities,omitempty"` // resolved identity ids of its entities, in Doc.Entities order

	story int
}

// Story is a group of articles about one developing story.
type Story struct {
	ID       string   `json:"story"`
	Title    string   `json:"title"`
	Articles []string `json:"articles"`         // article ids in arrival order
	First    string   `json:"first,omitempty"`  // earliest publication date
	Last     string   `json:"last,omitempty"`   // latest publication date
	People   []string `json:"people,omitempty"` // identity ids of persons, most reported first (filled by Stories)

	idx      int
	members  []int
	centroid []term // summed article vectors, sorted by term id
	norm     float64
	indexed  map[int32]bool
	first    int
	last     int
	quoteIDs []int32          // its quotes (statement linking)
	nsh      int              // 3-shingles of its quotes (-1: not counted yet, loaded from a snapshot)
	qindex   map[uint64]int32 // its quotes by 3-shingle, once they have many (nil: compared one by one): qadd
	qmore    [][]int32        // the quotes of shingles several quotes share (qadd)
	people   map[string]int
	into     int // the story this one was merged into, -1 while alive
	n        int // articles summed into the centroid (syndicated copies are not)
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
	story   int
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
	nDF   int

	Resolver *resolve.Resolver

	articles []*Article
	byID     map[string]int
	stories  []*Story
	postings map[int32][]int32  // term -> stories indexing it, in creation order
	lsh      map[uint64][]int32 // LSH band -> articles
	sigs     []*[sigLen]uint32

	quotes   []QuoteRef
	parent   []int32  // union-find over quotes: one statement per root
	shingles []uint64 // the quotes' 3-shingle hashes (QuoteRef.sh)

	// scratch
	vecBuf  []term            // an article vector (vector)
	entBuf  []verbatim.Entity // an article's entities for the resolver
	doc     verbatim.Doc
	wbuf    []byte
	hbuf    []uint64  // word hashes (quoteShingles)
	acc     []float32 // candidate score per story (dense; reset through accUsed)
	accUsed []int32   // stories with a score in acc, in first-scored order
	vpos    []int32   // term id -> position+1 in the article vector being scored (cosine)
	prod    []float64 // per-position products (cosine)
	vbuf    []term    // an article vector sorted by term id (addToCentroid)
	mbuf    []term    // a centroid sum (addToCentroid)
	kbuf    []uint64  // packed terms being sorted (sortByID)
	qcount  []int32   // shared shingles per quote (linkQuote)
	touched []int32
}

// New returns an empty clusterer with its own entity resolver.
func New(opt Options) *Clusterer {
	opt.defaults()
	return &Clusterer{opt: opt, vocab: map[string]int32{}, Resolver: resolve.New(), byID: map[string]int{},
		postings: map[int32][]int32{}, lsh: map[uint64][]int32{}, nDF: bgN}
}

// Add prepares an article and adds it; it returns the article's record.
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
// order.
func Batch(docs []*verbatim.Doc, opt Options) *Clusterer {
	c := New(opt)
	ps := make([]*Prepared, len(docs))
	for i, d := range docs {
		ps[i] = c.Prepare(d)
	}
	for _, p := range ps {
		c.AddPrepared(p)
	}
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
	a := &Article{ID: id, Title: f.Title, Outlet: f.Outlet, Published: dayString(f.Day)}
	c.articles = append(c.articles, a)
	c.byID[id] = ai
	c.sigs = append(c.sigs, f.Sig)

	v := c.vector(p)
	best, sim := -1, 0.0
	// 1. a syndicated copy joins its original's story
	if orig, j := c.findCopy(f.Sig); orig >= 0 {
		a.CopyOf = c.articles[orig].ID
		best = c.articles[orig].story
		sim = j
	}
	if f.Sig != nil {
		c.indexSig(ai, f.Sig)
	}
	// 2. otherwise the most similar recent story above the threshold
	if best < 0 {
		best, sim = c.bestStory(v, f.Day)
		if sim < c.opt.Threshold {
			best = -1
		}
	}
	var s *Story
	if best < 0 {
		s = &Story{ID: fmt.Sprintf("s%d", len(c.stories)+1), Title: a.Title, idx: len(c.stories),
			indexed: map[int32]bool{}, first: -1, last: -1,
			people: map[string]int{}, into: -1}
		c.stories = append(c.stories, s)
		sim = 1
	} else {
		s = c.stories[best]
	}
	c.entBuf = c.entBuf[:0]
	for _, e := range f.Entities {
		c.entBuf = append(c.entBuf, verbatim.Entity{Name: e.Name, Type: e.Type, Roles: e.Roles})
	}
	c.doc = verbatim.Doc{Article: verbatim.Article{ID: p.id}, Entities: c.entBuf} // scratch: the resolver keeps none of it
	a.Entities = c.Resolver.AddInStory(&c.doc, s.people)
	a.Story, a.story, a.Similarity = s.ID, s.idx, math.Round(sim*1000)/1000
	s.members = append(s.members, ai)
	s.Articles = append(s.Articles, id)
	if f.Day >= 0 {
		if s.first < 0 || f.Day < s.first {
			s.first = f.Day
		}
		if f.Day > s.last {
			s.last = f.Day
		}
	}
	if a.CopyOf == "" {
		c.addToCentroid(s, v)
	}
	for i, e := range f.Entities {
		if e.Type == verbatim.Person && a.Entities[i] != "" {
			s.people[a.Entities[i]] += max(1, e.Mentions)
		}
	}
	c.addQuotes(s, a, f)
	if best >= 0 && a.CopyOf == "" && c.opt.Merge > 0 {
		c.tryMerge(s)
	}
	return a
}

// alive follows merges to the story that now holds story i.
func (c *Clusterer) alive(i int) int {
	for c.stories[i].into >= 0 {
		i = c.stories[i].into
	}
	return i
}

// mergeCandidates is how many stories sharing the strongest terms of a
// grown story are checked for merging with it.
const mergeCandidates = 8

// tryMerge merges into one the story s and any candidate story whose
// centroid has become similar to it (an article bridging two fragments of
// one story). The older story survives.
func (c *Clusterer) tryMerge(s *Story) {
	top := topTerms(s.centroid, c.opt.ProbeTerms)
	c.resetAcc()
	for _, t := range top {
		post := c.postings[t.id]
		if len(post) > c.opt.MaxPostings {
			post = post[len(post)-c.opt.MaxPostings:]
		}
		for _, o := range post {
			if k := int32(c.alive(int(o))); int(k) != s.idx {
				c.score(k, t.w)
			}
		}
	}
	type sc struct {
		k int
		w float32
	}
	cands := make([]sc, 0, len(c.accUsed))
	for _, k := range c.accUsed {
		cands = append(cands, sc{int(k), c.acc[k]})
	}
	slices.SortFunc(cands, func(a, b sc) int {
		if a.w != b.w {
			if a.w > b.w {
				return -1
			}
			return 1
		}
		return a.k - b.k
	})
	if len(cands) > mergeCandidates {
		cands = cands[:mergeCandidates]
	}
	// s's centroid is placed in c.vpos (term id -> position+1) once, and
	// each candidate's centroid walked against it
	c.place(s.centroid)
	for _, cd := range cands {
		o := c.stories[cd.k]
		if o.into >= 0 || s.into >= 0 || o.norm == 0 || s.norm == 0 {
			continue
		}
		dot := c.dotPlaced(s.centroid, o.centroid)
		if dot/float64(s.n*o.n) >= c.opt.Merge {
			c.unplace(s.centroid) // a merge rewrites the centroid
			if o.idx < s.idx {
				c.merge(o, s)
				s = o
			} else {
				c.merge(s, o)
			}
			c.place(s.centroid)
		}
	}
	c.unplace(s.centroid)
}

// place records the positions of the terms of ts in c.vpos (dotPlaced);
// unplace clears them.
func (c *Clusterer) place(ts []term) {
	if len(c.vpos) < len(c.words) {
		c.vpos = append(c.vpos, make([]int32, len(c.words)-len(c.vpos))...)
	}
	for i, t := range ts {
		c.vpos[t.id] = int32(i + 1)
	}
}

func (c *Clusterer) unplace(ts []term) {
	for _, t := range ts {
		c.vpos[t.id] = 0
	}
}

// dotPlaced is the dot product of the term list placed in c.vpos and the
// id-sorted list b, its products summed in id order.
func (c *Clusterer) dotPlaced(placed, b []term) float64 {
	var dot float64
	for _, t := range b {
		if p := c.vpos[t.id]; p > 0 {
			dot += float64(placed[p-1].w) * float64(t.w)
		}
	}
	return dot
}

// merge moves story l into story s.
func (c *Clusterer) merge(s, l *Story) {
	l.into = s.idx
	for _, ai := range l.members {
		a := c.articles[ai]
		a.Story, a.story = s.ID, s.idx
	}
	s.members = append(s.members, l.members...)
	s.Articles = append(s.Articles, l.Articles...)
	s.n += l.n
	s.centroid = addSorted(s.centroid, l.centroid)
	for id := range l.indexed {
		if !s.indexed[id] {
			s.indexed[id] = true
			c.postings[id] = append(c.postings[id], int32(s.idx))
		}
	}
	c.addToCentroid(s, nil)
	if l.first >= 0 && (s.first < 0 || l.first < s.first) {
		s.first = l.first
	}
	if l.last > s.last {
		s.last = l.last
	}
	for p, n := range l.people {
		s.people[p] += n
	}
	for _, k := range l.quoteIDs {
		c.linkQuote(s, k)
	}
	l.members, l.Articles, l.centroid, l.quoteIDs, l.people, l.indexed, l.qindex, l.qmore = nil, nil, nil, nil, nil, nil, nil, nil
}

// resetAcc empties the candidate accumulator and sizes it for every story.
func (c *Clusterer) resetAcc() {
	for _, k := range c.accUsed {
		c.acc[k] = 0
	}
	c.accUsed = c.accUsed[:0]
	if len(c.acc) < len(c.stories) {
		c.acc = append(c.acc, make([]float32, len(c.stories)-len(c.acc))...)
	}
}

// score adds w to the candidate score of story k.
func (c *Clusterer) score(k int32, w float32) {
	if c.acc[k] == 0 {
		c.accUsed = append(c.accUsed, k)
	}
	c.acc[k] += w
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

// bestStory returns the candidate story most similar to v and the
// similarity (cosine to the centroid, decayed by the date gap).
func (c *Clusterer) bestStory(v []term, day int) (int, float64) {
	c.resetAcc()
	for i, t := range v {
		if i >= c.opt.ProbeTerms {
			break
		}
		post := c.postings[t.id]
		if len(post) > c.opt.MaxPostings {
			post = post[len(post)-c.opt.MaxPostings:]
		}
		for _, s := range post {
			c.score(int32(c.alive(int(s))), t.w)
		}
	}
	if len(c.accUsed) == 0 {
		return -1, 0
	}
	type sc struct {
		s int32
		w float32
	}
	cands := make([]sc, 0, len(c.accUsed))
	for _, s := range c.accUsed {
		cands = append(cands, sc{s, c.acc[s]})
	}
	if len(cands) > c.opt.Candidates {
		slices.SortFunc(cands, func(a, b sc) int {
			if a.w != b.w {
				if a.w > b.w {
					return -1
				}
				return 1
			}
			return int(a.s - b.s)
		})
		cands = cands[:c.opt.Candidates]
	}
	best, bestSim := -1, 0.0
	c.scatter(v)
	defer c.unscatter(v)
	for _, cd := range cands {
		s := c.stories[cd.s]
		sim := c.cosine(s, v) * c.dateFactor(s, day)
		if sim > bestSim || sim == bestSim && best >= 0 && int(cd.s) < best {
			best, bestSim = int(cd.s), sim
		}
	}
	return best, bestSim
}

// cosine is the group-average similarity of v to the story: its mean
// cosine to the story's (non-copy) articles, through the centroid sum.
// Unlike the cosine to the centroid it does not grow with a story's size,
// so a broad story cannot absorb everything that shares its vocabulary.
//
// The products are summed in v's order, as a lookup per term of v would:
// v is scattered into c.vpos (term id -> position+1) once per article
// (scatter), and each candidate's centroid is walked against it.
func (c *Clusterer) cosine(s *Story, v []term) float64 {
	if s.n == 0 {
		return 0
	}
	prod := c.prod[:len(v)]
	clear(prod)
	for _, t := range s.centroid {
		if p := c.vpos[t.id]; p > 0 {
			prod[p-1] = float64(v[p-1].w) * float64(t.w)
		}
	}
	var dot float64
	for _, x := range prod {
		dot += x
	}
	return dot / float64(s.n)
}

// scatter records the positions of v's terms in c.vpos for cosine; unscatter
// clears them.
func (c *Clusterer) scatter(v []term) {
	if cap(c.prod) < len(v) {
		c.prod = make([]float64, len(v))
	}
	c.place(v)
}

func (c *Clusterer) unscatter(v []term) { c.unplace(v) }

// addSorted returns the sum of two id-sorted term lists, sorted by id.
func addSorted(a, b []term) []term {
	return appendSum(make([]term, 0, len(a)+len(b)), a, b)
}

// appendSum appends the sum of two id-sorted term lists (sorted by id) to
// out, which must not share storage with a or b.
func appendSum(out, a, b []term) []term {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			out = append(out, a[i])
			i++
		case a[i].id > b[j].id:
			out = append(out, term{b[j].id, 0 + b[j].w})
			j++
		default:
			out = append(out, term{a[i].id, a[i].w + b[j].w})
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	for ; j < len(b); j++ {
		out = append(out, term{b[j].id, 0 + b[j].w})
	}
	return out
}

func hasTerm(ts []term, id int32) bool {
	_, ok := slices.BinarySearchFunc(ts, id, func(t term, id int32) int { return int(t.id - id) })
	return ok
}

// dateFactor is 1 within the date window of the story's span and decays
// exponentially beyond it; 1 when either date is unknown.
func (c *Clusterer) dateFactor(s *Story, day int) float64 {
	if day < 0 || s.first < 0 {
		return 1
	}
	gap := 0
	if day > s.last {
		gap = day - s.last
	} else if day < s.first {
		gap = s.first - day
	}
	if gap <= c.opt.DateWindow {
		return 1
	}
	return math.Exp(-float64(gap-c.opt.DateWindow) / c.opt.DateDecay)
}

func (c *Clusterer) addToCentroid(s *Story, v []term) {
	if v != nil {
		s.n++
	}
	if v != nil {
		c.vbuf = append(c.vbuf[:0], v...)
		c.sortByID(c.vbuf)
		// summed in a scratch list, then copied back: the centroid's
		// storage is reused while it is large enough
		c.mbuf = appendSum(c.mbuf[:0], s.centroid, c.vbuf)
		s.centroid = append(s.centroid[:0], c.mbuf...)
	}
	if len(s.centroid) > 2*c.opt.StoryTerms {
		keep := topTerms(s.centroid, c.opt.StoryTerms)
		c.sortByID(keep)
		s.centroid = append(s.centroid[:0], keep...)
	}
	var n float64
	for _, t := range s.centroid {
		n += float64(t.w) * float64(t.w)
	}
	s.norm = math.Sqrt(n)
	// index the article's strongest terms under the story
	for i, t := range v {
		if i >= c.opt.ProbeTerms {
			break
		}
		if hasTerm(s.centroid, t.id) && !s.indexed[t.id] {
			s.indexed[t.id] = true
			c.postings[t.id] = append(c.postings[t.id], int32(s.idx))
		}
	}
}

// Stories returns the stories in creation order.
func (c *Clusterer) Stories() []*Story {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]*Story, 0, len(c.stories))
	for _, s := range c.stories {
		if s.into >= 0 {
			continue
		}
		s.First, s.Last = dayString(s.first), dayString(s.last)
		type pc struct {
			id string
			n  int
		}
		var ps []pc
		for id, n := range s.people {
			ps = append(ps, pc{id, n})
		}
		sort.Slice(ps, func(a, b int) bool { return ps[a].n > ps[b].n || ps[a].n == ps[b].n && ps[a].id < ps[b].id })
		s.People = s.People[:0]
		for _, p := range ps {
			s.People = append(s.People, p.id)
		}
		out = append(out, s)
	}
	return out
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
