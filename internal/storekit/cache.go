package storekit

import (
	"strconv"
	"sync"

	"github.com/verbatim-news/verbatim"
)

// Cached keeps a summary of a library (its outlets, its counts) until the
// library changes: gen names its state (Generation), and a value loaded
// for another state is loaded again.
type Cached[T any] struct {
	mu  sync.Mutex
	gen string
	v   T
	ok  bool
}

// Get returns the value for the library state gen, loading it when the
// one kept is of another state (or none is kept).
func (c *Cached[T]) Get(gen string, load func() (T, error)) (T, error) {
	c.mu.Lock()
	if c.ok && c.gen == gen {
		v := c.v
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()
	v, err := load()
	if err == nil {
		c.mu.Lock()
		c.gen, c.v, c.ok = gen, v, true
		c.mu.Unlock()
	}
	return v, err
}

// GenerationSQL reads what Generation is made of: the highest article and
// quote ids (each store stores them in increasing order).
const GenerationSQL = `SELECT coalesce((SELECT max(id) FROM articles), 0), coalesce((SELECT max(id) FROM quotes), 0)`

// Generation names a library's state from its highest article and quote
// ids: it changes whenever an article or a quote is stored, by any process.
func Generation(article, quote int64) string {
	return strconv.FormatInt(article, 10) + "/" + strconv.FormatInt(quote, 10)
}

// StatsSQL reads the counts of a library that only a new article or quote
// changes (verbatim.StoreStats but its speakers and stories, which a
// grouping changes too): statements as search counts them; outlets is the
// SQL that counts the outlets.
func StatsSQL(outlets string) string {
	return `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes q WHERE ` + StatementCond + `), (` + outlets + `),
		coalesce((SELECT min(published) FROM articles WHERE published <> ''), ''),
		coalesce((SELECT max(published) FROM articles), ''), (SELECT count(*) FROM articles WHERE published = '')`
}

// StatsDest is where a row of StatsSQL is scanned.
func StatsDest(st *verbatim.StoreStats) []any {
	return []any{&st.Articles, &st.Quotes, &st.Outlets, &st.First, &st.Last, &st.Undated}
}
