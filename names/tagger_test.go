package names

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/text"
)

const benchText = `U.S. President Donald Trump said on Sunday that members of his administration were in talks with Russian officials. "We want to end that war," he told reporters at the White House.
Reuters reported that Secretary of State Marco Rubio would meet Ukrainian President Volodymyr Zelensky in Jeddah, Saudi Arabia, next week.
The European Union and NATO welcomed the talks, a spokeswoman for the European Commission said in Brussels.
Shares of Boeing Co fell 3 percent in New York after the company said its chief executive would step down.`

func doc(tb testing.TB, s string) *verbatim.Doc {
	d := verbatim.NewDoc(verbatim.Article{Text: s})
	d.Clean = s
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			d.Paragraphs = append(d.Paragraphs, verbatim.Span{Start: start, End: i})
			start = i + 1
		}
	}
	text.Process(d)
	return d
}

func TestModelEmbeddedAndRoundTrips(t *testing.T) {
	m := model()
	if m == nil {
		t.Fatal("no embedded model: run verbatim train ner")
	}
	// Round trip of a small model: weights survive int16 quantisation.
	small := newTagger(10)
	for i := range small.weights {
		if i/nLabels%3 != 0 { // every third row zero
			small.weights[i] = float32(i%97) - 48
		}
	}
	var buf bytes.Buffer
	if err := small.write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := readModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i := range small.weights {
		if d := small.weights[i] - float32(m2.quantum(i))*m2.scale; d > 0.01 || d < -0.01 {
			t.Fatalf("weight %d: %v read back as %v", i, small.weights[i], float32(m2.quantum(i))*m2.scale)
		}
	}
	d := doc(t, benchText)
	a := m.spans(d, nil)
	got := map[string]verbatim.EntityType{}
	for _, s := range a {
		got[d.Word(verbatim.Span{Start: d.Tokens[s.First].Start, End: d.Tokens[s.Last-1].End})] = s.Type
	}
	for name, typ := range map[string]verbatim.EntityType{"Donald Trump": verbatim.Person, "Marco Rubio": verbatim.Person,
		"Jeddah": verbatim.Place, "NATO": verbatim.Organization, "Brussels": verbatim.Place} {
		if got[name] != typ {
			t.Errorf("%s tagged %q, want %s (all: %v)", name, got[name], typ, got)
		}
	}
	if _, err := readModel(strings.NewReader("not a model")); err == nil {
		t.Error("junk read as a model")
	}
}

func TestShapeAndSpans(t *testing.T) {
	for w, want := range map[string]string{"Trump": "Xx", "U.S.": "X.X.", "1996-08-30": "d-d-d", "McDonald": "XxXx", "G7": "Xd"} {
		if got := string(shape(w, nil)); got != want {
			t.Errorf("shape(%q) = %q, want %q", w, got, want)
		}
	}
	// O B-PER I-PER B-LOC B-LOC I-ORG(invalid start) O
	got := appendSpans(nil, []int{0, 1, 2, 5, 5, 4, 0}, 10)
	want := []tokSpan{{11, 13, verbatim.Person}, {13, 14, verbatim.Place}, {14, 15, verbatim.Place}, {15, 16, verbatim.Organization}}
	if len(got) != len(want) {
		t.Fatalf("spans %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("span %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// BenchmarkTagger measures the tagger alone (tokens/s on one core).
func BenchmarkTagger(b *testing.B) {
	m := model()
	if m == nil {
		b.Skip("no model")
	}
	d := doc(b, strings.Repeat(benchText+"\n", 20))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.spans(d, nil)
	}
	b.ReportMetric(float64(len(d.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func TestHashSet(t *testing.T) {
	s := hashSet{vals: true}
	for i := range uint64(1000) {
		s.put(hashWord(strconv.FormatUint(i, 10)), uint8(1+i%3))
	}
	s.put(hashWord("7"), 4) // values of one key are or-ed
	for i := range uint64(1000) {
		want := uint8(1 + i%3)
		if i == 7 {
			want |= 4
		}
		if got := s.get(hashWord(strconv.FormatUint(i, 10))); got != want {
			t.Fatalf("get(%d) = %d, want %d", i, got, want)
		}
	}
	if s.get(hashWord("x")) != 0 || s.get(0) != 0 {
		t.Error("absent key found")
	}
	var set hashSet
	set.put(hashWord("reuters"), 1)
	if set.get(hashWord("reuters")) != 1 || set.get(hashWord("Reuters")) != 0 {
		t.Error("set membership")
	}
	set.reset()
	if set.get(hashWord("reuters")) != 0 {
		t.Error("reset kept a key")
	}
	if lexFlags.get(hashWord("president"))&lexHead == 0 || lexFlags.get(hashWord("the"))&lexStop == 0 {
		t.Error("lexicon flags not found by hash")
	}
}

func TestHashWordDistinguishesWords(t *testing.T) {
	seen := map[uint64]string{}
	for _, w := range []string{"", "a", "b", "ab", "ba", "a\x00", "abcdefgh", "abcdefghi", "abcdefgh\x00", "Trump", "trump", "<s>", "</s>"} {
		h := hashWord(w)
		if o, dup := seen[h]; dup {
			t.Errorf("hashWord(%q) = hashWord(%q)", w, o)
		}
		seen[h] = w
		if hashWord([]byte(w)) != h {
			t.Errorf("hashWord of %q differs for string and []byte", w)
		}
	}
}

func TestShapeASCIIAndSkip(t *testing.T) {
	for _, w := range []string{"Trump", "U.S.", "1996-08-30", "McDonald", "G7", "iPhone", "'s", "--", "x", ""} {
		if a, b := string(shapeASCII(w, nil)), string(shape(w, nil)); a != b {
			t.Errorf("shapeASCII(%q) = %q, shape %q", w, a, b)
		}
	}
	var f sentFeats
	words := []string{"the", "G7", "met", "in", "1996", ",", "iPhone", "3rd", "été", "Élysée"}
	plain := []bool{true, false, true, true, true, true, false, false, true, false}
	f.prepare(words, nil)
	for i, w := range words {
		if f.skip(i, 0) != plain[i] {
			t.Errorf("skip(%q) after O = %v, want %v", w, f.skip(i, 0), plain[i])
		}
		if f.skip(i, 1) {
			t.Errorf("%q skipped inside a name", w)
		}
	}
	if f.tok[9]&tokCap == 0 || f.tok[8]&tokCap != 0 {
		t.Error("capitalisation of non-ASCII words")
	}
	if got := string(f.low[f.lowOff[9]:f.lowEnd[9]]); got != "élysée" {
		t.Errorf("lower-cased %q", got)
	}
}

// TestGazetteerLongestMatch checks prepare's word-by-word extension of
// gazetteer names against trying every length, longest first.
func TestGazetteerLongestMatch(t *testing.T) {
	d := doc(t, benchText+"\nThe New York Stock Exchange and the Bank of England met the United Nations Security Council in New York City and Saudi Arabia.")
	var f sentFeats
	n := 0
	for _, s := range d.Sentences {
		var words []string
		for i := s.First; i < s.Last; i++ {
			words = append(words, tokText(d, i))
		}
		f.prepare(words, nil)
		want := make([]uint8, len(words))
		for i := 0; i < len(words); {
			adv := 1
			for k := min(gazMaxTokens, len(words)-i); k >= 1 && isCap(words[i]); k-- {
				if e, ok := gaz[strings.Join(words[i:i+k], " ")]; ok {
					c := gazTypeCode[e.Type]
					want[i] = c*2 - 1
					for j := i + 1; j < i+k; j++ {
						want[j] = c * 2
					}
					adv, n = k, n+1
					break
				}
			}
			i += adv
		}
		if !bytes.Equal(f.gaz, want) {
			t.Errorf("gazetteer tags of %q:\n got %v\nwant %v", words, f.gaz, want)
		}
	}
	if n < 5 {
		t.Errorf("only %d gazetteer names in the test text", n)
	}
}

// TestCompactScores checks that the compact rows score as the dense table.
func TestCompactScores(t *testing.T) {
	dense := &tagger{bits: 12, shift: 64 - 12, q: make([]int16, (1<<12)*nLabels)}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range dense.q {
		switch r.IntN(20) { // most rows zero
		case 0:
			dense.q[i] = int16(r.IntN(65535) - 32767)
		case 1:
			dense.q[i] = 32767 // extremes: a lane of sums must not carry
		case 2:
			dense.q[i] = -32767
		}
	}
	c := &tagger{bits: dense.bits, shift: dense.shift, q: slices.Clone(dense.q)}
	c.compact()
	for i := range 200 {
		feats := make([]uint64, 1+r.IntN(40))
		if i%10 == 0 { // more than score looks up at once
			feats = make([]uint64, maxFeats+r.IntN(2*maxFeats))
		}
		for i := range feats {
			feats[i] = r.Uint64()
		}
		var a, b [nLabels]float32
		dense.score(feats, &a)
		c.score(feats, &b)
		if a != b {
			t.Fatalf("compact %v, dense %v", b, a)
		}
	}
}

// TestLowerWords checks that a capitalised word is found seen in lower
// case (tokSeenLC) exactly when its lower-case form is a word of the
// document that does not start upper-case, with ASCII and other words.
func TestLowerWords(t *testing.T) {
	for _, s := range []string{
		"Apple said the apple pie was nice. Pear and Plum were not: plums were. The end, the END.",
		"Émile met émile and Zoë. Apple saw apple. Bank banks the bank.",
		"Long Internationalisation of internationalisation. A a I i.",
	} {
		d := doc(t, s)
		var lc hashSet
		lowerWords(d, &lc)
		lowerSeen := map[string]bool{}
		for i := range d.Tokens {
			if w := tokText(d, i); d.Tokens[i].Kind == verbatim.Word && !startsUpper(w) {
				lowerSeen[w] = true
			}
		}
		checked := 0
		for i := range d.Tokens {
			w := tokText(d, i)
			if !startsUpper(w) {
				continue
			}
			var f sentFeats
			f.prepare([]string{w}, &lc)
			want := lowerSeen[strings.ToLower(w)]
			if got := f.tok[0]&tokSeenLC != 0; got != want {
				t.Errorf("%q in %.30q: seen lower-case %v, want %v", w, s, got, want)
			}
			checked++
		}
		if checked < 4 {
			t.Fatalf("%d capitalised words in %q", checked, s)
		}
	}
}

// TestBiasRows checks biasRows, eight bytes at a time, against flipping
// the top bit of every second byte, for lengths around its word size.
func TestBiasRows(t *testing.T) {
	for n := 0; n <= 40; n += 2 {
		rows := make([]byte, n)
		for i := range rows {
			rows[i] = byte(i*37 + n)
		}
		want := slices.Clone(rows)
		for i := 0; i+1 < n; i += 2 {
			want[i+1] ^= 0x80
		}
		biasRows(rows)
		if !slices.Equal(rows, want) {
			t.Fatalf("%d bytes: %x, want %x", n, rows, want)
		}
	}
}
