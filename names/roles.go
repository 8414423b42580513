// Roles: the titles before a name and the appositives after it that
// become Entity.Roles.

package names

import (
	"sort"
	"strings"

	"github.com/verbatim-news/verbatim"
)

// roleBefore returns the role written right before the person name starting
// at token a ("US Secretary of State", "Ukraine envoy"), or "".
func roleBefore(d *verbatim.Doc, a int) string {
	first := a
	sentFirst := sentenceStart(d, a)
	hasHead := false
	if a > sentFirst && strings.EqualFold(tokText(d, a-1), "and") {
		return "" // "the chancellor and Tony Blair": the role is the other name's
	}
	var lb, nb [48]byte
	for k := a - 1; k >= sentFirst; k-- {
		t := d.Tokens[k]
		if t.Kind != verbatim.Word {
			break
		}
		w := tokText(d, k)
		lw := lowerBytes(lb[:], w)
		if roleWords[string(lw)] {
			if roleHeads[string(lw)] {
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
		if isCap(w) && !stopWords[string(lw)] && k+1 < a {
			if next := lowerBytes(nb[:], tokText(d, k+1)); roleWords[string(next)] && string(next) != "and" {
				first = k
				continue
			}
		}
		break
	}
	// Trim function words at the start.
	for first < a {
		lw := string(lowerBytes(lb[:], tokText(d, first))) // does not escape: compared only
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
