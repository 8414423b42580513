package stories

import (
	_ "embed"
	"math"
	"slices"
	"strconv"
	"strings"
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
	bgDF      = map[string]int32{}
	bgN       int
)

func init() {
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
}

// term is a weighted feature: a word stem or a named entity.
type term struct {
	id int32
	w  float32
}

// Feature weights: a title word counts titleWeight times, and each mention
// of a named entity (up to five) entityWeight times. Entities are off (0):
// their names are already words of the text, and doubling them let articles
// that merely share a politician join (WikiRef220 F1 0.877 without, 0.849 at
// 1, 0.780 at 2 on the defaults; BBC politics largest story 34 without,
// 43 at 1).
var titleWeight, entityWeight = 3, 0

// Prepared is an article reduced to what clustering needs. Preparing all
// articles before adding them (Batch) gives every article the document
// frequencies of the whole collection; online use prepares and adds one at a
// time.
type Prepared struct {
	Doc    *verbatim.Doc
	counts []term          // raw weighted term frequencies, by id
	sig    *[sigLen]uint32 // MinHash signature of word 4-shingles; nil when too short
	day    int             // days since 1970 of publication, -1 when unknown
}

const sigLen = 64

// wordIter walks the words of s, calling f with each lowercased word (the
// buffer is reused: copy it to keep it). Curly quotes and dashes separate
// words; other non-ASCII bytes are part of words.
func wordIter(s string, buf []byte, f func(w []byte)) []byte {
	buf = buf[:0]
	flush := func() {
		if len(buf) > 0 {
			f(buf)
			buf = buf[:0]
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			buf = append(buf, c)
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+32)
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80:
			flush() // general punctuation: ’ “ ” – — …
			i += 2
		case c == 0xC2 && i+1 < len(s) && (s[i+1] == 0xA0 || s[i+1] == 0xAB || s[i+1] == 0xBB):
			flush()
			i++
		case c >= 0x80:
			buf = append(buf, c)
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
	flush()
	return buf
}

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

func hashWord(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

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
	p := &Prepared{Doc: d, day: -1}
	if d.Published != "" {
		if t, err := verbatim.ParseDate(d.Published); err == nil {
			p.day = int(t.Unix() / 86400)
		}
	} else if !d.Ref.IsZero() {
		p.day = int(d.Ref.Unix() / 86400)
	}
	text := d.Text
	if len(d.Clean) == len(d.Text) && d.Clean != "" {
		text = d.Clean
	}
	ids := c.idsBuf[:0]
	// title words count three times
	title := d.Title
	c.wbuf = wordIter(title, c.wbuf, func(w []byte) {
		if id := c.termID(w); id >= 0 {
			for k := 0; k < titleWeight; k++ {
				ids = append(ids, id)
			}
		}
	})
	var sig [sigLen]uint32
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	var h1, h2, h3 uint64
	nw := 0
	c.wbuf = wordIter(text, c.wbuf, func(w []byte) {
		hw := hashWord(w)
		nw++
		if nw >= 4 {
			sh := mix(h1*31 ^ h2*17 ^ h3*7 ^ hw)
			for i := range sig {
				v := uint32(((sh ^ seeds[i]) * 0x9E3779B97F4A7C15) >> 32)
				if v < sig[i] {
					sig[i] = v
				}
			}
		}
		h1, h2, h3 = h2, h3, hw
		if id := c.termID(w); id >= 0 {
			ids = append(ids, id)
		}
	})
	if nw >= 12 {
		p.sig = &sig
	}
	// named entities: persons by surname (so "Trump" meets "Donald Trump"),
	// others by their whole name
	for _, e := range d.Entities {
		var key string
		switch e.Type {
		case verbatim.Person:
			key = resolve.ParseName(e.Name, e.Type).Last
		case verbatim.Organization, verbatim.Place:
			key = resolve.ParseName(e.Name, e.Type).Full
		default:
			continue
		}
		if key == "" {
			continue
		}
		id := c.intern("\x01" + key)
		for k := 0; k < entityWeight*max(1, min(len(e.Mentions), 5)); k++ {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for i := 0; i < len(ids); {
		j := i
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		p.counts = append(p.counts, term{ids[i], float32(j - i)})
		c.df[ids[i]]++
		i = j
	}
	c.idsBuf = ids
	c.nDF++
	return p
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

// termID returns the id of a content word (interning it), or -1 for stop
// words, numbers and very short words.
func (c *Clusterer) termID(w []byte) int32 {
	if len(w) < 3 || allDigits(w) {
		return -1
	}
	if stopwords[string(w)] {
		return -1
	}
	w = stem(w)
	if id, ok := c.vocab[string(w)]; ok {
		return id
	}
	return c.intern(string(w))
}

func (c *Clusterer) intern(s string) int32 {
	if id, ok := c.vocab[s]; ok {
		return id
	}
	id := int32(len(c.df))
	c.vocab[s] = id
	c.df = append(c.df, bgDF[s])
	c.words = append(c.words, s)
	return id
}

// vector weights a prepared article by TF-IDF and keeps its strongest
// terms, unit length, strongest first.
func (c *Clusterer) vector(p *Prepared) []term {
	n := float64(c.nDF)
	v := make([]term, 0, len(p.counts))
	for _, t := range p.counts {
		df := float64(c.df[t.id])
		idf := math.Log((n + 1) / max(df, 1))
		if idf <= 0 {
			continue
		}
		if c.opt.IDFPower != 1 {
			idf = math.Pow(idf, c.opt.IDFPower)
		}
		v = append(v, term{t.id, float32((1 + math.Log(float64(t.w))) * idf)})
	}
	slices.SortFunc(v, func(a, b term) int {
		if a.w > b.w {
			return -1
		}
		if a.w < b.w {
			return 1
		}
		return int(a.id - b.id)
	})
	if len(v) > c.opt.DocTerms {
		v = v[:c.opt.DocTerms]
	}
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
	return v
}

func dayString(day int) string {
	if day < 0 {
		return ""
	}
	return time.Unix(int64(day)*86400, 0).UTC().Format("2006-01-02")
}
