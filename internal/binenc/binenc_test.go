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
