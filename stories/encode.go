package stories

import (
	"encoding/binary"
	"errors"

	"github.com/verbatim-news/verbatim"
)

// featuresVersion is the first byte of encoded Features.
const featuresVersion = 1

// AppendBinary appends the compact binary encoding of f to buf (varints and
// length-prefixed strings; a library stores it per article).
func (f *Features) AppendBinary(buf []byte) []byte {
	buf = append(buf, featuresVersion)
	buf = appendStr(buf, f.Title)
	buf = appendStr(buf, f.Outlet)
	buf = binary.AppendVarint(buf, int64(f.Day))
	if f.Sig == nil {
		buf = append(buf, 0)
	} else {
		buf = append(buf, 1)
		for _, v := range f.Sig {
			buf = binary.LittleEndian.AppendUint32(buf, v)
		}
	}
	buf = binary.AppendUvarint(buf, uint64(len(f.Terms)))
	for i, t := range f.Terms {
		buf = appendStr(buf, t)
		buf = binary.AppendUvarint(buf, uint64(f.Counts[i]))
	}
	buf = binary.AppendUvarint(buf, uint64(len(f.Entities)))
	for _, e := range f.Entities {
		buf = appendStr(buf, e.Name)
		buf = appendStr(buf, string(e.Type))
		buf = binary.AppendUvarint(buf, uint64(len(e.Roles)))
		for _, r := range e.Roles {
			buf = appendStr(buf, r)
		}
		buf = binary.AppendUvarint(buf, uint64(e.Mentions))
	}
	buf = binary.AppendUvarint(buf, uint64(len(f.Quotes)))
	for _, q := range f.Quotes {
		buf = appendStr(buf, q.Text)
		buf = appendStr(buf, q.SaidOn)
		buf = appendStr(buf, q.Via)
		buf = binary.AppendVarint(buf, int64(q.Speaker))
	}
	return buf
}

func appendStr(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

var errFeatures = errors.New("stories: malformed features")

// DecodeFeatures decodes what AppendBinary encoded. The strings of the
// result share one copy of data.
func DecodeFeatures(data []byte) (*Features, error) {
	d := decoder{s: string(data)}
	if d.byte() != featuresVersion {
		return nil, errFeatures
	}
	f := &Features{Title: d.str(), Outlet: d.str(), Day: int(d.varint())}
	if d.byte() == 1 {
		var sig [sigLen]uint32
		for i := range sig {
			sig[i] = d.u32()
		}
		f.Sig = &sig
	}
	n := d.count()
	f.Terms, f.Counts = make([]string, n), make([]int32, n)
	for i := range n {
		f.Terms[i] = d.str()
		f.Counts[i] = int32(d.uvarint())
	}
	f.Entities = make([]EntityFeature, d.count())
	for i := range f.Entities {
		e := &f.Entities[i]
		e.Name, e.Type = d.str(), verbatim.EntityType(d.str())
		if nr := d.count(); nr > 0 {
			e.Roles = make([]string, nr)
			for k := range e.Roles {
				e.Roles[k] = d.str()
			}
		}
		e.Mentions = int(d.uvarint())
	}
	f.Quotes = make([]QuoteFeature, d.count())
	for i := range f.Quotes {
		f.Quotes[i] = QuoteFeature{Text: d.str(), SaidOn: d.str(), Via: d.str(), Speaker: int(d.varint())}
	}
	if d.bad || d.i != len(d.s) {
		return nil, errFeatures
	}
	return f, nil
}

type decoder struct {
	s   string
	i   int
	bad bool
}

func (d *decoder) byte() byte {
	if d.i >= len(d.s) {
		d.bad = true
		return 0
	}
	d.i++
	return d.s[d.i-1]
}

func (d *decoder) uvarint() uint64 {
	var x uint64
	for shift := 0; shift < 64; shift += 7 {
		b := d.byte()
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return x
		}
	}
	d.bad = true
	return 0
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// count reads a length that cannot exceed the bytes left (a corrupt length
// must not allocate gigabytes).
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.i) {
		d.bad = true
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.count()
	if d.bad {
		return ""
	}
	d.i += n
	return d.s[d.i-n : d.i]
}

func (d *decoder) u32() uint32 {
	if d.i+4 > len(d.s) {
		d.bad = true
		return 0
	}
	v := uint32(d.s[d.i]) | uint32(d.s[d.i+1])<<8 | uint32(d.s[d.i+2])<<16 | uint32(d.s[d.i+3])<<24
	d.i += 4
	return v
}
