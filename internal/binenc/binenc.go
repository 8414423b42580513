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
	// a stream (NewStreamDecoder): s is a window on it, base the bytes
	// read before the window, total the stream's length, next the parts
	// not read yet
	next        func() []byte
	base, total int
}

// NewDecoder returns a decoder of data (copied once into a string).
func NewDecoder(data []byte) *Decoder { return &Decoder{s: string(data), total: len(data)} }

// NewCloningDecoder returns a decoder of data whose strings are copies:
// what they are kept in does not keep the whole data alive (a state
// decoded to live on, as a grouping snapshot, where a title kept a
// snapshot of hundreds of MB in memory). It reads data in place, without
// a copy of it: data must not change until the decoding ends.
func NewCloningDecoder(data []byte) *Decoder {
	return &Decoder{s: unsafe.String(unsafe.SliceData(data), len(data)), clone: true, total: len(data)}
}

// NewStreamDecoder returns a cloning decoder of a stream of total bytes
// that next gives part by part (nil at the end): only the part being read
// is in memory, not the whole stream. next may reuse its buffer.
func NewStreamDecoder(total int, next func() []byte) *Decoder {
	return &Decoder{clone: true, total: total, next: next}
}

// fill makes n bytes readable at d.i, reading parts of the stream; it
// reports false (and marks the decoder bad) when the stream has fewer.
func (d *Decoder) fill(n int) bool {
	if d.i+n <= len(d.s) {
		return true
	}
	if d.next == nil || d.base+d.i+n > d.total {
		d.Bad = true
		return false
	}
	buf := []byte(d.s[d.i:])
	d.base += d.i
	for len(buf) < n {
		p := d.next()
		if p == nil {
			d.next = nil
			break
		}
		buf = append(buf, p...)
	}
	d.s, d.i = string(buf), 0
	if len(buf) < n {
		d.Bad = true
		return false
	}
	return true
}

// Done reports whether every byte was read without error.
func (d *Decoder) Done() bool { return !d.Bad && d.base+d.i == d.total && d.i == len(d.s) }

// Byte reads one byte.
func (d *Decoder) Byte() byte {
	if d.i >= len(d.s) && !d.fill(1) {
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
	if n > uint64(d.total-d.base-d.i) {
		d.Bad = true
		return 0
	}
	return int(n)
}

// Str reads a length-prefixed string.
func (d *Decoder) Str() string {
	n := d.Count()
	if d.Bad || !d.fill(n) {
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
	if !d.fill(4) {
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
