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

// isHonorific reports whether w is a word of an honorific chain: an
// honorific, a peerage or a chain word.
func isHonorific(w string) bool { return isPeerage(w) || lowerIn(chainWords, w) }

// chainAt returns the number of tokens of the honorific chain that starts
// at token i (0 when none): honorifics, peerages and chain words, and a
// chain lead before one of them.
func chainAt(d *verbatim.Doc, i, end int) int {
	k := i
	for k < end && d.Tokens[k].Kind == verbatim.Word {
		w := tokText(d, k)
		if !isCap(w) {
			break
		}
		if lowerIn(chainLeads, w) && k+1 < end && isHonorific(tokText(d, k+1)) {
			k++
			continue
		}
		if !isHonorific(w) {
			break
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
		for a > 0 && a > s.First-4 && d.Tokens[a-1].Kind == verbatim.Word && isCap(tokText(d, a-1)) &&
			(isHonorific(tokText(d, a-1)) || lowerIn(chainLeads, tokText(d, a-1))) && (i == 0 || spans[i-1].Last < a) {
			a--
		}
		c := chainAt(d, a, len(d.Tokens))
		n0 := a + c
		if c == 0 || n0 >= len(d.Tokens) || d.Tokens[n0].Kind != verbatim.Word || !isCap(tokText(d, n0)) ||
			sentenceIndex(d, n0) != sentenceIndex(d, a) {
			continue
		}
		strong := c >= 2 || lowerIn(chainWords, tokText(d, a))
		given := GivenNameGender(tokText(d, n0)) != 0
		if !strong && !(given && s.Type != verbatim.Person) {
			continue
		}
		if !strong && n0 == s.First {
			continue // the tagger left the honorific out already
		}
		end := n0 + 1
		for end < len(d.Tokens) && end-n0 < 3 && d.Tokens[end].Kind == verbatim.Word && isCap(tokText(d, end)) &&
			!lowerIn(stopWords, tokText(d, end)) && !weekdays[strings.ToLower(tokText(d, end))] && !isHonorific(tokText(d, end)) &&
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
