package names

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/clean"
	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/text"
)

// TestFastTagging checks that tagFast (label table, word cache) labels
// every sentence as tagSentence does, feature for feature, on generated
// articles and the BBC corpus (skipped without ../shared), with the word
// and info caches of the tagger and with ones of two entries (words evict
// each other all the time).
func TestFastTagging(t *testing.T) {
	m := model()
	if m == nil || m.lab == nil {
		t.Fatal("no embedded model or no fast tables")
	}
	run := func(t *testing.T, arts []verbatim.Article) {
		docs := benchdata.Prepare(arts, []verbatim.Stage{clean.Stage, text.Stage})
		big, tiny := &wordCache{}, &wordCache{e: make([]wcEntry, 2)}
		infoBig, infoTiny := newInfoCache(), &infoCache{e: make([]wordInfo, 2)}
		tokens, named := 0, 0
		for _, d := range docs {
			var lc hashSet
			lowerWords(d, &lc)
			for _, s := range d.Sentences {
				var words []string
				for i := s.First; i < s.Last; i++ {
					words = append(words, tokText(d, i))
				}
				var fa, fb, fc sentFeats
				fb.info, fc.info = infoBig, infoTiny
				fa.prepare(words, &lc)
				fb.prepare(words, &lc)
				fc.prepare(words, &lc)
				want := make([]int, len(words))
				got := make([]int, len(words))
				got2 := make([]int, len(words))
				m.tagSentence(&fa, want, nil)
				m.tagFast(&fb, got, nil, big)
				m.tagFast(&fc, got2, nil, tiny)
				for i := range want {
					if got[i] != want[i] || got2[i] != want[i] {
						t.Fatalf("%q: token %d %q: fast %s (tiny cache %s), plain %s", d.ID, i, words[i],
							labels[got[i]], labels[got2[i]], labels[want[i]])
					}
					if want[i] != 0 {
						named++
					}
				}
				tokens += len(words)
			}
		}
		if named == 0 || named == tokens {
			t.Fatalf("%d of %d tokens in names: the comparison says nothing", named, tokens)
		}
	}
	t.Run("gen", func(t *testing.T) { run(t, benchdata.Gen()) })
	t.Run("bbc", func(t *testing.T) { run(t, benchdata.Corpus(t, "data/bbc")) })
}

// TestLabTable checks the label table against the rows it sums.
func TestLabTable(t *testing.T) {
	m := model()
	if m == nil || m.lab == nil {
		t.Fatal("no embedded model or no fast tables")
	}
	nonzero := false
	for p1 := range nLabels {
		for p2 := range nLabels {
			var sc [nLabels]float32
			m.score([]uint64{fmix(tmplKey[0]), f1(14, uint64(p1)), f1(15, uint64(p1)|uint64(p2)<<8)}, &sc)
			sums := m.lab[p1*nLabels+p2].sums()
			for l := range nLabels {
				if got := sums[l]; float32(got) != sc[l] {
					t.Fatalf("lab[%d,%d][%d] = %d, score %v", p1, p2, l, got, sc[l])
				}
				nonzero = nonzero || sc[l] != 0
			}
		}
	}
	if !nonzero {
		t.Fatal("all label sums zero")
	}
}

// TestTaggerPhrases checks that the gazetteer phrases the tagger finds as
// it prepares its features are those fixSpans would find itself.
func TestTaggerPhrases(t *testing.T) {
	m := model()
	if m == nil {
		t.Fatal("no embedded model")
	}
	run := func(t *testing.T, arts []verbatim.Article) {
		docs := benchdata.Prepare(arts, []verbatim.Stage{clean.Stage, text.Stage})
		total, multi := 0, 0
		for _, d := range docs {
			_, got, found := m.spansGaz(d, nil, nil)
			want, _ := gazPhrases(d, nil, nil)
			if !found {
				t.Fatalf("%q: phrases not found by the tagger", d.ID)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%q: tagger phrases %v, fixSpans %v", d.ID, got, want)
			}
			for _, p := range want {
				if p.Last-p.First > 1 {
					multi++
				}
			}
			total += len(want)
		}
		if total == 0 || multi == 0 {
			t.Fatalf("%d phrases, %d of several words: the comparison says little", total, multi)
		}
	}
	t.Run("gen", func(t *testing.T) { run(t, benchdata.Gen()) })
	t.Run("bbc", func(t *testing.T) { run(t, benchdata.Corpus(t, "data/bbc")) })
	d := doc(t, "Officials at the White House and the Bank of England met Fox News. NEW YORK was calm; New York too.")
	_, got, _ := m.spansGaz(d, nil, nil)
	if want, _ := gazPhrases(d, nil, nil); len(want) < 2 || !slices.Equal(got, want) {
		t.Fatalf("tagger phrases %v, fixSpans %v", got, want)
	}
}

// TestEnsureForms checks the hashes ensure computes (its one pass over an
// ASCII word) against the word, its lower case and its shape.
func TestEnsureForms(t *testing.T) {
	words := []string{"Blair", "blair", "BBC", "U.S.", "McDonald's", "2004", "5m", "Anti-Doping", "x", "É", "Zoë",
		"iPhone", "A1", "--", "&", "mid-2005", "ABCdef123", "a.b.c.", "London", "New", "Mr", "John", "president", "the"}
	info := newInfoCache()
	for pass := range 3 { // without the info cache, filling it, from it
		var f sentFeats
		if pass > 0 {
			f.info = info
		}
		f.prepare(words, nil)
		for i, w := range words {
			f.ensure(i)
			if f.hw[i] != hashWord(w) || f.hl[i] != hashWord(strings.ToLower(w)) || f.hs[i] != hashWord(shape(w, nil)) {
				t.Errorf("pass %d: %q: hashes of the word, lower case or shape differ", pass, w)
			}
			if got := string(f.lowered(i)); got != strings.ToLower(w) {
				t.Errorf("pass %d: %q lowered to %q", pass, w, got)
			}
			lw := strings.ToLower(w)
			gf, cv := gazFirst().get(hashWord(w)), cityNames().get(hashWord(w))
			if !isCap(w) {
				gf, cv = 0, 0
			}
			if f.lexOf(i) != lexFlags.get(hashWord(lw)) || f.gf[i] != gf || f.cv[i] != cv {
				t.Errorf("pass %d: %q: look-ups differ", pass, w)
			}
		}
	}
}

// TestHashSetFilter checks that a sealed set answers as the same set
// without its filter, for members and others, and that put unseals it.
func TestHashSetFilter(t *testing.T) {
	var a, b hashSet
	a.vals, b.vals = true, true
	for i := range 5000 {
		h := hashWord(strconv.Itoa(i))
		a.put(h, uint8(i%7+1))
		b.put(h, uint8(i%7+1))
	}
	b.seal()
	rejected := 0
	for i := range 20000 {
		h := hashWord(strconv.Itoa(i))
		if a.get(h) != b.get(h) {
			t.Fatalf("%d: %d with the filter, %d without", i, b.get(h), a.get(h))
		}
		if k := h >> (64 - filterBits); b.filter[k>>6]>>(k&63)&1 == 0 {
			rejected++
		}
	}
	if rejected < 10000 {
		t.Fatalf("the filter rejects %d of 15000 others", rejected)
	}
	b.put(hashWord("new"), 1)
	if b.filter != nil || b.get(hashWord("new")) != 1 {
		t.Fatal("put left the filter")
	}
}

// TestUpperForm checks upperForm against strings.ToUpper.
func TestUpperForm(t *testing.T) {
	for _, w := range []string{"", "A", "a", "NATO", "Nato", "U.S.", "MP3", "3", "ÉTÉ", "Été", "ÉTé", "ß", "ǅ", "NEW YORK", "x\xff", "X\xff"} {
		if got, want := upperForm(w), strings.ToUpper(w) == w; got != want {
			t.Errorf("upperForm(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestCapitalsLineStops checks capitalsLine, which stops once the letters
// left cannot make the line capitals, against a count of all its letters.
func TestCapitalsLineStops(t *testing.T) {
	d := doc(t, "WINSTON BLACKMORE SAID NO\nThe court heard it.\nABC news said so.\nHE SAID: the end was near now.\nA B C D E\n"+
		"PM BLAIR IN TALKS WITH bush\nX")
	caps := 0
	for k := range d.Sentences {
		s := &d.Sentences[k]
		up, lo := 0, 0
		for i := s.First; i < s.Last; i++ {
			for _, c := range []byte(tokText(d, i)) {
				if c >= 'A' && c <= 'Z' {
					up++
				} else if c >= 'a' && c <= 'z' {
					lo++
				}
			}
		}
		want := up > 3 && up > 4*lo
		if got := capitalsLine(d, s); got != want {
			t.Errorf("sentence %d: capitalsLine %v, want %v", k, got, want)
		}
		if want {
			caps++
		}
	}
	if caps < 2 || caps == len(d.Sentences) {
		t.Fatalf("%d of %d sentences in capitals: the test says little", caps, len(d.Sentences))
	}
}

// TestFastScores checks the scores of the fast path (cached word sums,
// class tables) against the plain sum of every feature's
// row, for every token of generated articles and of BBC (skipped without
// ../shared) after every pair of previous labels, with caches of the
// tagger's size and of two entries.
func TestFastScores(t *testing.T) {
	m := model()
	if m == nil || m.lab == nil || m.gz == nil {
		t.Fatal("no embedded model or no fast tables")
	}
	tiny := &wordCache{e: make([]wcEntry, 2)}
	big := &wordCache{}
	m.tagFast(&sentFeats{}, nil, nil, big) // allocates its tables
	run := func(t *testing.T, arts []verbatim.Article) {
		docs := benchdata.Prepare(arts, []verbatim.Stage{clean.Stage, text.Stage})
		scored, classes := 0, 0
		for k, d := range docs {
			var lc hashSet
			lowerWords(d, &lc)
			for _, s := range d.Sentences {
				var words []string
				for i := s.First; i < s.Last; i++ {
					words = append(words, tokText(d, i))
				}
				var f sentFeats
				f.prepare(words, &lc)
				for i := range words {
					f.ensure(i)
				}
				for i := range words {
					if f.gaz[i] != 0 || f.city[i] != 0 {
						classes++
					}
					for p := range nLabels * nLabels {
						p1, p2 := p/nLabels, p%nLabels
						if k%8 != 0 && p != 0 && p != nLabels+3 && p != 2*nLabels+1 {
							continue // every pair in an eighth of the documents
						}
						var want [nLabels]float32
						m.score(f.features(i, p1, p2, nil), &want)
						for _, wc := range []*wordCache{big, tiny} {
							got, _ := m.scoreFast(&f, i, p1, p2, nil, wc)
							for l := range nLabels {
								if float32(got[l]) != want[l] {
									t.Fatalf("%q: token %d %q after %d,%d: fast %v, plain %v", d.ID, i, words[i], p1, p2, got, want)
								}
							}
						}
						scored++
					}
				}
			}
		}
		if scored == 0 || classes == 0 {
			t.Fatalf("%d scores, %d tokens in gazetteer or place names: the comparison says little", scored, classes)
		}
	}
	t.Run("gen", func(t *testing.T) { run(t, benchdata.Gen()) })
	t.Run("bbc", func(t *testing.T) {
		arts := benchdata.Corpus(t, "data/bbc")
		run(t, arts[:min(len(arts), 600)])
	})
}
