// Package binenc is the compact binary encoding of stored story features
// and grouping snapshots: varints, length-prefixed strings, and a decoder
// that never panics or over-allocates on corrupt input (it records the
// error instead).
package binenc

import (
	"encoding/binary"
	"strings"
	"unsafe"
)

// AppendUint appends an unsigned varint.
func AppendUint(buf []byte, v uint64) []byte { return binary.AppendUvarint(buf, v) }

// AppendInt appends a signed (zig-zag) varint.
func AppendInt(buf []byte, v int64) []byte { return binary.AppendVarint(buf, v) }

// AppendStr appends a length-prefixed string.
func AppendStr(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// AppendU32 appends four little-endian bytes.
func AppendU32(buf []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(buf, v) }

// AppendU64 appends eight little-endian bytes.
func AppendU64(buf []byte, v uint64) []byte { return binary.LittleEndian.AppendUint64(buf, v) }

// Decoder reads what the Append functions wrote. Strings it returns share
// the decoded data, unless it clones them (NewCloningDecoder).
type Decoder struct {
	s     string
	i     int
	clone bool
	Bad   bool // set by any read past the end or malformed value
}

// NewDecoder returns a decoder of data (copied once into a string).
func NewDecoder(data []byte) *Decoder { return &Decoder{s: string(data)} }

// NewCloningDecoder returns a decoder of data whose strings are copies:
// what they are kept in does not keep the whole data alive (a state
// decoded to live on, as a grouping snapshot, where a title kept a
// snapshot of hundreds of MB in memory). It reads data in place, without
// a copy of it: data must not change until the decoding ends.
func NewCloningDecoder(data []byte) *Decoder {
	return &Decoder{s: unsafe.String(unsafe.SliceData(data), len(data)), clone: true}
}

// Done reports whether every byte was read without error.
func (d *Decoder) Done() bool { return !d.Bad && d.i == len(d.s) }

// Byte reads one byte.
func (d *Decoder) Byte() byte {
	if d.i >= len(d.s) {
		d.Bad = true
		return 0
	}
	d.i++
	return d.s[d.i-1]
}

// Uint reads an unsigned varint.
func (d *Decoder) Uint() uint64 {
	var x uint64
	for shift := 0; shift < 64; shift += 7 {
		b := d.Byte()
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return x
		}
	}
	d.Bad = true
	return 0
}

// Int reads a signed varint.
func (d *Decoder) Int() int64 {
	u := d.Uint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// Count reads a length that cannot exceed the bytes left (a corrupt length
// must not allocate gigabytes).
func (d *Decoder) Count() int {
	n := d.Uint()
	if n > uint64(len(d.s)-d.i) {
		d.Bad = true
		return 0
	}
	return int(n)
}

// Str reads a length-prefixed string.
func (d *Decoder) Str() string {
	n := d.Count()
	if d.Bad {
		return ""
	}
	d.i += n
	if d.clone {
		return strings.Clone(d.s[d.i-n : d.i])
	}
	return d.s[d.i-n : d.i]
}

// U32 reads four little-endian bytes.
func (d *Decoder) U32() uint32 {
	if d.i+4 > len(d.s) {
		d.Bad = true
		return 0
	}
	v := uint32(d.s[d.i]) | uint32(d.s[d.i+1])<<8 | uint32(d.s[d.i+2])<<16 | uint32(d.s[d.i+3])<<24
	d.i += 4
	return v
}

// U64 reads eight little-endian bytes.
func (d *Decoder) U64() uint64 {
	lo := uint64(d.U32())
	return lo | uint64(d.U32())<<32
}
