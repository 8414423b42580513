// Names the tagger missed before their acronym in brackets: "the United
// States Anti-Doping Agency (USADA)", where the capitalised words spell the
// acronym, are an organisation even when no span covers them.

package names

import (
	"slices"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// acronymSpans adds to spans (in token order) the organisations spelt by
// an acronym in brackets after them that no span ends before.
func acronymSpans(d *verbatim.Doc, spans []tokSpan) []tokSpan {
	for off := 0; ; off++ {
		n := strings.IndexByte(d.Clean[off:], '(')
		if n < 0 {
			break
		}
		off += n
		i := tokenAt(d, off)
		if i < 1 || i+2 >= len(d.Tokens) || tokText(d, i) != "(" || tokText(d, i+2) != ")" {
			continue
		}
		acr := tokText(d, i+1)
		if len(acr) < 3 || !upperForm(acr) || !isCap(acr) {
			continue
		}
		j := slices.IndexFunc(spans, func(s tokSpan) bool { return s.Last >= i })
		if j >= 0 && spans[j].Last == i {
			continue // a name ends there: extendOrgs's
		}
		first := acronymStart(d, i, acr)
		if first < 0 || slices.ContainsFunc(spans, func(s tokSpan) bool { return s.First < first && s.Last > first || s.First < i && s.Last > i }) {
			continue // (a name the tagger found across its edges stays)
		}
		// names inside it are parts of it ("United States" of "United
		// States Anti-Doping Agency")
		spans = slices.DeleteFunc(spans, func(s tokSpan) bool { return s.First >= first && s.Last <= i })
		j = slices.IndexFunc(spans, func(s tokSpan) bool { return s.First >= i })
		s := tokSpan{first, i, verbatim.Organization}
		if j < 0 {
			spans = append(spans, s)
		} else {
			spans = slices.Insert(spans, j, s)
		}
	}
	return spans
}

// acronymStart returns the first token of the capitalised words before
// token end that spell acr (and, of, for, the between them), or -1.
func acronymStart(d *verbatim.Doc, end int, acr string) int {
	lo := sentenceStart(d, end)
	var fa [16]string
	for k := end - 1; k >= lo && end-k <= 10; k-- {
		w := tokText(d, k)
		if d.Tokens[k].Kind != verbatim.Word || d.Clean[d.Tokens[k].End:d.Tokens[k+1].Start] != " " && k+1 < end {
			return -1
		}
		if lw := strings.ToLower(w); lw == "and" || lw == "of" || lw == "for" || lw == "on" {
			continue
		}
		if !isCap(w) {
			return -1
		}
		words := fa[:0]
		for j := k; j < end; j++ {
			words = append(words, tokText(d, j))
		}
		if a := acronym(words); a == acr {
			return k
		} else if len(a) > len(acr) {
			return -1
		}
	}
	return -1
}
