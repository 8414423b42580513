package sqlite

import (
	"hash/maphash"
)

// seenRows is what a grouper keeps, between commits, of what the story
// tables hold: a 64-bit digest of each topic row, the story of each
// article, and each person's entities and name forms (for the aliases a
// commit adds). Story, person and statement rows are not kept: a commit
// writes those the clusterer reports changed (grouprows.go).
type seenRows struct {
	Topics    map[string]uint64
	StoryOf   []string
	Members   map[string][]int64
	Aliases   map[string]map[string]bool
	Decisions int
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

// changed reports whether row v of key id differs from what prev holds.
func changed[T comparable](prev map[string]uint64, id string, v T) bool {
	old, ok := prev[id]
	return !ok || old != digest(v)
}
