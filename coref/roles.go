// The fallbacks of a role descriptor (roleDescriptor, descriptors.go) that
// rank the persons of the article: a role named only after the descriptor,
// an office the article gives no one.

package coref

import (
	"slices"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// roleBack revisits the holder roleDescriptor found for a role descriptor
// with determiner det, head and the role words accept (best, or -1). A
// definite descriptor refers back: when the holder is named only after it,
// the person in focus who holds no other office is the referent ("Tessa
// Jowell announced … The Culture Secretary said … shadow culture secretary
// John Whittingdale said"), and never one named next in what it says; when
// no one holds an office and no one is in focus, the most salient person
// who holds no other ("Tony Blair and Chancellor Gordon Brown … the prime
// minister").
func (r *resolver) roleBack(best int, det, head string, accept []string) int {
	if lw := strings.ToLower(det); lw != "the" && lw != "this" && lw != "that" {
		return best
	}
	free := func(en *verbatim.Entity) bool {
		return en.Type == verbatim.Person && !r.otherOffice(en, accept)
	}
	if best >= 0 && !r.namedBefore(best) && r.firstAfterInContent(best) {
		// named next in what the descriptor's own attribution reports
		// ("The Lib Dem leader said David Blunkett's resignation …"): a
		// source is not the one it speaks of
		best = -1
	}
	if best < 0 {
		// roleDescriptor found no one in focus
		if strings.HasPrefix(head, "spokes") || !slices.ContainsFunc(accept, func(a string) bool { return offices[a] }) {
			return best
		}
		return r.rank(free, nil)
	}
	if r.namedBefore(best) {
		return best
	}
	if e := r.focused(free); e >= 0 {
		return e
	}
	return best
}

// firstAfterInContent reports whether the first mention of entity e after
// the mention being resolved lies in the content of its attribution.
func (r *resolver) firstAfterInContent(e int) bool {
	first := -1
	for _, mi := range r.d.Entities[e].Mentions {
		if m := &r.d.Mentions[mi]; m.Start >= r.sp.End && (first < 0 || m.Start < r.d.Mentions[first].Start) {
			first = mi
		}
	}
	return first >= 0 && r.c.Content.Contains(r.d.Mentions[first].Span)
}

// namedBefore reports whether entity e has a mention before the mention
// being resolved.
func (r *resolver) namedBefore(e int) bool {
	for _, mi := range r.d.Entities[e].Mentions {
		if r.d.Mentions[mi].Start < r.sp.Start {
			return true
		}
	}
	return false
}
