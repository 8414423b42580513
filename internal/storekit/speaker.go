package storekit

import (
	"strings"

	"github.com/verbatim-news/verbatim"
)

// Forms adds to a speaker's page the roles and the name forms of its
// entities: the name forms each once, in the order given; the roles one
// per meaning (MergeRoles), once Done.
type Forms struct {
	d     *verbatim.SpeakerDetail
	roles []Role
	names map[string]bool
}

// NewForms starts adding roles and name forms to d.
func NewForms(d *verbatim.SpeakerDetail) *Forms {
	return &Forms{d: d, names: map[string]bool{}}
}

// Add adds an entity's roles ("; "-joined), weighed by the n statements
// it made, and the names of its mentions (the entity's mentions column).
func (fs *Forms) Add(roles, mentions string, n int) error {
	for _, r := range strings.Split(roles, "; ") {
		if r != "" {
			fs.roles = append(fs.roles, Role{Text: r, N: n})
		}
	}
	ms, err := DecodeMentions(mentions)
	if err != nil {
		return err
	}
	for _, m := range ms { // the names the speaker was written as
		if m.Kind == verbatim.NameMention && m.Text != "" && !fs.names[m.Text] {
			fs.names[m.Text] = true
			fs.d.Aliases = append(fs.d.Aliases, m.Text)
		}
	}
	return nil
}

// Done sets the page's roles.
func (fs *Forms) Done() { fs.d.Roles = MergeRoles(fs.roles) }
