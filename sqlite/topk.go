package sqlite

import (
	"context"
	"sort"
	"sync"
)

// A search by words ordered by date reads its page without sorting every
// match. The full-text index yields matches in row id order, and a library
// grows in about the order of its news: a quote's id says roughly when it
// was said. So the matches are read newest id first, a batch at a time,
// keeping the best rows so far; the scan stops as soon as no quote with a
// lower id can be said later than the page's last row. That bound comes
// from the day zone map: the latest (and earliest) day of every block of
// 4,096 consecutive quote ids, kept in memory and extended as quotes are
// added (quotes are never deleted nor their days changed, so a block's
// bounds only move when new ids come). The page is exactly the one a full
// sort gives; a library stored out of date order only stops later (in the
// worst case after every match, as a sort would).

const blockShift = 12 // 4,096 quote ids a block

// dayZones is the zone map of quotes.day by block of ids.
type dayZones struct {
	mu      sync.Mutex
	through int64    // the highest quote id read into the map
	max     []string // per block: the latest day ("" none dated)
	min     []string // per block: the earliest dated day ("" none)
}

// refresh extends the map to the quotes stored since it was last read.
func (z *dayZones) refresh(ctx context.Context, s *DB) error {
	var top int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM quotes`).Scan(&top); err != nil {
		return err
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	if top <= z.through {
		return nil
	}
	// the new rows join their blocks' bounds (a bound only widens); the
	// first reading takes (id, day) from the day index, a tenth of the
	// table's size, later ones the new rows by id
	q := `SELECT id, day FROM quotes WHERE id > ?1 AND id <= ?2`
	if z.through == 0 {
		q = `SELECT id, day FROM quotes INDEXED BY quotes_day WHERE ?1 = 0 AND id <= ?2`
	}
	rows, err := s.db.QueryContext(ctx, q, z.through, top)
	if err != nil {
		return err
	}
	defer rows.Close()
	var id int64
	var day string
	for rows.Next() {
		if err := rows.Scan(&id, &day); err != nil {
			return err
		}
		b := id >> blockShift
		for int64(len(z.max)) <= b {
			z.max, z.min = append(z.max, ""), append(z.min, "")
		}
		if day > z.max[b] {
			z.max[b] = day
		}
		if day != "" && (z.min[b] == "" || day < z.min[b]) {
			z.min[b] = day
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	z.through = top
	return nil
}

// latestBelow is the latest day of the quotes with id < id (a bound: the
// whole block of id - 1 counts).
func (z *dayZones) latestBelow(id int64) string {
	z.mu.Lock()
	defer z.mu.Unlock()
	d := ""
	for b := min((id-1)>>blockShift, int64(len(z.max))-1); b >= 0; b-- {
		d = max(d, z.max[b])
	}
	return d
}

// earliestAbove is the earliest dated day of the quotes with id > id, ""
// when none is dated.
func (z *dayZones) earliestAbove(id int64) string {
	z.mu.Lock()
	defer z.mu.Unlock()
	d := ""
	for b := max((id+1)>>blockShift, 0); b < int64(len(z.min)); b++ {
		if m := z.min[b]; m != "" && (d == "" || m < d) {
			d = m
		}
	}
	return d
}

type dayRow struct {
	id  int64
	day string
}

// topByDay returns the ids of a page of a full-text plan ordered newest
// (oldest: false) or oldest first: the rows offset to offset+limit.
func (s *DB) topByDay(ctx context.Context, p *searchPlan, from string, oldest bool, limit, offset int) ([]int64, error) {
	if err := s.zones.refresh(ctx, s); err != nil {
		return nil, queryErr(err)
	}
	k := offset + limit
	before := func(a, b dayRow) bool { // a comes first
		if oldest {
			if (a.day == "") != (b.day == "") {
				return b.day == ""
			}
			if a.day != b.day {
				return a.day < b.day
			}
			return a.id < b.id
		}
		if a.day != b.day {
			return a.day > b.day
		}
		return a.id > b.id
	}
	var best []dayRow // sorted, at most k
	dir, cmp := `DESC`, `<`
	var edge int64 = 1 << 62
	if oldest {
		dir, cmp, edge = `ASC`, `>`, -1
	}
	q := `SELECT q.id, q.day FROM ` + from + p.whereSQL()
	if len(p.where) == 0 {
		q += ` WHERE `
	} else {
		q += ` AND `
	}
	q += `f.rowid ` + cmp + ` ? ORDER BY f.rowid ` + dir + ` LIMIT ?`
	batch := 64
	for {
		rows, err := s.db.QueryContext(ctx, q, append(append([]any(nil), p.args...), edge, batch)...)
		if err != nil {
			return nil, queryErr(err)
		}
		n := 0
		for rows.Next() {
			var r dayRow
			if err := rows.Scan(&r.id, &r.day); err != nil {
				rows.Close()
				return nil, queryErr(err)
			}
			n++
			edge = r.id
			if len(best) == k && !before(r, best[k-1]) {
				continue
			}
			i := sort.Search(len(best), func(i int) bool { return before(r, best[i]) })
			best = append(best, dayRow{})
			copy(best[i+1:], best[i:])
			best[i] = r
			if len(best) > k {
				best = best[:k]
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, queryErr(err)
		}
		if n < batch {
			break // every match read
		}
		if len(best) == k {
			last := best[k-1]
			if oldest {
				if e := s.zones.earliestAbove(edge); e == "" || (last.day != "" && e >= last.day) {
					break
				}
			} else if s.zones.latestBelow(edge) <= last.day {
				break
			}
		}
		batch = min(batch*2, 4096)
	}
	var ids []int64
	for i := offset; i < len(best); i++ {
		ids = append(ids, best[i].id)
	}
	return ids, nil
}

// rankWindow is the most matches a search by words ranks by relevance:
// bm25 reads every match's size and term counts (about 6 µs a match), so a
// common word over a large library would cost in proportion to it. Past
// rankWindow matches, the newest rankWindow are ranked (Count.RankedWithin
// says so); below it, the ranking is over every match, as before.
var rankWindow = 2000 // a variable: tests of small libraries scale it down

// rankBound returns the lowest row id of the newest rankWindow matches of
// a full-text query (fts: the index table), 0 when it has fewer.
func (s *DB) rankBound(ctx context.Context, fts, match string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce((SELECT rowid FROM `+fts+` WHERE `+fts+` MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?), 0)`,
		match, rankWindow-1).Scan(&id)
	return id, queryErr(err)
}

// Warm reads what searches read once per process (the day zone map: 1.3 s
// at 1.3M quotes), so that the first search after a server starts does
// not wait for it. verbatim serve calls it in the background.
func (s *DB) Warm(ctx context.Context) error { return s.zones.refresh(ctx, s) }
