package names

import (
	"strings"

	"github.com/verbatim-news/verbatim"
)

// Chains of honorifics before a name: "the Rt Rev Dr Tom Wright", "the Rt
// Hon Sir John Major", "the Very Rev Jane Hedges". The tagger, which knows
// single honorifics ("Dr", "Sir"), takes such a chain for the start of an
// organisation ("Rt Rev Dr Tom"); the person is the name after the chain.

// chainWords are the words of honorific chains the honorific list (which
// the tagger's features read) leaves out: they only ever stand before a
// name or another honorific.
var chainWords = map[string]bool{"rt": true, "rt.": true, "revd": true, "revd.": true, "reverend": true,
	"hon": true, "hon.": true, "honourable": true, "honorable": true}

// chainLeads open a chain only when an honorific follows them ("the Very
// Rev", "the Most Rev", "the Right Hon"); alone they are common words.
var chainLeads = map[string]bool{"very": true, "most": true, "right": true}

func init() {
	for w := range chainWords {
		nameHeads[w] = struct{}{}
	}
}

// chainKind holds every word of a chain as written in running text
// ("Dr", "Rt", "DR"), with its kind: 1 an honorific or a peerage, 2 a
// chain word, 3 a chain lead (one look-up per word, no lower-casing;
// filled by the lexicon's init, after the honorifics).
var chainKind = map[string]byte{}

func fillChainKind() {
	add := func(w string, k byte) {
		chainKind[strings.ToUpper(w[:1])+w[1:]] = k // "Dr"
		chainKind[strings.ToUpper(w)] = k           // "DR"
	}
	for w := range honorifics {
		add(w, 1)
	}
	for _, w := range peerages {
		add(w, 1)
	}
	for w := range chainWords {
		add(w, 2)
	}
	for w := range chainLeads {
		add(w, 3)
	}
}

// chainAt returns the number of tokens of the honorific chain that starts
// at token i (0 when none): honorifics, peerages and chain words, and a
// chain lead before one of them.
func chainAt(d *verbatim.Doc, i, end int) int {
	k := i
	for k < end && d.Tokens[k].Kind == verbatim.Word {
		switch chainKind[tokText(d, k)] {
		case 0:
			return k - i
		case 3:
			if k+1 >= end {
				return k - i
			}
			if g := chainKind[tokText(d, k+1)]; g == 0 || g == 3 {
				return k - i
			}
		}
		k++
	}
	return k - i
}

// chainSpans makes the name after an honorific chain a person, whatever
// the tagger made of the chain and the name ("Rt Rev Dr Tom" +
// "Wright", "Rev" + "Wright"): the name runs from the first word after
// the chain over the capitalised words that follow it (three at most), and
// the spans it overlaps give way to it. A chain of one honorific ("Dr
// Pepper", "Lord Ashcroft") is left as the tagger found it unless a given
// name follows and the tagger did not call it a person.
func chainSpans(d *verbatim.Doc, spans []tokSpan) []tokSpan {
	for i := 0; i < len(spans); i++ {
		s := spans[i]
		a := s.First
		for a > 0 && a > s.First-4 && d.Tokens[a-1].Kind == verbatim.Word && chainKind[tokText(d, a-1)] != 0 &&
			(i == 0 || spans[i-1].Last < a) {
			a--
		}
		c := chainAt(d, a, len(d.Tokens))
		n0 := a + c
		if c == 0 || n0 >= len(d.Tokens) || d.Tokens[n0].Kind != verbatim.Word || !isCap(tokText(d, n0)) ||
			sentenceIndex(d, n0) != sentenceIndex(d, a) {
			continue
		}
		strong := c >= 2 || chainKind[tokText(d, a)] == 2
		given := GivenNameGender(tokText(d, n0)) != 0
		if !strong && !(given && s.Type != verbatim.Person) {
			continue
		}
		if !strong && n0 == s.First {
			continue // the tagger left the honorific out already
		}
		end := n0 + 1
		for end < len(d.Tokens) && end-n0 < 3 && d.Tokens[end].Kind == verbatim.Word && isCap(tokText(d, end)) &&
			!lowerIn(stopWords, tokText(d, end)) && !lowerIn(weekdays, tokText(d, end)) && chainKind[tokText(d, end)] == 0 &&
			d.Clean[d.Tokens[end-1].End:d.Tokens[end].Start] == " " {
			end++
		}
		if end-n0 == 1 && !given && s.Last <= n0 {
			continue // a chain and one word the tagger did not take for a name
		}
		// the spans from i on that overlap the chain or the name give way
		j := i
		for j < len(spans) && spans[j].First < end {
			j++
		}
		spans[i] = tokSpan{n0, end, verbatim.Person}
		spans = append(spans[:i+1], spans[j:]...)
	}
	return spans
}
