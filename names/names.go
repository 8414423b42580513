// Package names finds people, organisations and places and groups their
// mentions into entities within one article (full names, surnames,
// misspellings, acronyms, aliases). Package coref resolves the rest of a
// reference (pronouns, descriptors) through what export.go offers.
//
// Names are found by an averaged perceptron tagger (tagger.go) trained on
// CoNLL-2003 and embedded as ner.model.gz; reproduce it with
//
//	verbatim train ner --conll ../shared/data/conll2003/train.txt --out names/ner.model.gz
//
// and measure it with `verbatim eval names` (score_ner.py's rules). The
// embedded gazetteers and lexicons in data/ (places, organisations and news
// outlets, nationalities, titles, honorifics, first names by gender) correct
// and complete the tagger: gazetteer phrases override its spans, titles are
// split off names and become Entity.Roles, first names give Entity.Gender.
// Mentions are grouped by name, surname, fuzzy surname, acronym and the
// gazetteer's aliases ("Tories", "Conservatives").
package names

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/internal/recycle"
	"github.com/verbatim-news/verbatim/text"
)

// Stage is this package's pipeline stage.
var Stage = verbatim.StageFunc{N: "names", F: Process}

// Process fills d.Mentions and d.Entities.
func Process(d *verbatim.Doc) {
	if cap(d.Mentions) == 0 && cap(d.Entities) == 0 {
		d.Mentions, d.Entities = kept.Get()
	}
	d.Mentions = d.Mentions[:0]
	d.Entities = d.Entities[:0]
	if len(d.Tokens) == 0 || len(d.Clean) != len(d.Text) {
		return
	}
	sp := spansPool.Get().(*[]tokSpan)
	defer spansPool.Put(sp)
	gp := spansPool.Get().(*[]tokSpan)
	defer spansPool.Put(gp)
	spans, gz, found := detect(d, (*sp)[:0], (*gp)[:0])
	*gp = gz[:0]
	spans = repairSpans(d, extendOrgs(d, fixSpans(d, spans, gz, found)))
	*sp = spans[:0]
	if want := len(spans) + len(spans)/2 + 8; cap(d.Mentions) < want {
		// Room for propagated names and the quote stage's resolved mentions.
		d.Mentions = make([]verbatim.Mention, 0, want)
	}
	for _, s := range spans {
		if s.Last <= s.First || s.Last > len(d.Tokens) {
			continue
		}
		sp := verbatim.Span{Start: d.Tokens[s.First].Start, End: d.Tokens[s.Last-1].End}
		m := verbatim.Mention{Span: sp, Text: d.Word(sp), Type: s.Type, Kind: verbatim.NameMention, Entity: -1}
		if s.Type == verbatim.Person {
			m.Role = roleBefore(d, s.First)
			if m.Role == "" {
				m.Role = roleAppositive(d, s.First, s.Last)
			}
		}
		d.Mentions = append(d.Mentions, m)
	}
	propagate(d)
	noiseNames(d)
	slices.SortStableFunc(d.Mentions, func(a, b verbatim.Mention) int { return cmp.Compare(a.Start, b.Start) })
	group(d)
}

// kept holds the Mentions and Entities slices of documents done with (see
// Recycle), for the next one.
var kept = recycle.NewPair[verbatim.Mention, verbatim.Entity](1 << 12)

// Recycle gives the Mentions and Entities slices of d back for reuse by
// the next document and clears them from d. Call it only when d and
// everything taken from those slices are no longer used (after writing its
// output); the entities' own slices (mentions, roles) are not reused.
func Recycle(d *verbatim.Doc) {
	kept.Put(d.Mentions, d.Entities)
	d.Mentions, d.Entities = nil, nil
}

// scratch holds the buffers of one names run, reused across documents.
type scratch struct {
	known     map[string]verbatim.EntityType
	covered   []bool
	order, nw []int
	gaz       []tokSpan // fixSpans: gazetteer phrases
	buf       []byte
	cov       []int32 // fixSpans: covered tokens
	mt        matcher
	memo      map[string]entKey // group: the keys of the names matched
}

var scratchPool = sync.Pool{New: func() any { return &scratch{known: map[string]verbatim.EntityType{}} }}

// propagate adds the names found somewhere in the document where the
// tagger missed them: the same words elsewhere, and the surnames of
// persons named in full ("Trump did not specify...").
func propagate(d *verbatim.Doc) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	known := sc.known
	clear(known)
	covered := append(sc.covered[:0], make([]bool, len(d.Tokens))...)
	sc.covered = covered
	for _, m := range d.Mentions {
		if m.Type == verbatim.Misc || m.Type == verbatim.Group {
			continue
		}
		var fa [8]string
		w := appendFields(fa[:0], m.Text)
		if m.Type == verbatim.Person && len(w) > 1 {
			known[w[len(w)-1]] = verbatim.Person
		}
		if len(w) == 1 {
			if _, ok := known[w[0]]; !ok {
				known[w[0]] = m.Type
			}
		}
	}
	for _, m := range d.Mentions {
		for i := tokenAt(d, m.Start); i >= 0 && i < len(d.Tokens) && d.Tokens[i].Start < m.End; i++ {
			covered[i] = true
		}
	}
	n := len(d.Mentions)
	for i, tk := range d.Tokens {
		if covered[i] || tk.Kind != verbatim.Word {
			continue
		}
		w := d.Clean[tk.Start:tk.End]
		if !isCap(w) {
			continue
		}
		t, ok := known[w]
		if !ok || lowerIn(stopWords, w) {
			continue
		}
		// Not inside a longer capitalised name.
		if (i > 0 && isCap(tokText(d, i-1)) && d.Tokens[i-1].Kind == verbatim.Word && !covered[i-1] && !lowerIn(stopWords, tokText(d, i-1))) ||
			(i+1 < len(d.Tokens) && isCap(tokText(d, i+1)) && d.Tokens[i+1].Kind == verbatim.Word) {
			continue
		}
		m := verbatim.Mention{Span: tk.Span, Text: w, Type: t, Kind: verbatim.NameMention, Entity: -1}
		if t == verbatim.Person {
			m.Role = roleBefore(d, i)
		}
		d.Mentions = append(d.Mentions, m)
	}
	_ = n
}

// noiseNames finds people named in short lines the cleaner blanked as
// noise — photo credits and captions ("U.S. President Donald Trump.
// Jacquelyn Martin"): a known first name and one or two capitalised words.
func noiseNames(d *verbatim.Doc) {
	var toks []verbatim.Token
	for _, n := range d.Noise {
		if n.Start < 0 || n.End > len(d.Text) || n.Len() > 160 || strings.Contains(d.Text[n.Start:n.End], "://") {
			continue
		}
		toks = text.Tokenize(d.Text, n, toks[:0])
		for i := 0; i < len(toks); {
			j := i
			for j < len(toks) && toks[j].Kind == verbatim.Word && isCap(d.Text[toks[j].Start:toks[j].End]) {
				j++
			}
			if j == i {
				i++
				continue
			}
			for k := max(i, j-3); k <= j-2; k++ {
				if genderOfFirst(d.Text[toks[k].Start:toks[k].End]) != 0 {
					sp := verbatim.Span{Start: toks[k].Start, End: toks[j-1].End}
					d.Mentions = append(d.Mentions, verbatim.Mention{Span: sp, Text: d.Text[sp.Start:sp.End], Type: verbatim.Person, Kind: verbatim.NameMention, Entity: -1})
					break
				}
			}
			i = j
		}
	}
}

// tokenAt returns the index of the token starting at byte off, or -1.
func tokenAt(d *verbatim.Doc, off int) int {
	k := sort.Search(len(d.Tokens), func(j int) bool { return d.Tokens[j].Start >= off })
	if k < len(d.Tokens) && d.Tokens[k].Start == off {
		return k
	}
	return -1
}

// spansPool holds the span slices of Process, reused across documents.
var spansPool = sync.Pool{New: func() any { return new([]tokSpan) }}

// detect appends the typed token spans of names in d to dst, and, when
// found (the tagger finds them as it prepares its features), the
// gazetteer phrases fixSpans wants to gz.
func detect(d *verbatim.Doc, dst, gz []tokSpan) (_, _ []tokSpan, found bool) {
	if m := model(); m != nil {
		return m.spansGaz(d, dst, gz)
	}
	return heuristicSpans(d, dst), gz, false
}

// fixSpans trims function words (days, months) off the ends of detected
// names and lets gazetteer phrases of organisations, misc names and
// multi-word places replace the detector's spans they overlap ("Air Force
// One", "White House", "Fox News"). When found is set, gz holds those
// phrases (gazPhrases), else fixSpans finds them.
func fixSpans(d *verbatim.Doc, spans, gz []tokSpan, found bool) []tokSpan {
	out := spans[:0]
	for _, s := range spans {
		for s.First < s.Last && trimmable(tokText(d, s.First)) && !(s.First+1 < s.Last && beginsName(tokText(d, s.First))) {
			s.First++ // not "New" of "NEW YORK"
		}
		for s.Last > s.First && trimmable(tokText(d, s.Last-1)) &&
			!(s.Last-2 >= s.First && genderOfFirst(tokText(d, s.Last-2)) != 0) { // "Theresa May"
			s.Last--
		}
		if s.Last <= s.First {
			continue
		}
		if s.Type == verbatim.Person {
			s = trimPersonSpan(d, s)
		}
		if (s.Type == verbatim.Person || s.Type == verbatim.Organization) && featurePlace(d, s.First, s.Last) {
			s.Type = verbatim.Place // "River Lenne", "Market Street"
		}
		{
			// "Trade and Industry Secretary Patricia Hewitt" tagged as one
			// name, "Palmer Public Safety Director Jon Owen" as one person:
			// the words after the last title are a person.
			k := s.Last - 1
			for k >= s.First && !lowerIn(roleHeads, tokText(d, k)) {
				k--
			}
			if k >= s.First {
				n := s.Last - k - 1
				if n >= 1 && n <= 3 && (genderOfFirst(tokText(d, k+1)) != 0 || n >= 2) {
					s = tokSpan{k + 1, s.Last, verbatim.Person}
				} else if n == 0 && s.Type != verbatim.Person {
					continue // a title alone: "Trade and Industry Secretary"
				}
			}
		}
		out = append(out, s)
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	g := sc.gaz[:0]
	buf := sc.buf[:0]
	if found {
		g = gz
	} else {
		g, buf = gazPhrases(d, g, buf)
	}
	if !found {
		sc.gaz = g[:0]
	}
	sc.buf = buf[:0] // g stays in use below, until the Put
	if len(g) == 0 {
		return out
	}
	res := make([]tokSpan, 0, len(out)+len(g))
	for _, s := range out {
		keep := true
		// g is in text order and its phrases do not overlap: the ones
		// overlapping s follow the first that ends after s.First
		from := sort.Search(len(g), func(i int) bool { return g[i].Last > s.First })
		for _, x := range g[from:] {
			if x.First >= s.Last {
				break
			}
			if s.First < x.Last && x.First < s.Last && !(s.First == x.First && s.Last == x.Last && s.Type == x.Type) {
				// A longer tagged name containing the phrase stays
				// ("Fox News Channel"), unless it is a person without
				// a known first name.
				if s.First <= x.First && s.Last >= x.Last && s.Last-s.First > x.Last-x.First &&
					(s.Type != verbatim.Person || genderOfFirst(tokText(d, s.First)) != 0) {
					continue // and a person with a first name: "Liam Fox", "Mark Webb"
				}
				keep = false
				break
			}
		}
		if keep {
			res = append(res, s)
		}
	}
	// the tokens the names kept cover, counted (cov[i]: before token i)
	cov := slices.Grow(sc.cov[:0], len(d.Tokens)+2)[:len(d.Tokens)+2]
	clear(cov)
	var empty []tokSpan
	for _, s := range res {
		switch {
		case s.First < s.Last && s.First >= 0 && s.Last <= len(d.Tokens):
			cov[s.First+1]++
			cov[s.Last+1]--
		default:
			empty = append(empty, s) // none in practice: tested one by one
		}
	}
	for i, depth := 1, int32(0); i < len(cov); i++ {
		depth += cov[i]
		cov[i] = cov[i-1]
		if depth > 0 {
			cov[i]++
		}
	}
	sc.cov = cov
	for _, x := range g {
		covered := x.First < x.Last && cov[x.Last] > cov[x.First]
		for _, s := range empty {
			if s.First < x.Last && x.First < s.Last {
				covered = true
				break
			}
		}
		if !covered {
			res = append(res, x)
		}
	}
	return res
}

// gazPhrases appends to g the gazetteer phrases of d that gazPhrase
// keeps, the longest at each capitalised word, in text order.
func gazPhrases(d *verbatim.Doc, g []tokSpan, buf []byte) ([]tokSpan, []byte) {
	for _, sn := range d.Sentences {
		for i := sn.First; i < sn.Last; i++ {
			if w := tokText(d, i); !isCap(w) || gazFirst().get(hashWord(w)) == 0 {
				continue
			}
			var n int
			var t verbatim.EntityType
			if n, t, buf = gazAt(d, i, sn.Last, buf); n > 0 && gazPhrase(t, n) {
				g = append(g, tokSpan{i, i + n, t})
				i += n - 1
			}
		}
	}
	return g, buf
}

// extendOrgs makes names joined by "&" one organisation, and a name
// followed by its acronym in brackets one
// organisation whose words spell it, over the capitalised words (and "and",
// "of", "for", "&" between them) the tagger left out or split: "The
// [Qualifications and Curriculum Authority] (QCA)", "the [World Travel and
// Tourism Council] (WTTC)". The acronym is then grouped with it.
func extendOrgs(d *verbatim.Doc, spans []tokSpan) []tokSpan {
	drop := false
	for si := range spans {
		s := &spans[si]
		// "Marsh & McLennan", "Standard & Poor's": names joined by "&"
		// are one organisation
		if s.Last+1 < len(d.Tokens) && tokText(d, s.Last) == "&" && isCap(tokText(d, s.Last+1)) && s.Last-s.First <= 3 {
			end := s.Last + 2
			if o := spanAt(spans, s.Last+1); o >= 0 && o != si && spans[o].First == s.Last+1 && spans[o].Last-spans[o].First <= 3 {
				end = spans[o].Last
				spans[o].Last = spans[o].First // absorbed
				drop = true
			}
			s.Last, s.Type = end, verbatim.Organization
		}
		if s.Last+2 >= len(d.Tokens) || tokText(d, s.Last) != "(" || tokText(d, s.Last+2) != ")" {
			continue
		}
		acr := tokText(d, s.Last+1)
		if len(acr) < 2 || !upperForm(acr) || !isCap(acr) {
			continue
		}
		lo := sentenceStart(d, s.First)
		var fa [16]string
		first := -1
		for k := s.Last - 1; k >= lo && s.Last-k <= 8; k-- {
			w := tokText(d, k)
			if d.Tokens[k].Kind != verbatim.Word || k+1 < len(d.Tokens) && k+1 < s.Last && d.Clean[d.Tokens[k].End:d.Tokens[k+1].Start] != " " {
				break
			}
			if lw := strings.ToLower(w); lw == "and" || lw == "of" || lw == "for" || w == "&" {
				continue
			}
			if !isCap(w) || k < s.First && (stopWords[strings.ToLower(w)] || roleHeads[strings.ToLower(w)]) {
				break
			}
			words := fa[:0]
			for j := k; j < s.Last; j++ {
				words = append(words, tokText(d, j))
			}
			if acronym(words) == acr || len(words) > 1 && strings.HasPrefix(acronym(words), acr) && len(acr) >= 3 {
				first = k
				break
			}
		}
		if first < 0 || first > s.First || first == s.First && s.Type == verbatim.Organization {
			continue
		}
		for k := first; k < s.Last; k++ {
			if o := spanAt(spans, k); o >= 0 && o != si {
				if spans[o].First < first {
					first = -1 // a longer name overlaps: leave it
					break
				}
				spans[o].Last = spans[o].First // absorbed
				drop = true
			}
		}
		if first >= 0 {
			s.First, s.Type = first, verbatim.Organization
		}
	}
	if !drop {
		return spans
	}
	return dropEmpty(spans)
}

// dropEmpty removes, in place, the spans a repair emptied (Last <= First).
func dropEmpty(spans []tokSpan) []tokSpan {
	out := spans[:0]
	for _, s := range spans {
		if s.Last > s.First {
			out = append(out, s)
		}
	}
	return out
}

// spanAt returns the index of the span holding token k, or -1.
func spanAt(spans []tokSpan, k int) int {
	for i, s := range spans {
		if s.First <= k && k < s.Last {
			return i
		}
	}
	return -1
}

// trimPersonSpan cuts what the tagger took into a person's name that is
// not part of it: post-nominal letters ("Frank Field MP") and the words of
// a role before a first name ("Guitarist Brian May", "Lifelong Learning
// Minister Jim Wallace", "Liberal Democrat David Laws"), which then are the
// role.
func trimPersonSpan(d *verbatim.Doc, s tokSpan) tokSpan {
	for s.Last-s.First > 2 && postNominals[tokText(d, s.Last-1)] {
		s.Last--
	}
	if s.Last-s.First >= 3 && genderOfFirst(tokText(d, s.First)) == 0 && honorifics[strings.ToLower(tokText(d, s.First))] == 0 {
		for k := s.First + 1; k < s.Last-1; k++ {
			if genderOfFirst(tokText(d, k)) != 0 {
				s.First = k
				return s
			}
		}
		// "Carnegie Mellon Professor Raj Reddy": after the last role head
		// followed by capitalised words only
		for k := s.Last - 3; k > s.First; k-- {
			if !roleHeads[strings.ToLower(tokText(d, k))] {
				continue
			}
			all := true
			for j := k + 1; j < s.Last; j++ {
				all = all && isCap(tokText(d, j)) && d.Tokens[j].Kind == verbatim.Word
			}
			if all {
				s.First = k + 1
			}
			break
		}
	}
	return s
}

// TrimPersonName returns the part of a person's name mention at sp that is
// the name: without post-nominal letters and role words before it
// ("Liberal Democrat [David Laws]", "[Andrew Tyrie] MP").
func TrimPersonName(d *verbatim.Doc, sp verbatim.Span) verbatim.Span {
	a := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].Start >= sp.Start })
	b := a
	for b < len(d.Tokens) && d.Tokens[b].End <= sp.End {
		b++
	}
	if b-a < 2 {
		return sp
	}
	t := trimPersonSpan(d, tokSpan{a, b, verbatim.Person})
	return verbatim.Span{Start: d.Tokens[t.First].Start, End: d.Tokens[t.Last-1].End}
}

// postNominals are letters written after a name ("Frank Field MP").
var postNominals = map[string]bool{"MP": true, "MEP": true, "MSP": true, "AM": true, "QC": true, "KC": true,
	"OBE": true, "MBE": true, "CBE": true, "KBE": true, "MLA": true, "TD": true}

// placeVsOrg reports whether one of two types is a place and the other an
// organisation: the tagger types a city's team or government ("Chicago
// beat Boston") apart from the city, and the two stay apart.
func placeVsOrg(a, b verbatim.EntityType) bool {
	return a == verbatim.Place && b == verbatim.Organization || a == verbatim.Organization && b == verbatim.Place
}

// beginsName reports whether w (or w in Title Case when it is in
// capitals: "NEW") is the first word of a longer gazetteer or city name.
func beginsName(w string) bool {
	if len(w) > 1 && upperForm(w) {
		w = w[:1] + strings.ToLower(w[1:])
	}
	return gazNames().get(hashWord(w))&gazMore != 0 || beginsCityName(w)
}

// trimmable reports whether a word at the edge of a name is not part of it.
func trimmable(w string) bool {
	if !lowerIn(stopWords, w) {
		return false // (most edge words: the gazetteer need not be asked)
	}
	_, named := gaz[w]
	return !named
}
