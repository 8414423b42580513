// Quote-mark regions: where quotation marks open and close, paired across
// paragraphs and styles, before any attribution is looked for.

package quotes

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// markKind: 1 opening, 2 closing, 3 ambiguous (straight double quote).
func (st *state) mark(i int) int {
	if st.toks[i].Kind != verbatim.Punct {
		return 0 // (inlined: a word)
	}
	return st.markOf(i)
}

// markOf is mark of a punctuation token.
func (st *state) markOf(i int) int {
	switch st.tok(i) {
	case "“", "«", "„":
		return 1
	case "”", "»":
		return 2
	case "\"":
		return 3
	case "`":
		if i+1 < len(st.toks) && st.tok(i+1) == "`" && st.toks[i+1].Start == st.toks[i].End {
			return 1
		}
	case "'":
		if i+1 < len(st.toks) && st.tok(i+1) == "'" && st.toks[i+1].Start == st.toks[i].End {
			return 3 // '' closes after `` and stands for both marks in NYT-style text
		}
	}
	return 0
}

// opensHere decides whether an ambiguous mark at token i opens a quote: it
// does when preceded by a space, the start or an opening bracket.
func (st *state) opensHere(i int) bool {
	p := st.toks[i].Start
	if p == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(st.s[:p])
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '—' || r == '-'
}

// reopens reports whether a straight double quote at token i, inside an open
// quotation, opens a new one instead of closing it: it stands after the end
// of a sentence and a space, and a word follows it directly (`… end up.
// "I've done …`: the quotation before never closes, as where paragraphs
// run together). A closing mark follows its sentence's punctuation directly
// (`end up."`).
func (st *state) reopens(i int) bool {
	if !st.opensHere(i) || i+1 >= len(st.toks) || st.toks[i+1].Start != st.toks[i].End ||
		!(st.isWord(i+1) || st.toks[i+1].Kind == verbatim.Punct && st.tok(i+1) == "'") {
		return false
	}
	k := i - 1
	if k < 0 || st.toks[k].End == st.toks[i].Start {
		return false
	}
	switch st.tok(k) {
	case ".", "?", "!", "…":
		return true
	}
	return false
}

// paraRange returns the token range of each paragraph.
func (st *state) paraRanges() [][2]int {
	np := len(st.d.Paragraphs)
	out := make([][2]int, np)
	for i := range out {
		out[i] = [2]int{-1, -1}
	}
	for _, s := range st.d.Sentences {
		if s.Para < 0 || s.Para >= np {
			continue
		}
		if out[s.Para][0] < 0 {
			out[s.Para][0] = s.First
		}
		out[s.Para][1] = s.Last
	}
	return out
}

func (st *state) findRegions() {
	for pi, pr := range st.paraRanges() {
		lo, hi := pr[0], pr[1]
		if pi == st.titlePara {
			continue
		}
		if lo < 0 || hi > len(st.toks) {
			continue
		}
		cur := -1
		for i := lo; i < hi; i++ {
			m := st.mark(i)
			if m == 0 {
				continue
			}
			step := 1
			if st.tok(i) == "`" || st.tok(i) == "'" {
				step = 2
			}
			if m == 1 && cur >= 0 && !st.opensHere(i) && st.tok(i) == "“" {
				m = 2 // “…,“ — an opening mark typed for a closing one
			}
			if m == 2 && cur < 0 && st.opensHere(i) && st.isWord(i+1) && st.toks[i+1].Start == st.toks[i].End {
				m = 1 // ” typed for “ where a quote opens: after a space, before a word
			}
			if m == 3 {
				if cur < 0 && st.opensHere(i) {
					m = 1
				} else if cur >= 0 && st.reopens(i) {
					m = 1
				} else if cur >= 0 {
					m = 2
				} else {
					continue
				}
			}
			if m == 1 {
				if cur >= 0 {
					// an opening mark inside an open quote: the previous
					// one was never closed and ends here; this mark opens
					// a new quotation (a floating one, whose speaker the
					// continuations give), not the rest of that one.
					st.regs[cur].close = -1
					st.setRegion(cur, st.narrationIn(st.regs[cur].open, i))
				}
				// A paragraph that opens a quote mark after one left open
				// starts a new quotation (a floating quote of the same
				// speaker, continuations() finds), not the rest of the
				// last one: the mark it opens with is no part of either.
				st.regs = append(st.regs, region{open: i, close: -1, reopens: cur >= 0})
				cur = len(st.regs) - 1
				i += step - 1
				continue
			}
			if cur >= 0 {
				st.regs[cur].close = i + step - 1
				st.setRegion(cur, i)
				cur = -1
			}
			i += step - 1
		}
		if cur >= 0 {
			// unclosed at the paragraph end: the quote ends with it (news
			// leave a quotation open when the next paragraph quotes on)
			st.setRegion(cur, st.narrationIn(st.regs[cur].open, hi))
		}
	}
	// Drop regions that never closed and never continued into a closed one:
	// keep them (a quote cut by the end of the text) only when long.
}

// narrationIn returns where the journalist's narration resumes inside a
// quotation opened at token open that never closes before token end: the
// first sentence after its first with a speech cue of a speaker not in the
// first or second person ("… the death of some people. All companies said
// they were investing …"), or end. A speaker's own "I said", "we told them"
// goes on quoting.
func (st *state) narrationIn(open, end int) int {
	for k := open + 2; k < end; k++ {
		if st.sentOf[k] == st.sentOf[k-1] || st.sentOf[k] < 0 {
			continue
		}
		_, shi := st.sentence(k)
		for c := k; c < shi && c < end && c < k+12; c++ {
			if !st.isWord(c) {
				continue
			}
			w := st.low(c)
			if w == "i" || w == "we" || w == "you" || w == "my" || w == "our" || w == "your" {
				break
			}
			if c > k && st.cue(c)&cueSpeech != 0 && kindOfCue[w] == "" {
				return k
			}
		}
	}
	return end
}

// regionAt returns the quote region holding the token that starts at offset
// off, or -1.
func (st *state) regionAt(off int) int {
	k := sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Start >= off })
	if k < len(st.toks) && st.toks[k].Start == off {
		return int(st.inQ[k])
	}
	return -1
}

// setRegion records region r as ending before token end (exclusive), and
// marks its tokens.
func (st *state) setRegion(r, end int) {
	g := &st.regs[r]
	first := g.open + 1
	if t := st.tok(g.open); (t == "`" || t == "'") && first < len(st.toks) && st.tok(first) == t {
		first = g.open + 2
	}
	if end > len(st.toks) {
		end = len(st.toks)
	}
	for k := g.open; k < end; k++ {
		st.inQ[k] = int32(r)
	}
	if g.close >= 0 {
		st.inQ[g.close] = int32(r)
	}
	if first >= end {
		g.content = verbatim.Span{}
		g.words = 0
		return
	}
	last := end - 1
	// trim a trailing comma ("“Q,” he said")
	for last > first && st.toks[last].Kind == verbatim.Punct && (st.tok(last) == "," || st.tok(last) == "'" && last == end-1) {
		last--
	}
	g.content = verbatim.Span{Start: st.toks[first].Start, End: st.toks[last].End}
	w := 0
	for k := first; k < end; k++ {
		if st.toks[k].Kind != verbatim.Punct {
			w++
		}
	}
	g.words = w
}

// ---- noun phrases ------------------------------------------------------
