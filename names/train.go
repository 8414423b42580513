package names

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// conllSent is one training sentence: words, gold label indexes, and the
// lower-case words of its document (for the document-level feature).
type conllSent struct {
	words  []string
	labels []int
	lcDoc  *hashSet
}

// readCoNLL reads an IOB2 CoNLL-2003 file ("token POS chunk NER").
func readCoNLL(path string) ([]conllSent, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	li := map[string]int{}
	for i, l := range labels {
		li[l] = i
	}
	var (
		out   []conllSent
		cur   conllSent
		lcDoc = &hashSet{}
	)
	flush := func() {
		if len(cur.words) > 0 {
			cur.lcDoc = lcDoc
			out = append(out, cur)
		}
		cur = conllSent{}
	}
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "-DOCSTART-") {
			flush()
			lcDoc = &hashSet{}
			continue
		}
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		f := strings.Split(line, " ")
		w, tag := f[0], f[len(f)-1]
		l, ok := li[tag]
		if !ok {
			return nil, fmt.Errorf("%s: unknown tag %q", path, tag)
		}
		cur.words = append(cur.words, w)
		cur.labels = append(cur.labels, l)
		if !isCap(w) {
			lcDoc.put(hashWord(w), 1)
		}
	}
	flush()
	return out, sc.Err()
}

// TrainOptions configure TrainNER.
type TrainOptions struct {
	Epochs int  // passes over the data (shuffled each time)
	Bits   uint // log2 of the feature hash table size
	Seed   uint64
	Dev    string // optional CoNLL file scored (span F1, PER/ORG/LOC/MISC) after each epoch
	// Folds > 1 cross-validates instead of writing a model: the training
	// documents are split into Folds parts, each scored by a tagger
	// trained on the others, and the held-out F1 is printed.
	Folds int
	// Dropout is the probability that a capitalised training token is
	// seen without its word identity (its affixes, shape and context
	// stay), so that the tagger learns what makes an unseen word a name.
	Dropout float64
	// Cased is the share of training sentences also seen in Title Case
	// and in capitals, as headlines print them (the gold labels stay).
	Cased float64
}

// DefaultTrainOptions are the options the embedded model was trained with,
// chosen by 5-fold cross-validation on CoNLL-2003 train.
var DefaultTrainOptions = TrainOptions{Epochs: 16, Bits: 19, Seed: 1}

// spanCounts scores predicted label sequences against gold ones as
// score_ner.py does: exact spans of PER, ORG and LOC; a predicted span
// equal to a gold MISC span is ignored.
type spanCounts struct{ tp, fp, fn [nLabels/2 + 1]int }

func (c *spanCounts) add(gold, pred []int) {
	g := map[tokSpan]bool{}
	misc := map[[2]int]bool{}
	for _, x := range appendSpans(nil, gold, 0) {
		if x.Type == verbatim.Misc {
			misc[[2]int{x.First, x.Last}] = true
			continue
		}
		g[x] = true
	}
	for _, x := range appendSpans(nil, pred, 0) {
		if x.Type == verbatim.Misc || misc[[2]int{x.First, x.Last}] {
			continue
		}
		k := typeIndex(x.Type)
		if g[x] {
			c.tp[k]++
			delete(g, x)
		} else {
			c.fp[k]++
		}
	}
	for x := range g {
		c.fn[typeIndex(x.Type)]++
	}
}

// f1 returns the F1 of type index k, or of all types when k < 0.
func (c *spanCounts) f1(k int) float64 {
	var tp, fp, fn int
	for i := range c.tp {
		if k < 0 || i == k {
			tp, fp, fn = tp+c.tp[i], fp+c.fp[i], fn+c.fn[i]
		}
	}
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn)
}

func (c *spanCounts) String() string {
	return fmt.Sprintf("F1 %.4f (PER %.4f ORG %.4f LOC %.4f)", c.f1(-1),
		c.f1(typeIndex(verbatim.Person)), c.f1(typeIndex(verbatim.Organization)), c.f1(typeIndex(verbatim.Place)))
}

// score tags sentences and counts their spans against the gold labels.
func (t *tagger) scoreSents(sents []conllSent) *spanCounts {
	var c spanCounts
	var f sentFeats
	var feats []uint64
	for _, s := range sents {
		f.prepare(s.words, s.lcDoc)
		out := make([]int, len(s.words))
		feats = t.tagSentence(&f, out, feats)
		c.add(s.labels, out)
	}
	return &c
}

// TrainNER trains the tagger on a CoNLL-2003 file and writes the model to
// out (names/ner.model.gz is embedded in the binary; see tagger.write).
// With opt.Folds > 1 it cross-validates on the file instead and writes
// nothing. Progress goes to log.
func TrainNER(conll, out string, opt TrainOptions, log io.Writer) error {
	if opt.Epochs <= 0 {
		opt.Epochs = 16
	}
	if opt.Bits == 0 {
		opt.Bits = 19
	}
	t0 := time.Now()
	sents, err := readCoNLL(conll)
	if err != nil {
		return err
	}
	var dev []conllSent
	if opt.Dev != "" {
		if dev, err = readCoNLL(opt.Dev); err != nil {
			return err
		}
	}
	if opt.Folds > 1 {
		return crossValidate(sents, dev, opt, log)
	}
	t := trainTagger(sents, dev, opt, log)
	if len(dev) > 0 {
		fmt.Fprintf(log, "dev (tagger alone, PER/ORG/LOC) %s\n", t.scoreSents(dev))
	}
	fh, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := t.write(fh); err != nil {
		fh.Close()
		return err
	}
	if err := fh.Close(); err != nil {
		return err
	}
	fi, _ := os.Stat(out)
	fmt.Fprintf(log, "wrote %s (%d bytes) in %.0fs\n", out, fi.Size(), time.Since(t0).Seconds())
	return nil
}

// crossValidate splits the documents of sents into opt.Folds parts and
// prints the F1 of each part tagged by a model trained on the others, their
// pooled F1, and (when dev is given) that of a model trained on all.
func crossValidate(sents, dev []conllSent, opt TrainOptions, log io.Writer) error {
	docOf := make([]int, len(sents))
	nd := -1
	var last *hashSet
	for i, s := range sents {
		if s.lcDoc != last {
			nd++
			last = s.lcDoc
		}
		docOf[i] = nd
	}
	var pooled spanCounts
	for k := range opt.Folds {
		var tr, te []conllSent
		for i, s := range sents {
			if docOf[i]%opt.Folds == k {
				te = append(te, s)
			} else {
				tr = append(tr, s)
			}
		}
		t := trainTagger(tr, nil, opt, io.Discard)
		c := t.scoreSents(te)
		fmt.Fprintf(log, "fold %d/%d: %d sentences held out, %s\n", k+1, opt.Folds, len(te), c)
		for j := range c.tp {
			pooled.tp[j] += c.tp[j]
			pooled.fp[j] += c.fp[j]
			pooled.fn[j] += c.fn[j]
		}
	}
	fmt.Fprintf(log, "cross-validated (%d folds, tagger alone, PER/ORG/LOC): %s\n", opt.Folds, &pooled)
	if len(dev) > 0 {
		t := trainTagger(sents, nil, opt, io.Discard)
		fmt.Fprintf(log, "dev (trained on all): %s\n", t.scoreSents(dev))
	}
	return nil
}

// casedCopies returns Title Case and capitalised copies of a share of the
// sentences (chosen by rng), with their gold labels.
func casedCopies(sents []conllSent, share float64, rng *rand.Rand) []conllSent {
	var out []conllSent
	for _, s := range sents {
		if rng.Float64() >= share {
			continue
		}
		upper := rng.IntN(2) == 0
		c := conllSent{words: make([]string, len(s.words)), labels: s.labels, lcDoc: s.lcDoc}
		for i, w := range s.words {
			switch {
			case upper:
				c.words[i] = strings.ToUpper(w)
			case len(w) <= 3 && stopWords[w] && rng.IntN(2) == 0:
				c.words[i] = w // "of", "the", "in" stay lower-case in some styles
			default:
				c.words[i] = titleWord(w)
			}
		}
		out = append(out, c)
	}
	return out
}

// titleWord upper-cases the first letter of w.
func titleWord(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) {
		return w
	}
	return string(unicode.ToUpper(r)) + w[n:]
}

// trainTagger trains an averaged perceptron on sents; with dev, the dev F1
// of the averaged weights is printed after each epoch.
func trainTagger(sents, dev []conllSent, opt TrainOptions, log io.Writer) *tagger {
	t0 := time.Now()
	rng := rand.New(rand.NewPCG(opt.Seed, 42))
	if opt.Cased > 0 {
		sents = append(slices.Clip(sents), casedCopies(sents, opt.Cased, rng)...)
	}
	t := newTagger(opt.Bits)
	totals := make([]float64, len(t.weights))
	stamps := make([]int32, len(t.weights))
	var step int32
	upd := func(feats []uint64, l int, v float32) {
		for _, h := range feats {
			i := (h>>t.shift)*nLabels + uint64(l)
			totals[i] += float64(step-stamps[i]) * float64(t.weights[i])
			stamps[i] = step
			t.weights[i] += v
		}
	}
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var (
		f     sentFeats
		feats []uint64
		sc    [nLabels]float32
	)
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, n := 0, 0
		for _, si := range order {
			s := sents[si]
			f.prepare(s.words, s.lcDoc)
			// Every token is trained on, including those that tagging
			// skips (sentFeats.skip): training on the tagged ones only
			// lowered eval names F1 (PER 0.903 -> 0.894).
			p1, p2 := 0, 0
			for i := range s.words {
				step++
				f.drop = opt.Dropout > 0 && f.tok[i]&tokCap != 0 && rng.Float64() < opt.Dropout
				feats = f.features(i, p1, p2, feats[:0])
				t.score(feats, &sc)
				g := best(&sc, p1)
				if g != s.labels[i] {
					upd(feats, s.labels[i], 1)
					upd(feats, g, -1)
					errs++
				}
				n++
				p2, p1 = p1, g
			}
			f.drop = false
		}
		fmt.Fprintf(log, "epoch %d: %d tokens, training error %.4f (%.0fs)\n", ep+1, n, float64(errs)/float64(n), time.Since(t0).Seconds())
		if len(dev) > 0 {
			avg := newTagger(opt.Bits)
			for i := range t.weights {
				avg.weights[i] = float32((totals[i] + float64(step-stamps[i])*float64(t.weights[i])) / float64(step))
			}
			fmt.Fprintf(log, "  dev %s\n", avg.scoreSents(dev))
		}
	}
	for i := range t.weights {
		totals[i] += float64(step-stamps[i]) * float64(t.weights[i])
		t.weights[i] = float32(totals[i] / float64(step))
	}
	return t
}
