// Package synthlib builds large synthetic news libraries for scale
// benchmarks: unique articles recombined from the paragraphs of real
// articles (a corpus read at run time, e.g. ../shared/data/bbc and
// ../shared/data/wikiref220; nothing of it is in the repository), with
// varied outlets and publication dates over about two years.
//
// The articles come in events, as news does: an event takes one source
// article and a date, and several outlets report it within a few days, each
// keeping most of the source's paragraphs in order and mixing in one or two
// paragraphs of another article of the same section. The sequence is fixed
// by the seed: the first N articles of a stream of size N are a library,
// and the articles after them are later news to add to it.
package synthlib

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// source is one real article split into paragraphs.
type source struct {
	group string // section or topic: the directory, or the file-name prefix
	title string
	paras []string
}

// Corpus holds the source articles, by group.
type Corpus struct {
	arts    []source
	byGroup map[string][]int
	groups  []string
}

// Len is the number of source articles.
func (c *Corpus) Len() int { return len(c.arts) }

// Load reads every .txt file under the directories: line 1 is the
// headline, paragraphs are separated by blank lines (a text without blank
// lines is split at its lines). A file's group is its directory, or for
// files side by side the part of its name before the first '.', ' ' or '('.
// Files that are not UTF-8 are read as Latin-1.
func Load(dirs ...string) (*Corpus, error) {
	c := &Corpus{byGroup: map[string][]int{}}
	for _, dir := range dirs {
		var files []string
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".txt") && !strings.EqualFold(d.Name(), "README.TXT") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			s := toUTF8(b)
			title, paras := split(s)
			if title == "" || len(paras) < 2 {
				continue
			}
			g := filepath.Base(filepath.Dir(p))
			if strings.EqualFold(g, "WikiRef220") {
				name := filepath.Base(p)
				if i := strings.IndexAny(name, ". ("); i > 0 {
					name = name[:i]
				}
				g = "wikiref/" + name
			}
			c.byGroup[g] = append(c.byGroup[g], len(c.arts))
			c.arts = append(c.arts, source{group: g, title: title, paras: paras})
		}
	}
	if len(c.arts) == 0 {
		return nil, fmt.Errorf("synthlib: no articles under %s", strings.Join(dirs, ", "))
	}
	for g := range c.byGroup {
		c.groups = append(c.groups, g)
	}
	sort.Strings(c.groups)
	return c, nil
}

func toUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// split returns the headline and the paragraphs (of 40 bytes or more).
func split(s string) (string, []string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimSpace(s)
	title, body, _ := strings.Cut(s, "\n")
	title = strings.TrimSpace(title)
	blocks := strings.Split(body, "\n\n")
	if len(blocks) < 3 {
		blocks = strings.Split(body, "\n")
	}
	var paras []string
	for _, p := range blocks {
		p = strings.Join(strings.Fields(p), " ")
		if len(p) >= 40 {
			paras = append(paras, p)
		}
	}
	return title, paras
}

// Article is one generated article, as a JSON Lines input record.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

var outlets = []string{
	"Reuters", "Associated Press", "AFP", "BBC News", "The Guardian", "The Times", "Financial Times",
	"The New York Times", "The Washington Post", "Bloomberg", "Le Monde", "Der Spiegel", "El País",
	"The Independent", "Sky News", "CNN", "Al Jazeera", "The Irish Times", "The Hindu", "ABC News",
	"Daily Telegraph", "The Economist", "Politico", "Deutsche Welle", "NPR", "The Atlantic",
	"Evening Standard", "The Scotsman", "Sydney Morning Herald", "Toronto Star",
}

// Generator yields the articles of a library in order.
type Generator struct {
	c      *Corpus
	rng    *rand.Rand
	seed   int64
	size   int       // the library size dates are spread over
	start  time.Time // first publication date
	days   int       // dates span [start, start+days) for the first size articles
	n      int       // articles generated
	seen   map[uint64]bool
	event  []Article // the rest of the current event
	evDate time.Time
}

// NewGenerator returns the generator of a library of size articles over
// days days from start (later articles continue at the same pace).
func NewGenerator(c *Corpus, seed int64, size, days int, start time.Time) *Generator {
	if size < 1 {
		size = 1
	}
	if days < 1 {
		days = 1
	}
	return &Generator{c: c, rng: rand.New(rand.NewSource(seed)), seed: seed, size: size, start: start, days: days, seen: map[uint64]bool{}}
}

// Next returns the next article.
func (g *Generator) Next() Article {
	if len(g.event) == 0 {
		g.newEvent()
	}
	a := g.event[0]
	g.event = g.event[1:]
	g.n++
	return a
}

// newEvent draws an event: a source article, a date and its reports.
func (g *Generator) newEvent() {
	r := g.rng
	base := &g.c.arts[r.Intn(len(g.c.arts))]
	// the day of the event follows the article count (about the same
	// number of articles a day over the span)
	day := int(int64(g.n) * int64(g.days) / int64(g.size))
	g.evDate = g.start.AddDate(0, 0, day)
	// reports: 1 + geometric, mean about 4
	k := 1
	for k < 20 && r.Float64() < 0.75 {
		k++
	}
	kin := g.c.byGroup[base.group]
	used := map[string]bool{}
	for j := 0; j < k; j++ {
		outlet := outlets[r.Intn(len(outlets))]
		for used[outlet] && len(used) < len(outlets) {
			outlet = outlets[r.Intn(len(outlets))]
		}
		used[outlet] = true
		date := g.evDate.AddDate(0, 0, r.Intn(3))
		var text string
		for try := 0; ; try++ {
			text = g.compose(base, kin, try)
			h := fnv.New64a()
			io.WriteString(h, text)
			if s := h.Sum64(); !g.seen[s] {
				g.seen[s] = true
				break
			}
		}
		title := base.title
		if r.Float64() < 0.3 {
			title = outlet + ": " + title
		}
		g.event = append(g.event, Article{
			ID:        fmt.Sprintf("syn%d-%07d", g.seed, g.n+len(g.event)),
			Title:     title,
			Outlet:    outlet,
			Published: date.Format("2006-01-02"),
			Text:      text,
		})
	}
}

// compose writes one report of base: most of its paragraphs in order, one
// or two of a kin article inserted, more of them on retries (until unique).
func (g *Generator) compose(base *source, kin []int, try int) string {
	r := g.rng
	var ps []string
	for i, p := range base.paras {
		if i < 2 || r.Float64() < 0.75 {
			ps = append(ps, p)
		}
	}
	extra := 1 + r.Intn(2) + try
	for e := 0; e < extra; e++ {
		var o *source
		if len(kin) > 1 && r.Float64() < 0.8 {
			o = &g.c.arts[kin[r.Intn(len(kin))]]
		} else {
			o = &g.c.arts[r.Intn(len(g.c.arts))]
		}
		p := o.paras[r.Intn(len(o.paras))]
		at := 1 + r.Intn(len(ps))
		ps = append(ps[:at], append([]string{p}, ps[at:]...)...)
	}
	return strings.Join(ps, "\n\n") + "\n"
}

// Write writes n articles as JSON Lines.
func (g *Generator) Write(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := 0; i < n; i++ {
		if err := enc.Encode(g.Next()); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// WriteFile writes the next n articles to a JSON Lines file.
func (g *Generator) WriteFile(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := g.Write(f, n); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
