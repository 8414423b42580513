package resolve

import (
	"errors"
	"slices"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/binenc"
)

// AppendBinary appends the resolver's identities (names, aliases, roles,
// counts, context), its interned context names and their document
// frequencies to buf, so that
// resolution can continue from them (Decode) without re-adding every
// article. Decisions are not included: a snapshot continues with none.
func (r *Resolver) AppendBinary(buf []byte) []byte { return r.WriteBinary(buf, 0, nil) }

// WriteBinary is AppendBinary in parts: whenever buf holds part bytes or
// more after a name or an identity, it is passed to flush, which returns the
// buffer to continue in (usually buf[:0]); the rest is returned. The parts
// and the rest, in order, are the bytes AppendBinary gives (at 50,000
// articles about 12 MB, which a buffer grown by doubling held up to twice
// over).
func (r *Resolver) WriteBinary(buf []byte, part int, flush func([]byte) []byte) []byte {
	more := func() {
		if flush != nil && len(buf) >= part {
			buf = flush(buf)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	flags := byte(2) // bit 1: document frequencies follow the context names
	if r.KeepApart {
		flags |= 1
	}
	buf = append(buf, flags)
	names := make([]string, len(r.ctxIDs))
	for s, id := range r.ctxIDs {
		names[id] = s
	}
	buf = binenc.AppendUint(buf, uint64(len(names)))
	for _, s := range names {
		buf = binenc.AppendStr(buf, s)
		more()
	}
	buf = binenc.AppendUint(buf, uint64(r.nArts))
	for id := range names {
		df := 0
		if id < len(r.df) {
			df = int(r.df[id])
		}
		buf = binenc.AppendUint(buf, uint64(df))
		more()
	}
	buf = binenc.AppendUint(buf, uint64(len(r.Entities)))
	var keys []string
	for _, e := range r.Entities {
		buf = binenc.AppendStr(buf, e.ID)
		buf = binenc.AppendStr(buf, e.Name)
		buf = binenc.AppendStr(buf, string(e.Type))
		buf = binenc.AppendUint(buf, uint64(e.Articles))
		buf = binenc.AppendStr(buf, e.name.First)
		buf = binenc.AppendStr(buf, e.name.Last)
		buf = binenc.AppendStr(buf, e.name.Full)
		for _, m := range []map[string]int{e.Aliases, e.Roles} {
			keys = keys[:0]
			for k := range m {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			buf = binenc.AppendUint(buf, uint64(len(keys)))
			for _, k := range keys {
				buf = binenc.AppendStr(buf, k)
				buf = binenc.AppendUint(buf, uint64(m[k]))
			}
		}
		buf = binenc.AppendUint(buf, uint64(len(e.context)))
		prev := int32(0)
		for _, id := range e.context { // sorted
			buf = binenc.AppendUint(buf, uint64(id-prev))
			prev = id
		}
		more()
	}
	return buf
}

var errSnapshot = errors.New("resolve: malformed snapshot")

// Decode reads a resolver written by AppendBinary.
func Decode(d *binenc.Decoder) (*Resolver, error) {
	r := New()
	flags := d.Byte()
	r.KeepApart = flags&1 != 0
	n := d.Count()
	for i := range n {
		r.ctxIDs[d.Str()] = int32(i)
	}
	if flags&2 != 0 { // older snapshots have none: frequencies start afresh
		r.nArts = int(d.Uint())
		r.df = make([]int32, n)
		for i := range r.df {
			r.df[i] = int32(d.Uint())
		}
	}
	r.Entities = make([]*Entity, 0, d.Count())
	for k := 0; k < cap(r.Entities) && !d.Bad; k++ {
		e := &Entity{ID: d.Str(), Name: d.Str(), Type: verbatim.EntityType(d.Str()), Articles: int(d.Uint())}
		e.name = Name{First: d.Str(), Last: d.Str(), Full: d.Str()}
		for i := range 2 {
			m := map[string]int{}
			for range d.Count() {
				m[d.Str()] = int(d.Uint())
			}
			if i == 0 {
				e.Aliases = m
			} else if len(m) > 0 {
				e.Roles = m
			}
		}
		if nc := d.Count(); nc > 0 {
			e.context = make([]int32, nc)
			id := int32(0)
			for k := range e.context {
				id += int32(d.Uint())
				e.context[k] = id
			}
		}
		if _, dup := r.byID[e.ID]; dup || e.ID == "" {
			return nil, errSnapshot
		}
		r.Entities = append(r.Entities, e)
		r.byID[e.ID] = k
		r.index(k)
	}
	if d.Bad {
		return nil, errSnapshot
	}
	return r, nil
}
