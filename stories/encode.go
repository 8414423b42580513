package stories

import (
	"errors"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/binenc"
)

// featuresVersion is the first byte of encoded Features. Version 2: entity
// terms carry their kind ("\x01p" person, "o" organisation, "l" place) and
// count their mentions; the days the article gives (Refs) follow the
// quotes.
const featuresVersion = 2

// AppendBinary appends the compact binary encoding of f to buf (varints and
// length-prefixed strings; a library stores it per article).
func (f *Features) AppendBinary(buf []byte) []byte {
	buf = append(buf, featuresVersion)
	buf = binenc.AppendStr(buf, f.Title)
	buf = binenc.AppendStr(buf, f.Outlet)
	buf = binenc.AppendInt(buf, int64(f.Day))
	if f.Sig == nil {
		buf = append(buf, 0)
	} else {
		buf = append(buf, 1)
		for _, v := range f.Sig {
			buf = binenc.AppendU32(buf, v)
		}
	}
	buf = binenc.AppendUint(buf, uint64(len(f.Terms)))
	for i, t := range f.Terms {
		buf = binenc.AppendStr(buf, t)
		buf = binenc.AppendUint(buf, uint64(f.Counts[i]))
	}
	buf = binenc.AppendUint(buf, uint64(len(f.Entities)))
	for _, e := range f.Entities {
		buf = binenc.AppendStr(buf, e.Name)
		buf = binenc.AppendStr(buf, string(e.Type))
		buf = binenc.AppendUint(buf, uint64(len(e.Roles)))
		for _, r := range e.Roles {
			buf = binenc.AppendStr(buf, r)
		}
		buf = binenc.AppendUint(buf, uint64(e.Mentions))
	}
	buf = binenc.AppendUint(buf, uint64(len(f.Quotes)))
	for _, q := range f.Quotes {
		buf = binenc.AppendStr(buf, q.Text)
		buf = binenc.AppendStr(buf, q.SaidOn)
		buf = binenc.AppendStr(buf, q.Via)
		buf = binenc.AppendInt(buf, int64(q.Speaker))
	}
	buf = binenc.AppendUint(buf, uint64(len(f.Refs)))
	for _, r := range f.Refs {
		buf = binenc.AppendInt(buf, int64(r))
	}
	return buf
}

var errFeatures = errors.New("stories: malformed features")

// DecodeFeatures decodes what AppendBinary encoded. The strings of the
// result share one copy of data. Features of version 1 (entity terms
// without kind or weight, no dates) are brought to the current version:
// their entity terms are made again from their entities; they give no
// dates.
func DecodeFeatures(data []byte) (*Features, error) {
	d := binenc.NewDecoder(data)
	v := d.Byte()
	if v != 1 && v != featuresVersion {
		return nil, errFeatures
	}
	f := &Features{Title: d.Str(), Outlet: d.Str(), Day: int(d.Int())}
	if d.Byte() == 1 {
		var sig [sigLen]uint32
		for i := range sig {
			sig[i] = d.U32()
		}
		f.Sig = &sig
	}
	n := d.Count()
	f.Terms, f.Counts = make([]string, n), make([]int32, n)
	for i := range n {
		f.Terms[i] = d.Str()
		f.Counts[i] = int32(d.Uint())
	}
	f.Entities = make([]EntityFeature, d.Count())
	for i := range f.Entities {
		e := &f.Entities[i]
		e.Name, e.Type = d.Str(), verbatim.EntityType(d.Str())
		if nr := d.Count(); nr > 0 {
			e.Roles = make([]string, nr)
			for k := range e.Roles {
				e.Roles[k] = d.Str()
			}
		}
		e.Mentions = int(d.Uint())
	}
	f.Quotes = make([]QuoteFeature, d.Count())
	for i := range f.Quotes {
		f.Quotes[i] = QuoteFeature{Text: d.Str(), SaidOn: d.Str(), Via: d.Str(), Speaker: int(d.Int())}
	}
	if v == 1 {
		if !d.Done() {
			return nil, errFeatures
		}
		f.upgrade()
		return f, nil
	}
	if n := d.Count(); n > 0 {
		f.Refs = make([]int32, n)
		for i := range f.Refs {
			f.Refs[i] = int32(d.Int())
		}
	}
	if !d.Done() {
		return nil, errFeatures
	}
	return f, nil
}

// upgrade replaces the entity terms of version-1 features ("\x01" and a
// key, counted 0) with the current ones, made from the entities.
func (f *Features) upgrade() {
	terms, counts := f.Terms[:0], f.Counts[:0]
	for i, t := range f.Terms {
		if len(t) == 0 || t[0] != 1 {
			terms, counts = append(terms, t), append(counts, f.Counts[i])
		}
	}
	seen := map[string]int{}
	for _, e := range f.Entities {
		k, n := entityTerm(nil, e)
		if k == nil {
			continue
		}
		if i, ok := seen[string(k)]; ok {
			counts[i] += n
			continue
		}
		seen[string(k)] = len(terms)
		terms, counts = append(terms, string(k)), append(counts, n)
	}
	f.Terms, f.Counts = terms, counts
}
