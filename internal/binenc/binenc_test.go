package binenc

import (
	"testing"
	"unsafe"
)

// A cloning decoder's strings do not point into the decoded data (a kept
// title must not keep a whole snapshot alive); a plain decoder's do.
func TestCloningDecoderStrings(t *testing.T) {
	buf := AppendStr(nil, "a title")
	buf = AppendInt(buf, -42)
	buf = AppendStr(buf, "an id")
	for _, clone := range []bool{false, true} {
		d := NewDecoder(buf)
		if clone {
			d = NewCloningDecoder(buf)
		}
		a, n, b := d.Str(), d.Int(), d.Str()
		if a != "a title" || n != -42 || b != "an id" || !d.Done() {
			t.Fatalf("clone %v: read %q %d %q (done %v)", clone, a, n, b, d.Done())
		}
		lo := uintptr(unsafe.Pointer(unsafe.StringData(d.s)))
		inside := func(s string) bool {
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			return p >= lo && p < lo+uintptr(len(d.s))
		}
		if inside(a) == clone || inside(b) == clone {
			t.Errorf("clone %v: strings inside the data: %v %v", clone, inside(a), inside(b))
		}
	}
}

// A stream decoder reads what the whole-buffer decoder reads, whatever the
// parts the stream comes in, and flags a stream shorter than announced.
func TestStreamDecoder(t *testing.T) {
	var buf []byte
	for i := range 300 {
		buf = AppendUint(buf, uint64(i*i*977))
		buf = AppendStr(buf, string(make([]byte, i%37)))
		buf = AppendInt(buf, -int64(i)<<40)
		buf = AppendU64(buf, uint64(i)*0x9e3779b97f4a7c15)
	}
	read := func(d *Decoder) bool {
		for i := range 300 {
			if d.Uint() != uint64(i*i*977) || len(d.Str()) != i%37 || d.Int() != -int64(i)<<40 || d.U64() != uint64(i)*0x9e3779b97f4a7c15 {
				return false
			}
		}
		return d.Done()
	}
	for _, part := range []int{1, 3, 7, 64, 1000, len(buf)} {
		rest := buf
		next := func() []byte {
			if len(rest) == 0 {
				return nil
			}
			n := min(part, len(rest))
			p := append([]byte(nil), rest[:n]...)
			rest = rest[n:]
			return p
		}
		if d := NewStreamDecoder(len(buf), next); !read(d) {
			t.Fatalf("parts of %d bytes: decoded otherwise", part)
		}
	}
	short := buf[:len(buf)-5]
	given := false
	d := NewStreamDecoder(len(buf), func() []byte {
		if given {
			return nil
		}
		given = true
		return short
	})
	if read(d) || !d.Bad {
		t.Fatal("a stream shorter than its length decoded without error")
	}
}
