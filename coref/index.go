// Per-document indexes, so that resolving one mention costs what lies near
// it rather than a pass over the whole document: mentions by sentence in
// text order, the lower-case words of the text.

package coref

import (
	"slices"
	"sort"

	"github.com/verbatim-news/verbatim"
)

// index holds the lookups of one document, built by NewResolver and brought
// up to date with the mentions added since (Resolve appends them).
type farCount struct{ at, k, n int }

type index struct {
	d    *verbatim.Doc
	n    int              // d.Mentions indexed
	last verbatim.Mention // d.Mentions[n-1] when indexed: a changed slice is rebuilt
	// bySent[s] are the indexes of the mentions starting in sentence s,
	// sorted by start (then by index); outside, those in no sentence.
	bySent  [][]int32
	outside []int32
	maxLen  int // the longest mention, in bytes
	// byEntity[e] are the starts of e's mentions other than pronouns, in
	// text order, and how many of those before far[e].at are usable
	// antecedents (outside quotation marks).
	byEntity [][]int
	far      []farCount
	// described[e] are the distinct descriptors e was referred by ("the
	// Bishop of Durham"): roles the article gives it.
	described [][]string
	lower     map[string]bool // the lower-case words of the text (nil until asked often)
	asked     int             // seenLower calls: the first ones scan the tokens
	seen      []*seen         // ranking's scratch, by entity
	touched   []int           // the entities with an entry in seen
	// slabs the first capacity of bySent's and byEntity's slices is cut
	// from (one allocation for many sentences or entities)
	slab32  []int32
	slabInt []int
	// unnamed is the phrase of the unnamed source the last mention
	// resolved stands for ("a spokesman" for the "he" after it), if any
	unnamed verbatim.Span
}

// slabCap32 and slabCapInt are the first capacities of a sentence's and an
// entity's slice; a slice that outgrows it moves out of the slab (append).
const (
	slabCap32  = 8
	slabCapInt = 4
	slabSize   = 64 // slices a slab holds
)

// newInt32s returns an empty slice of capacity slabCap32 cut from the slab.
func (x *index) newInt32s() []int32 { return cut(&x.slab32, slabCap32) }

// newInts returns an empty slice of capacity slabCapInt cut from the slab.
func (x *index) newInts() []int { return cut(&x.slabInt, slabCapInt) }

// cut returns an empty slice of capacity c cut from *slab, which it
// replaces by a new one of slabSize such slices when too few are left.
func cut[T any](slab *[]T, c int) []T {
	n := len(*slab)
	if cap(*slab)-n < c {
		*slab, n = make([]T, 0, slabSize*c), 0
	}
	*slab = (*slab)[:n+c]
	return (*slab)[n : n : n+c]
}

// Resolver resolves the speaker mentions of one document, in text order. It
// keeps the document's indexes between calls and brings them up to date
// with the mentions added since, so that a mention costs what lies near it.
// A Resolver belongs to one document and is used by one goroutine.
type Resolver struct{ x index }

// NewResolver returns a Resolver for d, whose text, sentences and tokens
// are final; d.Mentions may grow between calls.
func NewResolver(d *verbatim.Doc) *Resolver {
	r := &Resolver{}
	r.x.reset(d)
	return r
}

// Resolve resolves the mention at sp of the Resolver's document (see the
// package-level Resolve).
func (r *Resolver) Resolve(sp verbatim.Span, c Context) int {
	r.x.sync()
	r.x.unnamed = verbatim.Span{}
	return canonical(r.x.d, resolve(&r.x, sp, c))
}

// Unnamed returns, after a Resolve that found no entity, the phrase of the
// unnamed source the mention stands for: "a spokesman for the club" for
// the "he" of "A spokesman for the club said … He added". It is empty
// otherwise.
func (r *Resolver) Unnamed() verbatim.Span { return r.x.unnamed }

// Resolve returns the index in d.Entities of the entity the mention at sp
// refers to and records sp as a mention of it, or returns -1 when nothing
// fits (an unnamed source: "analysts", "a spokesman"). It indexes d anew:
// a caller resolving many mentions of one document uses a Resolver.
func Resolve(d *verbatim.Doc, sp verbatim.Span, c Context) int {
	return NewResolver(d).Resolve(sp, c)
}

// reset empties the index for d.
func (x *index) reset(d *verbatim.Doc) {
	*x = index{d: d, bySent: make([][]int32, len(d.Sentences))}
}

// sync brings the index up to date with d.Mentions: the mentions added
// since are indexed; a slice changed otherwise is indexed anew.
func (x *index) sync() {
	d := x.d
	if len(d.Sentences) != len(x.bySent) || len(d.Mentions) < x.n || x.n > 0 && d.Mentions[x.n-1] != x.last {
		x.reset(d)
	}
	x.update()
}

// update indexes the mentions added since the last call.
func (x *index) update() {
	d := x.d
	for i := x.n; i < len(d.Mentions); i++ {
		m := &d.Mentions[i]
		x.maxLen = max(x.maxLen, m.Len())
		if m.Entity >= len(x.byEntity) {
			n := max(m.Entity+1, len(d.Entities))
			x.byEntity = append(x.byEntity, make([][]int, n-len(x.byEntity))...)
			x.far = append(x.far, make([]farCount, n-len(x.far))...)
			x.described = append(x.described, make([][]string, n-len(x.described))...)
		}
		if m.Entity >= 0 && m.Kind == verbatim.DescriptorMention && !slices.Contains(x.described[m.Entity], m.Text) {
			x.described[m.Entity] = append(x.described[m.Entity], m.Text)
		}
		if m.Entity >= 0 && m.Kind != verbatim.PronounMention {
			b := x.byEntity[m.Entity]
			if b == nil {
				b = x.newInts() // (room for most entities: no allocation of their own)
			}
			k := sort.SearchInts(b, m.Start+1)
			b = append(b, 0)
			copy(b[k+1:], b[k:])
			b[k] = m.Start
			x.byEntity[m.Entity] = b
			if m.Start < x.far[m.Entity].at {
				x.far[m.Entity] = farCount{} // counted again
			}
		}
		s := sentenceOf(d, m.Start)
		if s < 0 {
			x.outside = append(x.outside, int32(i))
			continue
		}
		b := x.bySent[s]
		if b == nil {
			b = x.newInt32s()
		}
		k := sort.Search(len(b), func(j int) bool { return d.Mentions[b[j]].Start > m.Start })
		b = append(b, 0)
		copy(b[k+1:], b[k:])
		b[k] = int32(i)
		x.bySent[s] = b
	}
	x.n = len(d.Mentions)
	if x.n > 0 {
		x.last = d.Mentions[x.n-1]
	}
}

// each calls f with the index of every mention starting in [from, to), in
// text order (those in no sentence first), until f returns false.
func (x *index) each(from, to int, f func(mi int) bool) {
	d := x.d
	for _, mi := range x.outside {
		if s := d.Mentions[mi].Start; s >= from && s < to && !f(int(mi)) {
			return
		}
	}
	s := sort.Search(len(d.Sentences), func(j int) bool { return d.Sentences[j].End > from })
	for ; s < len(d.Sentences) && d.Sentences[s].Start < to; s++ {
		for _, mi := range x.bySent[s] {
			st := d.Mentions[mi].Start
			if st < from {
				continue
			}
			if st >= to {
				break
			}
			if !f(int(mi)) {
				return
			}
		}
	}
}

// first returns the lowest index (the first recorded) of a mention starting
// in [from, to) that ok accepts, or -1.
func (x *index) first(from, to int, ok func(m *verbatim.Mention) bool) int {
	best := -1
	x.each(from, to, func(mi int) bool {
		if (best < 0 || mi < best) && ok(&x.d.Mentions[mi]) {
			best = mi
		}
		return true
	})
	return best
}

// lastRecorded returns the highest index (the last recorded) of a mention
// starting in [from, to) that ok accepts, or -1.
func (x *index) lastRecorded(from, to int, ok func(m *verbatim.Mention) bool) int {
	best := -1
	x.each(from, to, func(mi int) bool {
		if mi > best && ok(&x.d.Mentions[mi]) {
			best = mi
		}
		return true
	})
	return best
}

// seenLower reports whether the lower-case word w occurs as a word in the
// document (then a capitalised w is not a name).
func (x *index) seenLower(w string) bool {
	if x.asked++; x.asked <= 2 {
		d := x.d
		for _, t := range d.Tokens {
			if t.Len() == len(w) && t.Kind == verbatim.Word && d.Clean[t.Start:t.End] == w {
				return true
			}
		}
		return false
	}
	if x.lower == nil {
		d := x.d
		x.lower = map[string]bool{}
		for _, t := range d.Tokens {
			if t.Kind != verbatim.Word {
				continue
			}
			s := d.Clean[t.Start:t.End]
			if c := s[0]; c >= 'A' && c <= 'Z' {
				continue // not lower-case
			}
			x.lower[s] = true
		}
	}
	return x.lower[w]
}

// usableBefore returns how many mentions of entity e other than pronouns
// start before offset at and are not quoted. What lies before a mention's
// look-back window does not depend on the mention: the count is kept and
// extended as the mentions resolved move on through the text.
func (x *index) usableBefore(e, at int, quoted func(int) bool) int {
	if e >= len(x.byEntity) {
		return 0
	}
	starts := x.byEntity[e]
	f := x.far[e]
	if at < f.at {
		f = farCount{}
	}
	for ; f.k < len(starts) && starts[f.k] < at; f.k++ {
		if !quoted(starts[f.k]) {
			f.n++
		}
	}
	f.at = at
	x.far[e] = f
	return f.n
}
