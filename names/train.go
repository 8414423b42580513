package names

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"
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
}

// devF1 scores the tagger (averaged weights in w) on dev sentences.
func devF1(t *tagger, dev []conllSent) (float64, map[string][3]int) {
	per := map[string][3]int{}
	var f sentFeats
	var feats []uint64
	for _, s := range dev {
		f.prepare(s.words, s.lcDoc)
		out := make([]int, len(s.words))
		feats = t.tagSentence(&f, out, feats)
		g := map[tokSpan]bool{}
		for _, x := range appendSpans(nil, s.labels, 0) {
			g[x] = true
		}
		p := appendSpans(nil, out, 0)
		for _, x := range p {
			c := per[string(x.Type)]
			if g[x] {
				c[0]++
				delete(g, x)
			} else {
				c[1]++
			}
			per[string(x.Type)] = c
		}
		for x := range g {
			c := per[string(x.Type)]
			c[2]++
			per[string(x.Type)] = c
		}
	}
	var tp, fp, fn int
	for _, c := range per {
		tp, fp, fn = tp+c[0], fp+c[1], fn+c[2]
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn), per
}

// TrainNER trains the tagger on a CoNLL-2003 file and writes the model to
// out (names/ner.model.gz is embedded in the binary; see tagger.write).
// Progress goes to log.
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
	rng := rand.New(rand.NewPCG(opt.Seed, 42))
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
		}
		fmt.Fprintf(log, "epoch %d: %d tokens, training error %.4f (%.0fs)\n", ep+1, n, float64(errs)/float64(n), time.Since(t0).Seconds())
		if len(dev) > 0 {
			avg := newTagger(opt.Bits)
			for i := range t.weights {
				avg.weights[i] = float32((totals[i] + float64(step-stamps[i])*float64(t.weights[i])) / float64(step))
			}
			f1, per := devF1(avg, dev)
			fmt.Fprintf(log, "  dev span F1 %.4f %v\n", f1, per)
		}
	}
	for i := range t.weights {
		totals[i] += float64(step-stamps[i]) * float64(t.weights[i])
		t.weights[i] = float32(totals[i] / float64(step))
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
