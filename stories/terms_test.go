package stories

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
)

// refTerms counts an article's terms and signature the plain way (a map of
// strings, the stop word map, one signature value at a time).
func refTerms(d *verbatim.Doc) ([]string, []int32, *[sigLen]uint32) {
	loadLexicons()
	var terms []string
	var counts []int32
	idx := map[string]int{}
	add := func(w string, k int32) {
		if i, ok := idx[w]; ok {
			counts[i] += k
			return
		}
		idx[w] = len(terms)
		terms, counts = append(terms, w), append(counts, k)
	}
	word := func(w []byte) string {
		if len(w) < 3 || allDigits(w) || stopwords[string(w)] {
			return ""
		}
		return string(stem(w))
	}
	wordIter(d.Title, nil, func(w []byte, _ uint64, _ int) {
		if s := word(w); s != "" {
			add(s, int32(titleWeight))
		}
	})
	var sig [sigLen]uint32
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	var h [3]uint64
	n := 0
	wordIter(d.Text, nil, func(w []byte, _ uint64, _ int) {
		hw := hashWord(w)
		if n++; n >= 4 {
			sh := mix(h[0]*31 ^ h[1]*17 ^ h[2]*7 ^ hw)
			for i := range sig {
				if v := uint32(((sh ^ seeds[i]) * 0x9E3779B97F4A7C15) >> 32); v < sig[i] {
					sig[i] = v
				}
			}
		}
		h = [3]uint64{h[1], h[2], hw}
		if s := word(w); s != "" {
			add(s, 1)
		}
	})
	return terms, counts, &sig
}

// FeaturesOf counts terms (in first-seen order) and computes the MinHash
// signature as the plain computation does, also for an article with
// thousands of distinct words (the term table grows) and repeated ones.
func TestFeaturesTermsAsPlainCount(t *testing.T) {
	docs := bbcSample(t)
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "word%dx policies the Word%dx %d ", i%2500, i%7, i)
	}
	docs = append(docs, &verbatim.Doc{Article: verbatim.Article{ID: "many", Title: "Many policies", Text: b.String()}})
	for _, d := range docs {
		d.Clean = ""
		f := FeaturesOf(d)
		terms, counts, sig := refTerms(d)
		var n int // entity terms follow the words
		for n < len(f.Terms) && !strings.HasPrefix(f.Terms[n], "\x01") {
			n++
		}
		if !slices.Equal(f.Terms[:n], terms) || !slices.Equal(f.Counts[:n], counts) {
			t.Fatalf("%s: terms differ from the plain count", d.ID)
		}
		if f.Sig != nil && *f.Sig != *sig {
			t.Fatalf("%s: signature differs", d.ID)
		}
	}
}

// minhashAll (AVX2 where the CPU has it) gives the signature minhash gives
// one shingle at a time, for counts of shingles around the loop's edges.
func TestMinhashAllAsEach(t *testing.T) {
	shs := make([]uint64, 1000)
	x := uint64(7)
	for i := range shs {
		x = mix(x + 0x9E3779B97F4A7C15)
		shs[i] = x
	}
	shs[3], shs[4] = 0, math.MaxUint64 // extremes of the xor and product
	for _, n := range []int{0, 1, 2, 3, 5, 17, 400, 1000} {
		var want, got [sigLen]uint32
		minhashEach(&want, shs[:n])
		minhashAll(&got, shs[:n])
		if got != want {
			t.Fatalf("%d shingles (AVX2 %v): %v, want %v", n, haveAVX2, got[:4], want[:4])
		}
	}
}

// A nationality or a party, a group of the event's participants ("Somali
// pirates", "Republican senators"), is an entity term as persons,
// organisations and places are.
func TestGroupIsAnEntityTerm(t *testing.T) {
	d := analyze(t, verbatim.Article{ID: "g", Title: "Pirates held",
		Text: "The navy detained 12 Somali pirates in the Gulf of Aden on Saturday. The Somali crew surrendered."})
	f := FeaturesOf(d)
	if !slices.Contains(f.Terms, "\x01gSomali") {
		t.Errorf("no group term in %q", f.Terms)
	}
}
