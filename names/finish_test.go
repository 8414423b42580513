package names_test

import (
	"slices"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/adversarial"
	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/names"
	"github.com/verbatim-news/verbatim/pipeline"
)

// TestEntitiesFinished: after the whole analysis (coref adding mentions,
// and skipping finish where it would change nothing) every entity is as
// finish leaves it: its name, type, gender and roles are those of all its
// mentions.
func TestEntitiesFinished(t *testing.T) {
	arts := benchdata.Articles(3, 40)
	arts = append(arts, verbatim.Article{ID: "transcript", Text: adversarial.Generate(adversarial.Transcript, 32<<10)},
		verbatim.Article{ID: "paragraph", Text: adversarial.Generate(adversarial.Paragraph, 32<<10)})
	checked := 0
	for _, a := range arts {
		d, err := pipeline.Analyze(a)
		if err != nil {
			t.Fatal(err)
		}
		for e := range d.Entities {
			en := d.Entities[e]
			en.Roles = slices.Clone(en.Roles)
			names.Finish(d, e)
			got := d.Entities[e]
			if got.Name != en.Name || got.Type != en.Type || got.Gender != en.Gender || !slices.Equal(got.Roles, en.Roles) {
				t.Errorf("%s: entity %d %q %s %c %v, finished %q %s %c %v", a.ID, e, en.Name, en.Type, en.Gender, en.Roles,
					got.Name, got.Type, got.Gender, got.Roles)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("only %d entities", checked)
	}
}
