package resolve

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/verbatim-news/verbatim"
)

// TestIdentitiesKeepOwnStrings: the names and roles an identity keeps are
// strings of its own, not slices of the article's: an article's names and
// roles come as slices of one string (stories.Features), and an alias that
// shared it would keep every name of every article in memory for the life
// of the library.
func TestIdentitiesKeepOwnStrings(t *testing.T) {
	whole := strings.Repeat("x", 64) + "Keith KelloggKelloggspokesmanRiyadhAcme Corpenvoy"
	at := func(s string) string { i := strings.Index(whole, s); return whole[i : i+len(s)] }
	d := &verbatim.Doc{Article: verbatim.Article{ID: "a1"}, Entities: []verbatim.Entity{
		{Name: at("Keith Kellogg"), Type: verbatim.Person, Roles: []string{at("envoy")}},
		{Name: at("Kellogg"), Type: verbatim.Person, Roles: []string{at("spokesman")}},
		{Name: at("Riyadh"), Type: verbatim.Place},
		{Name: at("Acme Corp"), Type: verbatim.Organization},
	}}
	r := New()
	r.Add(d)
	lo := uintptr(unsafe.Pointer(unsafe.StringData(whole)))
	hi := lo + uintptr(len(whole))
	shares := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return s != "" && p >= lo && p < hi
	}
	n := 0
	for _, e := range r.Entities {
		for _, s := range []string{e.ID, e.Name, e.name.First, e.name.Last, e.name.Full} {
			if shares(s) {
				t.Errorf("%s keeps %q, a slice of the article's names", e.ID, s)
			}
		}
		for _, m := range []map[string]int{e.Aliases, e.Roles} {
			for k := range m {
				n++
				if shares(k) {
					t.Errorf("%s keeps %q, a slice of the article's names", e.ID, k)
				}
			}
		}
	}
	if n < 4 {
		t.Fatalf("%d names and roles kept, want the article's", n)
	}
}

// TestWriteBinaryInParts: the parts WriteBinary flushes and the rest it
// returns are, in order, the bytes of AppendBinary, and no part holds much
// more than the part size (a snapshot never holds the whole resolver in one
// buffer).
func TestWriteBinaryInParts(t *testing.T) {
	r := New()
	for i := range 200 {
		r.Add(doc("a"+string(rune('a'+i%26)), "Keith Kellogg", "org:Acme "+strings.Repeat("x", i%7), "Maria "+strings.Repeat("y", i%11+1)+" Lopez", "place:Riyadh"))
	}
	whole := r.AppendBinary(nil)
	const part = 256
	var got []byte
	parts, largest := 0, 0
	rest := r.WriteBinary(nil, part, func(b []byte) []byte {
		got = append(got, b...)
		parts++
		largest = max(largest, len(b))
		return b[:0]
	})
	got = append(got, rest...)
	if string(got) != string(whole) {
		t.Fatalf("%d parts, %d bytes, want the %d of AppendBinary", parts, len(got), len(whole))
	}
	if parts < 3 || largest > 2*part {
		t.Fatalf("%d parts of %d bytes at most (%d in all), want parts of about %d", parts, largest, len(whole), part)
	}
}
