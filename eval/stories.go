package eval

import (
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
