package postgres

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim/internal/benchdata"
	"github.com/verbatim-news/verbatim/internal/storekit"
	"golang.org/x/text/unicode/norm"
)

// wordsReference is words as first written: the whole text folded, then
// split into runs of letters and digits.
func wordsReference(s string, f func(w string, pos int)) {
	s = storekit.Fold(s)
	pos := 0
	for len(s) > 0 {
		i := strings.IndexFunc(s, isWordRune)
		if i < 0 {
			return
		}
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return !isWordRune(r) })
		if j < 0 {
			j = len(s)
		}
		pos++
		if w := s[:j]; len(w) <= maxLexeme && utf8.ValidString(w) {
			f(w, pos)
		}
		s = s[j:]
	}
}

type posWord struct {
	w   string
	pos int
}

func collectWords(fn func(string, func(string, int)), s string) []posWord {
	var out []posWord
	fn(s, func(w string, pos int) { out = append(out, posWord{w, pos}) })
	return out
}

func checkWords(t *testing.T, s string) {
	t.Helper()
	if got, want := collectWords(words, s), collectWords(wordsReference, s); !slices.Equal(got, want) {
		t.Fatalf("words(%q):\n got %v\nwant %v", s, got, want)
	}
}

// TestWordsFoldWordByWord: folding word by word gives the words and
// positions of folding the whole text, on hand-picked cases, random text
// over letters, marks, digits, punctuation and invalid bytes, every rune
// that folding changes alone and between letters, and the BBC corpus.
func TestWordsFoldWordByWord(t *testing.T) {
	for _, s := range []string{
		"", "Hello, World", "Mélanie's 2nd term", "e\u0301te\u0301 a\u0301", " \u0301x", "Ｆｕｌｌ　ｗｉｄｔｈ",
		"İstanbul ÅNGSTRÖM Ω ǅemal", "“Quoted” — and ‘more’…", "abc\xffdef \xc3", "naïve café coöperate",
		"क्षत्रिय हिन्दी", "日本語のテキスト", "x" + strings.Repeat("y", 300) + " z", "ǈ ǋ ß ﬁ",
	} {
		checkWords(t, s)
	}
	pieces := []string{"a", "Z", "é", "e\u0301", "\u0301", "\u0903", "9", "٣", " ", ",", "’", "—", "\xff", "ß", "İ", "Ω", "ﬁ", "\u200d", "\u00ad", "Å", "ǅ", "\t", "\u3000"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		checkWords(t, b.String())
	}
	// every rune that folding changes or removes, alone and within a word
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if s := string(r); unicode.In(r, unicode.M) || !norm.NFD.IsNormalString(s) || strings.ToLower(s) != s {
			checkWords(t, "a"+s+"b "+s+" "+s+"x")
		}
	}
	t.Run("bbc", func(t *testing.T) {
		for _, a := range benchdata.Corpus(t, "data/bbc") {
			checkWords(t, a.Title+" "+a.Text)
		}
	})
}

// BenchmarkWords: the search vector words of the BBC articles, folded
// word by word and (ref) as first written.
// go test ./postgres -run XX -bench Words -cpu 1
func BenchmarkWords(b *testing.B) {
	arts := benchdata.Corpus(b, "data/bbc")
	for _, c := range []struct {
		name string
		fn   func(string, func(string, int))
	}{{"words", words}, {"ref", wordsReference}} {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			for i := 0; i < b.N; i++ {
				for _, a := range arts {
					c.fn(a.Title+" "+a.Text, func(string, int) { n++ })
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(arts)), "µs/art")
		})
	}
	b.Run("tsVector", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, a := range arts {
				tsVector(a.Title+" "+a.Text, false)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(arts)), "µs/art")
	})
}

// TestTSVectorOrder: a vector holds each word once, in PostgreSQL's
// order (shorter first, then bytewise), with its positions when asked.
func TestTSVectorOrder(t *testing.T) {
	v := tsVector("Beta alpha, BETA gamma zz alpha", true)
	var got []string
	for _, l := range v.Lexemes {
		var ps []int
		for _, p := range l.Positions {
			ps = append(ps, int(p.Position))
		}
		got = append(got, fmt.Sprint(l.Word, ps))
	}
	if want := []string{"zz[5]", "beta[1 3]", "alpha[2 6]", "gamma[4]"}; !slices.Equal(got, want) {
		t.Errorf("with positions: %v, want %v", got, want)
	}
	got = got[:0]
	for _, l := range tsVector("Beta alpha, BETA gamma zz alpha", false).Lexemes {
		got = append(got, fmt.Sprint(l.Word, len(l.Positions)))
	}
	if want := []string{"zz0", "beta0", "alpha0", "gamma0"}; !slices.Equal(got, want) {
		t.Errorf("without: %v, want %v", got, want)
	}
}
