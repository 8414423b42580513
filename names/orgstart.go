package names

import (
	"github.com/verbatim-news/verbatim"
)

// Where an organisation's name starts. The tagger often cuts the first
// words off a long organisation's name: a nationality or a compass point
// it takes for a name of its own ("British" + "Phonographic Industry",
// "North" + "Wales Police"), or the words before an "and" inside the name
// ("Pew Internet" + "American Life Project", "Public and" + "Commercial
// Services union"). orgStarts joins them back when the span ends with a
// word that makes a name an organisation.

// orgEnds are words that end an organisation's name beyond the
// organisation words the tagger's features read (data/orgwords.txt).
var orgEnds = map[string]bool{"project": true, "industry": true, "industries": true, "society": true,
	"centre": true, "center": true, "forum": true, "initiative": true, "campaign": true, "network": true,
	"unit": true, "panel": true, "programme": true, "program": true,
	// companies' last words: "Crowley Petroleum Distributors", "Heritage Properties"
	"properties": true, "distributors": true, "dairy": true, "creamery": true, "foods": true, "farms": true,
	"systems": true, "technologies": true, "laboratories": true, "labs": true, "studios": true,
	"pictures": true, "partners": true, "associates": true, "enterprises": true, "solutions": true,
	"communications": true, "pharmaceuticals": true, "petroleum": true, "hospital": true, "clinic": true}

// compass words start place names inside organisations' names.
var compass = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true,
	"southern": true, "eastern": true, "western": true, "central": true, "mid": true}

// orgEnding holds orgWords (1) and orgEnds (2) in one map (filled by the
// lexicon's init, after the organisation words).
var orgEnding = map[string]byte{}

func fillOrgEnding() {
	for w := range orgWords {
		orgEnding[w] = 1
	}
	for w := range orgEnds {
		orgEnding[w] = 2
	}
}

// orgStarts extends organisations' spans back over the words the tagger
// cut off their start (see above).
func orgStarts(d *verbatim.Doc, spans []tokSpan) []tokSpan {
	drop := false
	for i := range spans {
		s := &spans[i]
		if s.Last-s.First < 2 || s.First < 1 {
			continue
		}
		last := tokText(d, s.Last-1)
		ke := lowerIn(orgEnding, last)
		if ke == 0 {
			continue
		}
		tagged := s.Type // what the tagger made of it
		if s.Type == verbatim.Misc && ke == 1 && isCap(last) && s.Last-s.First >= 3 {
			s.Type = verbatim.Organization // "Australian Transport Safety Bureau"
		}
		if s.Type == verbatim.Person && isCap(last) &&
			(GivenNameGender(tokText(d, s.First)) == 0 || lowerIn(compass, tokText(d, s.First)) || isPlaceName(tokText(d, s.First))) &&
			!isPeerage(tokText(d, s.First)) {
			s.Type = verbatim.Organization // "North Yorkshire Police" is no person
		}
		prev := -1 // the span before s, if it ends right before it
		if i > 0 && spans[i-1].Last >= s.First-2 && spans[i-1].Last > 0 {
			prev = i - 1
		}
		joined := func(a int) bool { // token a and a+1 are one space apart, one sentence
			return d.Clean[d.Tokens[a].End:d.Tokens[a+1].Start] == " " && d.Tokens[a].Kind == verbatim.Word
		}
		b := s.First - 1
		switch w := tokText(d, b); {
		case isCap(w) && joined(b) && prev >= 0 && spans[prev].Last == s.First && spans[prev].First == b &&
			spans[prev].Type != verbatim.Person && (demonymWord(w) || lowerIn(compass, w)) && tagged != verbatim.Organization:
			// "British" + "Phonographic Industry" (a person), "North" +
			// "Wales Police" (a place); not "Russian" + "Defence Ministry",
			// an organisation of its own
			spans[prev].Last = spans[prev].First
			drop = true
			s.First, s.Type = b, verbatim.Organization
		case w == "and" && joined(b) && b >= 1 && joined(b-1) && isCap(tokText(d, b-1)):
			// "Pew Internet" + "and" + "American Life Project"
			a := b - 1
			for a > 0 && b-a < 3 && joined(a-1) && isCap(tokText(d, a-1)) && !lowerIn(stopWords, tokText(d, a-1)) {
				a--
			}
			ok := !lowerIn(stopWords, tokText(d, a))
			for k := a; k < b && ok; k++ {
				w := tokText(d, k)
				ok = !lowerIn(orgWords, w) && !lowerIn(orgEnds, w) && GivenNameGender(w) == 0
			}
			if !ok {
				continue
			}
			if _, known := lookupGaz(d.Clean[d.Tokens[a].Start:d.Tokens[b-1].End]); known {
				continue // "Microsoft and Sun Microsystems": two
			}
			if prev >= 0 {
				p := spans[prev]
				if p.Last > a && (p.First < a || p.Type == verbatim.Person || p.Type == verbatim.Place) {
					continue
				}
				if p.Last > a {
					spans[prev].Last = spans[prev].First
					drop = true
				}
			}
			s.First, s.Type = a, verbatim.Organization
		}
	}
	// "Academy of Motion Picture Arts" + "and" + "Sciences": an
	// organisation's name "X of Y" goes on over "and" and common words
	for i := 0; i+1 < len(spans); i++ {
		p, s := spans[i], &spans[i+1]
		if p.Type != verbatim.Organization || p.Last-p.First < 3 || s.First != p.Last+1 || s.Last-s.First > 2 ||
			s.Type == verbatim.Person || tokText(d, p.Last) != "and" {
			continue
		}
		of := false
		for k := p.First + 1; k < p.Last-1; k++ {
			of = of || tokText(d, k) == "of"
		}
		ok := of && d.Clean[d.Tokens[p.Last-1].End:d.Tokens[p.Last].Start] == " " &&
			d.Clean[d.Tokens[p.Last].End:d.Tokens[s.First].Start] == " "
		for k := s.First; k < s.Last && ok; k++ {
			ok = isCap(tokText(d, k)) && isCommonWord(tokText(d, k))
		}
		if !ok {
			continue
		}
		s.First, s.Type = p.First, verbatim.Organization
		spans[i].Last = spans[i].First
		drop = true
	}
	if !drop {
		return spans
	}
	return dropEmpty(spans)
}

// demonymWord reports whether w is a nationality ("British").
func demonymWord(w string) bool {
	e, ok := lookupGaz(w)
	return ok && e.Type == verbatim.Group
}
