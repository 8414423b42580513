package storekit

import (
	"encoding/base64"
	"encoding/json"
	"strconv"

	"github.com/verbatim-news/verbatim"
)

// Keyset paging. A cursor holds the order of a listing and the sort key of
// the last row of a page: the next page is read from the index where that
// one stopped (WHERE key < last ORDER BY key LIMIT n), so page 5,000 costs
// what page 1 does, where an offset reads and drops every row before it.
// An order with no key an index gives (relevance) keeps its offset in the
// cursor. Cursors are opaque to readers: base64 of a small JSON array.

// Cursor is a decoded cursor: the listing's order and the last row's key
// (Day: its day or publication date, or a story's last day; N: a story's
// size; ID: the row's id), or, for a ranked order, the offset of the next
// page.
type Cursor struct {
	Sort   string
	Day    string
	N      int64
	ID     int64
	Offset int
}

// Encode writes the cursor.
func (c Cursor) Encode() string {
	b, _ := json.Marshal([]any{c.Sort, c.Day, c.N, c.ID, c.Offset})
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseCursor reads a cursor a listing sorted by sort gave; "" is no
// cursor (the first page). A cursor of another order, or not one, is a
// *verbatim.QueryError.
func ParseCursor(s, sort string) (*Cursor, error) {
	if s == "" {
		return nil, nil
	}
	bad := &verbatim.QueryError{Msg: "cursor: " + strconv.Quote(s) + " is not a cursor of this listing (give the next of its previous page)"}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	var v []json.RawMessage
	if json.Unmarshal(b, &v) != nil || len(v) != 5 {
		return nil, bad
	}
	var c Cursor
	for i, dst := range []any{&c.Sort, &c.Day, &c.N, &c.ID, &c.Offset} {
		if json.Unmarshal(v[i], dst) != nil {
			return nil, bad
		}
	}
	if c.Sort != sort || c.Offset < 0 {
		return nil, bad
	}
	return &c, nil
}

// KeysetCond is the condition that keeps the rows after the cursor's in a
// listing ordered by day (col, a date column where ” is undated) and id
// (idCol): newest (day DESC, id DESC, undated last), oldest (undated last,
// day, id) or added (id DESC). It returns "" for a ranked order (the
// cursor's offset pages it). arg binds a value and returns its placeholder.
func KeysetCond(c *Cursor, col, idCol string, arg func(any) string) string {
	switch c.Sort {
	case verbatim.SortNewest:
		if c.Day == "" { // in the undated tail
			return `(` + col + ` = '' AND ` + idCol + ` < ` + arg(c.ID) + `)`
		}
		return `((` + col + `, ` + idCol + `) < (` + arg(c.Day) + `, ` + arg(c.ID) + `))`
	case verbatim.SortOldest:
		if c.Day == "" {
			return `(` + col + ` = '' AND ` + idCol + ` > ` + arg(c.ID) + `)`
		}
		return `(` + col + ` = '' OR (` + col + `, ` + idCol + `) > (` + arg(c.Day) + `, ` + arg(c.ID) + `))`
	case verbatim.SortAdded:
		return idCol + ` < ` + arg(c.ID)
	}
	return ""
}

// Round rounds an estimated count to three significant digits (12,437 is
// about 12,400), as it is shown.
func Round(n int) int {
	if n < 1000 {
		return n
	}
	p := 1
	for n/p >= 1000 {
		p *= 10
	}
	return (n + p/2) / p * p
}
