package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// BCubed holds B-cubed precision and recall of a clustering against gold
// classes: for each item, the share of its predicted cluster that shares its
// gold class (precision) and the share of its gold class that shares its
// predicted cluster (recall), averaged over items.
type BCubed struct {
	P, R  float64
	Items int
}

// F1 is the harmonic mean of B-cubed precision and recall.
func (b BCubed) F1() float64 { return F1(b.P, b.R) }

// ScoreBCubed scores predicted cluster labels against gold labels, both keyed
// by item. Items missing from pred count as singletons.
func ScoreBCubed(gold, pred map[string]string) BCubed {
	type pair struct{ g, p string }
	predOf := func(item string) string {
		if p, ok := pred[item]; ok {
			return "p\x00" + p
		}
		return "single\x00" + item
	}
	nGold := map[string]int{}
	nPred := map[string]int{}
	nBoth := map[pair]int{}
	for item, g := range gold {
		p := predOf(item)
		nGold[g]++
		nPred[p]++
		nBoth[pair{g, p}]++
	}
	var b BCubed
	for item, g := range gold {
		p := predOf(item)
		both := float64(nBoth[pair{g, p}])
		b.P += both / float64(nPred[p])
		b.R += both / float64(nGold[g])
		b.Items++
	}
	if b.Items > 0 {
		b.P /= float64(b.Items)
		b.R /= float64(b.Items)
	}
	return b
}

var wikiRefSuffix = regexp.MustCompile(`(\.[0-9]+| \([0-9]+\))$`)

// WikiRefLabel returns the gold cluster of a WikiRef220 file: its name
// without the extension and the trailing ".<n>" or " (<n>)".
func WikiRefLabel(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return wikiRefSuffix.ReplaceAllString(base, "")
}

// StoryGold is the gold of an ECB+ article: its topic (a kind of event:
// celebrity enters rehab) and its sub-topic (one event of that kind: a
// story).
type StoryGold struct {
	Topic    string `json:"topic"`
	Subtopic string `json:"subtopic"`
}

// LoadStoryGold reads ECB+'s gold_topics.jsonl: article id -> its topic
// and sub-topic.
func LoadStoryGold(path string) (map[string]StoryGold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gold := map[string]StoryGold{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var r struct {
			ID string `json:"id"`
			StoryGold
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		gold[r.ID] = r.StoryGold
	}
	return gold, sc.Err()
}

// StoryScores is B-cubed of predicted groups against sub-topics (one event:
// a story) and topics (a kind of event).
type StoryScores struct {
	Subtopic, Topic BCubed
	Clusters        int // predicted groups among the scored articles
}

// ScoreStories scores predicted groups (article id -> group) as
// score_stories.py does by default: over the gold articles the prediction
// covers.
func ScoreStories(gold map[string]StoryGold, pred map[string]string) StoryScores {
	sub, topic, p := map[string]string{}, map[string]string{}, map[string]bool{}
	for id, g := range gold {
		if c, ok := pred[id]; ok {
			sub[id], topic[id], p[c] = g.Subtopic, g.Topic, true
		}
	}
	return StoryScores{Subtopic: ScoreBCubed(sub, pred), Topic: ScoreBCubed(topic, pred), Clusters: len(p)}
}
