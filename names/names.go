// Package names finds people, organisations and places, groups their
// mentions into entities and resolves references (surnames, pronouns,
// descriptors, misspellings) within one article.
package names

import "github.com/verbatim-news/verbatim"

// Stage is this package's pipeline stage.
var Stage = verbatim.StageFunc{N: "names", F: Process}

// Process fills d.Mentions and d.Entities.
func Process(d *verbatim.Doc) {}

// Resolve returns the index in d.Entities of the entity that the mention at
// sp refers to — a name ("Kellog"), a pronoun ("he") or a descriptor ("the
// U.S. president") — and records sp as a mention of that entity. It returns
// -1 when nothing fits. Quote attribution calls it for speaker mentions.
func Resolve(d *verbatim.Doc, sp verbatim.Span) int {
	for i, m := range d.Mentions {
		if m.Entity >= 0 && m.Overlaps(sp) {
			return d.Mentions[i].Entity
		}
	}
	return -1
}
