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
	"unicode"
	"unicode/utf8"

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
	spans := repairSpans(d, extendOrgs(d, fixSpans(d, detect(d, (*sp)[:0]))))
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

// detect appends the typed token spans of names in d to dst.
func detect(d *verbatim.Doc, dst []tokSpan) []tokSpan {
	if m := model(); m != nil {
		return m.spans(d, dst)
	}
	return heuristicSpans(d, dst)
}

// fixSpans trims function words (days, months) off the ends of detected
// names and lets gazetteer phrases of organisations, misc names and
// multi-word places replace the detector's spans they overlap ("Air Force
// One", "White House", "Fox News").
func fixSpans(d *verbatim.Doc, spans []tokSpan) []tokSpan {
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
	for _, sn := range d.Sentences {
		for i := sn.First; i < sn.Last; i++ {
			if w := tokText(d, i); !isCap(w) || gazFirst().get(hashWord(w)) == 0 {
				continue
			}
			var n int
			var t verbatim.EntityType
			if n, t, buf = gazAt(d, i, sn.Last, buf); n > 0 && (t == verbatim.Organization || t == verbatim.Misc || n > 1) {
				g = append(g, tokSpan{i, i + n, t})
				i += n - 1
			}
		}
	}
	sc.gaz, sc.buf = g[:0], buf[:0] // g stays in use below, until the Put
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
		if len(acr) < 2 || strings.ToUpper(acr) != acr || !isCap(acr) {
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
	if len(w) > 1 && strings.ToUpper(w) == w {
		w = w[:1] + strings.ToLower(w[1:])
	}
	return gazPrefixes()[w]&gazMore != 0 || cityPrefixes()[w]&gazMore != 0
}

// trimmable reports whether a word at the edge of a name is not part of it.
func trimmable(w string) bool {
	if _, ok := gaz[w]; ok {
		return false
	}
	return lowerIn(stopWords, w)
}

// roleBefore returns the role written right before the person name starting
// at token a ("US Secretary of State", "Ukraine envoy"), or "".
func roleBefore(d *verbatim.Doc, a int) string {
	first := a
	sentFirst := sentenceStart(d, a)
	hasHead := false
	if a > sentFirst && strings.EqualFold(tokText(d, a-1), "and") {
		return "" // "the chancellor and Tony Blair": the role is the other name's
	}
	for k := a - 1; k >= sentFirst; k-- {
		t := d.Tokens[k]
		w := tokText(d, k)
		lw := strings.ToLower(w)
		if t.Kind != verbatim.Word {
			break
		}
		if roleWords[lw] {
			if roleHeads[lw] {
				hasHead = true
			}
			first = k
			continue
		}
		if _, ok := lookupGaz(w); ok && isCap(w) {
			first = k
			continue
		}
		// "White House Press Secretary", "Bank of England governor"; not
		// "Hoon and Prime Minister"
		if next := strings.ToLower(tokText(d, k+1)); isCap(w) && !stopWords[lw] && k+1 < a && roleWords[next] && next != "and" {
			first = k
			continue
		}
		break
	}
	// Trim function words at the start.
	for first < a {
		lw := strings.ToLower(tokText(d, first))
		if lw == "the" || lw == "of" || lw == "and" || lw == "for" || lw == "to" || lw == "on" || lw == "at" || lw == "de" {
			first++
			continue
		}
		break
	}
	if !hasHead || first >= a {
		return ""
	}
	return d.Word(verbatim.Span{Start: d.Tokens[first].Start, End: d.Tokens[a-1].End})
}

// roleAppositive returns a role set off by commas next to the name at
// tokens [a,b): "Dmitry Peskov, the Kremlin spokesman," or "Trump's envoy
// for the Ukraine war, Steve Witkoff".
func roleAppositive(d *verbatim.Doc, a, b int) string {
	sf := sentenceStart(d, a)
	sl := len(d.Tokens)
	if k := sort.Search(len(d.Sentences), func(j int) bool { return d.Sentences[j].Last > a }); k < len(d.Sentences) {
		sl = d.Sentences[k].Last
	}
	isComma := func(i int) bool { return i >= 0 && i < len(d.Tokens) && tokText(d, i) == "," }
	// After: ", the Kremlin spokesman,"
	if b < sl && isComma(b) {
		j := b + 1
		for j < sl && (strings.EqualFold(tokText(d, j), "the") || strings.EqualFold(tokText(d, j), "a") || strings.EqualFold(tokText(d, j), "an")) {
			j++
		}
		first, head := j, -1
		for ; j < sl && j < first+8; j++ {
			if d.Tokens[j].Kind != verbatim.Word {
				break
			}
			lw := strings.ToLower(tokText(d, j))
			if roleHeads[lw] {
				head = j
			} else if !roleWords[lw] && !isCap(tokText(d, j)) && lw != "'s" && lw != "’s" {
				break
			}
		}
		if head >= 0 && (j >= sl || isComma(j) || tokText(d, j) == "." || d.Tokens[j].Kind != verbatim.Word) && head == j-1 {
			return d.Word(verbatim.Span{Start: d.Tokens[first].Start, End: d.Tokens[head].End})
		}
	}
	// Before: "envoy for the Ukraine war, Steve Witkoff"
	if a-1 > sf && isComma(a-1) {
		for h := a - 2; h >= sf && h >= a-8; h-- {
			if d.Tokens[h].Kind != verbatim.Word {
				break
			}
			if !roleHeads[strings.ToLower(tokText(d, h))] {
				continue
			}
			// Between the head and the comma: a short complement ("for
			// the Ukraine war"), not a clause.
			loose := 0
			for k := h + 1; k < a-1; k++ {
				w := tokText(d, k)
				lw := strings.ToLower(w)
				if !isCap(w) && !roleWords[lw] && !connectors[lw] {
					loose++
				}
				if roleHeads[lw] {
					loose += 2
				}
			}
			if loose > 1 || (h+1 < a-1 && !connectors[strings.ToLower(tokText(d, h+1))]) {
				break
			}
			first := h
			for k := h - 1; k >= sf; k-- {
				w := tokText(d, k)
				lw := strings.ToLower(w)
				if d.Tokens[k].Kind != verbatim.Word || lw == "the" || lw == "a" || lw == "an" {
					break
				}
				if _, ok := lookupGaz(w); roleWords[lw] || (ok && isCap(w)) {
					first = k
					continue
				}
				break
			}
			if k := first - 1; k > sf && strings.EqualFold(tokText(d, k), "as") && !isComma(b) {
				// "... his second term as US President, Tony Blair said": a
				// role after "as" inside a clause is the clause subject's,
				// unless the name is set off ("his predecessor as CEO, Jim
				// Cantalupo, died")
				break
			}
			return d.Word(verbatim.Span{Start: d.Tokens[first].Start, End: d.Tokens[a-2].End})
		}
	}
	return ""
}

// sentenceStart returns the first token of the sentence holding token i.
func sentenceStart(d *verbatim.Doc, i int) int {
	k := sort.Search(len(d.Sentences), func(j int) bool { return d.Sentences[j].Last > i })
	if k < len(d.Sentences) && d.Sentences[k].First <= i {
		return d.Sentences[k].First
	}
	return 0
}

// nameWords returns the words of a name without honorifics, a leading "the"
// and possessive endings.
func nameWords(s string) []string { return trimName(strings.Fields(s)) }

// trimName removes honorifics, a leading "the" and possessive endings from
// the words of a name (f is modified).
func trimName(f []string) []string {
	for len(f) > 1 {
		var a [48]byte
		lw := lowerBytes(a[:], f[0])
		if string(lw) == "the" || honorifics[string(lw)] != 0 || roleHeads[string(lw)] {
			f = f[1:]
			continue
		}
		break
	}
	if n := len(f); n > 0 {
		f[n-1] = strings.TrimSuffix(strings.TrimSuffix(f[n-1], "'s"), "’s")
	}
	return f
}

// key normalises a name for exact comparison: lower case, no periods.
func key(s string) string {
	s = strings.ToLower(s)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.ReplaceAll(s, ".", "")
	}
	return s
}

// canonKey returns the comparison key of a name, through the gazetteer's
// canonical form when it has one ("U.S." and "United States" agree).
func canonKey(words []string) string { return canonKeyOf(strings.Join(words, " ")) }

// canonKeyOf is canonKey of the words joined by single spaces.
func canonKeyOf(s string) string {
	if e, ok := lookupGaz(s); ok {
		return e.Key
	}
	return key(s)
}

// acronym returns the initials of the capitalised words of a name ("North
// Atlantic Treaty Organization" -> "NATO"), or "".
func acronym(words []string) string {
	if len(words) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		for len(w) > 0 { // each part of "Anti-Doping"
			part := w
			if i := strings.IndexByte(w, '-'); i >= 0 {
				part, w = w[:i], w[i+1:]
			} else {
				w = ""
			}
			if r, _ := utf8.DecodeRuneInString(part); unicode.IsUpper(r) {
				b.WriteRune(r)
			}
		}
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}

// similar reports whether two surnames are close enough to be one misspelt
// for the other ("Kellog", "Kellogg").
func similar(a, b string) bool {
	return similarLower(strings.ToLower(a), strings.ToLower(b))
}

// similarLower is similar for names already in lower case: the same first
// letter, at least five letters each, and at most one edit in five.
func similarLower(a, b string) bool {
	if a == b {
		return true
	}
	if isASCII(a) && isASCII(b) {
		return closeEnough([]byte(a), []byte(b))
	}
	return closeEnough([]rune(a), []rune(b))
}

// closeEnough reports 1 - levenshtein(a, b)/max(len) >= 0.8 for words of at
// least five letters with the same first letter.
func closeEnough[T byte | rune](a, b []T) bool {
	if len(a) < 5 || len(b) < 5 || a[0] != b[0] {
		return false
	}
	n := max(len(a), len(b))
	bound := 0 // the largest distance that passes
	for bound < n && 1-float64(bound+1)/float64(n) >= 0.8 {
		bound++
	}
	if d := len(a) - len(b); d > bound || -d > bound {
		return false
	}
	return levenshtein(a, b, bound) <= bound
}

// levenshtein returns the edit distance of a and b, or a number above
// bound as soon as the distance must exceed it.
func levenshtein[T byte | rune](a, b []T, bound int) int {
	var pa, ca [48]int
	prev, cur := pa[:], ca[:]
	if len(b)+1 > len(pa) {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur = prev[:len(b)+1], cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			low = min(low, c)
		}
		if low > bound {
			return low
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// group builds d.Entities from d.Mentions (sorted by position).
func group(d *verbatim.Doc) {
	// Longer person names first so that surnames find their full name.
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	order := slices.Grow(sc.order[:0], len(d.Mentions))[:len(d.Mentions)]
	nw := slices.Grow(sc.nw[:0], len(d.Mentions))[:len(d.Mentions)]
	sc.order, sc.nw = order, nw
	for i := range order {
		order[i] = i
		nw[i] = countWords(d.Mentions[i].Text)
	}
	slices.SortStableFunc(order, func(i, j int) int {
		if pi, pj := d.Mentions[i].Type == verbatim.Person, d.Mentions[j].Type == verbatim.Person; pi != pj {
			if pi {
				return -1
			}
			return 1
		}
		return cmp.Compare(nw[j], nw[i])
	})
	mt := &sc.mt
	mt.cache = mt.cache[:0]
	mt.idx = newMatchIndex()
	for _, mi := range order {
		m := &d.Mentions[mi]
		mt.at = m.Start
		e := mt.match(d, m.Text, m.Type)
		mt.at = -1
		name := mt.q.name // the words of m.Text joined ("" when it has none)
		if e < 0 {
			d.Entities = append(d.Entities, verbatim.Entity{Type: m.Type})
			e = len(d.Entities) - 1
		}
		attachNamed(d, mi, e, false, name)
		mt.refresh(d, e)
	}
	mt.idx = nil // names.Match tests every entity: their names change after
	// Entities in order of first mention.
	slices.SortStableFunc(d.Entities, func(a, b verbatim.Entity) int {
		return cmp.Compare(d.Mentions[a.Mentions[0]].Start, d.Mentions[b.Mentions[0]].Start)
	})
	for ei := range d.Entities {
		for _, mi := range d.Entities[ei].Mentions {
			d.Mentions[mi].Entity = ei
		}
		finish(d, ei)
	}
}

// countWords counts the white-space separated words of s.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// attach adds mention mi to entity e, keeping e's mentions in text order.
// With full set it recomputes the entity's name, roles and gender; else it
// only lets a fuller name become the entity's name.
func attach(d *verbatim.Doc, mi, e int, full bool) { attachNamed(d, mi, e, full, "") }

// attachNamed is attach given the mention's name words joined (name), when
// known, or "".
func attachNamed(d *verbatim.Doc, mi, e int, full bool, name string) {
	en := &d.Entities[e]
	at := sort.Search(len(en.Mentions), func(k int) bool { return d.Mentions[en.Mentions[k]].Start > d.Mentions[mi].Start })
	en.Mentions = append(en.Mentions, 0)
	copy(en.Mentions[at+1:], en.Mentions[at:])
	en.Mentions[at] = mi
	d.Mentions[mi].Entity = e
	if d.Mentions[mi].Kind != verbatim.NameMention {
		return
	}
	if full {
		if finished(d, en, mi, at == len(en.Mentions)-1) {
			return
		}
		finish(d, e)
		return
	}
	if n, c := countWords(d.Mentions[mi].Text), countWords(en.Name); en.Name == "" || n > c || (n == c && len(d.Mentions[mi].Text) > len(en.Name)) {
		if name == "" {
			var fa [8]string
			name = strings.Join(trimName(appendFields(fa[:0], d.Mentions[mi].Text)), " ")
		}
		en.Name = name
	}
}

// finished reports whether finish would leave entity en as it is after
// name mention mi was added to it (last: as its last in text order): a
// person named in full by a name less full (or the same), no role (or, as
// its last mention, a role it has), and a gender its first name gives or
// no honorific before mi. Coref adds a mention per speaker turn; finishing
// each would read all the others (issue 20).
func finished(d *verbatim.Doc, en *verbatim.Entity, mi int, last bool) bool {
	m := &d.Mentions[mi]
	if en.Type != verbatim.Person || m.Kind != verbatim.NameMention {
		return false
	}
	bestN := numFields(en.Name)
	if bestN < 2 || strings.Count(en.Name, " ") != bestN-1 {
		return false // not the name finish writes: words joined by one space
	}
	var fa [8]string
	w := trimName(appendFields(fa[:0], m.Text))
	// the fullest name, the first in text order of equal ones: mi's
	// place matters only when it writes another name as full
	if len(w) > bestN || len(w) == bestN && joinedLen(w) >= len(en.Name) && !joinEquals(w, en.Name) {
		return false
	}
	// roles in the order of their first mention
	if m.Role != "" && !(last && containsFold(en.Roles, m.Role)) {
		return false
	}
	var fb [8]string
	if genderOfFirst(appendFields(fb[:0], en.Name)[0]) != 0 {
		return true
	}
	if m.Start > 0 {
		if g := lowerIn(honorifics, lastWord(d.Clean[:m.Start])); g == 'm' || g == 'f' {
			return false
		}
	}
	return true
}

// finish recomputes an entity's canonical name, roles and gender.
func finish(d *verbatim.Doc, e int) {
	en := &d.Entities[e]
	best, bestN := "", 0
	en.Roles = en.Roles[:0]
	var gender byte
	for _, mi := range en.Mentions {
		m := d.Mentions[mi]
		if m.Kind != verbatim.NameMention {
			continue
		}
		var fa [8]string
		w := trimName(appendFields(fa[:0], m.Text))
		if len(w) > bestN || (len(w) == bestN && joinedLen(w) > len(best)) {
			best, bestN = strings.Join(w, " "), len(w)
		}
		if m.Role != "" && !containsFold(en.Roles, m.Role) {
			en.Roles = append(en.Roles, m.Role)
		}
		if m.Start > 0 && gender == 0 {
			// An honorific right before the mention.
			prev := lastWord(d.Clean[:m.Start])
			if g := lowerIn(honorifics, prev); g == 'm' || g == 'f' {
				gender = g
			}
		}
	}
	// The type: a person when named in full as one, else the tagger's
	// majority over the mentions (first mention breaks ties).
	if en.Type != verbatim.Person || bestN < 2 {
		var votes [8]int
		top := -1
		for _, mi := range en.Mentions {
			m := d.Mentions[mi]
			if m.Kind != verbatim.NameMention {
				continue
			}
			if m.Type == verbatim.Person && numFields(m.Text) > 1 {
				top = -2
				break
			}
			k := typeIndex(m.Type)
			votes[k]++
			if g, ok := lookupGaz(m.Text); ok && g.Type != m.Type {
				votes[typeIndex(g.Type)]++ // the gazetteer breaks ties
			}
			if top < 0 || votes[k] > votes[top] {
				top = k
			}
		}
		if top == -2 {
			en.Type = verbatim.Person
		} else if top >= 0 {
			en.Type = typeOrder[top]
		}
	}
	if best != "" {
		// The fullest name the article writes ("Conservatives", "the
		// Tories" alike: the gazetteer groups aliases); a group or misc
		// name by its gazetteer form.
		en.Name = best
		if en.Type != verbatim.Person && en.Type != verbatim.Organization && en.Type != verbatim.Place {
			if g, ok := lookupGaz(best); ok {
				en.Name = g.Canon
			}
		}
	}
	if en.Type == verbatim.Person {
		var fa [8]string
		if w := appendFields(fa[:0], en.Name); len(w) > 1 {
			if g := genderOfFirst(w[0]); g != 0 {
				gender = g
			}
		}
		if gender == 0 {
			for _, r := range en.Roles {
				for _, w := range strings.Fields(r) {
					if g := honorifics[strings.ToLower(w)]; g == 'm' || g == 'f' {
						gender = g
					}
					switch strings.ToLower(w) {
					case "spokeswoman", "chairwoman", "congresswoman":
						gender = 'f'
					case "spokesman", "chairman", "congressman":
						gender = 'm'
					}
				}
			}
		}
		en.Gender = gender
	}
}

var typeOrder = []verbatim.EntityType{verbatim.Person, verbatim.Organization, verbatim.Place, verbatim.Group, verbatim.Misc, ""}

func typeIndex(t verbatim.EntityType) int {
	for i, x := range typeOrder {
		if x == t {
			return i
		}
	}
	return len(typeOrder) - 1
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// lastWord returns the last white-space separated word of s.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \n\t\r")
	if i := strings.LastIndexAny(s, " \n\t\r"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// entKey caches the comparison forms of an entity's name.
type entKey struct {
	name        string
	n           int // number of words
	key, acr    string
	first, last string // keys of the first and last words
	lowLast     string // the last word in lower case (for similar)
	bareFirst   string // the first word without periods
	known       bool   // the name is in the gazetteer
}

// makeEntKey computes the comparison forms of the name words w (joined:
// their text joined by single spaces), with one lower-casing for the
// common ASCII names without periods.
func makeEntKey(name string, w []string, joined string) entKey {
	c := entKey{name: name, n: len(w)}
	if len(w) == 0 {
		return c
	}
	c.acr = acronym(w)
	c.bareFirst = strings.ReplaceAll(w[0], ".", "")
	g, known := lookupGaz(joined)
	c.known = known
	if known {
		c.key = g.Key
	}
	if isASCII(joined) && strings.IndexByte(joined, '.') < 0 {
		lj := strings.ToLower(joined)
		if !known {
			c.key = lj
		}
		c.first = lj[:len(w[0])]
		c.last = lj[len(lj)-len(w[len(w)-1]):]
		c.lowLast = c.last
		return c
	}
	if !known {
		c.key = key(joined)
	}
	c.first, c.last = key(w[0]), key(w[len(w)-1])
	c.lowLast = strings.ToLower(w[len(w)-1])
	return c
}

// joinEquals reports whether strings.Join(w, " ") == s.
func joinEquals(w []string, s string) bool {
	if joinedLen(w) != len(s) {
		return false
	}
	at := 0
	for i, x := range w {
		if i > 0 {
			if s[at] != ' ' {
				return false
			}
			at++
		}
		if s[at:at+len(x)] != x {
			return false
		}
		at += len(x)
	}
	return true
}

// matcher finds the entity a name refers to, caching entity keys.
type matcher struct {
	cache   []entKey
	q, prev entKey // the last two names matched (usually the next entities' names)
	// at is where the name being matched stands (a byte offset), -1 when
	// unknown: a surname two persons share goes to the one named in full
	// last before it (see nearestNamed)
	at int
	// idx, when set, finds the entities a name may match by their keys
	// (matchindex.go); else match tests every entity
	idx *matchIndex
	ks  []int // nearestNamed's candidates
}

func (mt *matcher) get(d *verbatim.Doc, ei int) *entKey {
	for len(mt.cache) <= ei {
		mt.cache = append(mt.cache, entKey{name: "\x00"})
	}
	c := &mt.cache[ei]
	if name := d.Entities[ei].Name; c.name != name {
		var fa [8]string
		w := trimName(appendFields(fa[:0], name))
		if mt.prev.n > 0 && joinEquals(w, mt.prev.name) {
			*c = mt.prev
			c.name = name
		} else if mt.q.n > 0 && joinEquals(w, mt.q.name) {
			*c = mt.q
			c.name = name
		} else {
			*c = makeEntKey(name, w, strings.Join(w, " "))
		}
	}
	return c
}

// match returns the entity a name of type t refers to, or -1.
func (mt *matcher) match(d *verbatim.Doc, text string, t verbatim.EntityType) int {
	var fa [8]string
	w := trimName(appendFields(fa[:0], text))
	if mt.q.n > 0 {
		mt.prev = mt.q
	}
	if len(w) == 0 {
		mt.q = entKey{}
		return -1
	}
	joined := strings.Join(w, " ")
	mt.q = makeEntKey(joined, w, joined)
	if mt.idx != nil {
		return mt.matchIndexed(d, w, t)
	}
	// A surname joins its person whatever the tagger called it, unless it
	// is a known place or organisation.
	best := -1
	for ei := range d.Entities {
		switch r := mt.test(d, ei, w, t); r {
		case matchYes:
			return ei
		case matchNearest:
			return nearestNamed(d, mt, ei, mt.q.last)
		case matchSimilar:
			if best < 0 {
				best = ei
			}
		}
	}
	return best
}

// what entity ei is to a name (matcher.test)
const (
	matchNo      = iota
	matchYes     // the name refers to it
	matchNearest // a surname of it: the nearest person named in full with it
	matchSimilar // a surname like its surname: the entity if no other matches
)

// test tells what entity ei is to the name of words w and type t (the
// name's keys in mt.q).
func (mt *matcher) test(d *verbatim.Doc, ei int, w []string, t verbatim.EntityType) int {
	q := &mt.q
	k, acr, first, last, bare, known := q.key, q.acr, q.first, q.last, q.bareFirst, q.known
	en := &d.Entities[ei]
	if len(en.Mentions) == 0 {
		return matchNo
	}
	c := mt.get(d, ei)
	if c.n == 0 {
		return matchNo
	}
	if c.key == k && !placeVsOrg(en.Type, t) {
		return matchYes
	}
	if en.Type == verbatim.Person && !known && (c.n > 1 || t == verbatim.Person || t == "") {
		// Surname, or surname with a compatible first name.
		if len(w) == 1 && isCap(w[0]) {
			if last == c.last {
				return matchNearest
			}
			if similarLower(q.lowLast, c.lowLast) {
				return matchSimilar
			}
			return matchNo
		}
		if len(w) > 1 && c.n > 1 && last == c.last &&
			(first == c.first || strings.HasPrefix(c.first, strings.TrimSuffix(first, "."))) {
			return matchYes
		}
	}
	if en.Type == verbatim.Organization || t == verbatim.Organization {
		if len(w) == 1 && c.acr == bare {
			return matchYes
		}
		if c.n == 1 && acr != "" && acr == c.bareFirst {
			return matchYes
		}
	}
	return matchNo
}
