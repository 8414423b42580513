package storekit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// The words a full-text query matched are found again in Go, in the texts
// of a page only: asking the engine (FTS5's highlight() with MATCH and a
// list of rowids) walks the query's whole doclists, which cost a page of a
// common word more than finding it. Tokens are cut and folded as the index's tokenizer
// does (unicode61, diacritics removed): runs of letters and digits, lower
// case, without accents.

// Term is what a query looks for: a word, or a phrase (words in a row);
// prefix says the last word is a prefix (tax*).
type Term struct {
	words  []string
	prefix bool
}

// QueryTerms lists the terms of a full-text query (as ftsQuery writes it)
// that a match contains: its words and phrases, without the operators,
// column names and what follows NOT.
func QueryTerms(q string) []Term {
	var terms []Term
	not := false
	add := func(s string, prefix bool) {
		ws := tokens(s)
		if len(ws) == 0 {
			return
		}
		if not {
			not = false
			return
		}
		t := Term{prefix: prefix}
		for _, w := range ws {
			t.words = append(t.words, w.fold)
		}
		terms = append(terms, t)
	}
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '"':
			j := strings.IndexByte(q[i+1:], '"')
			if j < 0 {
				j = len(q) - i - 1
			}
			prefix := i+j+2 < len(q) && q[i+j+2] == '*'
			add(q[i+1:i+1+j], prefix)
			i += j + 2
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ')' || c == ',' || c == '^' || c == '+' || c == '*':
			i++
			continue
		}
		j := i
		for j < len(q) && !strings.ContainsRune(" \t\n()\",", rune(q[j])) {
			j++
		}
		w := q[i:j]
		i = j
		switch w {
		case "NOT":
			not = true
			continue
		case "AND", "OR", "NEAR":
			continue
		}
		if k := strings.IndexByte(w, ':'); k >= 0 { // col:word
			w = w[k+1:]
		}
		prefix := strings.HasSuffix(w, "*")
		add(strings.TrimSuffix(w, "*"), prefix)
	}
	return terms
}

// token is a word of a text: its byte range and its folded form.
type token struct {
	start, end int
	fold       string
}

// tokens cuts a text into words as the tokenizer does.
func tokens(s string) []token {
	var out []token
	eachWord(s, func(start, end int) { out = append(out, token{start, end, Fold(s[start:end])}) })
	return out
}

// asciiWord marks the ASCII bytes that belong to words.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	return t
}()

// eachWord calls fn with the byte range of every word of s, in order.
func eachWord(s string, fn func(start, end int)) {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		word, n := false, 1
		if c < utf8.RuneSelf {
			word = asciiWord[c]
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			word = unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			fn(start, i)
			start = -1
		}
		i += n
	}
	if start >= 0 {
		fn(start, len(s))
	}
}

// sameWord reports whether the word w of a text is the folded word f, or
// starts with it when prefix is set, without allocating for ASCII words.
func sameWord(w, f string, prefix bool) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			w = Fold(w)
			break
		}
	}
	if prefix {
		return len(w) >= len(f) && strings.EqualFold(w[:len(f)], f)
	}
	return len(w) == len(f) && strings.EqualFold(w, f)
}

// HighlightSpans returns the byte ranges of text that the terms match, in
// text order: a word, or a phrase's words in a row as one range. It reads
// the text once and keeps only the last few words.
func HighlightSpans(text string, terms []Term) []verbatim.Span {
	if len(terms) == 0 {
		return nil
	}
	longest := 0
	for _, t := range terms {
		longest = max(longest, len(t.words))
	}
	recent := make([]verbatim.Span, 0, longest) // the last words read
	var spans []verbatim.Span
	eachWord(text, func(start, end int) {
		if len(recent) == longest {
			copy(recent, recent[1:])
			recent = recent[:longest-1]
		}
		recent = append(recent, verbatim.Span{Start: start, End: end})
		for _, t := range terms {
			n := len(t.words)
			if n > len(recent) {
				continue
			}
			ws := recent[len(recent)-n:]
			ok := true
			for k, f := range t.words {
				if !sameWord(text[ws[k].Start:ws[k].End], f, t.prefix && k == n-1) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			sp := verbatim.Span{Start: ws[0].Start, End: end}
			if k := len(spans) - 1; k >= 0 && sp.Start < spans[k].End { // overlaps the last: one range
				spans[k].Start, spans[k].End = min(spans[k].Start, sp.Start), max(spans[k].End, sp.End)
			} else {
				spans = append(spans, sp)
			}
		}
	})
	return spans
}

// HighlightQuotes sets the highlights of a page of quotes: the ranges of
// their text that the full-text query matched.
func HighlightQuotes(query string, hits []verbatim.QuoteHit) {
	terms := QueryTerms(query)
	for i := range hits {
		hits[i].Highlights = HighlightSpans(hits[i].Text, terms)
	}
}
