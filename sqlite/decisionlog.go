package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"slices"
	"strings"

	"github.com/verbatim-news/verbatim/internal/storekit"
	"github.com/verbatim-news/verbatim/resolve"
)

// decisionLog holds the resolution decisions a grouper took since it last
// committed, compactly encoded as they are taken (a few tens of bytes each
// instead of a resolve.Decision and its strings: a library of 10,000
// articles takes about 300,000), until the commit writes them as JSON lines
// (appendDecisions' rows). Records, in the order the decisions were taken:
// the person's index in persons (uvarint), a flags byte (the kind in its low
// bits, kindOther: the kind follows as a string; logArticle: the article id
// follows, else it is the previous record's), then the mention and the
// reason; strings are a uvarint length then the bytes. A record never spans
// two blocks.
type decisionLog struct {
	blocks  [][]byte
	persons []string         // Decision.Into by index
	index   map[string]int32 // Decision.Into -> index in persons
	article string           // of the last record
	n       int              // records
}

const (
	logBlock   = 1 << 20
	kindOther  = 3
	logArticle = 4
)

var (
	logKinds     = [...]string{"new", "merge", "apart"}
	logKindBytes = [...][]byte{[]byte("new"), []byte("merge"), []byte("apart")}
)

// take moves the resolver's decisions into the log.
func (l *decisionLog) take(r *resolve.Resolver) {
	for i := range r.Decisions {
		l.add(&r.Decisions[i])
	}
	clear(r.Decisions)
	r.Decisions = r.Decisions[:0]
}

func (l *decisionLog) add(d *resolve.Decision) {
	p, ok := l.index[d.Into]
	if !ok {
		if l.index == nil {
			l.index = map[string]int32{}
		}
		p = int32(len(l.persons))
		l.index[d.Into] = p
		l.persons = append(l.persons, d.Into)
	}
	flags := byte(kindOther)
	for k, s := range logKinds {
		if s == d.Kind {
			flags = byte(k)
		}
	}
	size := 2*binary.MaxVarintLen64 + 1 + len(d.Mention) + len(d.Reason)
	if flags == kindOther {
		size += binary.MaxVarintLen64 + len(d.Kind)
	}
	newArticle := l.n == 0 || d.Article != l.article
	if newArticle {
		flags |= logArticle
		size += binary.MaxVarintLen64 + len(d.Article)
		l.article = d.Article
	}
	var b []byte
	if k := len(l.blocks) - 1; k >= 0 && cap(l.blocks[k])-len(l.blocks[k]) >= size {
		b = l.blocks[k]
	} else {
		b = make([]byte, 0, max(logBlock, size))
		l.blocks = append(l.blocks, b)
	}
	b = binary.AppendUvarint(b, uint64(p))
	b = append(b, flags)
	if flags&3 == kindOther {
		b = appendLogStr(b, d.Kind)
	}
	if newArticle {
		b = appendLogStr(b, d.Article)
	}
	b = appendLogStr(b, d.Mention)
	b = appendLogStr(b, d.Reason)
	l.blocks[len(l.blocks)-1] = b
	l.n++
}

func appendLogStr(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// logRecord is a decoded record; its strings are slices of the log.
type logRecord struct {
	person                         int32
	kind, article, mention, reason []byte
}

// read decodes the record at b[i:] (article: the previous record's) and
// returns it with the offset of the next.
func readLogRecord(b []byte, i int, article []byte) (logRecord, int) {
	var r logRecord
	p, n := binary.Uvarint(b[i:])
	i += n
	r.person = int32(p)
	flags := b[i]
	i++
	str := func() []byte {
		k, n := binary.Uvarint(b[i:])
		i += n
		s := b[i : i+int(k)]
		i += int(k)
		return s
	}
	if flags&3 == kindOther {
		r.kind = str()
	} else {
		r.kind = logKindBytes[flags&3]
	}
	r.article = article
	if flags&logArticle != 0 {
		r.article = str()
	}
	r.mention = str()
	r.reason = str()
	return r, i
}

// write adds each person's logged decisions from record from up to record
// to as its part `part` of person_decision_parts (appended to that part if
// it exists: a person's parts in order still give its lines), persons
// in id order, a few hundred rows per statement so that the rows are never
// all in memory. A part is the commit's grouped_through: a later commit's
// part comes after.
func (l *decisionLog) write(ctx context.Context, tx *sql.Tx, from, to int, part int64) error {
	if from >= to {
		return nil
	}
	// chain each person's records: first[p] and last[p], next[r] the record
	// after r of its person; at[r] its block and offset, art[r] its article
	// id's bytes (in the record that gave it)
	type pos struct{ block, off int32 }
	type str struct{ block, off, n int32 }
	first := make([]int32, len(l.persons))
	last := make([]int32, len(l.persons))
	for i := range first {
		first[i] = -1
	}
	next := make([]int32, l.n)
	at := make([]pos, l.n)
	art := make([]str, l.n)
	r := int32(0)
	var artAt str
	for bi, b := range l.blocks {
		for i := 0; i < len(b); r++ {
			rec, end := readLogRecord(b, i, nil)
			if rec.article != nil {
				// records that follow without an article id have this one's
				off := cap(b) - cap(rec.article) // rec.article is b[off:off+len]
				artAt = str{int32(bi), int32(off), int32(len(rec.article))}
			}
			at[r], art[r] = pos{int32(bi), int32(i)}, artAt
			next[r] = -1
			if int(r) < from || int(r) >= to {
				i = end
				continue
			}
			if first[rec.person] < 0 {
				first[rec.person] = r
			} else {
				next[last[rec.person]] = r
			}
			last[rec.person] = r
			i = end
		}
	}
	order := make([]int32, len(l.persons))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(l.persons[a], l.persons[b]) })
	rows := newBulk(`INSERT INTO person_decision_parts(person_id, part, decisions) VALUES `, 3)
	rows.tail = ` ON CONFLICT(person_id, part) DO UPDATE SET decisions = decisions || excluded.decisions`
	var line []byte
	order = slices.DeleteFunc(order, func(p int32) bool { return first[p] < 0 })
	for k, p := range order {
		line = line[:0]
		for r := first[p]; r >= 0; r = next[r] {
			a := art[r]
			rec, _ := readLogRecord(l.blocks[at[r].block], int(at[r].off), l.blocks[a.block][a.off:a.off+a.n])
			line = append(line, '[')
			line = storekit.AppendJSONString(line, rec.kind)
			line = append(line, ',')
			line = storekit.AppendJSONString(line, rec.article)
			line = append(line, ',')
			line = storekit.AppendJSONString(line, rec.mention)
			line = append(line, ',')
			line = storekit.AppendJSONString(line, rec.reason)
			line = append(line, ']', '\n')
		}
		rows.add(l.persons[p], part, string(line))
		if len(rows.vals) >= rows.chunk()*rows.cols || k == len(order)-1 {
			if err := flushAll(ctx, tx, rows); err != nil {
				return err
			}
		}
	}
	return nil
}
