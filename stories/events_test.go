package stories

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/eval"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/internal/shared"
	"github.com/verbatim-news/verbatim/pipeline"
)

// ecbPlus analyses ECB+'s articles (both cores) and reads their gold.
func ecbPlus(t *testing.T) ([]*verbatim.Doc, map[string]eval.StoryGold) {
	t.Helper()
	dir := shared.Path(t, "data/ecbplus")
	data, err := os.ReadFile(filepath.Join(dir, "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	arts, err := input.Parse(data, "articles.jsonl", input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gold, err := eval.LoadStoryGold(filepath.Join(dir, "gold_topics.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]*verbatim.Doc, len(arts))
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < len(arts); i += 2 {
				d, err := pipeline.Analyze(arts[i])
				if err != nil {
					t.Error(err)
					return
				}
				docs[i] = d
			}
		})
	}
	wg.Wait()
	return docs, gold
}

// TestStoriesAreEventsInAnyOrder: on ECB+ (33 kinds of event, two events
// each, usually years apart; one event = one story), stories match the
// events with B-cubed F1 of at least 0.92 in the file's order and in four
// shuffles of it, and the F1 of the five orders spread by at most 0.02.
func TestStoriesAreEventsInAnyOrder(t *testing.T) {
	docs, gold := ecbPlus(t)
	rng := rand.New(rand.NewPCG(7, 11))
	var f1s []float64
	for k := range 5 {
		in := slices.Clone(docs)
		if k > 0 {
			rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		}
		c := Batch(in, Options{})
		pred := map[string]string{}
		for _, a := range c.Articles() {
			pred[a.ID] = a.Story
		}
		s := eval.ScoreStories(gold, pred)
		if s.Subtopic.Items != len(gold) {
			t.Fatalf("%d of %d articles scored", s.Subtopic.Items, len(gold))
		}
		f1s = append(f1s, s.Subtopic.F1())
		if f := s.Subtopic.F1(); f < 0.92 {
			t.Errorf("order %d: stories against events B-cubed P %.3f R %.3f F1 %.3f, want >= 0.92", k, s.Subtopic.P, s.Subtopic.R, f)
		}
	}
	if spread := slices.Max(f1s) - slices.Min(f1s); spread > 0.02 {
		t.Errorf("F1 over five input orders %.3f: spread %.3f, want <= 0.02", f1s, spread)
	}
	t.Logf("stories against events, five input orders: F1 %.3f", f1s)
}

// quakeWords are three tellings of an earthquake (the place, the official
// and the extra sentence filled in), in different words: reports, not
// syndicated copies of one another.
var quakeWords = []string{
	"Earthquake shakes %[1]s\n\nA strong earthquake struck %[1]s early today, collapsing houses and cutting power to thousands of homes. Rescue teams searched the rubble for survivors as aftershocks rattled the region. %[2]s, the regional governor, said emergency shelters had opened in schools and that the death toll could rise. %[3]s",
	"Quake leaves %[1]s in ruins\n\nHouses fell and the lights went out across %[1]s after the earthquake hit before dawn. %[2]s told reporters that the dead had not all been counted and that shelters were open. Aftershocks kept survivors in the streets while rescuers dug through collapsed buildings. %[3]s",
	"%[1]s counts the cost of the earthquake\n\nSurvivors of the earthquake in %[1]s spent the night outdoors, fearing aftershocks, as rescue crews pulled people from the rubble of flattened homes. Power was still cut. %[2]s warned that the toll of dead would rise and opened schools as shelters. %[3]s",
	"After the quake, %[1]s digs out\n\nCranes and volunteers cleared collapsed homes in %[1]s a day after the earthquake, and families slept in school halls turned into shelters. %[2]s said more bodies were likely to be found. Electricity had not come back and aftershocks shook the region again. %[3]s",
}

// quake returns an analysed report of an earthquake: the same kind of event
// told in one of quakeWords, with its own place, official and date.
func quake(t *testing.T, id, published, place, official string, words int, extra string) *verbatim.Doc {
	t.Helper()
	text := fmt.Sprintf(quakeWords[words], place, official, extra)
	return analyze(t, verbatim.Article{ID: id, Text: text, Published: published})
}

// TestDatesSeparateEvents: reports of two earthquakes told in the same
// words but eight years apart are two stories, each with its own reports;
// the reports of one quake, days apart, are one.
func TestDatesSeparateEvents(t *testing.T) {
	docs := []*verbatim.Doc{
		quake(t, "aceh-1", "2005-03-28", "Banda Aceh", "Governor Azwar Abubakar", 0, "Schools will stay closed."),
		quake(t, "sonoma-1", "2013-08-24", "Sonoma", "Governor Jerry Brown", 0, "Wineries counted broken barrels."),
		quake(t, "aceh-2", "2005-03-30", "Banda Aceh", "Governor Azwar Abubakar", 1, "Aid flights landed at the airport."),
		quake(t, "sonoma-2", "2013-08-26", "Sonoma", "Governor Jerry Brown", 1, "Roads were reopened."),
	}
	c := Batch(docs, Options{})
	st := func(id string) string { return c.Article(id).Story }
	if st("aceh-1") != st("aceh-2") || st("sonoma-1") != st("sonoma-2") || st("aceh-1") == st("sonoma-1") {
		t.Fatalf("stories: aceh %s %s, sonoma %s %s", st("aceh-1"), st("aceh-2"), st("sonoma-1"), st("sonoma-2"))
	}
	// one topic: earthquakes
	topicOf := map[string]string{}
	for _, s := range c.Stories() {
		topicOf[s.ID] = s.Topic
	}
	if topicOf[st("aceh-1")] == "" || topicOf[st("aceh-1")] != topicOf[st("sonoma-1")] {
		t.Errorf("the two quakes are not one topic: %v", topicOf)
	}
}

// TestFollowUpJoinsItsEvent: a report published nine years after a quake
// joins its story when it gives the quake's date; told without the date it
// is another story.
func TestFollowUpJoinsItsEvent(t *testing.T) {
	base := []*verbatim.Doc{
		quake(t, "aceh-1", "2005-03-28", "Banda Aceh", "Governor Azwar Abubakar", 0, "Schools will stay closed."),
		quake(t, "aceh-2", "2005-03-30", "Banda Aceh", "Governor Azwar Abubakar", 1, "Aid flights landed at the airport."),
	}
	later := quake(t, "aceh-later", "2014-03-28", "Banda Aceh", "Governor Azwar Abubakar", 2,
		"The town marked the anniversary of the earthquake of March 28, 2005, which killed hundreds.")
	undated := quake(t, "aceh-again", "2014-03-28", "Banda Aceh", "Governor Azwar Abubakar", 2, "The town rebuilt its school.")
	c := Batch(append(slices.Clone(base), later), Options{})
	if a, b := c.Article("aceh-1").Story, c.Article("aceh-later").Story; a != b {
		t.Errorf("a follow-up giving the quake's date is in story %s, the quake in %s", b, a)
	}
	c = Batch(append(slices.Clone(base), undated), Options{})
	if a, b := c.Article("aceh-1").Story, c.Article("aceh-again").Story; a == b {
		t.Errorf("a report nine years later, without the date, joined the quake's story %s", a)
	}
}

// TestUndatedJoinsOnlyWithItsParticipants: an undated report joins a dated
// story only when its participants are the story's: in the words of the
// Sonoma quake but naming Banda Aceh and its governor, it does not.
func TestUndatedJoinsOnlyWithItsParticipants(t *testing.T) {
	docs := []*verbatim.Doc{
		quake(t, "sonoma-1", "2013-08-24", "Sonoma", "Governor Jerry Brown", 0, "Wineries counted broken barrels."),
		quake(t, "sonoma-2", "2013-08-26", "Sonoma", "Governor Jerry Brown", 1, "Roads were reopened."),
		quake(t, "same-people", "", "Sonoma", "Governor Jerry Brown", 2, "Wineries counted broken barrels and roads were reopened."),
		quake(t, "other-people", "", "Banda Aceh", "Governor Azwar Abubakar", 3, "Fishermen said the harbour wall had cracked."),
	}
	for _, d := range docs[2:] {
		d.Published, d.Ref = "", time.Time{}
	}
	c := Batch(docs, Options{})
	sonoma := c.Article("sonoma-1").Story
	if got := c.Article("same-people").Story; got != sonoma {
		t.Errorf("undated report with the story's participants in story %s, want %s", got, sonoma)
	}
	if got := c.Article("other-people").Story; got == sonoma {
		t.Errorf("undated report with other participants joined the dated story %s on words alone", got)
	}
}

// TestCopyYearsLaterIsNotSyndication: the words of a wire article
// published again nine years later are a new report, not a syndicated
// copy of the first.
func TestCopyYearsLaterIsNotSyndication(t *testing.T) {
	c := New(Options{})
	c.Add(doc("wire", "Metro Wire", "2016-04-07", wire, persons("Anna Kowalski")))
	same := c.Add(doc("daily", "Riverton Daily", "2016-04-08", wire, persons("Anna Kowalski")))
	later := c.Add(doc("again", "Riverton Daily", "2025-04-07", wire, persons("Anna Kowalski")))
	if same.CopyOf != "wire" || later.CopyOf != "" {
		t.Errorf("copy of: a day later %q, nine years later %q", same.CopyOf, later.CopyOf)
	}
}
