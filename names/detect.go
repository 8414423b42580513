package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-news/verbatim"
)

// span of tokens [First, Last) typed by a detector.
type tokSpan struct {
	First, Last int
	Type        verbatim.EntityType
}

// tokText returns the text of token i of d (from the cleaned text).
func tokText(d *verbatim.Doc, i int) string {
	t := d.Tokens[i]
	return d.Clean[t.Start:t.End]
}

// isCap reports whether w starts with an upper-case letter (inlined for
// an ASCII first letter).
func isCap(w string) bool {
	if w != "" && w[0] < utf8.RuneSelf {
		return w[0]-'A' < 26
	}
	return isCapRune(w)
}

// isCapRune is isCap by the first rune.
func isCapRune(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// joinTokens joins the texts of tokens [a,b) with single spaces into buf.
func joinTokens(d *verbatim.Doc, a, b int, buf []byte) []byte {
	buf = buf[:0]
	for i := a; i < b; i++ {
		if i > a {
			buf = append(buf, ' ')
		}
		buf = append(buf, tokText(d, i)...)
	}
	return buf
}

// connectors may join capitalised words inside a name ("Bank of England",
// "Ludwig van Beethoven").
var connectors = map[string]bool{"of": true, "de": true, "van": true, "von": true, "der": true, "den": true,
	"al": true, "bin": true, "da": true, "di": true, "du": true, "la": true, "le": true, "y": true, "&": true, "for": true}

// heuristicSpans finds names by gazetteer look-up and capitalisation: the
// fallback when no trained model is available, and the source of typing
// hints for unknown runs.
func heuristicSpans(d *verbatim.Doc, dst []tokSpan) []tokSpan {
	var buf []byte
	for _, s := range d.Sentences {
		i := s.First
		for i < s.Last {
			w := tokText(d, i)
			if d.Tokens[i].Kind != verbatim.Word || !isCap(w) {
				i++
				continue
			}
			// Longest gazetteer match.
			matched := false
			for n := min(gazMaxTokens, s.Last-i); n >= 1; n-- {
				buf = joinTokens(d, i, i+n, buf)
				if e, ok := lookupGaz(string(buf)); ok {
					dst = append(dst, tokSpan{i, i + n, e.Type})
					i += n
					matched = true
					break
				}
			}
			if matched {
				continue
			}
			// Capitalised run.
			j := i + 1
			for j < s.Last {
				t := tokText(d, j)
				if d.Tokens[j].Kind == verbatim.Word && isCap(t) {
					if stopWords[strings.ToLower(t)] {
						break
					}
					if _, ok := lookupGaz(t); ok && j > i && !roleWords[strings.ToLower(tokText(d, j-1))] {
						break
					}
					j++
					continue
				}
				if connectors[t] && j+1 < s.Last && isCap(tokText(d, j+1)) && d.Tokens[j+1].Kind == verbatim.Word {
					j += 2
					continue
				}
				break
			}
			// Skip leading function words and role words; a role before
			// the name makes it a person.
			a := i
			role := false
			for a < j {
				lw := strings.ToLower(tokText(d, a))
				if roleWords[lw] || honorifics[lw] != 0 {
					if roleHeads[lw] || honorifics[lw] != 0 {
						role = true
					}
					a++
					continue
				}
				if stopWords[lw] {
					a++
					continue
				}
				if _, ok := lookupGaz(tokText(d, a)); ok && a+1 < j {
					a++
					continue
				}
				break
			}
			if a < j {
				// A role word inside the run ("Foreign Minister") moves the start after it.
				for k := a; k < j; k++ {
					lw := strings.ToLower(tokText(d, k))
					if roleHeads[lw] && k+1 < j {
						a, role = k+1, true
					}
				}
				typ := classify(d, a, j, role, a == s.First)
				if typ != "" {
					dst = append(dst, tokSpan{a, j, typ})
				}
			}
			i = j
		}
	}
	return dst
}

// classify types the capitalised run [a,b) by its words.
func classify(d *verbatim.Doc, a, b int, role, initial bool) verbatim.EntityType {
	first, last := tokText(d, a), tokText(d, b-1)
	if e, ok := lookupGaz(string(joinTokens(d, a, b, nil))); ok {
		return e.Type
	}
	if orgWords[strings.ToLower(last)] || (b-a > 1 && orgWords[strings.ToLower(first)]) {
		return verbatim.Organization
	}
	if role || genderOfFirst(first) != 0 {
		return verbatim.Person
	}
	if featurePlace(d, a, b) {
		return verbatim.Place
	}
	if a > 0 && honorifics[strings.ToLower(tokText(d, a-1))] != 0 {
		return verbatim.Person
	}
	if b-a == 1 {
		if len(first) >= 2 && len(first) <= 5 && upperForm(first) {
			return verbatim.Organization
		}
		if initial {
			return ""
		}
		return verbatim.Misc
	}
	if b-a <= 3 {
		return verbatim.Person
	}
	return verbatim.Misc
}
