package stories

import (
	_ "embed"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/resolve"
)

//go:embed stopwords.txt
var stopwordsTxt string

// df.txt holds background document frequencies from a general news corpus
// (go generate; see internal/mkdf): the number of documents on its first
// data line, then "term<TAB>df".
//
//go:generate sh -c "go run ./internal/mkdf ../../shared/data/bbc > df.txt"
//go:embed df.txt
var dfTxt string

var (
	stopwords = map[string]bool{}
	stopSet   wordSet // stopwords by hashWord
	bgDF      = map[string]int32{}
	bgN       int
)

// loadLexicons reads the background frequencies and the stop words, once,
// when story features are first computed: commands that never group
// stories (extract) do not pay for it at start-up.
var loadLexicons = sync.OnceFunc(func() {
	first := true
	for _, l := range strings.Split(dfTxt, "\n") {
		if l == "" || l[0] == '#' {
			continue
		}
		if first {
			bgN, _ = strconv.Atoi(strings.TrimSpace(l))
			first = false
			continue
		}
		t, n, ok := strings.Cut(l, "\t")
		if strings.HasPrefix(t, "@") { // an entity key
			t = "\x01" + t[1:]
		}
		if k, err := strconv.Atoi(n); ok && err == nil {
			bgDF[t] = int32(k)
		}
	}
	for _, l := range strings.Split(stopwordsTxt, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && l[0] != '#' {
			stopwords[l] = true
		}
	}
	stopSet = newWordSet(stopwords)
})

// term is a weighted feature: a word stem or a named entity.
type term struct {
	id int32
	w  float32
}

// sortByID sorts terms of distinct ids by id: each packed into one integer
// (id above, weight bits below) and sorted as integers, which costs a
// fraction of sorting the pairs with a comparison function.
func (c *Clusterer) sortByID(ts []term) {
	if len(ts) < 2 {
		return
	}
	k := c.kbuf[:0]
	for _, t := range ts {
		k = append(k, uint64(uint32(t.id))<<32|uint64(math.Float32bits(t.w)))
	}
	slices.Sort(k)
	for i, x := range k {
		ts[i] = term{int32(x >> 32), math.Float32frombits(uint32(x))}
	}
	c.kbuf = k
}

// sortByWeight sorts terms of distinct ids and positive weights strongest
// first, ties by id: each packed into one integer (the weight's bits
// inverted above, the id below; positive floats order as their bits) and
// sorted as integers.
func (c *Clusterer) sortByWeight(ts []term) {
	if len(ts) < 2 {
		return
	}
	k := c.kbuf[:0]
	for _, t := range ts {
		k = append(k, uint64(^math.Float32bits(t.w))<<32|uint64(uint32(t.id)))
	}
	slices.Sort(k)
	for i, x := range k {
		ts[i] = term{int32(uint32(x)), math.Float32frombits(^uint32(x >> 32))}
	}
	c.kbuf = k
}

// Feature weights: a title word counts titleWeight times, and each mention
// of a named entity (up to five) entityWeight times. Entities are off (0):
// their names are already words of the text, and doubling them let articles
// that merely share a politician join (WikiRef220 F1 0.877 without, 0.849 at
// 1, 0.780 at 2 on the defaults; BBC politics largest story 34 without,
// 43 at 1).
var titleWeight, entityWeight = 3, 0

var namesInText = true

// entBackground is the number of documents the background frequencies of
// entity keys count for.
var entBackground = 200

// Prepared is an article reduced to what clustering needs. Preparing all
// articles before adding them (Batch) gives every article the document
// frequencies of the whole collection; online use prepares and adds one at a
// time.
type Prepared struct {
	Doc    *verbatim.Doc // nil when prepared from stored Features
	f      *Features
	id     string
	counts []term // raw weighted term frequencies, by id
}

// Features is everything clustering, resolution and statement linking use
// of an analysed article, without its text: the title, outlet and day, the
// MinHash signature, the weighted content terms, the entities and the
// quotes. A library stores them per article (FeaturesOf when an article is
// stored) so that its stories can be continued or rebuilt by adding
// Features (AddFeatures) instead of reloading and re-reading articles; the
// result is identical to adding the documents.
type Features struct {
	Title    string // as the story title would show it (the first line when the article has none)
	Outlet   string
	Day      int             // days since 1970 of publication, -1 when unknown
	Sig      *[SigLen]uint32 // MinHash signature of word 4-shingles; nil when too short
	Terms    []string        // distinct terms (stems; "\x01"+key for entities) in the order first seen
	Counts   []int32         // weighted frequency of each term (0: seen, not weighted)
	Entities []EntityFeature // Doc.Entities in order
	Quotes   []QuoteFeature  // Doc.Quotes in order
	Refs     []int32         // the days (since 1970) its dates of day precision give, sorted, at most maxRefs (the latest)
}

// EntityFeature is what resolution uses of an entity.
type EntityFeature struct {
	Name     string
	Type     verbatim.EntityType
	Roles    []string
	Mentions int // number of mentions
}

// QuoteFeature is what statement linking uses of a quote.
type QuoteFeature struct {
	Text    string // the quote's cleaned text
	SaidOn  string
	Via     string
	Speaker int // index into Entities, -1 when unattributed
}

// SigLen is the length of a MinHash signature.
const SigLen = sigLen

const sigLen = 64

// wordIter walks the words of s, calling f with each lowercased word (the
// buffer is reused: copy it to keep it), its hashWord and the offset just
// past it in s. Curly quotes and dashes separate words; other non-ASCII
// bytes are part of words.
func wordIter(s string, buf []byte, f func(w []byte, h uint64, end int)) []byte {
	buf = buf[:0]
	h := uint64(fnvOffset)
	i := 0
	flush := func() {
		if len(buf) > 0 {
			f(buf, h, i)
			buf = buf[:0]
			h = fnvOffset
		}
	}
	for i < len(s) {
		c := s[i]
		switch wordClass[c] {
		case classKeep: // a run of bytes kept as they are (most of a word)
			for {
				buf = append(buf, c)
				h = (h ^ uint64(c)) * fnvPrime
				if i++; i == len(s) {
					break
				}
				if c = s[i]; wordClass[c] != classKeep {
					break
				}
			}
			continue
		case classUpper:
			c += 32
			buf = append(buf, c)
			h = (h ^ uint64(c)) * fnvPrime
		case classSep:
			flush()
		default: // classOther: the bytes below
			switch {
			case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80:
				flush() // general punctuation: ’ “ ” – — …
				i += 2
			case c == 0xC2 && i+1 < len(s) && (s[i+1] == 0xA0 || s[i+1] == 0xAB || s[i+1] == 0xBB):
				flush()
				i++
			case c >= 0x80:
				buf = append(buf, c)
				h = (h ^ uint64(c)) * fnvPrime
			case c == '\'' || c == '.' && len(buf) > 0 && len(buf) <= 2 && i+1 < len(s) && s[i+1] >= 'A' && s[i+1] <= 'Z':
				// "don't" and "U.S." stay one word
				if c == '\'' && i+1 < len(s) && s[i+1] == 's' && (i+2 >= len(s) || !isAlnum(s[i+2])) {
					flush() // possessive 's
					i++
				}
			default:
				flush()
			}
		}
		i++
	}
	flush()
	return buf
}

// The classes of bytes for wordIter.
const (
	classSep   = iota // ends a word
	classKeep         // a-z, 0-9 and non-ASCII bytes but the two below: part of a word as it is
	classUpper        // A-Z: part of a word, lowercased
	classOther        // ' . 0xC2 0xE2: it depends on the bytes around
)

var wordClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			t[c] = classKeep
		case c >= 'A' && c <= 'Z':
			t[c] = classUpper
		case c == 0xC2 || c == 0xE2 || c == '\'' || c == '.':
			t[c] = classOther
		case c >= 0x80:
			t[c] = classKeep
		}
	}
	return t
}()

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// stem is a light English stemmer: plural "s" only.
func stem(w []byte) []byte {
	n := len(w)
	if n > 4 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i' {
		if w[n-2] == 'e' && w[n-3] == 'i' && n > 5 { // policies -> policy
			w = append(w[:n-3], 'y')
			return w
		}
		return w[:n-1]
	}
	return w
}

func allDigits(w []byte) bool {
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// hashWord is the 64-bit FNV-1a hash of w.
func hashWord(w []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range w {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

var seeds [sigLen]uint64

func init() {
	x := uint64(0x9E3779B97F4A7C15)
	for i := range seeds {
		x = mix(x + 0x9E3779B97F4A7C15)
		seeds[i] = x | 1
	}
}

// Prepare tokenises an article and counts its terms into the clusterer's
// document frequencies. It is cheap and must be called (directly or by Add)
// once per article.
func (c *Clusterer) Prepare(d *verbatim.Doc) *Prepared {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.prepare(d)
}

func (c *Clusterer) prepare(d *verbatim.Doc) *Prepared {
	p := c.prepareFeatures(FeaturesOf(d), d.ID)
	p.Doc = d
	return p
}

// FeaturesOf extracts the features of an analysed article.
func FeaturesOf(d *verbatim.Doc) *Features {
	loadLexicons()
	f := &Features{Title: titleOf(d), Outlet: d.Outlet, Day: -1}
	if d.Published != "" {
		if t, err := verbatim.ParseDate(d.Published); err == nil {
			f.Day = int(t.Unix() / 86400)
		}
	} else if !d.Ref.IsZero() {
		f.Day = int(d.Ref.Unix() / 86400)
	}
	text := d.Text
	if len(d.Clean) == len(d.Text) && d.Clean != "" {
		text = d.Clean
	}
	ts := termScratch.Get().(*termSet)
	ts.reset()
	// title words count three times
	buf := wordIter(d.Title, ts.wbuf, func(w []byte, hw uint64, _ int) {
		if w, hw = termWord(w, hw); w != nil {
			ts.addHashed(w, hw, int32(titleWeight))
		}
	})
	shs := ts.shs[:0]
	var h1, h2, h3 uint64
	nw := 0
	// the words of names are the entity terms' (below), not content words
	names := ts.spans[:0]
	if !namesInText {
		for _, m := range d.Mentions {
			if m.Kind == verbatim.NameMention && m.Entity >= 0 && m.Entity < len(d.Entities) {
				switch d.Entities[m.Entity].Type {
				case verbatim.Person, verbatim.Organization, verbatim.Place, verbatim.Group:
					names = append(names, m.Span)
				}
			}
		}
		slices.SortFunc(names, func(a, b verbatim.Span) int { return a.Start - b.Start })
	}
	ts.spans = names
	ni := 0
	ts.wbuf = wordIter(text, buf, func(w []byte, hw uint64, end int) {
		nw++
		if nw >= 4 {
			shs = append(shs, mix(h1*31^h2*17^h3*7^hw))
		}
		h1, h2, h3 = h2, h3, hw
		for ni < len(names) && names[ni].End < end {
			ni++
		}
		if ni < len(names) && names[ni].Start < end && end <= names[ni].End {
			return // in a name
		}
		if w, hw = termWord(w, hw); w != nil {
			ts.addHashed(w, hw, 1)
		}
	})
	if nw >= 12 {
		f.Sig = new([sigLen]uint32)
		minhashAll(f.Sig, shs)
	}
	ts.shs = shs
	// named entities: persons by surname (so "Trump" meets "Donald Trump"),
	// others by their whole name
	f.Entities = make([]EntityFeature, len(d.Entities))
	for i, e := range d.Entities {
		f.Entities[i] = EntityFeature{Name: e.Name, Type: e.Type, Roles: e.Roles, Mentions: len(e.Mentions)}
		if k, n := entityTerm(ts.wbuf[:0], f.Entities[i]); k != nil {
			ts.wbuf = k
			ts.add(k, n)
		}
	}
	f.Terms, f.Counts = ts.terms()
	termScratch.Put(ts)
	for _, dt := range d.Dates {
		if len(dt.Value) != 10 || dt.Value[0] == 'X' {
			continue
		}
		if t, err := time.Parse("2006-01-02", dt.Value); err == nil {
			f.Refs = append(f.Refs, int32(t.Unix()/86400))
		}
	}
	if len(f.Refs) > 0 {
		slices.Sort(f.Refs)
		f.Refs = slices.Compact(f.Refs)
		if len(f.Refs) > maxRefs {
			f.Refs = f.Refs[len(f.Refs)-maxRefs:]
		}
		f.Refs = slices.Clip(f.Refs)
	}
	f.Quotes = make([]QuoteFeature, len(d.Quotes))
	for i, q := range d.Quotes {
		text := d.Word(q.Span)
		if text == "" {
			text = d.Slice(q.Span)
		}
		f.Quotes[i] = QuoteFeature{Text: text, SaidOn: q.SaidOn, Via: d.Word(q.Via), Speaker: q.Speaker}
	}
	f.detach()
	return f
}

// entityTerm appends to buf the term of an entity, "\x01" and its kind
// (p person, o organisation, l place) then its key (a person's surname, so
// that "Trump" meets "Donald Trump"; the whole name of the others), and
// returns it with its weight: its mentions, at most five. Other entities
// have none (nil).
func entityTerm(buf []byte, e EntityFeature) ([]byte, int32) {
	var key string
	var kind byte
	switch e.Type {
	case verbatim.Person:
		key, kind = resolve.ParseName(e.Name, e.Type).Last, 'p'
	case verbatim.Organization:
		key, kind = resolve.ParseName(e.Name, e.Type).Full, 'o'
	case verbatim.Place:
		key, kind = resolve.ParseName(e.Name, e.Type).Full, 'l'
	case verbatim.Group:
		key, kind = e.Name, 'g' // "Somali" pirates, "Republican" senators
	}
	if key == "" {
		return nil, 0
	}
	return append(append(buf, 1, kind), key...), int32(max(1, min(e.Mentions, 5)))
}

// detach copies the strings of f that may be slices of the article's text
// (title, entity names and roles, quotes) into strings of their own: a
// clusterer keeps some for the life of the library, and a slice of the text
// would keep the whole text with it. The title, the names and roles, and the
// quotes get a string each: a clusterer keeps the title, the resolver its
// own copies of the names it keeps, and the quotes are dropped once they are
// kept apart (quotes.go).
func (f *Features) detach() {
	// the title apart: the clusterer keeps it for every article, the
	// names and roles only while an identity holds them (the resolver
	// copies the forms it keeps)
	f.Title = strings.Clone(f.Title)
	n := 0
	for _, e := range f.Entities {
		n += len(e.Name)
		for _, r := range e.Roles {
			n += len(r)
		}
	}
	var b strings.Builder
	b.Grow(n)
	roles := 0
	for _, e := range f.Entities {
		b.WriteString(e.Name)
		for _, r := range e.Roles {
			b.WriteString(r)
		}
		roles += len(e.Roles)
	}
	// the same strings in the same order, now slices of s
	s, off := b.String(), 0
	take := func(old string) string {
		off += len(old)
		return s[off-len(old) : off]
	}
	var rs []string
	if roles > 0 {
		rs = make([]string, 0, roles)
	}
	for i := range f.Entities {
		e := &f.Entities[i]
		e.Name = take(e.Name)
		if len(e.Roles) > 0 {
			start := len(rs)
			for _, r := range e.Roles {
				rs = append(rs, take(r))
			}
			e.Roles = rs[start:len(rs):len(rs)]
		}
	}
	n = 0
	for _, q := range f.Quotes {
		n += len(q.Text) + len(q.Via)
	}
	if n == 0 {
		return
	}
	b = strings.Builder{}
	b.Grow(n)
	for _, q := range f.Quotes {
		b.WriteString(q.Text)
		b.WriteString(q.Via)
	}
	s, off = b.String(), 0
	for i := range f.Quotes {
		q := &f.Quotes[i]
		q.Text = take(q.Text)
		q.Via = take(q.Via)
	}
}

// PrepareFeatures is Prepare for an article known by its stored features;
// id is its article id.
func (c *Clusterer) PrepareFeatures(f *Features, id string) *Prepared {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.prepareFeatures(f, id)
}

// AddFeatures prepares and adds an article known by its features.
func (c *Clusterer) AddFeatures(f *Features, id string) *Article {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.add(c.prepareFeatures(f, id))
}

// prepareFeatures interns the terms of an article (in the order they were
// first seen, so that term ids are those Add of the document gives) and
// counts them into the document frequencies.
func (c *Clusterer) prepareFeatures(f *Features, id string) *Prepared {
	p := &Prepared{f: f, id: id, counts: make([]term, 0, len(f.Terms))}
	for i, t := range f.Terms {
		tid := c.intern(t)
		if f.Counts[i] > 0 {
			p.counts = append(p.counts, term{tid, float32(f.Counts[i])})
		}
	}
	c.sortByID(p.counts)
	for _, t := range p.counts {
		c.df[t.id]++
	}
	c.nDF++
	return p
}

// termWord returns the stem of a content word (w's buffer reused), or nil
// for stop words, numbers and very short words; hw is hashWord(w).
func termWord(w []byte, hw uint64) ([]byte, uint64) {
	if len(w) < 3 || allDigits(w) {
		return nil, 0
	}
	if stopSet.has(w, hw) {
		return nil, 0
	}
	n, last := len(w), w[len(w)-1]
	if w = stem(w); len(w) != n || w[n-1] != last {
		hw = hashWord(w)
	}
	return w, hw
}

// Terms returns the distinct terms (content-word stems) of an article as
// clustering sees them; mkdf uses it to compile the background frequencies.
func Terms(d *verbatim.Doc) map[string]bool {
	c := New(Options{})
	c.prepare(d)
	out := map[string]bool{}
	for i, w := range c.words {
		if c.df[i] > bgDF[w] {
			out[w] = true
		}
	}
	return out
}

func (c *Clusterer) intern(s string) int32 {
	if id, ok := c.vocab[s]; ok {
		return id
	}
	s = strings.Clone(s) // not the article's term list it is part of
	id := int32(len(c.df))
	c.vocab[s] = id
	df := bgDF[s]
	isEnt := len(s) > 0 && s[0] == 1
	if isEnt {
		// the background counts entBackground documents for names: a name's
		// frequency in the library itself soon outweighs it
		df = int32(math.Round(float64(df) * float64(entBackground) / float64(bgN)))
	}
	c.df = append(c.df, df)
	c.words = append(c.words, s)
	c.ent = append(c.ent, isEnt)
	return id
}

// vector weights a prepared article by TF-IDF: its strongest content terms,
// unit length, strongest first, then its entity terms (participants and
// places), unit length on their own, strongest first. It returns the
// vector and where its entity part starts.
func (c *Clusterer) vector(p *Prepared) ([]term, int) {
	n := float64(c.nDF)
	nEnt := float64(c.nDF - bgN + entBackground)
	v := c.vecBuf[:0] // scratch: add copies what it keeps (addToCentroid)
	e := c.entVec[:0]
	for _, t := range p.counts {
		df := float64(c.df[t.id])
		idf := math.Log((n + 1) / max(df, 1))
		if c.ent[t.id] {
			idf = math.Log((nEnt + 1) / max(df, 1))
		}
		if idf <= 0 {
			continue
		}
		if c.opt.IDFPower != 1 {
			idf = math.Pow(idf, c.opt.IDFPower)
		}
		x := term{t.id, float32((1 + math.Log(float64(t.w))) * idf)}
		if c.ent[t.id] {
			e = append(e, x)
		} else {
			v = append(v, x)
		}
	}
	c.sortByWeight(v)
	c.sortByWeight(e)
	c.entVec = e
	if len(v) > c.opt.DocTerms {
		v = v[:c.opt.DocTerms]
	}
	if len(e) > entityTerms {
		e = e[:entityTerms]
	}
	unit(v)
	unit(e)
	k := len(v)
	v = append(v, e...)
	c.vecBuf = v
	return v, k
}

// entityTerms is the most entity terms an article vector keeps.
const entityTerms = 40

// isEntity reports whether term id is an entity key ("\x01" + kind + name).
func (c *Clusterer) isEntity(id int32) bool { return c.ent[id] }

// unit scales v to unit length.
func unit(v []term) {
	var s float64
	for _, t := range v {
		s += float64(t.w) * float64(t.w)
	}
	if s > 0 {
		inv := float32(1 / math.Sqrt(s))
		for i := range v {
			v[i].w *= inv
		}
	}
}

func dayString(day int) string {
	if day < 0 {
		return ""
	}
	return time.Unix(int64(day)*86400, 0).UTC().Format("2006-01-02")
}
