package sqlite

import (
	"hash/maphash"

	"github.com/verbatim-news/verbatim/internal/storekit"
)

// seenRows is what a grouper keeps, between commits, of the rows the story
// tables hold: a 64-bit digest of each story, topic, person and statement
// row instead of the row (a statement's text, outlets and report list stay
// in the tables), the story of each article, and each person's entities
// and name forms (for the aliases a commit adds). A row is rewritten when
// its digest differs. With a library's every statement held whole between
// commits, this state grew as the library; digests keep about a fifth of it
// (the keys are the strings the clusterer holds anyway).
type seenRows struct {
	Stories, Topics, Persons, Statements map[string]uint64
	StoryOf                              []string
	Members                              map[string][]int64
	Aliases                              map[string]map[string]bool
	Decisions                            int
}

// digestSeed is per process: digests are never stored.
var digestSeed = maphash.MakeSeed()

func digest[T comparable](v T) uint64 { return maphash.Comparable(digestSeed, v) }

func digests[T comparable](m map[string]T) map[string]uint64 {
	out := make(map[string]uint64, len(m))
	for k, v := range m {
		out[k] = digest(v)
	}
	return out
}

// seen returns what the grouper keeps of r once the tables hold it.
func seen(r *storekit.Rows) *seenRows {
	return &seenRows{Stories: digests(r.Stories), Topics: digests(r.Topics), Persons: digests(r.Persons),
		Statements: digests(r.Statements), StoryOf: r.StoryOf, Members: r.Members, Aliases: r.Aliases, Decisions: r.Decisions}
}

// changed reports whether row v of key id differs from what prev holds.
func changed[T comparable](prev map[string]uint64, id string, v T) bool {
	old, ok := prev[id]
	return !ok || old != digest(v)
}
