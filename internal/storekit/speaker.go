package storekit

import (
	"strings"

	"github.com/verbatim-news/verbatim"
)

// Speaker assembles a speaker's page from its statements (oldest first)
// for the folded name f asked for: the spelling asked for when it is one,
// counts, first and last day. Roles and name forms are added by AddForms.
func Speaker(hits []verbatim.QuoteHit, f string) *verbatim.SpeakerDetail {
	d := &verbatim.SpeakerDetail{Statements: hits, Aliases: []string{}, Roles: []string{}}
	d.Name = hits[0].Speaker
	for _, h := range hits {
		if Fold(h.Speaker) == f {
			d.Name = h.Speaker
			break
		}
	}
	arts := map[string]bool{}
	for _, h := range hits {
		arts[h.ArticleID] = true
		day := h.SaidOn
		if day == "" {
			day = h.Published
		}
		if day != "" {
			if d.First == "" || day < d.First {
				d.First = day
			}
			if day > d.Last {
				d.Last = day
			}
		}
	}
	d.Quotes, d.Articles = len(hits), len(arts)
	return d
}

// Forms adds to a speaker's page the roles and the name forms of its
// entities, each once, in the order given.
type Forms struct {
	d            *verbatim.SpeakerDetail
	roles, names map[string]bool
}

// NewForms starts adding roles and name forms to d.
func NewForms(d *verbatim.SpeakerDetail) *Forms {
	return &Forms{d: d, roles: map[string]bool{}, names: map[string]bool{}}
}

// Add adds an entity's roles ("; "-joined) and the names of its mentions
// (the entity's mentions column).
func (fs *Forms) Add(roles, mentions string) error {
	for _, r := range strings.Split(roles, "; ") {
		if k := strings.ToLower(r); r != "" && !fs.roles[k] {
			fs.roles[k] = true
			fs.d.Roles = append(fs.d.Roles, r)
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
